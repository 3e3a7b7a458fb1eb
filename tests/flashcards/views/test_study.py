"""The study pages: who may study, showing and rating cards, undo, suspend, practice, bounded queries."""

import datetime as dt
import re

import pytest
from django.core import signing
from django.urls import reverse
from django.utils import timezone

from quizzes.flashcards import scheduling
from quizzes.flashcards.views import TOKEN_SALT
from quizzes.items.cards import sync_cards
from quizzes.models import Card, CardState, ReviewLog
from quizzes.models.study import Rating
from tests.factories import CardStateFactory, LessonFactory, NoteFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def note(course, lesson):
    note = NoteFactory(course=course, lesson=lesson, front="Heel sticks cause which type?", back="Iatrogenic")
    sync_cards(note)
    return note


def study_url(course, **query):
    url = reverse("study_home", args=[course.slug])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def shown_token(response) -> str:
    return response.context["token"]


def hidden_answer(body: str) -> str:
    """The answer block sent with the front, hidden until the student reveals it ('' if none)."""
    match = re.search(r'<div id="study-answer" hidden>(.*?)</div>\s*</div>\s*</article>', body, re.S)
    return match[1] if match else ""


@pytest.mark.parametrize(
    ("persona", "status"),
    [("student", 200), ("educator", 403), ("lead", 403), ("outsider", 404)],
)
def test_only_students_of_the_course_study(client_for, course, note, persona, status, request):
    response = client_for(request.getfixturevalue(persona)).get(study_url(course))
    assert response.status_code == status


def test_anonymous_visitor_is_sent_to_log_in(client_for, course):
    response = client_for(None).get(study_url(course))
    assert response.status_code == 302
    assert "/login" in response["Location"] or "login" in response["Location"]


def test_front_shows_the_question_and_counts_with_the_answer_hidden(client_for, course, student, note):
    response = client_for(student).get(study_url(course))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Heel sticks cause which type?" in body
    assert body.count("Iatrogenic") == 1 and "Iatrogenic" in hidden_answer(body)  # sent, not shown
    assert re.search(r'<form method="post" id="study-rate"[^>]* hidden>', body)
    assert '1 <span class="fw-normal">new</span>' in body
    assert "Show answer" in body and "?reveal=1" in body  # the no-JavaScript way to reveal


def test_the_front_comes_with_the_buttons_and_token_so_one_request_per_card(
    client_for, course, student, note
):
    client = client_for(student)
    front = client.get(study_url(course))
    for label, interval in [("Again", "1m"), ("Hard", "6m"), ("Good", "10m")]:
        assert f'aria-label="{label}, next in {interval}' in front.content.decode()
    response = client.post(
        reverse("study_rate", args=[course.slug]), {"token": shown_token(front), "rating": 3}
    )
    assert response.status_code == 200
    assert ReviewLog.objects.filter(user=student, rating=3).count() == 1


def test_reveal_shows_the_answer_and_four_buttons_with_intervals(client_for, course, student, note):
    response = client_for(student).get(study_url(course, reveal=1))
    body = response.content.decode()
    assert "Iatrogenic" in body
    for label, interval in [("Again", "1m"), ("Hard", "6m"), ("Good", "10m")]:
        assert f'aria-label="{label}, next in {interval}' in body
    assert 'data-key="4"' in body


def test_rating_records_the_interval_the_button_showed(client_for, course, student, note):
    client = client_for(student)
    reveal = client.get(study_url(course, reveal=1))
    good = next(b for b in reveal.context["buttons"] if b[0] == Rating.GOOD)
    response = client.post(
        reverse("study_rate", args=[course.slug]), {"token": shown_token(reveal), "rating": 3}
    )
    assert response.status_code == 200  # the next card's page, in the same response
    state = CardState.objects.get(user=student)
    assert scheduling.interval_text(state.due - state.last_review) == good[2] == "10m"
    log = ReviewLog.objects.get(user=student)
    assert log.rating == 3 and log.duration_ms is not None


def test_rating_twice_with_the_same_page_counts_once(client_for, course, student, note):
    client = client_for(student)
    token = shown_token(client.get(study_url(course, reveal=1)))
    url = reverse("study_rate", args=[course.slug])
    client.post(url, {"token": token, "rating": 3})
    response = client.post(url, {"token": token, "rating": 1}, follow=True)
    assert ReviewLog.objects.filter(user=student).count() == 1
    assert "not recorded" in response.content.decode()
    assert CardState.objects.get(user=student).version == 1


