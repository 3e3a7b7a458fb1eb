"""django-axes' database handler, plus a per-address limit on failed log-ins.

axes locks a (username, address) pair after ``AXES_FAILURE_LIMIT`` failures, so the
rightful user on another address still logs in. Password spraying (one address
trying a few passwords on every username) stays under that limit for each name, so
this handler also locks an address out after ``THROTTLES["login-failures-per-address"]``
failures across all usernames (a higher limit: a campus shares one address). The
address is the client's as our proxies saw it (``addresses.client_address``, also
axes' ``AXES_CLIENT_IP_CALLABLE``). Set ``AXES_HANDLER`` to this class.
"""

from __future__ import annotations

from axes.handlers.database import AxesDatabaseHandler

from quizzes.accounts.addresses import client_address
from quizzes.accounts.throttles import LOGIN_FAILURES_PER_ADDRESS


class LoginHandler(AxesDatabaseHandler):
    """Locked out: too many failures for this username from this address, or from this address at all."""

    def is_locked(self, request, credentials: dict | None = None) -> bool:
        if LOGIN_FAILURES_PER_ADDRESS.exceeded(client_address(request)):
            return True
        return super().is_locked(request, credentials)

    def user_login_failed(self, sender, credentials: dict, request=None, **kwargs):
        super().user_login_failed(sender, credentials, request, **kwargs)
        if request is not None and not LOGIN_FAILURES_PER_ADDRESS.hit(client_address(request)):
            request.axes_locked_out = True  # AxesMiddleware answers with the lockout page
