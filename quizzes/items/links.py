"""Questions and the notes that teach their fact: links, suggestions and automatic links.

A question links to any number of the course's notes (``Question.notes``), and a
note to any number of questions. Educators set the links on the question form,
where the notes that share a source span with the question (``spans``: the
same sentence or list item of the article) are suggested first. Drafts the
generator made from the same span link themselves when both are accepted
(:func:`link_accepted_draft`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError

from quizzes.items import notetext
from quizzes.items import spans as sourcespans
from quizzes.models import Course, Draft, Note, Question
from quizzes.models.drafts import DraftStatus

OTHER_COURSE = "A question can only link to notes of its own course."


def set_notes(question: Question, notes: Iterable[Note]) -> None:
    """Link ``question`` to exactly ``notes`` (all of its course; ValidationError otherwise)."""
    notes = list(notes)
    if any(note.course_id != question.course_id for note in notes):
        raise ValidationError({"notes": [OTHER_COURSE]})
    question.notes.set(notes)


@dataclass(frozen=True)
class Suggestion:
    note: Note
    shared: int  # source spans the note shares with the question

    @property
    def label(self) -> str:
        return label(self.note)


def label(note: Note) -> str:
    """What a note is about, in one line of plain text (a cloze with its gaps filled in)."""
    return notetext.summary(note.kind, front=note.front, text=note.text)[:120]


def linked_notes(question: Question) -> list[tuple[Note, str]]:
    """The question's linked notes with their labels, in course order (one query)."""
    return [(note, label(note)) for note in question.notes.order_by("lesson__order", "pk")]


def suggested_notes(*, course: Course, spans: list[str], limit: int = 10) -> list[Suggestion]:
    """The course's notes that share a source span with ``spans``, most shared first (one query)."""
    wanted = sourcespans.distinctive(spans)
    if not wanted:
        return []
    candidates = Note.objects.filter(course=course).select_related("lesson")
    found = []
    for note in candidates.only("id", "kind", "front", "text", "source_spans", "lesson__title", "status"):
        shared = len(wanted & sourcespans.distinctive(note.source_spans or []))
        if shared:
            found.append(Suggestion(note, shared))
    found.sort(key=lambda row: (-row.shared, row.note.pk))
    return found[:limit]


def link_accepted_draft(*, draft: Draft) -> int:
    """Link the item an accepted draft made to the items of the article's other accepted drafts that
    share a source span with it (questions to notes). Returns how many links it added."""
    question_side = draft.question_id is not None
    others = Draft.objects.filter(article_id=draft.article_id, status=DraftStatus.ACCEPTED).exclude(
        pk=draft.pk
    )
    others = others.filter(note__isnull=False) if question_side else others.filter(question__isnull=False)
    wanted = sourcespans.distinctive(sourcespans.from_excerpt(draft.excerpt))
    matches = [
        other
        for other in others.only("id", "excerpt", "note_id", "question_id")
        if wanted & sourcespans.distinctive(sourcespans.from_excerpt(other.excerpt))
    ]
    if not matches:
        return 0
    if question_side:
        Question.notes.through.objects.bulk_create(
            [
                Question.notes.through(question_id=draft.question_id, note_id=other.note_id)
                for other in matches
            ],
            ignore_conflicts=True,
        )
    else:
        Question.notes.through.objects.bulk_create(
            [
                Question.notes.through(question_id=other.question_id, note_id=draft.note_id)
                for other in matches
            ],
            ignore_conflicts=True,
        )
    return len(matches)
