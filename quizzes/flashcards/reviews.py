"""Recording reviews (services): rate a card, undo the last review, suspend and unsuspend.

Each service is one transaction. A rating posts the CardState version it was
shown; the update is conditional on it (``UPDATE ... WHERE version = N``), so a
review posted twice is recorded once and a stale one is refused. Every review
log keeps the exact state before it, so undo restores it.

Sibling burying is written here, not worked out by the queue: rating a card of
a note with several cards buries the others until the end of the student's
study day (4 a.m. in their zone), bumping their versions so that a page showing
one of them is stale; undoing the note's only review of that day unburies them.

Before the student's exam date no interval jumps past it (``examdate.capped``): the
outcome's due date is brought back within the days left, its memory state (what
FSRS learnt from the rating) unchanged.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import F

from quizzes.flashcards import examdate, examdates, scheduling
from quizzes.flashcards.studyday import day_bounds
from quizzes.models import Card, CardState, ReviewLog
from quizzes.models.notes import NoteKind, NoteStatus
from quizzes.models.study import FsrsState, ReviewKind

LEECH_THRESHOLD = 8  # lapses; then every half threshold again, as in Anki
LEECH = (
    "This card is a leech: you have forgotten it {lapses} times, so it has been suspended. "
    "Rewrite it or study its lesson again, then unsuspend it."
)

STATE_FIELDS = (
    "state",
    "step",
    "stability",
    "difficulty",
    "due",
    "last_review",
    "reps",
    "lapses",
    "suspended",
    "leech",
    "buried_until",
    "version",
)
DATETIME_FIELDS = {"due", "last_review", "buried_until"}


@dataclass(frozen=True)
class Rated:
    """The result of `rate`: recorded or refused (with the reason to tell the student)."""

    recorded: bool
    message: str = ""
    leech: bool = False
    outcome: scheduling.Outcome | None = None
    log: ReviewLog | None = None


STALE = (
    "That answer was not recorded: the card had already been answered "
    "(a repeated click, another tab or a retry). Here is the next card."
)


def snapshot(state: CardState | None) -> dict:
    """The exact state as JSON, for undo ({} for a card with no state yet)."""
    if state is None:
        return {}
    data = {}
    for name in STATE_FIELDS:
        value = getattr(state, name)
        data[name] = value.isoformat() if name in DATETIME_FIELDS and value is not None else value
    return data


def _restore(data: dict) -> dict:
    values = {}
    for name in STATE_FIELDS:
        value = data.get(name)
        values[name] = (
            dt.datetime.fromisoformat(value) if name in DATETIME_FIELDS and value is not None else value
        )
    return values


def _is_leech(lapses: int) -> bool:
    return lapses >= LEECH_THRESHOLD and (lapses - LEECH_THRESHOLD) % (LEECH_THRESHOLD // 2) == 0


def rate(
    *,
    user,
    card: Card,
    rating: int,
    shown_version: int,
    now: dt.datetime,
    duration_ms: int | None = None,
    shown_at: dt.datetime | None = None,
    state: CardState | object | None = ...,
    exam_at: dt.datetime | object | None = ...,
) -> Rated:
    """Record `user`'s `rating` of `card`, shown at CardState version `shown_version`.

    The update is conditional on that version (UPDATE ... WHERE version=N), so a
    review posted twice is recorded once and a stale one is refused. The review
    log keeps the exact previous state for undo. On the 8th lapse the card is
    tagged leech and suspended. A caller that already read the student's
    CardState of the card (None: there is none) passes it as `state`, and one that
    knows the student's exam date (None: none; the one the buttons were shown with)
    passes it as `exam_at`; the next due date is capped by it.
    """
    if state is ...:
        state = CardState.objects.filter(user=user, card=card).first()
    version = state.version if state is not None else 0
    if version != shown_version:
        return Rated(recorded=False, message=STALE)
    if (state is not None and state.suspended) or card.note.status != NoteStatus.PUBLISHED:
        return Rated(recorded=False, message="This card is suspended; it was not recorded.")
    course = card.note.course
    if exam_at is ...:
        exam_at = examdates.exam_date(user=user, course=course)
    outcome = examdate.capped(
        scheduling.review(scheduling.scheduler_for(course), state, card.pk, rating, now, shown_at=shown_at),
        exam_at,
    )
    reviewed = state is not None and state.last_review is not None
    kind = state.state if reviewed else ReviewKind.NEW
    lapses = (state.lapses if state else 0) + outcome.lapse
    leech = outcome.lapse and _is_leech(lapses)
    fields = outcome.fields() | {
        "lapses": lapses,
        "reps": (state.reps if state else 0) + 1,
        "buried_until": None,
    }
    if leech:
        fields |= {"leech": True, "suspended": True}

    with transaction.atomic():
        if not _store_state(user, card, state, shown_version, fields):
            return Rated(recorded=False, message=STALE)
        log = ReviewLog.objects.create(
            user=user,
            card=card,
            rating=rating,
            reviewed_at=now,
            duration_ms=duration_ms,
            kind=kind,
            state_before=snapshot(state),
        )
        _bury_siblings(user, card, until=day_bounds(user, now)[1], now=now)
    message = LEECH.format(lapses=lapses) if leech else ""
    return Rated(recorded=True, message=message, leech=leech, outcome=outcome, log=log)


def _store_state(user, card: Card, state: CardState | None, shown_version: int, fields: dict) -> bool:
    """Write the new state if it is still at ``shown_version`` (a first review creates the row);
    False when another request got there first."""
    if state is not None:
        updated = CardState.objects.filter(pk=state.pk, version=shown_version).update(
            **fields, version=shown_version + 1
        )
        return bool(updated)
    # A first review creates the row unless another request just did (one statement: no
    # savepoint to catch the unique constraint's error).
    columns, values = _columns(_unreviewed(fields["due"]) | fields | {"version": 1})  # every column
    statement = CREATE.format(
        state=CardState._meta.db_table, columns=columns, values=", ".join(["%s"] * len(values))
    )
    with connection.cursor() as cursor:
        cursor.execute(statement, [user.pk, card.pk, *values])
        return cursor.fetchone() is not None


def _siblings(card: Card) -> list[int]:
    """The ids of the other cards of `card`'s note (no query for a basic note: it has one card)."""
    if card.note.kind == NoteKind.BASIC:
        return []
    return list(Card.objects.filter(note_id=card.note_id).exclude(pk=card.pk).values_list("pk", flat=True))


