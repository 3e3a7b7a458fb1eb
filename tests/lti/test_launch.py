"""A launch from the LMS signs the person in with their linked account and lands them on what the link opens."""

import pytest
from django.urls import reverse
from lti_tool.models import LtiUser

from quizzes.models import LtiCourseLink, LtiPlacement, Membership, User
from tests.factories import LessonFactory, QuizFactory
from tests.lti.platform import ADMINISTRATOR, INSTRUCTOR, TEACHING_ASSISTANT, FakePlatform, launch


def whoami(client):
    """The user this browser is signed in as (None: nobody)."""
    response = client.get(reverse("profile"), secure=True)
    return response.context["user"] if response.status_code == 200 else None


def quiz_target(quiz) -> dict:
    return {"medquiz_target": f"quiz:{quiz.pk}"}


def test_a_learner_lands_on_the_quiz_signed_in_as_a_new_student(client, platform, linked, quiz, course):
    result = launch(client, platform, sub="s-1", custom=quiz_target(quiz))

    assert result.response.status_code == 302
    assert result.response["Location"] == reverse("lti_quiz", args=[course.slug, quiz.pk])
    user = whoami(client)
    assert (user.first_name, user.last_name, user.email) == ("Ada", "Lovelace", "s-1@school.example")
    assert not user.has_usable_password()
    assert LtiUser.objects.get(sub="s-1").auth_user == user
    assert set(Membership.objects.filter(user=user, course=course).values_list("role", flat=True)) == {
        "student"
    }
    page = client.get(result.response["Location"], secure=True)
    assert page.status_code == 200
    assert "Calcinosis: the basics" in page.text
    assert "Start the quiz" in page.text


def test_the_next_launch_signs_the_same_lms_user_into_the_same_account(
    client, client_factory, platform, linked, quiz
):
    launch(client, platform, sub="s-1", custom=quiz_target(quiz))
    other_browser = client_factory()
    launch(other_browser, platform, sub="s-1", custom=quiz_target(quiz))

    assert whoami(client) == whoami(other_browser)
    assert User.objects.filter(lti_users__sub="s-1").count() == 1


def test_one_lms_registered_twice_signs_a_person_into_one_account(client, client_factory, platform, linked):
    second_key = FakePlatform(client_id="medquiz-client-2")
    second_key.register(name="School Moodle, second tool")
    launch(client, platform, sub="s-1")
    launch(client_factory(), second_key, sub="s-1")

    assert LtiUser.objects.filter(sub="s-1").count() == 2
    assert User.objects.filter(lti_users__sub="s-1").distinct().count() == 1


def test_two_lms_users_with_the_same_name_get_two_accounts(client, client_factory, platform, linked, quiz):
    launch(client, platform, sub="s-1", email="ada@school.example", custom=quiz_target(quiz))
    launch(client_factory(), platform, sub="s-2", email="ada@school.example", custom=quiz_target(quiz))

    usernames = sorted(User.objects.filter(lti_users__isnull=False).values_list("username", flat=True))
    assert usernames == ["ada", "ada2"]


@pytest.mark.parametrize(
    ("lms_roles", "expected"),
    [
        ([INSTRUCTOR], {"educator"}),
        ([INSTRUCTOR, TEACHING_ASSISTANT], {"educator"}),
        ([TEACHING_ASSISTANT], {"educator"}),
        (["Instructor"], {"educator"}),  # a simple context role name, as LTI 1.3 allows
        ([ADMINISTRATOR], {"lead"}),
        ([INSTRUCTOR, ADMINISTRATOR], {"educator", "lead"}),
    ],
)
def test_teaching_roles_map_to_course_roles(client, platform, linked, course, lms_roles, expected):
    result = launch(client, platform, sub="t-1", roles=lms_roles)
    assert "Which MedQuiz account is yours?" in result.response.text  # a teacher's first launch asks
    made = client.post(result.response.wsgi_request.path, {"action": "continue"}, secure=True)

    assert made.status_code == 302
    user = LtiUser.objects.get(sub="t-1").auth_user
    assert set(Membership.objects.filter(user=user, course=course).values_list("role", flat=True)) == expected


def test_a_configured_lms_role_makes_a_course_lead(client, platform, linked, course):
    platform.registration.medquiz_settings.lead_roles = "ContentDeveloper"
    platform.registration.medquiz_settings.save()
    result = launch(
        client,
        platform,
        sub="t-1",
        roles=["http://purl.imsglobal.org/vocab/lis/v2/membership#ContentDeveloper"],
    )
    client.post(result.response.wsgi_request.path, {"action": "continue"}, secure=True)

    user = LtiUser.objects.get(sub="t-1").auth_user
    assert list(Membership.objects.filter(user=user, course=course).values_list("role", flat=True)) == [
        "lead"
    ]


