"""The educator's article import page: choose or paste, preview, confirm."""

import base64
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from quizzes.content import importing
from quizzes.models import Article, Lesson
from tests.factories import ArticleFactory, LessonFactory

SEED_BYTES = (Path(settings.BASE_DIR) / "fixtures" / "articles" / "calcinosis-cutis.txt").read_bytes()
SEED = SEED_BYTES.decode("utf-8")


def page_url(course) -> str:
    return reverse("articles_import", args=[course.slug])


def confirm_url(course) -> str:
    return reverse("articles_confirm", args=[course.slug])


def encoded(text: str) -> str:
    return base64.b64encode(text.encode("utf-8")).decode("ascii")


@pytest.mark.parametrize(
    "persona,status",
    [("anonymous", 302), ("outsider", 404), ("student", 403), ("lead", 403), ("educator", 200)],
)
def test_import_page_by_persona(request, client_for, course, persona, status):
    user = None if persona == "anonymous" else request.getfixturevalue(persona)
    response = client_for(user).get(page_url(course))
    assert response.status_code == status
    if status == 302:
        assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize(
    "persona,status",
    [("anonymous", 302), ("outsider", 404), ("student", 403), ("lead", 403)],
)
def test_only_educators_may_confirm(request, client_for, course, persona, status):
    user = None if persona == "anonymous" else request.getfixturevalue(persona)
    response = client_for(user).post(confirm_url(course), {"article": encoded(SEED)})
    assert response.status_code == status
    assert not Article.objects.exists()


@pytest.mark.parametrize("persona", ["outsider", "student", "lead"])
def test_only_educators_may_preview(request, client_for, course, persona):
    response = client_for(request.getfixturevalue(persona)).post(page_url(course), {"text": SEED})
    assert response.status_code in (403, 404)
    assert "What causes calcinosis cutis?" not in response.text


def test_the_page_shows_the_form_and_the_courses_articles(client_for, educator, course):
    article = ArticleFactory(course=course, title="Erythema nodosum")
    LessonFactory(course=course, article=article)
    response = client_for(educator).get(page_url(course))
    assert 'enctype="multipart/form-data"' in response.text
    assert "Erythema nodosum" in response.text and "1 lesson" in response.text
    assert 'name="text"' in response.text and 'name="file"' in response.text


def test_educators_see_the_articles_link_in_the_course_nav(client_for, educator, student, course):
    assert page_url(course) in client_for(educator).get(reverse("course", args=[course.slug])).text
    assert page_url(course) not in client_for(student).get(reverse("course", args=[course.slug])).text


def test_uploading_a_file_previews_the_lessons_and_writes_nothing(client_for, educator, course):
    upload = SimpleUploadedFile("calcinosis-cutis.txt", SEED_BYTES, content_type="text/plain")
    response = client_for(educator).post(page_url(course), {"file": upload})
    assert response.status_code == 200
    assert "Preview: Calcinosis cutis" in response.text
    assert "What causes calcinosis cutis?" in response.text
    assert "Metastatic calcinosis cutis" in response.text
    assert "1 list (8 items)" in response.text
    assert "A new article" in response.text
    assert response.context["confirm"]["article"].value() == encoded(SEED)
    assert not Article.objects.exists() and not Lesson.objects.exists()


def test_pasting_the_text_previews_it(client_for, educator, course):
    response = client_for(educator).post(page_url(course), {"text": SEED.replace("\n", "\r\n")})
    assert response.status_code == 200
    assert response.context["lessons"][0]["title"] == "What is calcinosis cutis?"
    assert response.context["confirm"]["article"].value() == encoded(SEED)  # line endings normalised


def test_confirming_imports_the_article_and_says_what_happened(client_for, educator, course):
    response = client_for(educator).post(confirm_url(course), {"article": encoded(SEED)}, follow=True)
    assert response.redirect_chain[-1][0] == page_url(course)
    assert "Imported “Calcinosis cutis”: 5 lessons." in response.text
    assert Article.objects.get(course=course).checksum == importing.checksum(SEED)
    assert course.lessons.count() == 5


