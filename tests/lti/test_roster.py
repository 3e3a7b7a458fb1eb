"""A course lead adds the LMS roster to the course (Names and Role Provisioning)."""

import pytest
from django.urls import reverse
from lti_tool.models import LtiUser

from quizzes.models import Membership
from tests.lti.platform import ADMINISTRATOR, INSTRUCTOR, LEARNER, launch

INACTIVE = "Inactive"


def member(sub, roles, status="Active", **extra):
    return {
        "user_id": sub,
        "roles": roles,
        "status": status,
        "name": f"Person {sub}",
        "email": f"{sub}@school.example",
        **extra,
    }


@pytest.fixture
def lead_from_lms(client, platform, linked, lead):
    """The course lead, launched from the LMS (so the LMS course has shared its roster URL)."""
    LtiUser.objects.create(registration=platform.registration, sub="lead-1", auth_user=lead)
    launch(client, platform, sub="lead-1", roles=[ADMINISTRATOR])
    return lead


def test_a_lead_adds_the_lms_roster_to_the_course(
    client, platform, linked, lead_from_lms, course, requests_mock
):
    requests_mock.get(
        platform.memberships_url,
        json={
            "id": platform.memberships_url,
            "members": [
                member("s-1", [LEARNER]),
                member("s-2", ["Learner"]),  # no status: the LMS means Active
                member("s-3", [LEARNER], status=INACTIVE),
                member("t-9", [INSTRUCTOR]),
            ],
        },
    )
    response = client.post(
        reverse("lti_sync_roster", args=[course.slug, linked.pk]), secure=True, follow=True
    )

    assert "4 members; 2 roles granted, 2 student accounts made, 1 teachers will choose" in response.text
    students = Membership.objects.filter(course=course, role="student")
    assert sorted(students.values_list("user__lti_users__sub", flat=True)) == ["s-1", "s-2"]
    assert LtiUser.objects.get(sub="t-9").auth_user is None
    [request] = [r for r in requests_mock.request_history if r.url.startswith(platform.memberships_url)]
    assert request.headers["Accept"] == "application/vnd.ims.lti-nrps.v2.membershipcontainer+json"


def test_reading_the_roster_again_changes_nothing(
    client, platform, linked, lead_from_lms, course, requests_mock
):
    requests_mock.get(platform.memberships_url, json={"members": [member("s-1", [LEARNER])]})
    url = reverse("lti_sync_roster", args=[course.slug, linked.pk])
    client.post(url, secure=True)

    again = client.post(url, secure=True, follow=True)

    assert "0 roles granted, 0 student accounts made" in again.text
    assert Membership.objects.filter(course=course, role="student").count() == 1


def test_an_lms_that_does_not_answer_changes_nothing(
    client, platform, linked, lead_from_lms, course, requests_mock
):
    requests_mock.get(platform.memberships_url, status_code=502)

    response = client.post(
        reverse("lti_sync_roster", args=[course.slug, linked.pk]), secure=True, follow=True
    )

    assert "The LMS did not give the member list" in response.text
    assert not Membership.objects.filter(course=course, role="student").exists()


def test_only_a_course_lead_may_read_the_roster(client, linked, educator, course):
    client.force_login(educator)

    assert client.post(reverse("lti_sync_roster", args=[course.slug, linked.pk])).status_code == 403
