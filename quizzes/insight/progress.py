"""A student's progress in one course: selectors that aggregate in the database.

Every figure here is computed by a fixed number of grouped queries, so a page
costs the same number of queries however much a student (or, in reports.py,
a cohort) has done. The rules the pages state are defined here, once:

- **Study day** (defined in quizzes.flashcards.studyday): the database groups by
  ``date(moment + shift)``, one fixed shift per student (``day_shift``), so the
  cohort report (many time zones) does the same in one query.
- **Accuracy** = mean score (0..1) of the student's responses in submitted
  attempts (unanswered counts 0), all time and over the last 30 days; a
  response whose result the secrecy selector withholds is left out until it
  may be shown (and a quiz's score waits with it).
- **Card maturity**: new (never reviewed), learning (learning or relearning),
  young (review, interval < 21 days), mature (review, interval ≥ 21 days),
  where the interval is ``due - last review``.
- **Mastery** of a lesson: see :data:`MASTERY_RULE`.

True retention, the streak and the rest of the flashcard panel (due today,
forecast, heat map) are in cardstats.py, built on these definitions; dashboard.py
puts the student's page together.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import NotSupportedError
from django.db.models import (
    BooleanField,
    Case,
    Count,
    DateField,
    Exists,
    ExpressionWrapper,
    F,
    FloatField,
    Func,
    OuterRef,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.db.models.lookups import GreaterThanOrEqual, LessThan
from django.utils import timezone

from quizzes.assessment import secrecy
from quizzes.flashcards.studyday import day_bounds
from quizzes.models import Attempt, Card, CardState, Course, Lesson, LessonRead, Question, Response, User
from quizzes.models.practice import AttemptState
from quizzes.models.questions import QuestionStatus
from quizzes.models.study import FsrsState

RECENT_DAYS = 30
MATURE_DAYS = 21
NONE_TEXT = "\u2013"  # an en dash: shown for a figure with nothing to measure yet

MASTERY_RULE = (
    "Mastery is the mean of the parts that apply to a lesson: read (100% or 0%); "
    "all-time question accuracy (0% until you answer one; left out if the lesson has no questions); "
    "the share of the lesson's flashcards that are mature, i.e. interval of 21 days or more "
    "(left out if it has no cards)."
)


# --- study days in the database -------------------------------------------------


class _VendorFunc(Func):
    """A function of two expressions written out per database (see StudyDay)."""

    sqlite = postgresql = ""

    def _render(self, compiler, template):
        sqls, params = [], []
        for expression in self.get_source_expressions():
            sql, more = compiler.compile(expression)
            sqls.append(sql)
            params.extend(more)
        return template.format(*sqls), tuple(params)

    def as_sqlite(self, compiler, connection, **extra):
        return self._render(compiler, self.sqlite)

    def as_postgresql(self, compiler, connection, **extra):
        return self._render(compiler, self.postgresql)

    def as_sql(self, compiler, connection, **extra):
        raise NotSupportedError(f"{type(self).__name__} is written for SQLite and PostgreSQL only.")


class StudyDay(_VendorFunc):
    """The UTC date of ``moment + shift``, the shift in whole seconds (an int expression).

    Written per database because Django's portable date arithmetic runs as
    Python functions on SQLite, which made the cohort report several times
    slower; SQLite's ``date()`` and PostgreSQL's interval arithmetic are native.
    """

    output_field = DateField()
    sqlite = "date({0}, ({1}) || ' seconds')"
    postgresql = "((({0}) AT TIME ZONE 'UTC') + ({1}) * INTERVAL '1 second')::date"


class DaysBetween(_VendorFunc):
    """``later - earlier`` in days (fractional), natively on each database."""

    output_field = FloatField()
    sqlite = "(julianday({0}) - julianday({1}))"
    postgresql = "(EXTRACT(EPOCH FROM (({0}) - ({1}))) / 86400.0)"


def day_expression(field_name: str, shift):
    """SQL for the study day of ``field_name``; ``shift`` is a timedelta or an integer-seconds expression."""
    if isinstance(shift, dt.timedelta):
        shift = Value(int(shift.total_seconds()))
    return StudyDay(F(field_name), shift)


# --- shared expressions ----------------------------------------------------------

# A response's score, unanswered counting 0.
RESPONSE_SCORE = Coalesce(F("score"), Value(0.0), output_field=FloatField())
# An attempt's score as a percentage: Attempt.score is in marks out of max_score.
ATTEMPT_PERCENT = Case(
    When(
        max_score__gt=0,
        then=ExpressionWrapper(F("score") * 100.0 / F("max_score"), output_field=FloatField()),
    ),
    default=Value(None),
    output_field=FloatField(),
)
MATURE = Q(
    GreaterThanOrEqual(DaysBetween(F("due"), F("last_review")), MATURE_DAYS),
    state=FsrsState.REVIEW,
    last_review__isnull=False,
)
YOUNG = Q(
    LessThan(DaysBetween(F("due"), F("last_review")), MATURE_DAYS),
    state=FsrsState.REVIEW,
    last_review__isnull=False,
)
LEARNING = Q(state__in=(FsrsState.LEARNING, FsrsState.RELEARNING), last_review__isnull=False)
STUDIED = Q(last_review__isnull=False)


def submitted_responses(course: Course) -> QuerySet[Response]:
    """Responses in the course's submitted attempts (practice sets included)."""
    return Response.objects.filter(attempt__quiz__course=course, attempt__state=AttemptState.SUBMITTED)


