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
undo, suspend, the rollover): each request reads it afresh in at most two
queries whatever the deck size: one statement for every count and every
candidate for the next card (the first due card of each kind, the weakest
review for the last days before an exam, the first new card in lesson order,
the first card brought forward), and one for the card to show with its note.
Recording a review is in `reviews`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import connection
from django.db.models import (
    Count,
    Q,
    QuerySet,
)

from quizzes.flashcards import examdate
from quizzes.flashcards.studyday import day_bounds
from quizzes.models import Card, CardBoost, CardState, Image, Lesson, Note, PersonalExamDate, ReviewLog
from quizzes.models.notes import NoteStatus
from quizzes.models.rows import Columns, Statement
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


# The queue runs on every study request, so its statement is written out: the ORM took several
# times longer to build it than the database to answer it. Plain SQL that SQLite and PostgreSQL
# both run, every value a parameter.
#
# One statement gives every count and every candidate for the next card (common table
# expressions, each read once): a dozen subqueries that each joined the states, the cards and
# the notes again took PostgreSQL longer to plan than to run.
#
# `studied`: the student's studied states in the course due by the end of today or of the
# learn-ahead limit, not suspended, buried or brought forward since (read through the
# (user, due) index); the counts and the first card of each kind are read from it.
DUE = """
  SELECT s.id, s.state, s.due, s.last_review, s.stability
  FROM {state} s JOIN {card} c ON c.id = s.card_id JOIN {note} n ON n.id = c.note_id
  WHERE s.user_id = %(user)s AND s.due <= %(last)s AND n.course_id = %(course)s AND n.status = %(published)s
    AND s.last_review IS NOT NULL AND NOT s.suspended AND (s.buried_until IS NULL OR s.buried_until <= %(now)s)
    AND NOT EXISTS (SELECT 1 FROM {boost} sb
                    WHERE sb.user_id = s.user_id AND sb.card_id = s.card_id AND sb.created_at > s.last_review)"""
# `boosted`: cards brought forward and not reviewed since (suspended and buried ones wait), one
# row per boost, with the student's state of the card if there is one.
BOOSTED = """
  SELECT b.card_id, bs.id AS state_id, b.confident_error, b.created_at
  FROM {boost} b JOIN {card} bc ON bc.id = b.card_id JOIN {note} bn ON bn.id = bc.note_id
  LEFT JOIN {state} bs ON bs.card_id = b.card_id AND bs.user_id = b.user_id
  WHERE b.user_id = %(user)s AND bn.course_id = %(course)s AND bn.status = %(published)s
    AND (bs.id IS NULL OR ((bs.last_review IS NULL OR bs.last_review < b.created_at) AND NOT bs.suspended
                           AND (bs.buried_until IS NULL OR bs.buried_until <= %(now)s)))"""
# `exam`: the exam date that counts (the student's own, else the course's: examdates.effective).
EXAM = """
  SELECT COALESCE((SELECT e.exam_at FROM {exam} e WHERE e.user_id = %(user)s AND e.course_id = %(course)s),
                  %(course_exam)s) AS at"""
# `today`: the student's reviews in the course today, new and review; a review of a brought-forward
# card counts toward neither daily limit. Each review's course is looked up through its card (a
# correlated subquery: an index lookup per review of the day) rather than joined, for which
# PostgreSQL read and hashed every card of the course to match a day's few hundred reviews.
TODAY = """
  SELECT COUNT(CASE WHEN r.kind = {new} THEN 1 END) AS new_done,
         COUNT(CASE WHEN r.kind = {review} THEN 1 END) AS reviews_done
  FROM {log} r
  WHERE r.user_id = %(user)s AND r.reviewed_at >= %(start)s
    AND (SELECT rn.course_id FROM {card} rc JOIN {note} rn ON rn.id = rc.note_id WHERE rc.id = r.card_id)
        = %(course)s
    AND NOT EXISTS (SELECT 1 FROM {boost} rb
                    WHERE rb.user_id = r.user_id AND rb.card_id = r.card_id AND rb.created_at <= r.reviewed_at
                      AND NOT EXISTS (SELECT 1 FROM {log} r2
                                      WHERE r2.user_id = r.user_id AND r2.card_id = r.card_id
                                        AND r2.reviewed_at >= rb.created_at
                                        AND (r2.reviewed_at < r.reviewed_at
                                             OR (r2.reviewed_at = r.reviewed_at AND r2.id < r.id))))"""
# `fresh`: today's new cards: never reviewed, suspended or buried (a state row without a review is
# an unsuspended card or a formerly buried sibling) nor brought forward, in lesson order, as many
# as the day's allowance leaves (none left: the cards are not read at all), each with its state if any.
FRESH = """
  SELECT c.id AS card_id, l."order" AS lesson_order, n.lesson_id, c.note_id, c.ord
  FROM {card} c JOIN {note} n ON n.id = c.note_id JOIN {lesson} l ON l.id = n.lesson_id
  WHERE n.course_id = %(course)s AND n.status = %(published)s
    AND NOT EXISTS (SELECT 1 FROM {state} s WHERE s.user_id = %(user)s AND s.card_id = c.id
                      AND (s.last_review IS NOT NULL OR s.suspended OR s.buried_until > %(now)s))
    AND NOT EXISTS (SELECT 1 FROM {boost} b WHERE b.user_id = %(user)s AND b.card_id = c.id)
  ORDER BY l."order", n.lesson_id, c.note_id, c.ord
  LIMIT (SELECT CASE WHEN new_done < %(new_per_day)s THEN %(new_per_day)s - new_done ELSE 0 END FROM today)"""
