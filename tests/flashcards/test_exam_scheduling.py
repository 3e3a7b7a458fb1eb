"""Scheduling with an exam date: ratings capped before the exam, the last days weakest first,
normal again after it; checked against py-fsrs itself (its review and its retrievability on exam
day, read with the clock moved there by time-machine)."""

import datetime as dt

import pytest
import time_machine
from fsrs import Card as FsrsCard
from fsrs import Rating as FsrsRating
from fsrs import Scheduler, State

from quizzes.flashcards import examdates, reviews, scheduling
from quizzes.flashcards.queue import build_queue
from quizzes.items.cards import sync_cards
from quizzes.models import Card, CardState, ReviewLog
from tests.factories import AttemptFactory, CardBoostFactory, CardStateFactory, NoteFactory, ResponseFactory

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 11, 2, 10, 0, tzinfo=dt.UTC)
DAY = dt.timedelta(days=1)


def review_card(course, lesson, student, front, *, stability=30.0, last_review=NOW - 20 * DAY, due=NOW):
    note = NoteFactory(course=course, lesson=lesson, front=front, status="published")
    sync_cards(note)
    card = Card.objects.get(note=note)
    CardStateFactory(
        reviewed=True, user=student, card=card, stability=stability, due=due, last_review=last_review
    )
    return card


def fsrs_card(state) -> FsrsCard:
    return FsrsCard(
        card_id=state.card_id,
        state=State(state.state),
        step=state.step,
        stability=state.stability,
        difficulty=state.difficulty,
        due=state.due,
        last_review=state.last_review,
    )


def rate_good(student, card):
    state = CardState.objects.get(user=student, card=card)
    card = Card.objects.select_related("note__course").get(pk=card.pk)
    result = reviews.rate(user=student, card=card, rating=3, shown_version=state.version, now=NOW)
    assert result.recorded
    return state, CardState.objects.get(pk=state.pk)


def test_a_card_whose_interval_would_jump_past_the_exam_is_due_the_day_before(course, lesson, student):
    course.exam_at = NOW + 10 * DAY
    course.save()
    card = review_card(course, lesson, student, "Milk-alkali syndrome")

    before, after = rate_good(student, card)

    fsrs_after, _ = Scheduler(desired_retention=course.desired_retention, enable_fuzzing=False).review_card(
        fsrs_card(before), FsrsRating.Good, review_datetime=NOW
    )
    assert fsrs_after.due > course.exam_at  # FSRS alone would schedule it after the exam
    assert after.due == course.exam_at - DAY
    # What FSRS learnt from the rating is kept: only the due date moves.
    assert (after.stability, after.difficulty, after.state) == pytest.approx(
        (fsrs_after.stability, fsrs_after.difficulty, fsrs_after.state.value)
    )
    # Due before the exam, and reviewed then, the card is still above the course's retention.
    with time_machine.travel(after.due, tick=False):
        recall = Scheduler(desired_retention=course.desired_retention).get_card_retrievability(
            fsrs_card(after)
        )
    assert recall > course.desired_retention


def test_capping_invents_no_rating(course, lesson, student):
    course.exam_at = NOW + 10 * DAY
    course.save()
    card = review_card(course, lesson, student, "Calciphylaxis")

    rate_good(student, card)

    assert list(ReviewLog.objects.filter(user=student).values_list("card_id", "rating")) == [(card.pk, 3)]


def test_after_the_exam_scheduling_is_normal_again(course, lesson, student):
    course.exam_at = NOW - DAY
    course.save()
    card = review_card(course, lesson, student, "Dystrophic calcification")

    before, after = rate_good(student, card)

    own = scheduling.review(scheduling.scheduler_for(course), before, card.pk, 3, NOW)
    assert after.due == own.due > NOW + 10 * DAY


def test_the_students_own_date_overrides_the_courses_and_clearing_it_restores_it(course, lesson, student):
    course.exam_at = NOW + 60 * DAY
    course.save()
    examdates.set_own_exam(user=student, course=course, exam_at=NOW + 5 * DAY)
    assert examdates.exam_date(user=student, course=course) == NOW + 5 * DAY

    _, after = rate_good(student, review_card(course, lesson, student, "Own date"))
    assert after.due == NOW + 4 * DAY

    examdates.set_own_exam(user=student, course=course, exam_at=None)
    assert examdates.exam_date(user=student, course=course) == course.exam_at


