"""The administrator registers a platform (django-lti's form with MedQuiz's settings) and watches the grade queue."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from quizzes.models import GradePassback, LtiPlatformSettings
from tests.factories import GradePassbackFactory, UserFactory


def registration_form(**changes):
    data = {
        "name": "School Canvas",
        "uuid": "0c4f4f8e-7f0e-4b1b-9a53-1d1f0f6b2a10",
        "issuer": "https://canvas.instructure.com",
        "client_id": "10000000000042",
        "audience": "",
        "auth_url": "https://sso.canvaslms.com/api/lti/authorize_redirect",
        "token_url": "https://sso.canvaslms.com/login/oauth2/token",
        "keyset_url": "https://sso.canvaslms.com/api/lti/security/jwks",
        "is_active": "on",
        "public_key": "",
        "private_key": "",
        "deployments-TOTAL_FORMS": "1",
        "deployments-INITIAL_FORMS": "0",
        "deployments-0-deployment_id": "7:abc",
        "deployments-0-is_active": "on",
        "medquiz_settings-TOTAL_FORMS": "1",
        "medquiz_settings-INITIAL_FORMS": "0",
        "medquiz_settings-0-frame_origins": "https://school.instructure.com",
        "medquiz_settings-0-lead_roles": "ContentDeveloper",
    }
    return {**data, **changes}


def test_an_administrator_registers_a_platform_with_its_deployment_and_settings(client, db):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    response = client.post(reverse("admin:lti_tool_ltiregistration_add"), registration_form())

    assert response.status_code == 302, response.context["errors"] if response.context else response
    settings = LtiPlatformSettings.objects.get()
    assert settings.registration.deployments.get().deployment_id == "7:abc"
    assert settings.extra_frame_origins == ["https://school.instructure.com"]


def test_a_frame_origin_with_a_path_is_refused(client, db):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    response = client.post(
        reverse("admin:lti_tool_ltiregistration_add"),
        registration_form(**{"medquiz_settings-0-frame_origins": "https://school.instructure.com/courses"}),
    )

    assert response.status_code == 200
    assert (
        "Not an origin (scheme://host[:port], no path): https://school.instructure.com/courses"
        in response.text
    )
    assert not LtiPlatformSettings.objects.exists()


def test_the_grade_queue_can_be_told_to_retry_now(client, db):
    waiting = GradePassbackFactory(next_try_at=timezone.now() + timedelta(hours=6), tries=9)
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    client.post(
        reverse("admin:quizzes_gradepassback_changelist"),
        {"action": "retry_now", "_selected_action": [waiting.pk]},
    )

    assert GradePassback.objects.get().next_try_at <= timezone.now()
