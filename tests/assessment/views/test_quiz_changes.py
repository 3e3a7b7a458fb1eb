"""Changing a quiz students already attempted: the page says what the change will and won't affect
before it saves; retiring a question of an open quiz is explained or refused."""

from django.urls import reverse

from quizzes.assessment import quizchanges
from quizzes.items import questions
from quizzes.models import AuditEntry, Quiz
from quizzes.models.audit import AuditAction
from tests.assessment.views.test_quizbuilder import settings_data
from tests.factories import QuestionFactory, QuizFactory, QuizItemFactory


def edit_url(course, quiz):
    return reverse("quizbuilder_edit", args=[course.slug, quiz.pk])


def test_saving_settings_of_an_attempted_quiz_first_says_what_it_affects(client_for, course, key_error):
    quiz = key_error["quiz"]
    client = client_for(key_error["educator"])

    response = client.post(edit_url(course, quiz), settings_data(pass_mark="50", time_limit_minutes="30"))

    assert response.status_code == 200
    assert "Not saved yet" in response.text
    assert "Pass mark 60% → 50%" in response.text and "1 would now pass and 0 would now fail" in response.text
    assert "keep the deadline they started with" in response.text
    assert quizchanges.SCORES_KEPT.split(":")[0] in response.text
    assert "Save anyway" in response.text
    assert Quiz.objects.get(pk=quiz.pk).pass_mark == 60
    assert not AuditEntry.objects.filter(action=AuditAction.QUIZ_SETTINGS).exists()


def test_confirming_saves_and_records_the_change(client_for, course, key_error):
    quiz = key_error["quiz"]

    response = client_for(key_error["educator"]).post(
        edit_url(course, quiz), settings_data(pass_mark="50", confirm_effects="1")
    )

    assert response.status_code == 302
    assert Quiz.objects.get(pk=quiz.pk).pass_mark == 50
    entry = AuditEntry.objects.get(action=AuditAction.QUIZ_SETTINGS)
    assert (entry.before["pass_mark"], entry.after["pass_mark"]) == (60, 50)


def test_a_quiz_without_attempts_saves_at_once(client_for, course, educator):
    quiz = QuizFactory(course=course, is_published=False)

    response = client_for(educator).post(edit_url(course, quiz), settings_data(pass_mark="50"))

    assert response.status_code == 302
    assert Quiz.objects.get(pk=quiz.pk).pass_mark == 50


def test_the_builder_says_what_changing_questions_does_to_past_attempts(client_for, course, key_error):
    response = client_for(key_error["educator"]).get(
        reverse("quizbuilder_detail", args=[course.slug, key_error["quiz"].pk])
    )

    assert "2 submitted attempt(s) and 0 in progress" in response.text
    assert "past attempts keep their questions and scores" in response.text


def test_retiring_a_question_of_an_open_quiz_needs_confirming_and_is_explained(client_for, course, key_error):
    flawed = key_error["flawed"]
    client = client_for(key_error["educator"])

    page = client.get(reverse("questions_detail", args=[course.slug, flawed.pk])).text
    refused = client.post(reverse("questions_retire", args=[course.slug, flawed.pk]), follow=True).text
    flawed.refresh_from_db()
    assert "Retiring it leaves it out of attempts started from now on" in page
    assert "Confirm to retire it" in refused and flawed.status == "published"

    client.post(reverse("questions_retire", args=[course.slug, flawed.pk]), {"confirm": "1"})
    flawed.refresh_from_db()
    assert flawed.status == "retired"


def test_the_only_question_of_an_open_quiz_cannot_be_retired(course, lesson, educator):
    question = QuestionFactory(course=course, lesson=lesson)
    QuizItemFactory(quiz=QuizFactory(course=course, title="Types", is_published=True), question=question)

    try:
        questions.retire(question, user=educator, confirm=True)
    except Exception as error:
        message = str(error)
    question.refresh_from_db()

    assert "“Types” is open and this is its only question" in message
    assert question.status == "published"
