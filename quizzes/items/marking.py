"""How a graded answer becomes the marks it earns in an attempt, and what certainty says about it.

Pure module: no Django imports. :func:`quizzes.items.grading.grade` gives the
*fraction* of a question's marks an answer deserves (0 to 1); this module turns
it into the question's *mark* under the quiz's rules:

- **Certainty-based marking** (CBM, Gardner-Medwin), exactly as Moodle's
  ``question_cbm::adjust_fraction`` (qbehaviour_deferredcbm): the student says
  how sure they are (low, medium, high); a right answer earns 1 / 2 / 3 times
  its fraction, a wrong one (fraction 0) earns 0 / -2 / -6, all scaled by the
  question's mark. An answer given without a certainty is marked at low, as
  Moodle assumes; an unanswered question earns 0. As in Moodle, an attempt's
  percentage is relative to every answer right at low certainty, so it runs
  from -600% to 300%.
- **Interactive mode with multiple tries** (Moodle's qbehaviour_interactive):
  the fraction of the graded try less the quiz's penalty for each wrong try
  before it, never below 0.

:func:`calibration` is Moodle's "break-down by certainty": accuracy at each
level against the range where that level is the best bet, with its judgement
(over-confident when high-certainty answers are often wrong).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

LOW, MEDIUM, HIGH = 1, 2, 3
LEVELS = (LOW, MEDIUM, HIGH)
DEFAULT_CERTAINTY = LOW  # Moodle's question_cbm::default_certainty()
LABELS = {LOW: "Low", MEDIUM: "Medium", HIGH: "High"}
# What each level means, as Moodle tells students (the probability of being right it is worth at).
MEANINGS = {LOW: "unsure, under 67%", MEDIUM: "67 to 80% sure", HIGH: "over 80% sure"}

# Moodle's question_cbm::$rightscore and $wrongscore.
RIGHT_SCORE = {LOW: 1, MEDIUM: 2, HIGH: 3}
WRONG_SCORE = {LOW: 0, MEDIUM: -2, HIGH: -6}
# The accuracy range in which each level earns the most (question_cbm::$lowlimit / $highlimit).
OPTIMAL = {LOW: (0.0, 2 / 3), MEDIUM: (2 / 3, 0.8), HIGH: (0.8, 1.0)}
# Moodle treats a fraction at or below this as wrong (float noise from partial credit).
_WRONG_AT_MOST = 0.00000005

DEFAULT_TRY_PENALTY = 1 / 3


class InvalidCertainty(ValueError):
    """A posted certainty is not one of the levels; the message says which are."""


def parse_certainty(value: object) -> int | None:
    """A certainty level from a form value ("1", "2", "3" or a level), None when blank."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise InvalidCertainty("The certainty must be low, medium or high.")
    try:
        level = int(value)
    except (TypeError, ValueError):
        raise InvalidCertainty("The certainty must be low, medium or high.") from None
    if level not in LEVELS:
        raise InvalidCertainty("The certainty must be low, medium or high.")
    return level


def cbm_fraction(fraction: float, certainty: int | None) -> float:
    """Moodle's ``question_cbm::adjust_fraction``: a graded fraction under certainty-based marking.

    ``certainty`` None is marked at :data:`DEFAULT_CERTAINTY` (low), as Moodle assumes.
    """
    level = DEFAULT_CERTAINTY if certainty is None else certainty
    if fraction <= _WRONG_AT_MOST:
        return float(WRONG_SCORE[level])
    return RIGHT_SCORE[level] * fraction


def tries_fraction(fraction: float, wrong_tries: int, penalty: float) -> float:
    """Moodle's interactive ``adjust_fraction``: the fraction less ``penalty`` per earlier wrong try, at least 0."""
    return max(0.0, fraction - wrong_tries * penalty)


def question_mark(
    fraction: float,
    *,
    answered: bool,
    mark: float = 1.0,
    cbm: bool = False,
    certainty: int | None = None,
    wrong_tries: int = 0,
    penalty: float = 0.0,
) -> float:
    """The marks one response earns: ``fraction`` of ``mark``, under CBM or the tries penalty.

    An unanswered question earns 0 under every rule (Moodle leaves it ungraded).
    """
    if not answered:
        return 0.0
    if cbm:
        return round(cbm_fraction(fraction, certainty) * mark, 6)
    return round(tries_fraction(fraction, wrong_tries, penalty) * mark, 6)


