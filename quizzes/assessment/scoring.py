"""Marking one response under its quiz's rules: the score it deserves and the mark it earns.

The attempt services (quizzes.assessment.attempts) call these while they hold the
attempt's lock; nothing here writes to the database. The score is the fraction
grading gives the answer against the version a regrade may have set
(``regrading.score_of``); the mark is what it earns toward the attempt
(certainty-based marking, interactive mode's penalty per wrong try:
quizzes.items.marking).
"""

from __future__ import annotations

from quizzes.assessment import regrading
from quizzes.items import grading, marking
from quizzes.models import Quiz, Response
from quizzes.models.practice import QuizMode


def mark_response(quiz: Quiz, response: Response) -> None:
    """Set ``response.score`` and ``response.mark`` under ``quiz``'s rules (select
    ``scored_version`` and ``regrade`` with the response)."""
    content = response.scoring_version.content
    try:
        answered = grading.grade(content, regrading.answer_for(content, response.answer)).answered
    except grading.InvalidAnswer:  # cannot happen for answers saved through attempts.answer()
        answered = False
    response.score = regrading.score_of(response)
    interactive = quiz.mode == QuizMode.INTERACTIVE
    response.mark = marking.question_mark(
        response.score,
        answered=answered,
        cbm=quiz.certainty_based_marking,
        certainty=response.certainty,
        wrong_tries=response.tries if interactive else 0,
        penalty=quiz.try_penalty if interactive else 0.0,
    )


def count_try(quiz: Quiz, response: Response) -> None:
    """Interactive mode: a right answer, or the last try, is final and marked (less the penalty
    for the wrong tries before it, as Moodle); a wrong one counts a try and leaves the question open."""
    result = grading.grade(response.version.content, response.answer)
    if result.correct or response.tries + 1 >= quiz.tries_allowed:
        mark_response(quiz, response)
    else:
        response.tries += 1
        response.answered_at = None
