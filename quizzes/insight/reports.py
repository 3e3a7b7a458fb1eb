"""Course reports for leads and educators: the cohort table and the class heat
map (their CSV exports are in exports.py, item analysis per quiz in itemanalysis.py).

Figures come from grouped queries, one row per student (or per student and
quiz), so a report costs the same number of queries for 10 or 1,000
students. Python only joins those per-student rows, which lets the table be
sorted and filtered by computed figures (retention, the at-risk flag) the
same way on SQLite and PostgreSQL. The definitions (accuracy, study days,
attempt percentage in progress.py; retention in cardstats.py) are those of the
student's own dashboard, so a student's row here and their dashboard agree.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import (
    Case,
    Count,
    DateField,
    F,
    IntegerField,
    Max,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
    When,
    Window,
)
from django.db.models.functions import RowNumber
from django.utils import timezone

from quizzes.flashcards.studyday import ROLLOVER, day_shift, study_day
from quizzes.insight.cardstats import course_reviews, first_reviews_of_day
from quizzes.insight.progress import (
    ATTEMPT_PERCENT,
    MATURE,
    NONE_TEXT,
    RECENT_DAYS,
    RESPONSE_SCORE,
    STUDIED,
    percent_text,
    ratio,
    submitted_responses,
)
from quizzes.models import Attempt, Card, CardState, Course, Lesson, LessonRead, Question, Quiz, User
from quizzes.models.people import DELETED_NAME, Role
from quizzes.models.practice import AttemptState
from quizzes.models.study import Rating

INACTIVE_DAYS = 7
RETENTION_AT_RISK = 0.8
AT_RISK_RULE = (
    f"A student is at risk if any of these holds: no activity (a lesson read, a quiz submitted or "
    f"a card reviewed) in the last {INACTIVE_DAYS} days; their latest score on a quiz is below its "
    f"pass mark; their true retention over the last {RECENT_DAYS} days is below {RETENTION_AT_RISK:.0%}."
)
PAGE_SIZE = 50
HEATMAP_WEEKS = 12


# --- the cohort table ---------------------------------------------------------------


@dataclass(frozen=True)
class QuizColumn:
    id: int
    title: str
    pass_mark: int


@dataclass
class CohortRow:
    user_id: int
    username: str
    name: str
    timezone: str
    last_active: dt.datetime | None = None
    lessons_read: int = 0
    # quiz id -> (best percent, latest percent)
    scores: dict[int, tuple[float | None, float | None]] = field(default_factory=dict)
    cards_studied: int = 0
    cards_mature: int = 0
    retention: float | None = None
    retention_reviews: int = 0
    reviews_7d: int = 0
    reasons: list[str] = field(default_factory=list)

    @property
    def at_risk(self) -> bool:
        return bool(self.reasons)

    @property
    def last_active_text(self) -> str:
        return (
            NONE_TEXT if self.last_active is None else timezone.localtime(self.last_active).date().isoformat()
        )

    @property
    def retention_text(self) -> str:
        return percent_text(self.retention, 1)

    def score_texts(self, quizzes: list[QuizColumn]) -> list[tuple[str, str]]:
        """(best, latest) as text for each quiz column, in column order."""
        return [
            tuple(score_text(value) for value in self.scores.get(quiz.id, (None, None))) for quiz in quizzes
        ]


def score_text(percent: float | None) -> str:
    return NONE_TEXT if percent is None else f"{percent:.0f}%"


@dataclass
class Cohort:
    course: Course
    quizzes: list[QuizColumn]
    lessons_total: int
    rows: list[CohortRow]

    @property
    def at_risk_count(self) -> int:
        return sum(row.at_risk for row in self.rows)


def _shift_expression(shifts: dict[str, dt.timedelta]):
    """Each review's study-day shift, by its student's time zone (one WHEN per zone in the cohort)."""
    whens = [
        When(user__timezone=name, then=Value(int(shift.total_seconds())))
        for name, shift in sorted(shifts.items())
    ]
    default = Value(int(-ROLLOVER.total_seconds()))
    return Case(*whens, default=default, output_field=IntegerField()) if whens else default


def _first_day_expression(shifts: dict[str, dt.timedelta], now: dt.datetime):
    """Each student's first study day of the retention window, by time zone."""
    whens = [
        When(user__timezone=name, then=Value(study_day(now, shift) - dt.timedelta(days=RECENT_DAYS - 1)))
        for name, shift in sorted(shifts.items())
    ]
    fallback = Value(study_day(now, -ROLLOVER) - dt.timedelta(days=RECENT_DAYS - 1))
    return Case(*whens, default=fallback, output_field=DateField()) if whens else fallback


