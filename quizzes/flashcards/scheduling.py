"""FSRS scheduling: the only module that imports `fsrs` (py-fsrs 6.3).

We write no scheduling maths: the course's settings build an `fsrs.Scheduler`,
a student's `CardState` converts to and from an `fsrs.Card`, and py-fsrs does
the rest.

Fuzz. py-fsrs spreads review intervals of 2.5 days or more by a random fuzz
drawn from the module-global `random()`. We keep fuzzing on, but draw it from
a generator seeded with (card id, state version, rating): the interval shown
on a button and the one the review stores come from the same draw, and a new
review (a new version) gets a fresh one. The seeded draw is installed by
replacing `fsrs.scheduler.random` with a thread-local dispatcher (tested in
tests/test_scheduling.py, so an upgrade that changes this fails loudly).

Time. As in Anki, the next states are computed when the card is shown and
the chosen one is stored: `review(..., shown_at=t0, now=t1)` schedules at the
time it was shown and then starts the interval at the time of the answer, so
"Good: 3d" on the button is exactly `due - last_review` afterwards.
"""

from __future__ import annotations

import datetime as dt
import random
import re
import threading
import zlib
from collections.abc import Iterable
from contextlib import contextmanager
from dataclasses import dataclass

import fsrs.scheduler as _fsrs_scheduler
from fsrs import Card, Scheduler, State
from fsrs import Rating as FsrsRating

from quizzes.models.study import Rating

UTC = dt.UTC  # the same object as datetime.timezone.utc, which py-fsrs requires

# The rating and state numbers are defined once, in quizzes.models.study (Rating,
# FsrsState); tests check they are fsrs's own.
RATINGS = dict(Rating.choices)

# --- seeded fuzz ------------------------------------------------------------

_local = threading.local()
_global_random = random.random


def _fuzz_random() -> float:
    rng = getattr(_local, "rng", None)
    return rng.random() if rng is not None else _global_random()


_fsrs_scheduler.random = _fuzz_random


@contextmanager
def _seeded(seed: int):
    previous = getattr(_local, "rng", None)
    _local.rng = random.Random(seed)
    try:
        yield
    finally:
        _local.rng = previous


def _seed(card_id: int, version: int, rating: int) -> int:
    return zlib.crc32(f"{card_id}:{version}:{rating}".encode())


# --- settings ---------------------------------------------------------------

STEP_RE = re.compile(r"^(\d+(?:\.\d+)?)([smhd])$")
UNITS = {"s": "seconds", "m": "minutes", "h": "hours", "d": "days"}


def parse_steps(text: str) -> tuple[dt.timedelta, ...]:
    """ "1m 10m" → (1 minute, 10 minutes). Units s, m, h, d; a bare number means minutes, as in Anki."""
    steps = []
    for token in text.replace(",", " ").split():
        token = token.strip().lower()
        if re.fullmatch(r"\d+(?:\.\d+)?", token):
            token += "m"
        m = STEP_RE.match(token)
        if not m or float(m[1]) <= 0:
            raise ValueError(f"“{token}” is not a step: use a number and a unit, e.g. 1m, 10m, 1h or 1d.")
        steps.append(dt.timedelta(**{UNITS[m[2]]: float(m[1])}))
    return tuple(steps)


def scheduler_for(course, *, fuzz: bool = True) -> Scheduler:
    """An FSRS scheduler built from the course's settings (default FSRS-6 parameters)."""
    return Scheduler(
        desired_retention=course.desired_retention,
        learning_steps=parse_steps(course.learning_steps),
        relearning_steps=parse_steps(course.relearning_steps),
        maximum_interval=course.maximum_interval,
        enable_fuzzing=fuzz,
    )


# --- CardState ⇄ fsrs.Card --------------------------------------------------


def _utc(value: dt.datetime | None) -> dt.datetime | None:
    return value.astimezone(UTC) if value is not None else None


def to_fsrs(state, card_id: int) -> Card:
    """The fsrs.Card for a CardState (None: a new card, Learning step 0, due now)."""
    if state is None or state.last_review is None:
        return Card(card_id=card_id, state=State.Learning, step=0, due=_utc(getattr(state, "due", None)))
    return Card(
        card_id=card_id,
        state=State(state.state),
        step=state.step,
        stability=state.stability,
        difficulty=state.difficulty,
        due=_utc(state.due),
        last_review=_utc(state.last_review),
    )


