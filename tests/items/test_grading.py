"""Tests for quizzes.grading: scoring, answer and content validation, presentation."""

from __future__ import annotations

import copy
import dataclasses

import pytest

from quizzes.items.grading import (
    Grade,
    InvalidAnswer,
    answer_key,
    grade,
    is_answered,
    public_view,
    shuffled,
    validate_answer,
    validate_content,
)


def choice(option_id: str, correct: bool = False, text: str | None = None) -> dict:
    return {
        "id": option_id,
        "text": text or f"Option {option_id.upper()}",
        "correct": correct,
        "explanation": f"Why {option_id} is {'right' if correct else 'wrong'}.",
    }


def single() -> dict:
    return {
        "kind": "single",
        "stem": "Which type of calcinosis cutis follows milk-alkali syndrome?",
        "explanation": "Raised calcium and phosphate deposit in normal tissue.",
        "choices": [choice("a"), choice("b", correct=True), choice("c"), choice("d")],
    }


def multiple() -> dict:
    # Two correct (a, c), three wrong (b, d, e).
    return {
        "kind": "multiple",
        "choices": [choice("a", True), choice("b"), choice("c", True), choice("d"), choice("e")],
    }


def true_false(answer: bool = True) -> dict:
    return {
        "kind": "true_false",
        "stem": "Calciphylaxis is a form of metastatic calcification.",
        "choices": [
            {"id": "true", "text": "True", "correct": answer, "explanation": "Stated."},
            {"id": "false", "text": "False", "correct": not answer, "explanation": "Stated."},
        ],
    }


def matching() -> dict:
    return {
        "kind": "matching",
        "stem": "Match each cause to its type of calcinosis cutis.",
        "pairs": [
            {"id": "p1", "premise": "Milk-alkali syndrome", "answer": "Metastatic"},
            {"id": "p2", "premise": "Chronic kidney disease", "answer": "Metastatic"},
            {"id": "p3", "premise": "Calcium gluconate extravasation", "answer": "Iatrogenic"},
            {"id": "p4", "premise": "Scrotal calcinosis", "answer": "Idiopathic"},
        ],
        # "Dystrophic" is a distractor here: no pair has it as its answer.
        "categories": ["Metastatic", "Iatrogenic", "Dystrophic", "Idiopathic"],
    }


# --- single best answer and true/false -----------------------------------


def test_single_correct_choice_scores_one():
    result = grade(single(), {"choice": "b"})
    assert result == Grade(score=1.0, correct=True, answered=True, right_ids=("b",))


def test_single_wrong_choice_scores_zero_and_names_the_key():
    result = grade(single(), {"choice": "a"})
    assert (result.score, result.correct, result.answered) == (0.0, False, True)
    assert result.wrong_ids == ("a",)
    assert result.missed_ids == ("b",)


@pytest.mark.parametrize("answer", [None, {}, {"choice": None}, {"choice": ""}, {"choice": "  "}])
def test_single_unanswered_scores_zero(answer):
    result = grade(single(), answer)
    assert (result.score, result.correct, result.answered) == (0.0, False, False)
    assert result.missed_ids == ("b",)


@pytest.mark.parametrize(
    "key, chosen, score", [(True, "true", 1.0), (True, "false", 0.0), (False, "false", 1.0)]
)
def test_true_false_scores_like_single(key, chosen, score):
    assert grade(true_false(key), {"choice": chosen}).score == score


def test_grade_is_frozen():
    result = grade(single(), {"choice": "b"})
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.score = 0.5  # type: ignore[misc]


# --- multiple response ----------------------------------------------------


@pytest.mark.parametrize(
    "chosen, score",
    [
        (["a", "c"], 1.0),
        (["a"], 0.5),
        (["c", "a"], 1.0),
        (["a", "c", "b"], 0.5),  # (2 - 1) / 2
        (["a", "b"], 0.0),  # (1 - 1) / 2
        (["b", "d"], 0.0),  # (0 - 2) / 2, floored at 0
        (["a", "b", "c", "d", "e"], 0.0),  # all chosen: (2 - 3) / 2, floored
    ],
)
def test_multiple_scores_rights_minus_wrongs_over_rights_floored(chosen, score):
    assert grade(multiple(), {"choices": chosen}).score == score


def test_multiple_all_chosen_scores_zero_when_wrongs_equal_rights():
    content = {
        "kind": "multiple",
        "choices": [choice("a", True), choice("b", True), choice("c"), choice("d")],
    }
    assert grade(content, {"choices": ["a", "b", "c", "d"]}).score == 0.0


