"""Lesson addenda (services and a selector): educator-written blocks on a lesson, shown marked as
not from the article, each with its reference.

A lesson's own text is the article's; what educators add (e.g. the causes of
dystrophic calcinosis cutis that the seed text lost) is an addendum, never
mixed into the body.
"""

from __future__ import annotations

from django.db import transaction

from quizzes.models import Lesson, LessonAddendum


def addenda_of(lesson: Lesson) -> list[LessonAddendum]:
    """The lesson's addenda, oldest first, each with ``blocks`` (see :func:`body_blocks`) to show."""
    found = list(LessonAddendum.objects.filter(lesson=lesson).order_by("created_at", "id"))
    for addendum in found:
        addendum.blocks = body_blocks(addendum.body)
    return found


def body_blocks(body: str) -> list[dict]:
    """An addendum's plain text as paragraphs and lists: lines starting with "- " are list entries."""
    blocks: list[dict] = []
    for line in (raw.strip() for raw in body.splitlines()):
        if not line:
            continue
        if line.startswith(("- ", "• ")):
            if not blocks or blocks[-1]["kind"] != "list":
                blocks.append({"kind": "list", "items": []})
            blocks[-1]["items"].append(line[2:].strip())
        else:
            blocks.append({"kind": "paragraph", "text": line})
    return blocks


def _clean(addendum: LessonAddendum) -> LessonAddendum:
    addendum.title = addendum.title.strip()
    addendum.body = addendum.body.strip()
    addendum.reference = addendum.reference.strip()
    addendum.full_clean()
    return addendum


def create_addendum(*, lesson: Lesson, title: str, body: str, reference: str, author=None) -> LessonAddendum:
    """Add an addendum to ``lesson`` (ValidationError by field when a part is missing or too long)."""
    addendum = _clean(
        LessonAddendum(lesson=lesson, title=title, body=body, reference=reference, author=author)
    )
    with transaction.atomic():
        addendum.save()
    return addendum


def update_addendum(addendum: LessonAddendum, *, title: str, body: str, reference: str) -> LessonAddendum:
    """Change an addendum's title, body and reference (its lesson and author stay)."""
    addendum.title, addendum.body, addendum.reference = title, body, reference
    _clean(addendum)
    with transaction.atomic():
        addendum.save()
    return addendum


def delete_addendum(addendum: LessonAddendum) -> None:
    """Remove an addendum from its lesson."""
    addendum.delete()
