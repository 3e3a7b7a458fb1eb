"""What a question holds, checked before anything is saved: its content as versions store it,
the problems with its options, its tags, a true/false question's two choices. Used by the
questions service (``items.questions``), the bulk importer and the forms."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from quizzes.items import grading
from quizzes.models import Choice, MatchingPair, Tag
from quizzes.models.questions import QuestionKind

TAG_MAX_LENGTH = Tag._meta.get_field("name").max_length
TRUE_FALSE_TEXTS = ("True", "False")


def text_of(value: Any) -> str:
    """A posted or imported value as text, stripped ("" when it is not a string)."""
    return value.strip() if isinstance(value, str) else ""


def build_content(
    *,
    kind: str,
    choices: Sequence[Mapping] = (),
    pairs: Sequence[Mapping] = (),
    stem: str | None = None,
    explanation: str = "",
) -> dict:
    """The grading content dict a question with these options or pairs would have.

    ``choices`` are mappings with ``text``, ``is_correct`` and ``explanation``;
    ``pairs`` have ``premise`` and ``answer`` (a blank premise adds an extra
    category, as in Moodle). Rows with nothing in them are ignored. Ids are
    positional: they only serve validation here; versions use stable ids.
    """
    content: dict = {"kind": kind, "explanation": explanation}
    if stem is not None:
        content["stem"] = stem
    if kind == grading.MATCHING:
        rows = pair_rows(pairs)
        content["pairs"] = [
            {
                "id": f"p{number}",
                "premise": text_of(pair.get("premise")),
                "answer": text_of(pair.get("answer")),
            }
            for number, pair in enumerate((pair for pair in rows if text_of(pair.get("premise"))), 1)
        ]
        categories: list[str] = []
        for pair in rows:
            answer = text_of(pair.get("answer"))
            if answer not in categories:
                categories.append(answer)
        content["categories"] = categories
        return content
    rows = choice_rows(choices)
    content["choices"] = [
        {
            "id": text_of(choice.get("text")).lower() if kind == grading.TRUE_FALSE else f"o{number}",
            "text": text_of(choice.get("text")),
            "correct": bool(choice.get("is_correct")),
            "explanation": text_of(choice.get("explanation")),
        }
        for number, choice in enumerate(rows, 1)
    ]
    return content


def content_errors(*, kind: str, choices: Sequence[Mapping] = (), pairs: Sequence[Mapping] = ()) -> list[str]:
    """Readable problems with a question's options or pairs ([] if none); the stem is checked elsewhere."""
    if kind not in QuestionKind.values:
        return [f"Unknown question kind {kind!r}."]
    return grading.validate_content(build_content(kind=kind, choices=choices, pairs=pairs))


def length_errors(*, kind: str, choices: Sequence[Mapping] = (), pairs: Sequence[Mapping] = ()) -> list[str]:
    """Options or pairs longer than the model allows, each naming its row ([] if none)."""
    matching = kind == QuestionKind.MATCHING
    model, label = (MatchingPair, "Pair") if matching else (Choice, "Option")
    names = ("premise", "answer") if matching else ("text", "explanation")
    problems = []
    for number, row in enumerate(pair_rows(pairs) if matching else choice_rows(choices), 1):
        for name in names:
            field, value = model._meta.get_field(name), text_of(row.get(name))
            if len(value) > field.max_length:
                problems.append(
                    f"{label} {number}: the {field.verbose_name} is {len(value):,} characters; "
                    f"the limit is {field.max_length:,}."
                )
    return problems


def true_false_choices(answer: bool, explanation_true: str = "", explanation_false: str = "") -> list[dict]:
    """The two choices of a true/false question whose correct answer is ``answer``."""
    return [
        {"text": "True", "is_correct": answer, "explanation": explanation_true},
        {"text": "False", "is_correct": not answer, "explanation": explanation_false},
    ]


def parse_tags(value: str | Iterable[str]) -> list[str]:
    """Tag names from comma-separated text (or a list): trimmed, spaces collapsed, duplicates dropped."""
    parts = value.split(",") if isinstance(value, str) else list(value)
    names: list[str] = []
    seen: set[str] = set()
    for part in parts:
        name = re.sub(r"\s+", " ", part).strip()
        if name and name.casefold() not in seen:
            seen.add(name.casefold())
            names.append(name)
    return names


def tag_errors(names: Iterable[str]) -> list[str]:
    return [
        f"Tag “{name[:20]}…” is too long; keep tags under {TAG_MAX_LENGTH} characters."
        for name in names
        if len(name) > TAG_MAX_LENGTH
    ]


def choice_rows(choices: Sequence[Mapping]) -> list[Mapping]:
    """The option rows that hold something (a text or a tick)."""
    return [choice for choice in choices if text_of(choice.get("text")) or choice.get("is_correct")]


def pair_rows(pairs: Sequence[Mapping]) -> list[Mapping]:
    """The pair rows that hold something."""
    return [pair for pair in pairs if text_of(pair.get("premise")) or text_of(pair.get("answer"))]
