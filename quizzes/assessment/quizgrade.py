"""A student's grade on a quiz from their attempts, by the quiz's grading method (selectors).

As Moodle: with several attempts the grade is the highest (the default), the
average, the first or the last attempt's percentage. Only submitted attempts
count. The LMS gradebook receives this grade (quizzes.lti.grades); whether the
student may see it yet is ``secrecy.score_released``.
"""

from __future__ import annotations

from statistics import fmean

from quizzes.models import Attempt, Quiz
from quizzes.models.practice import AttemptState, GradingMethod


def combine(method: str, percents: list[float]) -> float | None:
    """The grade from attempt percentages in the order they were made (None: no attempt)."""
    if not percents:
        return None
    if method == GradingMethod.AVERAGE:
        return fmean(percents)
    if method == GradingMethod.FIRST:
        return percents[0]
    if method == GradingMethod.LAST:
        return percents[-1]
    return max(percents)


def grade_as_of(attempt: Attempt) -> float | None:
    """The grade of ``attempt``'s student on its quiz counting their submitted attempts up to this one.

    It depends on the attempts alone, not on when it is asked: the grade sent to
    an LMS for this attempt is the same whenever it is sent.
    """
    rows = Attempt.objects.filter(
        quiz_id=attempt.quiz_id,
        user_id=attempt.user_id,
        state=AttemptState.SUBMITTED,
        number__lte=attempt.number,
    ).order_by("number")
    return combine(attempt.quiz.grading_method, _percents(rows))


def current_grade(*, quiz: Quiz, user) -> float | None:
    """``user``'s grade on ``quiz`` now (None: no submitted attempt)."""
    rows = Attempt.objects.filter(quiz=quiz, user=user, state=AttemptState.SUBMITTED).order_by("number")
    return combine(quiz.grading_method, _percents(rows))


def _percents(rows) -> list[float]:
    return [100.0 * score / maximum for score, maximum in rows.values_list("score", "max_score") if maximum]
