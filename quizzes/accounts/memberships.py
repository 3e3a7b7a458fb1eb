"""Who belongs to a course (services): joining by code, granting and revoking roles, the join code.

Each service is one transaction and keeps the membership rules in one place;
the views and the commands call these, never the model directly. The rules:

- A student an educator removed cannot re-join with the code (a ``Removal``)
  until an educator lets them back in (:func:`let_back`).
- Only a course lead or the course's owner removes educators or course leads,
  and makes someone a course lead; educators manage students and add educators.
- The last educator cannot be removed (someone must be able to author and
  manage the course), and an educator cannot remove their own educator role.
- A new join code (:func:`new_join_code`) stops the old one working at once.
- Every change is written to the audit trail (:mod:`quizzes.accounts.audit`) in its transaction.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import QuerySet

from quizzes.accounts import audit
from quizzes.models import Course, Membership, Removal, User
from quizzes.models.people import Role
from quizzes.models.people import new_join_code as random_join_code

REMOVED = "You were removed from this course. Ask an educator to let you back in."
STAFF_ONLY = "Only a course lead or the course's owner can {action}."
LAST_EDUCATOR = "A course needs at least one educator: give someone else the educator role first."
OWN_EDUCATOR_ROLE = "You cannot remove your own educator role."


def manages_staff(*, course: Course, user) -> bool:
    """May ``user`` remove educators and leads, and make course leads (a lead or the owner)?"""
    if course.owner_id is not None and course.owner_id == user.pk:
        return True
    return Membership.objects.filter(course=course, user=user, role=Role.LEAD).exists()


def join(*, user, course: Course) -> bool:
    """Make ``user`` a student of ``course``; False if they already were.

    Raises ValidationError (:data:`REMOVED`) if an educator removed them from the course.
    """
    if Removal.objects.filter(user=user, course=course).exists():
        raise ValidationError(REMOVED)
    with transaction.atomic():
        membership, created = Membership.objects.get_or_create(user=user, course=course, role=Role.STUDENT)
        if created:
            _record_role(audit.ACTIONS.MEMBER_ADDED, membership, by=user, how="join code")
    return created


def _record_role(action: str, membership: Membership, *, by, how: str) -> None:
    audit.record(
        course=membership.course_id,
        action=action,
        actor=by,
        subject=membership.user_id,
        obj=membership,
        label=membership.get_role_display(),
        before={"role": membership.role} if action == audit.ACTIONS.MEMBER_REMOVED else None,
        after=None if action == audit.ACTIONS.MEMBER_REMOVED else {"role": membership.role, "how": how},
    )


def grant(*, course: Course, user, role: str, by=None, how: str = "granted") -> bool:
    """Give ``user`` ``role`` in ``course``; False if they already held it (race-safe).

    ``by`` (None for commands and the admin) must be a lead or the owner to grant the
    lead role. Granting a role lifts a removal (the person is wanted back). ``how``
    says in the audit trail where the grant came from (e.g. an LMS launch).
    """
    if role == Role.LEAD and by is not None and not manages_staff(course=course, user=by):
        raise ValidationError(STAFF_ONLY.format(action="make someone a course lead"))
    try:
        with transaction.atomic():
            membership = Membership.objects.create(user=user, course=course, role=role)
            lifted = Removal.objects.filter(user=user, course=course).delete()[0]
            _record_role(audit.ACTIONS.ROLE_GRANTED, membership, by=by, how=how)
            if lifted:
                audit.record(
                    course=course,
                    action=audit.ACTIONS.MEMBER_LET_BACK,
                    actor=by,
                    subject=user,
                    object_type="removal",
                    label="Student",
                    before={"blocked": True},
                    after={"blocked": False},
                )
    except IntegrityError:
        return False
    return True


def grant_named(*, course: Course, username: str, role: str, by) -> None:
    """Give ``role`` to the user called ``username``, if there is one, as :func:`grant` does.

    It returns nothing and raises nothing that depends on whether the username exists
    (nor on whether they already held the role), so the form cannot be used to find out
    which usernames exist. Raises ValidationError only for what ``by`` may not grant.
    """
    if role == Role.LEAD and not manages_staff(course=course, user=by):
        raise ValidationError(STAFF_ONLY.format(action="make someone a course lead"))
    user = User.objects.filter(username=username).first()
    if user is not None:
        grant(course=course, user=user, role=role, by=by)


def revoke(*, membership: Membership, by) -> None:
    """Remove one role (ValidationError when a rule forbids it); a removed student cannot re-join."""
    course, role = membership.course, membership.role
    if membership.user_id == by.pk and role == Role.EDUCATOR:
        raise ValidationError(OWN_EDUCATOR_ROLE)
    if role in (Role.EDUCATOR, Role.LEAD) and not manages_staff(course=course, user=by):
        raise ValidationError(STAFF_ONLY.format(action="remove educators and course leads"))
    with transaction.atomic():
        if role == Role.EDUCATOR:
            # Lock the course's educator rows so two removals cannot both see a second educator.
            educators = Membership.objects.select_for_update().filter(course=course, role=Role.EDUCATOR)
            if len(educators.values_list("pk", flat=True)) <= 1:
                raise ValidationError(LAST_EDUCATOR)
        Membership.objects.filter(pk=membership.pk).delete()
        _record_role(audit.ACTIONS.MEMBER_REMOVED, membership, by=by, how="")
        if role == Role.STUDENT:
            removal, blocked = Removal.objects.get_or_create(
                user_id=membership.user_id, course=course, defaults={"removed_by": by}
            )
            if blocked:
                audit.record(
                    course=course,
                    action=audit.ACTIONS.MEMBER_BLOCKED,
                    actor=by,
                    subject=membership.user_id,
                    obj=removal,
                    label="Student",
                    before={"blocked": False},
                    after={"blocked": True},
                )


def let_back(*, removal: Removal, by=None) -> None:
    """Lift a removal: the person can join with the course's code again."""
    with transaction.atomic():
        if Removal.objects.filter(pk=removal.pk).delete()[0]:
            audit.record(
                course=removal.course_id,
                action=audit.ACTIONS.MEMBER_LET_BACK,
                actor=by,
                subject=removal.user_id,
                object_type="removal",
                object_id=removal.pk,
                label="Student",
                before={"blocked": True},
                after={"blocked": False},
            )


def new_join_code(*, course: Course, by=None) -> str:
    """Give ``course`` a new random join code (the old one stops working) and return it."""
    for _ in range(5):
        code = random_join_code()
        try:
            with transaction.atomic():
                Course.objects.filter(pk=course.pk).update(join_code=code)
                # The codes themselves stay out of the trail: an old code is harmless, but
                # the current one would let anyone who reads the export join.
                audit.record(
                    course=course,
                    action=audit.ACTIONS.JOIN_CODE_RENEWED,
                    actor=by,
                    obj=course,
                    before={"join_code": "…" + course.join_code[-2:]},
                    after={"join_code": "…" + code[-2:]},
                )
        except IntegrityError:
            continue  # another course has it: draw again
        course.join_code = code
        return code
    raise RuntimeError("Could not draw a free join code.")


def course_memberships(*, user) -> QuerySet[Membership]:
    """``user``'s memberships with their courses, by course title then role."""
    return Membership.objects.filter(user=user).select_related("course").order_by("course__title", "role")


def removed_students(*, course: Course) -> QuerySet[Removal]:
    """The people removed from ``course``, most recent first, with who removed them."""
    return Removal.objects.filter(course=course).select_related("user", "removed_by")
