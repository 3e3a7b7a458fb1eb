"""What a student may see of a key, an explanation or a score: the one selector every page,
partial, export and figure asks before it shows one.

The rules:

1. **Feedback by mode.** An attempt in progress shows a question's key,
   explanations and score only in tutor mode, once the question is answered; an
   exam shows nothing until it is submitted (:func:`feedback_allowed`).
2. **Exam secrecy.** While a student has an exam-mode attempt in progress (before
   its deadline), nothing they can reach shows the key, the explanations or the
   score of a question that is in that exam: not the review or tutor feedback of
   another attempt, not a quiz's best score, not the dashboard's quiz history or
   lesson accuracy. Once the exam is submitted (or its time is up, so its
   answers can no longer change) they show again (:func:`secret_questions`,
   :func:`secret_responses`, :func:`withheld_attempts`).
3. **Who submits first.** An attempt that shares questions with an exam in
   progress cannot be submitted for its review (a tutor attempt, or an exam
   started after that exam) until that exam is submitted
   (:func:`waits_for_an_exam`); its deadline still ends it, and then rule 2
   keeps its review quiet. The earlier exam always can be submitted, so two
   exams never wait for each other.
"""

from __future__ import annotations

from datetime import datetime

from django.db.models import Q, QuerySet

from quizzes.models import Attempt, Response
from quizzes.models.practice import AttemptState, QuizMode


def feedback_allowed(attempt: Attempt, response: Response) -> bool:
    """May the page show the key and explanations for this response now (rule 1)?

    After submitting, always; in tutor mode, once the question was answered.
    Rule 2 is applied on top by the caller, with :func:`secret_questions`.
    """
    if attempt.state == AttemptState.SUBMITTED:
        return True
    return attempt.quiz.mode == QuizMode.TUTOR and response.answered_at is not None


def secret_responses(user, now: datetime) -> QuerySet[Response]:
    """The responses of ``user``'s exam attempts in progress whose time is not up (rule 2)."""
    return Response.objects.filter(
        Q(attempt__deadline__isnull=True) | Q(attempt__deadline__gt=now),
        attempt__user_id=getattr(user, "pk", user),
        attempt__state=AttemptState.IN_PROGRESS,
        attempt__quiz__mode=QuizMode.EXAM,
    )


def secret_questions(user, now: datetime) -> dict[int, str]:
    """The questions whose key ``user`` may not see now, each with the title of its exam (one query)."""
    return dict(secret_responses(user, now).values_list("question_id", "attempt__quiz__title"))


def withheld_attempts(user, now: datetime) -> QuerySet[Attempt]:
    """``user``'s submitted attempts whose score waits (rule 2): they hold a secret question.

    Their score, and every figure built on it, would tell how that question went.
    """
    secret = secret_responses(user, now).values("question_id")
    return Attempt.objects.filter(
        user_id=getattr(user, "pk", user),
        state=AttemptState.SUBMITTED,
        responses__question_id__in=secret,
    ).distinct()


def waits_for_an_exam(attempt: Attempt, now: datetime) -> bool:
    """Rule 3: does ``attempt`` share a question with an exam in progress that must be submitted first?

    A tutor attempt waits for any such exam; an exam waits only for exams started
    before it (a lower id), so of two exams sharing a question the first can
    always be submitted.
    """
    exams = secret_responses(attempt.user_id, now).exclude(attempt_id=attempt.pk)
    if attempt.quiz.mode == QuizMode.EXAM:
        exams = exams.filter(attempt_id__lt=attempt.pk)
    shared = exams.values("question_id")
    return Response.objects.filter(attempt=attempt, question_id__in=shared).exists()


def score_released(*, quiz, user, now: datetime) -> bool:
    """May ``user``'s grade on ``quiz`` be shown now, here or in an LMS gradebook (rule 2)?

    Not while one of their submitted attempts of it is withheld for an exam in progress.
    """
    return not withheld_attempts(user, now).filter(quiz_id=getattr(quiz, "pk", quiz)).exists()


def visible_results(responses: QuerySet[Response], *, user, now: datetime) -> QuerySet[Response]:
    """Of ``user``'s ``responses``, those whose result they may see now (rule 2): figures built
    from responses (the dashboard's lesson accuracy) leave the others out."""
    return responses.exclude(question_id__in=secret_responses(user, now).values("question_id"))
