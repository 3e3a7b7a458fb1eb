import pytest
from django.urls import reverse

from quizzes.models import Membership
from tests.factories import CourseFactory, UserFactory


@pytest.mark.django_db
def test_home_requires_login(client):
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_home_lists_my_courses_with_roles(client_for, student, course, other_course):
    response = client_for(student).get(reverse("home"))
    assert response.status_code == 200
    assert course.title in response.text
    assert other_course.title not in response.text
    assert "Student" in response.text


def test_student_joins_by_code(client_for, course):
    user = UserFactory()
    response = client_for(user).post(reverse("join"), {"code": course.join_code.lower()})
    assert response.status_code == 302
    assert response.url == reverse("course", args=[course.slug])
    assert Membership.objects.filter(user=user, course=course, role="student").exists()


def test_joining_twice_keeps_one_membership(client_for, course, student):
    client_for(student).post(reverse("join"), {"code": course.join_code})
    assert Membership.objects.filter(user=student, course=course).count() == 1


def test_wrong_join_code_says_so(client_for, course):
    user = UserFactory()
    response = client_for(user).post(reverse("join"), {"code": "NOPE1234"})
    assert response.status_code == 400
    assert "No course has this join code" in response.text
    assert not Membership.objects.filter(user=user).exists()


def test_join_only_allows_post(client_for, course):
    assert client_for(UserFactory()).get(reverse("join")).status_code == 405


def test_educator_grants_educator_role(client_for, educator, course):
    person = UserFactory(username="coteacher")
    response = client_for(educator).post(
        reverse("members", args=[course.slug]), {"username": "coteacher", "role": "educator"}, follow=True
    )
    assert response.status_code == 200
    assert "If an account called “coteacher” exists, it now holds the role educator" in response.text
    assert Membership.objects.filter(user=person, course=course, role="educator").exists()


def test_a_lead_grants_the_lead_role(client_for, lead, course):
    person = UserFactory(username="newlead")
    response = client_for(lead).post(
        reverse("members", args=[course.slug]), {"username": "newlead", "role": "lead"}
    )
    assert response.status_code == 302
    assert Membership.objects.filter(user=person, course=course, role="lead").exists()


def test_an_educator_cannot_make_a_course_lead(client_for, educator, course):
    person = UserFactory(username="newlead")
    response = client_for(educator).post(
        reverse("members", args=[course.slug]), {"username": "newlead", "role": "lead"}
    )
    assert response.status_code == 200
    assert "Only a course lead or the course&#x27;s owner can make someone a course lead" in response.text
    assert not Membership.objects.filter(user=person, course=course).exists()


@pytest.mark.parametrize(
    "persona,status", [("student", 403), ("lead", 200), ("outsider", 404), ("educator", 200)]
)
def test_members_page_checks_role(request, client_for, course, persona, status):
    user = request.getfixturevalue(persona)
    assert client_for(user).get(reverse("members", args=[course.slug])).status_code == status


def test_educator_cannot_revoke_in_another_course(client_for, educator, course):
    foreign = Membership.objects.create(user=UserFactory(), course=CourseFactory(), role="student")
    response = client_for(educator).post(reverse("revoke", args=[course.slug, foreign.pk]))
    assert response.status_code == 404
    assert Membership.objects.filter(pk=foreign.pk).exists()


def test_a_lead_revokes_a_staff_role(client_for, educator, lead, course):
    other = Membership.objects.create(user=UserFactory(), course=course, role="educator")
    client_for(lead).post(reverse("revoke", args=[course.slug, other.pk]))
    assert not Membership.objects.filter(pk=other.pk).exists()
