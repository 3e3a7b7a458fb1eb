"""Checks of a question's stem: its lead-in (negative, unfocused, not a question, a blank) and its subject.

The lead-in is the stem's last sentence, less an instruction such as
"Select all that apply."; a vignette's earlier sentences may say "not"
freely ("no known tissue injury") without making the question negative.
"""

from __future__ import annotations

import re

from quizzes.items.itemwriting.catalogue import flag
from quizzes.items.itemwriting.items import Flag, Item
from quizzes.items.itemwriting.language import sentences

_INSTRUCTION = re.compile(
    r"^(?:select|choose|tick|mark|pick)\b.*\b(?:apply|correct|answers?|options?|best)\b.*$|"
    r"^(?:an?|each|the)\s+(?:type|category|option|answer|group)s?\s+(?:may|can)\s+be\s+used\b.*$",
    re.IGNORECASE,
)

# Lower-case only: NBME accepts a negative lead-in when the word is emphasised ("NOT", "EXCEPT").
_NEGATIVE = re.compile(r"(?<![*_>\w])(not|except|least|false|incorrect|untrue|cannot|never)(?![*_<\w])")
_NOT_NEGATIVE = re.compile(r"\bat least\b|\bwhether or not\b|\bnot only\b", re.IGNORECASE)

_UNFOCUSED = (
    re.compile(
        r"\bwhich\b(?:\s+one)?(?:\s+of\s+the\s+following)?(?:\s+statements?)?(?:\s+[\w,'-]+){0,8}?\s+"
        r"(?:is|are)\s+(?:most\s+)?(?:true|correct|false|incorrect|accurate|inaccurate|right|wrong|untrue)\b",
        re.IGNORECASE,
    ),
    re.compile(r"\b(?:true|correct|false|incorrect|accurate)\s+statements?\b", re.IGNORECASE),
    re.compile(r"\bwhich\s+(?:of\s+the\s+following\s+)?(?:statements?\s+)?(?:best\s+)?appl(?:y|ies)\b", re.I),
    re.compile(
        r"\bwhich\s+(?:of\s+the\s+following\s+)?statements?\s+best\s+(?:describes?|fits?|summari[sz]es?)\b",
        re.I,
    ),
    re.compile(
        r"\bwhich\s+of\s+the\s+following\s+(?:does|do|did)\s+(?:the\s+)?(?:article|text|author|source)s?\s+"
        r"(?:state|say|mention|report)\b",
        re.IGNORECASE,
    ),
)
_TOPIC_ONLY = re.compile(r"^\s*(?:regarding|concerning|with regard to|in relation to|about)\b", re.IGNORECASE)

_SOURCE_LAYOUT = (
    re.compile(r"\blisted\s+under\b", re.IGNORECASE),
    re.compile(
        r"\b(?:list|group|heading|section)\s+(?:it|they)\s+(?:is|are)\s+(?:given|listed|found)\s+in\b", re.I
    ),
    re.compile(r"\bwhich\s+(?:group|heading|section|list)\s+(?:includes|contains|lists|holds)\b", re.I),
    re.compile(r"""(?:^|\bin\s+)["“][^"”]{3,120}\?["”]\s*,""", re.IGNORECASE),
)

_BLANK = re.compile(
    r"_{3,}|\.\.\.|…|\[\s*\]|\(\s*\)|\bcompletes?\s+(?:the|this)\s+(?:statement|sentence)\b", re.IGNORECASE
)


def without_instructions(stem: str) -> str:
    """The stem less sentences that only instruct ("Select all that apply.")."""
    return " ".join(part for part in sentences(stem) if not _INSTRUCTION.match(part.strip())) or stem


def lead_in(stem: str) -> str:
    """The sentence of ``stem`` that asks the question: its last question, else its last sentence
    (instructions such as "Select all that apply" and numbered lists after the question set aside)."""
    found = [part for part in sentences(stem) if not _INSTRUCTION.match(part.strip())]
    questions = [part for part in found if "?" in part]
    return (questions or found or [stem.strip()])[-1]


def negative_stem(item: Item) -> list[Flag]:
    """A lead-in with "not", "except", "least"... in lower case (NBME: emphasise it, or ask positively)."""
    question = _NOT_NEGATIVE.sub(" ", lead_in(item.stem))
    found = _NEGATIVE.search(question)
    if not found:
        return []
    return [
        flag(
            "negative-stem",
            f"The lead-in asks a negative question (“{found[1]}”) without emphasis: "
            "ask for the right answer instead, or write the word in capitals.",
            found[1],
        )
    ]


def unfocused_stem(item: Item) -> list[Flag]:
    """A lead-in that cannot be answered with the options covered ("Which of the following is true?")."""
    question = lead_in(item.stem)
    for pattern in _UNFOCUSED:
        found = pattern.search(question)
        if found:
            return [
                flag(
                    "unfocused-stem",
                    f"“{found[0].strip()}” asks about the options, not a fact: a student cannot answer it "
                    "with the options covered. Ask one specific question.",
                    found[0].strip(),
                )
            ]
    if _TOPIC_ONLY.match(item.stem) and "?" not in item.stem:
        return [
            flag(
                "unfocused-stem",
                "The stem names a topic but asks nothing; ask one specific question.",
                item.stem[:80],
            )
        ]
    return []


def asks_about_source(item: Item) -> list[Flag]:
    """A stem about where the article files a fact (its headings, lists, groups), not about medicine."""
    for pattern in _SOURCE_LAYOUT:
        found = pattern.search(item.stem)
        if found:
            return [
                flag(
                    "asks-about-source",
                    f"“{found[0].strip(' ,')}”: the item asks where the article lists something. Ask about "
                    "the condition instead (e.g. which type a cause produces, which diagnosis fits).",
                    found[0].strip(" ,"),
                )
            ]
    return []


def blank_in_stem(item: Item) -> list[Flag]:
    """A fill-in-the-blank stem (a gap, an ellipsis, "completes the statement")."""
    found = _BLANK.search(item.stem)
    if not found:
        return []
    return [
        flag(
            "blank-in-stem",
            "The stem has a gap to fill; turn it into a closed question the options answer.",
            found[0],
        )
    ]


def stem_not_question(item: Item) -> list[Flag]:
    """A single or multiple-response stem whose lead-in is not a question (and has no gap)."""
    question = lead_in(item.stem)
    if "?" in question or _BLANK.search(item.stem) or not question:
        return []
    return [
        flag(
            "stem-not-question",
            "The lead-in is not a question; end the stem with one (“Which … is most likely?”).",
            question[-80:],
        )
    ]


def question_stem_flags(item: Item) -> list[Flag]:
    """Every stem check that applies to a single, multiple-response or matching question."""
    found = [*negative_stem(item), *unfocused_stem(item), *asks_about_source(item)]
    if item.kind in ("single", "multiple"):
        found += [*blank_in_stem(item), *stem_not_question(item)]
    return found
