"""Today's flashcards (selectors): the study queue, suspended cards, and cards to cram.

The queue, per (student, course), as in Anki:
0. cards brought forward by quiz answers (`boosts`) and not reviewed since,
   confident errors first, beyond the daily limits and counted apart;
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
review card when there is one (in the last days before an exam, the review card
with the lowest exam-day recall). Recording a review is in `reviews`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import connection
from django.db.models import (
    Count,
    Exists,
    OuterRef,
    Q,
    QuerySet,
)
from django.db.models.expressions import RawSQL

from quizzes.flashcards import examdate, examdates
from quizzes.flashcards.studyday import day_bounds
from quizzes.models import Card, CardBoost, CardState, Image, Lesson, Note, PersonalExamDate, ReviewLog
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
    boosted: int = 0  # brought forward by quiz answers (beyond the daily limits)
    card: Card | None = None
    state: CardState | None = None
    kind: int | None = None  # a ReviewKind
    undoable: bool = False  # any review of the student's in this course (so there is one to undo)
    exam_at: dt.datetime | None = None  # the exam date that counts for the student (own, else course's)
    before_exam: bool = False  # the exam is still to come: intervals are capped by it
    last_days: bool = False  # within examdate.LAST_DAYS of it: reviews weakest first

    @property
    def total(self) -> int:
        return self.boosted + self.new + self.learning + self.review

    @property
    def kind_name(self) -> str:
        return ReviewKind(self.kind).label.lower() if self.kind is not None else ""


# The queue runs on every study request, so its two statements are written out: the ORM
# took several times longer to build them than the database to answer them. Plain SQL that
# SQLite and PostgreSQL both run, every value a parameter.
#
# 1. Every count, and the first learning and review card (ordered, limited scalar
#    subqueries); the states are read through the (user, due) index.
STUDIED = """
  FROM {state} s JOIN {card} c ON c.id = s.card_id JOIN {note} n ON n.id = c.note_id
  WHERE s.user_id = %(user)s AND n.course_id = %(course)s AND n.status = %(published)s
    AND s.last_review IS NOT NULL AND NOT s.suspended AND (s.buried_until IS NULL OR s.buried_until <= %(now)s)
    AND NOT EXISTS (SELECT 1 FROM {boost} sb
                    WHERE sb.user_id = s.user_id AND sb.card_id = s.card_id AND sb.created_at > s.last_review)"""
# Cards brought forward and not reviewed since (suspended and buried ones wait), one row per boost.
BOOSTED = """
  FROM {boost} b JOIN {card} bc ON bc.id = b.card_id JOIN {note} bn ON bn.id = bc.note_id
  LEFT JOIN {state} bs ON bs.card_id = b.card_id AND bs.user_id = b.user_id
  WHERE b.user_id = %(user)s AND bn.course_id = %(course)s AND bn.status = %(published)s
    AND (bs.id IS NULL OR ((bs.last_review IS NULL OR bs.last_review < b.created_at) AND NOT bs.suspended
                           AND (bs.buried_until IS NULL OR bs.buried_until <= %(now)s)))"""
FIRST_BOOSTED = (
    "SELECT {column} " + BOOSTED + " ORDER BY b.confident_error DESC, b.created_at, b.card_id LIMIT 1"
)
# A review of a brought-forward card counts toward neither daily limit.
NOT_BOOSTED = """NOT EXISTS (SELECT 1 FROM {boost} rb
                    WHERE rb.user_id = r.user_id AND rb.card_id = r.card_id AND rb.created_at <= r.reviewed_at)"""
TODAY = """
  FROM {log} r JOIN {card} rc ON rc.id = r.card_id JOIN {note} rn ON rn.id = rc.note_id
  WHERE r.user_id = %(user)s AND rn.course_id = %(course)s"""
FIRST = "SELECT s.id {studied} AND {where} ORDER BY s.due, s.id LIMIT 1"
REVIEW_DUE = "s.state = {review} AND s.due < %(end)s"
LEARNING_NOW = "s.state IN ({learning}) AND s.due <= %(now)s"
LEARNING_AHEAD = "s.state IN ({learning}) AND s.due <= %(ahead)s"
# The student's own exam date (the course's is on the course): the last days need it.
OWN_EXAM = "(SELECT e.exam_at FROM {exam} e WHERE e.user_id = %(user)s AND e.course_id = %(course)s)"
COUNTS_SQL = f"""
SELECT
  COUNT(CASE WHEN {REVIEW_DUE} THEN 1 END),
  COUNT(CASE WHEN {LEARNING_NOW} THEN 1 END),
  COUNT(CASE WHEN {LEARNING_AHEAD} THEN 1 END),
  (SELECT COUNT(*) {TODAY} AND r.reviewed_at >= %(start)s AND r.kind = {{new}} AND {NOT_BOOSTED}),
  (SELECT COUNT(*) {TODAY} AND r.reviewed_at >= %(start)s AND r.kind = {{review}} AND {NOT_BOOSTED}),
  CASE WHEN EXISTS (SELECT 1 {TODAY}) THEN 1 ELSE 0 END,
  ({FIRST.format(studied=STUDIED, where=REVIEW_DUE)}),
  ({FIRST.format(studied=STUDIED, where=LEARNING_NOW)}),
  ({FIRST.format(studied=STUDIED, where=LEARNING_AHEAD)}),
  (SELECT COUNT(DISTINCT b.card_id) {BOOSTED}),
  ({FIRST_BOOSTED.replace("{column}", "b.card_id")}),
  ({FIRST_BOOSTED.replace("{column}", "bs.id")}),
  {OWN_EXAM}
{STUDIED} AND s.due <= %(last)s
"""
COUNTS = (
    "review",
    "learning_now",
    "learning_ahead",
    "new_done",
    "reviews_done",
    "undoable",
    "next_review",
    "next_learning_now",
    "next_learning_ahead",
    "boosted",
    "next_boosted_card",
    "next_boosted_state",
    "own_exam_at",
)
# 2. Today's new cards: never reviewed, suspended or buried (a state row without a review is
#    an unsuspended card or a formerly buried sibling), in lesson order, at most the day's
#    allowance, each with its state row's id if it has one.
NEW_SQL = """
SELECT c.id, s.id
  FROM {card} c JOIN {note} n ON n.id = c.note_id JOIN {lesson} l ON l.id = n.lesson_id
  LEFT JOIN {state} s ON s.card_id = c.id AND s.user_id = %(user)s
  WHERE n.course_id = %(course)s AND n.status = %(published)s
    AND (s.id IS NULL OR (s.last_review IS NULL AND NOT s.suspended
                          AND (s.buried_until IS NULL OR s.buried_until <= %(now)s)))
    AND NOT EXISTS (SELECT 1 FROM {boost} b WHERE b.user_id = %(user)s AND b.card_id = c.id)
  ORDER BY l."order", n.lesson_id, c.note_id, c.ord
  LIMIT %(limit)s
