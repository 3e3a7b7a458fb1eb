"""Grades back to the LMS gradebook (Assignment and Grade Services): the grade queue (services).

``manage.py send_lti_grades`` works it, from cron or as a systemd service:

1. :func:`finalise_overdue` submits timed-out attempts of quizzes placed in an
   LMS (otherwise a student who never comes back would never be graded).
2. :func:`queue_new_grades` queues one ``GradePassback`` per submitted attempt
   of a placed quiz whose student the LMS knows (an LMS user linked to their
   account, a member of that LMS course), made after the link was placed. The
   unique constraint (attempt, link) makes this idempotent; the grade (by the
   quiz's grading method, as of that attempt) and its timestamp (the
   submission time) are fixed here, so every retry sends the same score.
   The queue is filled from the attempts themselves, so the assessment area
   needs to know nothing of LMSs and no submission can be missed.
   :func:`requeue_regraded` queues again the grade of an attempt a regrade changed.
3. :func:`send_due` posts each due grade, once at a time: a row is claimed
   with a conditional UPDATE (a lease), so two workers never send it together.
   A failure (LMS down, refused token...) is retried with exponential backoff
   (1 minute doubling up to 6 hours), forever: a grade is never dropped; the
   admin lists what waits and why. A grade whose score the student may not
   see yet (``secrecy.score_released``) waits without counting as a failure.

The LMS keeps the score with the latest timestamp, so a score sent again
after a lost reply changes nothing in the gradebook.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

import requests
from django.db import transaction
from django.db.models import F
from lti_tool.models import LtiMembership, LtiRegistration
from pylti1p3.assignments_grades import AssignmentsGradesService
from pylti1p3.exception import LtiException
from pylti1p3.grade import Grade
from pylti1p3.lineitem import LineItem
from pylti1p3.service_connector import ServiceConnector

from quizzes.accounts import audit
from quizzes.assessment import attempts, quizgrade, secrecy
from quizzes.lti.deeplinking import SCORE_MAXIMUM
from quizzes.lti.platforms import http_session
from quizzes.models import Attempt, GradePassback, LtiPlacement
from quizzes.models.lti import PassbackStatus, PlacementKind
from quizzes.models.practice import AttemptState

SCORE_SCOPE = "https://purl.imsglobal.org/spec/lti-ags/scope/score"
LINEITEM_SCOPE = "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem"
FIRST_RETRY = timedelta(minutes=1)
LONGEST_WAIT = timedelta(hours=6)
LEASE = timedelta(minutes=5)  # a claimed row is due again after this if its worker died
NOT_RELEASED_WAIT = timedelta(minutes=5)


@dataclass
class Report:
    """What one run of the worker did."""

    finalised: int = 0
    queued: int = 0
    sent: int = 0
    failed: int = 0
    waiting: int = 0
    errors: list[str] = field(default_factory=list)


def backoff(tries: int) -> timedelta:
    """How long to wait after the ``tries``-th failure: 1 min, 2, 4... up to 6 hours."""
    return min(FIRST_RETRY * 2 ** min(tries - 1, 20), LONGEST_WAIT)  # 2**20 minutes: past the cap


def finalise_overdue(*, now: datetime) -> int:
    """Submit the timed-out attempts of quizzes placed in an LMS; how many."""
    overdue = Attempt.objects.filter(
        state=AttemptState.IN_PROGRESS, deadline__lte=now, quiz__lti_placements__isnull=False
    ).distinct()
    return sum(attempts.finalise_overdue(attempt, now) for attempt in overdue)


def queue_new_grades(*, now: datetime) -> int:
    """Queue a grade for each submitted attempt of a placed quiz not queued yet; how many were queued."""
    queued = 0
    placements = LtiPlacement.objects.filter(kind=PlacementKind.QUIZ).select_related("resource_link")
    for placement in placements:
        members = LtiMembership.objects.filter(
            context_id=placement.resource_link.context_id, user__auth_user__isnull=False
        )
        lti_user_of = dict(members.values_list("user__auth_user_id", "user_id"))
        new = (
            Attempt.objects.filter(
                quiz_id=placement.quiz_id,
                state=AttemptState.SUBMITTED,
                submitted_at__gte=placement.created_at,
                user_id__in=members.values("user__auth_user_id"),
            )
            .exclude(grade_passbacks__placement=placement)
            .select_related("quiz")
            .order_by("submitted_at", "pk")
        )
        rows = [
            GradePassback(
                attempt=attempt,
                placement=placement,
                lti_user_id=lti_user_of[attempt.user_id],
                # LTI AGS takes no negative score; certainty-based marking can give one (and over 100%).
                score_given=round(max(0.0, quizgrade.grade_as_of(attempt) or 0.0), 4),
                timestamp=attempt.submitted_at,
                next_try_at=now,
            )
            for attempt in new
        ]
        queued += len(GradePassback.objects.bulk_create(rows, ignore_conflicts=True))
    return queued


def requeue_regraded(*, now: datetime) -> int:
    """Queue again the grade of each attempt a regrade changed after its grade was queued; how many.

    The row takes the new grade (as of the attempt, by the quiz's grading method) and
    the regrade's time as its timestamp, so the LMS keeps it over the old score. A row
    whose timestamp is already the regrade's is not touched again.
    """
    rows = GradePassback.objects.filter(
        attempt__regrade__isnull=False, timestamp__lt=F("attempt__regrade__at")
    ).select_related("attempt__quiz", "attempt__regrade")
    requeued = 0
    for row in rows:
        requeued += GradePassback.objects.filter(pk=row.pk, timestamp=row.timestamp).update(
            score_given=round(quizgrade.grade_as_of(row.attempt) or 0.0, 4),
            timestamp=row.attempt.regrade.at,
            status=PassbackStatus.PENDING,
            tries=0,
            next_try_at=now,
            last_error="",
        )
    return requeued


def send_due(*, now: datetime, limit: int = 500) -> Report:
    """Post the due grades to their LMSs (oldest first); what happened."""
    report = Report()
    due = (
        GradePassback.objects.filter(status=PassbackStatus.PENDING, next_try_at__lte=now)
        .select_related(
            "attempt__quiz", "lti_user", "placement__resource_link__context__deployment__registration"
        )
        .order_by("next_try_at", "pk")[:limit]
    )
    connectors: dict[int, ServiceConnector] = {}
    for row in due:
        if not _claim(row, now):
            continue
        if not secrecy.score_released(quiz=row.attempt.quiz, user=row.attempt.user_id, now=now):
            _release_claim(row, now + NOT_RELEASED_WAIT)
            report.waiting += 1
            continue
        try:
            _post(row, connectors)
        except (LtiException, requests.RequestException, KeyError, ValueError) as error:
            _failed(row, now, error)
            report.failed += 1
            report.errors.append(f"attempt {row.attempt_id}: {error}")
        else:
            _sent(row, now)
            report.sent += 1
    return report


def _claim(row: GradePassback, now: datetime) -> bool:
    """Take the row for this worker (True) unless another one took it since it was read."""
    claimed = GradePassback.objects.filter(
        pk=row.pk, status=PassbackStatus.PENDING, next_try_at=row.next_try_at
    ).update(next_try_at=now + LEASE)
    return claimed == 1


def _sent(row: GradePassback, now: datetime) -> None:
    """Mark the grade sent, with its audit entry, in one transaction."""
    with transaction.atomic():
        GradePassback.objects.filter(pk=row.pk).update(status=PassbackStatus.SENT, sent_at=now, last_error="")
        audit.record(
            course=row.attempt.quiz.course_id,
            action=audit.ACTIONS.LTI_GRADE_SENT,
            subject=row.attempt.user_id,
            obj=row.attempt.quiz,
            object_type="attempt",
            object_id=row.attempt_id,
            after={"score_given": row.score_given, "lms_link": row.placement_id, "tries": row.tries + 1},
        )


def _release_claim(row: GradePassback, when: datetime) -> None:
    GradePassback.objects.filter(pk=row.pk).update(next_try_at=when)


def _failed(row: GradePassback, now: datetime, error: Exception) -> None:
    tries = row.tries + 1
    GradePassback.objects.filter(pk=row.pk).update(
        tries=F("tries") + 1, next_try_at=now + backoff(tries), last_error=str(error)[:2000]
    )


def _post(row: GradePassback, connectors: dict[int, ServiceConnector]) -> None:
    """Post one grade (making the LMS grade column first if the link has none)."""
    context = row.placement.resource_link.context
    registration: LtiRegistration = context.deployment.registration
    if registration.pk not in connectors:
        connectors[registration.pk] = ServiceConnector(registration.to_registration(), http_session())
    scopes = [SCORE_SCOPE] + ([LINEITEM_SCOPE] if context.can_manage_lineitems else [])
    line_item = row.placement.line_item_url or _make_line_item(
        row.placement, connectors[registration.pk], scopes
    )
    service = AssignmentsGradesService(connectors[registration.pk], {"scope": scopes, "lineitem": line_item})
    grade = (
        Grade()
        .set_score_given(row.score_given)
        .set_score_maximum(SCORE_MAXIMUM)
        .set_activity_progress("Completed")
        .set_grading_progress("FullyGraded")
        .set_timestamp(row.timestamp.isoformat())
        .set_user_id(row.lti_user.sub)
    )
    service.put_grade(grade)


def _make_line_item(placement: LtiPlacement, connector: ServiceConnector, scopes: list[str]) -> str:
    """Find or make the LMS grade column of a link that launched without one; its URL (saved)."""
    context = placement.resource_link.context
    if not (context.lineitems_url and context.can_manage_lineitems):
        raise LtiException(
            "This LMS link has no grade column and MedQuiz may not make one: in the LMS, let the "
            "activity accept grades from the tool (Moodle) or make it an assignment (Canvas)."
        )
    service = AssignmentsGradesService(connector, {"scope": scopes, "lineitems": context.lineitems_url})
    wanted = (
        LineItem()
        .set_label(placement.quiz.title)
        .set_score_maximum(SCORE_MAXIMUM)
        .set_resource_link_id(placement.resource_link.id_on_platform)
        .set_resource_id(f"medquiz-quiz-{placement.quiz_id}")
        .set_tag("medquiz")
    )
    found = service.find_or_create_lineitem(wanted, find_by="resource_link_id")
    LtiPlacement.objects.filter(pk=placement.pk).update(line_item_url=found.get_id())
    placement.line_item_url = found.get_id()
    return placement.line_item_url
