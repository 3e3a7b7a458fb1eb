"""Cloze blanks the examiners graded low-yield or guessable (blanks.py): each refused with its reason, and the
near miss of each kept."""

from __future__ import annotations

import pytest

from quizzes.content import reader
from quizzes.content.generation import generator
from quizzes.content.generation.blanks import refused_blank
from quizzes.content.generation.drafts import Draft

ARTICLE = "Erythema migrans is treated with doxycycline."


def cloze(prompt: str) -> Draft:
    return Draft(key="cloze-x", kind="cloze", lesson="L", prompt=prompt, answer="")


REFUSED = [
    (
        "Becker naevus is caused by a {{c1::genetic change}} that arises after conception.",
        "only a mechanism class",
    ),
    ("Alopecia areata is caused by an {{c1::immune attack}} on hair follicles.", "only a mechanism class"),
    ("Secondary livedo reticularis is caused by an {{c1::underlying condition}}.", "only a mechanism class"),
    ("Napkin dermatitis results from a {{c1::combination of factors}}.", "only a mechanism class"),
    (
        "Keloids usually start to form {{c1::three}} months to a year after the injury.",
        "only the lower bound",
    ),
    ("Lesions appear {{c1::2}} to 4 weeks after exposure.", "only the lower bound"),
    (
        "It affects adults over the age of 50, with a peak between {{c1::50 and 70}} years.",
        "already shows (50)",
    ),
    ("Allergic contact dermatitis develops in {{c1::two stages}}.", "a count of stages or types"),
    ("Allergic contact dermatitis develops in {{c1::two}} stages.", "a count of stages or types"),
    ("Without treatment the eruption may take {{c1::2 to 6}} weeks to settle.", "lasts untreated"),
    ("Children may instead receive {{c1::oral penicillin}} for ten days.", "pointing to the sentence before"),
    ("However, {{c1::tacrolimus}} can be used on the face.", "pointing to the sentence before"),
]
KEPT = [
    "{{c1::Immune checkpoint inhibitors}} are the first-line treatment for advanced Merkel cell carcinoma.",
    "Pemphigus foliaceus is an uncommon {{c1::autoimmune}} blistering disease.",  # not made (clauses.py, pass 19)
    "Hailey-Hailey disease is caused by mutations in the {{c1::ATP2C1}} gene.",
    "Prurigo nodules measure from a few millimetres to {{c1::2}} cm in diameter.",  # the upper bound
    "Scarlet fever mainly affects children aged {{c1::5 to 15}} years.",  # the whole range, no typical value
    "Grover disease affects adults over the age of {{c1::40}} years, with a peak in their 60s.",
    "Morphoea is {{c1::two to three}} times more common in females than in males.",  # a ratio, not a count
    "Fewer than {{c1::10}}% of patients recover without treatment.",  # a share, not a duration
    "In pitted keratolysis, {{c1::topical antibiotics}} are the first-line treatment.",  # rule not kept
    "Children usually receive {{c1::oral penicillin}} for ten days.",  # no word pointing back
]


@pytest.mark.parametrize(("prompt", "why"), REFUSED)
def test_a_low_yield_or_guessable_blank_is_refused_with_its_reason(prompt, why):
    assert why in refused_blank(cloze(prompt), ARTICLE)


@pytest.mark.parametrize("prompt", KEPT)
def test_the_near_miss_is_kept(prompt):
    assert refused_blank(cloze(prompt), ARTICLE) == ""


def test_a_whole_range_is_refused_when_its_sentence_gives_a_typical_value():
    article = "Erythema migrans appears 3 to 30 days after the tick bite, typically after 7 to 14 days."
    draft = cloze("Erythema migrans appears {{c1::3 to 30}} days after the tick bite.")
    assert "a whole range (“3 to 30”) while the article gives its typical value too" in refused_blank(
        draft, article
    )


def test_a_whole_range_is_kept_when_its_sentence_gives_none():
    article = "Erythema migrans appears 3 to 30 days after the tick bite."
    assert (
        refused_blank(cloze("Erythema migrans appears {{c1::3 to 30}} days after the tick bite."), article)
        == ""
    )


def test_only_a_cloze_is_read():
    card = Draft(key="basic-x", kind="basic", lesson="L", prompt="What is it?", answer="autoimmune")
    assert refused_blank(card, ARTICLE) == ""


TEXT = """Keloid

What is a keloid?

A keloid is a firm, raised scar that grows beyond the edges of the original wound.

When do keloids form?

Keloids usually start to form three months to a year after the injury.
"""


def test_an_article_s_lesson_whose_only_cloze_is_refused_says_why():
    outline = reader.read(TEXT.encode()).outline
    screened = generator.generate_screened(outline)
    assert not [d for d in screened.kept if "three" in d.prompt]
    assert (
        "blanks only the lower bound of a range"
        in generator.silent_lessons(outline, screened)["When do keloids form?"]
    )
