"""Where pylti1p3 keeps the launch handshake: OIDC state, nonces and validated launch data.

pylti1p3 asks a "launch data storage" for these. django-lti hands it Django's
cache, whose default (local memory) is per process: behind gunicorn a login
and its launch reach different workers and the launch fails. This one keeps
them in the database (``LtiStoredValue``), with their expiry, and can *take* a
value: delete it and say whether it was there, in one statement, so that only
one of two racing requests gets it (see :mod:`quizzes.lti.nonce`).

Over HTTPS every key is prefixed with the browser's ``lti1p3-session-id``
cookie (pylti1p3's binding of a launch to the browser that started it), as
pylti1p3's own cache storage does.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.utils import timezone
from pylti1p3.launch_data_storage.base import LaunchDataStorage

from quizzes.models import LtiStoredValue

DEFAULT_LIFETIME = timedelta(days=1)


class LaunchStore(LaunchDataStorage):
    """pylti1p3's launch data storage, in the ``LtiStoredValue`` table."""

    def get_session_cookie_name(self) -> str | None:
        # As pylti1p3's cache storage: bind keys to the browser only over HTTPS, where
        # its cookie can be SameSite=None; Secure and so reach an iframe.
        assert self._request is not None, "the request is set first"
        if not self._request.is_secure():
            return None
        return super().get_session_cookie_name()

    def can_set_keys_expiration(self) -> bool:
        return True

    def get_value(self, key: str) -> Any:
        return (
            LtiStoredValue.objects.filter(key=self._prepare_key(key), expires_at__gt=timezone.now())
            .values_list("value", flat=True)
            .first()
        )

    def set_value(self, key: str, value: Any, exp: int | None = None) -> None:
        lifetime = timedelta(seconds=exp) if exp else DEFAULT_LIFETIME
        LtiStoredValue.objects.update_or_create(
            key=self._prepare_key(key), defaults={"value": value, "expires_at": timezone.now() + lifetime}
        )

    def check_value(self, key: str) -> bool:
        return LtiStoredValue.objects.filter(
            key=self._prepare_key(key), expires_at__gt=timezone.now()
        ).exists()

    def take(self, key: str) -> bool:
        """Delete ``key``; True if it was there and unexpired (only one caller ever gets True)."""
        deleted, _ = LtiStoredValue.objects.filter(
            key=self._prepare_key(key), expires_at__gt=timezone.now()
        ).delete()
        return deleted == 1


def purge_expired(*, now: datetime) -> int:
    """Delete the handshake values that have expired; how many."""
    deleted, _ = LtiStoredValue.objects.filter(expires_at__lte=now).delete()
    return deleted
