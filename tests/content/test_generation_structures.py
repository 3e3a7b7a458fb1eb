"""Drafts from nested lists, label rows and tables (issue 12): grouping facts, never glued across levels."""

from __future__ import annotations

import re

import pytest

from quizzes.content.generation.generator import Draft, generate, report, squash
from quizzes.content.reader import Source, read
from quizzes.content.reader.outline import Block, Outline, Section
from tests.paths import ARTICLES

FIXTURES = sorted(
    path.name for path in ARTICLES.iterdir() if path.suffix in (".txt", ".md", ".html", ".docx")
)


def source(name: str) -> Source:
    return read((ARTICLES / name).read_bytes())


def drafts_of(name: str) -> list[Draft]:
    return generate(source(name).outline)


def classified(drafts: list[Draft]) -> dict[str, str]:
    return {d.prompt: d.answer for d in drafts if d.kind == "classification"}


@pytest.mark.parametrize("name", FIXTURES)
def test_every_article_of_every_format_passes_its_self_check(name):
    result = report(source(name).outline)
    assert result["answer_missing"] == 0, result["failures"]
    assert result["bad_distractors"] == 0, result["failures"]


@pytest.mark.parametrize("name", FIXTURES)
def test_every_excerpt_line_is_in_the_stored_article_text(name):
    text = squash(re.sub(r"[*_]", "", source(name).text.replace("\\", "")))  # "*pemphigus*": emphasis
    for draft in drafts_of(name):
        for line in draft.excerpt.split("\n"):
            assert squash(line) in text, (draft.key, line)


def test_rows_whose_text_is_a_sentence_give_no_grouping_facts():
    cards = classified(drafts_of("hidradenitis-suppurativa.txt"))
    assert "Stage I" not in cards.values()
    assert not [d for d in drafts_of("scabies.txt") if d.kind == "classification"]


def test_no_statement_from_a_lead_in_that_cannot_run_on_into_its_entries():
    prompts = [squash(d.prompt) for d in drafts_of("urticaria.html") + drafts_of("scabies.txt")]
    assert not [
        p for p in prompts if "treated in steps" in p or "closely together" in p or "may be used" in p
    ]


def test_a_list_without_lead_in_under_a_question_heading_states_nothing():
    outline = Outline(
        title="Acne",
        lessons=[
            Section("What causes acne?", [Block("list", "", ("Androgens", "Blocked follicles", "Bacteria"))])
        ],
    )
    assert not [d for d in generate(outline) if d.kind == "true_false"]