def test_htmx_rating_swaps_in_the_next_card_panel(client_for, course, student, note, lesson):
    second = NoteFactory(course=course, lesson=lesson, front="Second front", back="Second back")
    sync_cards(second)
    client = client_for(student)
    token = shown_token(client.get(study_url(course, reveal=1)))
    response = client.post(
        reverse("study_rate", args=[course.slug]), {"token": token, "rating": 3}, HTTP_HX_REQUEST="true"
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert body.lstrip().startswith('<section id="study-panel"')
    assert "Second front" in body and "Second back" in hidden_answer(body)
    assert "<html" not in body


def test_rating_without_javascript_answers_with_the_next_card_page(client_for, course, student, note, lesson):
    second = NoteFactory(course=course, lesson=lesson, front="Second front", back="Second back")
    sync_cards(second)
    client = client_for(student)
    response = client.post(
        reverse("study_rate", args=[course.slug]),
        {"token": shown_token(client.get(study_url(course))), "rating": 3},
    )
    body = response.content.decode()
    assert response.status_code == 200 and "<html" in body
    assert "Second front" in body and "Second back" in hidden_answer(body)
    assert response.context["queue"].card.note == second


def test_a_forged_or_other_students_token_is_refused(client_for, course, student, note):
    url = reverse("study_rate", args=[course.slug])
    client = client_for(student)
    assert client.post(url, {"token": "nonsense", "rating": 3}).status_code == 400
    other = signing.dumps(
        {"u": student.pk + 999, "c": note.cards.get().pk, "v": 0, "t": 0, "f": 0}, salt=TOKEN_SALT
    )
    assert client.post(url, {"token": other, "rating": 3}).status_code == 400
    assert not ReviewLog.objects.exists()


def test_a_card_of_another_course_is_not_found(client_for, course, other_course, student):
    foreign = NoteFactory(course=other_course, lesson=LessonFactory(course=other_course))
    sync_cards(foreign)
    ms = int(timezone.now().timestamp() * 1000)
    token = signing.dumps(
        {"u": student.pk, "c": foreign.cards.get().pk, "v": 0, "t": ms, "f": ms}, salt=TOKEN_SALT
    )
    response = client_for(student).post(
        reverse("study_rate", args=[course.slug]), {"token": token, "rating": 3}
    )
    assert response.status_code == 404


@pytest.mark.parametrize("name", ["study_rate", "study_undo"])
def test_changes_are_post_only(client_for, course, student, name):
    assert client_for(student).get(reverse(name, args=[course.slug])).status_code == 405


def test_undo_restores_the_card(client_for, course, student, note):
    client = client_for(student)
    token = shown_token(client.get(study_url(course, reveal=1)))
    client.post(reverse("study_rate", args=[course.slug]), {"token": token, "rating": 3})
    response = client.post(reverse("study_undo", args=[course.slug]), follow=True)
    assert "Your last review was undone." in response.content.decode()
    assert not ReviewLog.objects.exists()
    assert CardState.objects.get().last_review is None  # new again (the row stays; see test_undo_token)


def test_suspend_then_unsuspend_from_the_suspended_list(client_for, course, student, note):
    client = client_for(student)
    card = note.cards.get()
    client.post(reverse("study_suspend", args=[course.slug, card.pk]), {"suspend": "1"})
    assert CardState.objects.get(user=student, card=card).suspended
    page = client.get(reverse("study_suspended", args=[course.slug]))
    assert "Heel sticks cause which type?" in page.content.decode()
    client.post(reverse("study_suspend", args=[course.slug, card.pk]), {"suspend": "0", "next": "suspended"})
    assert not CardState.objects.get(user=student, card=card).suspended


def test_leech_message_is_shown(client_for, course, student, note):
    card = note.cards.get()
    now = timezone.now()
    CardStateFactory(
        user=student, card=card, state=2, step=None, stability=10, difficulty=6, due=now,
        last_review=now - dt.timedelta(days=10), lapses=7, reps=12,
    )  # fmt: skip
    client = client_for(student)
    token = shown_token(client.get(study_url(course, reveal=1)))
    response = client.post(
        reverse("study_rate", args=[course.slug]), {"token": token, "rating": 1}, follow=True
    )
    assert "leech" in response.content.decode()
    assert CardState.objects.get(user=student).suspended


def test_nothing_due_offers_practice_by_lesson_which_writes_nothing(
    client_for, course, student, note, lesson
):
    client = client_for(student)
    client.post(reverse("study_suspend", args=[course.slug, note.cards.get().pk]), {"suspend": "1"})
    other = NoteFactory(
        course=course, lesson=lesson, kind="reversed", front="Calcinosis", back="Calcium in skin"
    )
    sync_cards(other)
    CardState.objects.filter(user=student).delete()
    for card in Card.objects.filter(note=other):
        CardStateFactory(user=student, card=card, suspended=True)
    CardStateFactory(user=student, card=note.cards.get(), suspended=True)
    page = client.get(study_url(course)).content.decode()
    assert "All done for now" in page
    practice_url = reverse("study_practice", args=[course.slug, lesson.slug])
    assert practice_url in page
    before = (CardState.objects.count(), ReviewLog.objects.count())
    response = client.get(practice_url + "?i=1&reveal=1")
    assert response.status_code == 200
    assert "Card 2 of 3" in response.content.decode()
    assert (CardState.objects.count(), ReviewLog.objects.count()) == before


def test_showing_a_card_takes_a_bounded_number_of_queries_with_5000_cards(
    client_for, course, student, big_deck, django_assert_max_num_queries
):
    client = client_for(student)
    with django_assert_max_num_queries(10):
        response = client.get(study_url(course, reveal=1))
    assert response.context["queue"].review == 200  # the daily review limit
    with django_assert_max_num_queries(10):
        client.get(study_url(course))


def test_rating_takes_a_bounded_number_of_queries_with_5000_cards(
    client_for, course, student, big_deck, django_assert_max_num_queries
):
    client = client_for(student)
    token = shown_token(client.get(study_url(course, reveal=1)))
    with django_assert_max_num_queries(16):
        response = client.post(
            reverse("study_rate", args=[course.slug]), {"token": token, "rating": 3}, HTTP_HX_REQUEST="true"
        )
    assert response.status_code == 200
    assert ReviewLog.objects.filter(user=student).count() == 1
