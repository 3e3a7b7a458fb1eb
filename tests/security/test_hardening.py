"""Login throttling, sessions, CSP and the production deployment check."""

import os
import subprocess
import sys

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import LessonFactory, UserFactory
from tests.paths import ROOT

PASSWORD = "correct horse battery staple"


def login(client, username, password, ip="10.0.0.1"):
    return client.post(reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=ip)


@pytest.mark.django_db
def test_five_failures_lock_that_username_from_that_address():
    UserFactory(username="amina")
    client = Client()
    for _ in range(5):
        login(client, "amina", "wrong")
    response = login(client, "amina", PASSWORD)
    assert response.status_code == 429
    assert "Too many failed log-in attempts" in response.text


@pytest.mark.django_db
def test_lockout_is_per_username_not_the_whole_campus():
    UserFactory(username="amina")
    UserFactory(username="ben")
    client = Client()
    for _ in range(5):
        login(client, "amina", "wrong", ip="10.9.9.9")
    response = login(client, "ben", PASSWORD, ip="10.9.9.9")
    assert response.status_code == 302


@pytest.mark.django_db
def test_lockout_cools_off(time_machine):
    UserFactory(username="amina")
    client = Client()
    time_machine.move_to("2026-11-25 10:00Z")
    for _ in range(5):
        login(client, "amina", "wrong")
    time_machine.move_to("2026-11-25 10:16Z")
    assert login(client, "amina", PASSWORD).status_code == 302


@pytest.mark.django_db
def test_session_key_rotates_at_login():
    UserFactory(username="amina")
    client = Client()
    client.get(reverse("login"))
    session = client.session
    session["probe"] = 1
    session.save()
    before = session.session_key
    assert login(client, "amina", PASSWORD).status_code == 302
    assert client.session.session_key != before


@pytest.mark.django_db
def test_pages_carry_a_content_security_policy_without_inline_scripts(client):
    response = client.get(reverse("login"))
    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self' 'nonce-" in policy
    assert "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
    assert "object-src 'none'" in policy
    assert response.headers["X-Frame-Options"] == "DENY"


def test_stored_text_is_rendered_inert(client_for, student, course):
    LessonFactory(
        course=course,
        slug="xss",
        title="<script>alert(1)</script>",
        body={
            "blocks": [
                {
                    "kind": "paragraph",
                    "text": '<a href="javascript:alert(1)">x</a><img src=x onerror=alert(1)>',
                },
                {
                    "kind": "list",
                    "text": "",
                    "ordered": False,
                    "items": [{"text": "<script>alert(2)</script>"}],
                },
            ],
            "subsections": [],
        },
    )
    response = client_for(student).get(reverse("lesson", args=[course.slug, "xss"]))
    assert "<script>alert" not in response.text
    assert 'href="javascript:' not in response.text
    assert "<img src=x" not in response.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in response.text


def deploy_check(env_overrides):
    env = {k: v for k, v in os.environ.items() if k not in {"DJANGO_ALLOW_ASYNC_UNSAFE", "DATABASE_URL"}}
    env.update(env_overrides)
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_the_deployment_check():
    result = deploy_check(
        {
            "DEBUG": "0",
            "SECRET_KEY": "x" * 20 + "a-real-long-random-production-secret-key-5b9c",
            "ALLOWED_HOSTS": "quiz.example.org",
        }
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_without_a_secret_key_refuses_to_start():
    result = deploy_check({"DEBUG": "0", "SECRET_KEY": "", "ALLOWED_HOSTS": "quiz.example.org"})
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr
