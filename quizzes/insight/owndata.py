"""Everything the app holds about a person, for them to download (selectors): JSON and CSVs.

:data:`SECTIONS` lists every kind of record about a person and the fields
exported from it; :func:`export_zip` writes one JSON document and one CSV per
section. ``tests/accounts/test_privacy.py`` fails when a model gains a field
(or a link to a person) that is neither exported here nor listed in
:data:`NOT_EXPORTED` or :data:`OTHER_LINKS` with a reason.

Secrecy holds here too: a score the quiz's review options (or an exam in
progress) keep back is left out, with the reason, until it shows on the
review page (``quizzes.assessment.secrecy``).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import zipfile
from dataclasses import dataclass

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import QuerySet
from lti_tool.models import LtiUser

from quizzes.assessment import quizbuilder, secrecy
from quizzes.insight.exports import csv_cell
from quizzes.models import (
    Attempt,
    CardBoost,
    CardState,
    LessonRead,
    Membership,
    PersonalExamDate,
    Quiz,
    Removal,
    Response,
    ReviewLog,
    User,
)

WITHHELD = "not shown yet (the quiz's review options)"


@dataclass(frozen=True)
class Section:
    """One kind of record about a person: where it is, how it leads to them, what is exported."""

    name: str
    model: type
    owner: str  # the lookup from the model to the person
    fields: tuple[str, ...]

    def rows(self, user) -> QuerySet:
        return self.model.objects.filter(**{self.owner: user.pk}).order_by("pk").values_list(*self.fields)


SECTIONS: tuple[Section, ...] = (
    Section(
        "profile",
        User,
        "pk",
        (
            "id",
            "username",
            "email",
            "first_name",
            "last_name",
            "timezone",
            "date_joined",
            "last_login",
            "is_active",
        ),
    ),
    Section("memberships", Membership, "user", ("course__title", "role", "created_at")),
    Section("removals", Removal, "user", ("course__title", "removed_at")),
    Section("lessons_read", LessonRead, "user", ("lesson__course__title", "lesson__title", "read_at")),
    Section(
        "attempts",
        Attempt,
        "user",
        (
            "id",
            "quiz__course__title",
            "quiz__title",
            "number",
            "state",
            "started_at",
            "deadline",
            "submitted_at",
            "score",
            "max_score",
            "score_before_regrade",
            "regrade__at",
        ),
    ),
    Section(
        "responses",
        Response,
        "attempt__user",
        (
            "attempt_id",
            "slot",
            "question_id",
            "version__number",
            "answer",
            "certainty",
            "tries",
            "score",
            "mark",
            "flagged",
            "answered_at",
            "scored_version__number",
            "regrade__at",
        ),
    ),
    Section(
        "card_states",
        CardState,
        "user",
        (
            "card_id",
            "card__note__course__title",
            "state",
            "step",
            "stability",
            "difficulty",
            "due",
            "last_review",
            "reps",
            "lapses",
            "suspended",
            "leech",
            "buried_until",
        ),
    ),
    Section(
        "reviews",
        ReviewLog,
        "user",
        ("card_id", "rating", "reviewed_at", "duration_ms", "kind"),
    ),
    Section(
        "cards_brought_forward",
        CardBoost,
        "user",
        ("card_id", "response_id", "created_at", "confident_error"),
    ),
    Section("exam_dates", PersonalExamDate, "user", ("course__title", "exam_at", "updated_at")),
    Section(
        "practice_sets",
        Quiz,
        "owner",
        ("id", "course__title", "title", "mode", "created_at"),
    ),
    Section(
        "lms_identities",
        LtiUser,
        "auth_user",
        (
            "registration__name",
            "sub",
            "name",
            "given_name",
            "family_name",
            "email",
            "picture_url",
            "datetime_created",
        ),
    ),
)

# Fields of the sections' models not exported, each with why (the export test reads this).
NOT_EXPORTED: dict[type, dict[str, str]] = {
    User: {
        "password": "a one-way hash: it says nothing about the person",
        "is_staff": "site administration flag, not about the person",
        "is_superuser": "site administration flag, not about the person",
        "groups": "unused",
        "user_permissions": "unused",
        "deleted_at": "empty for an account that can sign in and export",
    },
    Membership: {"id": "internal", "user": "the person", "course": "exported as its title"},
    Removal: {
        "id": "internal",
        "user": "the person",
        "course": "as its title",
        "removed_by": "a staff member's name",
    },
    LessonRead: {"id": "internal", "user": "the person", "lesson": "as its course and title"},
    Attempt: {
        "user": "the person",
        "quiz": "as its course and title",
        "seed": "the random order of the attempt, no information about the person",
        "seq": "a change counter",
        "regrade": "exported as its time",
    },
    Response: {
        "id": "internal",
        "attempt": "exported as the attempt id",
        "question": "exported as the question id",
        "version": "exported as its number",
        "scored_version": "exported as its number",
        "regrade": "exported as its time",
    },
    CardState: {
        "id": "internal",
        "user": "the person",
        "card": "exported as the card id and its course",
        "version": "a change counter",
    },
    ReviewLog: {
        "id": "internal",
        "user": "the person",
        "card": "exported as the card id",
        "state_before": "a copy of the card state before the review, kept for undo",
    },
    CardBoost: {
        "id": "internal",
        "user": "the person",
        "card": "exported as the card id",
        "response": "exported as the id of the quiz answer that brought the card forward",
    },
    PersonalExamDate: {"id": "internal", "user": "the person", "course": "exported as its title"},
    Quiz: {
        "course": "as its title",
        "owner": "the person",
        "key": "course bundle identity",
        "description": "set by educators for course quizzes",
        **{
            name: "a quiz setting, the same for every practice set"
            for name in quizbuilder.SETTINGS
            if name not in ("title", "description", "mode")  # exported, or explained above
        },
    },
    LtiUser: {
        "id": "internal",
        "registration": "exported as its name",
        "auth_user": "the person",
        "lti1p1_id_on_platform": "an LMS-internal id for LTI 1.1 migrations",
        "contexts": "the LMS courses; the memberships section lists the courses",
        "datetime_modified": "when the LMS last sent the identity",
    },
}

# Links to a person from records that are not theirs (staff work, the course's records), with why
# they are not exported; deleting the account anonymises them through the user row.
OTHER_LINKS: dict[str, str] = {
    "quizzes.Course.owner": "the course's owner, set by an administrator",
    "quizzes.Question.created_by": "authored course content",
    "quizzes.Note.created_by": "authored course content",
    "quizzes.LessonAddendum.author": "authored course content (an educator's addendum)",
    "quizzes.FlagOverride.created_by": "an educator's decision on course content",
    "quizzes.LtiCourseLink.linked_by": "a teacher's link of an LMS course",
    "quizzes.AuditEntry.actor": "the course's audit trail",
    "quizzes.AuditEntry.subject": "the course's audit trail",
    "quizzes.Regrade.by": "an educator's regrade decision",
    "quizzes.Removal.removed_by": "a staff member's action",
    "admin.LogEntry.user": "the site administrators' log",
}


def export_data(user, *, now: dt.datetime) -> dict[str, list[dict]]:
    """Everything the app holds about ``user``, section by section (see :data:`SECTIONS`), with
    the scores that may not show yet replaced by :data:`WITHHELD`."""
    data = {
        section.name: [dict(zip(section.fields, row, strict=True)) for row in section.rows(user)]
        for section in SECTIONS
    }
    withheld = set(secrecy.withheld_attempts(user, now).values_list("pk", flat=True))
    for row in data["attempts"]:
        if row["id"] in withheld:
            row["score"] = row["score_before_regrade"] = WITHHELD
    visible = secrecy.visible_results(Response.objects.filter(attempt__user=user), user=user, now=now)
    shown = set(visible.values_list("attempt_id", "slot"))
    in_progress = set(
        Attempt.objects.filter(user=user).exclude(state="submitted").values_list("pk", flat=True)
    )
    secret = set(secrecy.secret_responses(user, now).values_list("question_id", flat=True))
    for row in data["responses"]:
        tutor_feedback = row["attempt_id"] in in_progress and row["question_id"] not in secret
        if (row["attempt_id"], row["slot"]) not in shown and not tutor_feedback and row["score"] is not None:
            row["score"] = WITHHELD
    return data


def export_zip(user, *, now: dt.datetime) -> bytes:
    """A ZIP of ``data.json`` (everything) and one CSV per section."""
    data = export_data(user, now=now)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        document = {"exported_at": now, "about": "Everything MedQuiz holds about you.", **data}
        archive.writestr(
            "data.json", json.dumps(document, cls=DjangoJSONEncoder, indent=2, ensure_ascii=False)
        )
        for section in SECTIONS:
            text = io.StringIO()
            writer = csv.writer(text)
            writer.writerow(section.fields)
            for row in data[section.name]:
                writer.writerow(_cell(row[name]) for name in section.fields)
            archive.writestr(f"{section.name}.csv", text.getvalue())
    return buffer.getvalue()


def _cell(value) -> str:
    """A CSV cell: JSON for answers, ISO times, and text a spreadsheet would run as a formula defused."""
    if isinstance(value, dict | list):
        value = json.dumps(value, sort_keys=True, ensure_ascii=False)
    elif isinstance(value, dt.datetime | dt.date):
        value = value.isoformat()
    return csv_cell(value)