def cohort(course: Course, now: dt.datetime | None = None) -> Cohort:
    """Every student of the course with their figures and at-risk reasons (nine queries).

    Each part below fills its columns of the per-student rows from one grouped
    query and notes the student's latest activity it saw.
    """
    now = now or timezone.now()
    student_users = User.objects.filter(memberships__course=course, memberships__role=Role.STUDENT).order_by()
    rows: dict[int, CohortRow] = {}
    for pk, username, first, last, tz, deleted in student_users.order_by("username").values_list(
        "id", "username", "first_name", "last_name", "timezone", "deleted_at"
    ):
        name = DELETED_NAME if deleted else f"{first} {last}".strip() or username
        rows[pk] = CohortRow(pk, username, name, tz)
    quizzes = [
        QuizColumn(*values)
        for values in Quiz.objects.of_course(course)
        .order_by("title", "id")
        .values_list("id", "title", "pass_mark")
    ]
    activity: dict[int, list[dt.datetime | None]] = defaultdict(list)
    _add_reads(rows, activity, course)
    _add_quiz_scores(rows, activity, course)
    _add_reviews(rows, activity, course, student_users, now)
    _add_cards(rows, course, student_users)
    _add_retention(rows, course, now)
    for user_id, row in rows.items():
        present = [moment for moment in activity[user_id] if moment is not None]
        row.last_active = max(present) if present else None
        row.reasons = at_risk_reasons(row, quizzes, now)
    lessons_total = Lesson.objects.filter(course=course).count()
    return Cohort(course, quizzes, lessons_total, list(rows.values()))


Rows = dict[int, CohortRow]
Activity = dict[int, list[dt.datetime | None]]


def _add_reads(rows: Rows, activity: Activity, course: Course) -> None:
    reads = (
        LessonRead.objects.filter(lesson__course=course)
        .values_list("user_id")
        .annotate(n=Count("id"), last=Max("read_at"))
    )
    for user_id, n, last in reads:
        if user_id in rows:
            rows[user_id].lessons_read = n
            activity[user_id].append(last)


def _add_quiz_scores(rows: Rows, activity: Activity, course: Course) -> None:
    """Best and latest percentage per shared quiz; the last submission (practice sets too) is activity."""
    attempts = Attempt.objects.filter(quiz__course=course, state=AttemptState.SUBMITTED)
    for user_id, last in attempts.values_list("user_id").annotate(last=Max("submitted_at")):
        activity[user_id].append(last)
    by_quiz = [F("user_id"), F("quiz_id")]
    latest = (
        attempts.filter(quiz__owner__isnull=True)
        .annotate(
            percent=ATTEMPT_PERCENT,
            nth=Window(RowNumber(), partition_by=by_quiz, order_by=[F("number").desc(), F("id").desc()]),
            best=Window(Max(ATTEMPT_PERCENT), partition_by=by_quiz),
        )
        .filter(nth=1)
        .values_list("user_id", "quiz_id", "best", "percent")
    )
    for user_id, quiz_id, best, percent in latest:
        if user_id in rows:
            rows[user_id].scores[quiz_id] = (best, percent)


def _add_reviews(rows: Rows, activity: Activity, course: Course, student_users, now: dt.datetime) -> None:
    """Reviews in the last week and the last review."""
    # Per-student subqueries walk the (user, reviewed_at) index: much faster
    # than grouping every review of the course by student.
    week_ago = now - dt.timedelta(days=INACTIVE_DAYS)
    mine = course_reviews(course).filter(user=OuterRef("pk")).order_by()
    for user_id, last, n in student_users.annotate(
        last=Subquery(mine.order_by("-reviewed_at").values("reviewed_at")[:1]),
        n=Subquery(mine.filter(reviewed_at__gte=week_ago).values("user").annotate(n=Count("id")).values("n")),
    ).values_list("id", "last", "n"):
        rows[user_id].reviews_7d = n or 0
        activity[user_id].append(last)


def _add_cards(rows: Rows, course: Course, student_users) -> None:
    """Cards studied and mature."""
    # Restricting to the course's cards inside the counts (not in WHERE) lets the
    # database scan card states by student instead of looking up each card.
    in_course = Q(card__in=Card.objects.published_in(course).values("id"))
    cards = (
        CardState.objects.filter(user__in=student_users.values("id"))
        .values_list("user_id")
        .annotate(
            studied=Count("id", filter=in_course & STUDIED), mature=Count("id", filter=in_course & MATURE)
        )
    )
    for user_id, studied, mature in cards:
        rows[user_id].cards_studied, rows[user_id].cards_mature = studied, mature


def _add_retention(rows: Rows, course: Course, now: dt.datetime) -> None:
    """True retention over each student's last 30 study days (cardstats' definition)."""
    shifts = {row.timezone: day_shift(row.timezone, now) for row in rows.values()}
    # A coarse bound on reviewed_at lets the index narrow the rows; the exact
    # per-student window is on the study day.
    recent = course_reviews(course).filter(reviewed_at__gte=now - dt.timedelta(days=RECENT_DAYS + 2))
    retention = (
        first_reviews_of_day(
            recent.annotate(first_day=_first_day_expression(shifts, now)),
            _shift_expression(shifts),
            where=Q(day__gte=F("first_day")),
        )
        .values_list("user_id")
        .annotate(n=Count("id"), passed=Count("id", filter=Q(rating__gt=Rating.AGAIN)))
        .values_list("user_id", "n", "passed")
    )
    for user_id, n, passed in retention:
        if user_id in rows:
            rows[user_id].retention_reviews, rows[user_id].retention = n, ratio(passed, n)


