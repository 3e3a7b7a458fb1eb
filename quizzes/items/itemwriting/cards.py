"""Checks of flashcard notes and of premise -> category pairs (matching questions, classification notes).

A card fails when its answer can be read off the card itself (a cloze whose
deleted text is written elsewhere on the card, or in its hint; a front that
holds its back; a premise that names its category), and warns when one card
asks for a list of more than five facts (recall of a set is unreliable; "Any two of: ..." asks for two).
"""

from __future__ import annotations

import re

from quizzes.items.itemwriting.catalogue import flag
from quizzes.items.itemwriting.items import Flag, Item
from quizzes.items.itemwriting.language import content_lemmas, normal, sentences, words
from quizzes.items.itemwriting.options import duplicate_options
from quizzes.items.notetext import CLOZE_RE, clozes

MAX_FACTS = 5
SHORT_ANSWER_WORDS = 6  # a back this short that the front contains gives itself away
_LIST_SEPARATOR = re.compile(r"\s*[;,]\s*|\s+(?:and/or|and|or)\s+", re.IGNORECASE)
_CHOICE_HINT = re.compile(r"\bor\b|/|\?", re.IGNORECASE)


def _inside(phrase: str, text: str) -> bool:
    """Whether ``phrase``'s content words appear together, in order, in ``text``'s (folded)."""
    needle = normal(phrase)
    return bool(needle) and f" {needle} " in f" {normal(text)} "


_ANY_OF = re.compile(r"^\s*any (?P<n>one|two|three|four|five) of\b", re.IGNORECASE)
_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5}


def facts(text: str) -> int:
    """How many facts a card's answer asks for: lines, sentences, or items of its longest list; a back
    "Any two of: A; B; C; ..." lists the acceptable answers of a card asking for two, so two."""
    if match := _ANY_OF.match(text):
        return _NUMBERS[match["n"].casefold()]
    lines = [line for line in text.splitlines() if line.strip()]
    count = len(lines) if len(lines) > 1 else 1
    for sentence in sentences(text):
        count = max(count, len([part for part in _LIST_SEPARATOR.split(sentence) if part.strip()]))
    return max(count, len(sentences(text)))


def _overloaded(answer: str, where: str) -> list[Flag]:
    count = facts(answer)
    if count <= MAX_FACTS:
        return []
    return [
        flag(
            "overloaded-card",
            f"{where} asks for {count} facts at once; split it into cards of one fact each.",
            answer[:80],
        )
    ]


def cloze_flags(item: Item) -> list[Flag]:
    """Each cloze card: its hidden text must not show elsewhere on it (or in its hint); five facts at most."""
    deletions = clozes(item.stem)
    found: list[Flag] = []
    for number in sorted({c.number for c in deletions if c.number > 0}):
        visible = CLOZE_RE.sub(lambda m, n=number: "[…]" if int(m[1]) == n else m[2], item.stem)
        hidden = [c for c in deletions if c.number == number]
        for cloze in hidden:
            if not content_lemmas(cloze.answer):
                continue
            if _inside(cloze.answer, visible):
                found.append(
                    flag(
                        "answer-on-card",
                        f"Card c{number} hides “{cloze.answer}” but shows it elsewhere on the card.",
                        cloze.answer,
                    )
                )
            elif cloze.hint and not _CHOICE_HINT.search(cloze.hint) and _inside(cloze.answer, cloze.hint):
                found.append(
                    flag("answer-on-card", f"The hint of card c{number} gives the answer away.", cloze.hint)
                )
        if len(hidden) > MAX_FACTS:
            found += _overloaded(" ; ".join(c.answer for c in hidden), f"Card c{number}")
        else:
            for cloze in hidden:
                found += _overloaded(cloze.answer, f"Card c{number}")
    return found


def basic_flags(item: Item) -> list[Flag]:
    """A basic (or reversed) card whose front holds its short back (either way round); five facts at most."""
    found = []
    sides = [(item.stem, item.back, "front")]
    if item.kind == "reversed":
        sides.append((item.back, item.stem, "back"))
    for shown, answer, side in sides:
        if len(words(answer)) <= SHORT_ANSWER_WORDS and content_lemmas(answer) and _inside(answer, shown):
            found.append(
                flag("answer-on-card", f"The card's {side} already says “{answer}”, its answer.", answer)
            )
    found += _overloaded(item.back, "The back")
    if item.kind == "reversed":
        found += _overloaded(item.stem, "The front")
    return found


def named_categories(item: Item, check: str) -> list[Flag]:
    """Premises that name their own category (the card or question answers itself)."""
    return [
        flag(check, f"“{premise}” names its own category, “{category}”.", premise)
        for premise, category in item.pairs
        if _inside(category, premise)
    ]


def matching_flags(item: Item) -> list[Flag]:
    """A matching question: duplicate premises or categories, a premise naming its category, word repeats."""
    premises = tuple(premise for premise, _ in item.pairs)
    categories = tuple(dict.fromkeys(item.categories or [c for _, c in item.pairs]))
    found = [
        *duplicate_options(premises, "premises"),
        *duplicate_options(categories, "categories"),
        *named_categories(item, "answer-in-stem"),
    ]
    named = {flagged.text for flagged in found if flagged.check == "answer-in-stem"}
    for premise, category in item.pairs:
        if premise in named:
            continue
        others = frozenset().union(*(content_lemmas(c) for c in categories if c != category))
        repeated = sorted((content_lemmas(premise) & content_lemmas(category)) - others)
        if repeated:
            found.append(
                flag(
                    "word-repeat",
                    f"“{premise}” shares “{', '.join(repeated)}” with its category “{category}” only.",
                    repeated[0],
                )
            )
    return found


def note_flags(item: Item) -> list[Flag]:
    """Every check of a note of any kind."""
    if item.kind == "cloze":
        return cloze_flags(item)
    if item.kind == "classification":
        return named_categories(item, "answer-on-card")
    return basic_flags(item)
