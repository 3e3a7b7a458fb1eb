"""The card side of a student's dashboard, cached per (student, course) under generational keys.

The flashcard figures and charts (cardstats), the card counts per lesson
(progress.card_counts) and the exam-day projection with the fronts of the cards
most at risk (examday) depend only on:

- the student's card states and review logs: every write to a state moves its
  ``version`` on (a review, an undo, a suspension, a burial, cards brought
  forward), so the number of their states, the sum of their versions and their
  latest review say when anything changed;
- the course's published cards: their number, and the changes to its notes
  (publishing, suspending and editing a note all stamp ``updated_at``): the sum
  of the stamps, not the latest, since two saves may commit in the other order
  than they were stamped, and the latest would then not move;
- the student's buried cards still to come back (a burial set under another
  time zone may end in the middle of the study day);
- the course's exam date, target and FSRS settings, the student's own exam date,
  whether the exam is still to come, and the student's time zone and study day.

The key is made of all of these (one query reads the ones in the database), so
a change makes a new key and nothing has to be invalidated: the old entry is
never read again and expires. Nothing here is a quiz result: the parts the
review options decide (accuracy, scores, calibration) are computed fresh on
every view, through the secrecy selector.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db import connection
from django.utils import timezone
from django.utils.safestring import SafeString

from quizzes.flashcards import examdate, examdates
from quizzes.flashcards.queue import read_moment
from quizzes.flashcards.studyday import day_bounds, day_shift
from quizzes.insight import charts
from quizzes.insight.cardstats import CardSummary, card_summary
from quizzes.insight.examday import SHOWN_AT_RISK, at_risk_fronts
from quizzes.insight.progress import CardCounts, card_counts
from quizzes.models import Attempt, Card, CardState, Course, Note, PersonalExamDate, Quiz, ReviewLog, User
from quizzes.models.notes import NoteStatus
from quizzes.models.practice import AttemptState

# Part of every key: bump it when CardPanel changes shape, so no process reads an old one.
KEY_VERSION = 1
TIMEOUT = 2 * 24 * 60 * 60  # the key changes with the study day; the entry only has to outlive it


@dataclass(frozen=True)
class Versions:
    """What the card side depends on in the database, read in one query."""

    states: int
    changes: int
    latest_review: int | None
    own_exam_at: dt.datetime | None
    cards: int
    notes_changed: int | None  # the sum of the course's notes' change stamps (ms)
    # Not a card-side value: with none, the dashboard has no quiz result to ask the secrecy selector about.
    submitted_attempts: int = 0
    buried: int = 0


@dataclass
class CardPanel:
    """The cached card side; the projection's ``at_risk`` is cut to the cards the panel names (a
    deck's thousands would be unpickled on every view; the count stays in its groups)."""

    summary: CardSummary
    counts: dict[int, CardCounts]
    forecast_svg: SafeString
    retention_svg: SafeString
    heatmap_svg: SafeString
    projection: examdate.Projection | None = None
    fronts: dict[int, SafeString] = field(default_factory=dict)


# Written by hand (portable SQL): the ORM took ten times longer to build this query than the
# database to run it, on every view. Each part is an index lookup or a scan of one student's rows.
VERSIONS_SQL = """
SELECT
  (SELECT COUNT(*) FROM {state} WHERE user_id = %(user)s),
  (SELECT SUM(version) FROM {state} WHERE user_id = %(user)s),
  (SELECT id FROM {log} WHERE user_id = %(user)s ORDER BY reviewed_at DESC, id DESC LIMIT 1),
  (SELECT exam_at FROM {exam} WHERE user_id = %(user)s AND course_id = %(course)s),
  (SELECT COUNT(*) FROM {card} c JOIN {note} n ON n.id = c.note_id
    WHERE n.course_id = %(course)s AND n.status = %(published)s),
  (SELECT {stamps} FROM {note} WHERE course_id = %(course)s),
  (SELECT COUNT(*) FROM {attempt} a JOIN {quiz} q ON q.id = a.quiz_id
    WHERE a.user_id = %(user)s AND q.course_id = %(course)s AND a.state = %(submitted)s),
  (SELECT COUNT(*) FROM {state} WHERE user_id = %(user)s AND buried_until > %(now)s)
"""
TABLES = {
    "state": CardState._meta.db_table,
    "log": ReviewLog._meta.db_table,
    "exam": PersonalExamDate._meta.db_table,
    "card": Card._meta.db_table,
    "note": Note._meta.db_table,
    "attempt": Attempt._meta.db_table,
    "quiz": Quiz._meta.db_table,
}
# The sum of the notes' change stamps, in whole milliseconds (exact integers on both databases).
STAMPS = {
    "sqlite": "SUM(CAST(strftime('%%s', updated_at) AS INTEGER) * 1000"
    " + CAST(substr(strftime('%%f', updated_at), 4) AS INTEGER))",
    "postgresql": "SUM(FLOOR(EXTRACT(EPOCH FROM updated_at) * 1000))",
}
VERSIONS_SQL = {vendor: VERSIONS_SQL.format(**TABLES, stamps=stamps) for vendor, stamps in STAMPS.items()}