def ratio(part: float | None, whole: float | None) -> float | None:
    return None if not whole else (part or 0) / whole


def percent_text(value: float | None, digits: int = 0) -> str:
    """A fraction as the pages and CSV files show it: ``"83%"``, or an en dash for none."""
    return NONE_TEXT if value is None else f"{value * 100:.{digits}f}%"


# --- lessons ---------------------------------------------------------------------


@dataclass
class LessonProgress:
    lesson: Lesson
    is_read: bool = False
    questions: int = 0
    answered: int = 0
    accuracy: float | None = None
    answered_recent: int = 0
    accuracy_recent: float | None = None
    cards: int = 0
    learning: int = 0
    young: int = 0
    mature: int = 0

    @property
    def new(self) -> int:
        return max(0, self.cards - self.learning - self.young - self.mature)

    @property
    def mastery(self) -> float:
        """See MASTERY_RULE."""
        parts = [1.0 if self.is_read else 0.0]
        if self.questions:
            parts.append(self.accuracy or 0.0)
        if self.cards:
            parts.append(self.mature / self.cards)
        return sum(parts) / len(parts)

    @property
    def mastery_text(self) -> str:
        return percent_text(self.mastery)

    @property
    def accuracy_text(self) -> str:
        return percent_text(self.accuracy)

    @property
    def accuracy_recent_text(self) -> str:
        return percent_text(self.accuracy_recent)


def visible_answers(*, user: User, course: Course, now: dt.datetime) -> list[tuple]:
    """The student's answers in submitted attempts whose result the secrecy selector lets them
    see now, grouped by (lesson, certainty, ``calibrated``: an answer of a certainty-based-marking
    quiz), each group with its count and total score, all time and over the last 30 days.

    One query that the lessons' accuracy and the calibration (calibration.py) both read.
    """
    recent = Q(attempt__submitted_at__gte=now - dt.timedelta(days=RECENT_DAYS))
    calibrated = Case(
        When(Q(attempt__quiz__certainty_based_marking=True, answered_at__isnull=False), then=Value(True)),
        default=Value(False),
        output_field=BooleanField(),
    )
    answers = secrecy.visible_results(
        submitted_responses(course).filter(attempt__user=user), user=user, now=now
    ).annotate(calibrated=calibrated)
    return list(
        answers.values_list("question__lesson_id", "certainty", "calibrated").annotate(
            n=Count("id"),
            total=Sum(RESPONSE_SCORE),
            n_recent=Count("id", filter=recent),
            total_recent=Sum(RESPONSE_SCORE, filter=recent),
        )
    )


@dataclass(frozen=True)
class CardCounts:
    """One lesson's published cards, and a student's card states in it: maturity, how many they
    studied, how many are due today."""

    cards: int = 0
    learning: int = 0
    young: int = 0
    mature: int = 0
    studied: int = 0
    due_today: int = 0


def card_counts(*, user: User, course: Course, now: dt.datetime) -> dict[int, CardCounts]:
    """The course's published cards and the student's card states, per lesson id (two queries).
    Due today ends where the study queue's day ends (``studyday.day_bounds``, exact in the time
    zone); a buried card waits until then, a suspended one is never due."""
    tomorrow_starts = day_bounds(user, now)[1]
    due_today = Q(STUDIED, suspended=False, due__lt=tomorrow_starts) & (
        Q(buried_until__isnull=True) | Q(buried_until__lte=now)
    )
    published = (
        Card.objects.published_in(course).order_by().values_list("note__lesson_id").annotate(n=Count("id"))
    )
    states = (
        CardState.objects.published_in(course)
        .filter(user=user)
        .values_list("card__note__lesson_id")
        .annotate(
            learning=Count("id", filter=LEARNING),
            young=Count("id", filter=YOUNG),
            mature=Count("id", filter=MATURE),
            studied=Count("id", filter=STUDIED),
            due_today=Count("id", filter=due_today),
        )
    )
    mine = {lesson_id: counts for lesson_id, *counts in states}
    # A state counts only on a published card, so every lesson with states has cards.
    return {lesson_id: CardCounts(n, *mine.get(lesson_id, ())) for lesson_id, n in published}


# The course's lessons in order (Lesson.objects.for_course), each with the student's read flag and
# its published questions (Question.objects.published()). Written by hand: read on every view of
# the dashboard, where the ORM took ten times longer to build it than the database to run it.
LESSONS_SQL = """
SELECT l.id, l.title, l.slug, l."order",
  EXISTS(SELECT 1 FROM {read} r WHERE r.lesson_id = l.id AND r.user_id = %(user)s) AS is_read,
  (SELECT COUNT(*) FROM {question} q
    WHERE q.lesson_id = l.id AND q.course_id = %(course)s AND q.status = %(published)s) AS n_questions
FROM {lesson} l WHERE l.course_id = %(course)s ORDER BY l."order"
"""
LESSONS_SQL = LESSONS_SQL.format(
    read=LessonRead._meta.db_table, question=Question._meta.db_table, lesson=Lesson._meta.db_table
)