def at_risk_reasons(row: CohortRow, quizzes: list[QuizColumn], now: dt.datetime) -> list[str]:
    """Why a student is at risk (empty if not), by AT_RISK_RULE."""
    reasons = []
    if row.last_active is None:
        reasons.append("No activity yet.")
    elif row.last_active < now - dt.timedelta(days=INACTIVE_DAYS):
        reasons.append(f"No activity for {(now - row.last_active).days} days.")
    for quiz in quizzes:
        latest = row.scores.get(quiz.id, (None, None))[1]
        if latest is not None and latest < quiz.pass_mark:
            reasons.append(
                f"Latest score on {quiz.title} is {latest:.0f}%, below the pass mark of {quiz.pass_mark}%."
            )
    if row.retention is not None and row.retention < RETENTION_AT_RISK:
        reasons.append(f"Retention {row.retention:.1%} is below {RETENTION_AT_RISK:.0%}.")
    return reasons


SORTS = {
    "student": lambda row: row.username.casefold(),
    "active": lambda row: row.last_active,
    "lessons": lambda row: row.lessons_read,
    "cards": lambda row: row.cards_studied,
    "mature": lambda row: row.cards_mature,
    "retention": lambda row: row.retention,
    "reviews": lambda row: row.reviews_7d,
    "risk": lambda row: len(row.reasons),
}
FILTERS = {"all": "All students", "at-risk": "At risk", "on-track": "On track"}


def sorted_rows(rows: list[CohortRow], sort: str = "student", flag: str = "all") -> list[CohortRow]:
    """Filter by flag and sort by a SORTS key (``-key`` descending); missing figures always last."""
    if flag == "at-risk":
        rows = [row for row in rows if row.at_risk]
    elif flag == "on-track":
        rows = [row for row in rows if not row.at_risk]
    descending = sort.startswith("-")
    key = SORTS.get(sort.lstrip("-"), SORTS["student"])
    present = [row for row in rows if key(row) is not None]
    missing = [row for row in rows if key(row) is None]
    present.sort(key=lambda row: (key(row), row.username), reverse=descending)
    return present + missing


# --- the class heat map ------------------------------------------------------------


@dataclass
class HeatMap:
    weeks: list[dt.date]
    lessons: list[Lesson]
    # (lesson id, week start) -> (accuracy, responses)
    cells: dict[tuple[int, dt.date], tuple[float, int]]

    def grid(self) -> list[tuple[Lesson, list[tuple[dt.date, float | None, int]]]]:
        """One row per lesson: (week, accuracy or None, responses) for each week."""
        return [
            (lesson, [(week, *self.cells.get((lesson.pk, week), (None, 0))) for week in self.weeks])
            for lesson in self.lessons
        ]


def class_heatmap(course: Course, now: dt.datetime | None = None, weeks: int = HEATMAP_WEEKS) -> HeatMap:
    """Class accuracy per lesson per week (weeks start on Monday, UTC) over the last `weeks` weeks."""
    now = now or timezone.now()
    this_week = now.astimezone(dt.UTC).date() - dt.timedelta(days=now.astimezone(dt.UTC).weekday())
    week_starts = [this_week - dt.timedelta(weeks=n) for n in range(weeks - 1, -1, -1)]
    starts = [dt.datetime.combine(week, dt.time(), tzinfo=dt.UTC) for week in week_starts]
    # The week's number by comparing with each Monday, newest first: plain comparisons
    # that use no date functions (which SQLite would run in Python, row by row).
    week_number = Case(
        *[
            When(attempt__submitted_at__gte=start, then=Value(n))
            for n, start in reversed(list(enumerate(starts)))
        ],
        output_field=IntegerField(),
    )
    # Grouped by question (not lesson) to spare a join per response; questions map to lessons below.
    rows = (
        submitted_responses(course)
        .filter(attempt__submitted_at__gte=starts[0])
        .annotate(week=week_number)
        .values_list("question_id", "week")
        .annotate(total=Sum(RESPONSE_SCORE), n=Count("id"))
        .values_list("question_id", "week", "total", "n")
    )
    lesson_of = dict(Question.objects.filter(course=course).values_list("id", "lesson_id"))
    sums: dict[tuple[int, dt.date], list[float]] = defaultdict(lambda: [0.0, 0])
    for question_id, week, total, n in rows:
        cell = sums[(lesson_of[question_id], week_starts[week])]
        cell[0] += total or 0.0
        cell[1] += n
    cells = {key: (total / n, n) for key, (total, n) in sums.items()}
    lessons = list(Lesson.objects.for_course(course).only("id", "title", "slug", "order"))
    return HeatMap(week_starts, lessons, cells)
