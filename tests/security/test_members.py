"""Members: removing a student sticks, join codes can be replaced and are not guessed, staff rules.

Before: a revoked student re-joined at once with the same code; any educator could
remove any other educator or lead, down to none; and the grant-role form told
whoever asked whether a username existed.
"""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from quizzes.accounts import memberships
from quizzes.models import Course, Membership, Removal
from quizzes.models.people import Role
from tests.factories import MembershipFactory, UserFactory


def staff(course, role, username):
    return MembershipFactory(course=course, role=role, user=UserFactory(username=username))


def test_a_removed_student_cannot_rejoin_with_the_code(client_for, course, educator, student):
    membership = Membership.objects.get(user=student, course=course)
    client_for(educator).post(reverse("revoke", args=[course.slug, membership.pk]))
    response = client_for(student).post(reverse("join"), {"code": course.join_code}, follow=True)
    assert "You were removed from this course" in response.text
    assert not Membership.objects.filter(user=student, course=course).exists()
    assert client_for(student).get(reverse("course", args=[course.slug])).status_code == 404


def test_an_educator_can_let_a_removed_student_back_in(client_for, course, educator, student):
    memberships.revoke(membership=Membership.objects.get(user=student, course=course), by=educator)
    removal = Removal.objects.get(user=student, course=course)
    page = client_for(educator).get(reverse("members", args=[course.slug]))
    assert "Let back in" in page.text
    client_for(educator).post(reverse("members_let_back", args=[course.slug, removal.pk]))
    client_for(student).post(reverse("join"), {"code": course.join_code})
    assert Membership.objects.filter(user=student, course=course, role=Role.STUDENT).exists()


def test_a_new_join_code_stops_the_old_one(client_for, course, educator):
    old = course.join_code
    client_for(educator).post(reverse("members_join_code", args=[course.slug]))
    course.refresh_from_db()
    assert course.join_code != old
    newcomer = UserFactory()
    refused = client_for(newcomer).post(reverse("join"), {"code": old})
    assert refused.status_code == 400 and not Membership.objects.filter(user=newcomer).exists()
    client_for(newcomer).post(reverse("join"), {"code": course.join_code})
    assert Membership.objects.filter(user=newcomer, course=course).exists()


def test_guessing_join_codes_is_throttled(client_for, course):
    guesser = client_for(UserFactory())
    statuses = [guesser.post(reverse("join"), {"code": f"GUESS{n:03d}"}).status_code for n in range(11)]
    assert statuses == [400] * 10 + [429]
    # Even the right code waits now: the throttle does not tell a right guess from a wrong one.
    assert guesser.post(reverse("join"), {"code": course.join_code}).status_code == 429
    assert not Membership.objects.filter(course=course).exists()


def test_an_educator_cannot_remove_another_educator_or_a_lead(client_for, course, educator, lead):
    other = staff(course, Role.EDUCATOR, "coteacher")
    client = client_for(educator)
    for membership in (other, Membership.objects.get(user=lead, course=course)):
        response = client.post(reverse("revoke", args=[course.slug, membership.pk]), follow=True)
        assert "Only a course lead or the course&#x27;s owner can remove educators" in response.text
        assert Membership.objects.filter(pk=membership.pk).exists()


def test_the_course_owner_removes_an_educator(client_for, course, educator):
    owner = UserFactory(username="owner")
    staff(course, Role.EDUCATOR, "coteacher")
    MembershipFactory(course=course, role=Role.EDUCATOR, user=owner)
    Course.objects.filter(pk=course.pk).update(owner=owner)
    membership = Membership.objects.get(user=educator, course=course)
    client_for(owner).post(reverse("revoke", args=[course.slug, membership.pk]))
    assert not Membership.objects.filter(pk=membership.pk).exists()


def test_the_last_educator_cannot_be_removed(client_for, course, educator, lead):
    membership = Membership.objects.get(user=educator, course=course)
    response = client_for(lead).post(reverse("revoke", args=[course.slug, membership.pk]), follow=True)
    assert "A course needs at least one educator" in response.text
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_removing_educators_one_after_another_stops_at_the_last(course, educator, lead):
    other = staff(course, Role.EDUCATOR, "coteacher")
    memberships.revoke(membership=other, by=lead)
    with pytest.raises(ValidationError, match="at least one educator"):
        memberships.revoke(membership=Membership.objects.get(user=educator, course=course), by=lead)
    assert Membership.objects.filter(course=course, role=Role.EDUCATOR).count() == 1


def test_the_grant_form_does_not_tell_whether_a_username_exists(client_for, course, educator):
    UserFactory(username="realperson")
    client = client_for(educator)
    url = reverse("members", args=[course.slug])
    answers = {}
    for name in ("realperson", "nosuchperson"):
        response = client.post(url, {"username": name, "role": "educator"}, follow=True)
        answers[name] = [str(message) for message in response.context["messages"]]
        assert response.status_code == 200
    expected = "If an account called “{}” exists, it now holds the role educator in this course."
    assert answers["realperson"] == [expected.format("realperson")]
    assert answers["nosuchperson"] == [expected.format("nosuchperson")]
