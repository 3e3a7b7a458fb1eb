"""Which MedQuiz course roles an LMS user's roles give (pure: no Django).

LTI 1.3 context roles (LIS v2 vocabulary), as Moodle and Canvas send them:

- Learner → student;
- Instructor, or its TeachingAssistant sub-role → educator;
- Administrator (of the course), or a role the platform's settings name → course lead.

Other roles (Mentor, ContentDeveloper, institution or system roles...) give
nothing unless configured as lead roles: a site administrator of the LMS is
not thereby a lead of every course.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

MEMBERSHIP = "http://purl.imsglobal.org/vocab/lis/v2/membership#"
LEARNER = MEMBERSHIP + "Learner"
INSTRUCTOR = MEMBERSHIP + "Instructor"
ADMINISTRATOR = MEMBERSHIP + "Administrator"
TEACHING_ASSISTANT = "http://purl.imsglobal.org/vocab/lis/v2/membership/Instructor#TeachingAssistant"

STUDENT, EDUCATOR, LEAD = "student", "educator", "lead"  # quizzes.models.people.Role values


def full_role(role: str) -> str:
    """A role as a full URI: a simple name (``Learner``) is a context role, as LTI 1.3 allows."""
    role = role.strip()
    return MEMBERSHIP + role if re.fullmatch(r"\w+", role) else role


def course_roles(lms_roles: Iterable[str], *, lead_roles: Iterable[str] = ()) -> set[str]:
    """The MedQuiz roles (``student``, ``educator``, ``lead``) that ``lms_roles`` give.

    ``lead_roles`` are the extra LMS roles the platform's settings make course leads.
    """
    given = {full_role(role) for role in lms_roles}
    leads = {ADMINISTRATOR} | {full_role(role) for role in lead_roles}
    roles = set()
    if LEARNER in given:
        roles.add(STUDENT)
    if given & {INSTRUCTOR, TEACHING_ASSISTANT}:
        roles.add(EDUCATOR)
    if given & leads:
        roles.add(LEAD)
    return roles


def is_staff(roles: Iterable[str]) -> bool:
    """Do these MedQuiz roles include teaching or leading (not only studying)?"""
    return bool(set(roles) & {EDUCATOR, LEAD})
