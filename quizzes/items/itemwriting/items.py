"""What the checks read and what they report: an item in one neutral shape, its flags, set findings.

An :class:`Item` is built from a question's content (the dict of
``versions.question_content``), a note's fields, or a generator draft's
payload (``Draft.to_json()``), so the same checks run on the bank, the
notes and the review queue. Items are frozen and hashable: results are cached.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

QUESTION_KINDS = frozenset({"single", "multiple", "true_false", "matching"})
NOTE_KINDS = frozenset({"basic", "reversed", "cloze", "classification"})
ERROR, WARNING = "error", "warning"


@dataclass(frozen=True)
class Option:
    text: str
    correct: bool


@dataclass(frozen=True)
class Item:
    """One question or note, as the checks see it.

    stem: a question's stem, a true/false statement, a card's front, a cloze
    text, or the question a classification note asks of each premise.
    options: the choices of single, multiple and true/false questions.
    pairs: (premise, category) of a matching question or classification note.
    categories: every category a matching question offers (distractors too).
    back: a basic or reversed card's back.
    """

    key: str
    kind: str
    stem: str = ""
    options: tuple[Option, ...] = ()
    pairs: tuple[tuple[str, str], ...] = ()
    categories: tuple[str, ...] = ()
    back: str = ""

    @property
    def keys(self) -> tuple[str, ...]:
        """The texts of the correct options."""
        return tuple(option.text for option in self.options if option.correct)

    @property
    def distractors(self) -> tuple[str, ...]:
        """The texts of the wrong options."""
        return tuple(option.text for option in self.options if not option.correct)

    @property
    def keyed_true(self) -> bool | None:
        """For a true/false question: whether the statement is keyed True."""
        if self.kind != "true_false":
            return None
        return any(option.correct and option.text.casefold() == "true" for option in self.options)

    @property
    def is_question(self) -> bool:
        return self.kind in QUESTION_KINDS


@dataclass(frozen=True)
class Flag:
    """A problem found in one item: the check, its severity, what to do, and the text at fault."""

    check: str
    severity: str
    message: str
    text: str = ""

    def to_json(self) -> dict:
        return {"check": self.check, "severity": self.severity, "message": self.message, "text": self.text}


@dataclass(frozen=True)
class Finding:
    """A problem found in a set of items (a quiz, a draft batch, the bank), naming the items' keys."""

    check: str
    severity: str
    message: str
    items: tuple[str, ...]

    def to_json(self) -> dict:
        return {
            "check": self.check,
            "severity": self.severity,
            "message": self.message,
            "items": list(self.items),
        }


def _options(choices: Iterable[Mapping]) -> tuple[Option, ...]:
    return tuple(
        Option(str(choice.get("text", "")).strip(), bool(choice.get("correct", choice.get("is_correct"))))
        for choice in choices
        if str(choice.get("text", "")).strip()
    )


def from_question(key: str, content: Mapping) -> Item:
    """An item from a question's content: {"kind", "stem", "choices" | "pairs" and "categories"}."""
    kind = content.get("kind", "")
    pairs = tuple(
        (str(pair.get("premise", "")).strip(), str(pair.get("answer", "")).strip())
        for pair in content.get("pairs", ())
        if str(pair.get("premise", "")).strip()
    )
    return Item(
        key=key,
        kind=kind,
        stem=str(content.get("stem", "")).strip(),
        options=_options(content.get("choices", ())),
        pairs=pairs,
        categories=tuple(str(c).strip() for c in content.get("categories", ()) if str(c).strip()),
    )


def from_note(key: str, *, kind: str, front: str = "", back: str = "", text: str = "", pairs=()) -> Item:
    """An item from a note's fields (classification pairs as [premise, category] rows)."""
    rows = tuple(
        (str(row[0]).strip(), str(row[1]).strip())
        for row in pairs or ()
        if len(row) >= 2 and str(row[0]).strip() and str(row[1]).strip()
    )
    stem = text if kind == "cloze" else front
    return Item(key=key, kind=kind, stem=stem.strip(), back=back.strip(), pairs=rows)


def from_draft(payload: Mapping) -> Item:
    """An item from a generator draft's payload (the shape of ``generator.Draft.to_json()``)."""
    kind = payload.get("kind", "")
    key = str(payload.get("key", ""))
    prompt, answer = str(payload.get("prompt", "")), str(payload.get("answer", ""))
    if kind == "true_false":
        truth = answer.strip().casefold() == "true"
        options = (Option("True", truth), Option("False", not truth))
        return Item(key=key, kind=kind, stem=prompt.strip(), options=options)
    if kind in ("single", "multiple"):
        right = {line.strip() for line in answer.splitlines() if line.strip()}
        options = tuple(Option(text, text in right) for text in payload.get("options", ()) if text.strip())
        return Item(key=key, kind=kind, stem=prompt.strip(), options=options)
    if kind == "matching":
        content = {
            "kind": kind,
            "stem": prompt,
            "pairs": [{"premise": p, "answer": c} for p, c in payload.get("pairs", ())],
            "categories": payload.get("categories", ()),
        }
        return from_question(key, content)
    if kind == "classification":
        question = str(payload.get("question", ""))
        return from_note(key, kind=kind, front=question, pairs=[(prompt, answer)])
    if kind == "cloze":
        return from_note(key, kind=kind, text=prompt)
    return from_note(key, kind=kind, front=prompt, back=answer)
