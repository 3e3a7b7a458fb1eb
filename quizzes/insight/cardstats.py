"""A student's flashcard figures in one course: due today, a 30-day forecast,
true retention, a year of daily reviews and the streak.

Study days and card maturity are defined in progress.py. Defined here, and
shared with the cohort report in reports.py:

- **True retention** over the last 30 days: the first review of each card on
  each study day; Again fails, Hard/Good/Easy pass.
- **Streak**: see :data:`STREAK_RULE`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, F, Q, QuerySet, Window
from django.db.models.functions import RowNumber
from django.utils import timezone

from quizzes.flashcards.studyday import day_shift, day_start, study_day
from quizzes.insight.progress import (
    RECENT_DAYS,
    STUDIED,
    CardCounts,
    card_counts,
    day_expression,
    percent_text,
    ratio,
)
from quizzes.models import CardState, Course, ReviewLog, User
from quizzes.models.study import Rating

FORECAST_DAYS = 30
HEATMAP_DAYS = 365
RETENTION_RULE = (
    "True retention: of the first review of each card on each day in the last 30 days, "
    "the share not rated Again."
)
STREAK_RULE = "Days in a row with at least one review, counting today (or up to yesterday if you have not studied yet today)."


def course_reviews(course: Course) -> QuerySet[ReviewLog]:
    """Every review of the course's cards, by any student."""
    return ReviewLog.objects.filter(card__note__course=course)


def first_reviews_of_day(reviews: QuerySet[ReviewLog], shift, where: Q | None = None) -> QuerySet[ReviewLog]:
    """The first review of each (student, card, study day) among ``reviews`` (and ``where``, on ``day``).

    A window function numbers each day's reviews of a card; the ids of the
    first ones go in a subquery, so that grouping the result (by student or
    by day) happens after the window, not inside it.
    """
    numbered = reviews.annotate(
        day=day_expression("reviewed_at", shift),
        nth=Window(
            RowNumber(),
            partition_by=[F("user_id"), F("card_id"), F("day")],
            order_by=[F("reviewed_at").asc(), F("id").asc()],
        ),
    )
    if where is not None:
        numbered = numbered.filter(where)
    return ReviewLog.objects.filter(id__in=numbered.filter(nth=1).values("id")).order_by()


@dataclass
class CardSummary:
    today: dt.date
    due_today: int = 0
    reviews_today: int = 0
    forecast: list[tuple[dt.date, int]] = field(default_factory=list)
    retention: float | None = None
    retention_reviews: int = 0
    retention_by_day: list[tuple[dt.date, int, int]] = field(
        default_factory=list
    )  # day, first reviews, passed
    heatmap: dict[dt.date, int] = field(default_factory=dict)
    streak: int = 0
    total_cards: int = 0
    studied: int = 0
    mature: int = 0

    @property
    def retention_text(self) -> str:
        return percent_text(self.retention, 1)


def streak_length(days: Iterable[dt.date], today: dt.date) -> int:
    """Days in a row with reviews, ending today, or yesterday if today has none yet."""
    studied = set(days)
    day = today if today in studied else today - dt.timedelta(days=1)
    length = 0
    while day in studied:
        length += 1
        day -= dt.timedelta(days=1)
    return length


def card_summary(
    *,
    user: User,
    course: Course,
    now: dt.datetime | None = None,
    counts: dict[int, CardCounts] | None = None,
) -> CardSummary:
    """Due today, 30-day forecast, true retention, a year of daily reviews and the streak (five
    queries; three when the caller passes the ``counts``, ``progress.card_counts``)."""
    now = now or timezone.now()
    shift = day_shift(user.timezone, now)
    today = study_day(now, shift)
    summary = CardSummary(today=today)

    if counts is None:
        counts = card_counts(user=user, course=course, now=now)
    summary.studied = sum(row.studied for row in counts.values())
    summary.mature = sum(row.mature for row in counts.values())
    summary.due_today = sum(row.due_today for row in counts.values())
    summary.total_cards = sum(row.cards for row in counts.values())
    states = CardState.objects.published_in(course).filter(user=user)

    # Forecast: overdue cards count on today; later days by their own study day.
    horizon = day_start(today + dt.timedelta(days=FORECAST_DAYS), shift)
    per_day = dict(
        states.filter(STUDIED, suspended=False, due__lt=horizon)
        .annotate(day=day_expression("due", shift))
        .values_list("day")
        .annotate(n=Count("id"))
        .values_list("day", "n")
    )
    forecast = {today + dt.timedelta(days=i): 0 for i in range(FORECAST_DAYS)}
    for day, n in per_day.items():
        day = _as_date(day)
        forecast[max(day, today)] += n
    summary.forecast = sorted(forecast.items())

    reviews = course_reviews(course).filter(user=user)
    year_start = day_start(today - dt.timedelta(days=HEATMAP_DAYS - 1), shift)
    summary.heatmap = {
        _as_date(day): n
        for day, n in reviews.filter(reviewed_at__gte=year_start)
        .annotate(day=day_expression("reviewed_at", shift))
        .values_list("day")
        .annotate(n=Count("id"))
        .values_list("day", "n")
    }
    summary.reviews_today = summary.heatmap.get(today, 0)
    summary.streak = streak_length(summary.heatmap, today)

    recent_start = day_start(today - dt.timedelta(days=RECENT_DAYS - 1), shift)
    by_day = retention_by_day(reviews.filter(reviewed_at__gte=recent_start), shift)
    summary.retention_by_day = by_day
    summary.retention_reviews = sum(n for _, n, _ in by_day)
    summary.retention = ratio(sum(p for _, _, p in by_day), summary.retention_reviews)
    return summary


def retention_by_day(reviews: QuerySet[ReviewLog], shift) -> list[tuple[dt.date, int, int]]:
    """(study day, first reviews, passed) for each day with reviews, oldest first."""
    rows = (
        first_reviews_of_day(reviews, shift)
        .annotate(day=day_expression("reviewed_at", shift))
        .values_list("day")
        .annotate(n=Count("id"), passed=Count("id", filter=Q(rating__gt=Rating.AGAIN)))
        .values_list("day", "n", "passed")
        .order_by("day")
    )
    return [(_as_date(day), n, passed) for day, n, passed in rows]


def _as_date(value) -> dt.date:
    # SQLite hands back dates from TruncDate over an expression as strings.
    return dt.date.fromisoformat(value) if isinstance(value, str) else value
