"""A fix from set W's grading: a condition whose name holds "of" ("polymorphic eruption of pregnancy") was read
as a question about its last words ("pregnancy"), so the sentence naming the condition to tell apart first ("The
most important condition to distinguish from PEP is pemphigoid gestationis") was not read as the condition's, and
the "Other conditions to consider" card left the best answer out (graded invalid). The question is about the
whole condition (a scope before its name still narrows it: test_rules.test_a_question_narrowed_to_part_of_the_condition_gathers_nothing_from_other_lists).
"""

from __future__ import annotations

from quizzes.content.generation.generator import generate_screened
from quizzes.content.reader.outline import Block, Outline, Section

CONDITION = "Eruption of xenoderma"
LESSON = "What is the differential diagnosis for eruption of xenoderma?"
OTHERS = ("Urticaria", "Drug eruption", "Contact dermatitis", "Scabies")
QUESTION = "Name two conditions in the differential diagnosis of eruption of xenoderma."


def backs(*blocks: Block, lesson: str = LESSON) -> dict[str, str]:
    outline = Outline(title=CONDITION, lessons=[Section(lesson, list(blocks))])
    return {d.prompt: d.answer for d in generate_screened(outline).kept if d.kind == "basic"}


def test_the_condition_to_tell_apart_joins_the_back_of_a_condition_named_with_of():
    found = backs(
        Block("paragraph", "The most important condition to distinguish from EX is pemphigoid gestationis."),
        Block("list", "Key differences are:", ("It starts earlier", "It forms large, tense blisters")),
        Block("list", "Other conditions to consider include:", OTHERS),
    )
    assert "Pemphigoid gestationis" in found[QUESTION]
    assert "Scabies" in found[QUESTION]


def test_conditions_that_cause_the_sign_in_a_differential_are_asked_as_its_differential():
    # set AA: "Conditions that can cause a pigmented or itchy patch on the back include:" was asked as "Name two
    # conditions that can cause a pigmented or itchy patch on the back in <condition>": causes within it; set AG:
    # "Apart from <condition>, name two conditions that can cause lip swelling" is broader than the list
    found = backs(Block("list", "Conditions that can cause a pigmented patch on the back include:", OTHERS))
    assert list(found) == ["Name two conditions in the differential diagnosis of eruption of xenoderma."]


def test_near_miss_conditions_that_cause_a_similar_pattern_are_mimics_of_the_condition():
    found = backs(Block("list", "Conditions that can cause a similar net-like pattern include:", OTHERS))
    assert list(found) == [
        "Name two conditions that can cause a net-like pattern similar to eruption of xenoderma."
    ]
