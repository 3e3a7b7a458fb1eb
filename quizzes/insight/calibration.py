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

from quizzes.insight.progress import visible_answers
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
    *,
    user: User,
    course: Course,
    now: dt.datetime,
    lessons: Iterable[Lesson] | None = None,
    answers: list[tuple] | None = None,
) -> Calibration:
    """``user``'s calibration in ``course``: their answers (``progress.visible_answers``, one
    query unless the caller passes them), then the flagged lessons (a query unless the caller
    passes the course's ``lessons``)."""
    if answers is None:
        answers = visible_answers(user=user, course=course, now=now)
    grouped = [
        (lesson_id, certainty, n, total)
        for lesson_id, certainty, calibrated, n, total, *_ in answers
        if calibrated
    ]
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
