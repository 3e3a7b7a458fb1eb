"""The authentication backend: the signed-in user read by one written-out statement, sessions signed in
before it kept, and a wrong password checked once."""

from importlib import import_module
from unittest import mock

import pytest
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from quizzes.accounts import backends
from quizzes.models import User
from tests.factories import UserFactory

PASSWORD = "correct horse battery staple"


def _session_for(client, user, backend: str, user_id=None) -> None:
    """Give `client` a session signed in as `user` through `backend` (as a login on an earlier release would)."""
    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store.update(
        {
            SESSION_KEY: str(user.pk if user_id is None else user_id),
            BACKEND_SESSION_KEY: backend,
            HASH_SESSION_KEY: user.get_session_auth_hash(),
        }
    )
    store.create()
    client.cookies[settings.SESSION_COOKIE_NAME] = store.session_key


@pytest.mark.django_db
def test_logging_in_signs_in_through_the_backend_and_each_request_reads_the_user_once(client):
    user = UserFactory(timezone="Europe/London")
    response = client.post(reverse("login"), {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    assert client.session[BACKEND_SESSION_KEY] == backends.PATH
    with CaptureQueriesContext(connection) as queries:
        page = client.get(reverse("profile"))
    assert page.status_code == 200
    assert user.username in page.content.decode()
    reads = [q["sql"] for q in queries.captured_queries if User._meta.db_table in q["sql"]]
    assert len(reads) == 1
    assert reads[0].startswith("SELECT u.")  # the written-out statement, not the ORM's


@pytest.mark.django_db
def test_a_session_signed_in_through_model_backend_stays_signed_in(client):
    user = UserFactory()
    _session_for(client, user, "django.contrib.auth.backends.ModelBackend")
    assert client.get(reverse("profile")).status_code == 200


@pytest.mark.django_db
def test_a_wrong_password_is_checked_once_not_once_per_backend(client):
    user = UserFactory()
    with mock.patch.object(User, "check_password", autospec=True, return_value=False) as check:
        response = client.post(reverse("login"), {"username": user.username, "password": "wrong guess"})
    assert response.status_code == 200  # the form again, with its error
    assert "_auth_user_id" not in client.session
    assert check.call_count == 1


@pytest.mark.django_db
@pytest.mark.parametrize("case", ["inactive", "deleted"])
def test_a_session_whose_user_cannot_sign_in_is_signed_out(client, case):
    user = UserFactory(is_active=case != "inactive")
    user_id = user.pk + 1000 if case == "deleted" else None
    _session_for(client, user, backends.PATH, user_id)
    response = client.get(reverse("profile"))
    assert response.status_code == 302
    assert reverse("login") in response["Location"]
