"""Basic cards from single facts in a paragraph's sentences: the cells a definition says the condition
destroys, the condition's other names, the key step of a treatment, a differential named in a sentence, a named
sign. Moved out of :mod:`card_drafts` (the clozes) when it passed 900 lines."""

from __future__ import annotations

import re

from rapidfuzz.distance import Levenshtein

from quizzes.content.generation.card_drafts import ARTICLE_START, they
from quizzes.content.generation.drafts import ANY_ONE, DraftCollector
from quizzes.content.generation.text import (
    mentions,
    squash,
    upper_first,
)

MAX_NAME_WORDS = 5  # another name of the condition
MAX_STEP_WORDS = 10  # the key step of a treatment
MAX_INLINE_ENTRIES = 10  # a differential named in a sentence
MAX_INLINE_ENTRY_WORDS = 5
MAX_SIGN_WORDS = 45  # the sentence describing a named sign


# "Vitiligo is an acquired condition in which melanocytes, the pigment-producing cells of the skin, are
# destroyed, ...": the cells the condition destroys, asked by name.
_CELLS_LOST = re.compile(
    r"^(?P<s>[A-Z][\w\s-]+?) is an? [\w\s,-]*?(?:condition|disease|disorder) in which (?P<x>[a-z]+(?:cytes|cells))"
    r"(?:, [^,;]+,)? (?:are|is) (?P<v>destroyed|lost|attacked|damaged)\b"
)


def cells_card(sentence: str, lesson: str, condition: str, out: DraftCollector) -> None:
    """A card asking which cells the condition destroys, from its defining sentence (see :data:`_CELLS_LOST`)."""
    match = _CELLS_LOST.match(sentence)
    if not match or squash(match["s"]) != squash(condition):
        return
    out.add(
        "basic",
        lesson,
        (condition, "cells", match["x"]),
        prompt=f"In {condition}, which cells are {match['v']}?",
        answer=upper_first(match["x"]),
        excerpt=sentence,
        explanation=sentence,
    )


# "It is also known as toasted skin syndrome, hot water bottle rash or fire stains." (in "What is X?")
_NAMES = re.compile(
    r"^(?P<s>.+?) (?:is|are) (?:also |sometimes |often |commonly )?(?:called|known as|termed) (?P<names>[^;:()]+)\.$"
)


# No quotes, brackets or clauses, nor a qualifier ("in older texts granny's tartan")
_PLAIN_NAME = re.compile(
    r"^(?!(?:in|on|at|for|when|by|as|from|with|especially|particularly|mainly|sometimes|often|also)\b)"
    r"[\w'\u2019-]+(?: [\w'\u2019-]+)*$",
    re.IGNORECASE,
)


_TRAILING_CLAUSE = re.compile(
    r",?\s+\b(?:although|though|but|which|because|since|while|whereas|as|when|where|after|before|if|unless)\b",
    re.IGNORECASE,
)


def other_names_card(sentence: str, lesson: str, condition: str, out: DraftCollector, it_is: bool) -> None:
    """Several other names of the condition in one sentence: a card asking for one of them (one name alone
    is a cloze, :func:`cloze_card`)."""
    match = _NAMES.match(sentence)
    if not match or not (
        (match["s"] == they(condition) and it_is)
        or squash(ARTICLE_START.sub("", match["s"])) == squash(condition)
    ):
        return
    names_text = match["names"]
    # "..., and older texts sometimes call it a sclerosing haemangioma": one more name, in its own clause
    extra = ""
    if called := _AND_CALLED.search(names_text):
        names_text, extra = names_text[: called.start()], called["name"]
    # 'basal cell papilloma or, informally, a "senile wart" or "barnacle"': informal names are names too
    if _INFORMAL.search(names_text):  # a quoted name alone is a nickname the article does not call one
        names_text = re.sub('["\u201c\u201d]', "", _INFORMAL.sub(" ", names_text))
    # "scalp ringworm, although no worm is involved": the clause after the names is no name.
    listed = _TRAILING_CLAUSE.split(names_text, maxsplit=1)[0]
    if extra:
        listed = f"{listed} or {extra}"
    # "A, B, C and D": a series of three or more, its last two joined by "and"; "A and B" alone is one
    # name or two?
    series = re.match(r"^(?P<head>[^,]+(?:, [^,]+)+?),? and (?P<last>[^,]+)$", listed)
    if series and " and " not in series["head"] and " and " not in series["last"]:
        listed = f"{series['head']}, {series['last']}"
    names = [ARTICLE_START.sub("", n.strip()) for n in re.split(r",\s*(?:or\s+)?|\s+or\s+", listed)]
    if len(names) < 2 or any(
        not n or len(n.split()) > MAX_NAME_WORDS or mentions(n, condition) or not _PLAIN_NAME.match(n)
        for n in names
    ):
        return
    if re.search(r"\band\b", listed):
        return  # "A and B": one name or two?
    if any(Levenshtein.distance(n.casefold(), condition.casefold()) <= SPELLING_VARIANT for n in names):
        return  # "pilomatrixoma" for pilomatricoma: a spelling of the name answers the card (set AE, flawed)
    out.add(
        "basic",
        lesson,
        (condition, "other names"),
        prompt=f"What is another name for {condition}?",
        answer=f"{ANY_ONE}{'; '.join(upper_first(n) for n in names)}",
        excerpt=sentence,
        explanation=sentence,
    )


# A name this few letters from the condition's (edits: rapidfuzz's Levenshtein distance) is a spelling of it:
# "pilomatrixoma" (1); "periorificial dermatitis" for perioral dermatitis (5) is another name.
SPELLING_VARIANT = 2

