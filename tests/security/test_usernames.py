"""Usernames are NFKC-normalised, and look-alikes of existing names are refused.

Before: "amina" spelt with a Cyrillic "a" (U+0430) could sign up next to "amina" and pass for her in
member lists and reports.
"""

import pytest
from django.urls import reverse

from quizzes.models import User
from tests.factories import UserFactory


def signup(client, username):
    data = {
        "username": username,
        "email": "",
        "first_name": "",
        "last_name": "",
        "timezone": "UTC",
        "password1": "a long enough passphrase 42",
        "password2": "a long enough passphrase 42",
    }
    return client.post(reverse("signup"), data)


@pytest.mark.parametrize(
    ("lookalike", "why"),
    [
        ("\u0430mina", "mixes alphabets"),  # Cyrillic a (U+0430), then Latin
        ("\u0430m\u0456n\u0430", "mixes alphabets"),
        ("Amina", "already exists"),  # case only (Django's own check)
    ],
)
def test_a_lookalike_of_an_existing_name_is_refused(client, db, lookalike, why):
    UserFactory(username="amina")
    response = signup(client, lookalike)
    assert response.status_code == 200
    assert why in response.text
    assert User.objects.count() == 1


def test_a_whole_script_lookalike_of_an_existing_latin_name_is_refused(client, db):
    UserFactory(username="coco")
    response = signup(client, "\u0441\u043e\u0441\u043e")  # all Cyrillic: es, o, es, o
    assert "looks too much like an existing username" in response.text
    assert User.objects.count() == 1


def test_usernames_are_nfkc_normalised(client, db):
    response = signup(client, "\uff53tudent")  # full-width s
    assert response.status_code == 302
    assert User.objects.filter(username="student").exists()


def test_names_in_one_other_alphabet_are_welcome(client, db):
    assert signup(client, "Νίκος").status_code == 302
    assert signup(client, "José").status_code == 302