@dataclass(frozen=True)
class Outcome:
    """What a rating would do: the scheduling fields to store, and the interval as text."""

    state: int
    step: int | None
    stability: float
    difficulty: float
    due: dt.datetime
    last_review: dt.datetime
    interval: dt.timedelta
    lapse: bool

    @property
    def interval_text(self) -> str:
        return interval_text(self.interval)

    def fields(self) -> dict:
        return {
            "state": self.state,
            "step": self.step,
            "stability": self.stability,
            "difficulty": self.difficulty,
            "due": self.due,
            "last_review": self.last_review,
        }


def interval_text(interval: dt.timedelta) -> str:
    """Anki-style short interval: "<1m", "10m", "3h", "4d", "2.1mo", "1.5y"."""
    seconds = interval.total_seconds()
    if seconds < 60:
        return "<1m"
    if seconds < 3600:
        return f"{round(seconds / 60)}m"
    if seconds < 86400:
        return f"{round(seconds / 3600)}h"
    days = seconds / 86400
    if days < 30:
        return f"{round(days)}d"
    if days < 365:
        return f"{days / 30:.1f}mo".replace(".0mo", "mo")
    return f"{days / 365:.1f}y".replace(".0y", "y")


def _outcome(scheduler: Scheduler, state, card_id: int, rating: int, at: dt.datetime) -> Outcome:
    before = to_fsrs(state, card_id)
    version = getattr(state, "version", 0) or 0
    with _seeded(_seed(card_id, version, rating)):
        after, _log = scheduler.review_card(before, FsrsRating(rating), review_datetime=at)
    lapse = rating == Rating.AGAIN and before.state == State.Review
    return Outcome(
        state=after.state.value,
        step=after.step,
        stability=after.stability,
        difficulty=after.difficulty,
        due=after.due,
        last_review=after.last_review,
        interval=after.due - at,
        lapse=lapse,
    )


def preview(scheduler: Scheduler, state, card_id: int, now: dt.datetime) -> dict[int, Outcome]:
    """What each rating (1-4) would do to the card if answered at `now`."""
    now = _utc(now)
    return {rating: _outcome(scheduler, state, card_id, rating, now) for rating in RATINGS}


def review(
    scheduler: Scheduler,
    state,
    card_id: int,
    rating: int,
    now: dt.datetime,
    *,
    shown_at: dt.datetime | None = None,
) -> Outcome:
    """The card after `rating`, answered at `now` having been shown at `shown_at`.

    The next state is the one `preview` showed at `shown_at` (same draw of
    fuzz), with its interval counted from `now`, as Anki does.
    """
    if rating not in RATINGS:
        raise ValueError(f"Rating must be 1 to 4, not {rating!r}.")
    now = _utc(now)
    shown_at = _utc(shown_at) if shown_at is not None and shown_at <= now else now
    outcome = _outcome(scheduler, state, card_id, rating, shown_at)
    shift = now - shown_at
    return Outcome(
        state=outcome.state,
        step=outcome.step,
        stability=outcome.stability,
        difficulty=outcome.difficulty,
        due=outcome.due + shift,
        last_review=now,
        interval=outcome.interval,
        lapse=outcome.lapse,
    )


def retrievabilities(
    scheduler: Scheduler, studied: Iterable[tuple[float, dt.datetime]], when: dt.datetime
) -> list[float]:
    """FSRS's retrievability at `when` of many studied cards, each given as (stability, last review,
    an aware datetime). One fsrs.Card is reused: building one per card costs more than the formula."""
    when = _utc(when)
    card = Card(card_id=0, state=State.Review, stability=1.0, difficulty=5.0, due=when, last_review=when)
    found = []
    for stability, last_review in studied:
        card.stability, card.last_review = stability, last_review
        found.append(scheduler.get_card_retrievability(card, current_datetime=when))
    return found


__all__ = [
    "RATINGS",
    "Outcome",
    "interval_text",
    "parse_steps",
    "preview",
    "retrievabilities",
    "review",
    "scheduler_for",
    "to_fsrs",
]
