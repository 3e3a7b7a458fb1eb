"""FSRS scheduling through py-fsrs: settings, conversions, previews and seeded fuzz."""

import datetime as dt
from types import SimpleNamespace

import fsrs.scheduler
import pytest

from quizzes.flashcards import scheduling
from quizzes.models.study import FsrsState, Rating

NOW = dt.datetime(2026, 3, 1, 12, 0, tzinfo=dt.UTC)


def course(**overrides):
    values = {
        "desired_retention": 0.9,
        "learning_steps": "1m 10m",
        "relearning_steps": "10m",
        "maximum_interval": 36500,
    }
    return SimpleNamespace(**(values | overrides))


def review_state(*, stability=30.0, days_ago=30, version=5, lapses=0):
    return SimpleNamespace(
        state=FsrsState.REVIEW,
        step=None,
        stability=stability,
        difficulty=5.0,
        due=NOW,
        last_review=NOW - dt.timedelta(days=days_ago),
        version=version,
        lapses=lapses,
    )


def test_parse_steps_reads_minutes_hours_and_days():
    assert scheduling.parse_steps("1m 10m 1h 2d") == (
        dt.timedelta(minutes=1),
        dt.timedelta(minutes=10),
        dt.timedelta(hours=1),
        dt.timedelta(days=2),
    )
    assert scheduling.parse_steps("") == ()
    assert scheduling.parse_steps("15") == (dt.timedelta(minutes=15),)


@pytest.mark.parametrize("bad", ["1x", "ten", "-1m", "0m"])
def test_parse_steps_refuses_a_bad_step(bad):
    with pytest.raises(ValueError, match="not a step"):
        scheduling.parse_steps(bad)


def test_scheduler_uses_the_course_settings():
    scheduler = scheduling.scheduler_for(
        course(desired_retention=0.85, maximum_interval=365, learning_steps="5m")
    )
    assert scheduler.desired_retention == 0.85
    assert scheduler.maximum_interval == 365
    assert scheduler.learning_steps == (dt.timedelta(minutes=5),)
    assert scheduler.enable_fuzzing


def test_new_card_preview_follows_the_learning_steps():
    previews = scheduling.preview(scheduling.scheduler_for(course()), None, 7, NOW)
    assert previews[Rating.AGAIN].interval_text == "1m"
    assert previews[Rating.HARD].interval_text == "6m"  # halfway between the first two steps
    assert previews[Rating.GOOD].interval_text == "10m"
    assert previews[Rating.EASY].interval >= dt.timedelta(days=1)
    assert previews[Rating.GOOD].state == FsrsState.LEARNING and previews[Rating.GOOD].step == 1


def test_again_on_a_review_card_is_a_lapse_into_relearning():
    outcome = scheduling.review(scheduling.scheduler_for(course()), review_state(), 7, Rating.AGAIN, NOW)
    assert outcome.lapse
    assert outcome.state == FsrsState.RELEARNING
    assert outcome.interval == dt.timedelta(minutes=10)


def test_preview_and_review_give_the_same_fuzzed_interval():
    scheduler = scheduling.scheduler_for(course())
    state = review_state()
    shown = scheduling.preview(scheduler, state, 7, NOW)
    for rating in (Rating.HARD, Rating.GOOD, Rating.EASY):
        stored = scheduling.review(scheduler, state, 7, rating, NOW)
        assert stored.due == shown[rating].due
        assert stored.stability == shown[rating].stability


def test_answering_later_keeps_the_interval_that_was_shown():
    scheduler = scheduling.scheduler_for(course())
    state = review_state()
    shown = scheduling.preview(scheduler, state, 7, NOW)[Rating.GOOD]
    answered = NOW + dt.timedelta(seconds=42)
    stored = scheduling.review(scheduler, state, 7, Rating.GOOD, answered, shown_at=NOW)
    assert stored.due - stored.last_review == shown.interval
    assert stored.last_review == answered


def test_fuzz_is_applied_and_varies_with_the_state_version():
    scheduler = scheduling.scheduler_for(course())
    dues = {scheduling.review(scheduler, review_state(version=v), 7, Rating.GOOD, NOW).due for v in range(30)}
    assert len(dues) > 1  # fuzz is on and each new version draws afresh
    plain = scheduling.scheduler_for(course(), fuzz=False)
    assert (
        len({scheduling.review(plain, review_state(version=v), 7, Rating.GOOD, NOW).due for v in range(5)})
        == 1
    )


def test_fuzz_hook_is_installed_in_py_fsrs():
    # The seeded fuzz relies on py-fsrs drawing from its module-level `random`.
    assert fsrs.scheduler.random is scheduling._fuzz_random


def test_maximum_interval_caps_the_interval():
    scheduler = scheduling.scheduler_for(course(maximum_interval=10))
    outcome = scheduling.review(scheduler, review_state(stability=300), 7, Rating.EASY, NOW)
    assert outcome.interval <= dt.timedelta(days=10)


def test_datetimes_in_other_zones_are_converted_to_utc():
    paris = NOW.astimezone(dt.timezone(dt.timedelta(hours=1)))
    outcome = scheduling.review(scheduling.scheduler_for(course()), None, 7, Rating.GOOD, paris)
    assert outcome.last_review == NOW
    assert outcome.due.tzinfo is dt.UTC


@pytest.mark.parametrize(
    ("interval", "text"),
    [
        (dt.timedelta(seconds=30), "<1m"),
        (dt.timedelta(minutes=10), "10m"),
        (dt.timedelta(hours=3), "3h"),
        (dt.timedelta(days=4), "4d"),
        (dt.timedelta(days=60), "2mo"),
        (dt.timedelta(days=548), "1.5y"),
    ],
)
def test_interval_text_is_short(interval, text):
    assert scheduling.interval_text(interval) == text


def test_the_models_state_and_rating_numbers_are_fsrs_own():
    """The numbers are written once, in quizzes.models.study; they must be py-fsrs's."""
    import fsrs

    from quizzes.models.study import FsrsState, Rating

    assert {state.name.upper(): state.value for state in fsrs.State} == {s.name: s.value for s in FsrsState}
    assert {rating.name.upper(): rating.value for rating in fsrs.Rating} == {r.name: r.value for r in Rating}