def test_multiple_all_chosen_keeps_credit_when_rights_outnumber_wrongs():
    content = {
        "kind": "multiple",
        "choices": [choice("a", True), choice("b", True), choice("c", True), choice("d")],
    }
    assert grade(content, {"choices": ["a", "b", "c", "d"]}).score == pytest.approx(2 / 3)


def test_multiple_none_chosen_is_unanswered():
    result = grade(multiple(), {"choices": []})
    assert (result.score, result.answered) == (0.0, False)
    assert result.missed_ids == ("a", "c")


def test_multiple_detail_lists_right_wrong_and_missed():
    result = grade(multiple(), {"choices": ["b", "a"]})
    assert (result.right_ids, result.wrong_ids, result.missed_ids) == (("a",), ("b",), ("c",))
    assert result.correct is False


def test_multiple_full_marks_is_correct():
    assert grade(multiple(), {"choices": ["a", "c"]}).correct is True


# --- matching ---------------------------------------------------------------


def test_matching_all_pairs_right_scores_one():
    answer = {"matches": {"p1": "Metastatic", "p2": "Metastatic", "p3": "Iatrogenic", "p4": "Idiopathic"}}
    result = grade(matching(), answer)
    assert (result.score, result.correct) == (1.0, True)
    assert result.right_ids == ("p1", "p2", "p3", "p4")


def test_matching_gives_partial_credit_per_pair():
    answer = {"matches": {"p1": "Metastatic", "p2": "Dystrophic", "p3": "Iatrogenic"}}
    result = grade(matching(), answer)
    assert result.score == 0.5
    assert (result.right_ids, result.wrong_ids, result.missed_ids) == (("p1", "p3"), ("p2",), ("p4",))


def test_matching_distractor_category_is_accepted_and_scores_wrong():
    result = grade(matching(), {"matches": {pair: "Dystrophic" for pair in ("p1", "p2", "p3", "p4")}})
    assert (result.score, result.answered) == (0.0, True)
    assert result.wrong_ids == ("p1", "p2", "p3", "p4")


def test_matching_unanswered_scores_zero():
    for answer in (None, {}, {"matches": {}}, {"matches": {"p1": ""}}):
        result = grade(matching(), answer)
        assert (result.score, result.answered) == (0.0, False)
        assert result.missed_ids == ("p1", "p2", "p3", "p4")


def test_answer_key_scores_full_marks_for_every_kind():
    for content in (single(), multiple(), true_false(False), matching()):
        assert grade(content, answer_key(content)).correct is True


# --- validate_answer and is_answered -------------------------------------


def test_validate_answer_normalises_multiple_to_option_order_without_duplicates():
    assert validate_answer(multiple(), {"choices": ["e", "a", "e"]}) == {"choices": ["a", "e"]}


def test_validate_answer_drops_blank_matches_and_orders_pairs():
    answer = {"matches": {"p3": "Iatrogenic", "p1": "Metastatic", "p2": ""}}
    assert validate_answer(matching(), answer) == {"matches": {"p1": "Metastatic", "p3": "Iatrogenic"}}


@pytest.mark.parametrize(
    "content, answer, message",
    [
        (single(), {"choice": "z"}, "Unknown option 'z'."),
        (single(), {"choice": 2}, "The choice must be an option id, not int."),
        (single(), {"choices": ["b"]}, "Unexpected answer field(s) 'choices'; expected 'choice'."),
        (single(), "b", "An answer must be a mapping, not str."),
        (true_false(), {"choice": True}, "The choice must be an option id, not bool."),
        (true_false(), {"choice": "maybe"}, "Unknown option 'maybe'."),
        (multiple(), {"choices": "ac"}, "The choices must be a list of option ids, not str."),
        (multiple(), {"choices": ["a", "z"]}, "Unknown option 'z'."),
        (multiple(), {"choices": [1]}, "Each choice must be an option id, not int."),
        (matching(), {"matches": {"p9": "Metastatic"}}, "Unknown pair 'p9'."),
        (
            matching(),
            {"matches": {"p1": "Calciphylaxis"}},
            "'Calciphylaxis' is not one of this question's categories.",
        ),
        (matching(), {"matches": {"p1": 3}}, "The category for pair 'p1' must be text, not int."),
        (matching(), {"matches": ["Metastatic"]}, "The matches must map pair ids to categories, not list."),
    ],
)
def test_validate_answer_refuses_what_does_not_fit(content, answer, message):
    with pytest.raises(InvalidAnswer) as error:
        validate_answer(content, answer)
    assert str(error.value) == message


