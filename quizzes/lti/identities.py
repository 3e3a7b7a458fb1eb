"""LMS users as MedQuiz accounts, and their course roles (services).

An LMS user is django-lti's ``LtiUser``: one per platform registration and
subject (``sub``), the LMS's stable id for the person. Its ``auth_user`` is
the MedQuiz account it signs in as, shared by every registration of the same
issuer (one LMS registered twice, e.g. with two client IDs, is one person):

- a student's account is made on their first launch (:func:`create_account`);
- a teacher chooses on their first launch: a new account, or their existing
  MedQuiz account, proven with its password (:func:`link_account`), so that
  the courses they already teach are theirs to link;
- an account is never matched by e-mail address: the LMS's addresses are
  not ours to trust, and a match would hand one person's account to another.

Course roles come from the LMS roles (:mod:`quizzes.lti.roles`) and are
granted through the memberships service; a launch never removes a role.
"""

from __future__ import annotations

import re

from django.db import IntegrityError, transaction
from lti_tool.models import LtiUser

from quizzes.accounts import memberships
from quizzes.lti import roles as lms_roles
from quizzes.models import Course, User

USERNAME_LENGTH = 150


def account_of(lti_user: LtiUser) -> User | None:
    """The account ``lti_user`` signs in as: its own link, or the one its issuer and subject already have."""
    if lti_user.auth_user_id is None:
        known = (
            LtiUser.objects.filter(
                registration__issuer=lti_user.registration.issuer, sub=lti_user.sub, auth_user__isnull=False
            )
            .exclude(pk=lti_user.pk)
            .select_related("auth_user")
            .first()
        )
        if known is not None:
            link_account(lti_user=lti_user, user=known.auth_user)
    return lti_user.auth_user


def create_account(*, lti_user: LtiUser) -> User:
    """Make and link a MedQuiz account for ``lti_user``; its existing one if another request was first.

    The account has no password (it signs in through the LMS); its name and
    e-mail address come from the LMS.
    """
    with transaction.atomic():
        locked = LtiUser.objects.select_for_update().get(pk=lti_user.pk)
        if locked.auth_user_id is not None:
            return locked.auth_user
        user = _new_user(locked)
        locked.auth_user = user
        locked.save(update_fields=["auth_user", "datetime_modified"])
    lti_user.auth_user = user
    return user


def link_account(*, lti_user: LtiUser, user: User) -> None:
    """Link ``lti_user`` to ``user``, an account whose password was just checked."""
    LtiUser.objects.filter(pk=lti_user.pk).update(auth_user=user)
    lti_user.auth_user = user


def course_roles_for(*, lms_role_claim: list[str], lead_roles: list[str]) -> set[str]:
    """The MedQuiz course roles an LMS role claim gives (see :mod:`quizzes.lti.roles`)."""
    return lms_roles.course_roles(lms_role_claim or [], lead_roles=lead_roles)


def grant_roles(*, user: User, course: Course, roles: set[str]) -> list[str]:
    """Give ``user`` each of ``roles`` in ``course``; the roles that were new."""
    return [
        role for role in sorted(roles) if memberships.grant(course=course, user=user, role=role, how="LMS")
    ]


def _new_user(lti_user: LtiUser) -> User:
    """A passwordless account named after ``lti_user`` (a second try if a racing request took the name)."""
    for _ in range(3):
        user = User(
            username=_free_username(lti_user),
            first_name=lti_user.given_name[:150],
            last_name=lti_user.family_name[:150],
            email=lti_user.email,
        )
        user.set_unusable_password()
        try:
            with transaction.atomic():
                user.save()
        except IntegrityError:
            continue
        return user
    raise IntegrityError("No free username for this LMS user.")


def _free_username(lti_user: LtiUser) -> str:
    """A username from the LMS e-mail address or name, made unique with a number."""
    source = lti_user.email.split("@")[0] if lti_user.email else ""
    source = source or lti_user.name or f"{lti_user.given_name} {lti_user.family_name}"
    base = re.sub(r"[^\w.+-]+", ".", source.strip().lower()).strip(".")[: USERNAME_LENGTH - 8] or "lms.user"
    taken = set(User.objects.filter(username__startswith=base).values_list("username", flat=True))
    if base not in taken:
        return base
    number = 2
    while f"{base}{number}" in taken:
        number += 1
    return f"{base}{number}"
