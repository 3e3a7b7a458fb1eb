"""Marks under certainty-based marking and the tries penalty (quizzes/items/marking.py, pure)."""

import pytest

from quizzes.items import marking
from quizzes.items.marking import HIGH, LOW, MEDIUM

# Moodle's question_cbm_test::test_adjust_fraction (qbehaviour_deferredcbm), row for row.
MOODLE_TABLE = [
    (1, LOW, 1),
    (1, MEDIUM, 2),
    (1, HIGH, 3),
    (0, LOW, 0),
    (0, MEDIUM, -2),
    (0, HIGH, -6),
    (0.5, LOW, 0.5),
    (0.5, MEDIUM, 1),
    (0.5, HIGH, 1.5),
    (-0.25, LOW, 0),
    (-0.25, MEDIUM, -2),
    (-0.25, HIGH, -6),
]


@pytest.mark.parametrize(("fraction", "certainty", "expected"), MOODLE_TABLE)
def test_cbm_fraction_matches_moodles_table(fraction, certainty, expected):
    assert marking.cbm_fraction(fraction, certainty) == pytest.approx(expected)


def test_an_answer_without_certainty_is_marked_at_low():
    assert marking.cbm_fraction(1, None) == 1
    assert marking.cbm_fraction(0, None) == 0


def test_cbm_marks_scale_with_the_questions_mark():
    assert marking.question_mark(1, answered=True, mark=2, cbm=True, certainty=HIGH) == 6
    assert marking.question_mark(0, answered=True, mark=2, cbm=True, certainty=HIGH) == -12
    assert marking.question_mark(0.5, answered=True, mark=2, cbm=True, certainty=MEDIUM) == 2


def test_an_unanswered_question_earns_nothing_under_cbm():
    assert marking.question_mark(0, answered=False, cbm=True, certainty=HIGH) == 0


def test_a_plain_quiz_mark_is_the_fraction():
    assert marking.question_mark(0.5, answered=True) == 0.5


def test_each_wrong_try_costs_the_penalty_never_below_zero():
    third = marking.DEFAULT_TRY_PENALTY
    assert marking.question_mark(1, answered=True, wrong_tries=1, penalty=third) == pytest.approx(2 / 3)
    assert marking.question_mark(1, answered=True, wrong_tries=2, penalty=third) == pytest.approx(1 / 3)
    assert marking.question_mark(0.5, answered=True, wrong_tries=2, penalty=third) == 0
    assert marking.best_mark_left(1, 0.25) == 0.75


@pytest.mark.parametrize(("value", "level"), [("1", LOW), ("2", MEDIUM), (3, HIGH), ("", None), (None, None)])
def test_parse_certainty_reads_levels(value, level):
    assert marking.parse_certainty(value) == level


@pytest.mark.parametrize("value", ["0", "4", "high", True, "2.5"])
def test_parse_certainty_refuses_anything_else(value):
    with pytest.raises(marking.InvalidCertainty, match="low, medium or high"):
        marking.parse_certainty(value)


def test_calibration_counts_accuracy_per_level_and_none_as_low():
    rows = marking.calibration(
        [(HIGH, 1.0, 1), (HIGH, 0.0, 1), (None, 0.0, 1), (LOW, 1.0, 1), (MEDIUM, 0.5, 1)]
    )
    assert [(row.certainty, row.count, row.accuracy) for row in rows] == [
        (LOW, 2, 0.5),
        (MEDIUM, 1, 0.5),
        (HIGH, 2, 0.5),
    ]
    assert marking.overall_accuracy(rows) == pytest.approx(2.5 / 5)


def test_a_level_without_answers_has_no_judgement():
    assert marking.calibration([])[2].judgement is None


def test_judgements_follow_moodles_windows_and_significance():
    # High certainty is worth it above 80% right; 50% over 6 answers is clearly too sure.
    assert marking.judgement(0.5, 6, HIGH) == marking.OVER
    # 75% over 2 answers is below the window, but not by enough to say more than "a bit".
    assert marking.judgement(0.75, 2, HIGH) == marking.SLIGHTLY_OVER
    assert marking.judgement(0.9, 10, HIGH) == marking.OK
    assert marking.judgement(1.0, 30, LOW) == marking.UNDER
    assert marking.judgement(0.75, 4, MEDIUM) == marking.OK


def test_cbm_bonus_rewards_telling_guesses_from_knowledge():
    # Half right: the best single level is low (mean 0.5). Right answers at high, wrong at low: mean 1.5.
    assert marking.expected_mark(0.5) == pytest.approx(0.5)
    assert marking.cbm_bonus(1.5, 0.5) == pytest.approx(0.1)
    assert marking.cbm_bonus(-2.5, 0.5) < 0


def test_over_confident_groups_name_the_lessons_where_sure_answers_are_often_wrong():
    answers = (
        [("B", HIGH, 1.0, 1)] * 5 + [("A", HIGH, 0.0, 3), ("A", HIGH, 2.0, 2)] + [("C", LOW, 0.0, 1)] * 9
    )
    assert marking.over_confident_groups(answers) == ["A"]
