"""Studying flashcards: the daily queue (selectors) and recording reviews (services).

The queue, per (student, course), as in Anki:
1. learning / relearning cards due now;
2. review cards due today, up to `reviews_per_day` minus reviews done today;
3. new cards (published notes, no review yet, not suspended), in lesson
   order, up to `new_cards_per_day` minus new cards introduced today.
Siblings (other cards of the same note) of a card reviewed today are buried
until tomorrow. The day rolls over at 4 a.m. in the student's time zone.
When nothing else is left, learning cards due within 20 minutes are shown
(Anki's "learn ahead limit") instead of making the student wait.

Every query here aggregates in the database, so building the queue and
rating a card cost a fixed number of queries whatever the deck size.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.db.models import Count, OuterRef, Q, QuerySet, Subquery

from . import scheduling
from .models import Card, CardState, Lesson, ReviewLog
from .models.notes import NoteStatus

DAY_STARTS_AT = dt.time(4, 0)
LEARN_AHEAD = dt.timedelta(minutes=20)
LEECH_THRESHOLD = 8  # lapses; then every half threshold again, as in Anki

NEW, LEARNING, REVIEW, RELEARNING = 0, scheduling.LEARNING, scheduling.REVIEW, scheduling.RELEARNING
QUEUE_NAMES = {NEW: "new", LEARNING: "learning", REVIEW: "review", RELEARNING: "relearning"}

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


# --- the study day -----------------------------------------------------------


def day_bounds(user, now: dt.datetime) -> tuple[dt.datetime, dt.datetime]:
    """The start and end (UTC) of the student's study day containing `now` (4 a.m. to 4 a.m. local)."""
    zone = zoneinfo.ZoneInfo(user.timezone or "UTC")
    local = now.astimezone(zone)
    day = local.date() if local.time() >= DAY_STARTS_AT else local.date() - dt.timedelta(days=1)
    start = dt.datetime.combine(day, DAY_STARTS_AT, tzinfo=zone)
    end = dt.datetime.combine(day + dt.timedelta(days=1), DAY_STARTS_AT, tzinfo=zone)
    return start.astimezone(dt.UTC), end.astimezone(dt.UTC)


# --- the queue ---------------------------------------------------------------


@dataclass
class Today:
    """What the student has done today in this course (from today's review logs)."""

    new_done: int = 0
    reviews_done: int = 0
    cards: set[int] = field(default_factory=set)
    notes: set[int] = field(default_factory=set)


@dataclass
class Queue:
    """Today's counts and the next card to show (None: nothing left today)."""

    new: int
    learning: int
    review: int
    card: Card | None = None
    state: CardState | None = None
    kind: int | None = None  # NEW / LEARNING / REVIEW / RELEARNING
    reviewed_today: bool = False  # any review logged today in this course (so there is one to undo)

    @property
    def total(self) -> int:
        return self.new + self.learning + self.review

    @property
    def kind_name(self) -> str:
        return QUEUE_NAMES.get(self.kind, "")


def _today(user, course, start: dt.datetime) -> Today:
    today = Today()
    rows = ReviewLog.objects.filter(user=user, card__note__course=course, reviewed_at__gte=start).values_list(
        "card_id", "card__note_id", "kind"
    )
    for card_id, note_id, kind in rows:
        today.cards.add(card_id)
        today.notes.add(note_id)
        today.new_done += kind == NEW
        today.reviews_done += kind == REVIEW
    return today


def _studied_states(user, course, now: dt.datetime, today: Today) -> QuerySet:
    """The student's reviewed, unsuspended, unburied cards of published notes in `course`."""
    qs = CardState.objects.filter(
        user=user,
        card__note__course=course,
        card__note__status=NoteStatus.PUBLISHED,
        suspended=False,
        last_review__isnull=False,
    ).exclude(buried_until__gt=now)
    if today.notes:
        qs = qs.exclude(Q(card__note_id__in=today.notes) & ~Q(card_id__in=today.cards))
    return qs


