"""Item analysis: Moodle's quiz statistics, as defined in the shared reference
(``item-statistics.md``), so our figures can be compared with a Moodle site's.

Pure module: no Django imports. Input is a score matrix: one row per counted
attempt (the caller picks first, highest, last or all attempts), one column
per question, each cell the fraction of that question's marks the attempt got
(0..1). A question's marks are weighted by its max mark (default 1) to make
the attempt total ``T``. The rest of the test for question j is
``R = T - max_mark_j * x``. Variances and covariances divide by ``s - 1``.

``None`` marks a question that was not in an attempt (drawn at random for
others). As in Moodle's per-question statistics, such an attempt is left out
of that question's statistics (``s`` counts the attempts that saw it), and the
attempt's total is the sum of the questions it had. An unanswered question
that *was* in the attempt is a 0, not None: the caller must say so.
Cronbach's alpha needs every attempt to hold the same questions, so it is
None for a matrix with gaps (use one column per quiz slot instead).

Units follow Moodle and the reference: facility index and standard deviation
are fractions (0..1, shown as percentages); discrimination index,
discriminative efficiency, the coefficient of internal consistency (CIC, i.e.
Cronbach's alpha) and the error ratio are already percentages (x100).
Anything that cannot be computed (fewer than two attempts, zero variance) is
None rather than an error.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from quizzes.items.grading import MATCHING, MULTIPLE, SINGLE, TRUE_FALSE

Scores = Sequence[float | None]
Matrix = Sequence[Sequence[float | None]]

# Moodle's rules of thumb (see the reference); discrimination is in percent.
FACILITY_LOW = 0.2
FACILITY_HIGH = 0.9
DISCRIMINATION_LOW = 20.0


@dataclass(frozen=True)
class ItemStats:
    """Statistics of one question (column ``item`` of the matrix)."""

    item: int
    s: int
    facility: float | None
    sd: float | None
    discrimination: float | None
    efficiency: float | None


@dataclass(frozen=True)
class QuizStats:
    """Distribution of attempt totals; skewness and kurtosis from k-statistics."""

    count: int
    mean: float | None
    median: float | None
    sd: float | None
    skewness: float | None
    kurtosis: float | None


@dataclass(frozen=True)
class Analysis:
    """Everything the item-analysis page shows for one quiz."""

    items: tuple[ItemStats, ...]
    totals: tuple[float, ...]
    quiz: QuizStats
    cic: float | None
    error_ratio: float | None
    standard_error: float | None


# --- small helpers -----------------------------------------------------------


def _mean(values: Sequence[float]) -> float:
    return math.fsum(values) / len(values)


def _constant(values: Sequence[float]) -> bool:
    # Exact variance of a constant column can come out as 1e-33 after
    # rounding; treat spreads that small as none, so no ratio divides by noise.
    low, high = min(values), max(values)
    return high - low <= 1e-9 * max(1.0, abs(low), abs(high))


def _variance(values: Sequence[float]) -> float:
    mean = _mean(values)
    return math.fsum((value - mean) ** 2 for value in values) / (len(values) - 1)


def _covariance(xs: Sequence[float], ys: Sequence[float]) -> float:
    mean_x, mean_y = _mean(xs), _mean(ys)
    return math.fsum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / (len(xs) - 1)


def _paired(scores: Scores, rest: Scores) -> tuple[list[float], list[float]]:
    if len(scores) != len(rest):
        raise ValueError(f"scores and rest differ in length ({len(scores)} and {len(rest)}).")
    pairs = [(x, r) for x, r in zip(scores, rest, strict=True) if x is not None and r is not None]
    return [x for x, _ in pairs], [r for _, r in pairs]


# --- per question ------------------------------------------------------------


def facility_index(scores: Scores) -> float | None:
    """Mean fraction of the marks (0..1) over the attempts that had the question."""
    present = [x for x in scores if x is not None]
    return _mean(present) if present else None


def standard_deviation(scores: Scores) -> float | None:
    """Sample standard deviation (divisor s - 1) of the fractions; None if s < 2."""
    present = [x for x in scores if x is not None]
    return math.sqrt(_variance(present)) if len(present) >= 2 else None


def discrimination_index(scores: Scores, rest: Scores) -> float | None:
    """100 x the correlation of a question's scores with the rest of the test.

    ``rest`` is the attempt total minus this question's marks (see
    :func:`rest_scores`). None when fewer than two attempts or either side
    has zero variance. Negative values suggest a wrong key.
    """
    xs, rs = _paired(scores, rest)
    if len(xs) < 2 or _constant(xs) or _constant(rs):
        return None
    return 100 * _covariance(xs, rs) / math.sqrt(_variance(xs) * _variance(rs))


def discriminative_efficiency(scores: Scores, rest: Scores) -> float | None:
    """100 x Cov(x, R) / Cov_max(x, R), Cov_max pairing sorted x with sorted R.

    Cov_max is the largest covariance these two sets of marks could have, so
    the result is at most 100. None when it cannot be computed.
    """
    xs, rs = _paired(scores, rest)
    if len(xs) < 2 or _constant(xs) or _constant(rs):
        return None
    return 100 * _covariance(xs, rs) / _covariance(sorted(xs), sorted(rs))


def _check(matrix: Matrix, max_marks: Sequence[float] | None) -> list[float]:
    n_items = len(max_marks) if max_marks is not None else len(matrix[0]) if matrix else 0
    weights = [1.0] * n_items if max_marks is None else [float(mark) for mark in max_marks]
    if any(weight <= 0 for weight in weights):
        raise ValueError("Every max mark must be positive.")
    for number, row in enumerate(matrix, 1):
        if len(row) != n_items:
            raise ValueError(f"Attempt {number} has {len(row)} scores; expected {n_items}.")
        for x in row:
            if x is not None and not 0 <= x <= 1:
                raise ValueError(f"Attempt {number} has a score of {x}; scores are fractions from 0 to 1.")
    return weights


def attempt_totals(matrix: Matrix, max_marks: Sequence[float] | None = None) -> list[float]:
    """Each attempt's total, sum of max_mark x fraction over the questions it had."""
    weights = _check(matrix, max_marks)
    return [
        math.fsum(weight * x for weight, x in zip(weights, row, strict=True) if x is not None)
        for row in matrix
    ]


