"""The notes service: a note and its cards change together, and a note needs cards to be published."""

import pytest
from django.core.exceptions import ValidationError

from quizzes.items import notes
from quizzes.models import Card, Note
from quizzes.models.notes import NoteStatus
from tests.factories import NoteFactory

pytestmark = pytest.mark.django_db


def test_create_note_makes_its_cards_in_the_same_call(course, lesson):
    note = notes.create_note(
        course=course, kind="cloze", lesson=lesson, text="{{c1::Calcium}} in the {{c2::skin}}."
    )
    assert sorted(note.cards.values_list("ord", flat=True)) == [1, 2]
    assert note.status == NoteStatus.UNPUBLISHED


def test_update_note_keeps_cards_in_step_with_the_text(course, lesson):
    note = notes.create_note(course=course, kind="cloze", lesson=lesson, text="{{c1::a}} {{c2::b}}")
    first = note.cards.get(ord=1)
    notes.update_note(note, text="{{c1::a}} only")
    assert list(note.cards.values_list("pk", flat=True)) == [first.pk]


def test_a_note_without_cards_cannot_be_published(course, lesson):
    note = NoteFactory(
        course=course, lesson=lesson, kind="cloze", text="No deletion here.", status=NoteStatus.UNPUBLISHED
    )
    with pytest.raises(ValidationError, match="makes no cards"):
        notes.publish(note)
    assert Note.objects.get(pk=note.pk).status == NoteStatus.UNPUBLISHED
    with pytest.raises(ValidationError, match="makes no cards"):
        notes.create_note(
            course=course, kind="cloze", lesson=lesson, text="Nothing to hide.", status=NoteStatus.PUBLISHED
        )
    assert not Note.objects.filter(text="Nothing to hide.").exists()


def test_an_invalid_note_writes_nothing(course, lesson, other_course):
    with pytest.raises(TypeError):
        notes.create_note(course=course, kind="basic", lesson=lesson, front="F", back="B", colour="red")
    with pytest.raises(ValidationError):
        notes.create_note(course=course, kind="no-such-kind", lesson=lesson, front="F", back="B")
    assert not Note.objects.exists() and not Card.objects.exists()


def test_create_notes_writes_every_card_in_bulk(course, lesson, django_assert_max_num_queries):
    batch = [
        Note(course=course, lesson=lesson, kind="reversed", front=f"F{n}", back=f"B{n}") for n in range(20)
    ]
    with django_assert_max_num_queries(6):
        created = notes.create_notes(batch)
    assert Card.objects.filter(note__in=created).count() == 40


def test_suspending_hides_a_note_and_publishing_brings_it_back(course, lesson):
    note = notes.create_note(course=course, kind="basic", lesson=lesson, front="F", back="B")
    notes.publish(note)
    notes.suspend(note)
    assert Note.objects.get(pk=note.pk).status == NoteStatus.SUSPENDED
    notes.publish(note)
    assert Note.objects.published().filter(pk=note.pk).exists()