def test_invalid_answer_is_a_value_error():
    assert issubclass(InvalidAnswer, ValueError)


def test_grade_refuses_an_invalid_answer():
    with pytest.raises(InvalidAnswer):
        grade(single(), {"choice": "z"})


def test_unknown_kind_is_refused():
    with pytest.raises(ValueError, match="Unknown question kind 'essay'"):
        grade({"kind": "essay"}, None)


def test_is_answered():
    assert is_answered(single(), {"choice": "a"}) is True
    assert is_answered(single(), None) is False
    assert is_answered(multiple(), {"choices": []}) is False
    assert is_answered(matching(), {"matches": {"p2": "Dystrophic"}}) is True
    assert is_answered(matching(), {"matches": {"p2": None}}) is False


# --- validate_content -----------------------------------------------------


def test_valid_content_has_no_errors():
    for content in (single(), multiple(), true_false(), matching()):
        assert validate_content(content) == []


def test_single_with_two_correct_options():
    content = single()
    content["choices"][0]["correct"] = True
    assert validate_content(content) == [
        "A single-best-answer question must have exactly one correct option; it has 2."
    ]


def test_single_with_no_correct_option():
    content = single()
    content["choices"][1]["correct"] = False
    assert validate_content(content) == [
        "A single-best-answer question must have exactly one correct option; it has 0."
    ]


@pytest.mark.parametrize("count", [2, 7])
def test_single_option_count_bounds(count):
    content = {"kind": "single", "choices": [choice(str(n), n == 0) for n in range(count)]}
    assert validate_content(content) == [
        f"A single-best-answer question needs 3 to 6 options; it has {count}."
    ]


@pytest.mark.parametrize("count", [2, 9])
def test_multiple_option_count_bounds(count):
    content = {"kind": "multiple", "choices": [choice(str(n), n == 0) for n in range(count)]}
    assert validate_content(content) == [
        f"A multiple-response question needs 3 to 8 options; it has {count}."
    ]


def test_multiple_with_no_correct_option():
    content = multiple()
    for option in content["choices"]:
        option["correct"] = False
    assert validate_content(content) == [
        "A multiple-response question must have at least one correct option; it has none."
    ]


def test_multiple_may_have_every_option_correct():
    content = {"kind": "multiple", "choices": [choice(x, True) for x in "abc"]}
    assert validate_content(content) == []


def test_true_false_must_have_exactly_true_and_false():
    content = true_false()
    content["choices"].append({"id": "maybe", "text": "Maybe", "correct": False})
    assert validate_content(content) == [
        'A true/false question must have exactly the two choices "true" and "false".'
    ]


def test_true_false_must_mark_one_correct():
    content = true_false()
    content["choices"][1]["correct"] = True
    assert validate_content(content) == [
        "A true/false question must mark exactly one of true and false as correct; it marks 2."
    ]


def test_option_problems_are_named():
    content = single()
    content["choices"][0] = {"id": "", "text": " ", "correct": "yes"}
    assert validate_content(content) == [
        "Option 1 has no id.",
        "Option 1 has no text.",
        "Option 1 must be marked correct or not.",
    ]


def test_duplicate_option_ids_and_texts():
    content = single()
    content["choices"][2] = choice("a", text="option a")
    assert validate_content(content) == [
        "Option ids must be unique; 'a' is used more than once.",
        "Options must differ; 'Option A' appears more than once.",
    ]


def test_missing_options():
    assert validate_content({"kind": "single"}) == ["A single-best-answer question needs a list of options."]


def test_empty_stem_is_checked_when_present():
    content = single()
    content["stem"] = "   "
    assert validate_content(content) == ["The stem must not be empty."]


def test_stem_is_optional():
    content = single()
    del content["stem"]
    assert validate_content(content) == []


def test_unknown_kind_in_content():
    assert validate_content({"kind": "essay"}) == [
        "Unknown question kind 'essay'; expected one of single, multiple, true_false, matching."
    ]


def test_matching_with_one_pair():
    content = matching()
    content["pairs"] = content["pairs"][:1]
    assert validate_content(content) == ["A matching question needs at least 2 pairs; it has 1."]


