"""Flashcard notes (services): create, update, publish and suspend a note, each with its cards
in one transaction. The note views, draft acceptance and the course bundle all call these.

Rules, kept here once:
- A note's cards always match its content (`cards.sync_cards`), written in the
  same transaction as the note, so no one ever studies a card of an older text.
- A note needs cards to be published: a cloze without deletions or a
  classification note without premises cannot be published.
- The model validates every field (``full_clean``, with the text limits of
  quizzes.models.limits) before anything is saved, and a note makes at most
  ``notetext.MAX_CARDS`` cards (``content_errors``).
- Every source span is a contiguous piece of the lesson's text, and a
  teaching note has its reference (``provenance``).
- A published note passes the item-writing checks' errors, or an educator
  overrides them with a reason (``quality``); the bundle import
  (`create_notes`) copies notes as they are.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from quizzes.items import cards, notetext, provenance, quality
from quizzes.items.itemwriting.checks import check_item
from quizzes.models import Card, Course, Note
from quizzes.models.notes import NoteStatus
from quizzes.models.questions import Origin

CONTENT_FIELDS = (
    "lesson",
    "front",
    "back",
    "text",
    "pairs",
    "extra",
    "source_spans",
    "teaching_note",
    "teaching_note_reference",
)
NEEDS_CARDS = "This note makes no cards yet; edit it before publishing."


def makes_cards(note: Note) -> bool:
    """Whether ``note``'s content yields at least one card."""
    return bool(notetext.card_keys(note.kind, text=note.text, pairs=note.pairs))


def content_errors(note: Note) -> list[str]:
    """Why ``note``'s text would make too many or too long cards (notetext.note_errors)."""
    return notetext.note_errors(note.kind, text=note.text, pairs=note.pairs)


def _overrides(note: Note, reason: str) -> list:
    """The item-writing errors that publishing ``note`` now overrides (ValidationError without a reason)."""
    flags = check_item(quality.note_item(note))
    return quality.errors_to_override(flags, overridden=quality.overridden(note=note), reason=reason)


def _save(note: Note, *, reason: str = "", user=None) -> Note:
    errors = content_errors(note)
    if errors:
        raise ValidationError(errors)
    note.source_spans = provenance.clean_spans(note.source_spans)
    note.teaching_note = note.teaching_note.strip()
    note.teaching_note_reference = note.teaching_note_reference.strip()
    problems = provenance.errors(
        lesson=note.lesson if note.lesson_id else None,
        spans=note.source_spans,
        teaching_note=note.teaching_note,
        reference=note.teaching_note_reference,
    )
    if problems:
        raise ValidationError(problems)
    overrides = []
    if note.status == NoteStatus.PUBLISHED:
        if not makes_cards(note):
            raise ValidationError(NEEDS_CARDS)
        overrides = _overrides(note, reason)
    note.full_clean()
    with transaction.atomic():
        note.save()
        cards.sync_cards(note)
        quality.record_overrides(flags=overrides, reason=reason, user=user, note=note)
    return note


def create_note(
    *,
    course: Course,
    kind: str,
    user=None,
    status: str = NoteStatus.UNPUBLISHED,
    origin: str = Origin.AUTHORED,
    key: str = "",
    reason: str = "",
    **content,
) -> Note:
    """Create a note of ``kind`` (content: the names in CONTENT_FIELDS) and its cards.

    A published one must pass the item-writing errors or override them with ``reason``.
    """
    note = Note(course=course, kind=kind, status=status, origin=origin, key=key, created_by=user)
    for name, value in content.items():
        if name not in CONTENT_FIELDS:
            raise TypeError(f"create_note() got an unexpected field {name!r}")
        setattr(note, name, value)
    return _save(note, reason=reason, user=user)


def update_note(note: Note, *, status: str | None = None, reason: str = "", user=None, **content) -> Note:
    """Change ``note``'s content (and status); its cards follow (see `cards.sync_cards`).

    A published note must still pass the item-writing errors, or ``reason`` overrides them.
    """
    for name, value in content.items():
        if name not in CONTENT_FIELDS:
            raise TypeError(f"update_note() got an unexpected field {name!r}")
        setattr(note, name, value)
    if status is not None:
        note.status = status
    return _save(note, reason=reason, user=user)


def set_status(note: Note, status: str, *, reason: str = "", user=None) -> None:
    """Publish, suspend or unpublish ``note``.

    Publishing raises ValidationError when the note makes no cards, or has
    item-writing errors that ``reason`` does not override.
    """
    with transaction.atomic():
        locked = Note.objects.select_for_update().get(pk=note.pk)
        if status == NoteStatus.PUBLISHED:
            if not locked.cards.exists():
                raise ValidationError(NEEDS_CARDS)
            overrides = _overrides(locked, reason)
            quality.record_overrides(flags=overrides, reason=reason, user=user, note=locked)
        # Stamped like a save: the dashboard's cache key reads the course's latest note change.
        Note.objects.filter(pk=note.pk).update(status=status, updated_at=timezone.now())
    note.status = status


def publish(note: Note, *, reason: str = "", user=None) -> None:
    """Students can study its cards from now on (item-writing errors need ``reason``)."""
    set_status(note, NoteStatus.PUBLISHED, reason=reason, user=user)


def suspend(note: Note) -> None:
    """Its cards are hidden from students (their study state is kept) until it is published again."""
    set_status(note, NoteStatus.SUSPENDED)


def create_notes(notes: Iterable[Note]) -> list[Note]:
    """Create many validated notes and all their cards in a few queries (the bundle import).

    The caller has checked each note (the bundle schema); published ones must make cards.
    Item-writing flags are not checked: an import copies a course as it is.
    """
    notes = list(notes)
    for note in notes:
        if note.status == NoteStatus.PUBLISHED and not makes_cards(note):
            raise ValidationError(f"{note}: {NEEDS_CARDS}")
        errors = content_errors(note)
        if errors:
            raise ValidationError([f"{note}: {error}" for error in errors])
    with transaction.atomic():
        created = Note.objects.bulk_create(notes)
        Card.objects.bulk_create(
            Card(note=note, ord=ord, key=key)
            for note in created
            for ord, key in notetext.card_keys(note.kind, text=note.text, pairs=note.pairs)
        )
    return created
