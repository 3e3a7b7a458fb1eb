"""Where an item's content comes from: its source spans and its teaching note.

One rule for questions, notes and accepted drafts: every span is one
contiguous piece of the lesson's text (``quizzes.content.spans``), and a
teaching note (a point beyond the article) needs its reference.
"""

from __future__ import annotations

from collections.abc import Iterable

from quizzes.items.spans import LessonText
from quizzes.models import Lesson


def clean_spans(spans: Iterable[str]) -> list[str]:
    """The spans trimmed, blank ones dropped."""
    return [span.strip() for span in spans if isinstance(span, str) and span.strip()]


def errors(
    *, lesson: Lesson | None, spans: list[str], teaching_note: str, reference: str
) -> dict[str, list[str]]:
    """Problems by field (``source_spans``, ``teaching_note``, ``teaching_note_reference``); {} if none."""
    found: dict[str, list[str]] = {}
    problems = LessonText(lesson.title, lesson.body).problems(spans) if lesson is not None else []
    if problems:
        found["source_spans"] = problems
    if teaching_note.strip() and not reference.strip():
        found["teaching_note_reference"] = ["A teaching note needs its reference (where the point is from)."]
    if reference.strip() and not teaching_note.strip():
        found["teaching_note"] = ["Write the teaching note this reference supports, or clear the reference."]
    return found
