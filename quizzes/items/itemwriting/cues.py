"""Cues in the form of a question's options: grammar, mixed forms and lengths, convergence, opposites, order.

These are the testwiseness flaws of the NBME guide that a rule can see; all
are warnings, since each can be a false alarm in some context.
"""

from __future__ import annotations

import itertools
import re

from quizzes.items.itemwriting.catalogue import flag
from quizzes.items.itemwriting.items import Flag, Item
from quizzes.items.itemwriting.language import (
    OPPOSITES,
    article_for,
    content_lemmas,
    is_plural,
    lemmas,
    word_set,
    words,
)
from quizzes.items.itemwriting.options import is_combined
from quizzes.items.itemwriting.stems import lead_in

_ENDS_WITH_ARTICLE = re.compile(r"\b(a|an)\s*(?:_+|\.\.\.|…)?\s*[:?.]?\s*$", re.IGNORECASE)
_ENDS_WITH_VERB = re.compile(
    r"\b(is|are|was|were|include|includes)\s*(?:_+|\.\.\.|…)?\s*:?\s*$", re.IGNORECASE
)
_PLURAL_VERBS = {"are", "were", "include"}
_NUMBER = re.compile(r"^\s*[<>≤≥~]?\s*(\d+(?:[.,]\d+)?)")
# A verb starting an option makes it a clause ("Become very painful"), unlike a noun phrase ("Colchicine").
_VERB_START = word_set(
    "become becomes cause causes occur occurs ulcerate ulcerates develop develops remain remains increase "
    "increases decrease decreases reduce reduces prevent prevents treat treats improve improves show shows "
    "demonstrate confirm confirms determine determines appear appears affect affects involve involves "
    "require requires stop stops start starts avoid give take use apply spread spreads resolve resolves "
    "heal heals recur recurs persist persists is are was were has have may can"
)
LENGTH_RATIO = 3  # the longest option has this many times the words of the shortest...
LENGTH_GAP = 4  # ...and at least this many more words


def grammatical_cue(item: Item) -> list[Flag]:
    """Only the key agrees with the stem: "an" before the options, or "is"/"are" in a completion stem."""
    stem = item.stem.strip()
    article = _ENDS_WITH_ARTICLE.search(stem)
    if article:
        wanted = article[1].casefold()
        wrong = [o.text for o in item.options if article_for(o.text) != wanted]
        if wrong and len(wrong) < len(item.options):
            return [
                flag(
                    "grammatical-cue",
                    f"The stem ends with “{article[1]}”, which does not fit "
                    f"{', '.join(f'“{text}”' for text in wrong)}; end the stem before the article.",
                    article[1],
                )
            ]
    verb = _ENDS_WITH_VERB.search(stem)
    if verb and item.kind == "single" and "?" not in lead_in(stem):
        plural = verb[1].casefold() in _PLURAL_VERBS
        numbers = {o.text: is_plural(o.text) for o in item.options}
        keys_fit = all(numbers[k] is plural for k in item.keys)
        known = [d for d in item.distractors if numbers[d] is not None]
        if keys_fit and len(known) >= 2 and all(numbers[d] is not plural for d in known):
            return [
                flag(
                    "grammatical-cue",
                    f"“{verb[1]}” agrees with the key but with no distractor; word the stem so every option fits.",
                    verb[1],
                )
            ]
    return []


def _form(text: str) -> str:
    first = next(iter(words(text)), "")
    if _NUMBER.match(text):
        return "number"
    if text.rstrip().endswith(".") and len(words(text)) > 3:
        return "sentence"
    if first.casefold() in _VERB_START:
        return "clause"
    return "phrase"


def heterogeneous_options(item: Item) -> list[Flag]:
    """Options of mixed form (numbers and words, clauses and noun phrases) or of very different lengths."""
    texts = [o.text for o in item.options]
    if len(texts) < 3:
        return []
    forms: dict[str, list[str]] = {}
    for text in texts:
        forms.setdefault(_form(text), []).append(text)
    if len(forms) > 1:
        odd = min(forms.values(), key=len)
        return [
            flag(
                "heterogeneous-options",
                f"The options mix forms ({', '.join(sorted(forms))}); “{odd[0]}” stands out. "
                "Make every option the same kind of thing.",
                odd[0],
            )
        ]
    counts = {text: len(words(text)) for text in texts}
    short, long = min(texts, key=counts.get), max(texts, key=counts.get)
    if counts[long] >= LENGTH_RATIO * max(counts[short], 1) and counts[long] - counts[short] >= LENGTH_GAP:
        return [
            flag(
                "heterogeneous-options",
                f"The options differ a lot in length (“{short}” against “{long}”); keep them similar.",
                long,
            )
        ]
    return []


def convergence_cue(item: Item) -> list[Flag]:
    """A single key sharing strictly more words with the other options than any distractor does."""
    if item.kind != "single" or len(item.options) < 4 or len(item.keys) != 1:
        return []
    bags = [content_lemmas(o.text) for o in item.options]
    shared = [sum(len(bag & other) for j, other in enumerate(bags) if j != i) for i, bag in enumerate(bags)]
    key = next(i for i, o in enumerate(item.options) if o.correct)
    rivals = [score for i, score in enumerate(shared) if i != key]
    if shared[key] >= 2 and shared[key] > max(rivals) and sum(1 for s in rivals if s) >= 2:
        return [
            flag(
                "convergence-cue",
                f"The key “{item.options[key].text}” shares the most words with the other options; "
                "a student can find it by overlap alone.",
                item.options[key].text,
            )
        ]
    return []


_OPPOSITE_PAIRS = frozenset(frozenset(pair) for pair in OPPOSITES)


def _opposites(a: str, b: str) -> bool:
    """Whether two options differ in one word only, and that word is an opposite ("raised"/"low")."""
    first, second = lemmas(a), lemmas(b)
    if len(first) != len(second) or not first:
        return False
    differ = [(x, y) for x, y in zip(first, second, strict=True) if x != y]
    if len(differ) != 1:
        return False
    x, y = differ[0]
    hyper_hypo = {x.startswith("hyper"), y.startswith("hyper")} == {True, False} and "hypo" in (x[:4], y[:4])
    return frozenset((x, y)) in _OPPOSITE_PAIRS or hyper_hypo


def logical_cue(item: Item) -> list[Flag]:
    """Two options that are opposites ("Raised calcium" / "Low calcium"), one of them the key."""
    if item.kind != "single":
        return []
    pairs = [(a, b) for a, b in itertools.combinations(item.options, 2) if _opposites(a.text, b.text)]
    if len(pairs) != 1 or not (pairs[0][0].correct or pairs[0][1].correct):
        return []
    a, b = pairs[0]
    return [
        flag(
            "logical-cue",
            f"“{a.text}” and “{b.text}” are opposites and one is the key: the choice narrows to two.",
            f"{a.text} / {b.text}",
        )
    ]


def options_out_of_order(item: Item) -> list[Flag]:
    """Numeric options not listed in ascending (or descending) order."""
    values = []
    if any(is_combined(option.text) for option in item.options):
        return []  # "1 and 3" names options, not values
    for option in item.options:
        found = _NUMBER.match(option.text)
        if not found:
            return []
        values.append(float(found[1].replace(",", ".")))
    if len(values) < 3 or values == sorted(values) or values == sorted(values, reverse=True):
        return []
    return [
        flag(
            "options-out-of-order",
            "The numeric options are not in order; list them from smallest to largest.",
            ", ".join(o.text for o in item.options),
        )
    ]
