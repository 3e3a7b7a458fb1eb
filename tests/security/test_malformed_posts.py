"""Hand-made POST values get a clear refusal, never a server error.

str.isdigit() is true for characters int() cannot read ("²", "①"), so every
number read from a form is checked as ASCII digits.
"""

import pytest
from django.urls import reverse
from django.utils import timezone

from quizzes.assessment import attempts
from quizzes.assessment.practice import SOURCES
from quizzes.models import Draft, Response
from tests.factories import DraftFactory, QuestionFactory, QuizFactory, QuizItemFactory

NOT_NUMBERS = ["²", "①", "1²", "-1", "", "1e3", " 1"]


@pytest.fixture
def exam_attempt(course, lesson, student):
    quiz = QuizFactory(course=course, mode="exam")
    for order in range(2):
        QuizItemFactory(quiz=quiz, question=QuestionFactory(course=course, lesson=lesson), order=order)
    return attempts.start(quiz=quiz, user=student, now=timezone.now())


@pytest.mark.parametrize("value", NOT_NUMBERS)
def test_an_option_position_that_is_not_a_number_is_refused(client_for, course, student, exam_attempt, value):
    url = reverse("attempts_question", args=[course.slug, exam_attempt.pk, 1])
    response = client_for(student).post(url, {"seq": 0, "choice": value}, follow=True)
    assert response.status_code == 200
    assert Response.objects.get(attempt=exam_attempt, slot=1).answer is None


@pytest.mark.parametrize("value", NOT_NUMBERS)
def test_a_multiple_response_position_that_is_not_a_number_is_refused(
    client_for, course, lesson, student, value
):
    quiz = QuizFactory(course=course, mode="exam")
    question = QuestionFactory(
        course=course, lesson=lesson, kind="multiple", choices=[("A", True), ("B", True), ("C", False)]
    )
    QuizItemFactory(quiz=quiz, question=question)
    attempt = attempts.start(quiz=quiz, user=student, now=timezone.now())
    url = reverse("attempts_question", args=[course.slug, attempt.pk, 1])
    response = client_for(student).post(url, {"seq": 0, "choices": ["1", value]}, follow=True)
    assert response.status_code == 200
    assert Response.objects.get(attempt=attempt, slot=1).answer is None


@pytest.mark.parametrize("value", ["²", "①", "9999999999999999999999", "0"])
def test_a_go_to_question_that_is_not_a_slot_does_not_break(client_for, course, student, exam_attempt, value):
    url = reverse("attempts_question", args=[course.slug, exam_attempt.pk, 1])
    response = client_for(student).post(url, {"seq": 0, "choice": "1", "go": value})
    assert response.status_code == 302
    assert Response.objects.get(attempt=exam_attempt, slot=1).answer is not None


@pytest.mark.parametrize("value", ["²", "①", "x", "99999999999999999999999"])
def test_bulk_accept_ignores_ids_that_are_not_numbers(client_for, course, educator, value):
    draft = DraftFactory(course=course)
    response = client_for(educator).post(reverse("drafts_bulk_accept", args=[course.slug]), {"ids": [value]})
    assert response.status_code == 302
    assert Draft.objects.get(pk=draft.pk).status == "pending"


BIG = "99999999999999999999999"  # beyond any database integer (SQLite raised OverflowError on it)


def test_adding_a_question_id_beyond_a_database_integer_is_refused(client_for, course, educator, lesson):
    quiz = QuizFactory(course=course, is_published=False)
    QuizItemFactory(quiz=quiz, question=QuestionFactory(course=course, lesson=lesson))
    url = reverse("quizbuilder_add_questions", args=[course.slug, quiz.pk])
    response = client_for(educator).post(url, {"question": BIG}, follow=True)
    assert response.status_code == 200
    assert quiz.items.count() == 1
    assert "question" in response.text.lower()  # the refusal is shown as a message


def test_a_random_rule_with_a_lesson_id_beyond_a_database_integer_is_refused(
    client_for, course, educator, lesson
):
    quiz = QuizFactory(course=course, is_published=False)
    QuizItemFactory(quiz=quiz, question=QuestionFactory(course=course, lesson=lesson))
    url = reverse("quizbuilder_add_rule", args=[course.slug, quiz.pk])
    response = client_for(educator).post(url, {"count": 1, "lessons": [str(lesson.pk), BIG]})
    assert response.status_code == 400
    assert "not one of the available choices" in response.text
    assert not quiz.random_rules.exists()


def test_a_practice_set_with_a_lesson_id_beyond_a_database_integer_is_refused(
    client_for, course, student, lesson
):
    QuestionFactory(course=course, lesson=lesson)
    data = {"lessons": [BIG], "kinds": ["single"], "sources": list(SOURCES), "count": 1}
    response = client_for(student).post(reverse("attempts_practice", args=[course.slug]), data)
    assert response.status_code == 200
    assert "not one of the available choices" in response.text
    assert not student.practice_sets.exists()
