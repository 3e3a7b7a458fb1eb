"""A bare lead-in ("Options include:") under a kind of treatment, after a sentence saying what that treatment
is used for ("Systemic treatment is used for advanced disease."): the question keeps both, the kind and the
use (pass 18; before, the use was kept only when the entries did not fit the kind)."""

from __future__ import annotations

from quizzes.content.generation import generator
from quizzes.content.reader.outline import Block, Outline, Section

LESSON = "What is the treatment for xenoderma?"
OPTIONS = Block("list", "Options include:", ("Methotrexate", "Ciclosporin", "Acitretin"))


def outline(sentence: str) -> Outline:
    sub = Section("Systemic treatment", [Block("paragraph", sentence), OPTIONS])
    return Outline(title="Xenoderma", lessons=[Section(LESSON, [], [sub])])


def cards(article: Outline) -> list[str]:
    return [d.prompt for d in generator.generate_screened(article).kept if d.kind == "basic"]


def test_options_of_a_treatment_used_for_a_stage_are_asked_of_that_stage():
    article = outline("Systemic treatment is used for severe or resistant disease.")
    assert cards(article) == ["Name two systemic treatments for severe or resistant xenoderma."]


def test_options_after_a_sentence_on_something_else_are_asked_of_the_condition():
    article = outline("Systemic treatment often takes several months to work.")
    assert cards(article) == ["Name two systemic treatments for xenoderma."]
