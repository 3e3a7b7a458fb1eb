"""Lesson addenda (services and a selector): educator-written blocks on a lesson, shown marked as
not from the article, each with its reference.

A lesson's own text is the article's; what educators add (e.g. the causes of
dystrophic calcinosis cutis that the seed text lost) is an addendum, never
mixed into the body.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import QuerySet

from quizzes.models import Lesson, LessonAddendum


def addenda_of(lesson: Lesson) -> QuerySet[LessonAddendum]:
    """The lesson's addenda, oldest first, with their authors."""
    return LessonAddendum.objects.filter(lesson=lesson).select_related("author").order_by("created_at", "id")


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
