"""LMS roles → course roles (a pure function)."""

import pytest

from quizzes.lti.roles import ADMINISTRATOR, INSTRUCTOR, LEARNER, TEACHING_ASSISTANT, course_roles, is_staff

MENTOR = "http://purl.imsglobal.org/vocab/lis/v2/membership#Mentor"
SITE_ADMIN = "http://purl.imsglobal.org/vocab/lis/v2/system/person#Administrator"
INSTITUTION_ADMIN = "http://purl.imsglobal.org/vocab/lis/v2/institution/person#Administrator"


@pytest.mark.parametrize(
    ("lms", "ours"),
    [
        ([LEARNER], {"student"}),
        (["Learner"], {"student"}),
        ([INSTRUCTOR], {"educator"}),
        ([TEACHING_ASSISTANT], {"educator"}),
        ([ADMINISTRATOR], {"lead"}),
        ([LEARNER, INSTRUCTOR], {"student", "educator"}),
        ([MENTOR], set()),
        ([SITE_ADMIN, INSTITUTION_ADMIN], set()),  # an LMS site administrator leads no course by that alone
        ([], set()),
    ],
)
def test_lms_roles_give_these_course_roles(lms, ours):
    assert course_roles(lms) == ours


def test_a_configured_role_leads_by_short_name_or_uri():
    developer = "http://purl.imsglobal.org/vocab/lis/v2/membership#ContentDeveloper"
    assert course_roles([developer], lead_roles=["ContentDeveloper"]) == {"lead"}
    assert course_roles([developer], lead_roles=[developer]) == {"lead"}
    assert course_roles(["ContentDeveloper"], lead_roles=[developer]) == {"lead"}


def test_staff_is_teaching_or_leading():
    assert is_staff({"educator"}) and is_staff({"lead"})
    assert not is_staff({"student"}) and not is_staff(set())
