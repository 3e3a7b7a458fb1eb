"""The student's quiz list (selectors): the course's quizzes and their own practice sets, with
what the list says of each: its size, the attempts made, the best score the secrecy selector
lets show now, and the attempt in progress.

Three queries whatever the number of quizzes and attempts: the student's attempts in the
course; which of their submitted ones ``secrecy.withheld_attempts`` holds back (only when
there are submitted ones); the quizzes with their sizes and the student's latest practice
sets. The attempts and the quizzes are written out as SQL (``models.rows``): Django took
several times longer to build those statements than the database took to answer them (the
quizzes with their sizes: 2.5 ms through the ORM, 0.3 ms written out, on PostgreSQL); the
secrecy rule stays the selector's own query.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import connection
from django.db.models import QuerySet

from quizzes.assessment import secrecy
from quizzes.models import Attempt, Course, Quiz, QuizItem, QuizRandomRule, rows
from quizzes.models.practice import AttemptState

PRACTICE_SETS_SHOWN = 20


@dataclass(frozen=True)
class QuizStats:
    """One quiz's line of the student's attempts. ``best`` leaves out the attempts whose score
    does not show now; ``scores_hidden`` says there are such attempts."""

    used: int = 0
    best: float | None = None
    open_attempt: int | None = None
    scores_hidden: bool = False
    overdue: bool = False  # an attempt in progress past its deadline (the server submits it)


NONE = QuizStats()


TABLES = {
    "attempt": Attempt._meta.db_table,
    "quiz": Quiz._meta.db_table,
    "item": QuizItem._meta.db_table,
    "rule": QuizRandomRule._meta.db_table,
}
ATTEMPTS = rows.Statement(
    (rows.Columns(Attempt, "a"),),
    " FROM {attempt} a JOIN {quiz} q ON q.id = a.quiz_id WHERE a.user_id = %s AND q.course_id = %s",
    TABLES,
)


def attempt_stats(*, user, course: Course, now: dt.datetime) -> dict[int, QuizStats]:
    """Per quiz id: ``user``'s attempts in ``course`` (one query, and one more to ask the secrecy
    selector which of the submitted ones it withholds, when there are any)."""
    made = [attempt for (attempt,) in ATTEMPTS.all([user.pk, course.pk])]
    withheld: set[int] = set()
    if any(attempt.state == AttemptState.SUBMITTED for attempt in made):
        # All of the student's (a join fewer than asking for this course's): only these are looked up.
        withheld = set(secrecy.withheld_attempts(user, now).values_list("pk", flat=True))
    lines: dict[int, dict] = {}
    for attempt in made:
        line = lines.setdefault(
            attempt.quiz_id, {"used": 0, "best": None, "open_attempt": None, "hidden": False}
        )
        line["used"] += 1
        if attempt.state == AttemptState.IN_PROGRESS:
            line["open_attempt"] = attempt.pk  # at most one per quiz (a constraint)
            line["overdue"] = attempt.deadline is not None and attempt.deadline <= now
        elif attempt.pk in withheld:
            line["hidden"] = True
        elif attempt.state == AttemptState.SUBMITTED and attempt.max_score and attempt.score is not None:
            percent = attempt.score * 100.0 / attempt.max_score
            line["best"] = percent if line["best"] is None else max(line["best"], percent)
    return {
        quiz_id: QuizStats(
            line["used"], line["best"], line["open_attempt"], line["hidden"], line.get("overdue", False)
        )
        for quiz_id, line in lines.items()
    }


def overdue_attempts(*, user, course: Course, now: dt.datetime) -> QuerySet[Attempt]:
    """``user``'s attempts in progress in ``course`` whose deadline has passed."""
    return Attempt.objects.filter(
        user=user, quiz__course=course, state=AttemptState.IN_PROGRESS, deadline__lte=now
    ).select_related("quiz")


# The course's published shared quizzes (``Quiz.objects.for_students``) with their sizes, each
# ranked by title, then the student's latest practice sets (``practice_sets_of``), ranked newest
# first, with no size: ``tests/assessment/test_quizlist.py`` holds the two lists to those querysets.
QUIZZES_SQL = """
SELECT * FROM (
  SELECT {columns},
    (SELECT COUNT(*) FROM {item} i WHERE i.quiz_id = q.id)
      + COALESCE((SELECT SUM(r.count) FROM {rule} r WHERE r.quiz_id = q.id), 0),
    ROW_NUMBER() OVER (ORDER BY q.title, q.id)
  FROM {quiz} q WHERE q.course_id = %s AND q.owner_id IS NULL AND q.is_published = %s
) shared
UNION ALL
SELECT * FROM (
  SELECT {columns}, CAST(NULL AS BIGINT), ROW_NUMBER() OVER (ORDER BY q.created_at DESC, q.id DESC)
  FROM {quiz} q WHERE q.course_id = %s AND q.owner_id = %s
  ORDER BY q.created_at DESC, q.id DESC LIMIT %s
) own"""
QUIZ = rows.Columns(Quiz, "q")
_QUIZZES_SQL: dict[str, str] = {}  # per database vendor (its quoting of the column names)


def quizzes(*, user, course: Course, stats: dict[int, QuizStats]) -> tuple[list[Quiz], list[Quiz]]:
    """The course's published quizzes by title, each with its ``size``, and ``user``'s latest practice
    sets, newest first; each quiz with its line of ``stats`` as attributes (``used``, ``best``,
    ``open_attempt``, ``scores_hidden``). One query."""
    if (sql := _QUIZZES_SQL.get(connection.vendor)) is None:
        sql = _QUIZZES_SQL[connection.vendor] = QUIZZES_SQL.format(columns=QUIZ.sql(), **TABLES)
    params = [course.pk, True, course.pk, user.pk, PRACTICE_SETS_SHOWN]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        found = [rows.build(row, QUIZ) for row in cursor.fetchall()]
    shared, own = [], []
    for quiz, size, _rank in sorted(found, key=lambda row: row[2]):
        line = stats.get(quiz.pk, NONE)
        quiz.used, quiz.best, quiz.open_attempt = line.used, line.best, line.open_attempt
        quiz.scores_hidden = line.scores_hidden
        quiz.course = course  # the refusal check asks about it: no join, no query
        if size is None:
            own.append(quiz)
        else:
            quiz.size = size
            shared.append(quiz)
    return shared, own
