import pytest
from django.core import mail
from django.urls import reverse

from quizzes.models import User
from tests.factories import UserFactory


@pytest.mark.django_db
def test_signup_creates_user_and_logs_in(client):
    response = client.post(
        reverse("signup"),
        {
            "username": "amina",
            "email": "amina@example.org",
            "first_name": "Amina",
            "last_name": "Khan",
            "timezone": "Europe/London",
            "password1": "a-long-unusual-passphrase",
            "password2": "a-long-unusual-passphrase",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(username="amina")
    assert user.timezone == "Europe/London"
    assert client.get(reverse("home")).status_code == 200


@pytest.mark.django_db
def test_signup_refuses_a_common_password(client):
    response = client.post(
        reverse("signup"),
        {"username": "bob", "timezone": "UTC", "password1": "password", "password2": "password"},
    )
    assert response.status_code == 200
    assert "too common" in response.text
    assert not User.objects.filter(username="bob").exists()


@pytest.mark.django_db
def test_signup_refuses_an_unknown_timezone(client):
    response = client.post(
        reverse("signup"),
        {
            "username": "bob",
            "timezone": "Mars/Olympus",
            "password1": "x-Y-z-12345678",
            "password2": "x-Y-z-12345678",
        },
    )
    assert "is not a known time zone" in response.text


@pytest.mark.django_db
def test_profile_changes_timezone(client):
    user = UserFactory()
    client.force_login(user)
    client.post(
        reverse("profile"),
        {"first_name": "A", "last_name": "B", "email": "a@b.org", "timezone": "Asia/Tokyo"},
    )
    user.refresh_from_db()
    assert user.timezone == "Asia/Tokyo"


@pytest.mark.django_db
def test_password_reset_sends_email(client):
    UserFactory(email="reset@example.org")
    response = client.post(reverse("password_reset"), {"email": "reset@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert "reset" in mail.outbox[0].body.lower()


@pytest.mark.django_db
def test_logout_ends_the_session_server_side(client):
    client.force_login(UserFactory())
    key = client.session.session_key
    client.post(reverse("logout"))
    from django.contrib.sessions.models import Session

    assert not Session.objects.filter(session_key=key).exists()
    assert client.get(reverse("home")).status_code == 302
