"""Request and response rules for every page: a body-size limit, and headers that keep
signed-in pages out of caches and turn off browser features the app never uses."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


class RequestBodyLimitMiddleware:
    """Refuse (413) a request whose declared body is larger than the app takes, before
    anything reads it, for every method and content type.

    Django's DATA_UPLOAD_MAX_MEMORY_SIZE bounds only form fields read into memory: a
    multipart upload is streamed to a temporary file whatever its size, even to a page
    that ignores it. Signed-in people may send up to ``MAX_REQUEST_BYTES`` (an article
    upload); anonymous requests (log-in, sign-up, password reset) far less. A body
    without a Content-Length is never read by Django's WSGI handler. The proxy in front
    has its own limit (README, "Production").
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0  # Django reads nothing of a body whose length it cannot read
        if length > settings.MAX_ANONYMOUS_REQUEST_BYTES:
            signed_in = request.user.is_authenticated
            limit = settings.MAX_REQUEST_BYTES if signed_in else settings.MAX_ANONYMOUS_REQUEST_BYTES
            if length > limit:
                return HttpResponse(
                    f"This request is too large ({_megabytes(length)}; the limit is {_megabytes(limit)}).",
                    status=413,
                    content_type="text/plain; charset=utf-8",
                )
        return self.get_response(request)


class PrivatePagesMiddleware:
    """``Cache-Control: no-store`` on every page a signed-in person sees (a shared computer's
    back button or cache must not show someone's results), and a ``Permissions-Policy``
    that turns off the browser features the app never uses."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if getattr(request, "user", None) is not None and request.user.is_authenticated:
            add_never_cache_headers(response)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response
