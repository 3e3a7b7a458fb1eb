"""A person's own data: the export is complete against the models; deleting an account leaves no
personal data in the database while item statistics and cohort figures stay as they were."""

import datetime as dt
import io
import json
import zipfile

import pytest
from axes.models import AccessLog
from django.apps import apps
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth import authenticate
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Cast
from django.utils import timezone
from lti_tool.models import LtiUser

from quizzes.accounts import memberships, privacy
from quizzes.assessment import practice, secrecy
from quizzes.insight import itemanalysis, owndata, reports
from quizzes.models import AuditEntry, User
from quizzes.models.audit import AuditAction
from quizzes.models.people import Role
from tests.assessment.regrades import take
from tests.factories import (
    CardFactory,
    CardStateFactory,
    CourseFactory,
    LessonReadFactory,
    LtiRegistrationFactory,
    MembershipFactory,
    NoteFactory,
    QuestionFactory,
    QuizFactory,
    QuizItemFactory,
    RemovalFactory,
    ReviewLogFactory,
    UserFactory,
)

NOW = timezone.now()
NEEDLES = ("zquixwort", "zebulon.quixwort@example.net", "Zebulon", "Quixwort")


def covered(lookups) -> set[str]:
    """The model fields an export's lookups read (``quiz__title`` reads ``quiz``)."""
    return {lookup.split("__")[0].removesuffix("_id") for lookup in lookups}


def unexported(model, fields: list[str], section_fields) -> list[str]:
    """Fields of ``model`` neither exported nor listed in owndata.NOT_EXPORTED with a reason."""
    reasons = owndata.NOT_EXPORTED.get(model, {})
    return [name for name in fields if name not in covered(section_fields) and name not in reasons]


def field_names(model) -> list[str]:
    return [field.name for field in model._meta.get_fields() if field.concrete or field.many_to_many]


def test_every_field_of_every_exported_model_is_exported_or_explained():
    missing = {
        section.model.__name__: unexported(section.model, field_names(section.model), section.fields)
        for section in owndata.SECTIONS
    }

    assert {model: names for model, names in missing.items() if names} == {}


def test_a_new_personal_field_that_is_not_exported_fails_the_check():
    section = next(section for section in owndata.SECTIONS if section.model is User)

    assert unexported(User, [*field_names(User), "date_of_birth"], section.fields) == ["date_of_birth"]


def test_every_link_to_a_person_is_exported_or_explained():
    exported = {(section.model, section.owner.split("__")[0]) for section in owndata.SECTIONS}
    unexplained = [
        f"{model._meta.label}.{field.name}"
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if field.concrete
        and field.is_relation
        and field.related_model is User
        and (model, field.name) not in exported
        and f"{model._meta.label}.{field.name}" not in owndata.OTHER_LINKS
    ]

    assert unexplained == []


@pytest.fixture
def zebulon(course, lesson, educator):
    """A student with something of every kind: attempts and answers, cards, reviews, a practice set,
    a read lesson, a removal elsewhere, an LMS identity, log-in records and an admin log line."""
    user = UserFactory(
        username="zquixwort", email="zebulon.quixwort@example.net", first_name="Zebulon", last_name="Quixwort"
    )
    memberships.join(user=user, course=course)
    question = QuestionFactory(course=course, lesson=lesson)
    quiz = QuizFactory(course=course, mode="tutor", pass_mark=50)
    QuizItemFactory(quiz=quiz, question=question)
    take(quiz, user, {question.pk: "Right answer"})
    card = CardFactory(note=NoteFactory(course=course, lesson=lesson))
    CardStateFactory(user=user, card=card)
    ReviewLogFactory(user=user, card=card)
    LessonReadFactory(user=user, lesson=lesson)
    QuestionFactory(course=course, lesson=lesson)  # unused: the practice set draws it
    practice_set = practice.build(
        course=course,
        user=user,
        lessons=[lesson],
        kinds=["single"],
        sources=list(practice.SOURCES),
        count=1,
        now=NOW,
    )
    RemovalFactory(user=user, course=CourseFactory())
    LtiUser.objects.create(
        registration=LtiRegistrationFactory(),
        sub="lms-77",
        auth_user=user,
        name="Zebulon Quixwort",
        given_name="Zebulon",
        family_name="Quixwort",
        email="zebulon.quixwort@example.net",
    )
    AccessLog.objects.create(username="zquixwort", ip_address="10.0.0.7", user_agent="test", attempt_time=NOW)
    LogEntry.objects.create(
        user=educator,
        content_type=ContentType.objects.get_for_model(User),
        object_id=str(user.pk),
        object_repr=user.username,
        action_flag=CHANGE,
        change_message="Changed email.",
    )
    return {"user": user, "quiz": quiz, "question": question, "practice_set": practice_set}