# Any review of the student's in the course, so one to undo (joined: the first one found will do).
UNDOABLE = """EXISTS (SELECT 1
  FROM {log} r JOIN {card} rc ON rc.id = r.card_id JOIN {note} rn ON rn.id = rc.note_id
  WHERE r.user_id = %(user)s AND rn.course_id = %(course)s)"""
REVIEW_DUE = "state = {review} AND due < %(end)s"
LEARNING_NOW = "state IN ({learning}) AND due <= %(now)s"
LEARNING_AHEAD = "state IN ({learning}) AND due <= %(ahead)s"
FIRST = "(SELECT id FROM studied WHERE {where} ORDER BY due, id LIMIT 1)"
FIRST_NEW = "(SELECT {column} FROM fresh ORDER BY lesson_order, lesson_id, note_id, ord LIMIT 1)"
FIRST_BOOSTED = "(SELECT {column} FROM boosted ORDER BY confident_error DESC, created_at, card_id LIMIT 1)"
# In the last days before an exam, the review card due today with the lowest predicted recall on
# exam day (FSRS: the most whole days from the last review to the exam per day of stability).
WEAKEST = """(SELECT id FROM studied WHERE {where}
   ORDER BY {{whole_days}} / stability DESC, due, id LIMIT 1)"""
# Whole days from the last review to the exam, as fsrs counts them (timedelta.days, to the second);
# the exam's side is a subquery, worked out once.
WHOLE_DAYS = {
    "sqlite": "(((SELECT CAST(strftime('%%s', at) AS INTEGER) * 1000 + CAST(substr(strftime('%%f', at), 4) AS INTEGER) FROM exam)"
    " - (CAST(strftime('%%s', last_review) AS INTEGER) * 1000 + CAST(substr(strftime('%%f', last_review), 4) AS INTEGER))) / 86400000)",
    "postgresql": "FLOOR(EXTRACT(EPOCH FROM ((SELECT at FROM exam) - last_review)) / 86400)",
}
QUEUE_SQL = f"""
WITH studied AS ({DUE}), today AS ({TODAY}), fresh AS ({FRESH}), boosted AS ({BOOSTED}), exam AS ({EXAM})
SELECT
  d.review, d.learning_now, d.learning_ahead, t.new_done, t.reviews_done,
  CASE WHEN {UNDOABLE} THEN 1 ELSE 0 END,
  {FIRST.format(where=REVIEW_DUE)},
  {FIRST.format(where=LEARNING_AHEAD)},
  {WEAKEST.format(where=REVIEW_DUE)},
  (SELECT COUNT(*) FROM fresh),
  {FIRST_NEW.format(column="card_id")},
  (SELECT s.id FROM {{state}} s WHERE s.user_id = %(user)s AND s.card_id = {FIRST_NEW.format(column="card_id")}),
  (SELECT COUNT(DISTINCT card_id) FROM boosted),
  {FIRST_BOOSTED.format(column="card_id")},
  {FIRST_BOOSTED.format(column="state_id")},
  (SELECT at FROM exam)
FROM (SELECT COUNT(CASE WHEN {REVIEW_DUE} THEN 1 END) AS review,
             COUNT(CASE WHEN {LEARNING_NOW} THEN 1 END) AS learning_now,
             COUNT(CASE WHEN {LEARNING_AHEAD} THEN 1 END) AS learning_ahead
      FROM studied) d,
     today t
"""  # noqa: S608 - our SQL, every value a parameter
COLUMNS = (
    "review",
    "learning_now",
    "learning_ahead",
    "new_done",
    "reviews_done",
    "undoable",
    "next_review",
    "next_learning",
    "weakest_review",
    "new",
    "next_new_card",
    "next_new_state",
    "boosted",
    "next_boosted_card",
    "next_boosted_state",
    "exam_at",
)
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
QUEUE_SQL = {vendor: QUEUE_SQL.format(**TABLES, whole_days=days) for vendor, days in WHOLE_DAYS.items()}


# The card to show, with its note, its lesson, whether the note has images and (read by the
# student's state the queue chose) that state; and the card a rating is for, with its note and
# the student's state of it. Written out for the queue's reason: the ORM took about a
# millisecond to build each (three joins, a filtered relation), several times the database's time.
# Neither page shows the note's source spans nor the lesson's body (only its title): they are
# left out of the rows (deferred on the instances, read only if asked for).
STATE, CARD, NOTE, LESSON = (
    Columns(CardState, "s"),
    Columns(Card, "c"),
    Columns(Note, "n", defer=("source_spans",)),
    Columns(Lesson, "l", defer=("body",)),
)
SHOWN = """, EXISTS (SELECT 1 FROM {image} i WHERE i.note_id = n.id)
  FROM {card} c JOIN {note} n ON n.id = c.note_id JOIN {lesson} l ON l.id = n.lesson_id"""
