"""Deleting a person's account (services and selectors); their export is ``quizzes.insight.owndata``.

**Deletion** (:func:`delete_account`). The user row stays, anonymised
(``deleted-<id>``, no name, no e-mail, no password, inactive, ``deleted_at``
set), so their answers and reviews still count in item statistics and cohort
figures and reports name them "deleted student". Sign-in goes: the password,
the LMS identity's link to the account and its personal fields, django-axes'
log-in records under their username, and the admin's log of the account.
:func:`inactive_accounts` finds accounts unused for N years (the retention
setting, ``manage.py delete_inactive_accounts``), deleted the same way.
"""

from __future__ import annotations

import datetime as dt

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q, QuerySet
from lti_tool.models import LtiUser

from quizzes.accounts import audit
from quizzes.models import Membership, PersonalExamDate, Removal, User
from quizzes.models.people import DELETED_NAME, Role

LAST_EDUCATOR = "You are the only educator of {courses}: give someone else the educator role before deleting your account."
ADMINISTRATOR = "An administrator's account is deleted by another administrator, in the admin."


# --- deletion ------------------------------------------------------------------------


def deletion_refusal(user) -> str | None:
    """Why ``user``'s account may not be deleted now (None if it may)."""
    if user.is_superuser:
        return ADMINISTRATOR
    theirs = Membership.objects.filter(user=user, role=Role.EDUCATOR).values("course_id")
    sole = (
        Membership.objects.filter(role=Role.EDUCATOR, course_id__in=theirs)
        .values("course__title")
        .annotate(educators=Count("pk"))
        .filter(educators=1)
        .order_by("course__title")
    )
    titles = [row["course__title"] for row in sole]
    return LAST_EDUCATOR.format(courses=", ".join(f"“{title}”" for title in titles)) if titles else None


def delete_account(user, *, now: dt.datetime, by=None) -> None:
    """Delete ``user``'s personal data and sign-in; keep their answers and reviews anonymised.

    ``by`` is who asked (None: the retention command). Raises ValidationError when
    :func:`deletion_refusal` says no; nothing changes then.
    """
    refusal = deletion_refusal(user)
    if refusal:
        raise ValidationError(refusal)
    username = user.username
    with transaction.atomic():
        for course_id in Membership.objects.filter(user=user).values_list("course_id", flat=True).distinct():
            audit.record(
                course=course_id,
                action=audit.ACTIONS.ACCOUNT_DELETED,
                actor=by,
                subject=user,
                object_type="user",
                object_id=user.pk,
                label=DELETED_NAME,
            )
        Removal.objects.filter(user=user).delete()
        PersonalExamDate.objects.filter(user=user).delete()  # plans for exams: no use to anyone else
        LtiUser.objects.filter(auth_user=user).update(
            auth_user=None, name="", given_name="", family_name="", email="", picture_url=""
        )
        for model in (AccessAttempt, AccessLog, AccessFailureLog):
            model.objects.filter(username__iexact=username).delete()
        LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(User), object_id=str(user.pk)
        ).update(object_repr=DELETED_NAME, change_message="")
        user.username = f"deleted-{user.pk}"
        user.email = user.first_name = user.last_name = ""
        user.timezone = "UTC"
        user.set_unusable_password()
        user.is_active = user.is_staff = False
        user.deleted_at = now
        user.save()


def inactive_accounts(*, years: int, now: dt.datetime) -> QuerySet[User]:
    """Accounts not used for ``years`` years (last log-in, or joining if never), not yet deleted,
    not administrators: the retention setting removes these."""
    cutoff = now - dt.timedelta(days=round(365.25 * years))
    return User.objects.filter(
        Q(last_login__lt=cutoff) | Q(last_login__isnull=True, date_joined__lt=cutoff),
        deleted_at__isnull=True,
        is_superuser=False,
    ).order_by("pk")
