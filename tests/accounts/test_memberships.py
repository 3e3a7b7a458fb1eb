"""The memberships service: joining, granting and revoking roles."""

import pytest
from django.core.exceptions import ValidationError

from quizzes.accounts import memberships
from quizzes.models import Membership
from quizzes.models.people import Role
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_joining_twice_makes_one_student_membership(course):
    user = UserFactory()
    assert memberships.join(user=user, course=course) is True
    assert memberships.join(user=user, course=course) is False
    assert Membership.objects.filter(user=user, course=course).count() == 1


def test_granting_a_role_twice_is_a_no_op(course):
    user = UserFactory()
    assert memberships.grant(course=course, user=user, role=Role.LEAD) is True
    assert memberships.grant(course=course, user=user, role=Role.LEAD) is False
    assert Membership.objects.filter(user=user, course=course, role=Role.LEAD).count() == 1


def test_an_educator_cannot_revoke_their_own_educator_role(course, educator):
    own = Membership.objects.get(user=educator, course=course, role=Role.EDUCATOR)
    with pytest.raises(ValidationError, match="your own educator role"):
        memberships.revoke(membership=own, by=educator)
    assert Membership.objects.filter(pk=own.pk).exists()


def test_revoking_removes_the_role(course, educator, student):
    membership = Membership.objects.get(user=student, course=course)
    memberships.revoke(membership=membership, by=educator)
    assert not Membership.objects.filter(user=student, course=course).exists()
