"""Edge cases of the one-statement study queue (found in review): a review days after a boost
counts toward the daily limit, boosts counted once, other courses and unpublished notes left out,
no daily allowance, whole days to the exam counted as fsrs counts them."""

import datetime as dt

import pytest
from django.utils import timezone

from quizzes.flashcards import reviews, scheduling
from quizzes.flashcards.queue import build_queue
from quizzes.items.cards import sync_cards
from quizzes.models import CardState, ReviewLog
from tests.factories import AttemptFactory, CardBoostFactory, LessonFactory, NoteFactory, ResponseFactory
from tests.flashcards.test_boosted_queue import review_card

pytestmark = pytest.mark.django_db


def boost(student, card, at):
    CardBoostFactory(
        user=student, card=card, response=ResponseFactory(attempt=AttemptFactory(user=student)), created_at=at
    )


def test_an_ordinary_review_days_after_a_boost_counts_toward_the_daily_limit(course, lesson, student):
    """Rule 2: reviews due today up to reviews_per_day minus reviews done today (boosted reviews
    not counted). A card brought forward last week and reviewed then is an ordinary review today."""
    course.reviews_per_day = 1
    course.save()
    now = timezone.now()
    week_ago = now - dt.timedelta(days=7)
    once_boosted = review_card(course, lesson, student, "Boosted last week", now)
    review_card(course, lesson, student, "Other", now)
    boost(student, once_boosted, week_ago - dt.timedelta(minutes=5))
    # It was reviewed (as the boosted review) a week ago: its state's last_review is after the boost.
    # Today it is simply due, and reviewed as an ordinary review.
    state = CardState.objects.get(user=student, card=once_boosted)
    state.last_review = week_ago
    state.save()
    ReviewLog.objects.create(user=student, card=once_boosted, rating=3, reviewed_at=week_ago, kind=2)
    queue = build_queue(user=student, course=course, now=now)
    assert (queue.boosted, queue.review) == (0, 1)
    assert queue.card == once_boosted  # due first (same due, lower id)
    result = reviews.rate(user=student, card=queue.card, rating=3, shown_version=queue.state.version, now=now)
    assert result.recorded
    queue = build_queue(user=student, course=course, now=now + dt.timedelta(seconds=1))
    assert queue.review == 0, "the day's one review was used by an ordinary review"


def test_a_card_boosted_twice_is_counted_once_and_a_suspended_boosted_card_waits(course, lesson, student):
    now = timezone.now()
    twice = review_card(course, lesson, student, "Twice", now, due=now + dt.timedelta(days=5))
    boost(student, twice, now - dt.timedelta(minutes=10))
    boost(student, twice, now - dt.timedelta(minutes=5))
    suspended = review_card(course, lesson, student, "Suspended", now, due=now + dt.timedelta(days=5))
    boost(student, suspended, now - dt.timedelta(minutes=5))
    CardState.objects.filter(card=suspended).update(suspended=True)
    queue = build_queue(user=student, course=course, now=now)
    assert (queue.boosted, queue.card) == (1, twice)


def test_states_in_two_courses_and_an_unpublished_note(course, other_course, lesson, student):
    now = timezone.now()
    other_lesson = LessonFactory(course=other_course)
    review_card(other_course, other_lesson, student, "Other course", now)
    hidden = review_card(course, lesson, student, "Unpublished", now)
    hidden.note.status = "draft"
    hidden.note.save()
    queue = build_queue(user=student, course=course, now=now)
    assert (queue.review, queue.learning, queue.new, queue.card) == (0, 0, 0, None)


def test_no_reviews_per_day_and_no_new_cards(course, lesson, student):
    course.reviews_per_day = 0
    course.new_cards_per_day = 0
    course.save()
    now = timezone.now()
    review_card(course, lesson, student, "Due", now)
    NoteFactory(course=course, lesson=lesson, front="New")
    for note in course.notes.all():
        sync_cards(note)
    queue = build_queue(user=student, course=course, now=now)
    assert (queue.review, queue.new, queue.card) == (0, 0, None)


def test_the_last_days_pick_counts_whole_days_like_fsrs_with_fractional_seconds(course, lesson, student):
    """fsrs counts (exam - last_review).days to the microsecond; SQLite's strftime('%s') drops the
    fraction of last_review, so a review 0.5 s less than 10 days before the exam counts as 10 days
    there (9 in fsrs and on PostgreSQL) and the wrong card is called weakest."""
    now = dt.datetime(2026, 11, 25, 12, 0, tzinfo=dt.UTC)
    exam = now + dt.timedelta(days=2)
    course.exam_at = exam
    course.save()
    review_card(
        course,
        lesson,
        student,
        "X",
        now,
        last=exam - dt.timedelta(days=10) + dt.timedelta(milliseconds=500),
        stability=9.5,
    )
    y = review_card(course, lesson, student, "Y", now, last=exam - dt.timedelta(days=10), stability=10.0)
    recalls = scheduling.retrievabilities(
        scheduling.scheduler_for(course, fuzz=False),
        [
            (9.5, exam - dt.timedelta(days=10) + dt.timedelta(milliseconds=500)),
            (10.0, exam - dt.timedelta(days=10)),
        ],
        exam,
    )
    assert recalls[1] < recalls[0]  # fsrs: Y is the weaker on exam day
    queue = build_queue(user=student, course=course, now=now)
    assert queue.last_days
    assert queue.card == y