def rest_scores(totals: Sequence[float], scores: Scores, max_mark: float = 1.0) -> list[float | None]:
    """Rest of the test for one question: total minus its marks (None where absent)."""
    return [None if x is None else total - max_mark * x for total, x in zip(totals, scores, strict=True)]


# --- whole quiz --------------------------------------------------------------


def quiz_stats(totals: Sequence[float]) -> QuizStats:
    """Mean, median, SD (s - 1), skewness k3/k2^1.5 and kurtosis k4/k2^2.

    k2, k3, k4 are the unbiased k-statistics (as Moodle computes them);
    skewness needs 3 attempts, kurtosis 4, and both need some spread.
    """
    s = len(totals)
    if s == 0:
        return QuizStats(0, None, None, None, None, None)
    mean = _mean(totals)
    median = float(statistics.median(totals))
    if s < 2:
        return QuizStats(s, mean, median, None, None, None)
    m2, m3, m4 = (math.fsum((t - mean) ** power for t in totals) / s for power in (2, 3, 4))
    k2 = s * m2 / (s - 1)
    sd = math.sqrt(k2)
    skewness = kurtosis = None
    if not _constant(totals):
        if s >= 3:
            k3 = s * s * m3 / ((s - 1) * (s - 2))
            skewness = k3 / k2**1.5
        if s >= 4:
            k4 = s * s * ((s + 1) * m4 - 3 * (s - 1) * m2 * m2) / ((s - 1) * (s - 2) * (s - 3))
            kurtosis = k4 / (k2 * k2)
    return QuizStats(s, mean, median, sd, skewness, kurtosis)


def cronbach_alpha(matrix: Matrix, max_marks: Sequence[float] | None = None) -> float | None:
    """Coefficient of internal consistency (CIC), in percent.

    100 x P/(P - 1) x (1 - sum of item mark variances / variance of totals),
    with P questions and item variances in marks (max_mark^2 x variance of
    the fractions). None with fewer than 2 questions or attempts, constant
    totals, or a question missing from any attempt.
    """
    weights = _check(matrix, max_marks)
    n_items = len(weights)
    if n_items < 2 or len(matrix) < 2 or any(x is None for row in matrix for x in row):
        return None
    totals = attempt_totals(matrix, weights)
    if _constant(totals):
        return None
    item_variance = math.fsum(
        weight * weight * _variance([row[item] for row in matrix]) for item, weight in enumerate(weights)
    )
    return 100 * n_items / (n_items - 1) * (1 - item_variance / _variance(totals))


