"""A student's dashboard in one course: lesson progress, quiz history and the flashcard panel.

Built from the definitions in progress.py (lessons, quizzes) and cardstats.py
(flashcards), in a fixed number of queries.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from quizzes.insight.calibration import Calibration, calibration
from quizzes.insight.cardstats import CardSummary, card_summary
from quizzes.insight.examday import ExamDay, exam_day
from quizzes.insight.progress import (
    LessonProgress,
    QuizResult,
    lesson_progress,
    quiz_history,
    regraded,
    visible_answers,
    weakest_lessons,
)
from quizzes.models import Course, User


@dataclass
class Dashboard:
    user: User
    course: Course
    lessons: list[LessonProgress]
    weakest: list[LessonProgress]
    quizzes: list[QuizResult]
    cards: CardSummary
    calibration: Calibration
    exam: ExamDay

    @property
    def overall_mastery(self) -> float | None:
        if not self.lessons:
            return None
        return sum(row.mastery for row in self.lessons) / len(self.lessons)

    @property
    def regraded(self) -> list[QuizResult]:
        """Quiz results a regrade changed, that the student may see now."""
        return regraded(self.quizzes)

    @property
    def lessons_read(self) -> int:
        return sum(row.is_read for row in self.lessons)


def dashboard(*, user: User, course: Course, now: dt.datetime | None = None) -> Dashboard:
    """Everything the progress page shows for one student (a fixed number of queries)."""
    now = now or timezone.now()
    answers = visible_answers(user=user, course=course, now=now)  # for the lessons and the calibration
    lessons = lesson_progress(user=user, course=course, now=now, answers=answers)
    return Dashboard(
        user=user,
        course=course,
        lessons=lessons,
        weakest=weakest_lessons(lessons),
        quizzes=quiz_history(user=user, course=course, now=now),
        # The lessons already counted the course's cards and loaded the lessons.
        cards=card_summary(user=user, course=course, now=now, total_cards=sum(row.cards for row in lessons)),
        calibration=calibration(
            user=user, course=course, now=now, lessons=[row.lesson for row in lessons], answers=answers
        ),
        exam=exam_day(user=user, course=course, lessons=[row.lesson for row in lessons], now=now),
    )