_AND_CALLED = re.compile(
    r",? and (?:[a-z]+ ){1,3}(?:sometimes |also |often )?(?:call|calls|name|names) it (?P<name>[^,;:()]+)$"
)


_INFORMAL = re.compile(r"(?<=\bor),? (?:informally|colloquially|popularly),? ")


# "The most important step is to identify and remove the source of heat." in a lesson on treatment
_KEY_STEP = re.compile(
    r"^The (?P<adj>most important|first|main|key) (?P<n>step|measure) (?:in (?:treatment|management) )?"
    r"is to (?P<x>[^,;:()]+?)\.$"
)


_TREATMENT_HEADING = re.compile(r"\b(?:treatment|treated|management|managed)\b", re.IGNORECASE)


def key_step_card(sentence: str, lesson: str, condition: str, out: DraftCollector) -> None:
    """A basic card asking for the step a lesson on treatment calls the most important (or the first)."""
    match = _KEY_STEP.match(sentence)
    if not match or not _TREATMENT_HEADING.search(lesson) or len(match["x"].split()) > MAX_STEP_WORDS:
        return
    out.add(
        "basic",
        lesson,
        ("key step", condition),
        prompt=f"What is the {match['adj']} {match['n']} in the treatment of {condition}?",
        answer=upper_first(match["x"]),
        excerpt=sentence,
        explanation=sentence,
    )


# "Other blistering diseases to consider include A, B, C and D." in a lesson on the differential diagnosis
_INLINE_DDX = re.compile(
    r"^(?:other )?(?:[a-z-]+ )?(?:conditions|diseases|diagnoses|disorders)"
    r" (?:to consider|that (?:can|may) look similar|that can mimic it) include (?P<list>[^;:()]+)\.$",
    re.IGNORECASE,
)


_DDX_HEADING = re.compile(
    r"^what is the differential diagnosis (?:of|for) .+\?$|^differential diagnosis$", re.I
)


def inline_ddx_card(sentence: str, lesson: str, condition: str, out: DraftCollector) -> None:
    """A "Name two" card from a differential diagnosis listed in one sentence, when every entry is a plain
    name ("A, B, C and D"; not "... and, in the mouth, E and F")."""
    match = _INLINE_DDX.match(sentence)
    if not match or not _DDX_HEADING.match(lesson):
        return
    *head, last = match["list"].split(", ")
    tail = last.split(" and ")
    if not head or len(tail) != 2:
        return
    names = [*head, *tail]
    if len(names) > MAX_INLINE_ENTRIES or any(
        not n or len(n.split()) > MAX_INLINE_ENTRY_WORDS or re.search(r"\b(?:and|or|in|with|for)\b", n)
        for n in names
    ):
        return
    out.add(
        "basic",
        lesson,
        ("inline differential", condition),
        prompt=f"Name two conditions in the differential diagnosis of {condition}.",
        answer=f"Any two of: {'; '.join(upper_first(n) for n in names)}",
        excerpt=sentence,
        explanation=sentence,
    )


# "This is known as the dimple sign, or Fitzpatrick sign." after the sentence describing it.
_SIGN_NAMED = re.compile(
    r"^This is (?:also |sometimes )?(?:known as|called|termed|referred to as) (?P<name>(?:the )?[^,;:()]*?"
    r"\b(?:sign|phenomenon)\b[^,;:()]*?)(?:,? or (?:the )?(?P<alt>[^,;:()]+?))?"
    r"(?:, and (?:is|are) (?:an? |the )?(?:useful|helpful|reliable|simple|quick|important|valuable|classic)"
    r" [^,;:()]+)?\.$"  # "..., and is a useful bedside clue.": a comment on the sign, no other fact
)


# "The sign of Leser-Trélat refers to the sudden eruption of ...": a named sign and what it is, in one sentence
_SIGN_DEFINED = re.compile(
    r"^(?P<name>(?:The|A) (?:(?:[A-Z][\w'\u2019-]+|[a-z-]+) ){0,3}sign(?: of (?:the )?[A-Z][\w'\u2019\u2013-]+)?) "
    r"(?:refers to|describes|is the name for) (?P<what>[^;:]{10,})\.$"
)


_LEANS = re.compile(r"^(?:this|these|it|they|that|those|such)\b", re.IGNORECASE)


def named_sign_card(sentence: str, before: str, lesson: str, condition: str, out: DraftCollector) -> None:
    """A card asking what a named sign is, from the sentence naming it ("This is known as the dimple sign")
    and the one before describing it (which must stand alone: no "This", "It")."""
    if defined := _SIGN_DEFINED.match(sentence):  # "The sign of Leser-Trélat refers to ...": one sentence
        name = defined["name"][0].lower() + defined["name"][1:]  # "the sign of Leser-Trélat"
        out.add(
            "basic",
            lesson,
            (condition, "sign", name),
            prompt=f"In {condition}, what does {name} refer to?",
            answer=upper_first(defined["what"]),
            excerpt=sentence,
            explanation=sentence,
        )
        return
    match = _SIGN_NAMED.match(sentence)
    if not match or not before or _LEANS.match(before) or len(before.split()) > MAX_SIGN_WORDS:
        return
    name = match["name"]
    also = f" (also called {match['alt']})" if match["alt"] else ""
    out.add(
        "basic",
        lesson,
        (condition, "sign", name),
        prompt=f"In {condition}, what is {name}{also}?",
        answer=before,
        excerpt=f"{before}\n{sentence}",
        explanation=f"{before} {sentence}",
    )
