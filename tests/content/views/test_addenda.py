"""Lesson addenda: educators add, edit and delete them; everyone reading the lesson sees them, marked."""

import pytest
from django.urls import reverse

from quizzes.models import LessonAddendum
from tests.factories import LessonAddendumFactory, LessonFactory

REFERENCE = (
    "Reiter N, et al. Calcinosis cutis: part I. Diagnostic pathway. J Am Acad Dermatol. 2011;65(1):1-12."
)


@pytest.fixture
def lesson(course):
    return LessonFactory(course=course, title="What causes calcinosis cutis?", slug="causes")


def _url(name, course, lesson, *rest):
    return reverse(name, args=[course.slug, lesson.slug, *rest])


def test_an_educator_adds_an_addendum(client_for, course, educator, lesson):
    response = client_for(educator).post(
        _url("addenda_create", course, lesson),
        {
            "title": "Causes of dystrophic calcinosis cutis",
            "body": "- systemic sclerosis",
            "reference": REFERENCE,
        },
    )
    assert response.status_code == 302 and response["Location"] == reverse(
        "lesson", args=[course.slug, "causes"]
    )
    addendum = LessonAddendum.objects.get()
    assert (addendum.lesson, addendum.author, addendum.reference) == (lesson, educator, REFERENCE)


def test_the_reference_is_required(client_for, course, educator, lesson):
    response = client_for(educator).post(
        _url("addenda_create", course, lesson), {"title": "Causes", "body": "Text.", "reference": "  "}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["reference"] == ["This field is required."]
    assert not LessonAddendum.objects.exists()


def test_an_educator_edits_and_deletes_an_addendum(client_for, course, educator, lesson):
    addendum = LessonAddendumFactory(lesson=lesson)
    client = client_for(educator)
    client.post(
        _url("addenda_edit", course, lesson, addendum.pk),
        {"title": "New title", "body": "New.", "reference": "R."},
    )
    addendum.refresh_from_db()
    assert (addendum.title, addendum.body, addendum.reference) == ("New title", "New.", "R.")
    assert client.post(_url("addenda_delete", course, lesson, addendum.pk)).status_code == 302
    assert not LessonAddendum.objects.exists()


def test_students_cannot_write_addenda(client_for, course, student, lesson):
    addendum = LessonAddendumFactory(lesson=lesson)
    client = client_for(student)
    data = {"title": "T", "body": "B", "reference": "R"}
    assert client.post(_url("addenda_create", course, lesson), data).status_code == 403
    assert client.post(_url("addenda_edit", course, lesson, addendum.pk), data).status_code == 403
    assert client.post(_url("addenda_delete", course, lesson, addendum.pk)).status_code == 403
    assert LessonAddendum.objects.get().title == addendum.title


def test_an_addendum_of_another_lesson_is_404(client_for, course, educator, lesson):
    other = LessonAddendumFactory(lesson=LessonFactory(course=course, slug="other"))
    assert client_for(educator).get(_url("addenda_edit", course, lesson, other.pk)).status_code == 404


def test_the_lesson_page_shows_addenda_marked_as_not_from_the_article(client_for, course, student, lesson):
    LessonAddendumFactory(
        lesson=lesson, title="Dystrophic causes", body="Systemic sclerosis", reference=REFERENCE
    )
    response = client_for(student).get(reverse("lesson", args=[course.slug, "causes"]))
    assert "Not from the article — added by your educators" in response.text
    assert "Dystrophic causes" in response.text and f"Reference: {REFERENCE}" in response.text
    assert "Add an addendum" not in response.text and "Edit or delete" not in response.text


def test_educators_see_links_to_write_addenda(client_for, course, educator, lesson):
    LessonAddendumFactory(lesson=lesson)
    response = client_for(educator).get(reverse("lesson", args=[course.slug, "causes"]))
    assert "Add an addendum" in response.text and "Edit or delete this addendum" in response.text


@pytest.mark.parametrize("size", [1, 30])
def test_the_lesson_pages_query_count_does_not_grow_with_addenda(
    client_for, course, student, lesson, django_assert_max_num_queries, size
):
    for _ in range(size):
        LessonAddendumFactory(lesson=lesson)
    client = client_for(student)
    with django_assert_max_num_queries(10):
        client.get(reverse("lesson", args=[course.slug, "causes"]))


def test_lines_starting_with_a_dash_are_a_list(client_for, course, student, lesson):
    LessonAddendumFactory(
        lesson=lesson, body="Commonly listed causes:\n- panniculitis;\n- infections.\nAnd more."
    )
    html = client_for(student).get(reverse("lesson", args=[course.slug, "causes"])).content.decode()
    assert '<ul class="mb-2"><li>panniculitis;</li><li>infections.</li></ul>' in html
    assert '<p class="mb-2">Commonly listed causes:</p>' in html and '<p class="mb-2">And more.</p>' in html
