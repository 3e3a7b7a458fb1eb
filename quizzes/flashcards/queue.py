"""Today's flashcards (selectors): the study queue, suspended cards, and cards to cram.

The queue, per (student, course), as in Anki:
1. learning / relearning cards due now;
2. review cards due today, up to `reviews_per_day` minus reviews done today;
3. new cards (published notes, no review yet, not suspended), in lesson
   order, up to `new_cards_per_day` minus new cards introduced today.
Siblings (other cards of the same note) of a card reviewed today are buried
until tomorrow: `reviews.rate` stores that on their states (`buried_until`),
so the queue reads only the student's states. The day rolls over at 4 a.m. in
the student's time zone (`studyday`). When nothing else is left, learning
cards due within 20 minutes are shown (Anki's "learn ahead limit") instead of
making the student wait.

Nothing is kept between requests, so the queue cannot go stale (two tabs,
undo, suspend, the rollover): each request reads it afresh in at most three
queries whatever the deck size: one for every count (today's reviews and the
due states, as scalar subqueries), one ordered, limited query for the new
cards (at most the day's new-card allowance), and one for the next learning or
review card when there is one. Recording a review is in `reviews`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import (
    Count,
    Exists,
    F,
    FilteredRelation,
    Func,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)

from quizzes.flashcards.studyday import day_bounds
from quizzes.models import Card, CardState, Course, Image, Lesson, ReviewLog
from quizzes.models.notes import NoteStatus
from quizzes.models.study import FsrsState, ReviewKind

LEARN_AHEAD = dt.timedelta(minutes=20)
LEARNING = (FsrsState.LEARNING, FsrsState.RELEARNING)


# --- the queue ---------------------------------------------------------------


@dataclass
class Queue:
    """Today's counts and the next card to show (None: nothing left today)."""

    new: int
    learning: int
    review: int
    card: Card | None = None
    state: CardState | None = None
    kind: int | None = None  # a ReviewKind
    undoable: bool = False  # any review of the student's in this course (so there is one to undo)

    @property
    def total(self) -> int:
        return self.new + self.learning + self.review

    @property
    def kind_name(self) -> str:
        return ReviewKind(self.kind).label.lower() if self.kind is not None else ""


def _count(queryset: QuerySet) -> Subquery:
    """``(SELECT COUNT(*) FROM ...)`` as a scalar subquery."""
    counted = queryset.order_by().annotate(n=Func(F("pk"), function="COUNT", output_field=IntegerField()))
    return Subquery(counted.values("n")[:1], output_field=IntegerField())


def studied_states(user, course, now: dt.datetime) -> QuerySet:
    """The student's reviewed, unsuspended, unburied states of published cards in `course`."""
    return CardState.objects.filter(
        user=user,
        card__note__course=course,
        card__note__status=NoteStatus.PUBLISHED,
        suspended=False,
        last_review__isnull=False,
    ).exclude(buried_until__gt=now)


def _counts(user, course, now: dt.datetime, start: dt.datetime, end: dt.datetime) -> dict:
    """Today's reviews (new, review), whether there is any review to undo, and the due states,
    in one query."""
    today = ReviewLog.objects.filter(user=user, card__note__course=course, reviewed_at__gte=start)
    states = studied_states(user, course, now)
    learning = states.filter(state__in=LEARNING)
    return (
        Course.objects.filter(pk=course.pk)
        .values(
            new_done=_count(today.filter(kind=ReviewKind.NEW)),
            reviews_done=_count(today.filter(kind=ReviewKind.REVIEW)),
            undoable=Exists(ReviewLog.objects.filter(user=user, card__note__course=course)),
            review=_count(states.filter(state=FsrsState.REVIEW, due__lt=end)),
            learning_now=_count(learning.filter(due__lte=now)),
            learning_ahead=_count(learning.filter(due__lte=now + LEARN_AHEAD)),
        )
        .get()
    )


def _has_images(note: str) -> Exists:
    """Whether the note at `note` (a path from the queried model) has images: a card without
    any then costs no image query."""
    return Exists(Image.objects.filter(note=OuterRef(note)))


def new_cards(user, course, now: dt.datetime) -> QuerySet:
    """Cards the student has never reviewed (nor suspended or buried), in lesson order, each
    with the student's state row when it has one (`own_state`: unsuspended, or a buried sibling
    of yesterday; None otherwise)."""
    return (
        Card.objects.published_in(course)
        .annotate(own_state=FilteredRelation("states", condition=Q(states__user=user)))
        .filter(
            Q(own_state__isnull=True)
            | Q(own_state__last_review__isnull=True, own_state__suspended=False)
            & (Q(own_state__buried_until__isnull=True) | Q(own_state__buried_until__lte=now))
        )
        .order_by("note__lesson__order", "note__lesson_id", "note_id", "ord")
    )


def build_queue(*, user, course, now: dt.datetime) -> Queue:
    """Today's counts and the next card for `user` in `course` at `now` (at most three queries)."""
    start, end = day_bounds(user, now)
    counts = _counts(user, course, now, start, end)
    review_count = min(counts["review"], max(course.reviews_per_day - counts["reviews_done"], 0))
    new_left = max(course.new_cards_per_day - counts["new_done"], 0)
    # One ordered, limited query gives both today's new count and the next new card.
    new = (
        list(
            new_cards(user, course, now)
            .annotate(has_images=_has_images("note_id"))
            .select_related("note__lesson", "own_state")[:new_left]
        )
        if new_left
        else []
    )
    cutoff = now if review_count or new else now + LEARN_AHEAD
    learning_count = counts["learning_now"] if cutoff == now else counts["learning_ahead"]
    queue = Queue(new=len(new), learning=learning_count, review=review_count, undoable=counts["undoable"])
    states = studied_states(user, course, now).select_related("card__note__lesson")
    if queue.learning:
        states = states.filter(state__in=LEARNING, due__lte=cutoff)
    elif queue.review:
        states = states.filter(state=FsrsState.REVIEW, due__lt=end)
    if queue.learning or queue.review:
        queue.state = states.annotate(has_images=_has_images("card__note_id")).order_by("due", "pk").first()
    if queue.state is not None:
        queue.card, queue.kind = queue.state.card, queue.state.state
        queue.card.has_images = queue.state.has_images
    elif new:
        queue.card, queue.kind = new[0], ReviewKind.NEW
        queue.state = getattr(queue.card, "own_state", None)
    return queue


# --- recording reviews -------------------------------------------------------


def has_review(*, user, course, queue: Queue | None = None) -> bool:
    """Is there a review `undo_last` could undo? (No query when `queue` is given: it knows.)"""
    if queue is not None:
        return queue.undoable
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