def versions(*, user: User, course: Course, now: dt.datetime | None = None) -> Versions:
    """The student's and the course's version values for the key, the own exam date and how many
    quizzes the student submitted in the course (one query)."""
    params = {
        "user": user.pk,
        "course": course.pk,
        "published": NoteStatus.PUBLISHED.value,
        "submitted": AttemptState.SUBMITTED.value,
        "now": connection.ops.adapt_datetimefield_value(now or timezone.now()),
    }
    with connection.cursor() as cursor:
        cursor.execute(VERSIONS_SQL[connection.vendor], params)
        states, changes, review, own, cards, notes, submitted, buried = cursor.fetchone()
    return Versions(
        states,
        changes or 0,
        review,
        read_moment(own),
        cards,
        int(notes) if notes is not None else None,
        submitted,
        buried,
    )


def exam_at(versions: Versions, course: Course) -> dt.datetime | None:
    """The exam date that counts for the student (their own, else the course's)."""
    return examdates.effective(versions.own_exam_at, course)


def key(*, user: User, course: Course, now: dt.datetime, versions: Versions) -> str:
    """The cache key of the card side: everything it depends on (see the module's docstring)."""
    exam = exam_at(versions, course)
    parts = (
        KEY_VERSION,
        versions.states,
        versions.changes,
        versions.latest_review,
        versions.own_exam_at,
        versions.cards,
        versions.notes_changed,
        versions.buried,
        user.timezone,
        day_bounds(user, now),
        day_shift(user.timezone, now),
        exam,
        examdate.before_exam(exam, now),
        course.exam_target,
        course.desired_retention,
        course.learning_steps,
        course.relearning_steps,
        course.maximum_interval,
    )
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()[:32]
    return f"cardpanel:{user.pk}:{course.pk}:{digest}"


def build(*, user: User, course: Course, now: dt.datetime, versions: Versions) -> CardPanel:
    """The card side computed afresh: five queries, and two more before an exam (the projection,
    and the fronts of the cards most at risk)."""
    counts = card_counts(user=user, course=course, now=now)
    summary = card_summary(user=user, course=course, now=now, counts=counts)
    panel = CardPanel(
        summary=summary,
        counts=counts,
        forecast_svg=charts.forecast_chart(summary.forecast),
        retention_svg=charts.retention_chart(summary.retention_by_day, summary.today),
        heatmap_svg=charts.year_heatmap(summary.heatmap, summary.today),
    )
    exam = exam_at(versions, course)
    if examdate.before_exam(exam, now):
        projection = examdates.projection(user=user, course=course, exam_at=exam)
        panel.projection = dataclasses.replace(projection, at_risk=projection.at_risk[:SHOWN_AT_RISK])
        panel.fronts = at_risk_fronts(projection)
    return panel


def card_panel(*, user: User, course: Course, now: dt.datetime, versions: Versions) -> CardPanel:
    """The card side of ``user``'s dashboard in ``course``: from the cache when nothing it depends
    on changed, else built and cached (``versions``: :func:`versions`, read by the caller)."""
    cache_key = key(user=user, course=course, now=now, versions=versions)
    panel = cache.get(cache_key)
    if panel is None:
        panel = build(user=user, course=course, now=now, versions=versions)
        cache.set(cache_key, panel, TIMEOUT)
    return panel
