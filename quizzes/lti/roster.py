"""The LMS roster into course memberships (Names and Role Provisioning Services), on request (service).

A course lead asks; MedQuiz reads the LMS course's member list, records it
(django-lti's LMS users and memberships) and grants the course roles it
gives (:mod:`quizzes.lti.roles`) through the memberships service. Students
the LMS lists get an account, as on their first launch; a teacher without a
linked account waits for their first launch, where they choose which
account is theirs. Nobody loses a role: a roster sync only adds.
"""

from __future__ import annotations

from dataclasses import dataclass

import requests
from django.db import transaction
from lti_tool.models import LtiUser
from pylti1p3.exception import LtiException
from pylti1p3.names_roles import NamesRolesProvisioningService
from pylti1p3.service_connector import ServiceConnector

from quizzes.lti import identities, platforms
from quizzes.lti.roles import course_roles, is_staff
from quizzes.models import LtiCourseLink


class RosterError(Exception):
    """The roster could not be read; ``str(error)`` says why."""


@dataclass
class RosterReport:
    members: int = 0
    granted: int = 0  # roles newly granted
    accounts: int = 0  # student accounts made
    waiting: int = 0  # teachers who will choose their account at their first launch
    inactive: int = 0  # members the LMS lists as inactive (left alone)


def sync_roster(*, link: LtiCourseLink) -> RosterReport:
    """Grant the course roles the LMS roster of ``link``'s LMS course gives. Raises RosterError."""
    context = link.context
    if not context.memberships_url:
        raise RosterError(
            "This LMS course does not share its member list with MedQuiz. Turn on the Names and Role "
            "Provisioning service for the tool in the LMS, then open a MedQuiz activity there once."
        )
    registration = context.deployment.registration
    service = NamesRolesProvisioningService(
        ServiceConnector(registration.to_registration(), platforms.http_session()),
        {"context_memberships_url": context.memberships_url},
    )
    try:
        members = [{"status": "Active", **member} for member in service.get_members()]
    except (LtiException, requests.RequestException) as error:
        raise RosterError(f"The LMS did not give the member list: {error}") from error
    lead_roles = platforms.lead_roles(registration)
    report = RosterReport(members=len(members))
    with transaction.atomic():
        context.update_memberships(members)
        users = LtiUser.objects.filter(registration=registration, sub__in=[m["user_id"] for m in members])
        by_sub = {user.sub: user for user in users.select_related("auth_user")}
        for member in members:
            if member["status"] != "Active":
                report.inactive += 1
                continue
            _grant(
                report, link, by_sub[member["user_id"]], course_roles(member["roles"], lead_roles=lead_roles)
            )
    return report


def _grant(report: RosterReport, link: LtiCourseLink, lti_user: LtiUser, roles: set[str]) -> None:
    if not roles:
        return
    if lti_user.auth_user is None:
        if is_staff(roles):
            report.waiting += 1
            return
        identities.create_account(lti_user=lti_user)
        report.accounts += 1
    report.granted += len(identities.grant_roles(user=lti_user.auth_user, course=link.course, roles=roles))
