"""The LTI 1.3 handshake (services): OIDC login initiation, validating a launch, reading it back.

1. The LMS sends the browser to our login URL (``iss``, ``login_hint``...).
   :func:`login_redirect` saves a nonce, sets a short-lived state cookie and
   redirects to the platform's authentication URL.
2. The platform posts a signed ``id_token`` and the ``state`` to our launch
   URL. :func:`validate_launch` checks the state cookie, takes the nonce (once
   only: :mod:`quizzes.lti.nonce`), finds the registration by issuer and
   client ID (audience), checks the signature against the platform's key set
   and the expiry, and the deployment; then django-lti records the LMS user,
   course, membership and link (``sync_data_from_launch``).
3. The browser is sent on to :func:`stored_launch`'s reader, which finds the
   validated launch again by its id, in this browser only (over HTTPS the
   stored launch is bound to pylti1p3's ``lti1p3-session-id`` cookie), and at
   most once (:func:`take_pending`).

django-lti's ``LtiLaunchBaseView`` is not used: it clears the Django
session before validating, which would sign out whoever was signed in.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from lti_tool.models import LtiLaunch
from lti_tool.utils import DjangoToolConfig, sync_data_from_launch
from pylti1p3.contrib.django.message_launch import DjangoMessageLaunch
from pylti1p3.contrib.django.oidc_login import DjangoOIDCLogin
from pylti1p3.contrib.django.request import DjangoRequest
from pylti1p3.exception import LtiException, OIDCException

from quizzes.lti.nonce import OnceOnlyNonces
from quizzes.lti.platforms import has_signing_key, http_session
from quizzes.lti.storage import LaunchStore

logger = logging.getLogger(__name__)

PENDING_LIFETIME = timedelta(minutes=10)
AGAIN = "Open the activity again from your LMS."

# pylti1p3's reasons, in words for the person in front of the screen.
REASONS = {
    "State not found": "This launch did not start in this browser, or took too long. " + AGAIN,
    "Missing state param": "This launch did not start in this browser. " + AGAIN,
    "Missing %s cookie session-id": "This launch did not start in this browser. " + AGAIN,
    "Invalid Nonce": "This launch was already used. " + AGAIN,
    "Registration not found.": "MedQuiz does not know this LMS (its issuer and client ID are not "
    "registered). An administrator must register it first.",
    "Client id not registered for this issuer": "MedQuiz does not know this LMS client ID.",
    "Missing id_token": "The LMS sent no launch token. " + AGAIN,
}


class LaunchRefused(Exception):
    """A login or launch MedQuiz will not accept; ``str(error)`` is a message for the person."""


def login_redirect(request: HttpRequest, *, registration_uuid=None) -> HttpResponse:
    """OIDC login initiation: save a nonce and a state, and redirect to the platform's authentication URL.

    The platform must send the browser back to our launch URL (``redirect_uri``),
    which it must have registered. Raises LaunchRefused for an unknown platform.
    """
    _require_signing_key()
    login = DjangoOIDCLogin(
        request,
        DjangoToolConfig(registration_uuid),
        session_service=OnceOnlyNonces(request),
        launch_data_storage=LaunchStore(),
    )
    try:
        return login.redirect(request.build_absolute_uri(reverse("lti_launch")))
    except (OIDCException, LtiException) as error:
        logger.warning("LTI login refused: %s", error)
        raise LaunchRefused(_reason(error)) from error


def validate_launch(request: HttpRequest) -> LtiLaunch:
    """Validate the platform's launch POST and record what it says; the launch, ready to be continued.

    Raises LaunchRefused (wrong or replayed state and nonce, unknown issuer or
    audience, bad signature, expired token, inactive deployment, an LTI message
    MedQuiz does not handle).
    """
    _require_signing_key()
    try:
        message_launch = DjangoMessageLaunch(
            request,
            DjangoToolConfig(),
            session_service=OnceOnlyNonces(request),
            launch_data_storage=LaunchStore(),
            requests_session=http_session(),
        )
        message_launch.validate()
    except LtiException as error:
        logger.warning("LTI launch refused: %s", error)
        raise LaunchRefused(_reason(error)) from error
    launch = LtiLaunch(message_launch)
    if not (launch.is_resource_launch or launch.is_deep_link_launch):
        raise LaunchRefused("MedQuiz does not handle this kind of LMS message yet.")
    with transaction.atomic():
        sync_data_from_launch(launch)
    if not launch.deployment.is_active:
        raise LaunchRefused(
            f"This LMS deployment ({launch.deployment.deployment_id}) is not active in MedQuiz. "
            "An administrator must activate it in MedQuiz's admin."
        )
    store = _bound_store(request)
    if store is None:  # cannot happen: validation just read the same cookie
        raise LaunchRefused("This browser refused MedQuiz's cookies. " + AGAIN)
    store.set_value(_pending_key(launch.get_launch_id()), True, int(PENDING_LIFETIME.total_seconds()))
    return launch


def stored_launch(request: HttpRequest, launch_id: str) -> LtiLaunch | None:
    """The validated launch ``launch_id``, if this browser made it and it has not expired."""
    try:
        message_launch = DjangoMessageLaunch.from_cache(
            launch_id,
            request,
            DjangoToolConfig(),
            session_service=OnceOnlyNonces(request),
            launch_data_storage=LaunchStore(),
            requests_session=http_session(),
        )
    except LtiException:
        return None
    return LtiLaunch(message_launch)


def is_pending(request: HttpRequest, launch_id: str) -> bool:
    """Has this browser's launch ``launch_id`` yet to be continued (signed in, landed)?"""
    store = _bound_store(request)
    return store is not None and store.check_value(_pending_key(launch_id))


def take_pending(request: HttpRequest, launch_id: str) -> bool:
    """Mark the launch continued; True for the first caller only (a launch signs in once)."""
    store = _bound_store(request)
    return store is not None and store.take(_pending_key(launch_id))


def _pending_key(launch_id: str) -> str:
    return f"pending-{launch_id}"


def _bound_store(request: HttpRequest) -> LaunchStore | None:
    """A LaunchStore bound to this browser as pylti1p3 binds its own (None: the cookie is missing)."""
    store = LaunchStore()
    store.set_request(DjangoRequest(request))
    cookie_name = store.get_session_cookie_name()
    if cookie_name:
        session_id = request.COOKIES.get(f"lti1p3-{cookie_name}")
        if not session_id:
            return None
        store.set_session_id(session_id)
    return store


def _require_signing_key() -> None:
    if not has_signing_key():
        raise LaunchRefused(
            "MedQuiz is not ready for LMS launches: it has no signing key yet. "
            "An administrator must run `manage.py rotate_keys`."
        )


def _reason(error: Exception) -> str:
    text = str(error)
    if text in REASONS:
        return REASONS[text]
    if "Signature has expired" in text:
        return "This launch has expired. " + AGAIN
    return f"The LMS launch could not be verified ({text}). " + AGAIN
