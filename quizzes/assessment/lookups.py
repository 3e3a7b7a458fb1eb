"""The lookups of every question page and answer (selectors), written out as statements.

A student in a quiz makes them every few seconds; Django took about a millisecond to build
each (up to five joins, deferred fields), several times the database's time to answer. The
instances are the ones ``select_related`` would give (quizzes/models/rows.py). The answer's
own lookups (the attempt locked for the change, the response with the versions it is scored
by) are here too, for the services in attempts.py.
"""

from django.db import connection

from quizzes.models import Attempt, Lesson, Question, QuestionVersion, Quiz, Regrade, Response
from quizzes.models.rows import Columns, Statement

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
OWN_ATTEMPT = Statement(
    (ATTEMPT, QUIZ),
    """
  FROM {attempt} a JOIN {quiz} z ON z.id = a.quiz_id
  WHERE a.id = %s AND a.user_id = %s AND z.course_id = %s""",
    TABLES,
)
# The attempt locked for a change, with its quiz.
LOCKED_ATTEMPT = Statement(
    (ATTEMPT, QUIZ),
    """
  FROM {attempt} a JOIN {quiz} z ON z.id = a.quiz_id
  WHERE a.id = %s AND a.user_id = %s""",
    TABLES,
    lock_of="a",
)
# The response at a slot with the version asked, the version it is scored against and the
# regrade that set it (both None unless a regrade did).
SCORED_RESPONSE = Statement(
    (RESPONSE, VERSION, SCORED_VERSION, REGRADE),
    """
  FROM {response} r JOIN {version} v ON v.id = r.version_id
  LEFT JOIN {version} sv ON sv.id = r.scored_version_id LEFT JOIN {regrade} g ON g.id = r.regrade_id
  WHERE r.attempt_id = %s AND r.slot = %s""",
    TABLES,
)
SHOWN_RESPONSE = Statement(
    (RESPONSE, ATTEMPT, QUIZ, VERSION, QUESTION, LESSON),
    """
  FROM {response} r JOIN {attempt} a ON a.id = r.attempt_id JOIN {quiz} z ON z.id = a.quiz_id
  JOIN {version} v ON v.id = r.version_id JOIN {question} q ON q.id = r.question_id
  JOIN {lesson} l ON l.id = q.lesson_id
  WHERE r.attempt_id = %s AND a.user_id = %s AND z.course_id = %s AND r.slot = %s""",
    TABLES,
)


def _with_quiz(row: list | None) -> Attempt | None:
    """The attempt of an (attempt, quiz) row, its quiz attached (None for no row)."""
    if row is None:
        return None
    attempt, quiz = row
    attempt.quiz = quiz
    return attempt


def own_attempt(*, user, course, attempt_id: int) -> Attempt | None:
    """``user``'s own attempt ``attempt_id`` in ``course``, with its quiz (None for anyone else's)."""
    return _with_quiz(OWN_ATTEMPT.one([attempt_id, user.pk, course.pk]))


def shown_response(*, user, course, attempt_id: int, slot: int) -> Response | None:
    """The question at ``slot`` of ``user``'s own attempt ``attempt_id`` in ``course``, as its page
    shows it: the response with its attempt (and quiz), the version asked, and the question with
    its lesson. None when there is no such slot, or the attempt is not theirs."""
    row = SHOWN_RESPONSE.one([attempt_id, user.pk, course.pk, slot])
    if row is None:
        return None
    response, attempt, quiz, version, question, lesson = row
    attempt.quiz = quiz
    question.lesson = lesson
    response.attempt, response.version, response.question = attempt, version, question
    return response


def locked_attempt(*, attempt_id: int, user_id: int) -> Attempt | None:
    """``user_id``'s attempt ``attempt_id`` with its quiz, its row locked until the transaction
    ends (None for anyone else's). Call it inside ``transaction.atomic``."""
    return _with_quiz(LOCKED_ATTEMPT.one([attempt_id, user_id]))


def scored_response(*, attempt: Attempt, slot: int) -> Response | None:
    """The response at ``slot`` of ``attempt`` with the version asked, the version it is scored
    against and its regrade (None when the attempt has no such slot)."""
    row = SCORED_RESPONSE.one([attempt.pk, slot])
    if row is None:
        return None
    response, version, scored_version, regrade = row
    response.version, response.scored_version, response.regrade = version, scored_version, regrade
    return response


# The question palette of an attempt: every slot, whether it is answered or flagged, its score.
PALETTE = "SELECT slot, question_id, answered_at IS NOT NULL, flagged, score FROM {response} WHERE attempt_id = %s ORDER BY slot"


def palette_rows(*, attempt: Attempt) -> list[tuple[int, int, bool, bool, float | None]]:
    """``attempt``'s responses by slot as (slot, question id, answered, flagged, score)."""
    with connection.cursor() as cursor:
        cursor.execute(PALETTE.format(**TABLES), [attempt.pk])
        return cursor.fetchall()
