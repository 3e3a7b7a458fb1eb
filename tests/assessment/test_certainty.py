"""Certainty-based marking through the attempt services: marks per Moodle's table, stored once."""

import pytest
from django.utils import timezone

from quizzes.assessment import attempts
from quizzes.items import grading
from quizzes.models import Response
from tests.factories import QuizFactory, QuizItemFactory, marked_question

pytestmark = pytest.mark.django_db
NOW = timezone.now().replace(microsecond=0)


def cbm_quiz(course, lesson, n=3, mode="exam"):
    quiz = QuizFactory(course=course, mode=mode, certainty_based_marking=True)
    for order in range(n):
        QuizItemFactory(quiz=quiz, question=marked_question(course, lesson, order), order=order)
    return quiz


def rows(attempt):
    return list(Response.objects.filter(attempt=attempt).select_related("version").order_by("slot"))


def key(response):
    return grading.answer_key(response.version.content)


def wrong(response):
    return {"choice": next(c["id"] for c in response.version.content["choices"] if not c["correct"])}


def test_exam_marks_follow_moodles_table_and_total_is_relative_to_low_certainty(course, lesson, student):
    attempt = attempts.start(quiz=cbm_quiz(course, lesson), user=student, now=NOW)
    first, second, third = rows(attempt)
    seq = 0
    for response, answer, certainty in (
        (first, key(first), "3"),
        (second, wrong(second), "2"),
        (third, key(third), "1"),
    ):
        attempts.answer(
            attempt=attempt,
            user=student,
            slot=response.slot,
            answer=answer,
            certainty=certainty,
            seq=seq,
            now=NOW,
        )
        seq += 1
    attempts.submit(attempt=attempt, user=student, seq=seq, now=NOW)

    assert [(r.certainty, r.score, r.mark) for r in rows(attempt)] == [
        (3, 1.0, 3.0),
        (2, 0.0, -2.0),
        (1, 1.0, 1.0),
    ]
    attempt.refresh_from_db()
    assert attempt.score == 2.0 and attempt.max_score == 3
    assert attempt.percent == pytest.approx(200 / 3)


def test_an_answer_without_certainty_is_marked_low_and_a_blank_question_earns_nothing(
    course, lesson, student
):
    attempt = attempts.start(quiz=cbm_quiz(course, lesson, n=2), user=student, now=NOW)
    first, _ = rows(attempt)
    attempts.answer(attempt=attempt, user=student, slot=1, answer=wrong(first), seq=0, now=NOW)
    attempts.submit(attempt=attempt, user=student, seq=1, now=NOW)

    assert [(r.certainty, r.mark) for r in rows(attempt)] == [(None, 0.0), (None, 0.0)]


def test_a_confident_wrong_answer_can_take_the_attempt_below_zero(course, lesson, student):
    attempt = attempts.start(quiz=cbm_quiz(course, lesson, n=1), user=student, now=NOW)
    (only,) = rows(attempt)
    attempts.answer(attempt=attempt, user=student, slot=1, answer=wrong(only), certainty=3, seq=0, now=NOW)
    attempts.submit(attempt=attempt, user=student, seq=1, now=NOW)

    attempt.refresh_from_db()
    assert attempt.score == -6.0 and attempt.percent == -600.0 and attempt.passed is False


def test_changing_only_the_certainty_is_a_change_and_posting_it_twice_counts_once(course, lesson, student):
    attempt = attempts.start(quiz=cbm_quiz(course, lesson, n=1), user=student, now=NOW)
    (only,) = rows(attempt)
    attempts.answer(attempt=attempt, user=student, slot=1, answer=key(only), certainty=1, seq=0, now=NOW)
    attempts.answer(attempt=attempt, user=student, slot=1, answer=key(only), certainty=3, seq=1, now=NOW)
    attempts.answer(attempt=attempt, user=student, slot=1, answer=key(only), certainty=3, seq=1, now=NOW)

    attempt.refresh_from_db()
    assert attempt.seq == 2
    assert Response.objects.get(attempt=attempt).certainty == 3


def test_a_certainty_that_is_not_a_level_is_refused_and_nothing_changes(course, lesson, student):
    attempt = attempts.start(quiz=cbm_quiz(course, lesson, n=1), user=student, now=NOW)
    (only,) = rows(attempt)
    with pytest.raises(attempts.BadAnswer, match="low, medium or high"):
        attempts.answer(
            attempt=attempt, user=student, slot=1, answer=key(only), certainty="9", seq=0, now=NOW
        )

    only.refresh_from_db()
    assert only.answer is None and only.certainty is None
    attempt.refresh_from_db()
    assert attempt.seq == 0


def test_tutor_mode_needs_a_certainty_to_check_and_marks_at_once(course, lesson, student):
    attempt = attempts.start(quiz=cbm_quiz(course, lesson, n=1, mode="tutor"), user=student, now=NOW)
    (only,) = rows(attempt)
    with pytest.raises(attempts.BadAnswer, match="how certain"):
        attempts.answer(attempt=attempt, user=student, slot=1, answer=key(only), seq=0, now=NOW)

    attempts.answer(attempt=attempt, user=student, slot=1, answer=key(only), certainty="2", seq=0, now=NOW)
    only.refresh_from_db()
    assert (only.certainty, only.score, only.mark) == (2, 1.0, 2.0)
    with pytest.raises(attempts.QuestionLocked):
        attempts.answer(
            attempt=attempt, user=student, slot=1, answer=key(only), certainty="3", seq=1, now=NOW
        )


def test_a_quiz_without_cbm_ignores_a_posted_certainty(course, lesson, student):
    quiz = QuizFactory(course=course, mode="exam")
    QuizItemFactory(quiz=quiz, question=marked_question(course, lesson, 0))
    attempt = attempts.start(quiz=quiz, user=student, now=NOW)
    (only,) = rows(attempt)
    attempts.answer(attempt=attempt, user=student, slot=1, answer=wrong(only), certainty="3", seq=0, now=NOW)
    attempts.submit(attempt=attempt, user=student, seq=1, now=NOW)

    only.refresh_from_db()
    assert (only.certainty, only.mark) == (None, 0.0)
