"""Redirect targets taken from a request never leave the site (no open redirects)."""

import pytest
from django.urls import reverse

from quizzes.models import Draft
from tests.factories import DraftFactory, QuestionFactory, QuizFactory, QuizItemFactory, UserFactory

PASSWORD = "correct horse battery staple"
OFFSITE = [
    "https://evil.example/",
    "//evil.example/",
    "/\\evil.example/",
    "\\\\evil.example/",
    "https:evil.example",
    "javascript:alert(1)",
    " //evil.example/",
]


@pytest.mark.parametrize("target", OFFSITE)
def test_login_never_follows_an_offsite_next(client, target, db):
    UserFactory(username="amina")
    response = client.post(
        reverse("login") + "?next=x", {"username": "amina", "password": PASSWORD, "next": target}
    )
    assert response.status_code == 302
    assert response.url == reverse("home")


def test_login_follows_a_local_next(client, course, student):
    url = reverse("course", args=[course.slug])
    response = client.post(reverse("login"), {"username": "student", "password": PASSWORD, "next": url})
    assert response.status_code == 302 and response.url == url


@pytest.mark.parametrize("target", OFFSITE)
def test_logout_never_follows_an_offsite_next(client_for, student, target):
    response = client_for(student).post(reverse("logout"), {"next": target})
    assert response.status_code == 302
    assert response.url == reverse("login")


@pytest.mark.parametrize(
    "target",
    [*OFFSITE, "/c/other/drafts/", "/admin/"],
)
@pytest.mark.parametrize("action", ["drafts_reject", "drafts_accept"])
def test_draft_review_actions_return_only_to_the_review_queue(client_for, course, educator, target, action):
    draft = DraftFactory(course=course)
    response = client_for(educator).post(reverse(action, args=[course.slug, draft.pk]), {"next": target})
    assert response.status_code == 302
    assert response.url == reverse("drafts_review", args=[course.slug])
    assert Draft.objects.get(pk=draft.pk).status != "pending"


def test_draft_review_actions_keep_the_queues_filters(client_for, course, educator):
    draft = DraftFactory(course=course)
    back = reverse("drafts_review", args=[course.slug]) + "?status=pending&page=2"
    response = client_for(educator).post(
        reverse("drafts_reject", args=[course.slug, draft.pk]), {"next": back}
    )
    assert response.url == back


def test_quiz_builder_keeps_only_known_filters_on_its_own_page(client_for, course, educator, lesson):
    quiz = QuizFactory(course=course)
    QuizItemFactory(quiz=quiz, question=QuestionFactory(course=course, lesson=lesson))
    response = client_for(educator).post(
        reverse("quizbuilder_publish", args=[course.slug, quiz.pk]),
        {"published": "0", "filters": "q=a&next=https://evil.example/&kind=single"},
    )
    assert response.status_code == 302
    assert response.url.startswith(reverse("quizbuilder_detail", args=[course.slug, quiz.pk]) + "?")
    assert "evil" not in response.url and "q=a" in response.url and "kind=single" in response.url


def test_a_next_with_a_line_break_cannot_inject_a_header(client_for, course, educator):
    draft = DraftFactory(course=course)
    target = f"/c/{course.slug}/drafts/\r\nSet-Cookie: injected=1"
    response = client_for(educator).post(
        reverse("drafts_reject", args=[course.slug, draft.pk]), {"next": target}
    )
    assert response.status_code == 302
    assert response.url.startswith(f"/c/{course.slug}/drafts/")
    assert "\n" not in response.url and "\r" not in response.url
    assert "injected" not in response.cookies
