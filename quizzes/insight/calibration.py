"""Calibration of a student's certainty (certainty-based marking) on their dashboard: a selector.

Accuracy at each certainty level over every answer they gave in certainty-based
marking quizzes of the course, and the lessons where their high-certainty
answers are over-confident (Moodle's judgement, quizzes.items.marking). Only
answers whose result the secrecy selector lets them see count
(``secrecy.visible_results``: the quiz's review options show the marks and no
exam in progress holds the question).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, Sum

from quizzes.assessment import secrecy
from quizzes.insight.progress import RESPONSE_SCORE, submitted_responses
from quizzes.items import marking
from quizzes.models import Course, Lesson, User


@dataclass
class Calibration:
    levels: list[marking.LevelCalibration]
    over_confident: list[Lesson] = field(default_factory=list)

    @property
    def answers(self) -> int:
        return sum(level.count for level in self.levels)


def _levels(counts: dict[int, int], totals: dict[int, float]) -> list[marking.LevelCalibration]:
    return [
        marking.LevelCalibration(
            level, counts.get(level, 0), totals[level] / counts[level] if counts.get(level) else None
        )
        for level in marking.LEVELS
    ]


def calibration(
    *, user: User, course: Course, now: dt.datetime, lessons: Iterable[Lesson] | None = None
) -> Calibration:
    """``user``'s calibration in ``course`` (two queries: grouped answers, then the flagged lessons;
    one when the caller passes the course's ``lessons``)."""
    answers = secrecy.visible_results(
        submitted_responses(course).filter(
            attempt__user=user, attempt__quiz__certainty_based_marking=True, answered_at__isnull=False
        ),
        user=user,
        now=now,
    )
    grouped = answers.values_list("question__lesson_id", "certainty").annotate(
        n=Count("id"), total=Sum(RESPONSE_SCORE)
    )
    counts: dict[int, int] = {}
    totals: dict[int, float] = {}
    by_lesson: dict[int, tuple[dict, dict]] = {}
    for lesson_id, certainty, n, total in grouped:
        level = marking.DEFAULT_CERTAINTY if certainty is None else certainty
        for bucket_counts, bucket_totals in ((counts, totals), by_lesson.setdefault(lesson_id, ({}, {}))):
            bucket_counts[level] = bucket_counts.get(level, 0) + n
            bucket_totals[level] = bucket_totals.get(level, 0.0) + (total or 0.0)
    flagged = [
        lesson_id
        for lesson_id, (lesson_counts, lesson_totals) in by_lesson.items()
        if _levels(lesson_counts, lesson_totals)[marking.HIGH - 1].over_confident
    ]
    if not flagged:
        over_confident = []
    elif lessons is not None:
        over_confident = sorted((lesson for lesson in lessons if lesson.pk in flagged), key=lambda x: x.order)
    else:
        over_confident = list(Lesson.objects.filter(pk__in=flagged).order_by("order"))
    return Calibration(levels=_levels(counts, totals), over_confident=over_confident)
