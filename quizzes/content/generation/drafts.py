"""Drafts and their collector: the data the generator hands out, limits, stable keys."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from quizzes.content.generation.text import words

QUESTION_KINDS = ("single", "multiple", "true_false", "matching")


NOTE_KINDS = ("basic", "cloze", "classification")


TRUE, FALSE = "True", "False"


MIN_MATCHING_OPTIONS = 4  # premises are one fewer than options, so the last is never found by elimination


MAX_OPTIONS = 5  # single best answer: the key and up to four distractors


ANY_TWO = "Any two of: "  # the back of a card asking for two examples of a longer list
# a back with an entry joining several items ("Depression, anxiety and eating disorders"): each is an answer
ANY_TWO_JOINED = "Any two of (items joined in one entry count separately): "
ANY_ONE = "Any one of: "  # the back of a card asking for one of several names ("also called A, B or C")
MAX_LIST_CARD_ITEMS = 5  # a card asking for a whole set: five facts at most (the item-writing limit)


SAME_OPTIONS_AT_MOST = 2  # a third question on one option set makes a clone set


TYPE_QUESTIONS_PER_CATEGORY = 2


STATEMENT_PAIRS_PER_CATEGORY = 1  # one true and one false statement per category


@dataclass(frozen=True)
class Draft:
    """A proposed question or note, with the article text that supports it.

    kind: a question kind ("single", "multiple", "true_false", "matching")
          or a note kind ("basic", "cloze", "classification").
    lesson: heading of the lesson (top-level section) it belongs to; the
          article title for text before the first lesson.
    prompt: stem, card front, cloze text with ``{{c1::...}}``, or the
          premise of a classification card.
    answer: the key's text, card back or category; "True"/"False" for
          true_false; the correct options one per line for multiple; ""
          for matching.
    excerpt: lines of article text, each verbatim in the article.
    """

    key: str
    kind: str
    lesson: str
    prompt: str
    answer: str
    options: tuple[str, ...] = ()
    pairs: tuple[tuple[str, str], ...] = ()
    categories: tuple[str, ...] = ()
    excerpt: str = ""
    explanation: str = ""
    question: str = ""  # a classification card's question ("Which type of leg ulcer?")

    def to_json(self) -> dict:
        """The draft as JSON-ready data (the shape of ``import_article --json``)."""
        data: dict = {
            "key": self.key,
            "kind": self.kind,
            "lesson": self.lesson,
            "prompt": self.prompt,
            "answer": self.answer,
            "options": list(self.options),
            "excerpt": self.excerpt,
            "explanation": self.explanation,
        }
        if self.kind == "matching":
            data["pairs"] = [list(pair) for pair in self.pairs]
            data["categories"] = list(self.categories)
        if self.question:
            data["question"] = self.question
        return data


@dataclass
class CheckResult:
    """How one draft fares against the article (see :func:`self_check`)."""

    key: str
    kind: str
    prompt: str
    answer_in_excerpt: bool
    bad_distractors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Passed both checks."""
        return self.answer_in_excerpt and not self.bad_distractors


def draft_key(kind: str, lesson: str, *identity: str) -> str:
    """A stable key: the kind and a hash of the lesson and the fact's words."""
    raw = "\x1f".join(" ".join(words(part)) for part in (kind, lesson, *identity))
    return f"{kind}-{hashlib.sha1(raw.encode(), usedforsecurity=False).hexdigest()[:12]}"


class DraftCollector:
    """Collects drafts, keeping keys unique (a repeated fact gets "-2", "-3"...)."""

    def __init__(self) -> None:
        self.drafts: list[Draft] = []
        self.keys: set[str] = set()
        self.cloze_sentences: set[str] = set()

    def add(self, kind: str, lesson: str, identity: tuple[str, ...], **fields: object) -> None:
        """Add a draft, numbering its key if the same fact was already drafted."""
        base = key = draft_key(kind, lesson, *identity)
        number = 2
        while key in self.keys:
            key, number = f"{base}-{number}", number + 1
        self.keys.add(key)
        self.drafts.append(Draft(key=key, kind=kind, lesson=lesson, **fields))  # type: ignore[arg-type]
