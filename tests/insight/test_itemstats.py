"""Tests for quizzes.itemstats against values worked by hand and with numpy."""

from __future__ import annotations

import math

import numpy as np
import pytest

from quizzes.insight.itemstats import (
    Analysis,
    attempt_totals,
    choice_counts,
    cronbach_alpha,
    discrimination_index,
    discriminative_efficiency,
    error_ratio,
    facility_index,
    flags,
    item_analysis,
    quiz_stats,
    random_guess_score,
    rest_scores,
    standard_deviation,
    standard_error,
)

# Eight attempts, five questions. Question 2 has partial credit; question 3
# is answered right mostly by the weaker students (negative discrimination).
MATRIX = [
    [1, 1, 1.0, 0, 1],
    [1, 1, 0.5, 0, 1],
    [1, 0, 1.0, 0, 1],
    [1, 1, 0.5, 1, 0],
    [0, 1, 0.0, 0, 1],
    [1, 0, 0.0, 1, 0],
    [0, 0, 0.5, 1, 0],
    [0, 0, 0.0, 1, 1],
]
WEIGHTS = [1, 1, 2, 1, 1]


def reference(matrix, weights=None):
    """Moodle's definitions written directly in numpy, one formula per figure."""
    x = np.array(matrix, dtype=float)
    w = np.ones(x.shape[1]) if weights is None else np.array(weights, dtype=float)
    totals = x @ w
    n_items = x.shape[1]
    rests = [totals - w[j] * x[:, j] for j in range(n_items)]
    alpha = 100 * n_items / (n_items - 1) * (1 - np.sum(w**2 * x.var(axis=0, ddof=1)) / totals.var(ddof=1))
    return {
        "totals": totals,
        "facility": x.mean(axis=0),
        "sd": x.std(axis=0, ddof=1),
        "discrimination": [100 * np.corrcoef(x[:, j], rests[j])[0, 1] for j in range(n_items)],
        "efficiency": [
            100 * np.cov(x[:, j], rests[j])[0, 1] / np.cov(np.sort(x[:, j]), np.sort(rests[j]))[0, 1]
            for j in range(n_items)
        ],
        "alpha": alpha,
    }


def adjusted_moments(totals):
    """Sample skewness G1 and excess kurtosis G2 from numpy moments (= k3/k2^1.5, k4/k2^2)."""
    t = np.asarray(totals, dtype=float)
    n = len(t)
    d = t - t.mean()
    m2, m3, m4 = (np.mean(d**p) for p in (2, 3, 4))
    g1, g2 = m3 / m2**1.5, m4 / m2**2 - 3
    return g1 * math.sqrt(n * (n - 1)) / (n - 2), ((n + 1) * g2 + 6) * (n - 1) / ((n - 2) * (n - 3))


def column(j, matrix=MATRIX):
    return [row[j] for row in matrix]


# --- per question, against numpy ---------------------------------------------


@pytest.mark.parametrize("weights", [None, WEIGHTS])
def test_item_analysis_matches_numpy(weights):
    expected = reference(MATRIX, weights)
    result = item_analysis(MATRIX, weights)
    assert isinstance(result, Analysis)
    assert result.totals == pytest.approx(expected["totals"])
    for j, item in enumerate(result.items):
        assert item.item == j and item.s == 8
        assert item.facility == pytest.approx(expected["facility"][j])
        assert item.sd == pytest.approx(expected["sd"][j])
        assert item.discrimination == pytest.approx(expected["discrimination"][j])
        assert item.efficiency == pytest.approx(expected["efficiency"][j])
    assert result.cic == pytest.approx(expected["alpha"])


def test_facility_and_sd_of_one_question():
    assert facility_index(column(2)) == pytest.approx(3.5 / 8)
    assert standard_deviation(column(2)) == pytest.approx(np.std(column(2), ddof=1))


def test_negative_discrimination_is_computed_and_flagged():
    totals = attempt_totals(MATRIX)
    scores = column(3)
    rest = rest_scores(totals, scores)
    index = discrimination_index(scores, rest)
    assert index == pytest.approx(100 * np.corrcoef(scores, rest)[0, 1])
    assert index < 0
    assert discriminative_efficiency(scores, rest) < 0
    assert any("likely key error" in reason for reason in flags(facility=0.5, discrimination=index))


def test_discrimination_by_hand():
    # x = [1,1,0,0], R = [3,2,1,0]: Cov = 2/3, Var x = 1/3, Var R = 5/3 -> r = 2/sqrt(5).
    assert discrimination_index([1, 1, 0, 0], [3, 2, 1, 0]) == pytest.approx(200 / math.sqrt(5))
    assert discrimination_index([0, 0, 1, 1], [3, 2, 1, 0]) == pytest.approx(-200 / math.sqrt(5))


def test_efficiency_is_100_when_already_in_the_best_order():
    assert discriminative_efficiency([1, 1, 0, 0], [3, 2, 1, 0]) == pytest.approx(100)
    assert discriminative_efficiency([0, 0, 1, 1], [3, 2, 1, 0]) == pytest.approx(-100)