"""
TABLES = {
    "state": CardState._meta.db_table,
    "card": Card._meta.db_table,
    "note": Note._meta.db_table,
    "log": ReviewLog._meta.db_table,
    "lesson": Lesson._meta.db_table,
    "boost": CardBoost._meta.db_table,
    "exam": PersonalExamDate._meta.db_table,
    "review": int(FsrsState.REVIEW),
    "learning": ", ".join(str(int(state)) for state in LEARNING),
    "new": int(ReviewKind.NEW),
}
# 3. In the last days before an exam, the review card due today with the lowest predicted recall on
#    exam day (FSRS: the most whole days from the last review to the exam per day of stability).
LOWEST_EXAM_RECALL = """
(SELECT s.id
  FROM {state} s JOIN {card} c ON c.id = s.card_id JOIN {note} n ON n.id = c.note_id
  WHERE s.user_id = %s AND n.course_id = %s AND n.status = %s AND s.last_review IS NOT NULL
    AND NOT s.suspended AND (s.buried_until IS NULL OR s.buried_until <= %s)
    AND s.state = {review} AND s.due < %s
    AND NOT EXISTS (SELECT 1 FROM {boost} sb
                    WHERE sb.user_id = s.user_id AND sb.card_id = s.card_id AND sb.created_at > s.last_review)
  ORDER BY {whole_days} / s.stability DESC, s.due, s.id LIMIT 1)"""
# Whole days from the last review to the exam, as fsrs counts them (timedelta.days, to the second);
# SQLite gets the exam as integer seconds, computed once.
WHOLE_DAYS = {
    False: "((%s - CAST(strftime('%%s', s.last_review) AS INTEGER)) / 86400)",
    True: "FLOOR(EXTRACT(EPOCH FROM (%s - s.last_review)) / 86400)",
}
COUNTS_SQL = COUNTS_SQL.format(**TABLES)
LOWEST_EXAM_RECALL_SQL = {
    postgresql: LOWEST_EXAM_RECALL.format(**TABLES, whole_days=whole_days)
    for postgresql, whole_days in WHOLE_DAYS.items()
}
NEW_SQL = NEW_SQL.format(**TABLES)


def _has_images(note: str) -> Exists:
    """Whether the note at `note` has images (so a card without any costs no image query)."""
    return Exists(Image.objects.filter(note_id=OuterRef(note)))


def _params(user, course, now: dt.datetime, **more) -> dict:
    moment = connection.ops.adapt_datetimefield_value
    params = {
        "user": user.pk,
        "course": course.pk,
        "published": NoteStatus.PUBLISHED.value,
        "now": now,
    } | more
    return {
        name: moment(value) if isinstance(value, dt.datetime) else value for name, value in params.items()
    }


def _counts(user, course, now: dt.datetime, start: dt.datetime, end: dt.datetime) -> dict:
    """Today's reviews (new, review), whether there is any review to undo, the due states
    (reviews due today, learning cards due now and within the learn-ahead limit) and the
    first of each, in one query."""
    ahead = now + LEARN_AHEAD
    params = _params(user, course, now, ahead=ahead, start=start, end=end, last=max(end, ahead))
    with connection.cursor() as cursor:
        cursor.execute(COUNTS_SQL, params)
        return dict(zip(COUNTS, cursor.fetchone(), strict=True))


def read_moment(value) -> dt.datetime | None:
    """A datetime read by a raw query (SQLite gives its text, naive UTC); the dashboard reads one too."""
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    if value is not None and value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value


def _lowest_exam_recall(user, course, now: dt.datetime, end: dt.datetime, exam_at: dt.datetime) -> QuerySet:
    """The review card due today (as in the counts) with the lowest predicted recall on exam day:
    the most whole days from its last review to the exam per day of stability (then by due date).
    The sort carries ids only; the card and its note are read for the one chosen."""
    exam = int(exam_at.timestamp()) if connection.vendor == "sqlite" else exam_at
    params = [user.pk, course.pk, NoteStatus.PUBLISHED.value, connection.ops.adapt_datetimefield_value(now)]
    params += [connection.ops.adapt_datetimefield_value(end), exam]
    lowest = LOWEST_EXAM_RECALL_SQL[connection.vendor == "postgresql"]
    return CardState.objects.filter(pk=RawSQL(lowest, params))  # noqa: S611 - our SQL, values are parameters


def _new_cards(user, course, now: dt.datetime, limit: int) -> list[tuple[int, int | None]]:
    """(card id, state id or None) of today's new cards, in order."""
    with connection.cursor() as cursor:
        cursor.execute(NEW_SQL, _params(user, course, now, limit=limit))
        return cursor.fetchall()