STATEMENT_TABLES = TABLES | {"image": Image._meta.db_table}
SHOWN_BY_STATE = Statement(
    (STATE, CARD, NOTE, LESSON),
    SHOWN + " JOIN {state} s ON s.card_id = c.id WHERE s.id = %s",
    STATEMENT_TABLES,
)
SHOWN_BY_CARD = Statement((CARD, NOTE, LESSON), SHOWN + " WHERE c.id = %s", STATEMENT_TABLES)
RATED = Statement(
    (CARD, NOTE, STATE),
    """
  FROM {card} c JOIN {note} n ON n.id = c.note_id
  LEFT JOIN {state} s ON s.card_id = c.id AND s.user_id = %s
  WHERE c.id = %s AND n.course_id = %s""",
    STATEMENT_TABLES,
)


def _shown(*, state_id: int | None, card_id: int | None) -> tuple[Card, CardState | None]:
    """The card to show and the student's state of it (None when the queue named a card with
    no state), its note and lesson attached, ``card.has_images`` set."""
    if state_id is not None:
        state, card, note, lesson, has_images = SHOWN_BY_STATE.one([state_id])
        state.card = card
    else:
        state = None
        card, note, lesson, has_images = SHOWN_BY_CARD.one([card_id])
    note.lesson = lesson
    card.note = note
    card.has_images = bool(has_images)
    return card, state


def card_to_rate(*, user, course, card_id: int) -> Card | None:
    """The card ``card_id`` of ``course`` that ``user`` rates, with its note (and ``course``)
    and their state of it as ``card.own_state`` (None: no state yet); None when the course
    has no such card."""
    row = RATED.one([user.pk, card_id, course.pk])
    if row is None:
        return None
    card, note, card.own_state = row
    note.course = course
    card.note = note
    return card


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


def _read(user, course, now: dt.datetime, start: dt.datetime, end: dt.datetime) -> dict:
    """Every count and every candidate for the next card, in one query: today's reviews (new,
    review) and whether there is any review to undo; the due cards (reviews due today, learning
    cards due now and within the learn-ahead limit), the first review, the first learning card
    and the weakest review for the last days; today's new cards (as many as the day's allowance
    leaves) and the first of them; the cards brought forward and the first of them; the exam
    date that counts."""
    ahead = now + LEARN_AHEAD
    params = _params(
        user,
        course,
        now,
        ahead=ahead,
        start=start,
        end=end,
        last=max(end, ahead),
        new_per_day=course.new_cards_per_day,
        course_exam=course.exam_at,
    )
    with connection.cursor() as cursor:
        cursor.execute(QUEUE_SQL[connection.vendor], params)
        return dict(zip(COLUMNS, cursor.fetchone(), strict=True))


def read_moment(value) -> dt.datetime | None:
    """A datetime read by a raw query (SQLite gives its text, naive UTC); the dashboard reads one too."""
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    if value is not None and value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value


def build_queue(*, user, course, now: dt.datetime) -> Queue:
    """Today's counts and the next card for `user` in `course` at `now`, in two queries at
    most (every count and candidate, then the card to show)."""
    start, end = day_bounds(user, now)
    counts = _read(user, course, now, start, end)
    review_count = min(counts["review"], max(course.reviews_per_day - counts["reviews_done"], 0))
    ahead = not (review_count or counts["new"] or counts["boosted"])  # nothing else left: learn ahead
    exam_at = read_moment(counts["exam_at"])
    queue = Queue(
        exam_at=exam_at,
        before_exam=examdate.before_exam(exam_at, now),
        last_days=examdate.in_last_days(exam_at, now),
        boosted=counts["boosted"],
        new=counts["new"],
        learning=counts["learning_ahead" if ahead else "learning_now"],
        review=review_count,
        undoable=bool(counts["undoable"]),
    )
    if queue.boosted:
        card_id, state_id = counts["next_boosted_card"], counts["next_boosted_state"]
        if state_id is None:
            queue.kind = ReviewKind.NEW
    elif queue.learning:
        # The first within the learn-ahead limit: when any is due now, it is the first of those.
        card_id, state_id = None, counts["next_learning"]
    elif queue.review and queue.last_days:
        card_id, state_id = None, counts["weakest_review"]
    elif queue.review:
        card_id, state_id = None, counts["next_review"]
    elif queue.new:
        card_id, state_id = counts["next_new_card"], counts["next_new_state"]
        queue.kind = ReviewKind.NEW
    else:
        return queue
    queue.card, queue.state = _shown(state_id=state_id, card_id=card_id)
    if queue.kind is None:
        queue.kind = queue.state.state if queue.state.last_review is not None else ReviewKind.NEW
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