def test_the_export_holds_everything_as_json_and_csv(zebulon):
    user = zebulon["user"]

    archive = zipfile.ZipFile(io.BytesIO(owndata.export_zip(user, now=NOW)))

    names = set(archive.namelist())
    assert names == {"data.json"} | {f"{section.name}.csv" for section in owndata.SECTIONS}
    data = json.loads(archive.read("data.json"))
    assert data["profile"][0]["email"] == "zebulon.quixwort@example.net"
    assert {row["role"] for row in data["memberships"]} == {"student"}
    assert len(data["attempts"]) >= 1 and data["responses"][0]["answer"]["choice"].startswith("c")
    assert len(data["card_states"]) == 1 and len(data["reviews"]) == 1
    assert len(data["lessons_read"]) == 1 and len(data["removals"]) == 1
    assert [row["id"] for row in data["practice_sets"]] == [zebulon["practice_set"].pk]
    assert data["lms_identities"][0]["sub"] == "lms-77"
    responses_csv = archive.read("responses.csv").decode().splitlines()
    assert responses_csv[0].startswith("attempt_id,slot,question_id")


def _text_columns():
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, models.CharField | models.TextField | models.JSONField):
                yield model, field.name


def where_found(needles) -> list[str]:
    """Every table and text column that holds one of ``needles`` (case-insensitive)."""
    found = []
    for model, name in _text_columns():
        texts = model._default_manager.annotate(as_text=Cast(name, models.TextField()))
        for needle in needles:
            if texts.filter(as_text__icontains=needle).exists():
                found.append(f"{model._meta.label}.{name}: {needle}")
    return found


def test_deleting_an_account_leaves_no_personal_data_in_any_text_column(zebulon):
    assert where_found(NEEDLES)  # the search finds them before

    privacy.delete_account(zebulon["user"], now=NOW, by=zebulon["user"])

    assert where_found(NEEDLES) == []


def test_deleting_keeps_item_statistics_and_cohort_figures(zebulon, course):
    before_items = itemanalysis.item_analysis(zebulon["quiz"], "all")
    before_cohort = reports.cohort(course, now=NOW)

    privacy.delete_account(zebulon["user"], now=NOW, by=zebulon["user"])

    after_items = itemanalysis.item_analysis(zebulon["quiz"], "all")
    after_cohort = reports.cohort(course, now=NOW)
    assert after_items.analysis == before_items.analysis and after_items.attempts == before_items.attempts
    assert [row.scores for row in after_cohort.rows] == [row.scores for row in before_cohort.rows]
    assert len(after_cohort.rows) == len(before_cohort.rows)
    assert "deleted student" in [row.name for row in after_cohort.rows]


def test_a_deleted_account_cannot_sign_in_by_password_or_lms(zebulon, rf):
    user = zebulon["user"]

    privacy.delete_account(user, now=NOW, by=user)

    user.refresh_from_db()
    signed_in = authenticate(
        rf.post("/accounts/login/"), username="zquixwort", password="correct horse battery staple"
    )
    assert signed_in is None
    assert not user.is_active and not user.has_usable_password()
    assert str(user) == "deleted student"
    assert LtiUser.objects.get(sub="lms-77").auth_user is None
    assert AuditEntry.objects.filter(action=AuditAction.ACCOUNT_DELETED, subject=user).count() == 1


def test_the_only_educator_of_a_course_cannot_delete_their_account(course, educator):
    with pytest.raises(ValidationError, match="only educator of “Calcinosis cutis”"):
        privacy.delete_account(educator, now=NOW, by=educator)

    educator.refresh_from_db()
    assert educator.is_active and educator.deleted_at is None


def test_an_educator_with_a_colleague_can(course, educator):
    MembershipFactory(course=course, role=Role.EDUCATOR)

    privacy.delete_account(educator, now=NOW, by=educator)

    educator.refresh_from_db()
    assert educator.deleted_at == NOW


def test_inactive_accounts_are_those_unused_for_the_retention_period(db):
    old = UserFactory(last_login=NOW - dt.timedelta(days=7 * 366))
    never = UserFactory(last_login=None)
    User.objects.filter(pk=never.pk).update(date_joined=NOW - dt.timedelta(days=7 * 366))
    UserFactory(last_login=NOW - dt.timedelta(days=30))
    UserFactory(last_login=NOW - dt.timedelta(days=8 * 366), is_superuser=True)

    assert list(privacy.inactive_accounts(years=6, now=NOW)) == [old, never]


def test_the_export_keeps_back_scores_the_review_options_withhold(course, lesson, student):
    question = QuestionFactory(course=course, lesson=lesson)
    exam = QuizFactory(course=course, mode="exam", **secrecy.review_defaults("exam"))
    exam.review_after_score = exam.review_open_score = False  # nothing until the quiz closes
    exam.save()
    QuizItemFactory(quiz=exam, question=question)
    attempt = take(exam, student, {question.pk: "Wrong one"})

    data = owndata.export_data(student, now=NOW)

    assert attempt.score == 0.0
    assert [row["score"] for row in data["attempts"]] == [owndata.WITHHELD]
    assert [row["score"] for row in data["responses"]] == [owndata.WITHHELD]
    assert data["responses"][0]["answer"] is not None  # their own answer is theirs
