"""Deep linking: a teacher picks a quiz in MedQuiz and it is placed in the LMS course (with a grade column)."""

import re
from html import unescape

import jwt
import pytest
from django.urls import reverse
from lti_tool.models import LtiUser

from quizzes.models import LtiPlacement
from tests.factories import LessonFactory
from tests.lti.platform import INSTRUCTOR, LEARNER, launch

DEEP_LINK = "LtiDeepLinkingRequest"
CONTENT_ITEMS = "https://purl.imsglobal.org/spec/lti-dl/claim/content_items"


@pytest.fixture
def teacher(platform, educator):
    """The educator, whose LMS account is already linked to their MedQuiz account."""
    LtiUser.objects.create(registration=platform.registration, sub="t-1", auth_user=educator)
    return educator


def answer_jwt(client, page) -> dict:
    """The JWT the answer page posts to the LMS, verified with the tool's published key set."""
    token = unescape(re.search(r'name="JWT" value="([^"]+)"', page.text).group(1))
    keys = client.get(reverse("lti_jwks")).json()["keys"]
    kid = jwt.get_unverified_header(token)["kid"]
    public = jwt.PyJWK(next(key for key in keys if key["kid"] == kid))
    return jwt.decode(token, public, algorithms=["RS256"], audience="https://moodle.school.example")


def test_a_teacher_places_a_quiz_in_the_lms_course(client, platform, linked, teacher, quiz, course):
    result = launch(client, platform, sub="t-1", roles=[INSTRUCTOR], message_type=DEEP_LINK)
    assert result.response["Location"] == reverse("lti_deep_link", args=[course.slug])
    picker = client.get(result.response["Location"], secure=True)
    assert "Calcinosis: the basics" in picker.text

    page = client.post(result.response["Location"], {"target": f"quiz:{quiz.pk}"}, secure=True)

    assert page.status_code == 200
    assert 'action="https://moodle.school.example/mod/lti/contentitem_return.php"' in page.text
    claims = answer_jwt(client, page)
    assert claims["iss"] == platform.client_id
    assert claims["https://purl.imsglobal.org/spec/lti/claim/message_type"] == "LtiDeepLinkingResponse"
    assert claims["https://purl.imsglobal.org/spec/lti/claim/deployment_id"] == platform.deployment_id
    assert claims["https://purl.imsglobal.org/spec/lti-dl/claim/data"] == "opaque-platform-data"
    [item] = claims[CONTENT_ITEMS]
    assert item["type"] == "ltiResourceLink"
    assert item["url"] == "https://testserver/lti/launch/"
    assert item["custom"] == {"medquiz_target": f"quiz:{quiz.pk}"}
    assert item["lineItem"]["scoreMaximum"] == 100
    assert item["lineItem"]["label"] == "Calcinosis: the basics"


def test_the_answer_page_may_post_to_the_lms_only(client, platform, linked, teacher, quiz, course):
    result = launch(client, platform, sub="t-1", roles=[INSTRUCTOR], message_type=DEEP_LINK)
    page = client.post(result.response["Location"], {"target": f"quiz:{quiz.pk}"}, secure=True)

    form_action = next(p.strip() for p in page["Content-Security-Policy"].split(";") if "form-action" in p)
    assert form_action == "form-action 'self' https://moodle.school.example"


def test_the_placed_link_opens_its_quiz_for_students(
    client, client_factory, platform, linked, teacher, quiz, course
):
    result = launch(client, platform, sub="t-1", roles=[INSTRUCTOR], message_type=DEEP_LINK)
    page = client.post(result.response["Location"], {"target": f"quiz:{quiz.pk}"}, secure=True)
    [item] = answer_jwt(client, page)[CONTENT_ITEMS]

    # The LMS makes the link; a student opens it, and the LMS sends back the custom parameter we set.
    student = launch(client_factory(), platform, sub="s-1", roles=[LEARNER], custom=item["custom"])

    assert student.response["Location"] == reverse("lti_quiz", args=[course.slug, quiz.pk])
    assert LtiPlacement.objects.get().quiz == quiz


@pytest.mark.parametrize(
    ("target", "custom"),
    [("study", "study"), ("course", "course"), ("lesson:the-lesson", "lesson:the-lesson")],
)
def test_lessons_study_and_the_course_home_are_placed_without_a_grade_column(
    client, platform, linked, teacher, course, target, custom
):
    LessonFactory(course=course, slug="the-lesson")
    result = launch(client, platform, sub="t-1", roles=[INSTRUCTOR], message_type=DEEP_LINK)
    page = client.post(result.response["Location"], {"target": target}, secure=True)

    [item] = answer_jwt(client, page)[CONTENT_ITEMS]
    assert item["custom"] == {"medquiz_target": custom}
    assert "lineItem" not in item


def test_one_deep_linking_launch_answers_once(client, platform, linked, teacher, quiz):
    result = launch(client, platform, sub="t-1", roles=[INSTRUCTOR], message_type=DEEP_LINK)
    client.post(result.response["Location"], {"target": f"quiz:{quiz.pk}"}, secure=True)

    again = client.post(result.response["Location"], {"target": f"quiz:{quiz.pk}"}, secure=True)

    assert again.status_code == 403
    assert "already sent to your LMS" in again.text


def test_a_student_cannot_place_activities(client, platform, linked):
    result = launch(client, platform, sub="s-1", roles=[LEARNER], message_type=DEEP_LINK)

    assert result.response.status_code == 404
    assert "teachers can add MedQuiz activities" in result.response.text


def test_the_picker_needs_a_deep_linking_launch(client, platform, linked, teacher, course, quiz):
    launch(client, platform, sub="t-1", roles=[INSTRUCTOR], custom={"medquiz_target": f"quiz:{quiz.pk}"})

    response = client.get(reverse("lti_deep_link", args=[course.slug]), secure=True)

    assert response.status_code == 403
    assert "Add MedQuiz activities from your LMS course" in response.text
