"""The course's item-quality page: counts by flag with links, set findings, overrides; bounded queries."""

import pytest
from django.urls import reverse

from quizzes.items import questions
from tests.factories import NoteFactory, QuestionFactory, QuizFactory, QuizItemFactory, clone_set

pytestmark = pytest.mark.django_db


def url(course):
    return reverse("quality_report", args=[course.slug])


@pytest.mark.parametrize(
    ("persona", "status"), [("educator", 200), ("student", 403), ("lead", 403), ("outsider", 404)]
)
def test_it_is_for_educators(request, client_for, course, persona, status):
    assert client_for(request.getfixturevalue(persona)).get(url(course)).status_code == status


def test_it_counts_items_by_flag_and_links_to_them(client_for, educator, course, lesson):
    QuestionFactory(
        course=course,
        lesson=lesson,
        choices=[("A drug", True), ("B drug", False), ("None of the above", False)],
    )
    NoteFactory(course=course, lesson=lesson, kind="basic", front="What is Koebner?", back="Koebner")
    response = client_for(educator).get(url(course))
    assert "“None of the above”" in response.text
    assert f"{reverse('questions_bank', args=[course.slug])}?flag=none-of-the-above" in response.text
    assert f"{reverse('notes_list', args=[course.slug])}?flag=answer-on-card" in response.text
    assert "published with errors nobody overrode" in response.text


def test_it_lists_overrides_with_their_reasons(client_for, educator, course, lesson):
    question = QuestionFactory(
        course=course,
        lesson=lesson,
        status="draft",
        choices=[("A", True), ("B", False), ("All of the above", False)],
    )
    questions.publish(question, reason="Legacy exam item", user=educator)
    response = client_for(educator).get(url(course))
    assert "Errors overridden, and why" in response.text and "“Legacy exam item”" in response.text


def test_it_shows_each_quizs_set_findings(client_for, educator, course, lesson):
    quiz = QuizFactory(course=course, title="Types", shuffle_options=False)
    clone_set(course, lesson, quiz)
    response = client_for(educator).get(url(course))
    assert "In each quiz" in response.text and "Types" in response.text
    assert "3 questions draw on the same options" in response.text


@pytest.mark.parametrize("size", [5, 60])
def test_its_query_count_does_not_grow(
    client_for, educator, course, lesson, size, django_assert_max_num_queries
):
    quiz = QuizFactory(course=course)
    for n in range(size):
        QuizItemFactory(
            quiz=quiz, question=QuestionFactory(course=course, lesson=lesson, stem=f"Which drug {n}?")
        )
        NoteFactory(course=course, lesson=lesson, front=f"Front {n}?", back=f"Back {n}")
    client = client_for(educator)
    with django_assert_max_num_queries(14):
        assert client.get(url(course)).status_code == 200
