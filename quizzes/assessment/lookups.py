"""The lookups of every question page and answer (selectors), written out as statements.

A student in a quiz makes them every few seconds; Django took about a millisecond to build
each (up to five joins, deferred fields), several times the database's time to answer. The
instances are the ones ``select_related`` would give (quizzes/models/rows.py). The answer's
own lookups (the attempt locked for the change, the response with the versions it is scored
by) are here too, for the services in attempts.py.
"""

import functools

from django.db import connection

from quizzes.models import Attempt, Lesson, Question, QuestionVersion, Quiz, Regrade, Response
from quizzes.models.rows import Columns, build

RESPONSE = Columns(Response, "r")
ATTEMPT = Columns(Attempt, "a")
QUIZ = Columns(Quiz, "z")
VERSION = Columns(QuestionVersion, "v")
SCORED_VERSION = Columns(QuestionVersion, "sv")
REGRADE = Columns(Regrade, "g")
# The page shows the question's lesson by title and link: not its spans, nor the lesson's body.
QUESTION = Columns(Question, "q", defer=("source_spans",))
LESSON = Columns(Lesson, "l", defer=("body",))
TABLES = {
    "response": Response._meta.db_table,
    "attempt": Attempt._meta.db_table,
    "quiz": Quiz._meta.db_table,
    "version": QuestionVersion._meta.db_table,
    "question": Question._meta.db_table,
    "lesson": Lesson._meta.db_table,
    "regrade": Regrade._meta.db_table,
}
# Each statement: the models whose columns it selects, in order, and the rest of it.
STATEMENTS = {
    "own attempt": (
        (ATTEMPT, QUIZ),
        """
  FROM {attempt} a JOIN {quiz} z ON z.id = a.quiz_id
  WHERE a.id = %s AND a.user_id = %s AND z.course_id = %s""",
    ),
    # The attempt locked for a change (on PostgreSQL; SQLite's writers are serialised by BEGIN
    # IMMEDIATE instead), with its quiz.
    "locked attempt": (
        (ATTEMPT, QUIZ),
        """
  FROM {attempt} a JOIN {quiz} z ON z.id = a.quiz_id
  WHERE a.id = %s AND a.user_id = %s""",
    ),
    # The response at a slot with the version asked, the version it is scored against and the
    # regrade that set it (both None unless a regrade did).
    "scored response": (
        (RESPONSE, VERSION, SCORED_VERSION, REGRADE),
        """
  FROM {response} r JOIN {version} v ON v.id = r.version_id
  LEFT JOIN {version} sv ON sv.id = r.scored_version_id LEFT JOIN {regrade} g ON g.id = r.regrade_id
  WHERE r.attempt_id = %s AND r.slot = %s""",
    ),
    "shown response": (
        (RESPONSE, ATTEMPT, QUIZ, VERSION, QUESTION, LESSON),
        """
  FROM {response} r JOIN {attempt} a ON a.id = r.attempt_id JOIN {quiz} z ON z.id = a.quiz_id
  JOIN {version} v ON v.id = r.version_id JOIN {question} q ON q.id = r.question_id
  JOIN {lesson} l ON l.id = q.lesson_id
  WHERE r.attempt_id = %s AND a.user_id = %s AND z.course_id = %s AND r.slot = %s""",
    ),
}


@functools.cache
def _statement(vendor: str, name: str) -> str:
    """The statement ``name`` with its select list quoted for the backend of ``vendor``."""
    models, rest = STATEMENTS[name]
    select = ", ".join(columns.sql() for columns in models)
    lock = (
        " FOR UPDATE OF a"
        if name == "locked attempt" and connection.features.has_select_for_update_of
        else ""
    )
    return f"SELECT {select}" + rest.format(**TABLES) + lock


def _fetch(name: str, params: list) -> tuple | None:
    with connection.cursor() as cursor:
        cursor.execute(_statement(connection.vendor, name), params)
        return cursor.fetchone()


def own_attempt(*, user, course, attempt_id: int) -> Attempt | None:
    """``user``'s own attempt ``attempt_id`` in ``course``, with its quiz (None for anyone else's)."""
    row = _fetch("own attempt", [attempt_id, user.pk, course.pk])
    if row is None:
        return None
    attempt, quiz = build(row, ATTEMPT, QUIZ)
    attempt.quiz = quiz
    return attempt


def shown_response(*, user, course, attempt_id: int, slot: int) -> Response | None:
    """The question at ``slot`` of ``user``'s own attempt ``attempt_id`` in ``course``, as its page
    shows it: the response with its attempt (and quiz), the version asked, and the question with
    its lesson. None when there is no such slot, or the attempt is not theirs."""
    row = _fetch("shown response", [attempt_id, user.pk, course.pk, slot])
    if row is None:
        return None
    response, attempt, quiz, version, question, lesson = build(
        row, RESPONSE, ATTEMPT, QUIZ, VERSION, QUESTION, LESSON
    )
    attempt.quiz = quiz
    question.lesson = lesson
    response.attempt, response.version, response.question = attempt, version, question
    return response


def locked_attempt(*, attempt_id: int, user_id: int) -> Attempt | None:
    """``user_id``'s attempt ``attempt_id`` with its quiz, its row locked until the transaction
    ends (None for anyone else's). Call it inside ``transaction.atomic``."""
    row = _fetch("locked attempt", [attempt_id, user_id])
    if row is None:
        return None
    attempt, quiz = build(row, ATTEMPT, QUIZ)
    attempt.quiz = quiz
    return attempt


def scored_response(*, attempt: Attempt, slot: int) -> Response | None:
    """The response at ``slot`` of ``attempt`` with the version asked, the version it is scored
    against and its regrade (None when the attempt has no such slot)."""
    row = _fetch("scored response", [attempt.pk, slot])
    if row is None:
        return None
    response, version, scored_version, regrade = build(row, RESPONSE, VERSION, SCORED_VERSION, REGRADE)
    response.version, response.scored_version, response.regrade = version, scored_version, regrade
    return response
