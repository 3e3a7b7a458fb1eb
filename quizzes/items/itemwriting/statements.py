"""Checks of a true/false statement: hedges, form, one fact, negatives, absolute and vague terms.

A statement hedged with "may" or "can" is almost never false, so it tests
nothing (the draft "Corticosteroids may be tried for calcinosis cutis" is
true of nearly any drug); a statement glued from a heading and a list item
("What are the clinical features of urticaria? include …") is not a
statement at all.
"""

from __future__ import annotations

import re

from quizzes.items.itemwriting.catalogue import flag
from quizzes.items.itemwriting.items import Flag, Item
from quizzes.items.itemwriting.language import sentences, word_set, words
from quizzes.items.itemwriting.options import VAGUE, absolute_terms, vague_terms

HEDGES = word_set("may might can could possibly perhaps sometimes occasionally")
_SOME_CASES = re.compile(r"\bin\s+(?:some|certain|a\s+few)\s+(?:cases|patients|people|instances)\b", re.I)
_NEGATIVE = word_set("not no never cannot none neither nor")
RELATIVE = word_set("that which who whose if when unless where whether")  # "...that does not respond"
_DANGLING = re.compile(r"(?:[:;,]|…|\.\.\.|\b(?:include|includes|such as|and|or|the|of|to))\s*$", re.I)


def in_relative_clause(said: tuple[str, ...], n: int) -> bool:
    """Whether word ``n`` sits in a relative clause ("Infections *that can* cause..."): it qualifies
    the subject, not the claim."""
    return bool(RELATIVE.intersection(word.casefold() for word in said[max(0, n - 3) : n]))


def hedged_statement(item: Item) -> list[Flag]:
    """ "may", "can", "sometimes"... make a statement trivially true (unless they qualify a subject)."""
    said = words(item.stem)
    hedges = [
        word
        for n, word in enumerate(said)
        if word.casefold() in HEDGES and word != "May" and not in_relative_clause(said, n)
    ]
    hedges += [m[0] for m in _SOME_CASES.finditer(item.stem)]
    if not hedges:
        return []
    return [
        flag(
            "hedged-statement",
            f"“{hedges[0]}” makes the statement true of almost anything; state the fact without the hedge "
            "(or ask a single-best-answer question).",
            hedges[0],
        )
    ]


def malformed_statement(item: Item) -> list[Flag]:
    """A statement that is a question, ends mid-phrase, or starts in lower case."""
    text = item.stem.strip()
    problem = ""
    if not text:
        problem = "The statement is empty."
    elif "?" in text:
        problem = "The statement contains a question mark: it reads as a heading glued to a statement."
    elif _DANGLING.search(text.rstrip(". ")) and not text.endswith("etc."):
        problem = "The statement ends mid-phrase; finish the sentence."
    elif text[0].islower():
        problem = "The statement starts in lower case: it reads as a fragment of a sentence."
    elif text.count("(") != text.count(")") or text.count("“") != text.count("”"):
        problem = "The statement has an unclosed bracket or quotation mark."
    if not problem:
        return []
    return [flag("malformed-statement", problem, text[:80])]


def compound_statement(item: Item) -> list[Flag]:
    """More than one sentence (or clauses joined by a semicolon): two facts in one statement."""
    parts = sentences(item.stem)
    if len(parts) > 1 or ";" in item.stem:
        second = parts[1] if len(parts) > 1 else item.stem.split(";", 1)[1].strip()
        return [
            flag(
                "compound-statement",
                "The statement makes more than one claim; if one is true and one false there is no right "
                "answer. Keep one fact.",
                second[:80],
            )
        ]
    return []


def negative_statement(item: Item) -> list[Flag]:
    """A statement with "not", "no", "never"...: answering False to it is a double negative."""
    said = words(item.stem)
    found = [
        word
        for n, word in enumerate(said)
        if (word.casefold() in _NEGATIVE or word.casefold().endswith("n't"))
        and not in_relative_clause(said, n)
    ]
    if not found:
        return []
    return [
        flag(
            "negative-statement",
            f"The statement is negative (“{found[0]}”); state it positively.",
            found[0],
        )
    ]


def statement_flags(item: Item) -> list[Flag]:
    """Every check of a true/false statement."""
    statement = (item.stem,)
    return [
        *hedged_statement(item),
        *malformed_statement(item),
        *compound_statement(item),
        *negative_statement(item),
        *absolute_terms(statement, where="statement", skip=in_relative_clause),
        *vague_terms(statement, where="statement", vocabulary=VAGUE - HEDGES),
    ]
