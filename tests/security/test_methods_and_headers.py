"""Every URL answers only the methods it means, and pages carry the right headers.

Before: read-only pages answered POST, PUT and DELETE as if they were GET (so a
form anywhere could make a signed-in browser fetch them with any method), signed-in
pages could be kept by caches and the back button of a shared computer, there was
no Permissions-Policy, and the session lifetime was Django's fixed default.
"""

import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from tests.paths import ROOT

from .test_url_matrix import MATRIX, expected_statuses, named_patterns, resolve_kwargs

PERSONAS = ("anonymous", "student", "educator", "lead")
# Pages that take a form (GET shows it, POST sends it); every other page is read-only.
FORMS = {
    "login",
    "password_change",
    "password_reset",
    "password_reset_confirm",
    "signup",
    "profile",
    "account_delete",
    "members",
    "exam_date_course",
    "exam_date_own",
    "articles_import",
    "questions_create",
    "questions_edit",
    "questions_regrade",
    "quizbuilder_create",
    "quizbuilder_edit",
    "attempts_practice",
    "attempts_question",
    "attempts_submit",
    "notes_create",
    "notes_edit",
    "drafts_edit",
    "addenda_create",
    "addenda_edit",
    "questions_import",
    "questions_images",
    "notes_images",
    # LTI: the LMS may start the OIDC login with GET or POST (LTI 1.3 core, 5.1.1).
    "lti_login",
    "lti_login_for",
}


def clients(world):
    for persona in PERSONAS:
        client = Client()
        user = world["users"][persona]
        if user is not None:
            client.force_login(user)
        yield persona, client


def reachable(world):
    """(persona, client, name, url) for every URL a persona may GET (status 200)."""
    for persona, client in clients(world):
        for name, pattern in named_patterns():
            entry = MATRIX[name]
            if expected_statuses(name, pattern, entry)[persona] == 200 and entry.ok == 200:
                yield persona, client, name, reverse(name, kwargs=resolve_kwargs(entry, world)) + entry.query


def test_no_url_answers_put_patch_or_delete(world):
    failures = []
    for persona, client, name, url in reachable(world):
        for method in ("put", "patch", "delete"):
            status = getattr(client, method)(url).status_code
            if status != 405:
                failures.append(f"{method.upper()} {name} as {persona}: {status}")
    assert not failures, "\n".join(failures)


def test_read_only_pages_refuse_post(world):
    failures = []
    for persona, client, name, url in reachable(world):
        if name not in FORMS:
            status = client.post(url, {}).status_code
            if status != 405:
                failures.append(f"POST {name} as {persona}: {status}")
    assert not failures, "\n".join(failures)


def test_signed_in_pages_are_not_stored_by_caches(client_for, student, course):
    response = client_for(student).get(reverse("progress_dashboard", args=[course.slug]))
    assert "no-store" in response.headers["Cache-Control"]
    assert "private" in response.headers["Cache-Control"]


@pytest.mark.django_db
def test_every_page_turns_off_unused_browser_features(client):
    policy = client.get(reverse("login")).headers["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
        assert feature in policy


def test_a_session_lasts_the_configured_time(client, student):
    assert settings.SESSION_COOKIE_AGE == 7 * 24 * 60 * 60  # SESSION_HOURS, a week by default
    response = client.post(
        reverse("login"), {"username": "student", "password": "correct horse battery staple"}
    )
    assert response.status_code == 302
    assert client.cookies[settings.SESSION_COOKIE_NAME]["max-age"] == settings.SESSION_COOKIE_AGE


def test_a_session_lifetime_out_of_range_refuses_to_start():
    env = {k: v for k, v in os.environ.items() if k not in {"DJANGO_ALLOW_ASYNC_UNSAFE", "DATABASE_URL"}}
    env["SESSION_HOURS"] = "0"
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode != 0 and "SESSION_HOURS must be from 1 to 2160" in result.stderr
