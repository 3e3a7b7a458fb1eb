"""Pass 21: "Name two factors associated with X" is refused when the lesson on what causes X lists causes, which
are such factors too; with no causes list beside it the card stays."""

from __future__ import annotations

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
