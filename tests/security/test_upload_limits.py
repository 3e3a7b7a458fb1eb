"""Every way an article reaches the importer has the same size limit (settings.MAX_ARTICLE_BYTES)."""

import base64

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from quizzes.models import Article, Lesson

from .test_url_matrix import row_counts

TITLE = "Calcinosis cutis\n\nWhat is it?\n\n"


def test_a_pasted_article_over_the_limit_is_refused_before_the_preview(
    client_for, educator, course, settings
):
    settings.MAX_ARTICLE_BYTES = 2000
    text = TITLE + "Calcium in the skin. " * 200  # about 4 kB
    before = row_counts()
    response = client_for(educator).post(reverse("articles_import", args=[course.slug]), {"text": text})
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "text" in errors and "limit" in errors["text"][0]
    assert "the limit is 2,000 bytes" in response.text.lower()
    assert "articles_confirm" not in response.text and 'name="article"' not in response.text
    assert row_counts() == before


def test_a_pasted_article_within_the_limit_is_previewed(client_for, educator, course, settings):
    settings.MAX_ARTICLE_BYTES = 2000
    text = TITLE + "Calcium in the skin. " * 20
    response = client_for(educator).post(reverse("articles_import", args=[course.slug]), {"text": text})
    assert response.status_code == 200
    assert 'name="article"' in response.text  # the confirm form of the preview


def test_an_uploaded_file_over_the_limit_is_refused(client_for, educator, course, settings):
    settings.MAX_ARTICLE_BYTES = 2000
    upload = SimpleUploadedFile("a.txt", (TITLE + "x" * 3000).encode(), content_type="text/plain")
    response = client_for(educator).post(reverse("articles_import", args=[course.slug]), {"file": upload})
    assert response.status_code == 200
    assert "limit" in response.context["form"].errors["file"][0]
    assert not Article.objects.exists() and not Lesson.objects.exists()


def test_a_confirm_post_over_the_limit_imports_nothing(client_for, educator, course, settings):
    settings.MAX_ARTICLE_BYTES = 2000
    article = base64.b64encode((TITLE + "Calcium in the skin. " * 200).encode()).decode()
    response = client_for(educator).post(
        reverse("articles_confirm", args=[course.slug]), {"article": article}
    )
    assert response.status_code == 200
    assert "Nothing was imported" in response.text
    assert not Article.objects.exists() and not Lesson.objects.exists()
