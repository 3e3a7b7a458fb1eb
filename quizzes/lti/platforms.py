"""Registered platforms (selectors): who may frame MedQuiz, which roles lead, and how we call an LMS."""

from __future__ import annotations

import requests
from django.conf import settings
from lti_tool.models import Key, LtiRegistration

from quizzes.models.lti import LtiPlatformSettings, origin_of


def frame_origins(registration: LtiRegistration) -> list[str]:
    """The origins that may show MedQuiz in a frame for this platform.

    The issuer's and the authentication URL's origins (Moodle serves pages from
    both), plus the ones its settings add (Canvas frames from the school's own
    address, not from its issuer).
    """
    origins = [origin_of(registration.issuer), origin_of(registration.auth_url)]
    extra = _settings(registration)
    if extra is not None:
        origins += extra.extra_frame_origins
    return sorted({origin for origin in origins if origin})


def all_frame_origins() -> list[str]:
    """The frame origins of every active platform (for the pages of the handshake itself)."""
    registrations = LtiRegistration.objects.active().select_related("medquiz_settings")
    origins: set[str] = set()
    for registration in registrations:
        origins.update((origin_of(registration.issuer), origin_of(registration.auth_url)))
        extra = getattr(registration, "medquiz_settings", None)
        if extra is not None:
            origins.update(extra.extra_frame_origins)
    return sorted(origin for origin in origins if origin)


def lead_roles(registration: LtiRegistration) -> list[str]:
    """The extra LMS roles that make a course lead on this platform."""
    extra = _settings(registration)
    return extra.extra_lead_roles if extra is not None else []


def _settings(registration: LtiRegistration) -> LtiPlatformSettings | None:
    """The platform's settings, read once per registration object (a launch asks several times)."""
    if not hasattr(registration, "_medquiz_settings"):
        registration._medquiz_settings = LtiPlatformSettings.objects.filter(registration=registration).first()
    return registration._medquiz_settings


def has_signing_key() -> bool:
    """Is there an active tool key (``manage.py rotate_keys`` makes one)?"""
    return Key.objects.active().exists()


class _TimeoutSession(requests.Session):
    def request(self, *args, **kwargs):
        kwargs.setdefault("timeout", settings.LTI_HTTP_TIMEOUT)
        return super().request(*args, **kwargs)


def http_session() -> requests.Session:
    """A requests session for calls to an LMS: pylti1p3 sets no timeout, so a hung LMS would hang us."""
    session = _TimeoutSession()
    session.headers["User-Agent"] = "MedQuiz LTI tool"
    return session
