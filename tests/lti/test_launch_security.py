"""Launches MedQuiz must refuse, each written as the attack: a replay, a forged or stale token, another browser."""

import time

import pytest
from django.urls import reverse
from lti_tool.models import LtiDeployment, LtiUser

from quizzes.models import LtiStoredValue, Membership, User
from tests.lti.platform import OTHER_KEY, FakePlatform, launch, start_login


def signed_in(client) -> bool:
    return client.get(reverse("profile"), secure=True).status_code == 200


def post_launch(client, form):
    return client.post(reverse("lti_launch"), form, secure=True)


def test_a_captured_launch_cannot_be_replayed_from_the_same_browser(client, platform, linked, quiz):
    first = launch(client, platform)
    assert first.posted.status_code == 303

    again = post_launch(client, first.form)

    assert again.status_code == 403
    assert "This launch was already used" in again.text


@pytest.mark.parametrize("secure", [True, False], ids=["https", "http"])
def test_a_captured_launch_cannot_be_replayed_from_another_browser(
    client, client_factory, platform, linked, secure
):
    first = launch(client, platform, sub="victim", secure=secure)
    attacker = client_factory()

    # pylti1p3 alone accepts this over HTTP (its keys are not bound to the browser there): it has
    # seen this state with this id_token, so it skips the state cookie, and the nonce still exists.
    again = attacker.post(reverse("lti_launch"), first.form, secure=secure)

    assert again.status_code == 403
    assert attacker.get(reverse("profile"), secure=secure).status_code == 302
    assert User.objects.filter(lti_users__sub="victim").count() == 1


def test_two_racing_posts_of_one_launch_sign_in_once(client, platform, linked):
    location = start_login(client, platform)
    form = platform.answer_login(location)

    statuses = [post_launch(client, form).status_code for _ in range(2)]

    assert statuses == [303, 403]


def test_the_nonce_is_deleted_when_the_launch_uses_it(client, platform, linked):
    location = start_login(client, platform)
    assert LtiStoredValue.objects.filter(key__contains="-nonce-").count() == 1

    post_launch(client, platform.answer_login(location))

    assert not LtiStoredValue.objects.filter(key__contains="-nonce-").exists()


def test_a_launch_started_in_another_browser_is_refused(client, client_factory, platform, linked):
    location = start_login(client, platform)  # the state cookie and the session-id cookie are in `client`
    form = platform.answer_login(location)

    response = post_launch(client_factory(), form)

    assert response.status_code == 403
    assert "did not start in this browser" in response.text


@pytest.mark.parametrize(
    ("claims", "reason"),
    [
        ({"iss": "https://evil.example"}, "does not know this LMS"),
        ({"aud": "someone-elses-client-id"}, "does not know this LMS"),
        ({"exp": int(time.time()) - 10}, "This launch has expired"),
    ],
    ids=["wrong issuer", "wrong audience", "expired"],
)
def test_a_token_with_the_wrong_issuer_audience_or_expiry_is_refused(
    client, platform, linked, claims, reason
):
    location = start_login(client, platform)
    form = platform.answer_login(location, **claims)

    response = post_launch(client, form)

    assert response.status_code == 403
    assert reason in response.text
    assert not LtiUser.objects.exists()
    assert not signed_in(client)


def test_a_token_signed_by_another_key_is_refused(client, platform, linked):
    location = start_login(client, platform)
    form = platform.answer_login(location, key=OTHER_KEY)  # same kid, an attacker's key

    response = post_launch(client, form)

    assert response.status_code == 403
    assert "Signature verification failed" in response.text
    assert not LtiUser.objects.exists()


def test_a_tampered_token_is_refused(client, platform, linked):
    location = start_login(client, platform)
    form = platform.answer_login(location)
    header, _, signature = form["id_token"].split(".")
    nonce = platform.sent_tokens[-1]["nonce"]
    promoted = platform.sign(platform.claims(nonce=nonce, roles=["Instructor"])).split(".")[1]

    response = post_launch(client, {**form, "id_token": f"{header}.{promoted}.{signature}"})

    assert response.status_code == 403
    assert "Signature verification failed" in response.text
    assert not LtiUser.objects.exists()
    assert not Membership.objects.filter(role="educator").exclude(user__username="educator").exists()


def test_a_token_for_an_unknown_deployment_is_refused_and_left_for_the_administrator(
    client, platform, linked
):
    location = start_login(client, platform)
    form = platform.answer_login(
        location, **{"https://purl.imsglobal.org/spec/lti/claim/deployment_id": "99"}
    )

    response = post_launch(client, form)

    assert response.status_code == 403
    assert "deployment (99) is not active" in response.text
    assert not LtiDeployment.objects.get(deployment_id="99").is_active  # recorded, for an admin to activate
    assert not signed_in(client)


def test_a_deactivated_deployment_is_refused(client, platform, linked):
    LtiDeployment.objects.update(is_active=False)

    result = launch(client, platform)

    assert result.posted.status_code == 403
    assert not signed_in(client)


def test_a_platform_that_is_not_registered_cannot_start_a_login(client, tool_key):
    stranger = FakePlatform(issuer="https://stranger.example")
    check = client.get(
        reverse("lti_login"), {"iss": stranger.issuer, "login_hint": "x", "lti1p3_new_window": "1"}
    )

    assert check.status_code == 400
    assert "MedQuiz could not open this activity" in check.text


def test_without_a_tool_key_the_launch_says_what_to_do(client, db):
    response = client.get(
        reverse("lti_login"), {"iss": "https://moodle.school.example", "lti1p3_new_window": "1"}
    )

    assert response.status_code == 400
    assert "manage.py rotate_keys" in response.text


def test_the_continue_step_works_in_the_launching_browser_only(client, client_factory, platform, linked):
    result = launch(client, platform, follow_continue=False)
    continue_url = result.posted["Location"]

    stolen = client_factory().get(continue_url, secure=True)

    assert stolen.status_code == 403
    assert "expired or was already used" in stolen.text


def test_the_continue_step_signs_in_once(client, platform, linked):
    result = launch(client, platform)
    assert result.response.status_code == 302

    again = client.get(result.posted["Location"], secure=True)

    assert again.status_code == 403
    assert "expired or was already used" in again.text


def test_the_launch_url_only_takes_posts(client, db):
    assert client.get(reverse("lti_launch")).status_code == 405
