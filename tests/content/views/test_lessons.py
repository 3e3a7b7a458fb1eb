import pytest
from django.urls import reverse

from quizzes.models import LessonRead
from tests.factories import ArticleFactory, LessonFactory


@pytest.fixture
def lessons(course):
    article = ArticleFactory(
        course=course, title="Calcinosis cutis", authors=["Dr Ian Coulson"], source="DermNet"
    )
    return [
        LessonFactory(course=course, article=article, order=i, title=f"Lesson {i}?", slug=f"lesson-{i}")
        for i in range(3)
    ]


def test_lesson_list_shows_which_are_read(client_for, student, course, lessons):
    LessonRead.objects.create(user=student, lesson=lessons[1])
    response = client_for(student).get(reverse("course", args=[course.slug]))
    assert response.status_code == 200
    assert [lesson.title for lesson in response.context["lessons"]] == ["Lesson 0?", "Lesson 1?", "Lesson 2?"]
    assert [lesson.is_read for lesson in response.context["lessons"]] == [False, True, False]


def test_lesson_page_credits_source_and_links_neighbours(client_for, student, course, lessons):
    response = client_for(student).get(reverse("lesson", args=[course.slug, "lesson-1"]))
    assert response.status_code == 200
    assert "Dr Ian Coulson" in response.text
    assert "DermNet" in response.text
    assert reverse("lesson", args=[course.slug, "lesson-0"]) in response.text
    assert reverse("lesson", args=[course.slug, "lesson-2"]) in response.text


def test_mark_read_records_once(client_for, student, course, lessons):
    client = client_for(student)
    url = reverse("lesson_read", args=[course.slug, "lesson-0"])
    client.post(url)
    client.post(url)
    assert LessonRead.objects.filter(user=student, lesson=lessons[0]).count() == 1


def test_mark_read_only_allows_post(client_for, student, course, lessons):
    response = client_for(student).get(reverse("lesson_read", args=[course.slug, "lesson-0"]))
    assert response.status_code == 405
    assert not LessonRead.objects.exists()


@pytest.mark.parametrize(
    "persona,status", [("student", 200), ("educator", 200), ("lead", 200), ("outsider", 404)]
)
def test_lesson_page_by_persona(request, client_for, course, lessons, persona, status):
    user = request.getfixturevalue(persona)
    assert client_for(user).get(reverse("lesson", args=[course.slug, "lesson-0"])).status_code == status


@pytest.mark.django_db
def test_lesson_page_needs_login(client, course, lessons):
    response = client.get(reverse("lesson", args=[course.slug, "lesson-0"]))
    assert response.status_code == 302


def test_unknown_lesson_is_404(client_for, student, course, lessons):
    assert client_for(student).get(reverse("lesson", args=[course.slug, "nope"])).status_code == 404


@pytest.mark.parametrize("size", [3, 60])
def test_lesson_pages_query_count_is_bounded(
    client_for, student, course, django_assert_max_num_queries, size
):
    article = ArticleFactory(course=course)
    for i in range(size):
        LessonFactory(course=course, article=article, order=i, slug=f"l-{i}")
        LessonRead.objects.create(user=student, lesson_id=course.lessons.get(slug=f"l-{i}").pk)
    client = client_for(student)
    with django_assert_max_num_queries(8):
        client.get(reverse("course", args=[course.slug]))
    with django_assert_max_num_queries(9):
        client.get(reverse("lesson", args=[course.slug, "l-1"]))
