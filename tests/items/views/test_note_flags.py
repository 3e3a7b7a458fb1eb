"""Item-writing flags on the note pages: the list's filter, the form, publishing with a reason."""

import pytest
from django.urls import reverse

from quizzes.items.cards import sync_cards
from quizzes.models import FlagOverride, Note
from tests.factories import NoteFactory

pytestmark = pytest.mark.django_db

SHOWS_ANSWER = "{{c1::Calciphylaxis}} affects dialysis patients; calciphylaxis is painful."


def url(name, course, *args):
    return reverse(name, args=[course.slug, *args])


@pytest.fixture
def flawed(course, lesson):
    note = NoteFactory(
        course=course, lesson=lesson, kind="cloze", text=SHOWS_ANSWER, front="", back="", status="draft"
    )
    sync_cards(note)
    return note


def test_the_list_filters_notes_by_flag(client_for, educator, course, lesson, flawed):
    clean = NoteFactory(
        course=course, lesson=lesson, kind="basic", front="What is ABPI?", back="Ankle-brachial index"
    )
    client = client_for(educator)
    response = client.get(url("notes_list", course), {"flag": "answer-on-card"})
    assert "Calciphylaxis affects dialysis patients" in response.text
    assert clean.front not in response.text
    assert clean.front in client.get(url("notes_list", course), {"flag": "clean"}).text


def test_publishing_a_flawed_note_needs_a_reason(client_for, educator, course, flawed):
    client = client_for(educator)
    page = client.get(url("notes_detail", course, flawed.pk))
    assert "The answer shows on the card." in page.text and "Publish anyway" in page.text
    client.post(url("notes_publish", course, flawed.pk))
    assert Note.objects.get(pk=flawed.pk).status == "draft"
    client.post(url("notes_publish", course, flawed.pk), {"reason": "Spelling drill"})
    assert Note.objects.get(pk=flawed.pk).status == "published"
    assert FlagOverride.objects.get(note=flawed).reason == "Spelling drill"


def test_the_form_shows_the_checks_of_what_was_submitted(client_for, educator, course, lesson):
    response = client_for(educator).post(
        url("notes_create", course) + "?kind=basic",
        {"lesson": lesson.pk, "front": "Which disease is pemphigus vulgaris?", "back": "Pemphigus vulgaris"},
        follow=True,
    )
    assert "The checks found 1 error to fix (or override) before publishing." in response.text


def test_saving_a_published_note_into_an_error_needs_a_reason(client_for, educator, course, lesson):
    note = NoteFactory(
        course=course, lesson=lesson, kind="cloze", text="{{c1::Warfarin}} is a risk factor.", front=""
    )
    sync_cards(note)
    client = client_for(educator)
    data = {"lesson": lesson.pk, "text": SHOWS_ANSWER, "extra": "", "source_spans": ""}
    response = client.post(url("notes_edit", course, note.pk), data)
    assert response.status_code == 200 and "Item-writing checks on what you submitted" in response.text
    assert Note.objects.get(pk=note.pk).text == "{{c1::Warfarin}} is a risk factor."
    client.post(url("notes_edit", course, note.pk), {**data, "reason": "Kept"})
    assert Note.objects.get(pk=note.pk).text == SHOWS_ANSWER
