"""The card side of a student's dashboard, cached per (student, course) under generational keys.

The flashcard figures and charts (cardstats), the card counts per lesson
(progress.card_counts) and the exam-day projection with the fronts of the cards
most at risk (examday) depend only on:

- the student's card states and review logs: every write to a state moves its
  ``version`` on (a review, an undo, a suspension, a burial, cards brought
  forward), so the number of their states, the sum of their versions and their
  latest review say when anything changed;
- the course's published cards: their number, and the latest change to one of
  its notes (publishing, suspending and editing a note all stamp ``updated_at``);
- the course's exam date, target and FSRS settings, the student's own exam date,
  whether the exam is still to come, and the student's time zone and study day.

The key is made of all of these (one query reads the ones in the database), so
a change makes a new key and nothing has to be invalidated: the old entry is
never read again and expires. Nothing here is a quiz result: the parts the
review options decide (accuracy, scores, calibration) are computed fresh on
every view, through the secrecy selector.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import Count, IntegerField, Subquery, Sum
from django.utils.safestring import SafeString

from quizzes.flashcards import examdate, examdates
from quizzes.flashcards.studyday import day_bounds, day_shift
from quizzes.insight import charts
from quizzes.insight.cardstats import CardSummary, card_summary
from quizzes.insight.examday import at_risk_fronts
from quizzes.insight.progress import CardCounts, card_counts
from quizzes.models import Card, CardState, Course, Note, PersonalExamDate, ReviewLog, User

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
    notes_changed_at: dt.datetime | None


@dataclass
class CardPanel:
    summary: CardSummary
    counts: dict[int, CardCounts]
    forecast_svg: SafeString
    retention_svg: SafeString
    heatmap_svg: SafeString
    projection: examdate.Projection | None = None
    fronts: dict[int, SafeString] = field(default_factory=dict)


def _first(queryset, field: str, output_field=None) -> Subquery:
    return Subquery(queryset.values(field)[:1], output_field=output_field)


def versions(*, user: User, course: Course) -> Versions:
    """The student's and the course's version values for the key, and the own exam date (one query)."""
    states = CardState.objects.filter(user=user).order_by().values("user")
    cards = Card.objects.published_in(course).order_by().values("note__course")
    row = (
        Course.objects.filter(pk=course.pk)
        .annotate(
            v_states=_first(states.annotate(n=Count("id")), "n", IntegerField()),
            v_changes=_first(states.annotate(n=Sum("version")), "n", IntegerField()),
            v_review=_first(ReviewLog.objects.filter(user=user).order_by("-reviewed_at", "-id"), "id"),
            v_own=_first(PersonalExamDate.objects.filter(user=user, course=course), "exam_at"),
            v_cards=_first(cards.annotate(n=Count("id")), "n", IntegerField()),
            v_notes=_first(Note.objects.filter(course=course).order_by("-updated_at"), "updated_at"),
        )
        .values_list("v_states", "v_changes", "v_review", "v_own", "v_cards", "v_notes")
        .get()
    )
    states_n, changes, review, own, cards_n, notes = row
    return Versions(states_n or 0, changes or 0, review, own, cards_n or 0, notes)


def exam_at(versions: Versions, course: Course) -> dt.datetime | None:
    """The exam date that counts for the student (their own, else the course's)."""
    return examdates.effective(versions.own_exam_at, course)


def key(*, user: User, course: Course, now: dt.datetime, versions: Versions) -> str:
    """The cache key of the card side: everything it depends on (see the module's docstring)."""
    exam = exam_at(versions, course)
    parts = (
        KEY_VERSION,
        versions,
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
    """The card side computed afresh: four queries, and two more before an exam (the projection,
    and the fronts of the cards most at risk)."""
    counts = card_counts(user=user, course=course, now=now)
    summary = card_summary(user=user, course=course, now=now, total_cards=versions.cards, counts=counts)
    panel = CardPanel(
        summary=summary,
        counts=counts,
        forecast_svg=charts.forecast_chart(summary.forecast),
        retention_svg=charts.retention_chart(summary.retention_by_day, summary.today),
        heatmap_svg=charts.year_heatmap(summary.heatmap, summary.today),
    )
    exam = exam_at(versions, course)
    if examdate.before_exam(exam, now):
        panel.projection = examdates.projection(user=user, course=course, exam_at=exam)
        panel.fronts = at_risk_fronts(panel.projection)
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
