"""Marking one response under its quiz's rules: the score it deserves and the mark it earns.

The attempt services (quizzes.assessment.attempts) call these while they hold the
attempt's lock; nothing here writes to the database. A response is graded once, by
``regrading.grade_of`` (against the version a regrade may have set, full marks after a
full-marks regrade); the score is that grade's fraction and the mark is what it earns
toward the attempt (certainty-based marking, interactive mode's penalty per wrong try:
quizzes.items.marking).
"""

from __future__ import annotations

from quizzes.assessment import regrading
from quizzes.items import grading, marking
from quizzes.models import Quiz, Response
from quizzes.models.practice import QuizMode


def mark_response(quiz: Quiz, response: Response, result: grading.Grade | None = None) -> None:
    """Set ``response.score`` and ``response.mark`` under ``quiz``'s rules (select
    ``version``, ``scored_version`` and ``regrade`` with the response). ``result`` is the
    response's ``regrading.grade_of`` when the caller has it already."""
    if result is None:
        result = regrading.grade_of(response)
    response.score = result.score
    interactive = quiz.mode == QuizMode.INTERACTIVE
    response.mark = marking.question_mark(
        result.score,
        answered=result.answered,
        cbm=quiz.certainty_based_marking,
        certainty=response.certainty,
        wrong_tries=response.tries if interactive else 0,
        penalty=quiz.try_penalty if interactive else 0.0,
    )


def count_try(quiz: Quiz, response: Response) -> None:
    """Interactive mode: a right answer, or the last try, is final and marked (less the penalty
    for the wrong tries before it, as Moodle); a wrong one counts a try and leaves the question open.
    Right means right against the version the response is scored against, as its mark."""
    result = regrading.grade_of(response)
    if result.correct or response.tries + 1 >= quiz.tries_allowed:
        mark_response(quiz, response, result)
    else:
        response.tries += 1
        response.answered_at = None
