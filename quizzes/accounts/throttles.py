"""Counting attempts per key in Django's cache: failed log-ins per address, password-reset
e-mails per address and per account, failed join codes per person and per address.

A throttle allows ``limit`` events per key in a window of ``seconds`` that starts at
the key's first event (a fixed window). Limits are settings (``THROTTLES``). Counters
live in the cache named by ``settings.THROTTLE_CACHE``: per process with the local
memory cache, shared by every server once CACHES points at Redis or Memcached.
Keys are hashed, so no address or e-mail address is stored in the clear.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import caches


@dataclass(frozen=True)
class Throttle:
    """At most ``limit`` events per key per window; ``name`` is its entry in ``settings.THROTTLES``."""

    name: str

    @property
    def limit(self) -> int:
        return settings.THROTTLES[self.name][0]

    @property
    def seconds(self) -> int:
        return settings.THROTTLES[self.name][1]

    @property
    def minutes(self) -> int:
        return max(1, round(self.seconds / 60))

    def _key(self, key: str) -> str:
        digest = hashlib.sha256(key.encode()).hexdigest()[:32]
        return f"throttle:{self.name}:{digest}"

    def count(self, key: str) -> int:
        """Events counted for ``key`` in its current window."""
        return caches[settings.THROTTLE_CACHE].get(self._key(key), 0)

    def exceeded(self, key: str) -> bool:
        """Has ``key`` used up its window's allowance?"""
        return self.count(key) >= self.limit

    def hit(self, key: str) -> bool:
        """Count one event for ``key``; False if it went over the limit (the event should be refused)."""
        cache = caches[settings.THROTTLE_CACHE]
        name = self._key(key)
        cache.add(name, 0, timeout=self.seconds)
        try:
            count = cache.incr(name)
        except ValueError:  # the window ran out between add and incr
            cache.add(name, 1, timeout=self.seconds)
            count = 1
        return count <= self.limit


LOGIN_FAILURES_PER_ADDRESS = Throttle("login-failures-per-address")
RESETS_PER_ADDRESS = Throttle("password-resets-per-address")
RESETS_PER_ACCOUNT = Throttle("password-resets-per-account")
JOIN_FAILURES_PER_USER = Throttle("join-failures-per-user")
JOIN_FAILURES_PER_ADDRESS = Throttle("join-failures-per-address")
