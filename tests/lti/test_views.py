"""The tool's configuration page, Canvas's JSON, a course's LMS page and a quiz's landing page."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from quizzes.lti.storage import purge_expired
from quizzes.models import LtiStoredValue
from tests.factories import GradePassbackFactory, LtiPlacementFactory, LtiStoredValueFactory, UserFactory
from tests.lti.quiztaking import take


def test_the_configuration_page_gives_the_urls_to_paste_into_the_lms(client, platform):
    client.force_login(UserFactory(is_staff=True))

    page = client.get(reverse("lti_config"))

    assert page.status_code == 200
    for url in (
        "http://testserver/lti/login/",
        "http://testserver/lti/launch/",
        "http://testserver/lti/jwks.json",
    ):
        assert f"<code>{url}</code>" in page.text
    assert "https://moodle.school.example" in page.text
    assert f"/lti/login/{platform.registration.uuid}/" in page.text
    assert "no signing key" not in page.text


def test_the_configuration_page_says_when_the_key_is_missing(client, db):
    client.force_login(UserFactory(is_staff=True))

    assert "run <code>python manage.py rotate_keys</code>" in client.get(reverse("lti_config")).text


def test_only_site_administrators_see_the_configuration_page(client, educator):
    assert client.get(reverse("lti_config")).status_code == 302
    client.force_login(educator)
    assert client.get(reverse("lti_config")).status_code == 403


def test_the_key_set_publishes_the_tools_public_key_only(client, tool_key):
    keys = client.get(reverse("lti_jwks")).json()["keys"]

    assert [key["kid"] for key in keys] == [str(tool_key)]
    assert {"n", "e", "kty"} <= set(keys[0]) and "d" not in keys[0]


def test_canvas_json_configuration(client, db):
    data = client.get(reverse("lti_canvas_config")).json()

    assert data["oidc_initiation_url"] == "http://testserver/lti/login/"
    assert data["target_link_uri"] == "http://testserver/lti/launch/"
    assert data["public_jwk_url"] == "http://testserver/lti/jwks.json"
    assert "https://purl.imsglobal.org/spec/lti-ags/scope/score" in data["scopes"]
    placements = data["extensions"][0]["settings"]["placements"]
    assert {p["placement"] for p in placements} == {"assignment_selection", "link_selection"}
    assert {p["message_type"] for p in placements} == {"LtiDeepLinkingRequest"}


def test_a_courses_lms_page_counts_links_and_grades(client, educator, linked, course):
    placement = LtiPlacementFactory(resource_link__context=linked.context, course=course)
    GradePassbackFactory(placement=placement, status="sent")
    GradePassbackFactory(placement=placement)
    client.force_login(educator)

    page = client.get(reverse("lti_course_links", args=[course.slug]))

    assert page.status_code == 200
    [row] = page.context["links"]
    assert (row.placed, row.sent, row.waiting) == (1, 1, 1)
    assert "Add the LMS roster" not in page.text  # a lead's button


def test_the_lms_page_has_a_bounded_number_of_queries(
    client, educator, linked, course, django_assert_max_num_queries
):
    for _ in range(5):
        placement = LtiPlacementFactory(resource_link__context=linked.context, course=course)
        GradePassbackFactory(placement=placement)
    client.force_login(educator)

    with django_assert_max_num_queries(8):
        client.get(reverse("lti_course_links", args=[course.slug]))


def test_the_quiz_landing_page_shows_the_grade_by_the_grading_method(client, student, course, quiz):
    quiz.grading_method = "last"
    quiz.save()
    take(quiz, student, right=2)
    take(quiz, student, right=1)
    client.force_login(student)

    page = client.get(reverse("lti_quiz", args=[course.slug, quiz.pk]))

    assert "<strong>50%</strong>" in page.text
    assert "(last attempt)" in page.text
    assert "Start a new attempt" in page.text


def test_expired_handshake_values_are_purged(db):
    LtiStoredValueFactory(key="old", expires_at=timezone.now() - timedelta(seconds=1))
    LtiStoredValueFactory(key="fresh")

    assert purge_expired(now=timezone.now()) == 1
    assert list(LtiStoredValue.objects.values_list("key", flat=True)) == ["fresh"]