def best_mark_left(wrong_tries: int, penalty: float, mark: float = 1.0) -> float:
    """The most a right answer can still earn after ``wrong_tries`` wrong tries."""
    return round(tries_fraction(1.0, wrong_tries, penalty) * mark, 6)


# --- calibration -----------------------------------------------------------------

OK = "ok"
OVER = "over-confident"
SLIGHTLY_OVER = "a bit over-confident"
UNDER = "under-confident"
SLIGHTLY_UNDER = "a bit under-confident"


def judgement(accuracy: float, count: int, certainty: int) -> str:
    """Moodle's judgement of one certainty level: is ``accuracy`` over ``count`` answers in its range?

    Outside the range by a margin that matters (Moodle's rough significance test:
    squared distance times the number of answers above 0.5) it is over- or
    under-confident, otherwise "a bit" so.
    """
    low, high = OPTIMAL[certainty]
    if accuracy < low - 0.0000005:
        return OVER if (accuracy - low) ** 2 * count > 0.5 else SLIGHTLY_OVER
    if accuracy > high + 0.0000005:
        return UNDER if (accuracy - high) ** 2 * count > 0.5 else SLIGHTLY_UNDER
    return OK


@dataclass(frozen=True)
class LevelCalibration:
    """Answers given at one certainty level: how many, how accurate, and Moodle's judgement."""

    certainty: int
    count: int
    accuracy: float | None  # mean fraction (None when there are no answers at this level)

    @property
    def label(self) -> str:
        return LABELS[self.certainty]

    @property
    def meaning(self) -> str:
        return MEANINGS[self.certainty]

    @property
    def optimal(self) -> tuple[float, float]:
        return OPTIMAL[self.certainty]

    @property
    def judgement(self) -> str | None:
        return None if self.accuracy is None else judgement(self.accuracy, self.count, self.certainty)

    @property
    def over_confident(self) -> bool:
        return self.judgement == OVER

    # Whole percentages for a bar chart: the accuracy, and where the best range starts and how wide it is.
    @property
    def accuracy_percent(self) -> int | None:
        return None if self.accuracy is None else round(self.accuracy * 100)

    @property
    def window_start_percent(self) -> int:
        return round(self.optimal[0] * 100)

    @property
    def window_width_percent(self) -> int:
        return round(self.optimal[1] * 100) - self.window_start_percent


def calibration(answers: Iterable[tuple[int | None, float, int]]) -> list[LevelCalibration]:
    """Accuracy at each certainty level, low to high, from (certainty, total fraction, count) rows of
    answered questions: one answer is (certainty, its fraction, 1); a database can group them.

    A certainty of None counts at low, as it was marked.
    """
    counts = dict.fromkeys(LEVELS, 0)
    totals = dict.fromkeys(LEVELS, 0.0)
    for certainty, total, count in answers:
        level = DEFAULT_CERTAINTY if certainty is None else certainty
        counts[level] += count
        totals[level] += total
    return [
        LevelCalibration(level, counts[level], totals[level] / counts[level] if counts[level] else None)
        for level in LEVELS
    ]


def over_confident_groups(answers: Iterable[tuple[object, int | None, float, int]]) -> list:
    """The groups (e.g. lessons) whose high-certainty answers are over-confident by Moodle's judgement,
    from (group, certainty, total fraction, count) rows, in the order each group first appears."""
    grouped: dict = {}
    for group, *row in answers:
        grouped.setdefault(group, []).append(row)
    return [group for group, rows in grouped.items() if calibration(rows)[HIGH - 1].over_confident]


def overall_accuracy(levels: Iterable[LevelCalibration]) -> float | None:
    """The accuracy of all the answers in ``levels``, ignoring certainty."""
    rows = [row for row in levels if row.count]
    total = sum(row.count for row in rows)
    return sum(row.accuracy * row.count for row in rows) / total if total else None


def expected_mark(accuracy: float) -> float:
    """The best mean CBM mark a student of this accuracy could get with one certainty for every answer."""
    return max(accuracy * RIGHT_SCORE[level] + (1 - accuracy) * WRONG_SCORE[level] for level in LEVELS)


def cbm_bonus(average_mark: float, accuracy: float) -> float:
    """Moodle's CBM bonus: 0.1 x (mean CBM mark - the best a single certainty earns at this accuracy).

    Positive when the student told their reliable answers from their guesses.
    """
    return 0.1 * (average_mark - expected_mark(accuracy))
