"""Educators' note pages: permissions, create/edit with validation, preview, publish, suspend, Anki download."""

import pytest
from django.urls import reverse

from quizzes.items.cards import sync_cards
from quizzes.models import Card, Note
from tests.factories import CardStateFactory, NoteFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def note(course, lesson):
    note = NoteFactory(
        course=course, lesson=lesson, kind="reversed", front="Heel sticks", back="Iatrogenic", status="draft"
    )
    sync_cards(note)
    return note


def url(name, course, *args):
    return reverse(name, args=[course.slug, *args])


@pytest.mark.parametrize(
    ("persona", "status"),
    [("educator", 200), ("student", 403), ("lead", 403), ("outsider", 404)],
)
@pytest.mark.parametrize(
    "page", ["notes_list", "notes_create", "notes_detail", "notes_edit", "notes_export_anki"]
)
def test_only_educators_of_the_course_author_notes(client_for, course, note, persona, status, page, request):
    args = [note.pk] if page in ("notes_detail", "notes_edit") else []
    response = client_for(request.getfixturevalue(persona)).get(url(page, course, *args))
    assert response.status_code == status


def test_anonymous_visitor_is_sent_to_log_in(client_for, course):
    assert client_for(None).get(url("notes_list", course)).status_code == 302


def test_list_filters_by_kind_and_search(client_for, course, educator, note, lesson):
    NoteFactory(
        course=course, lesson=lesson, kind="cloze", front="", back="", text="{{c1::Dystrophic}} calcinosis"
    )
    client = client_for(educator)
    body = client.get(url("notes_list", course) + "?kind=cloze").content.decode()
    assert "Dystrophic" in body and "Heel sticks" not in body
    body = client.get(url("notes_list", course) + "?q=heel").content.decode()
    assert "Heel sticks" in body and "Dystrophic" not in body


def test_list_takes_a_bounded_number_of_queries(
    client_for, course, educator, lesson, django_assert_max_num_queries
):
    for _ in range(40):
        NoteFactory(course=course, lesson=lesson)
    client = client_for(educator)
    with django_assert_max_num_queries(10):
        response = client.get(url("notes_list", course))
    assert len(response.context["page"].object_list) == 25


def test_creating_a_cloze_note_makes_a_draft_with_one_card_per_cloze(client_for, course, educator, lesson):
    response = client_for(educator).post(
        url("notes_create", course) + "?kind=cloze",
        {
            "lesson": lesson.pk,
            "text": "{{c1::Metastatic}} calcinosis follows {{c2::abnormal calcium::a lab finding}}.",
            "extra": "",
            "source_spans": "The article says so.",
        },
    )
    note = Note.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("notes_detail", course, note.pk)
    assert (note.kind, note.status, note.created_by) == ("cloze", "draft", educator)
    assert list(note.cards.values_list("ord", flat=True)) == [1, 2]
    assert note.source_spans == ["The article says so."]


def test_cloze_without_a_cloze_is_refused(client_for, course, educator, lesson):
    response = client_for(educator).post(
        url("notes_create", course) + "?kind=cloze", {"lesson": lesson.pk, "text": "No gaps here."}
    )
    assert response.status_code == 200
    assert "Add at least one cloze" in response.content.decode()
    assert not Note.objects.exists()


def test_classification_note_needs_pairs_and_names_a_bad_line(client_for, course, educator, lesson):
    client = client_for(educator)
    create = url("notes_create", course) + "?kind=classification"
    response = client.post(create, {"lesson": lesson.pk, "front": "Which type?", "pairs_text": ""})
    assert "Add at least one" in response.content.decode()
    response = client.post(
        create, {"lesson": lesson.pk, "front": "Which type?", "pairs_text": "Sarcoidosis Metastatic"}
    )
    assert "Line 1 needs" in response.content.decode()
    response = client.post(
        create,
        {
            "lesson": lesson.pk,
            "front": "Which type of calcinosis cutis?",
            "pairs_text": "Milk-alkali syndrome | Metastatic\nRepeated heel sticks | Iatrogenic\n",
        },
    )
    assert response.status_code == 302
    note = Note.objects.get()
    assert note.pairs == [["Milk-alkali syndrome", "Metastatic"], ["Repeated heel sticks", "Iatrogenic"]]
    assert note.cards.count() == 2


def test_a_note_needs_a_lesson_of_this_course(client_for, course, other_course, educator):
    from tests.factories import LessonFactory

    foreign = LessonFactory(course=other_course)
    response = client_for(educator).post(
        url("notes_create", course) + "?kind=basic", {"lesson": foreign.pk, "front": "F", "back": "B"}
    )
    assert response.status_code == 200
    assert not Note.objects.exists()


def test_editing_keeps_cards_and_their_study_state(client_for, course, educator, student, note):
    card = note.cards.get(ord=0)
    CardStateFactory(user=student, card=card)
    response = client_for(educator).post(
        url("notes_edit", course, note.pk),
        {
            "lesson": note.lesson_id,
            "front": "Repeated heel sticks",
            "back": "Iatrogenic",
            "extra": "",
            "source_spans": "",
        },
    )
    assert response.status_code == 302
    note.refresh_from_db()
    assert note.front == "Repeated heel sticks"
    assert note.cards.get(ord=0).pk == card.pk
    assert card.states.count() == 1


def test_preview_shows_every_card_escaped(client_for, course, educator, lesson):
    note = NoteFactory(
        course=course, lesson=lesson, kind="reversed", front="<script>x</script>", back="Back side"
    )
    sync_cards(note)
    body = client_for(educator).get(url("notes_detail", course, note.pk)).content.decode()
    assert "Cards (2)" in body
    assert "<script>x</script>" not in body and "&lt;script&gt;x&lt;/script&gt;" in body


def test_publish_and_suspend_are_post_only_and_change_status(client_for, course, educator, note):
    client = client_for(educator)
    assert client.get(url("notes_publish", course, note.pk)).status_code == 405
    client.post(url("notes_publish", course, note.pk))
    assert Note.objects.get().status == "published"
    client.post(url("notes_suspend", course, note.pk))
    assert Note.objects.get().status == "suspended"


def test_a_note_without_cards_cannot_be_published(client_for, course, educator, lesson):
    note = NoteFactory(course=course, lesson=lesson, kind="cloze", text="no gaps", status="draft")
    response = client_for(educator).post(url("notes_publish", course, note.pk), follow=True)
    assert "makes no cards" in response.content.decode()
    assert Note.objects.get().status == "draft"
    assert not Card.objects.exists()


def test_another_courses_note_is_not_found(client_for, course, other_course, educator):
    foreign = NoteFactory(course=other_course)
    assert client_for(educator).get(url("notes_detail", course, foreign.pk)).status_code == 404
    assert client_for(educator).post(url("notes_publish", course, foreign.pk)).status_code == 404


def test_anki_download_is_an_apkg(client_for, course, educator, note):
    note.status = "published"
    note.save()
    response = client_for(educator).get(url("notes_export_anki", course))
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="calcinosis-cutis.apkg"'
    assert response.content[:2] == b"PK"