def test_efficiency_by_hand():
    # x = [1,0,1,0], R = [3,2,1,0]: Cov sum = 1; sorted pairing [0,0,1,1]x[0,1,2,3]: sum = 2.
    assert discriminative_efficiency([1, 0, 1, 0], [3, 2, 1, 0]) == pytest.approx(50)


def test_rest_scores_subtract_the_weighted_mark():
    assert rest_scores([5, 3, 4], [1, 0.5, None], max_mark=2) == [3, 2, None]


def test_attempt_totals_weight_and_skip_missing():
    assert attempt_totals([[1, 0.5, None], [0, 1, 1]], [1, 2, 3]) == [2, 5]


# --- Cronbach's alpha, error ratio, standard error ---------------------------


def test_alpha_is_100_for_identical_questions():
    assert cronbach_alpha([[1, 1], [1, 1], [0, 0], [0, 0]]) == pytest.approx(100)


def test_alpha_is_0_for_unrelated_questions():
    # Var x1 = Var x2 = 1/3, totals [2,1,1,0] have variance 2/3: 2 x (1 - 1) = 0.
    assert cronbach_alpha([[1, 1], [1, 0], [0, 1], [0, 0]]) == pytest.approx(0)


def test_alpha_weights_item_variance_by_max_mark():
    assert cronbach_alpha(MATRIX, WEIGHTS) == pytest.approx(reference(MATRIX, WEIGHTS)["alpha"])
    assert cronbach_alpha(MATRIX, WEIGHTS) != pytest.approx(cronbach_alpha(MATRIX))


def test_error_ratio_and_standard_error():
    analysis = item_analysis(MATRIX)
    expected_ratio = 100 * math.sqrt(1 - analysis.cic / 100)
    assert analysis.error_ratio == pytest.approx(expected_ratio)
    sd = np.std(reference(MATRIX)["totals"], ddof=1)
    assert analysis.standard_error == pytest.approx(expected_ratio * sd / 100)


@pytest.mark.parametrize("cic, ratio", [(100, 0), (75, 50), (0, 100), (-300, 200), (None, None)])
def test_error_ratio_values(cic, ratio):
    assert error_ratio(cic) == (None if ratio is None else pytest.approx(ratio))


def test_standard_error_needs_both_figures():
    assert standard_error(75, 4.0) == pytest.approx(2.0)
    assert standard_error(None, 4.0) is None
    assert standard_error(75, None) is None


# --- quiz distribution ----------------------------------------------------------


def test_quiz_stats_match_numpy():
    totals = reference(MATRIX, WEIGHTS)["totals"].tolist()
    skewness, kurtosis = adjusted_moments(totals)
    result = quiz_stats(totals)
    assert result.count == 8
    assert result.mean == pytest.approx(np.mean(totals))
    assert result.median == pytest.approx(np.median(totals))
    assert result.sd == pytest.approx(np.std(totals, ddof=1))
    assert result.skewness == pytest.approx(skewness)
    assert result.kurtosis == pytest.approx(kurtosis)


def test_skewness_and_kurtosis_by_hand():
    # totals [0,0,0,1]: k2 = 1/4, k3 = 1/4, k4 = 1/4 -> skewness 2, kurtosis 4.
    result = quiz_stats([0, 0, 0, 1])
    assert (result.mean, result.median) == (0.25, 0.0)
    assert result.skewness == pytest.approx(2.0)
    assert result.kurtosis == pytest.approx(4.0)


def test_symmetric_totals_have_no_skew():
    assert quiz_stats([1, 2, 3, 4, 5]).skewness == pytest.approx(0.0, abs=1e-12)


# --- degenerate cases ------------------------------------------------------------


def test_no_attempts():
    assert facility_index([]) is None
    assert standard_deviation([]) is None
    assert quiz_stats([]) == quiz_stats([])
    assert quiz_stats([]).count == 0 and quiz_stats([]).mean is None
    analysis = item_analysis([], [1, 1])
    assert [item.facility for item in analysis.items] == [None, None]
    assert analysis.cic is None and analysis.error_ratio is None and analysis.standard_error is None


def test_one_attempt():
    analysis = item_analysis([[1, 0, 1]])
    assert [item.facility for item in analysis.items] == [1, 0, 1]
    assert all(
        item.sd is None and item.discrimination is None and item.efficiency is None for item in analysis.items
    )
    assert analysis.cic is None
    stats = analysis.quiz
    assert (stats.count, stats.mean, stats.median, stats.sd, stats.skewness, stats.kurtosis) == (
        1,
        2,
        2,
        None,
        None,
        None,
    )


def test_too_few_attempts_for_skewness_and_kurtosis():
    assert quiz_stats([1, 2]).skewness is None
    assert quiz_stats([1, 2, 4]).skewness is not None
    assert quiz_stats([1, 2, 4]).kurtosis is None


def test_question_everyone_got_right_has_no_discrimination():
    matrix = [[1, 1, 0], [1, 0, 0], [1, 1, 1]]
    item = item_analysis(matrix).items[0]
    assert (item.facility, item.sd, item.discrimination, item.efficiency) == (1, 0, None, None)


