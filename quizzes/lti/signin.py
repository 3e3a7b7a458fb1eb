"""Who a validated launch signs in, and where it lands (services).

The LMS has authenticated the person; MedQuiz must not silently replace
someone else who signed in here. With the browser's current MedQuiz user
(if its cookie reaches us: see :mod:`quizzes.lti.embedding`):

- nobody, or the launch's own account: sign in and land;
- someone whom an earlier LMS launch signed in: the LMS now says another
  person is at the keyboard, so the LMS session is replaced (sign in, land);
- someone who signed in here with their password: ask first
  (:data:`CONFIRM_SWITCH`); continuing signs them out, cancelling leaves
  them signed in and the launch unused;
- a teacher's first launch (no linked account yet): ask whether to make a
  new account or to link their existing one (:data:`CHOOSE_ACCOUNT`).
"""

from __future__ import annotations

from django.contrib.auth import login
from django.http import HttpRequest
from django.urls import reverse
from lti_tool.constants import SESSION_KEY as LAUNCH_ID_KEY
from lti_tool.models import LtiLaunch

from quizzes.accounts import backends
from quizzes.accounts.permissions import roles_in
from quizzes.lti import identities, placements, platforms
from quizzes.lti.embedding import SESSION_KEY
from quizzes.lti.roles import is_staff
from quizzes.models import User

SIGN_IN, CONFIRM_SWITCH, CHOOSE_ACCOUNT = "sign_in", "confirm_switch", "choose_account"
BACKEND = backends.PATH


def launch_roles(lti_launch: LtiLaunch) -> set[str]:
    """The MedQuiz course roles the launch's LMS roles give."""
    return identities.course_roles_for(
        lms_role_claim=lti_launch.roles_claim, lead_roles=platforms.lead_roles(lti_launch.registration)
    )


def next_step(request: HttpRequest, lti_launch: LtiLaunch) -> str:
    """What to do with the launch in this browser: SIGN_IN, CONFIRM_SWITCH or CHOOSE_ACCOUNT."""
    account = identities.account_of(lti_launch.user)
    current = request.user if request.user.is_authenticated else None
    signed_in_by_lms = bool(request.session.get(SESSION_KEY, {}).get("by_lms"))
    if current is not None and current != account and not signed_in_by_lms:
        return CHOOSE_ACCOUNT if account is None and is_staff(launch_roles(lti_launch)) else CONFIRM_SWITCH
    if account is None and is_staff(launch_roles(lti_launch)):
        return CHOOSE_ACCOUNT
    return SIGN_IN


def sign_in(request: HttpRequest, lti_launch: LtiLaunch, *, account: User | None = None) -> str:
    """Sign the launch's person in (making their account if needed); the URL to land on.

    ``account`` is an existing account the person just proved is theirs (its
    password), to link to their LMS identity.
    """
    lti_user = lti_launch.user
    if account is not None:
        identities.link_account(lti_user=lti_user, user=account)
    user = identities.account_of(lti_user) or identities.create_account(lti_user=lti_user)
    already = request.user.is_authenticated and request.user.pk == user.pk
    if not already:
        login(request, user, backend=BACKEND)  # a new session key; another user's session is flushed
    by_lms = not already or bool(request.session.get(SESSION_KEY, {}).get("by_lms"))
    request.session[LAUNCH_ID_KEY] = lti_launch.get_launch_id()
    request.session[SESSION_KEY] = {
        "launch": lti_launch.get_launch_id(),
        "registration": lti_launch.registration.pk,
        "context": lti_launch.context.pk,
        "roles": sorted(launch_roles(lti_launch)),
        "origins": platforms.frame_origins(lti_launch.registration),
        "by_lms": by_lms,
    }
    return land(request, lti_launch)


def land(request: HttpRequest, lti_launch: LtiLaunch) -> str:
    """Grant the launch's course roles and say where it lands (the course link page until linked).

    Raises placements.PlacementError when the link opens something not in the linked course.
    """
    if lti_launch.is_deep_link_launch and not is_staff(launch_roles(lti_launch)):
        raise placements.PlacementError("Only the LMS course's teachers can add MedQuiz activities.")
    course = placements.linked_course(lti_launch.context)
    if course is None:
        return reverse("lti_link_course")
    identities.grant_roles(user=request.user, course=course, roles=launch_roles(lti_launch))
    request.user._course_roles = {}  # the roles just changed: forget the cached ones
    if lti_launch.is_deep_link_launch:
        return reverse("lti_deep_link", args=[course.slug])
    roles = roles_in(request.user, course)
    if not roles:
        raise placements.PlacementError("Your role in this LMS course gives no access to its MedQuiz course.")
    placement = placements.place(launch=lti_launch, course=course)
    return placements.landing_url(placement=placement, course=course, roles=roles)
