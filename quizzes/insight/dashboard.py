"""A student's dashboard in one course: lesson progress, quiz history and the flashcard panel.

Built from the definitions in progress.py (lessons, quizzes) and cardstats.py
(flashcards), in a fixed number of queries. The card side (cardpanel.py) comes
from the cache while nothing it depends on changed; what the quiz review options
decide (accuracy, scores, calibration) is read fresh on every view.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from quizzes.insight import cardpanel
from quizzes.insight.calibration import Calibration, calibration
from quizzes.insight.cardstats import CardSummary
from quizzes.insight.examday import ExamDay, exam_panel
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
    panel: cardpanel.CardPanel
    calibration: Calibration
    exam: ExamDay

    @property
    def cards(self) -> CardSummary:
        return self.panel.summary

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
    """Everything the progress page shows for one student: four queries (two fewer before their
    first submitted quiz), and the card side's own (cardpanel.build) when it is not in the cache."""
    now = now or timezone.now()
    versions = cardpanel.versions(user=user, course=course, now=now)
    panel = cardpanel.card_panel(user=user, course=course, now=now, versions=versions)
    if versions.submitted_attempts:
        answers = visible_answers(user=user, course=course, now=now)  # for the lessons and the calibration
        quizzes = quiz_history(user=user, course=course, now=now)
    else:  # nothing submitted in the course: no result to show, none to ask the secrecy selector about
        answers, quizzes = [], []
    lessons = lesson_progress(user=user, course=course, now=now, answers=answers, counts=panel.counts)
    course_lessons = [row.lesson for row in lessons]
    return Dashboard(
        user=user,
        course=course,
        lessons=lessons,
        weakest=weakest_lessons(lessons),
        quizzes=quizzes,
        panel=panel,
        calibration=calibration(answers=answers, lessons=course_lessons),
        exam=exam_panel(
            user=user,
            course=course,
            lessons=course_lessons,
            now=now,
            own_exam_at=versions.own_exam_at,
            projection=panel.projection,
            fronts=panel.fronts,
        ),
    )
