"""Sibling burying is stored when a card is rated: until 4 a.m. in the student's zone, undone
with the review, and a page showing a sibling from before is stale."""

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from quizzes.flashcards import reviews
from quizzes.flashcards.queue import build_queue
from quizzes.items.cards import sync_cards
from quizzes.models import CardState, ReviewLog
from quizzes.models.study import Rating
from tests.factories import NoteFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def pair(course, lesson):
    note = NoteFactory(course=course, lesson=lesson, kind="reversed", front="Front", back="Back")
    sync_cards(note)
    return list(note.cards.order_by("ord"))


def rate(user, card, rating=Rating.GOOD):
    state = CardState.objects.filter(user=user, card=card).first()
    return reviews.rate(
        user=user, card=card, rating=rating, shown_version=state.version if state else 0, now=timezone.now()
    )


def test_rating_a_card_buries_its_sibling_until_four_in_the_students_zone(course, student, pair):
    student.timezone = "America/New_York"
    student.save()
    first, second = pair
    # 23:30 in New York on 4 May is 03:30 UTC on 5 May: the study day ends at 4 a.m. New York time.
    with time_machine.travel(dt.datetime(2026, 5, 5, 3, 30, tzinfo=dt.UTC), tick=False):
        assert rate(student, first).recorded
        buried = CardState.objects.get(user=student, card=second)
        assert buried.buried_until == dt.datetime(2026, 5, 5, 8, 0, tzinfo=dt.UTC)
        assert buried.last_review is None and not buried.suspended
        assert build_queue(user=student, course=course, now=timezone.now()).new == 0
    with time_machine.travel(dt.datetime(2026, 5, 5, 8, 0, tzinfo=dt.UTC), tick=False):
        assert build_queue(user=student, course=course, now=timezone.now()).new == 1
        CardState.objects.filter(user=student, card=first).update(due=timezone.now() + dt.timedelta(days=1))
        queue = build_queue(user=student, course=course, now=timezone.now())
        assert (queue.card, queue.kind_name) == (second, "new")
        assert queue.state == buried  # with its row, so the answer posts the row's version


def test_a_sibling_shown_before_the_burying_is_stale(course, student, pair):
    first, second = pair
    assert rate(student, first).recorded
    # A second tab showed the sibling (version 0) before the first card was rated.
    result = reviews.rate(user=student, card=second, rating=Rating.GOOD, shown_version=0, now=timezone.now())
    assert not result.recorded and "not recorded" in result.message
    assert ReviewLog.objects.filter(user=student).count() == 1


def test_undoing_the_notes_only_review_of_the_day_unburies_the_sibling(course, student, pair):
    first, second = pair
    rate(student, first)
    reviews.undo_last(user=student, course=course)
    assert CardState.objects.get(user=student, card=second).buried_until is None
    queue = build_queue(user=student, course=course, now=timezone.now())
    assert (queue.new, queue.card) == (2, first)


def test_undo_leaves_the_sibling_buried_while_another_review_of_the_note_stands(course, student, pair):
    first, second = pair
    rate(student, first, Rating.AGAIN)
    rate(student, first, Rating.GOOD)  # its learning step, the same day
    reviews.undo_last(user=student, course=course)
    assert CardState.objects.get(user=student, card=second).buried_until is not None
    assert build_queue(user=student, course=course, now=timezone.now()).new == 0


def test_suspending_a_buried_card_and_unsuspending_it_keeps_it_buried_today(course, student, pair):
    first, second = pair
    rate(student, first)
    reviews.set_suspended(user=student, card=second, suspended=True, now=timezone.now())
    reviews.set_suspended(user=student, card=second, suspended=False, now=timezone.now())
    assert build_queue(user=student, course=course, now=timezone.now()).new == 0