def new_cards(user, course, now: dt.datetime, today: Today | None = None) -> QuerySet:
    """Cards the student has never reviewed (nor suspended or buried), in lesson order."""
    # NOT IN (subquery) is evaluated once; a correlated NOT EXISTS would run once per card.
    blocked = CardState.objects.filter(
        Q(last_review__isnull=False) | Q(suspended=True) | Q(buried_until__gt=now), user=user
    ).values("card_id")
    qs = Card.objects.filter(note__course=course, note__status=NoteStatus.PUBLISHED).exclude(pk__in=blocked)
    if today and today.notes:
        qs = qs.exclude(Q(note_id__in=today.notes) & ~Q(pk__in=today.cards))
    return qs.order_by("note__lesson__order", "note__lesson_id", "note_id", "ord")


def build_queue(*, user, course, now: dt.datetime) -> Queue:
    """Today's counts and the next card for `user` in `course` at `now` (four queries, rarely five)."""
    start, end = day_bounds(user, now)
    today = _today(user, course, start)
    states = _studied_states(user, course, now, today)

    review_left = max(course.reviews_per_day - today.reviews_done, 0)
    new_left = max(course.new_cards_per_day - today.new_done, 0)
    review_due = Q(state=REVIEW, due__lt=end)
    learning_due = Q(state__in=[LEARNING, RELEARNING])
    # One aggregate counts today's reviews and the learning cards due now and within
    # the learn-ahead limit (which of the two counts depends on the other queues).
    counts = states.aggregate(
        review=Count("pk", filter=review_due),
        learning_now=Count("pk", filter=learning_due & Q(due__lte=now)),
        learning_ahead=Count("pk", filter=learning_due & Q(due__lte=now + LEARN_AHEAD)),
    )
    review_count = min(counts["review"], review_left)
    # One ordered query gives both today's new count and the next new card.
    new_ids = (
        list(new_cards(user, course, now, today).values_list("pk", flat=True)[:new_left]) if new_left else []
    )
    new_count = len(new_ids)

    cutoff = now if review_count or new_count else now + LEARN_AHEAD
    learning_count = counts["learning_now"] if cutoff == now else counts["learning_ahead"]
    queue = Queue(
        new=new_count, learning=learning_count, review=review_count, reviewed_today=bool(today.cards)
    )

    related = ("card__note__lesson",)
    if queue.learning:
        learning = states.filter(learning_due, due__lte=cutoff)
        queue.state = learning.select_related(*related).order_by("due", "pk").first()
    elif queue.review:
        queue.state = states.filter(review_due).select_related(*related).order_by("due", "pk").first()
    if queue.state is not None:
        queue.card, queue.kind = queue.state.card, queue.state.state
    elif queue.new:
        # A new card can have a state row without a review (it was suspended, then
        # unsuspended): its id comes with the card, and only then is the row read.
        own_state = CardState.objects.filter(user=user, card=OuterRef("pk")).values("pk")[:1]
        queue.card = (
            Card.objects.select_related("note__lesson")
            .annotate(study_state_id=Subquery(own_state))
            .get(pk=new_ids[0])
        )
        queue.kind = NEW
        if queue.card.study_state_id is not None:
            queue.state = CardState.objects.get(pk=queue.card.study_state_id)
    return queue