def test_previewing_an_imported_article_says_it_is_unchanged(client_for, educator, course):
    importing.import_article(course=course, text=SEED)
    response = client_for(educator).post(page_url(course), {"text": SEED})
    assert "same text as the article already imported" in response.text
    assert confirm_url(course) not in response.text  # nothing to import
    edited = client_for(educator).post(page_url(course), {"text": SEED.replace("visceral", "internal")})
    assert "Importing updates its lessons in place" in edited.text
    assert confirm_url(course) in edited.text


def test_confirming_twice_keeps_one_copy(client_for, educator, course):
    client = client_for(educator)
    client.post(confirm_url(course), {"article": encoded(SEED)})
    response = client.post(confirm_url(course), {"article": encoded(SEED)}, follow=True)
    assert "unchanged" in response.text
    assert Article.objects.count() == 1 and Lesson.objects.count() == 5


@pytest.mark.parametrize(
    "data,message",
    [
        ({}, "Choose a file or paste the article&#x27;s text."),
        ({"text": "   "}, "Choose a file or paste the article&#x27;s text."),
        ({"text": "What is it?\n\nText."}, "Line 1: no title"),
        ({"text": "Calcinosis cutis\n\nOnly a paragraph."}, "The article has no sections"),
    ],
)
def test_bad_text_is_shown_with_the_reason(client_for, educator, course, data, message):
    response = client_for(educator).post(page_url(course), data)
    assert response.status_code == 200
    assert message in response.text
    assert "Preview:" not in response.text
    assert not Article.objects.exists()


@pytest.mark.parametrize(
    "content,message",
    [
        (b"", "The submitted file is empty."),
        (b"Title\n\x00\x00binary", "Line 2: the file looks binary"),
        (b"Title\n\nWhat?\n\ncaf\xe9", "Line 5: the file is not UTF-8"),
    ],
)
def test_bad_files_are_refused_with_the_line(client_for, educator, course, content, message):
    upload = SimpleUploadedFile("a.txt", content, content_type="text/plain")
    response = client_for(educator).post(page_url(course), {"file": upload})
    assert message in response.text
    assert not Article.objects.exists()


def test_a_file_and_pasted_text_together_are_refused(client_for, educator, course):
    upload = SimpleUploadedFile("a.txt", SEED_BYTES)
    response = client_for(educator).post(page_url(course), {"file": upload, "text": SEED})
    assert "Choose a file or paste the text, not both." in response.text


def test_a_file_over_the_limit_is_refused(client_for, educator, course, settings):
    settings.MAX_ARTICLE_BYTES = 1000
    upload = SimpleUploadedFile("a.txt", SEED_BYTES)
    response = client_for(educator).post(page_url(course), {"file": upload})
    assert "the limit is 1,000 bytes" in response.text
    assert "Preview:" not in response.text


@pytest.mark.parametrize(
    "value,message",
    [
        ("not base64 at all!", "The previewed article was altered"),
        (encoded("Calcinosis cutis\n\nNo headings here."), "The article has no sections"),
        ("", "This field is required."),
    ],
)
def test_confirm_checks_the_hidden_text_again(client_for, educator, course, value, message):
    response = client_for(educator).post(confirm_url(course), {"article": value})
    assert response.status_code == 200
    assert "Nothing was imported." in response.text and message in response.text
    assert not Article.objects.exists() and not Lesson.objects.exists()


def test_confirm_only_allows_post(client_for, educator, course):
    assert client_for(educator).get(confirm_url(course)).status_code == 405


@pytest.mark.parametrize("size", [2, 30])
def test_query_counts_are_bounded(client_for, educator, course, django_assert_max_num_queries, size):
    for n in range(size):
        article = ArticleFactory(course=course)
        LessonFactory(course=course, article=article, slug=f"l-{n}")
    client = client_for(educator)
    with django_assert_max_num_queries(8):
        client.get(page_url(course))
    with django_assert_max_num_queries(8):
        client.post(page_url(course), {"text": SEED})