def test_an_lms_role_without_a_mapping_gives_no_course_role(client, platform, linked, course):
    mentor = "http://purl.imsglobal.org/vocab/lis/v2/membership#Mentor"
    result = launch(client, platform, sub="m-1", roles=[mentor])

    assert result.response.status_code == 404
    assert "Your role in this LMS course gives no access" in result.response.text
    assert not Membership.objects.filter(course=course, user__lti_users__sub="m-1").exists()


def test_a_teacher_links_their_existing_account_with_its_password(
    client, platform, linked, educator, course, quiz
):
    result = launch(client, platform, sub="t-1", roles=[INSTRUCTOR], custom=quiz_target(quiz))
    answer = client.post(
        result.response.wsgi_request.path,
        {"action": "link", "username": "educator", "password": "correct horse battery staple"},
        secure=True,
    )

    assert answer["Location"] == reverse("quizbuilder_detail", args=[course.slug, quiz.pk])
    assert LtiUser.objects.get(sub="t-1").auth_user == educator
    assert whoami(client) == educator


def test_a_wrong_password_links_nothing(client, platform, linked, educator):
    result = launch(client, platform, sub="t-1", roles=[INSTRUCTOR])
    answer = client.post(
        result.response.wsgi_request.path,
        {"action": "link", "username": "educator", "password": "not it"},
        secure=True,
    )

    assert answer.status_code == 400
    assert "Please enter a correct username and password" in answer.text
    assert LtiUser.objects.get(sub="t-1").auth_user is None
    assert whoami(client) is None


def test_a_teacher_links_an_unlinked_lms_course_once(client, platform, educator, course, quiz):
    result = launch(client, platform, sub="t-1", roles=[INSTRUCTOR], custom=quiz_target(quiz))
    linking = client.post(
        result.response.wsgi_request.path,
        {"action": "link", "username": "educator", "password": "correct horse battery staple"},
        secure=True,
    )
    assert linking["Location"] == reverse("lti_link_course")
    page = client.get(linking["Location"], secure=True)
    assert "Link “Dermatology 101” to a MedQuiz course" in page.text

    linked = client.post(linking["Location"], {"course": course.pk}, secure=True)

    assert linked["Location"] == reverse("quizbuilder_detail", args=[course.slug, quiz.pk])
    link = LtiCourseLink.objects.get()
    assert (link.context.id_on_platform, link.course, link.linked_by) == ("course-101", course, educator)


def test_a_teacher_cannot_link_an_lms_course_to_a_course_they_do_not_teach(
    client, platform, educator, other_course
):
    result = launch(client, platform, sub="t-1", roles=[INSTRUCTOR])
    client.post(
        result.response.wsgi_request.path,
        {"action": "link", "username": "educator", "password": "correct horse battery staple"},
        secure=True,
    )
    response = client.post(reverse("lti_link_course"), {"course": other_course.pk}, secure=True)

    assert response.status_code == 200
    assert "Select a valid choice" in response.text
    assert not LtiCourseLink.objects.exists()


def test_a_student_of_an_unlinked_lms_course_is_told_to_wait(client, platform, course):
    result = launch(client, platform, sub="s-1")
    page = client.get(result.response["Location"], secure=True)

    assert "Your teacher has not yet linked “Dermatology 101”" in page.text
    assert not LtiCourseLink.objects.exists()


@pytest.mark.parametrize(
    ("target", "landing"),
    [
        ("lesson:the-lesson", lambda course: reverse("lesson", args=[course.slug, "the-lesson"])),
        ("study", lambda course: reverse("study_home", args=[course.slug])),
        ("course", lambda course: reverse("course", args=[course.slug])),
        ("", lambda course: reverse("course", args=[course.slug])),
    ],
)
def test_a_link_lands_on_its_lesson_study_or_course(client, platform, linked, course, target, landing):
    LessonFactory(course=course, slug="the-lesson")
    result = launch(client, platform, custom={"medquiz_target": target})

    assert result.response["Location"] == landing(course)
    assert LtiPlacement.objects.get().kind == (target.partition(":")[0] or "course")


def test_a_link_to_another_courses_quiz_is_refused(client, platform, linked, other_course):
    foreign = QuizFactory(course=other_course)
    result = launch(client, platform, custom={"medquiz_target": f"quiz:{foreign.pk}"})

    assert result.response.status_code == 404
    assert "is not in “Calcinosis cutis”" in result.response.text
    assert not LtiPlacement.objects.exists()


def test_the_launch_records_the_links_grade_column(client, platform, linked, quiz):
    launch(client, platform, resource_link="link-7", custom=quiz_target(quiz))

    placement = LtiPlacement.objects.get()
    assert (placement.quiz, placement.line_item_url) == (quiz, platform.lineitem_url("link-7"))