def build_queue(*, user, course, now: dt.datetime) -> Queue:
    """Today's counts and the next card for `user` in `course` at `now`, in three queries at
    most (the counts with the first due cards, today's new cards, the card to show)."""
    start, end = day_bounds(user, now)
    counts = _counts(user, course, now, start, end)
    review_count = min(counts["review"], max(course.reviews_per_day - counts["reviews_done"], 0))
    new_left = max(course.new_cards_per_day - counts["new_done"], 0)
    # One ordered, limited query gives both today's new count and the next new card.
    new = _new_cards(user, course, now, new_left) if new_left else []
    ahead = not (review_count or new or counts["boosted"])  # nothing else left: learn ahead
    exam_at = examdates.effective(read_moment(counts["own_exam_at"]), course)
    queue = Queue(
        exam_at=exam_at,
        before_exam=examdate.before_exam(exam_at, now),
        last_days=examdate.in_last_days(exam_at, now),
        boosted=counts["boosted"],
        new=len(new),
        learning=counts["learning_ahead" if ahead else "learning_now"],
        review=review_count,
        undoable=bool(counts["undoable"]),
    )
    if queue.boosted:
        card_id, state_id = counts["next_boosted_card"], counts["next_boosted_state"]
        if state_id is None:
            queue.kind = ReviewKind.NEW
    elif queue.learning:
        card_id, state_id = None, counts["next_learning_ahead" if ahead else "next_learning_now"]
    elif queue.review and queue.last_days:
        card_id, state_id = None, _lowest_exam_recall(user, course, now, end, exam_at)
    elif queue.review:
        card_id, state_id = None, counts["next_review"]
    elif new:
        (card_id, state_id), queue.kind = new[0], ReviewKind.NEW
    else:
        return queue
    if state_id is not None:
        # A queryset: the last days' ordered pick, read with the card in the same query.
        chosen = state_id if isinstance(state_id, QuerySet) else CardState.objects.filter(pk=state_id)
        states = chosen.select_related("card__note__lesson").annotate(has_images=_has_images("card__note_id"))
        queue.state = states[0]
        queue.card = queue.state.card
        queue.card.has_images = queue.state.has_images
        if queue.kind is None:
            queue.kind = queue.state.state if queue.state.last_review is not None else ReviewKind.NEW
    else:
        cards = Card.objects.select_related("note__lesson").annotate(has_images=_has_images("note_id"))
        queue.card = cards.get(pk=card_id)
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