def error_ratio(cic: float | None) -> float | None:
    """100 x sqrt(1 - CIC/100), in percent: the share of the SD due to chance."""
    if cic is None:
        return None
    return 100 * math.sqrt(max(0.0, 1 - cic / 100))


def standard_error(cic: float | None, sd: float | None) -> float | None:
    """Error ratio x SD of totals / 100, in the units of the totals."""
    ratio = error_ratio(cic)
    return None if ratio is None or sd is None else ratio * sd / 100


def item_analysis(matrix: Matrix, max_marks: Sequence[float] | None = None) -> Analysis:
    """All per-question and quiz statistics for a score matrix, in one pass per column."""
    weights = _check(matrix, max_marks)
    totals = attempt_totals(matrix, weights)
    items = []
    for item, weight in enumerate(weights):
        scores = [row[item] for row in matrix]
        rest = rest_scores(totals, scores, weight)
        items.append(
            ItemStats(
                item=item,
                s=sum(1 for x in scores if x is not None),
                facility=facility_index(scores),
                sd=standard_deviation(scores),
                discrimination=discrimination_index(scores, rest),
                efficiency=discriminative_efficiency(scores, rest),
            )
        )
    quiz = quiz_stats(totals)
    cic = cronbach_alpha(matrix, weights)
    return Analysis(tuple(items), tuple(totals), quiz, cic, error_ratio(cic), standard_error(cic, quiz.sd))


# --- options and flags -------------------------------------------------------


def choice_counts(
    chosen_option_ids: Iterable[str | Iterable[str] | None], option_ids: Sequence[str]
) -> dict[str, int]:
    """How many responses chose each option, in option order (zeros included).

    Each element is one response: an option id, a collection of ids (multiple
    response, or the categories used in a matching answer), or None for
    unanswered. An id that is not among ``option_ids`` raises ValueError.
    """
    counts = dict.fromkeys(option_ids, 0)
    for chosen in chosen_option_ids:
        if chosen is None:
            continue
        # A collection counts each option once per response.
        for option_id in [chosen] if isinstance(chosen, str) else set(chosen):
            if option_id not in counts:
                raise ValueError(f"Unknown option {option_id!r}.")
            counts[option_id] += 1
    return counts


def random_guess_score(kind: str, n_options: int) -> float | None:
    """Expected score of a uniform random guess, as Moodle computes it.

    Single best answer and true/false: 1/options. Matching: 1/categories
    (each pair guessed independently). Multiple response: None, as in Moodle,
    since it depends on how many options a guesser would tick.
    """
    if kind not in (SINGLE, TRUE_FALSE, MULTIPLE, MATCHING):
        raise ValueError(f"Unknown question kind {kind!r}.")
    if n_options < 1:
        raise ValueError("A question needs at least one option.")
    return None if kind == MULTIPLE else 1 / n_options


def flags(
    *,
    facility: float | None,
    discrimination: float | None,
    option_counts: dict[str, int] | None = None,
) -> list[str]:
    """Reasons to review a question (empty when none), by Moodle's rules of thumb.

    Facility below 0.2 or above 0.9; discrimination (percent) below 20, or
    below 0 (a likely key error); an option nobody chose, once anyone answered.
    """
    reasons = []
    if facility is not None and facility < FACILITY_LOW:
        reasons.append(f"Very hard: facility {facility:.1%} is below {FACILITY_LOW:.0%}.")
    if facility is not None and facility > FACILITY_HIGH:
        reasons.append(f"Very easy: facility {facility:.1%} is above {FACILITY_HIGH:.0%}.")
    if discrimination is not None and discrimination < 0:
        reasons.append(
            f"Negative discrimination ({discrimination:.1f}%): likely key error; "
            "students who do well on the rest of the quiz do worse on this question."
        )
    elif discrimination is not None and discrimination < DISCRIMINATION_LOW:
        reasons.append(f"Weak discrimination: {discrimination:.1f}% is below {DISCRIMINATION_LOW:.0f}%.")
    if option_counts and sum(option_counts.values()) > 0:
        reasons += [
            f"Nobody chose option {option_id!r}." for option_id, count in option_counts.items() if count == 0
        ]
    return reasons