def test_matching_pair_answer_must_be_a_category():
    content = matching()
    content["pairs"][1]["answer"] = "Calciphylaxis"
    assert validate_content(content) == ["Pair 2's answer 'Calciphylaxis' is not one of the categories."]


def test_matching_empty_premise_and_answer():
    content = matching()
    content["pairs"][0]["premise"] = ""
    content["pairs"][2]["answer"] = " "
    assert validate_content(content) == ["Pair 1 has an empty premise.", "Pair 3 has an empty answer."]


def test_matching_duplicate_premises():
    content = matching()
    content["pairs"][1]["premise"] = "milk-alkali syndrome "
    assert validate_content(content) == [
        "Premises must differ; 'Milk-alkali syndrome' appears more than once."
    ]


def test_matching_duplicate_pair_ids():
    content = matching()
    content["pairs"][1]["id"] = "p1"
    assert validate_content(content) == ["Pair ids must be unique; 'p1' is used more than once."]


def test_matching_category_problems():
    content = matching()
    content["categories"] = ["Metastatic", "Iatrogenic", "Idiopathic", "metastatic", ""]
    assert validate_content(content) == [
        "Categories must not be empty.",
        "Categories must differ; 'Metastatic' appears more than once.",
    ]


def test_matching_needs_two_categories():
    content = matching()
    content["categories"] = ["Metastatic"]
    for pair in content["pairs"]:
        pair["answer"] = "Metastatic"
    assert validate_content(content) == ["A matching question needs at least 2 categories; it has 1."]


def test_matching_missing_pairs_or_categories():
    assert validate_content({"kind": "matching", "categories": ["A", "B"]}) == [
        "A matching question needs a list of pairs."
    ]
    assert validate_content({"kind": "matching", "pairs": []}) == [
        "A matching question needs a list of categories."
    ]


# --- shuffled and public_view ---------------------------------------------


def test_shuffle_is_stable_for_a_seed():
    content = {"kind": "multiple", "choices": [choice(x, x == "a") for x in "abcdefgh"]}
    assert shuffled(content, 7) == shuffled(content, 7)
    orders = {tuple(option["id"] for option in shuffled(content, seed)["choices"]) for seed in range(20)}
    assert len(orders) > 1


def test_shuffle_is_a_permutation_and_leaves_the_original_alone():
    content = single()
    before = copy.deepcopy(content)
    result = shuffled(content, 3)
    assert content == before
    assert sorted(result["choices"], key=lambda option: option["id"]) == content["choices"]
    assert {k: v for k, v in result.items() if k != "choices"} == {
        k: v for k, v in content.items() if k != "choices"
    }


def test_shuffle_reorders_matching_premises_but_not_categories():
    content = matching()
    results = [shuffled(content, seed) for seed in range(20)]
    assert all(result["categories"] == content["categories"] for result in results)
    assert all(sorted(r["pairs"], key=lambda p: p["id"]) == content["pairs"] for r in results)
    assert len({tuple(pair["id"] for pair in result["pairs"]) for result in results}) > 1


def test_shuffle_keeps_true_false_order():
    content = true_false()
    assert all(shuffled(content, seed) == content for seed in range(10))


def test_shuffled_content_grades_the_same():
    content = multiple()
    assert grade(shuffled(content, 5), {"choices": ["a", "c"]}).score == 1.0


def _keys(value: object) -> set[str]:
    if isinstance(value, dict):
        return set(value) | {key for item in value.values() for key in _keys(item)}
    if isinstance(value, list):
        return {key for item in value for key in _keys(item)}
    return set()


@pytest.mark.parametrize("make", [single, multiple, true_false, matching])
def test_public_view_leaks_no_key(make):
    content = make()
    view = public_view(content)
    assert _keys(view).isdisjoint({"correct", "explanation", "answer"})
    assert "Why" not in repr(view)  # no per-option explanation text either


def test_public_view_of_choices_keeps_ids_and_text_in_order():
    view = public_view(shuffled(single(), 11))
    assert [option["id"] for option in view["choices"]] == [
        option["id"] for option in shuffled(single(), 11)["choices"]
    ]
    assert view["stem"] == single()["stem"]
    assert all(set(option) == {"id", "text"} for option in view["choices"])


def test_public_view_of_matching_sorts_categories_and_keeps_premises():
    view = public_view(matching())
    assert view["categories"] == ["Dystrophic", "Iatrogenic", "Idiopathic", "Metastatic"]
    assert view["pairs"][0] == {"id": "p1", "premise": "Milk-alkali syndrome"}