def test_in_the_last_days_the_lowest_exam_day_recall_comes_first(course, lesson, student):
    exam_at = NOW + 2 * DAY
    course.exam_at = exam_at
    course.save()
    # Due earliest but well remembered; due later and fading fast; and the ones between.
    cards = [
        review_card(course, lesson, student, "Strong", stability=200, due=NOW - 3 * DAY),
        review_card(course, lesson, student, "Weak", stability=2, last_review=NOW - 4 * DAY),
        review_card(course, lesson, student, "Middling", stability=20, due=NOW - DAY),
        review_card(course, lesson, student, "Old", stability=40, last_review=NOW - 90 * DAY),
    ]
    reference = Scheduler(desired_retention=course.desired_retention)
    with time_machine.travel(exam_at, tick=False):
        recall = {
            state.card_id: reference.get_card_retrievability(fsrs_card(state))
            for state in CardState.objects.filter(user=student)
        }
    expected = sorted(recall, key=recall.get)

    shown = []
    for _ in cards:
        queue = build_queue(user=student, course=course, now=NOW)
        shown.append(queue.card.pk)
        reviews.set_suspended(user=student, card=queue.card, suspended=True, now=NOW)

    assert shown == expected != [card.pk for card in cards]


def test_before_the_last_days_the_queue_keeps_due_order(course, lesson, student):
    course.exam_at = NOW + 10 * DAY
    course.save()
    strong = review_card(course, lesson, student, "Strong", stability=200, due=NOW - 3 * DAY)
    review_card(course, lesson, student, "Weak", stability=2, last_review=NOW - 4 * DAY)

    assert build_queue(user=student, course=course, now=NOW).card == strong


def test_brought_forward_cards_still_come_first_in_the_last_days(course, lesson, student):
    course.exam_at = NOW + 2 * DAY
    course.save()
    review_card(course, lesson, student, "Weak", stability=2, last_review=NOW - 4 * DAY)
    boosted = review_card(course, lesson, student, "Brought forward", stability=200, due=NOW + 50 * DAY)
    response = ResponseFactory(attempt=AttemptFactory(user=student))
    CardBoostFactory(user=student, card=boosted, response=response, created_at=NOW - DAY)

    queue = build_queue(user=student, course=course, now=NOW)

    assert (queue.boosted, queue.card) == (1, boosted)


def test_the_queue_knows_the_students_own_date(course, lesson, student):
    course.exam_at = NOW + 60 * DAY
    course.save()
    review_card(course, lesson, student, "A card")
    assert build_queue(user=student, course=course, now=NOW).exam_at == course.exam_at

    examdates.set_own_exam(user=student, course=course, exam_at=NOW + 3 * DAY)

    assert build_queue(user=student, course=course, now=NOW).exam_at == NOW + 3 * DAY


def test_the_students_own_date_decides_the_last_days(course, lesson, student):
    course.exam_at = NOW + 30 * DAY
    course.save()
    strong = review_card(course, lesson, student, "Strong", stability=200, due=NOW - 3 * DAY)
    weak = review_card(course, lesson, student, "Weak", stability=2, last_review=NOW - 4 * DAY)
    assert build_queue(user=student, course=course, now=NOW).card == strong  # due order

    examdates.set_own_exam(user=student, course=course, exam_at=NOW + 2 * DAY)
    assert build_queue(user=student, course=course, now=NOW).card == weak

    course.exam_at = NOW + 2 * DAY
    course.save()
    examdates.set_own_exam(user=student, course=course, exam_at=NOW + 30 * DAY)
    assert build_queue(user=student, course=course, now=NOW).card == strong


def test_the_last_days_pick_costs_no_query_of_its_own(course, lesson, student, django_assert_num_queries):
    course.exam_at = NOW + 2 * DAY
    course.save()
    review_card(course, lesson, student, "Strong", stability=200, due=NOW - 3 * DAY)
    weak = review_card(course, lesson, student, "Weak", stability=2, last_review=NOW - 4 * DAY)

    with django_assert_num_queries(2):  # every count and candidate, then the card with its note
        queue = build_queue(user=student, course=course, now=NOW)

    assert queue.last_days and queue.card == weak and queue.card.note.lesson == lesson
