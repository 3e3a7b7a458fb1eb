"""Pass 21: "Name two factors associated with X" is refused when the lesson on what causes X lists causes, which
are such factors too; with no causes list beside it the card stays."""

from __future__ import annotations

from quizzes.content.reader.outline import Block
from tests.generation.test_membership import article, bullets, lesson, name_two

FACTORS = bullets(
    "Factors associated with erysipelas include:", "Increasing age", "Sun exposure", "Family history"
)
CAUSES = lesson(
    "What causes erysipelas?",
    bullets(
        "It results from a combination of:", "Ageing of melanocytes", "Minor trauma", "Genetic susceptibility"
    ),
)


def test_factors_beside_a_causes_list_are_refused():
    outline = article(lesson("Who gets erysipelas?", FACTORS), CAUSES)
    assert name_two(outline, "Name two factors") == []


def test_factors_with_no_causes_list_keep_the_card():
    outline = article(lesson("Who gets erysipelas?", FACTORS))
    assert name_two(outline, "Name two factors") == [
        (
            "Name two factors associated with erysipelas.",
            "Any two of: Increasing age; Sun exposure; Family history",
        )
    ]


def test_factors_beside_a_list_in_the_causes_lesson_naming_no_cause_keep_the_card():
    # set AB: "The colour of the concretions varies:" in "What causes trichomycosis?" refused its predisposing
    # factors as an "overlapping class"
    colours = lesson(
        "What causes erysipelas?", bullets("The colour of the lesions varies:", "Yellow", "Red", "Black")
    )
    outline = article(lesson("Who gets erysipelas?", FACTORS), colours)
    assert [q for q, _ in name_two(outline, "Name two factors")] == [
        "Name two factors associated with erysipelas."
    ]


def test_near_miss_a_causes_list_whose_paragraph_names_the_cause_still_refuses():
    # set X: "The lesions result from direct physical or chemical injury ... They include:"
    injury = lesson(
        "What causes erysipelas?",
        Block("paragraph", "The lesions result from injury to the skin. The methods vary."),
        bullets("They include:", "Burning", "Cutting", "Chemicals"),
    )
    assert name_two(article(lesson("Who gets erysipelas?", FACTORS), injury), "Name two factors") == []
