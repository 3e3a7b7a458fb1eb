"""A launch's nonce is good once: the one workaround of a pylti1p3 flaw.

pylti1p3 2.0.0 (Nov 2022, the version django-lti 0.10 builds on) saves a
nonce at OIDC login and, at launch, only checks that it *exists*
(``SessionService.check_nonce``); it never deletes it. It also accepts a
state it has seen before with the same id_token without asking for the state
cookie (``check_state_is_valid``). So a captured launch — the ``state`` and
``id_token`` a browser posted — can be posted again from anywhere, for as
long as the nonce lives (a day), and signs its sender in as that LMS user.

Here the nonce is *taken* instead: deleted in the same statement that finds
it, so the first launch that presents it wins and every later one is refused
("Invalid Nonce"), even two racing ones. Nothing else of pylti1p3 changes.
"""

from pylti1p3.contrib.django.session import DjangoSessionService


class OnceOnlyNonces(DjangoSessionService):
    """pylti1p3's session service, except that checking a nonce uses it up.

    Its data storage must be a :class:`quizzes.lti.storage.LaunchStore`.
    """

    def check_nonce(self, nonce: str) -> bool:
        return self.data_storage.take(self._get_key("nonce", nonce))
