"""Calibration of a student's certainty (certainty-based marking) on their dashboard: a selector.

Accuracy at each certainty level over every answer they gave in certainty-based
marking quizzes of the course, and the lessons where their high-certainty
answers are over-confident: Moodle's judgement, computed by quizzes.items.marking
from the grouped answers. Only answers whose result the secrecy selector lets
them see count (``progress.visible_answers``, through ``secrecy.visible_results``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from quizzes.items import marking
from quizzes.models import Lesson


@dataclass
class Calibration:
    levels: list[marking.LevelCalibration]
    over_confident: list[Lesson] = field(default_factory=list)

    @property
    def answers(self) -> int:
        return sum(level.count for level in self.levels)


def calibration(*, answers: list[tuple], lessons: Iterable[Lesson]) -> Calibration:
    """The calibration from ``answers`` (rows of ``progress.visible_answers``), the over-confident
    lessons among the course's ``lessons`` in course order (no query)."""
    rows = [
        (lesson_id, certainty, total or 0.0, n)
        for lesson_id, certainty, calibrated, n, total, *_ in answers
        if calibrated
    ]
    flagged = set(marking.over_confident_groups(rows))
    return Calibration(
        levels=marking.calibration(row[1:] for row in rows),
        over_confident=[lesson for lesson in lessons if lesson.pk in flagged],
    )
