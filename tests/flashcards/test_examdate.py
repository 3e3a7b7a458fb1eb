"""Exam-date capping and the exam-day projection (quizzes/flashcards/examdate.py), checked against
py-fsrs itself: its retrievability on the exam day, read with the clock moved there (time-machine)."""

import datetime as dt
from types import SimpleNamespace

import pytest
import time_machine
from fsrs import Card, Scheduler, State

from quizzes.flashcards import examdate, scheduling

UTC = dt.UTC
START = dt.datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
COURSE = SimpleNamespace(
    desired_retention=0.9, learning_steps="1m 10m", relearning_steps="10m", maximum_interval=36500
)


@pytest.fixture
def scheduler():
    return scheduling.scheduler_for(COURSE, fuzz=False)


def studied(scheduler, card_id, ratings, start=START):
    """A card's state after reviewing it with ``ratings``, each on the day it fell due."""
    state, now = None, start
    for rating in ratings:
        outcome = scheduling.review(scheduler, state, card_id, rating, now)
        state = SimpleNamespace(**outcome.fields(), version=0)
        now = max(now, outcome.due)
    return state


def fsrs_card(state, card_id):
    return Card(
        card_id=card_id,
        state=State(state.state),
        step=state.step,
        stability=state.stability,
        difficulty=state.difficulty,
        due=state.due,
        last_review=state.last_review,
    )


def test_an_interval_past_the_exam_is_capped_to_the_day_before(scheduler):
    state = studied(scheduler, 1, [3, 3])
    reviewed_at = state.due
    outcome = scheduling.review(scheduler, state, 1, 3, reviewed_at)
    exam_at = reviewed_at + dt.timedelta(days=4)
    assert outcome.due > exam_at  # FSRS alone would schedule it after the exam

    capped = examdate.capped(outcome, exam_at)

    assert capped.due == exam_at - dt.timedelta(days=1)
    assert capped.interval == dt.timedelta(days=3)
    assert (capped.stability, capped.difficulty, capped.state) == (
        outcome.stability,
        outcome.difficulty,
        outcome.state,
    )


def test_an_interval_ending_before_the_exam_is_left_alone(scheduler):
    outcome = scheduling.review(scheduler, studied(scheduler, 1, [3]), 1, 3, START + dt.timedelta(days=1))

    assert examdate.capped(outcome, outcome.due + dt.timedelta(days=1)) is outcome


def test_after_the_exam_scheduling_is_normal_again():
    due = START + dt.timedelta(days=30)

    assert examdate.cap_due(due=due, reviewed_at=START, exam_at=START - dt.timedelta(days=1)) == due
    assert examdate.cap_due(due=due, reviewed_at=START, exam_at=None) == due


def test_a_day_and_a_half_before_the_exam_the_card_is_due_a_day_later():
    exam_at = START + dt.timedelta(hours=36)

    assert examdate.cap_due(
        due=START + dt.timedelta(days=9), reviewed_at=START, exam_at=exam_at
    ) == START + dt.timedelta(days=1)


def test_in_the_last_day_the_interval_stands_rather_than_due_at_once():
    exam_at = START + dt.timedelta(hours=10)
    due = START + dt.timedelta(days=9)

    assert examdate.cap_due(due=due, reviewed_at=START, exam_at=exam_at) == due


def test_the_projection_per_lesson_and_overall_matches_fsrs(scheduler):
    strong = studied(scheduler, 1, [4, 3, 3, 3])
    weak = studied(scheduler, 2, [1, 3])
    other = studied(scheduler, 3, [3, 3, 3])
    exam_at = START + dt.timedelta(days=60)
    rows = [("lesson A", 1, strong), ("lesson A", 2, weak), ("lesson B", 3, other), ("lesson B", 4, None)]

    result = examdate.projection(scheduler, rows, exam_at=exam_at, target=0.8)

    reference = Scheduler(desired_retention=0.9)
    with time_machine.travel(exam_at, tick=False):
        own = {
            n: reference.get_card_retrievability(fsrs_card(s, n))
            for n, s in ((1, strong), (2, weak), (3, other))
        }
    lesson_a, lesson_b = result.groups
    assert lesson_a.recall == pytest.approx((own[1] + own[2]) / 2)
    assert lesson_b.recall == pytest.approx(own[3]) and lesson_b.studied == 1
    assert result.recall == pytest.approx(sum(own.values()) / 3)
    assert result.unstudied == 1
    assert [card.card_id for card in result.at_risk] == sorted(
        (n for n in own if own[n] < 0.8), key=lambda n: own[n]
    )


def test_the_last_days_are_the_three_days_before_the_exam_only():
    exam_at = START + dt.timedelta(days=40)

    assert examdate.in_last_days(exam_at, exam_at - dt.timedelta(days=2))
    assert not examdate.in_last_days(exam_at, exam_at - dt.timedelta(days=10))
    assert not examdate.in_last_days(exam_at, exam_at + dt.timedelta(days=1))
    assert not examdate.in_last_days(None, START)
