"""The exam-day panel of a student's dashboard (selector): predicted recall on the exam day.

FSRS's retrievability of each studied card at the exam date (the student's own,
else the course's), per lesson and overall, the cards at risk (below the
course's target) with the fronts of the lowest few, the cards never studied
counted apart, and the days left (``quizzes.flashcards.examdate`` holds the
rules). Bounded: one query for the student's own date, then (before an exam)
one for the cards and one for the fronts of the cards most at risk.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils.safestring import SafeString

from quizzes.flashcards import examdate, examdates
from quizzes.flashcards.studyday import zone
from quizzes.items.cards import render as render_card
from quizzes.models import Card, Course, Lesson, User

SHOWN_AT_RISK = 5  # the fronts of the cards most at risk shown on the panel


@dataclass(frozen=True)
class LessonRecall:
    lesson: Lesson
    studied: int
    unstudied: int
    at_risk: int
    recall: float | None


@dataclass(frozen=True)
class CardAtRisk:
    card_id: int
    lesson: Lesson
    front: SafeString
    recall: float


@dataclass
class ExamDay:
    """What the panel shows; ``projection`` is None when the exam has passed."""

    exam_at: dt.datetime | None
    own_exam_at: dt.datetime | None
    now: dt.datetime
    target: float
    projection: examdate.Projection | None = None
    lessons: list[LessonRecall] = field(default_factory=list)
    lowest: list[CardAtRisk] = field(default_factory=list)

    @property
    def own(self) -> bool:
        """Is the date the student's own (not the course's)?"""
        return self.own_exam_at is not None

    @property
    def upcoming(self) -> bool:
        return examdate.before_exam(self.exam_at, self.now)

    days_left: int = 0  # calendar days in the student's zone: 1 on the eve, 0 on the day

    @property
    def in_last_days(self) -> bool:
        return examdate.in_last_days(self.exam_at, self.now)

    @property
    def at_risk(self) -> int:
        return self.projection.at_risk_count if self.projection else 0


def at_risk_fronts(projection: examdate.Projection) -> dict[int, SafeString]:
    """The fronts of the SHOWN_AT_RISK cards most at risk, by card id (one query, none if no card is)."""
    lowest = [card.card_id for card in projection.at_risk[:SHOWN_AT_RISK]]
    if not lowest:
        return {}
    cards = Card.objects.select_related("note").in_bulk(lowest)
    return {card_id: render_card(cards[card_id])[0] for card_id in lowest}


def exam_panel(
    *,
    user: User,
    course: Course,
    lessons: list[Lesson],
    now: dt.datetime,
    own_exam_at: dt.datetime | None,
    projection: examdate.Projection | None,
    fronts: dict[int, SafeString],
) -> ExamDay:
    """The panel from its parts, no query: the student's own date, and before the exam the
    projection at the date that counts with the fronts of the cards most at risk
    (``lessons``: the course's, in course order)."""
    panel = ExamDay(
        exam_at=examdates.effective(own_exam_at, course),
        own_exam_at=own_exam_at,
        now=now,
        target=course.exam_target,
    )
    if not panel.upcoming or projection is None:
        return panel
    tz = zone(user.timezone)
    panel.days_left = (panel.exam_at.astimezone(tz).date() - now.astimezone(tz).date()).days
    panel.projection = projection
    groups = {group.group: group for group in projection.groups}
    panel.lessons = [
        LessonRecall(lesson, group.studied, group.unstudied, group.at_risk, group.recall)
        for lesson in lessons
        if (group := groups.get(lesson.pk)) is not None
    ]
    by_id = {lesson.pk: lesson for lesson in lessons}
    panel.lowest = [
        CardAtRisk(card.card_id, by_id.get(card.group), fronts[card.card_id], card.recall)
        for card in projection.at_risk[:SHOWN_AT_RISK]
        if card.card_id in fronts
    ]
    return panel


def exam_day(*, user: User, course: Course, lessons: list[Lesson], now: dt.datetime) -> ExamDay:
    """The exam-day panel for ``user`` (``lessons``: the course's, already read by the dashboard)."""
    own = examdates.own_exam_date(user=user, course=course)
    exam_at = examdates.effective(own, course)
    projection, fronts = None, {}
    if examdate.before_exam(exam_at, now):
        projection = examdates.projection(user=user, course=course, exam_at=exam_at)
        fronts = at_risk_fronts(projection)
    return exam_panel(
        user=user,
        course=course,
        lessons=lessons,
        now=now,
        own_exam_at=own,
        projection=projection,
        fronts=fronts,
    )
