"""The authentication backend: Django's ModelBackend, with the signed-in user read by one written-out statement.

Every signed-in request reads its user (``AuthenticationMiddleware`` calls the session's backend's
``get_user``). Django's ORM took about 0.3 ms of CPU to build that query and the instance, four times what
running the statement took (README, "Performance"), so the statement is written out as the other hot lookups
are (quizzes/models/rows.py). Logging in, the password check and permissions are ModelBackend's own.

``settings.AUTHENTICATION_BACKENDS`` still lists ModelBackend after this one, only so that sessions signed in
before it (whose session names ModelBackend) stay signed in. A failed password check here ends the login
(``PermissionDenied``), so ModelBackend never checks the same password a second time.
"""

from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied

from quizzes.models import User
from quizzes.models.rows import Columns, Statement

PATH = "quizzes.accounts.backends.UserBackend"

USER = Statement((Columns(User, "u"),), " FROM {user} u WHERE u.id = %s", {"user": User._meta.db_table})


class UserBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is None and password is not None:
            raise PermissionDenied  # the credentials were checked: no other backend checks them again
        return user

    async def aauthenticate(self, request, username=None, password=None, **kwargs):
        user = await super().aauthenticate(request, username=username, password=password, **kwargs)
        if user is None and password is not None:
            raise PermissionDenied
        return user

    def get_user(self, user_id):
        """The active user `user_id` (the session's key, as ``django.contrib.auth.get_user`` reads it), or None."""
        row = USER.one([user_id])
        if row is None:
            return None
        user = row[0]
        return user if self.user_can_authenticate(user) else None
