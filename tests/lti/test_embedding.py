"""MedQuiz in the LMS's iframe: its own cookies, framing by that LMS only, and nobody silently signed out."""

from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.test import Client
from django.urls import reverse

from tests.lti.platform import launch

MOODLE = "https://moodle.school.example"


def set_cookies(*responses) -> dict:
    """Every cookie the responses set, by name (the last one wins)."""
    cookies = {}
    for response in responses:
        cookies.update({name: morsel for name, morsel in response.cookies.items()})
    return cookies


def frame_policy(response) -> str:
    policy = response["Content-Security-Policy"]
    return next(part.strip() for part in policy.split(";") if part.strip().startswith("frame-ancestors"))


def test_an_lms_session_lives_in_its_own_samesite_none_secure_cookies(client, platform, linked, quiz):
    result = launch(client, platform, custom={"medquiz_target": f"quiz:{quiz.pk}"})
    landing = client.get(result.response["Location"], secure=True)

    cookies = set_cookies(result.response, landing)
    assert settings.SESSION_COOKIE_NAME not in cookies
    assert settings.CSRF_COOKIE_NAME not in cookies
    session = cookies[settings.LTI_SESSION_COOKIE_NAME]
    assert (session["samesite"], bool(session["secure"]), bool(session["httponly"])) == ("None", True, True)
    csrf = cookies[settings.LTI_CSRF_COOKIE_NAME]
    assert (csrf["samesite"], bool(csrf["secure"])) == ("None", True)


def test_an_iframe_launch_leaves_the_sites_own_session_alone(client, platform, linked, student):
    top_level_tab = Client()
    top_level_tab.force_login(student)
    site_session = top_level_tab.cookies[settings.SESSION_COOKIE_NAME].value
    # Inside the LMS's iframe the browser sends no SameSite=Lax cookie: a browser without them.
    launch(client, platform, sub="someone-else")

    assert SessionStore(session_key=site_session).get("_auth_user_id") == str(student.pk)
    assert top_level_tab.get(reverse("profile")).context["user"] == student


def test_lms_pages_may_be_framed_by_their_lms_only(client, platform, linked, quiz, course):
    result = launch(client, platform, custom={"medquiz_target": f"quiz:{quiz.pk}"})
    page = client.get(result.response["Location"], secure=True)

    assert page.status_code == 200
    assert "X-Frame-Options" not in page
    assert frame_policy(page) == f"frame-ancestors 'self' {MOODLE}"


def test_the_rest_of_the_site_is_still_never_framed(client, student, course, quiz):
    client.force_login(student)
    page = client.get(reverse("lti_quiz", args=[course.slug, quiz.pk]))

    assert page.status_code == 200
    assert page["X-Frame-Options"] == "DENY"
    assert frame_policy(page) == "frame-ancestors 'none'"


def test_the_platform_settings_add_the_lms_web_address_that_frames_it(client, platform, linked, quiz):
    settings_row = platform.registration.medquiz_settings
    settings_row.frame_origins = "https://school.instructure.com"
    settings_row.save()
    result = launch(client, platform, custom={"medquiz_target": f"quiz:{quiz.pk}"})

    page = client.get(result.response["Location"], secure=True)

    assert frame_policy(page) == f"frame-ancestors 'self' {MOODLE} https://school.instructure.com"


def test_the_handshake_pages_may_be_framed_by_registered_lms_only(client, platform):
    check = client.post(reverse("lti_login"), {"iss": MOODLE, "login_hint": "x"}, secure=True)

    assert "X-Frame-Options" not in check
    assert frame_policy(check) == f"frame-ancestors 'self' {MOODLE}"


def test_forms_work_inside_the_lms_session_with_its_csrf_cookie(platform, linked, quiz, course):
    browser = Client(enforce_csrf_checks=True)
    result = launch(browser, platform, custom={"medquiz_target": f"quiz:{quiz.pk}"})
    page = browser.get(result.response["Location"], secure=True)
    token = page.context["csrf_token"]

    started = browser.post(
        reverse("attempts_start", args=[course.slug, quiz.pk]),
        {"csrfmiddlewaretoken": str(token)},
        secure=True,
        headers={"Origin": "https://testserver"},  # a browser's own form post, from inside the frame
    )

    assert started.status_code == 302
    assert quiz.attempts.count() == 1


def test_a_user_signed_in_here_is_asked_before_a_launch_signs_them_out(client, platform, linked, student):
    client.force_login(student)  # a new-window launch: the site's cookie is sent
    result = launch(client, platform, sub="lms-other")

    assert result.response.status_code == 200
    assert "You are signed in to MedQuiz as student" in result.response.text
    assert client.get(reverse("profile"), secure=True).context["user"] == student


def test_staying_signed_in_cancels_the_launch(client, platform, linked, student):
    client.force_login(student)
    result = launch(client, platform, sub="lms-other")

    client.post(result.response.wsgi_request.path, {"action": "cancel"}, secure=True)
    again = client.post(result.response.wsgi_request.path, {"action": "continue"}, secure=True)

    assert client.get(reverse("profile"), secure=True).context["user"] == student
    assert again.status_code == 403


def test_continuing_signs_the_other_user_out_and_the_lms_user_in(client, platform, linked, student):
    client.force_login(student)
    result = launch(client, platform, sub="lms-other")

    switched = client.post(result.response.wsgi_request.path, {"action": "continue"}, secure=True)

    me = client.get(reverse("profile"), secure=True).context["user"]
    assert me != student
    assert me.lti_users.get().sub == "lms-other"
    assert switched.status_code == 302


def test_a_launch_of_the_signed_in_users_own_lms_account_just_continues(client, platform, linked, quiz):
    launch(client, platform, sub="s-1")
    result = launch(client, platform, sub="s-1", custom={"medquiz_target": f"quiz:{quiz.pk}"})

    assert result.response.status_code == 302


def test_an_lms_session_is_replaced_by_the_next_lms_user_without_asking(client, platform, linked):
    launch(client, platform, sub="first-student")
    result = launch(client, platform, sub="second-student")

    assert result.response.status_code == 302
    assert client.get(reverse("profile"), secure=True).context["user"].lti_users.get().sub == "second-student"


def test_messages_reach_the_next_page_inside_the_lms_session(client, platform, linked, quiz, course):
    result = launch(client, platform, custom={"medquiz_target": f"quiz:{quiz.pk}"})
    client.get(result.response["Location"], secure=True)
    quiz.is_published = False
    quiz.save()

    refused = client.post(reverse("attempts_start", args=[course.slug, quiz.pk]), secure=True)

    assert "messages" not in refused.cookies
    assert "medquiz_lti_messages" in refused.cookies
    page = client.get(refused["Location"], secure=True)
    assert "This quiz is not published." in page.text
