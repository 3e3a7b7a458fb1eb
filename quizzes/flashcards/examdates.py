"""Exam dates (services and selectors): the course's, set by its lead, and a student's own.

A course lead sets the course's exam date and the target recall (below it a card
is "at risk" on the dashboard); the change is in the audit trail. A student may
set their own date, which overrides the course's for their scheduling and their
dashboard, and clear it to fall back on the course's. What the date does is in
``examdate`` (pure): capping intervals, the last days, the exam-day projection.
"""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

from django.db import transaction
from django.db.models import F, FilteredRelation, Q

from quizzes.accounts import audit
from quizzes.flashcards import examdate, scheduling
from quizzes.models import Card, CardState, Course, PersonalExamDate
from quizzes.models.audit import AuditAction


def own_exam_date(*, user, course: Course) -> dt.datetime | None:
    """The student's own exam date in ``course`` (None: they have not set one)."""
    return PersonalExamDate.objects.filter(user=user, course=course).values_list("exam_at", flat=True).first()


def effective(own: dt.datetime | None, course: Course) -> dt.datetime | None:
    """The exam date that counts for a student: their own, else the course's."""
    return own if own is not None else course.exam_at


def exam_date(*, user, course: Course) -> dt.datetime | None:
    """The exam date that counts for ``user`` in ``course`` (one query)."""
    return effective(own_exam_date(user=user, course=course), course)


def set_course_exam(*, course: Course, exam_at: dt.datetime | None, target: float, by) -> bool:
    """Set (or clear, with None) the course's exam date and its target recall; the change is
    audited. Returns whether anything changed."""
    before = {"exam_at": course.exam_at, "exam_target": course.exam_target}
    after = {"exam_at": exam_at, "exam_target": target}
    changed_before, changed_after = audit.changes(before, after)
    if not changed_after:
        return False
    with transaction.atomic():
        course.exam_at, course.exam_target = exam_at, target
        course.full_clean(validate_unique=False, validate_constraints=False)
        course.save(update_fields=["exam_at", "exam_target"])
        audit.record(
            course=course,
            action=AuditAction.EXAM_DATE,
            actor=by,
            obj=course,
            before=changed_before,
            after=changed_after,
        )
    return True


def set_own_exam(*, user, course: Course, exam_at: dt.datetime | None) -> None:
    """Set the student's own exam date in ``course``, or clear it (None) to follow the course's."""
    if exam_at is None:
        PersonalExamDate.objects.filter(user=user, course=course).delete()
        return
    PersonalExamDate.objects.update_or_create(user=user, course=course, defaults={"exam_at": exam_at})


def projection(*, user, course: Course, exam_at: dt.datetime) -> examdate.Projection:
    """``user``'s predicted recall in ``course`` on ``exam_at``, per lesson (by lesson id, in
    lesson order) and overall, with the cards at risk (below ``course.exam_target``), in one
    query. Suspended cards are left out; a card never reviewed is counted as unstudied."""
    rows = (
        Card.objects.published_in(course)
        .annotate(own=FilteredRelation("states", condition=Q(states__user=user)))
        .filter(Q(own__suspended=False) | Q(own__isnull=True))
        .order_by("note__lesson__order", "note__lesson_id", "note_id", "ord")
        .values_list("note__lesson_id", "pk", "own__stability", "own__last_review")
    )
    # Retrievability needs only the stability and the last review (None: never reviewed).
    cards = (
        (lesson_id, card_id, SimpleNamespace(stability=stability, last_review=last_review))
        for lesson_id, card_id, stability, last_review in rows
    )
    return examdate.projection(
        scheduling.scheduler_for(course, fuzz=False), cards, exam_at=exam_at, target=course.exam_target
    )


def study_at_risk(*, user, course: Course, now: dt.datetime) -> tuple[int, int]:
    """Make the student's cards at risk on exam day due now, so that today's study brings them
    up (no review is recorded: FSRS learns from the early review itself). Returns how many were
    at risk and how many of them were brought forward (the others were due already)."""
    exam_at = exam_date(user=user, course=course)
    if not examdate.before_exam(exam_at, now):
        return 0, 0
    at_risk = [card.card_id for card in projection(user=user, course=course, exam_at=exam_at).at_risk]
    moved = CardState.objects.filter(
        user=user, card_id__in=at_risk, last_review__isnull=False, suspended=False, due__gt=now
    ).update(due=now, version=F("version") + 1)
    return len(at_risk), moved