CREATE = """INSERT INTO {state} (user_id, card_id, {columns}) VALUES (%s, %s, {values})
  ON CONFLICT (user_id, card_id) DO NOTHING RETURNING id"""


def _columns(fields: dict) -> tuple[str, list]:
    """The quoted columns of a CardState's ``fields`` and their values as the database takes them."""
    columns = [CardState._meta.get_field(name) for name in fields]
    quoted = ", ".join(connection.ops.quote_name(field.column) for field in columns)
    return quoted, [field.get_db_prep_save(fields[field.name], connection) for field in columns]


# Burying a note's other cards in one statement: a student's state of each is created buried (an
# unreviewed state, new again tomorrow) or, when they have one, buried with its version moved on.
BURY = """INSERT INTO {state} (user_id, card_id, {columns})
  SELECT %s, c.id, {values} FROM {card} c WHERE c.note_id = %s AND c.id <> %s
  ON CONFLICT (user_id, card_id) DO UPDATE SET buried_until = excluded.buried_until, version = {state}.version + 1"""


def _bury_siblings(user, card: Card, *, until: dt.datetime, now: dt.datetime) -> None:
    """Bury the other cards of `card`'s note for `user` until `until` (a new one gets an
    unreviewed state row to hold it); each buried state's version moves on. No query for a
    basic note: it has one card."""
    if card.note.kind == NoteKind.BASIC:
        return
    columns, values = _columns(_unreviewed(now) | {"buried_until": until, "version": 1})
    statement = BURY.format(
        state=CardState._meta.db_table,
        card=Card._meta.db_table,
        columns=columns,
        values=", ".join(["%s"] * len(values)),
    )
    with connection.cursor() as cursor:
        cursor.execute(statement, [user.pk, *values, card.note_id, card.pk])


def _unbury_siblings(user, card: Card, *, day: tuple[dt.datetime, dt.datetime]) -> None:
    """After undoing a review of `card` on `day`: unbury its siblings unless another card of
    the note was still reviewed that day (the burying is then still owed to that review)."""
    siblings = _siblings(card)
    if not siblings:
        return
    start, end = day
    if ReviewLog.objects.filter(
        user=user, card__note_id=card.note_id, reviewed_at__gte=start, reviewed_at__lt=end
    ).exists():
        return
    CardState.objects.filter(user=user, card_id__in=siblings, buried_until=end).update(
        buried_until=None, version=F("version") + 1
    )


def _unreviewed(now: dt.datetime) -> dict:
    """The state of a card never reviewed (what set_suspended creates): new again in the queue."""
    return dict.fromkeys(STATE_FIELDS) | {
        "state": FsrsState.LEARNING,
        "step": 0,
        "due": now,
        "reps": 0,
        "lapses": 0,
        "suspended": False,
        "leech": False,
        "version": 0,
    }


def undo_last(*, user, course) -> Card | None:
    """Undo `user`'s last review in `course`: restore the exact previous state and delete its log.

    The version still moves forward, so an answer shown before the undo stays stale
    (a first review's undo keeps the card's row, unreviewed, for that reason).
    Returns the card, or None when there is nothing to undo.
    """
    with transaction.atomic():
        log = (
            ReviewLog.objects.filter(user=user, card__note__course=course)
            .select_related("card__note")
            .order_by("-reviewed_at", "-pk")
            .first()
        )
        if log is None:
            return None
        states = CardState.objects.filter(user=user, card_id=log.card_id)
        current = states.values_list("version", flat=True).first() or 0
        # Undoing a first review keeps the row as a new card (no review yet) rather than
        # deleting it: its version would fall back to 0 and re-arm the answer shown before.
        values = _restore(log.state_before) if log.state_before else _unreviewed(log.reviewed_at)
        values["version"] = max(current, values["version"] or 0) + 1
        updated = states.update(**values)
        if not updated:
            CardState.objects.create(user=user, card_id=log.card_id, **values)
        log.delete()
        _unbury_siblings(user, log.card, day=day_bounds(user, log.reviewed_at))
    return log.card


def last_review(*, user, course) -> ReviewLog | None:
    """The review `undo_last` would undo."""
    return (
        ReviewLog.objects.filter(user=user, card__note__course=course)
        .select_related("card")
        .order_by("-reviewed_at", "-pk")
        .first()
    )


def set_suspended(*, user, card: Card, suspended: bool, now: dt.datetime) -> CardState:
    """Suspend or unsuspend `card` for `user` (a new card gets an unreviewed state row)."""
    with transaction.atomic():
        state, _ = CardState.objects.get_or_create(
            user=user, card=card, defaults={"due": now, "state": FsrsState.LEARNING, "step": 0}
        )
        # The leech tag stays after unsuspending, as in Anki.
        CardState.objects.filter(pk=state.pk).update(suspended=suspended, version=state.version + 1)
        state.refresh_from_db()
    return state
