"""The queue with cards brought forward by quiz answers: shown first, counted once (apart from
the new and due cards), and their reviews use up neither daily limit."""

import datetime as dt

import pytest
from django.utils import timezone

from quizzes.flashcards import reviews
from quizzes.flashcards.queue import build_queue
from quizzes.items.cards import sync_cards
from quizzes.models import Card, CardState, ReviewLog
from tests.factories import AttemptFactory, CardBoostFactory, CardStateFactory, NoteFactory, ResponseFactory

pytestmark = pytest.mark.django_db


def review_card(course, lesson, student, front, now, *, due=None, last=None, stability=10.0):
    note = NoteFactory(course=course, lesson=lesson, front=front)
    sync_cards(note)
    card = Card.objects.get(note=note)
    CardStateFactory(
        reviewed=True,
        user=student,
        card=card,
        stability=stability,
        due=due or now - dt.timedelta(hours=1),
        last_review=last or now - dt.timedelta(days=10),
    )
    return card


def test_a_brought_forward_review_card_is_counted_once_and_its_review_uses_no_limit(course, lesson, student):
    course.reviews_per_day = 1
    course.save()
    now = timezone.now()
    first = review_card(course, lesson, student, "Due first", now)
    boosted = review_card(course, lesson, student, "Brought forward", now)
    response = ResponseFactory(attempt=AttemptFactory(user=student))
    CardBoostFactory(user=student, card=boosted, response=response, created_at=now - dt.timedelta(minutes=5))

    queue = build_queue(user=student, course=course, now=now)
    assert (queue.boosted, queue.review, queue.card) == (1, 1, boosted)

    state = CardState.objects.get(user=student, card=boosted)
    result = reviews.rate(user=student, card=boosted, rating=3, shown_version=state.version, now=now)
    assert result.recorded and ReviewLog.objects.filter(user=student).count() == 1

    queue = build_queue(user=student, course=course, now=now + dt.timedelta(seconds=1))
    assert (queue.boosted, queue.review, queue.card) == (0, 1, first)  # the day's one review is still there
