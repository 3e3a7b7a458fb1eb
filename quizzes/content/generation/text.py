"""Text folding and comparison for the draft generator: sentences, words, containment, casing.

``words``/``overlaps`` are the one comparison every check uses: case,
punctuation, plurals and British spellings folded, containment counted.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"'(\[]?[A-Z0-9])")

# A lesson or sub-heading on the differential diagnosis ("What is the differential diagnosis of X?",
# "Differential diagnosis"), the condition in `x` when it is named.
DDX_HEADING = re.compile(r"^(?:what is the )?differential diagnos[ie]s(?: (?:of|for) (?P<x>.+?))?\??$", re.I)


_ABBREVIATIONS = ("e.g.", "i.e.", "etc.", "Dr.", "vs.", "approx.", "St.", "Prof.")


_APPOSITIVE = re.compile(
    r"(?::|,\s+(?:such as|particularly|especially|including|for example|e\.g\.|the|a|an|"
    r"when|which|who|often|usually|once|to|showing|if)\b)"
)


# Who a heading may be about: a population ("Adults", "Infants", "In pregnancy").
_POPULATIONS = (
    r"adults?|children|infants?|babies|neonates|newborns|men|women|adolescents|older (?:adults|people)"
    r"|the elderly|(?:in )?pregnancy"
)
POPULATION = re.compile(rf"^(?:{_POPULATIONS})$", re.IGNORECASE)  # a heading that is one
NAMES_POPULATION = re.compile(rf"\b(?:{_POPULATIONS}|child|infancy|elderly|pregnant)\b", re.IGNORECASE)

_EPONYM_NEXT = {"disease", "syndrome", "sign", "phenomenon", "lymphoma", "sarcoma", "palsy"}
# Words that open "Severe disease", "Chronic disease": no eponym before "disease".
_COMMON_FIRST = {
    "mild", "moderate", "severe", "acute", "chronic", "active", "stable", "early", "late", "localised",
    "localized", "generalised", "generalized", "widespread", "extensive", "limited", "recurrent",
    "persistent", "resistant", "refractory", "systemic", "skin", "mucosal", "oral", "genital", "childhood",
}  # fmt: skip


def sentences(text: str) -> list[str]:
    """Split a paragraph into sentences, keeping abbreviations such as "e.g." whole."""
    out: list[str] = []
    for part in _SENTENCE_END.split(text.strip()):
        if out and out[-1].endswith(_ABBREVIATIONS):
            out[-1] = f"{out[-1]} {part}"
        elif part.strip():
            out.append(part.strip())
    return out


def squash(text: str) -> str:
    """Fold case and whitespace: the comparison used for "found in the excerpt"."""
    return " ".join(text.replace("\u2019", "'").casefold().split())


def singular(word: str) -> str:
    """A plural noun's singular by its ending ("Medications" -> "Medication"); other words unchanged."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "is", "us")):
        return word[:-1]
    return word


@functools.lru_cache(maxsize=65536)
def words(text: str) -> tuple[str, ...]:
    """Words for comparing facts: case, punctuation, plurals and ae/oe/ph spellings folded."""
    text = text.casefold().replace("ae", "e").replace("oe", "e").replace("ph", "f")
    return tuple(singular(word) for word in re.findall(r"[^\W_]+", text))


@functools.lru_cache(maxsize=262144)
def overlaps(a: str, b: str) -> bool:
    """True when one text's words appear, in order and together, inside the other's."""
    short, long = sorted((words(a), words(b)), key=len)
    if not short:
        return False
    return any(long[i : i + len(short)] == short for i in range(len(long) - len(short) + 1))


def short_form(item: str) -> str:
    """A list item without its trailing aside: "Sarcoidosis, when ..." -> "Sarcoidosis"."""
    match = _APPOSITIVE.search(item)
    return item[: match.start()].strip() if match and match.start() > 0 else item


def lower_first(text: str) -> str:
    """Lower-case the first letter, unless the first word is an acronym or a name."""
    first, _, rest = text.partition(" ")
    if not first[:1].isupper() or any(c.isupper() or c.isdigit() for c in first[1:]):
        return text
    following = rest.split(" ", 1)[0].casefold().strip(",.;:")
    if first.endswith(("'s", "\u2019s")) or (
        following in _EPONYM_NEXT and first.casefold() not in _COMMON_FIRST
    ):
        return text
    return text[0].lower() + text[1:]


def upper_first(text: str) -> str:
    """Capitalise the first letter."""
    return text[:1].upper() + text[1:]


def premise_of(item: str) -> str:
    """A list item (or prose example) as a card front: its short form, capitalised."""
    return upper_first(short_form(item))


def condition_name(title: str, opening: str = "") -> str:
    """The condition's name for use inside a sentence: "Calcinosis cutis" -> "calcinosis cutis".

    A title that is a name and a qualifier after a colon names the condition before it ("Systemic sclerosis:
    skin features" -> "systemic sclerosis"), unless the article's opening sentence begins with the part after
    it: then that is the condition the article is about ("Herpes simplex: cold sores" opening "Cold sores are
    ..." -> "cold sores")."""
    name = re.sub(r"\s*\([^)]*\)", "", title).strip()
    before, colon, after = name.partition(": ")
    if colon:
        named = words(after)
        opens = bool(named) and words(opening)[: len(named)] == named
        name = after if opens or not words(before) else before  # ": Sarcoidosis" names it after the colon
    return lower_first(name.strip())


def mentions(text: str, phrase: str) -> bool:
    """Whether ``text`` contains ``phrase`` (words folded, see :func:`overlaps`)."""
    return bool(phrase) and overlaps(phrase, text) and len(words(phrase)) <= len(words(text))


def excerpt_lines(*parts: str | None) -> str:
    """Excerpt lines, in order, without blanks or repeats."""
    seen: list[str] = []
    for part in parts:
        if part and part.strip() and part.strip() not in seen:
            seen.append(part.strip())
    return "\n".join(seen)


def spread(values: Sequence[str], count: int) -> list[str]:
    """Up to ``count`` values taken evenly from the start to the end."""
    if len(values) <= count:
        return list(values)
    step = (len(values) - 1) / (count - 1) if count > 1 else 0
    return [values[round(i * step)] for i in range(count)]
