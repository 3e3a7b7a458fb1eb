"""More ways an article states a member of a "Name two" class outside the list (membership.py, pass 18): the
condition told apart from another ("distinguishes X from Y"), a group whose risk is greatest, and an
appositive after a member, which names no second member."""

from __future__ import annotations

from tests.generation.test_membership import DDX, article, bullets, lesson, name_two, para, silent

DDX_LIST = bullets("The differential diagnosis includes:", "Tinea cruris", "Cutaneous candidiasis", "Gout")


def test_a_condition_it_is_told_apart_from_joins_the_differential_back():
    outline = article(
        lesson(
            DDX, para("A raised edge distinguishes erysipelas from cellulitis, which is deeper."), DDX_LIST
        )
    )
    ((_, answer),) = name_two(outline, "Name two conditions in the differential")
    assert answer == "Any two of: Tinea cruris; Cutaneous candidiasis; Gout; Cellulitis"


def test_a_condition_it_is_told_apart_from_in_another_lesson_refuses_the_card():
    features = "This is the key feature that distinguishes erysipelas from cellulitis."
    outline = article(
        lesson("What are the clinical features of erysipelas?", para(features)), lesson(DDX, DDX_LIST)
    )
    assert name_two(outline, "Name two conditions in the differential") == []
    assert features in silent(outline)[DDX]


def test_an_appositive_after_a_member_names_no_second_member():
    outline = article(
        lesson(
            DDX,
            para(
                "The main concern is to distinguish erysipelas from gout, a crystal arthritis of the joints."
            ),
            DDX_LIST,
        )
    )
    ((_, answer),) = name_two(outline, "Name two conditions in the differential")
    assert answer == "Any two of: Tinea cruris; Cutaneous candidiasis; Gout"


def test_a_group_whose_risk_is_greatest_joins_the_risk_back():
    outline = article(
        lesson(
            "Who gets erysipelas?",
            para("Anyone can get erysipelas, but the risk is greatest in older adults."),
            bullets("Risk factors include:", "Lymphoedema", "Tinea pedis", "Diabetes mellitus"),
        )
    )
    ((_, answer),) = name_two(outline, "Name two risk factors")
    assert answer == "Any two of: Lymphoedema; Tinea pedis; Diabetes mellitus; Older adults"


def test_a_risk_that_is_greatest_at_a_time_is_no_member():
    outline = article(
        lesson(
            "Who gets erysipelas?",
            para("The risk is greatest in the summer months."),
            bullets("Risk factors include:", "Lymphoedema", "Tinea pedis", "Diabetes mellitus"),
        )
    )
    ((_, answer),) = name_two(outline, "Name two risk factors")
    assert answer == "Any two of: Lymphoedema; Tinea pedis; Diabetes mellitus"
