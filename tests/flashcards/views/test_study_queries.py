"""One request per card, bounded: showing a card and rating one (which answers with the
next card) cost a fixed, small number of queries whatever the deck size."""

import pytest
from django.urls import reverse

from quizzes.items.cards import sync_cards
from quizzes.models import ReviewLog
from tests.factories import NoteFactory

pytestmark = pytest.mark.django_db

# Session, user, course with the student's roles, the closed-book check; then the queue:
# every count and candidate in one query, then the next card with its note.
SHOW = 6
# The card with the student's state, its update and its log (plus the test's savepoint
# pair, which production's outer transaction does not pay), then the next card as above.
RATE = SHOW + 5


def study_url(course, **query):
    url = reverse("study_home", args=[course.slug])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def test_showing_a_card_with_its_hidden_back_takes_six_queries(
    client_for, course, student, big_deck, django_assert_num_queries
):
    client = client_for(student)
    client.get(study_url(course))
    with django_assert_num_queries(SHOW):
        response = client.get(study_url(course))
    assert response.context["queue"].review == 200 and response.context["token"]


def test_the_no_javascript_reveal_costs_no_more_than_the_front(
    client_for, course, student, big_deck, django_assert_num_queries
):
    client = client_for(student)
    with django_assert_num_queries(SHOW):
        response = client.get(study_url(course, reveal=1))
    assert response.context["reveal"]


@pytest.mark.parametrize("htmx", [True, False])
def test_rating_and_getting_the_next_card_is_one_bounded_request(
    client_for, course, student, big_deck, django_assert_num_queries, htmx
):
    client = client_for(student)
    token = client.get(study_url(course)).context["token"]
    headers = {"HX-Request": "true"} if htmx else {}
    with django_assert_num_queries(RATE):
        response = client.post(
            reverse("study_rate", args=[course.slug]), {"token": token, "rating": 3}, headers=headers
        )
    assert response.status_code == 200 and response.context["queue"].card is not None
    assert ReviewLog.objects.filter(user=student).count() == 1


def test_rating_a_card_with_siblings_adds_only_the_burying_queries(
    client_for, course, student, lesson, django_assert_num_queries
):
    sync_cards(NoteFactory(course=course, lesson=lesson, kind="reversed", front="Front", back="Back"))
    client = client_for(student)
    token = client.get(study_url(course)).context["token"]
    # A first review creates the state with one conditional insert (in place of the update: no
    # savepoint pair to catch a duplicate); burying every other card of the note is one statement,
    # whatever their number.
    with django_assert_num_queries(RATE + 1):
        client.post(reverse("study_rate", args=[course.slug]), {"token": token, "rating": 3})
    assert ReviewLog.objects.filter(user=student).count() == 1


def test_the_page_when_nothing_is_left_adds_one_query_for_the_lessons_to_practise(
    client_for, course, student, django_assert_num_queries
):
    client = client_for(student)
    client.get(study_url(course))
    # No card at all: the queue's statement runs, the next card's query does not.
    with django_assert_num_queries(SHOW):
        response = client.get(study_url(course))
    assert response.context["queue"].card is None
