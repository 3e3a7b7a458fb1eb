"""Login throttling that an attacker cannot aim at a victim.

Before: five wrong passwords from anywhere locked the real user out for 15 minutes,
and behind the README's proxy every request had the proxy's address, so anyone
could lock any known user out (say, on exam morning). Now the lockout is per
(username, client address), the client address comes from our own proxy's
X-Forwarded-For entry (never from what the client wrote), an address that fails on
many usernames (password spraying) is locked out by itself, and password-reset
e-mails are throttled per address and per account.
"""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from tests.factories import UserFactory

PASSWORD = "correct horse battery staple"
PROXY = "127.0.0.1"  # nginx on the same machine, as in the README


@pytest.fixture
def behind_proxy(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    return settings


def login(client, username, password, *, via_proxy_for=None, forwarded=None, ip="10.0.0.1"):
    """POST the login form; ``via_proxy_for``: the client address our proxy appends to X-Forwarded-For,
    after whatever the client itself sent (``forwarded``)."""
    headers = {}
    if via_proxy_for is not None:
        chain = [forwarded] if forwarded else []
        headers["HTTP_X_FORWARDED_FOR"] = ", ".join([*chain, via_proxy_for])
        ip = PROXY
    return client.post(
        reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=ip, **headers
    )


@pytest.mark.django_db
def test_an_attacker_behind_the_proxy_cannot_lock_the_victim_out(behind_proxy):
    UserFactory(username="amina")
    attacker, victim = Client(), Client()
    statuses = [login(attacker, "amina", "guess", via_proxy_for="203.0.113.66").status_code for _ in range(6)]
    assert statuses == [200, 200, 200, 200, 429, 429]  # locked out from the attacker's address...
    assert login(attacker, "amina", PASSWORD, via_proxy_for="203.0.113.66").status_code == 429
    # ...while Amina, on her own address behind the same proxy, logs in.
    assert login(victim, "amina", PASSWORD, via_proxy_for="198.51.100.7").status_code == 302


@pytest.mark.django_db
def test_an_attacker_cannot_dodge_the_lockout_by_writing_x_forwarded_for(behind_proxy):
    UserFactory(username="amina")
    attacker = Client()
    for n in range(5):
        login(attacker, "amina", "guess", via_proxy_for="203.0.113.66", forwarded=f"192.0.2.{n}")
    response = login(attacker, "amina", PASSWORD, via_proxy_for="203.0.113.66", forwarded="192.0.2.99")
    assert response.status_code == 429


@pytest.mark.django_db
def test_without_a_trusted_proxy_the_header_is_ignored(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    UserFactory(username="amina")
    attacker = Client()
    for n in range(5):  # a different X-Forwarded-For each time: ignored, the address stays the same
        attacker.post(
            reverse("login"),
            {"username": "amina", "password": "guess"},
            REMOTE_ADDR="203.0.113.66",
            HTTP_X_FORWARDED_FOR=f"192.0.2.{n}",
        )
    assert login(attacker, "amina", PASSWORD, ip="203.0.113.66").status_code == 429
    assert login(Client(), "amina", PASSWORD, ip="198.51.100.7").status_code == 302


@pytest.mark.django_db
def test_password_spraying_from_one_address_is_locked_out_even_with_a_right_password(behind_proxy):
    behind_proxy.THROTTLES = {**behind_proxy.THROTTLES, "login-failures-per-address": (20, 900)}
    UserFactory(username="lucky")
    sprayer = Client()
    for n in range(20):  # one guess at each of 20 usernames: under the per-username limit
        login(sprayer, f"student{n}", "Summer2026!", via_proxy_for="203.0.113.66")
    assert login(sprayer, "lucky", PASSWORD, via_proxy_for="203.0.113.66").status_code == 429
    assert login(Client(), "lucky", PASSWORD, via_proxy_for="198.51.100.7").status_code == 302


@pytest.mark.django_db
def test_a_few_typos_on_a_shared_campus_address_lock_nobody_else_out(behind_proxy):
    for n in range(5):
        UserFactory(username=f"student{n}")
    campus = "198.51.100.1"
    for n in range(5):
        login(Client(), f"student{n}", "typo", via_proxy_for=campus)
    assert login(Client(), "student0", PASSWORD, via_proxy_for=campus).status_code == 302


@pytest.mark.django_db
def test_password_reset_e_mails_are_throttled_per_account(behind_proxy):
    UserFactory(username="amina", email="amina@example.org")
    url = reverse("password_reset")
    for n in range(6):  # from six different addresses: the account's limit still holds
        response = Client().post(
            url, {"email": "Amina@example.org"}, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=f"203.0.113.{n}"
        )
        assert response.status_code == 302  # the same page whether or not an e-mail went
    assert len(mail.outbox) == 3


@pytest.mark.django_db
def test_password_reset_requests_are_throttled_per_address(behind_proxy):
    url = reverse("password_reset")
    client = Client()
    statuses = [
        client.post(
            url, {"email": f"person{n}@example.org"}, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.66"
        ).status_code
        for n in range(11)
    ]
    assert statuses[:10] == [302] * 10
    assert statuses[10] == 429
    other = Client().post(
        url, {"email": "x@example.org"}, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.7"
    )
    assert other.status_code == 302
