"""Pass 19: the demographic risks a "Who gets" paragraph states beside a list of risk factors join the back
in three more wordings: "common ..., especially in <group>", "mainly affects <age> and <age> men" (singular
age words), and an age after a parenthesis ("fair-skinned adults (Fitzpatrick I and II) over the age of 40");
a sentence read for an age is still read for its other members. Each with its near miss."""

from __future__ import annotations

from tests.generation.test_membership import article, name_two, who_gets

QUESTION = "Name two risk factors for erysipelas."


def back(*before: str) -> str:
    cards = name_two(article(who_gets(*before)), QUESTION)
    assert len(cards) == 1
    return cards[0][1]


def test_the_group_a_common_condition_favours_joins_the_back():
    assert "Hot, humid climates" in back("Erysipelas is common worldwide, especially in hot, humid climates.")


def test_a_season_a_common_condition_favours_does_not():
    answer = back("Erysipelas is common worldwide, especially in summer.")
    assert "summer" not in answer.casefold()


def test_men_of_two_ages_join_the_back():
    assert "Adolescent and adult men" in back("Erysipelas mainly affects adolescent and adult men.")


def test_a_site_mainly_affected_does_not():
    answer = back("Erysipelas mainly affects the lower leg and the face.")
    assert "lower leg" not in answer.casefold()


def test_an_age_after_a_parenthesis_joins_the_back_with_the_group():
    answer = back("Erysipelas mainly affects fair-skinned adults (skin types I and II) over the age of 40.")
    assert "Age over 40" in answer
    # set U's examiner: "'fair-skinned adults' describes a group, not a risk factor": the skin type (pass 20)
    assert "Fair skin (skin types I and II)" in answer


def test_an_age_the_sentence_only_excludes_does_not():
    answer = back("Erysipelas mainly affects fair-skinned adults (whatever their age).")
    assert "Age over" not in answer


def test_another_group_also_affected_refuses_the_card():
    """Pass 21: "Women can also be affected, particularly when they ..." beside the list: a group and its
    circumstance the back cannot take as one answer (set W's pseudofolliculitis barbae)."""
    cards = name_two(
        article(who_gets("Women can also be affected, particularly when they pluck coarse facial hair.")),
        QUESTION,
    )
    assert cards == []


def test_a_group_less_affected_keeps_the_card():
    assert back("Erysipelas is much less common in children.")
