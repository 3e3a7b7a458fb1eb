"""The address a request came from, the one key every throttle and the login lockout use.

Behind a reverse proxy every request reaches Django from the proxy's address, so
keying lockouts on ``REMOTE_ADDR`` would let anyone lock any known user out. The
client's address is then read from the header our proxies write
(``settings.TRUSTED_PROXY_HEADER``, X-Forwarded-For by default), and only from the
entries our own proxies added: each appends the address it saw to the right, so
with ``settings.TRUSTED_PROXY_COUNT = n`` the client is the n-th entry from the
right. Anything further left was written by the client and is ignored. With
n = 0 (no proxy) the header is ignored entirely.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def _valid(value: str) -> str | None:
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


def client_address(request: HttpRequest) -> str:
    """The client's IP address as our own proxies saw it (REMOTE_ADDR without a trusted proxy)."""
    remote = request.META.get("REMOTE_ADDR", "")
    count = settings.TRUSTED_PROXY_COUNT
    if count <= 0:
        return remote
    hops = [hop for hop in request.META.get(settings.TRUSTED_PROXY_HEADER, "").split(",") if hop.strip()]
    if len(hops) < count:
        return remote  # not through all of our proxies
    return _valid(hops[-count]) or remote
