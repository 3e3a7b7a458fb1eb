"""Certainty-based marking on the pages: the question asks for a certainty; the review and the
dashboard show calibration only where the secrecy selector lets marks show."""

import pytest
from django.urls import reverse
from django.utils import timezone

from quizzes.assessment import attempts, secrecy
from quizzes.items import grading
from quizzes.models import Response
from tests.factories import LessonFactory, QuizFactory, QuizItemFactory, marked_question

pytestmark = pytest.mark.django_db


def url(name, course, *args):
    return reverse(name, args=[course.slug, *args])


def cbm_quiz(course, lessons, *, everything=True):
    review = secrecy.review_defaults("tutor") if everything else {}
    quiz = QuizFactory(
        course=course,
        mode="exam",
        certainty_based_marking=True,
        shuffle_options=False,
        title="CBM exam",
        **review,
    )
    for order, lesson in enumerate(lessons):
        QuizItemFactory(quiz=quiz, question=marked_question(course, lesson, order), order=order)
    return quiz


def sit(quiz, student, answers):
    """Answer slot by slot with (right?, certainty) and submit."""
    now = timezone.now()
    attempt = attempts.start(quiz=quiz, user=student, now=now)
    for seq, (slot, (right, certainty)) in enumerate(enumerate(answers, 1)):
        response = Response.objects.select_related("version").get(attempt=attempt, slot=slot)
        choices = response.version.content["choices"]
        choice = next(c["id"] for c in choices if c["correct"] == right)
        attempts.answer(
            attempt=attempt,
            user=student,
            slot=slot,
            answer={"choice": choice},
            certainty=certainty,
            seq=seq,
            now=now,
        )
    attempts.submit(attempt=attempt, user=student, seq=len(answers), now=now)
    return attempt


def test_the_question_asks_how_certain_with_what_each_level_risks(client_for, course, lesson, student):
    attempt = attempts.start(quiz=cbm_quiz(course, [lesson]), user=student, now=timezone.now())

    page = client_for(student).get(url("attempts_question", course, attempt.pk, 1))

    assert "How certain are you?" in page.text
    assert page.text.count('name="certainty"') == 3
    assert "3 if right, -6 if wrong" in page.text


def test_the_page_saves_the_posted_certainty(client_for, course, lesson, student):
    attempt = attempts.start(quiz=cbm_quiz(course, [lesson]), user=student, now=timezone.now())

    client_for(student).post(
        url("attempts_question", course, attempt.pk, 1), {"seq": 0, "choice": "1", "certainty": "2"}
    )

    assert Response.objects.get(attempt=attempt).certainty == 2


def test_review_shows_cbm_marks_calibration_and_the_over_confident_lesson(
    client_for, course, lesson, student
):
    shaky = LessonFactory(course=course, title="Causes of calcinosis", slug="causes")
    quiz = cbm_quiz(course, [lesson] + [shaky] * 4)
    attempt = sit(quiz, student, [(True, 3), (False, 3), (False, 3), (False, 3), (True, 3)])

    page = client_for(student).get(url("attempts_review", course, attempt.pk))

    assert "CBM mark 3" in page.text and "CBM mark -6" in page.text
    assert "How well your certainty matched your answers" in page.text
    assert "40% right of 5 answers" in page.text
    # Moodle's summary: accuracy 40%; mean CBM mark -12/5 against 0.4 for one level at 40% (low).
    assert "Accuracy <strong>40%</strong>" in page.text and "CBM bonus <strong>-28.0%</strong>" in page.text
    assert "over-confident</strong> on" in page.text and "Causes of calcinosis" in page.text
    attempt.refresh_from_db()
    assert attempt.score == 3 + 3 - 18


def test_review_hides_calibration_while_the_review_options_hide_marks(client_for, course, lesson, student):
    quiz = cbm_quiz(course, [lesson] * 3, everything=False)  # exam defaults: the score only until it closes
    attempt = sit(quiz, student, [(False, 3), (False, 3), (True, 1)])

    page = client_for(student).get(url("attempts_review", course, attempt.pk))

    assert page.status_code == 200
    assert "How well your certainty matched" not in page.text
    assert "over-confident" not in page.text and "CBM mark" not in page.text


def test_dashboard_shows_calibration_from_visible_answers_only(client_for, course, lesson, student):
    shown = cbm_quiz(course, [lesson] * 4)
    sit(shown, student, [(False, 3), (False, 3), (False, 3), (True, 3)])
    hidden = cbm_quiz(course, [lesson] * 2, everything=False)
    sit(hidden, student, [(True, 1), (True, 1)])

    page = client_for(student).get(url("progress_dashboard", course))

    assert "25% right of 4 answers" in page.text  # high certainty, from the quiz whose marks show
    assert "You are <strong>over-confident</strong> on" in page.text and lesson.title in page.text
    # The hidden exam's two low-certainty answers do not count yet.
    assert "right of 2 answers" not in page.text


def test_dashboard_has_no_calibration_without_cbm_answers(client_for, course, lesson, student):
    page = client_for(student).get(url("progress_dashboard", course))

    assert "How well your certainty matched" not in page.text


def test_the_key_of_a_cbm_question_does_not_leak_before_submit(client_for, course, lesson, student):
    attempt = attempts.start(quiz=cbm_quiz(course, [lesson]), user=student, now=timezone.now())
    client = client_for(student)
    client.post(url("attempts_question", course, attempt.pk, 1), {"seq": 0, "choice": "2", "certainty": "3"})

    page = client.get(url("attempts_question", course, attempt.pk, 1))

    assert "WHYRIGHT" not in page.text and "CBM mark" not in page.text and "Correct answer" not in page.text
    assert grading.public_view(Response.objects.get(attempt=attempt).version.content)
