"""The Import questions page: upload, preview, confirm; and the export buttons of the bank."""

from pathlib import Path

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from quizzes.interchange.views import SESSION_KEY
from quizzes.models import Question
from tests.factories import QuestionFactory
from tests.security.test_fuzz_question_files import row_counts

pytestmark = pytest.mark.django_db
GIFT = (Path(__file__).parents[1] / "fixtures" / "every_form.gift.txt").read_bytes()


def _upload(client, course, data=GIFT, name="every_form.gift.txt", **extra):
    url = reverse("questions_import", args=[course.slug])
    return client.post(url, {"file": SimpleUploadedFile(name, data), **extra})


def _confirm(client, course, response):
    confirm = response.context["confirm"]
    data = {"token": confirm.initial["token"], "lesson": confirm.initial["lesson"] or ""}
    return client.post(reverse("questions_import_confirm", args=[course.slug]), data)


def test_the_preview_counts_kinds_lists_skips_by_line_and_writes_nothing(client_for, course, educator):
    client = client_for(educator)
    before = row_counts()
    response = _upload(client, course)
    assert response.status_code == 200
    assert row_counts() == before
    page = response.text
    assert "6 single best answer" in page and "2 multiple response" in page and "1 image" in page
    assert "line 75</strong> “essay”: essay questions are not in the app" in page
    assert "Single best answer · lesson “Types / subtypes” · key cc-types-01" in page
    assert "New lessons: Types / subtypes, Images." in page
    assert "is not in the file (GIFT cannot carry files)" in page
    assert "Import 13 questions" in page


def test_confirming_imports_once_unpublished(client_for, course, educator):
    client = client_for(educator)
    preview = _upload(client, course)
    token = preview.context["confirm"].initial["token"]
    response = _confirm(client, course, preview)
    assert response.status_code == 302 and response.url.endswith("?status=draft")
    imported = Question.objects.filter(course=course)
    assert imported.count() == 13
    assert set(imported.values_list("status", "origin", "created_by")) == {("draft", "imported", educator.pk)}
    assert not default_storage.exists(f"question-imports/{token}.bin")
    assert SESSION_KEY not in client.session
    again = _confirm(client, course, preview)  # a replayed confirmation imports nothing
    assert again.status_code == 302 and Question.objects.filter(course=course).count() == 13


def test_a_token_from_another_session_imports_nothing(client, course, educator, django_user_model):
    from tests.factories import MembershipFactory, UserFactory

    other = MembershipFactory(course=course, role="educator", user=UserFactory(username="other")).user
    client.force_login(other)
    preview = _upload(client, course)
    stolen = preview.context["confirm"].initial["token"]
    client.force_login(educator)
    response = client.post(reverse("questions_import_confirm", args=[course.slug]), {"token": stolen})
    assert response.status_code == 302 and response.url == reverse("questions_import", args=[course.slug])
    assert not Question.objects.filter(course=course).exists()


def test_a_file_with_problems_shows_them_and_offers_no_import(client_for, course, educator):
    client = client_for(educator)
    response = _upload(client, course, b"Good?{=a ~b ~c}\n\nBroken?{=a ~b\n", "bad.txt")
    assert response.status_code == 200
    assert "This file cannot be imported" in response.text
    assert "line 3: the braces around the answers do not match" in response.text
    assert "questions_import_confirm" not in response.text and "Import 1 question" not in response.text
    assert client.session[SESSION_KEY]["token"] == ""


def test_a_file_that_is_not_utf8_is_refused_on_the_form(client_for, course, educator):
    response = _upload(client_for(educator), course, "Caf\xe9?{T}".encode("latin-1"), "latin.txt")
    assert response.status_code == 400
    assert "not UTF-8 text (byte 0xe9 on line 1)" in response.text


def test_a_student_cannot_upload(client_for, course, student):
    response = _upload(client_for(student), course)
    assert response.status_code == 403
    assert (
        not default_storage.exists("question-imports") or not default_storage.listdir("question-imports")[1]
    )


def test_export_of_selected_questions_ignores_other_courses_ids(
    client_for, course, other_course, lesson, educator
):
    mine = QuestionFactory(course=course, lesson=lesson, stem="Mine?")
    QuestionFactory(course=course, lesson=lesson, stem="Not selected?")
    theirs = QuestionFactory(course=other_course, stem="Theirs?")
    url = reverse("questions_export", args=[course.slug])
    response = client_for(educator).get(url, {"format": "moodle-xml", "q": [mine.pk, theirs.pk]})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml; charset=utf-8"
    assert 'filename="calcinosis-cutis-questions.xml"' in response["Content-Disposition"]
    body = response.content.decode()
    assert "Mine?" in body and "Not selected?" not in body and "Theirs?" not in body


def test_export_of_all_questions_as_gift(client_for, course, lesson, educator):
    QuestionFactory(course=course, lesson=lesson, stem="First?")
    QuestionFactory(course=course, lesson=lesson, stem="Second?")
    response = client_for(educator).get(reverse("questions_export", args=[course.slug]), {"format": "gift"})
    body = response.content.decode()
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert "First?{" in body and "Second?{" in body


def test_the_bank_offers_import_and_export(client_for, course, lesson, educator):
    question = QuestionFactory(course=course, lesson=lesson)
    page = client_for(educator).get(reverse("questions_bank", args=[course.slug])).text
    assert reverse("questions_import", args=[course.slug]) in page
    assert f'name="q" value="{question.pk}"' in page
    assert 'name="format" value="moodle-xml"' in page
