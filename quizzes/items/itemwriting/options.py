"""Checks of a question's options: forbidden options, duplicates, terms, and cues to the key.

Each check takes an :class:`Item` (single or multiple response) and returns
flags naming the option at fault. The cue checks (longest key, word repeat,
grammar, convergence, opposites) only look at what a test-wise student sees:
the stem and the option texts.
"""

from __future__ import annotations

import itertools
import re

from quizzes.items.itemwriting.catalogue import flag
from quizzes.items.itemwriting.items import Flag, Item
from quizzes.items.itemwriting.language import (
    contains_phrase,
    content_lemmas,
    lemmas,
    normal,
    word_set,
    words,
)

_ALL_ABOVE = re.compile(
    r"^\W*(?:all|both)\s+(?:of\s+)?(?:the\s+)?(?:above|options|answers|(?:of\s+)?these)\b", re.IGNORECASE
)
_NONE_ABOVE = re.compile(r"\b(?:none|neither)\s+of\s+(?:the\s+)?(?:above|options|answers|these)\b", re.I)
_LETTER = r"\(?(?:[A-Ha-h]|[1-9])\)?"
_COMBINED = re.compile(
    rf"^\W*(?:(?:both|only|options?|answers?)\s+)?{_LETTER}(?:\s*(?:,|and|&|\+|or)\s*{_LETTER})+(?:\s+only)?\W*$"
)

ABSOLUTE = word_set(
    "always never all none every only must completely entirely absolutely invariably exclusively "
    "cannot impossible certainly definitely solely nothing nobody everyone everything universally"
)
_LIMITED_TO = re.compile(r"\b(?:limited|confined|restricted)\s+to\b|\bno\s+one\b", re.IGNORECASE)
VAGUE = word_set(
    "usually often frequently commonly sometimes occasionally rarely seldom generally typically normally "
    "infrequently uncommonly"
)

LONGER_BY = 1.3  # the key is this many times longer than the longest distractor...
LONGER_CHARS = 8  # ...and at least this many characters longer


def _quoted(texts) -> str:
    return ", ".join(f"“{text}”" for text in texts)


def forbidden_options(item: Item) -> list[Flag]:
    """ "All of the above", "None of the above" and options that combine others ("A and C")."""
    found = []
    for option in item.options:
        if _ALL_ABOVE.search(option.text):
            found.append(
                flag("all-of-the-above", f"Replace “{option.text}” with a specific option.", option.text)
            )
        elif _NONE_ABOVE.search(option.text):
            found.append(
                flag("none-of-the-above", f"Replace “{option.text}” with a specific option.", option.text)
            )
        elif _COMBINED.match(option.text):
            found.append(
                flag(
                    "combined-options",
                    f"“{option.text}” combines other options; make this a multiple-response question.",
                    option.text,
                )
            )
    return found


def duplicate_options(texts: tuple[str, ...], what: str = "options") -> list[Flag]:
    """Options (or premises) that say the same thing once case, plurals, spelling and little words are folded."""
    found = []
    texts = tuple(text for text in texts if not _COMBINED.match(text))  # "a and c": flagged as combined
    for first, second in itertools.combinations(texts, 2):
        a, b = normal(first), normal(second)
        if a and a == b:
            found.append(
                flag(
                    "duplicate-options",
                    f"Two {what} say the same thing: “{first}” and “{second}”.",
                    f"{first} / {second}",
                )
            )
    return found


def is_combined(text: str) -> bool:
    """Whether an option only combines other options ("A and C", "1, 2 and 3")."""
    return bool(_COMBINED.match(text))


def _terms(text: str, vocabulary: frozenset[str]) -> list[str]:
    return [word for word in words(text) if word.casefold() in vocabulary]


def absolute_terms(texts: tuple[str, ...], where: str = "option", skip=None) -> list[Flag]:
    """Options (or a statement) with "always", "never", "only", "all", "limited to"...

    ``skip(words, n)`` may pass over a term (a statement's relative clause qualifies its subject).
    """
    found = []
    for text in texts:
        if _ALL_ABOVE.search(text) or _NONE_ABOVE.search(text) or _COMBINED.match(text):
            continue  # flagged as such
        said = words(text)
        terms = [w for n, w in enumerate(said) if w.casefold() in ABSOLUTE and not (skip and skip(said, n))]
        terms += [m[0] for m in _LIMITED_TO.finditer(text)]
        if terms:
            found.append(
                flag(
                    "absolute-terms",
                    f"The {where} “{text}” uses {_quoted(dict.fromkeys(terms))}: test-wise students "
                    "treat absolute claims as false.",
                    terms[0],
                )
            )
    return found


def vague_terms(
    texts: tuple[str, ...], where: str = "option", vocabulary: frozenset[str] = VAGUE
) -> list[Flag]:
    """Options (or a statement) with vague frequency terms ("usually", "often", "rarely")."""
    found = []
    for text in texts:
        terms = _terms(text, vocabulary)
        if terms:
            found.append(
                flag(
                    "vague-terms",
                    f"The {where} “{text}” uses {_quoted(dict.fromkeys(terms))}, which readers take "
                    "differently; say how often, or state the fact.",
                    terms[0],
                )
            )
    return found


def longest_key(item: Item) -> list[Flag]:
    """The key (every key, for multiple response) clearly longer than every distractor."""
    keys, distractors = item.keys, item.distractors
    if not keys or len(distractors) < 2:
        return []
    shortest_key = min(len(key) for key in keys)
    longest_distractor = max(len(text) for text in distractors)
    if shortest_key < LONGER_BY * longest_distractor or shortest_key - longest_distractor < LONGER_CHARS:
        return []
    return [
        flag(
            "longest-option-key",
            f"The key “{min(keys, key=len)}” is much longer than every distractor; "
            "shorten it or lengthen the distractors.",
            min(keys, key=len),
        )
    ]


def answer_in_stem(item: Item) -> list[Flag]:
    """A key written out in the stem while no distractor is."""
    if any(content_lemmas(text) and contains_phrase(item.stem, text) for text in item.distractors):
        return []
    return [
        flag("answer-in-stem", f"The stem already says “{key}”, the key.", key)
        for key in item.keys
        if content_lemmas(key) and contains_phrase(item.stem, key)
    ]


def word_repeat(item: Item) -> list[Flag]:
    """A distinctive word of the stem that appears in a key and in no distractor (a clang clue)."""
    stem = content_lemmas(item.stem)
    elsewhere = frozenset().union(*(content_lemmas(text) for text in item.distractors))
    found = []
    for key in item.keys:
        repeated = sorted((content_lemmas(key) & stem) - elsewhere)
        if repeated and not contains_phrase(item.stem, key):
            shown = [w for w in words(key) if lemmas(w) and lemmas(w)[0] in repeated]
            found.append(
                flag(
                    "word-repeat",
                    f"“{', '.join(shown or repeated)}” appears in the stem and in the key “{key}” but in no "
                    "distractor.",
                    (shown or repeated)[0],
                )
            )
    return found
