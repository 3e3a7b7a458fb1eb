"""Students never see content an educator has not published, whatever id they try."""

from django.urls import reverse

from quizzes.items.cards import sync_cards
from quizzes.models import Card, CardState
from quizzes.models.notes import NoteStatus
from tests.factories import NoteFactory, QuestionFactory, QuizFactory, QuizItemFactory


def _draft_card(course, front="Unpublished front text"):
    note = NoteFactory(course=course, status=NoteStatus.UNPUBLISHED, front=front, back="Unpublished back")
    sync_cards(note)
    return Card.objects.get(note=note)


def test_a_student_cannot_suspend_a_card_of_an_unpublished_note(client_for, course, student):
    card = _draft_card(course)
    client = client_for(student)
    response = client.post(reverse("study_suspend", args=[course.slug, card.pk]), {"suspend": "1"})
    assert response.status_code == 404
    assert not CardState.objects.filter(card=card).exists()
    page = client.get(reverse("study_suspended", args=[course.slug]))
    assert "Unpublished front text" not in page.text


def test_a_student_can_still_suspend_and_unsuspend_a_published_card(client_for, course, student):
    note = NoteFactory(course=course, front="Published front")
    sync_cards(note)
    card = Card.objects.get(note=note)
    client = client_for(student)
    url = reverse("study_suspend", args=[course.slug, card.pk])
    assert client.post(url, {"suspend": "1"}).status_code == 302
    assert CardState.objects.get(card=card, user=student).suspended
    assert "Published front" in client.get(reverse("study_suspended", args=[course.slug])).text
    assert client.post(url, {"suspend": "0", "next": "suspended"}).status_code == 302
    assert not CardState.objects.get(card=card, user=student).suspended


def test_cards_of_unpublished_notes_are_not_studied_or_practised(client_for, course, student, lesson):
    note = NoteFactory(
        course=course, lesson=lesson, status=NoteStatus.UNPUBLISHED, front="Secret draft front"
    )
    sync_cards(note)
    client = client_for(student)
    assert (
        "Secret draft front" not in client.get(reverse("study_home", args=[course.slug]) + "?reveal=1").text
    )
    practice = client.get(reverse("study_practice", args=[course.slug, lesson.slug]))
    assert practice.status_code == 200
    assert "Secret draft front" not in practice.text


def test_a_draft_question_is_never_drawn_into_an_attempt(client_for, course, student, lesson):
    quiz = QuizFactory(course=course, mode="exam")
    QuizItemFactory(quiz=quiz, question=QuestionFactory(course=course, lesson=lesson, stem="Shown stem"))
    QuizItemFactory(
        quiz=quiz, question=QuestionFactory(course=course, lesson=lesson, stem="Draft stem", status="draft")
    )
    client = client_for(student)
    response = client.post(reverse("attempts_start", args=[course.slug, quiz.pk]), follow=True)
    assert response.status_code == 200
    assert "Shown stem" in response.text
    attempt = response.context["attempt"]
    assert [r.question.stem for r in attempt.responses.all()] == ["Shown stem"]