# --- recording reviews -------------------------------------------------------


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
) -> Rated:
    """Record `user`'s `rating` of `card`, shown at CardState version `shown_version`.

    The update is conditional on that version (UPDATE ... WHERE version=N), so a
    review posted twice is recorded once and a stale one is refused. The review
    log keeps the exact previous state for undo. On the 8th lapse the card is
    tagged leech and suspended. A caller that already read the student's
    CardState of the card (None: there is none) passes it as `state`.
    """
    if state is ...:
        state = CardState.objects.filter(user=user, card=card).first()
    version = state.version if state is not None else 0
    if version != shown_version:
        return Rated(recorded=False, message=STALE)
    if (state is not None and state.suspended) or card.note.status != NoteStatus.PUBLISHED:
        return Rated(recorded=False, message="This card is suspended; it was not recorded.")
    course = card.note.course
    outcome = scheduling.review(
        scheduling.scheduler_for(course), state, card.pk, rating, now, shown_at=shown_at
    )
    reviewed = state is not None and state.last_review is not None
    kind = state.state if reviewed else NEW
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
        if state is not None:
            updated = CardState.objects.filter(pk=state.pk, version=shown_version).update(
                **fields, version=shown_version + 1
            )
            if not updated:
                return Rated(recorded=False, message=STALE)
        else:
            try:
                with transaction.atomic():
                    CardState.objects.create(user=user, card=card, version=1, **fields)
            except IntegrityError:
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
    message = ""
    if leech:
        message = (
            f"This card is a leech: you have forgotten it {lapses} times, so it has been suspended. "
            "Rewrite it or study its lesson again, then unsuspend it."
        )
    return Rated(recorded=True, message=message, leech=leech, outcome=outcome, log=log)


def undo_last(*, user, course) -> Card | None:
    """Undo `user`'s last review in `course`: restore the exact previous state and delete its log.

    The version still moves forward, so an answer shown before the undo stays stale.
    Returns the card, or None when there is nothing to undo.
    """
    with transaction.atomic():
        log = (
            ReviewLog.objects.filter(user=user, card__note__course=course)
            .select_related("card")
            .order_by("-reviewed_at", "-pk")
            .first()
        )
        if log is None:
            return None
        states = CardState.objects.filter(user=user, card_id=log.card_id)
        if not log.state_before:
            states.delete()
        else:
            current = states.values_list("version", flat=True).first() or 0
            values = _restore(log.state_before)
            values["version"] = max(current, values["version"] or 0) + 1
            updated = states.update(**values)
            if not updated:
                CardState.objects.create(user=user, card_id=log.card_id, **values)
        log.delete()
    return log.card


def last_review(*, user, course) -> ReviewLog | None:
    """The review `undo_last` would undo."""
    return (
        ReviewLog.objects.filter(user=user, card__note__course=course)
        .select_related("card")
        .order_by("-reviewed_at", "-pk")
        .first()
    )


def has_review(*, user, course, queue: Queue | None = None) -> bool:
    """Is there a review `undo_last` could undo? (No query when `queue` saw one today.)"""
    if queue is not None and queue.reviewed_today:
        return True
    return ReviewLog.objects.filter(user=user, card__note__course=course).exists()


def set_suspended(*, user, card: Card, suspended: bool, now: dt.datetime) -> CardState:
    """Suspend or unsuspend `card` for `user` (a new card gets an unreviewed state row)."""
    with transaction.atomic():
        state, _ = CardState.objects.get_or_create(
            user=user, card=card, defaults={"due": now, "state": LEARNING, "step": 0}
        )
        # The leech tag stays after unsuspending, as in Anki.
        CardState.objects.filter(pk=state.pk).update(suspended=suspended, version=state.version + 1)
        state.refresh_from_db()
    return state


def suspended_cards(*, user, course) -> QuerySet:
    """The student's suspended cards in `course`, with their notes."""
    return (
        CardState.objects.filter(user=user, card__note__course=course, suspended=True)
        .select_related("card__note__lesson")
        .order_by("card__note__lesson__order", "card__note_id", "card__ord")
    )


# --- practise more (cramming) -------------------------------------------------


def practice_lessons(course) -> QuerySet:
    """Lessons with published cards, each annotated with `card_count`."""
    return (
        Lesson.objects.for_course(course)
        .annotate(card_count=Count("notes__cards", filter=Q(notes__status=NoteStatus.PUBLISHED)))
        .filter(card_count__gt=0)
    )


def practice_cards(course, lesson) -> QuerySet:
    """The published cards of `lesson`, in order. Practising them writes nothing."""
    return (
        Card.objects.filter(note__course=course, note__lesson=lesson, note__status=NoteStatus.PUBLISHED)
        .select_related("note")
        .order_by("note_id", "ord")
    )
