"""Issue 13, pass 13: list questions on unseen articles (sets K and L). A lead-in is read by its subject and
verb wherever it stands, a list under a question heading answers it, and a "Name two" back holds every member
its lesson names: the main condition to distinguish, the pair that looks the same; never a time or season as
a member, nor a treatment the article keeps for another group of patients. Through the public surface."""

from __future__ import annotations

import pytest

from quizzes.content.generation.generator import generate_screened, silent_lessons
from quizzes.content.reader.outline import Block, Outline, Section

TITLE = "Erysipelas"
ENTRIES = ("Cellulitis", "Gout", "Contact dermatitis")
ANY_TWO = "Any two of: Cellulitis; Gout; Contact dermatitis"


def para(text: str) -> Block:
    return Block("paragraph", text)


def bullets(lead_in: str, *entries: str) -> Block:
    return Block("list", lead_in, entries)


def outline_of(heading: str, *blocks: Block, subsections=()) -> Outline:
    return Outline(title=TITLE, lessons=[Section(heading, list(blocks), list(subsections))])


def article(heading: str, lead_in: str, before: str = "", entries=ENTRIES) -> Outline:
    blocks = ([para(before)] if before else []) + [bullets(lead_in, *entries)]
    return outline_of(heading, *blocks)


def cards(outline: Outline) -> list[tuple[str, str]]:
    return [(d.prompt, d.answer) for d in generate_screened(outline).kept if d.kind == "basic"]


def silence(outline: Outline) -> dict[str, str]:
    return silent_lessons(outline, generate_screened(outline))


# --- lead-ins read by subject and verb --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("heading", "lead_in", "before", "prompt"),
    [
        (
            "What is the differential diagnosis for erysipelas?",
            "The main conditions to consider are:",
            "",
            "Name two conditions in the differential diagnosis of erysipelas.",
        ),
        (
            "What is the differential diagnosis for erysipelas?",
            "The main conditions to consider in infancy are:",
            "",
            "Name two conditions in the differential diagnosis of erysipelas in infancy.",
        ),
        (
            "What causes erysipelas?",
            "Medicines most often responsible include:",
            "",
            "Name two medicines that are most often responsible for erysipelas.",
        ),
        (
            "How is erysipelas diagnosed?",
            "Dermoscopy is very helpful and may show:",
            "",
            "Name two findings on dermoscopy in erysipelas.",
        ),
        (
            "What are the clinical features of erysipelas?",
            "The characteristic findings are:",
            "",
            "Name two characteristic findings of erysipelas.",
        ),
    ],
)
def test_a_lead_in_is_read_by_its_subject_and_verb(heading, lead_in, before, prompt):
    assert cards(article(heading, lead_in, before)) == [(prompt, ANY_TWO)]


@pytest.mark.parametrize(
    ("heading", "lead_in", "prompt"),
    [
        (
            "How can erysipelas be prevented?",
            "People handling sheep and goats can reduce their risk by:",
            "Name two ways people handling sheep and goats can reduce their risk of erysipelas.",
        ),
        (
            "What is the treatment for erysipelas?",
            "Troublesome cutaneous nodules may be removed by:",
            "Name two ways to remove troublesome cutaneous nodules in erysipelas.",
        ),
        (
            "What is the differential diagnosis for erysipelas?",
            "Diffuse redness may also be due to:",
            "Apart from erysipelas, name two causes of diffuse redness.",
        ),
        (
            "How is erysipelas diagnosed?",
            "In a person without an affected parent, erysipelas is diagnosed when two or more of the following are present:",
            "Name two diagnostic criteria for erysipelas.",
        ),
        (
            "How is erysipelas diagnosed?",
            "Tests are mainly used to identify a cause or exclude a mimic:",
            "In erysipelas, name two tests that are used to identify a cause or exclude a mimic.",
        ),
        (
            "How is erysipelas diagnosed?",
            "If the diagnosis is uncertain, it can be confirmed by:",
            "Name two investigations that can confirm the diagnosis of erysipelas.",
        ),
        (
            "What is the differential diagnosis for erysipelas?",
            "Other conditions that cause widespread redness include the following.",
            "Name two conditions in the differential diagnosis of erysipelas.",
        ),
    ],
)
def test_a_lead_in_is_read_by_its_verb(heading, lead_in, prompt):
    assert cards(article(heading, lead_in)) == [(prompt, ANY_TWO)]


def test_the_most_common_after_a_sentence_naming_the_class_asks_for_that_class():
    outline = article(
        "What causes erysipelas?",
        "The most common include:",
        "More than 100 drugs have been reported to cause erysipelas.",
    )
    assert cards(outline) == [
        ("Name two drugs that are most commonly reported to cause erysipelas.", ANY_TWO)
    ]


def test_reasons_for_failure_in_a_lesson_on_treatment_are_reasons_for_treatment_failure():
    outline = article("What is the treatment for erysipelas?", "Common reasons for apparent failure are:")
    assert cards(outline) == [
        ("Name two common reasons for apparent treatment failure in erysipelas.", ANY_TWO)
    ]
