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
        return len(self.projection.at_risk) if self.projection else 0


def exam_day(*, user: User, course: Course, lessons: list[Lesson], now: dt.datetime) -> ExamDay:
    """The exam-day panel for ``user`` (``lessons``: the course's, already read by the dashboard)."""
    own = examdates.own_exam_date(user=user, course=course)
    panel = ExamDay(
        exam_at=examdates.effective(own, course), own_exam_at=own, now=now, target=course.exam_target
    )
    if not panel.upcoming:
        return panel
    tz = zone(user.timezone)
    panel.days_left = (panel.exam_at.astimezone(tz).date() - now.astimezone(tz).date()).days
    panel.projection = projection = examdates.projection(user=user, course=course, exam_at=panel.exam_at)
    by_id = {lesson.pk: lesson for lesson in lessons}
    panel.lessons = [
        LessonRecall(by_id[group.group], group.studied, group.unstudied, group.at_risk, group.recall)
        for group in projection.groups
        if group.group in by_id
    ]
    lowest = projection.at_risk[:SHOWN_AT_RISK]
    if lowest:
        cards = Card.objects.select_related("note").in_bulk([card.card_id for card in lowest])
        panel.lowest = [
            CardAtRisk(card.card_id, by_id.get(card.group), render_card(cards[card.card_id])[0], card.recall)
            for card in lowest
        ]
    return panel
