"""Interactive mode with multiple tries (Moodle's qbehaviour_interactive), through the services."""

from unittest import mock

import pytest
from django.utils import timezone

from quizzes.assessment import attempts, display, secrecy
from quizzes.items import grading
from quizzes.models import Attempt, Response
from quizzes.models.people import Role
from tests.concurrency import run_together
from tests.factories import (
    LessonFactory,
    MembershipFactory,
    QuizFactory,
    QuizItemFactory,
    UserFactory,
    marked_question,
)

pytestmark = pytest.mark.django_db
NOW = timezone.now().replace(microsecond=0)


def interactive_quiz(course, lesson, n=2, **options):
    quiz = QuizFactory(course=course, mode="interactive", shuffle_options=False, **options)
    for order in range(n):
        QuizItemFactory(quiz=quiz, question=marked_question(course, lesson, order), order=order)
    return quiz


def response(attempt, slot=1):
    return Response.objects.select_related("version").get(attempt=attempt, slot=slot)


def choice(attempt, slot=1, *, right, nth=0):
    choices = [c["id"] for c in response(attempt, slot).version.content["choices"] if c["correct"] == right]
    return {"choice": choices[nth]}


def post(attempt, student, answer, slot=1):
    attempt.refresh_from_db()
    return attempts.answer(attempt=attempt, user=student, slot=slot, answer=answer, seq=attempt.seq, now=NOW)


def test_a_wrong_try_stays_open_and_a_right_one_earns_the_mark_less_the_penalty(course, lesson, student):
    attempt = attempts.start(quiz=interactive_quiz(course, lesson), user=student, now=NOW)
    post(attempt, student, choice(attempt, right=False))
    first = response(attempt)
    assert (first.tries, first.answered_at, first.score, first.mark) == (1, None, None, None)

    post(attempt, student, choice(attempt, right=True))
    first = response(attempt)
    assert first.tries == 1 and first.answered_at == NOW
    assert first.score == 1.0 and first.mark == pytest.approx(2 / 3)


@pytest.mark.parametrize("right", [False, True])
def test_a_try_is_graded_once(course, lesson, student, right):
    attempt = attempts.start(quiz=interactive_quiz(course, lesson), user=student, now=NOW)
    answer = choice(attempt, right=right)

    with mock.patch.object(grading, "grade", wraps=grading.grade) as grade:
        post(attempt, student, answer)

    assert grade.call_count == 1
    assert response(attempt).score == (1.0 if right else None)


def test_the_last_try_is_final_even_when_wrong(course, lesson, student):
    attempt = attempts.start(quiz=interactive_quiz(course, lesson, tries_allowed=2), user=student, now=NOW)
    post(attempt, student, choice(attempt, right=False, nth=0))
    post(attempt, student, choice(attempt, right=False, nth=1))

    final = response(attempt)
    assert final.answered_at == NOW and final.mark == 0
    with pytest.raises(attempts.QuestionLocked):
        post(attempt, student, choice(attempt, right=True))


def test_the_same_wrong_answer_posted_twice_counts_one_try(course, lesson, student):
    attempt = attempts.start(quiz=interactive_quiz(course, lesson), user=student, now=NOW)
    wrong = choice(attempt, right=False)
    attempts.answer(attempt=attempt, user=student, slot=1, answer=wrong, seq=0, now=NOW)
    attempts.answer(attempt=attempt, user=student, slot=1, answer=wrong, seq=0, now=NOW)  # a double click

    assert response(attempt).tries == 1
    assert Attempt.objects.get(pk=attempt.pk).seq == 1


def test_a_different_answer_from_a_stale_page_is_refused(course, lesson, student):
    attempt = attempts.start(quiz=interactive_quiz(course, lesson), user=student, now=NOW)
    attempts.answer(
        attempt=attempt, user=student, slot=1, answer=choice(attempt, right=False), seq=0, now=NOW
    )

    with pytest.raises(attempts.StaleAttempt):
        attempts.answer(
            attempt=attempt, user=student, slot=1, answer=choice(attempt, right=False, nth=1), seq=0, now=NOW
        )
    assert response(attempt).tries == 1


