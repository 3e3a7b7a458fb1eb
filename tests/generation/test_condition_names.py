"""The condition's name the stems use, read from the article's title (set R: "Herpes simplex: cold sores")."""

from __future__ import annotations

from quizzes.content.reader.outline import Block, Outline, Section
from tests.generation.small import prompts

_SIGN = "Raynaud phenomenon is the first sign in more than 95% of patients."


def _article(title: str, opening: str) -> Outline:
    """An article on ``title`` opening with ``opening``, with a sentence that takes "In X," and a list card."""
    return Outline(
        title=title,
        lessons=[
            Section("What is it?", [Block("paragraph", opening)]),
            Section("What are the clinical features?", [Block("paragraph", _SIGN)]),
            Section(
                "What are the complications?",
                [Block("list", "Complications include:", ("Ulcers", "Calcinosis", "Infection"))],
            ),
        ],
    )


def test_a_qualifier_after_a_colon_in_the_title_is_not_part_of_the_name():
    opening = "Systemic sclerosis is a chronic autoimmune disease of the skin and internal organs."
    found = prompts(_article("Systemic sclerosis: skin features", opening))
    assert (
        "In systemic sclerosis, {{c1::Raynaud phenomenon}} is the first sign in more than 95% of patients."
        in found
    )
    assert "Name two possible complications of systemic sclerosis." in found


def test_the_part_after_the_colon_is_the_name_when_the_article_opens_with_it():
    opening = "Cold sores are recurrent blisters on the lips caused by herpes simplex virus."
    found = prompts(_article("Herpes simplex: cold sores", opening))
    assert "Name two possible complications of cold sores." in found
    assert not [prompt for prompt in found if "herpes simplex:" in prompt.casefold()]


def test_the_part_after_the_colon_named_later_in_the_opening_sentence_is_not_the_name():
    opening = "Herpes simplex virus causes recurrent blisters on the lips, which are called cold sores."
    found = prompts(_article("Herpes simplex: cold sores", opening))
    assert "Name two possible complications of herpes simplex." in found


def test_a_title_without_a_colon_is_the_name_whatever_the_article_opens_with():
    opening = "Scleroderma is a chronic autoimmune disease of the skin and internal organs."
    found = prompts(_article("Systemic sclerosis", opening))
    assert "Name two possible complications of systemic sclerosis." in found


def test_a_title_opening_with_a_colon_keeps_the_name_after_it():
    opening = "Sarcoidosis is a disease in which granulomas form in many organs."
    found = prompts(_article(": Sarcoidosis", opening))
    assert "Name two possible complications of sarcoidosis." in found


def test_a_name_holding_of_opening_a_paragraph_is_not_read_as_a_glued_sub_heading():
    # set AB: "Poikiloderma of Civatte is a common ..." was read as the sub-heading "Poikiloderma of" glued to the
    # text "Civatte is a common ...", and the lesson report quoted the cut sentence
    text = "Poikiloderma of Civatte is generally regarded as a feature of chronic sun damage."
    lesson = Section("What is poikiloderma of Civatte?", [Block("paragraph", text)])
    assert prompts(Outline(title="Poikiloderma of Civatte", lessons=[lesson])) == [
        "Poikiloderma of Civatte is generally regarded as a feature of {{c1::chronic sun damage}}."
    ]
