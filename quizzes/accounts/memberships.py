"""Who belongs to a course (services): joining by code, granting and revoking roles.

Each service is one transaction and keeps the membership rules in one place;
the views and the commands call these, never the model directly.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from quizzes.models import Course, Membership
from quizzes.models.people import Role


def join(*, user, course: Course) -> bool:
    """Make ``user`` a student of ``course``; False if they already were."""
    _, created = Membership.objects.get_or_create(user=user, course=course, role=Role.STUDENT)
    return created


def grant(*, course: Course, user, role: str) -> bool:
    """Give ``user`` ``role`` in ``course``; False if they already held it (race-safe)."""
    try:
        with transaction.atomic():
            Membership.objects.create(user=user, course=course, role=role)
    except IntegrityError:
        return False
    return True


def revoke(*, membership: Membership, by) -> None:
    """Remove one role. An educator cannot remove their own educator role (ValidationError)."""
    if membership.user_id == by.pk and membership.role == Role.EDUCATOR:
        raise ValidationError("You cannot remove your own educator role.")
    membership.delete()


def course_memberships(*, user):
    """``user``'s memberships with their courses, by course title then role."""
    return Membership.objects.filter(user=user).select_related("course").order_by("course__title", "role")
