"""The text of notes, as plain text: Anki's cloze syntax, "premise | category" lines, premise keys,
and which cards a note yields with what each card shows.

Pure module: no Django imports (the generator uses it too). Which cards a note yields:

- basic: one card (ord 0);
- reversed: two cards, ord 0 front → back and ord 1 back → front;
- cloze (Anki's ``{{c1::text}}`` / ``{{c1::text::hint}}``): one card per
  distinct cloze number, ord = the number;
- classification: one card per premise of ``note.pairs``, asking
  "<premise> → <note.front>" with the category as the answer. Its ord is the
  premise's index (display order only); its `key` (`premise_keys`, a short
  hash of the normalised premise text) says which premise it is, so a card
  and its study state follow the premise when premises are added, removed
  or reordered. Other kinds' cards have a blank key.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass

# Anki's cloze syntax; the answer is everything up to "::" or "}}".
CLOZE_RE = re.compile(r"\{\{c(\d+)::(.*?)(?:::(.*?))?\}\}", re.DOTALL)


BASIC, REVERSED, CLOZE, CLASSIFICATION = "basic", "reversed", "cloze", "classification"


KEY_LENGTH = 16  # hex digits of a premise key (Card.key)

# How many cards one note may make: cloze numbers run from c1 to c100, a classification
# note has at most 100 premises. A note page renders every card over the whole text, so
# this keeps it quick (2,000 deletions took 21 s to render).
MAX_CARDS = 100
PREMISE_MAX = 300  # as a matching question's premise and category
CATEGORY_MAX = 200


@dataclass(frozen=True)
class Cloze:
    number: int
    answer: str
    hint: str


def clozes(text: str) -> list[Cloze]:
    """Every cloze deletion in `text`, in order (numbers may repeat)."""
    return [Cloze(int(m[1]), m[2], m[3] or "") for m in CLOZE_RE.finditer(text)]


def cloze_numbers(text: str) -> list[int]:
    """The distinct cloze numbers in `text`, ascending (c0 is not a cloze in Anki)."""
    return sorted({c.number for c in clozes(text) if c.number > 0})


def clean_pairs(pairs) -> list[tuple[str, str]]:
    """Classification pairs as (premise, category), dropping rows without a premise or category."""
    result = []
    for pair in pairs or []:
        if isinstance(pair, dict):
            premise, category = pair.get("premise", ""), pair.get("category", pair.get("answer", ""))
        else:
            premise, category = [*list(pair), "", ""][:2]
        premise, category = str(premise).strip(), str(category).strip()
        if premise and category:
            result.append((premise, category))
    return result


def premise_key(premise: str, occurrence: int = 1) -> str:
    """A short stable key for a premise: a hash of its text, ignoring case, width and spacing.

    `occurrence` tells apart the same premise listed again in one note (the
    first keeps the plain key).
    """
    normal = " ".join(unicodedata.normalize("NFKC", premise).casefold().split())
    if occurrence > 1:
        normal = f"{normal}\x00{occurrence}"
    return hashlib.sha256(normal.encode()).hexdigest()[:KEY_LENGTH]


def premise_keys(pairs) -> list[str]:
    """The key of each premise of `clean_pairs(pairs)`, in order; unique within the note."""
    keys: list[str] = []
    for premise, _ in clean_pairs(pairs):
        occurrence = 1
        while (key := premise_key(premise, occurrence)) in keys:
            occurrence += 1
        keys.append(key)
    return keys


def card_keys(kind: str, *, text: str = "", pairs=()) -> list[tuple[int, str]]:
    """The (ord, key) of each card a note of `kind` yields; the key is blank except for classification."""
    if kind == CLASSIFICATION:
        return list(enumerate(premise_keys(pairs)))
    return [(o, "") for o in card_ords(kind, text=text, pairs=pairs)]


def card_ords(kind: str, *, text: str = "", pairs=()) -> list[int]:
    """The ords of the cards a note of `kind` yields."""
    if kind == BASIC:
        return [0]
    if kind == REVERSED:
        return [0, 1]
    if kind == CLOZE:
        return cloze_numbers(text)
    if kind == CLASSIFICATION:
        return list(range(len(clean_pairs(pairs))))
    raise ValueError(f"Unknown note kind: {kind!r}")


def _question_about(premise: str, question: str) -> str:
    """ "Milk-alkali syndrome" + "Which type of calcinosis cutis?" → "Milk-alkali syndrome → which type…?"."""
    question = question.strip() or "?"
    # Lower-case the first letter unless it starts an acronym ("DNA", "IgA").
    if len(question) > 1 and question[0].isupper() and not question[1].isupper():
        question = question[0].lower() + question[1:]
    return f"{premise} → {question}"


def cloze_side(text: str, number: int, *, reveal: bool) -> str:
    """Plain-text rendering of one side of cloze card `number` (no HTML), for tests and exports."""

    def replace(m: re.Match) -> str:
        if int(m[1]) != number:
            return m[2]
        if reveal:
            return m[2]
        return f"[{m[3]}]" if m[3] else "[...]"

    return CLOZE_RE.sub(replace, text)


def card_sides(
    kind: str, ord: int, *, front: str = "", back: str = "", text: str = "", pairs=(), key: str = ""
) -> tuple[str, str]:
    """Plain-text (front, back) of card `ord` of a note; no HTML.

    For classification, a non-blank `key` picks the premise (LookupError if
    the note no longer has it); without one, `ord` is the premise's index.
    """
    if kind == BASIC:
        return front, back
    if kind == REVERSED:
        return (front, back) if ord == 0 else (back, front)
    if kind == CLOZE:
        return cloze_side(text, ord, reveal=False), cloze_side(text, ord, reveal=True)
    if kind == CLASSIFICATION:
        cleaned = clean_pairs(pairs)
        if key:
            keys = premise_keys(pairs)
            if key not in keys:
                raise LookupError(f"No premise with key {key!r}; the note's cards need syncing.")
            ord = keys.index(key)
        premise, category = cleaned[ord]
        return _question_about(premise, front), category
    raise ValueError(f"Unknown note kind: {kind!r}")


def summary(kind: str, *, front: str = "", text: str = "") -> str:
    """One line of plain text saying what a note is about (a cloze with its gaps filled in)."""
    if kind == CLOZE:
        return cloze_side(text, 0, reveal=True)
    return front


def _short(text: str) -> str:
    return text if len(text) <= 40 else text[:40] + "…"


def note_errors(kind: str, *, text: str = "", pairs=()) -> list[str]:
    """Why a note of ``kind`` would make too many cards, or too long ones ([] if it would not)."""
    errors = []
    if kind == CLOZE:
        too_high = sorted({c.number for c in clozes(text) if c.number > MAX_CARDS})
        if too_high:
            errors.append(
                f"Cloze numbers run from c1 to c{MAX_CARDS} (one card each); c{too_high[0]} is too high."
            )
    if kind == CLASSIFICATION:
        cleaned = clean_pairs(pairs)
        if len(cleaned) > MAX_CARDS:
            errors.append(
                f"A note makes at most {MAX_CARDS} cards; this one has {len(cleaned)} premises. "
                "Split it into several notes."
            )
        for number, (premise, category) in enumerate(cleaned, start=1):
            if len(premise) > PREMISE_MAX:
                errors.append(
                    f"Premise {number} (“{_short(premise)}”) is {len(premise)} characters; "
                    f"keep it to {PREMISE_MAX}."
                )
            if len(category) > CATEGORY_MAX:
                errors.append(
                    f"The category of premise {number} (“{_short(premise)}”) is {len(category)} characters; "
                    f"keep it to {CATEGORY_MAX}."
                )
    return errors


def parse_pairs(text: str) -> list[list[str]]:
    """ "premise | category" lines → [[premise, category], ...]; raises ValueError naming a bad line."""
    pairs = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        premise, bar, category = line.partition("|")
        if not bar or not premise.strip() or not category.strip():
            raise ValueError(f"Line {number} needs “premise | category”: {line.strip()!r}.")
        pairs.append([premise.strip(), category.strip()])
    return pairs
