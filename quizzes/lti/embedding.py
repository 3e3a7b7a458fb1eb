"""MedQuiz inside an LMS's iframe: its own cookies, and framing by that LMS only (middleware).

The site's session and CSRF cookies are ``SameSite=Lax`` and every page says
``X-Frame-Options: DENY`` and ``frame-ancestors 'none'``. Inside an LMS's
iframe (a cross-site frame) a Lax cookie is never sent, so an LMS session
needs ``SameSite=None; Secure`` cookies, and its pages must let the LMS frame
them. Relaxing the site's own cookies would weaken every session, and setting
the LMS session under the site's cookie name would overwrite (sign out)
whoever is signed in to MedQuiz in another tab. So:

- A session started by an LMS launch lives in cookies of its own
  (``LTI_SESSION_COOKIE_NAME``, ``LTI_CSRF_COOKIE_NAME``, and one for the
  messages shown on the next page): ``SameSite=None; Secure`` over HTTPS
  (Lax over plain HTTP, where None is refused).
- A request that brings no site session cookie but LTI cookies is served
  from the LTI cookies (renamed to the site's names for Django's session and
  CSRF middleware, and back on the way out). A request with a site session
  is served from it as always.
- A response of such a request may be framed by the origins of the
  session's platform (``frame-ancestors``; ``X-Frame-Options`` dropped, as
  browsers ignore it when ``frame-ancestors`` is present). A view marks the
  pages of the handshake itself with :func:`mark_embedded`.

Everything else keeps the site's headers and cookies.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.http import HttpRequest, HttpResponse
from django.utils.csp import CSP

SESSION_KEY = "medquiz_lti"  # the session's LMS launch: launch id, registration, context, roles, origins
LTI_MESSAGES_COOKIE_NAME = "medquiz_lti_messages"


def mark_embedded(
    response: HttpResponse, *, origins: Iterable[str], form_origins: Iterable[str] = ()
) -> None:
    """Let ``origins`` frame ``response``; a session it starts uses the LTI cookies.

    ``form_origins`` are added to ``form-action`` (the deep-linking answer posts to the LMS).
    """
    response.lti_embedded = True
    response.lti_frame_origins = list(origins)
    response.lti_form_origins = list(form_origins)


def session_origins(request: HttpRequest) -> list[str]:
    """The frame origins of the LMS launch that started this session (empty: none)."""
    session = getattr(request, "session", None)
    data = session.get(SESSION_KEY) if session is not None else None
    return list(data.get("origins", [])) if data else []


class LtiEmbeddingMiddleware:
    """Serve LMS-embedded sessions from their own cookies and let their LMS frame them."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        cookies = request.COOKIES
        has_site_session = bool(cookies.get(settings.SESSION_COOKIE_NAME))
        request.lti_embedded = not has_site_session and bool(
            cookies.get(settings.LTI_SESSION_COOKIE_NAME) or cookies.get(settings.LTI_CSRF_COOKIE_NAME)
        )
        if request.lti_embedded:
            _serve_from_lti_cookies(cookies)
        response = self.get_response(request)
        marked = getattr(response, "lti_embedded", False)
        if request.lti_embedded or (marked and not has_site_session):
            _rename_cookies(request, response)
        origins = response.lti_frame_origins if marked else None
        if origins is None and request.lti_embedded:
            origins = session_origins(request)
        if origins:
            _allow_framing(response, origins, getattr(response, "lti_form_origins", []))
        return response


def _pairs() -> tuple[tuple[str, str], ...]:
    """(the site's cookie, the LMS session's): the session, the CSRF secret and the one-page messages."""
    return (
        (settings.SESSION_COOKIE_NAME, settings.LTI_SESSION_COOKIE_NAME),
        (settings.CSRF_COOKIE_NAME, settings.LTI_CSRF_COOKIE_NAME),
        (CookieStorage.cookie_name, LTI_MESSAGES_COOKIE_NAME),
    )


def _serve_from_lti_cookies(cookies: dict) -> None:
    for site_name, lti_name in _pairs():
        if cookies.get(lti_name):
            cookies[site_name] = cookies[lti_name]
        else:
            cookies.pop(site_name, None)


def _rename_cookies(request: HttpRequest, response: HttpResponse) -> None:
    """Move the session and CSRF cookies the response sets to the LTI names and attributes."""
    secure = request.is_secure()
    for site_name, lti_name in _pairs():
        morsel = response.cookies.get(site_name)
        if morsel is None:
            continue
        del response.cookies[site_name]
        response.set_cookie(
            lti_name,
            morsel.value,
            max_age=int(morsel["max-age"]) if morsel["max-age"] != "" else None,
            expires=morsel["expires"] or None,
            path=morsel["path"] or "/",
            domain=morsel["domain"] or None,
            secure=secure or bool(morsel["secure"]),
            httponly=bool(morsel["httponly"]),
            samesite="None" if secure else "Lax",
        )


def _allow_framing(response: HttpResponse, origins: list[str], form_origins: list[str]) -> None:
    if "X-Frame-Options" in response:
        del response["X-Frame-Options"]
    policy = dict(getattr(response, "_csp_config", None) or settings.SECURE_CSP)
    policy["frame-ancestors"] = [CSP.SELF, *origins]
    if form_origins:
        policy["form-action"] = [*policy.get("form-action", [CSP.SELF]), *form_origins]
    response._csp_config = policy
