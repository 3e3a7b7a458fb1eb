"""Today's flashcards (selectors): the study queue, suspended cards, and cards to cram.

The queue, per (student, course), as in Anki:
1. learning / relearning cards due now;
2. review cards due today, up to `reviews_per_day` minus reviews done today;
3. new cards (published notes, no review yet, not suspended), in lesson
   order, up to `new_cards_per_day` minus new cards introduced today.
Siblings (other cards of the same note) of a card reviewed today are buried
until tomorrow. The day rolls over at 4 a.m. in the student's time zone
(`studyday`). When nothing else is left, learning cards due within 20 minutes
are shown (Anki's "learn ahead limit") instead of making the student wait.

Every query here aggregates in the database, so building the queue costs a
fixed number of queries whatever the deck size. Recording a review is in
`reviews`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery

from quizzes.flashcards.studyday import day_bounds
from quizzes.models import Card, CardState, Lesson, ReviewLog
from quizzes.models.notes import NoteStatus
from quizzes.models.study import FsrsState, ReviewKind

LEARN_AHEAD = dt.timedelta(minutes=20)


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
    kind: int | None = None  # a ReviewKind
    reviewed_today: bool = False  # any review logged today in this course (so there is one to undo)

    @property
    def total(self) -> int:
        return self.new + self.learning + self.review

    @property
    def kind_name(self) -> str:
        return ReviewKind(self.kind).label.lower() if self.kind is not None else ""


def _today(user, course, start: dt.datetime) -> Today:
    today = Today()
    rows = ReviewLog.objects.filter(user=user, card__note__course=course, reviewed_at__gte=start).values_list(
        "card_id", "card__note_id", "kind"
    )
    for card_id, note_id, kind in rows:
        today.cards.add(card_id)
        today.notes.add(note_id)
        today.new_done += kind == ReviewKind.NEW
        today.reviews_done += kind == ReviewKind.REVIEW
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
    qs = Card.objects.published_in(course).exclude(pk__in=blocked)
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
    review_due = Q(state=FsrsState.REVIEW, due__lt=end)
    learning_due = Q(state__in=[FsrsState.LEARNING, FsrsState.RELEARNING])
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
        queue.kind = ReviewKind.NEW
        if queue.card.study_state_id is not None:
            queue.state = CardState.objects.get(pk=queue.card.study_state_id)
    return queue


# --- recording reviews -------------------------------------------------------


def has_review(*, user, course, queue: Queue | None = None) -> bool:
    """Is there a review `undo_last` could undo? (No query when `queue` saw one today.)"""
    if queue is not None and queue.reviewed_today:
        return True
    return ReviewLog.objects.filter(user=user, card__note__course=course).exists()


def suspended_cards(*, user, course) -> QuerySet:
    """The student's suspended cards in `course`, with their notes."""
    return (
        CardState.objects.filter(user=user, card__note__course=course, suspended=True)
        .select_related("card__note__lesson")
        .order_by("card__note__lesson__order", "card__note_id", "card__ord")
    )


# --- cramming (Anki's custom study: a lesson's cards, nothing recorded) ----------------


def cram_lessons(course) -> QuerySet:
    """Lessons with published cards, each annotated with `card_count`."""
    return (
        Lesson.objects.for_course(course)
        .annotate(card_count=Count("notes__cards", filter=Q(notes__status=NoteStatus.PUBLISHED)))
        .filter(card_count__gt=0)
    )


def cram_cards(course, lesson) -> QuerySet:
    """The published cards of `lesson`, in order. Cramming them writes nothing."""
    return (
        Card.objects.published_in(course)
        .filter(note__lesson=lesson)
        .select_related("note")
        .order_by("note_id", "ord")
    )
