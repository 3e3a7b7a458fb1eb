"""Interactive mode on the pages: educators set it up; a wrong try shows a hint, never the key."""

import pytest
from django.urls import reverse
from django.utils import timezone

from quizzes.assessment import attempts, quizbuilder
from quizzes.models import Quiz, Response
from tests.factories import QuizFactory, QuizItemFactory, marked_question

from .test_quizbuilder import settings_data

pytestmark = pytest.mark.django_db


def url(name, course, *args):
    return reverse(name, args=[course.slug, *args])


def started(course, lesson, student, **options):
    quiz = QuizFactory(course=course, mode="interactive", shuffle_options=False, **options)
    QuizItemFactory(quiz=quiz, question=marked_question(course, lesson, 0))
    QuizItemFactory(quiz=quiz, question=marked_question(course, lesson, 1))
    return attempts.start(quiz=quiz, user=student, now=timezone.now())


def test_educator_creates_an_interactive_quiz_with_its_tries_and_penalty(client_for, educator, course):
    response = client_for(educator).post(
        url("quizbuilder_create", course),
        settings_data(mode="interactive", tries_allowed="4", try_penalty="0.25"),
    )

    assert response.status_code == 302
    quiz = Quiz.objects.get()
    assert (quiz.mode, quiz.tries_allowed, quiz.try_penalty) == ("interactive", 4, 0.25)


def test_interactive_quizzes_default_to_three_tries_and_a_third_off(client_for, educator, course):
    client_for(educator).post(url("quizbuilder_create", course), settings_data(mode="interactive"))

    quiz = Quiz.objects.get()
    assert quiz.tries_allowed == 3 and quiz.try_penalty == pytest.approx(1 / 3)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"mode": "interactive", "certainty_based_marking": "on"}, quizbuilder.CBM_NOT_INTERACTIVE),
        ({"mode": "interactive", "tries_allowed": "1"}, quizbuilder.TRIES_RANGE),
        ({"mode": "interactive", "try_penalty": "0.7"}, "Select a valid choice"),
    ],
)
def test_bad_interactive_settings_are_refused_by_name(client_for, educator, course, changes, message):
    response = client_for(educator).post(url("quizbuilder_create", course), settings_data(**changes))

    assert response.status_code == 400
    assert message.replace("'", "&#x27;") in response.text
    assert not Quiz.objects.exists()


def test_a_wrong_try_shows_the_hint_and_another_try(client_for, course, lesson, student):
    attempt = started(course, lesson, student)
    client = client_for(student)

    page = client.post(
        url("attempts_question", course, attempt.pk, 1), {"seq": 0, "choice": "2"}, follow=True
    )

    assert "Not right yet." in page.text and "2 tries left" in page.text
    assert "WHYWRONG 0" in page.text
    assert "WHYRIGHT" not in page.text and "OVERALLWHY" not in page.text and "Correct answer" not in page.text
    assert "Check again" in page.text
    assert Response.objects.get(attempt=attempt, slot=1).tries == 1


def test_htmx_check_swaps_in_the_hint_card(client_for, course, lesson, student):
    attempt = started(course, lesson, student)

    card = client_for(student).post(
        url("attempts_question", course, attempt.pk, 1), {"seq": 0, "choice": "3"}, HTTP_HX_REQUEST="true"
    )

    assert card.status_code == 200 and 'id="question-card"' in card.text
    assert "Not right yet." in card.text and "KEYTEXT 0" in card.text  # the option's text, unmarked
    assert "is-correct" not in card.text


def test_a_right_try_shows_the_feedback_and_the_reduced_mark(client_for, course, lesson, student):
    attempt = started(course, lesson, student)
    client = client_for(student)
    client.post(url("attempts_question", course, attempt.pk, 1), {"seq": 0, "choice": "2"})

    page = client.post(
        url("attempts_question", course, attempt.pk, 1), {"seq": 1, "choice": "1"}, follow=True
    )

    assert "Correct" in page.text and "0.67 / 1 mark" in page.text and "after 1 wrong try" in page.text
    assert "WHYRIGHT 0" in page.text


def test_the_quiz_list_names_interactive_mode(client_for, course, lesson, student):
    started(course, lesson, student)

    page = client_for(student).get(url("attempts_list", course))

    assert ">Interactive<" in page.text