def lesson_progress(
    *,
    user: User,
    course: Course,
    now: dt.datetime | None = None,
    answers: list[tuple] | None = None,
    counts: dict[int, CardCounts] | None = None,
) -> list[LessonProgress]:
    """Per lesson, in course order: read, accuracy (30 days and all time), card maturity, mastery.

    Four queries whatever the data: the lessons with their read flags and question counts, the
    answers (:func:`visible_answers`), and the cards and the card states (:func:`card_counts`),
    each grouped by lesson; one when the caller passes the answers and the counts.
    """
    now = now or timezone.now()
    params = {"user": user.pk, "course": course.pk, "published": QuestionStatus.PUBLISHED.value}
    lessons = list(Lesson.objects.raw(LESSONS_SQL, params))
    rows = {
        lesson.pk: LessonProgress(lesson, is_read=bool(lesson.is_read), questions=lesson.n_questions)
        for lesson in lessons
    }
    sums: dict[int, list[float]] = {}
    for lesson_id, _, _, n, total, n_recent, total_recent in (
        visible_answers(user=user, course=course, now=now) if answers is None else answers
    ):
        line = sums.setdefault(lesson_id, [0, 0.0, 0, 0.0])
        line[0], line[1] = line[0] + n, line[1] + (total or 0.0)
        line[2], line[3] = line[2] + n_recent, line[3] + (total_recent or 0.0)
    for lesson_id, (n, total, n_recent, total_recent) in sums.items():
        row = rows[lesson_id]
        row.answered, row.accuracy = n, ratio(total, n)
        row.answered_recent, row.accuracy_recent = n_recent, ratio(total_recent, n_recent)
    if counts is None:
        counts = card_counts(user=user, course=course, now=now)
    for lesson_id, lesson_counts in counts.items():
        row = rows[lesson_id]
        row.cards, row.learning = lesson_counts.cards, lesson_counts.learning
        row.young, row.mature = lesson_counts.young, lesson_counts.mature
    return [rows[lesson.pk] for lesson in lessons]


def weakest_lessons(progress: Iterable[LessonProgress], limit: int = 3) -> list[LessonProgress]:
    """The lessons with the lowest mastery (below 100%), weakest first, ties in course order."""
    ranked = sorted(progress, key=lambda row: row.mastery)
    return [row for row in ranked if row.mastery < 1][:limit]


# --- quizzes ---------------------------------------------------------------------


@dataclass
class QuizResult:
    attempt_id: int
    quiz_id: int
    quiz_title: str
    number: int
    submitted_at: dt.datetime | None
    percent: float | None
    pass_mark: int
    practice: bool
    withheld: bool = False  # the score waits (quizzes.assessment.secrecy): percent is None
    # A regrade changed the score (quizzes.assessment.regrading): when, and the percentage before.
    regraded_at: dt.datetime | None = None
    percent_before_regrade: float | None = None

    @property
    def passed(self) -> bool | None:
        return None if self.percent is None else self.percent >= self.pass_mark

    @property
    def percent_text(self) -> str:
        if self.withheld:
            return "Not shown yet"
        return NONE_TEXT if self.percent is None else f"{self.percent:.0f}%"


def quiz_history(*, user: User, course: Course, now: dt.datetime, limit: int = 50) -> list[QuizResult]:
    """The student's submitted attempts in the course, newest first, with pass/fail (one query).

    An attempt whose score the secrecy selector withholds comes without it.
    """
    withheld = secrecy.withheld_attempts(user, now).filter(pk=OuterRef("pk"))
    rows = (
        Attempt.objects.filter(user=user, quiz__course=course, state=AttemptState.SUBMITTED)
        .annotate(percent=ATTEMPT_PERCENT, withheld=Exists(withheld))
        .order_by("-submitted_at", "-id")
        .values_list(
            "id",
            "quiz_id",
            "quiz__title",
            "number",
            "submitted_at",
            "percent",
            "quiz__pass_mark",
            "quiz__owner_id",
            "withheld",
            "regrade__at",
            "score_before_regrade",
            "max_score",
        )
    )[:limit]
    return [
        QuizResult(
            pk,
            quiz_id,
            title,
            number,
            submitted,
            None if hidden else percent,
            pass_mark,
            owner is not None,
            hidden,
            None if hidden else regraded_at,
            None if hidden or before is None or not maximum else 100.0 * before / maximum,
        )
        for (
            pk,
            quiz_id,
            title,
            number,
            submitted,
            percent,
            pass_mark,
            owner,
            hidden,
            regraded_at,
            before,
            maximum,
        ) in rows
    ]


def regraded(results: Iterable[QuizResult]) -> list[QuizResult]:
    """The results whose score a regrade changed and that show now (the dashboard tells the student)."""
    return [result for result in results if result.regraded_at is not None]