def test_submitting_mid_question_marks_the_last_try_less_its_penalty(course, lesson, student):
    quiz = interactive_quiz(course, lesson, n=2, try_penalty=0.25)
    attempt = attempts.start(quiz=quiz, user=student, now=NOW)
    post(attempt, student, choice(attempt, right=False))
    post(attempt, student, choice(attempt, 2, right=False), slot=2)
    post(attempt, student, choice(attempt, 2, right=True), slot=2)
    attempt.refresh_from_db()
    attempts.submit(attempt=attempt, user=student, seq=attempt.seq, now=NOW)

    attempt.refresh_from_db()
    assert [r.mark for r in Response.objects.filter(attempt=attempt).order_by("slot")] == [0.0, 0.75]
    assert attempt.score == 0.75


def test_after_a_wrong_try_the_page_shows_the_chosen_options_explanation_not_the_key(course, lesson, student):
    attempt = attempts.start(quiz=interactive_quiz(course, lesson), user=student, now=NOW)
    post(attempt, student, choice(attempt, right=False))
    attempt.refresh_from_db()

    shown = display.question_display(attempt, response(attempt), secrecy.secret_questions(student, NOW))

    assert shown["try_again"]["hints"] == ["WHYWRONG 0"]
    assert shown["try_again"]["tries_left"] == 2 and shown["try_again"]["best_mark"] == pytest.approx(2 / 3)
    assert not shown["feedback"] and "explanation" not in shown and "grade" not in shown
    assert all("correct" not in option and "right" not in option for option in shown["options"])


def test_the_questions_own_hint_comes_first(course, lesson, student):
    quiz = interactive_quiz(course, lesson, n=0)
    question = marked_question(course, lesson, 7)
    question.hint = "Think of where the calcium comes from."
    question.save()
    QuizItemFactory(quiz=quiz, question=question)
    attempt = attempts.start(quiz=quiz, user=student, now=NOW)
    post(attempt, student, choice(attempt, right=False))
    attempt.refresh_from_db()

    shown = display.question_display(attempt, response(attempt), {})

    assert shown["try_again"]["hints"] == ["Think of where the calcium comes from."]


def test_no_hint_for_a_question_held_by_an_exam_in_progress(course, lesson, student):
    quiz = interactive_quiz(course, lesson, n=1)
    attempt = attempts.start(quiz=quiz, user=student, now=NOW)
    post(attempt, student, choice(attempt, right=False))
    exam = QuizFactory(course=course, mode="exam")
    QuizItemFactory(quiz=exam, question=response(attempt).question)
    attempts.start(quiz=exam, user=student, now=NOW)
    attempt.refresh_from_db()

    shown = display.question_display(attempt, response(attempt), secrecy.secret_questions(student, NOW))

    assert "try_again" not in shown
    with pytest.raises(attempts.ExamInProgress):
        post(attempt, student, choice(attempt, right=True))


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_a_wrong_try_posted_four_times_at_once_counts_once(race_db):
    lesson = LessonFactory()
    student = MembershipFactory(course=lesson.course, role=Role.STUDENT, user=UserFactory()).user
    attempt = attempts.start(quiz=interactive_quiz(lesson.course, lesson, n=1), user=student, now=NOW)
    wrong = choice(attempt, right=False)

    def work(_):
        mine = Attempt.objects.get(pk=attempt.pk)
        return attempts.answer(attempt=mine, user=student, slot=1, answer=wrong, seq=0, now=NOW).tries

    results, errors = run_together(4, work)

    assert errors == []
    assert set(results) == {1}
    assert response(attempt).tries == 1
    assert Attempt.objects.get(pk=attempt.pk).seq == 1