def test_rounding_noise_counts_as_zero_variance():
    scores = [0.1 + 0.2, 0.3, 0.3]
    assert discrimination_index(scores, [2, 1, 0]) is None
    assert discriminative_efficiency(scores, [2, 1, 0]) is None


def test_constant_rest_of_test_has_no_discrimination():
    assert discrimination_index([1, 0, 1], [2, 2, 2]) is None


def test_constant_totals_give_no_alpha_and_no_shape():
    assert cronbach_alpha([[1, 0], [0, 1], [1, 0]]) is None
    stats = quiz_stats([3, 3, 3, 3])
    assert (stats.sd, stats.skewness, stats.kurtosis) == (0, None, None)


def test_alpha_needs_two_questions():
    assert cronbach_alpha([[1], [0], [1]]) is None


def test_question_missing_from_an_attempt_is_left_out_of_its_statistics():
    matrix = [[1, 1], [1, None], [0, 0], [1, 0], [0, None]]
    analysis = item_analysis(matrix)
    assert analysis.totals == (2, 1, 0, 1, 0)
    assert analysis.items[1].s == 3
    assert analysis.items[1].facility == pytest.approx(1 / 3)
    # Question 1 against the rest of the test, over the attempts that had it.
    assert analysis.items[1].discrimination == pytest.approx(100 * np.corrcoef([1, 0, 0], [1, 0, 1])[0, 1])
    assert analysis.cic is None


def test_bad_input_is_refused_with_a_clear_message():
    with pytest.raises(ValueError, match="Attempt 2 has 1 scores; expected 2"):
        attempt_totals([[1, 0], [1]])
    with pytest.raises(ValueError, match="scores are fractions from 0 to 1"):
        item_analysis([[1, 2]])
    with pytest.raises(ValueError, match="max mark must be positive"):
        attempt_totals([[1]], [0])
    with pytest.raises(ValueError, match="differ in length"):
        discrimination_index([1, 0], [1])


def test_a_thousand_attempts_by_a_hundred_questions_is_analysed():
    rng = np.random.default_rng(1)
    ability = rng.normal(size=(1000, 1))
    matrix = (rng.normal(size=(1000, 100)) + ability > 0).astype(float).tolist()
    analysis = item_analysis(matrix)
    assert len(analysis.items) == 100
    assert all(item.discrimination > 0 for item in analysis.items)
    assert analysis.cic == pytest.approx(reference(matrix)["alpha"])


# --- options, guessing, flags ----------------------------------------------------


def test_choice_counts_include_unchosen_options_in_order():
    assert choice_counts(["b", "a", "b", None], ["a", "b", "c", "d"]) == {"a": 1, "b": 2, "c": 0, "d": 0}


def test_choice_counts_of_multiple_responses_count_each_option_once_per_response():
    assert choice_counts([["a", "c"], ["c", "c"], [], None], ["a", "b", "c"]) == {"a": 1, "b": 0, "c": 2}


def test_choice_counts_refuse_unknown_options():
    with pytest.raises(ValueError, match="Unknown option 'z'"):
        choice_counts(["z"], ["a", "b"])


@pytest.mark.parametrize(
    "kind, n_options, score",
    [
        ("single", 4, 0.25),
        ("single", 5, 0.2),
        ("true_false", 2, 0.5),
        ("matching", 4, 0.25),
        ("multiple", 5, None),
    ],
)
def test_random_guess_score(kind, n_options, score):
    assert random_guess_score(kind, n_options) == score


def test_random_guess_score_refuses_nonsense():
    with pytest.raises(ValueError):
        random_guess_score("essay", 4)
    with pytest.raises(ValueError):
        random_guess_score("single", 0)


def test_flags_for_a_healthy_question_are_empty():
    assert flags(facility=0.6, discrimination=45, option_counts={"a": 3, "b": 1}) == []


@pytest.mark.parametrize("facility", [0.2, 0.9, None])
def test_facility_at_the_limits_is_not_flagged(facility):
    assert flags(facility=facility, discrimination=None) == []


def test_flags_for_a_hard_question():
    assert flags(facility=0.15, discrimination=None) == ["Very hard: facility 15.0% is below 20%."]


def test_flags_for_an_easy_question():
    assert flags(facility=0.95, discrimination=None) == ["Very easy: facility 95.0% is above 90%."]


def test_flags_for_weak_discrimination():
    assert flags(facility=None, discrimination=12.5) == ["Weak discrimination: 12.5% is below 20%."]
    assert flags(facility=None, discrimination=20) == []


def test_flags_for_negative_discrimination_name_a_likely_key_error():
    assert flags(facility=None, discrimination=-30) == [
        "Negative discrimination (-30.0%): likely key error; "
        "students who do well on the rest of the quiz do worse on this question."
    ]


def test_flags_for_an_option_nobody_chose():
    assert flags(facility=0.5, discrimination=40, option_counts={"a": 4, "b": 0, "c": 2}) == [
        "Nobody chose option 'b'."
    ]


def test_no_option_flags_before_anyone_answers():
    assert flags(facility=None, discrimination=None, option_counts={"a": 0, "b": 0}) == []
