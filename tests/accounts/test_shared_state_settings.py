"""Several app servers share one cache: local memory by default (make run, make test need no
Redis); with REDIS_URL, Django's Redis backend holds the cache, the throttles and the sessions."""

import json
import os
import subprocess
import sys

from django.conf import settings
from django.core.cache.backends.redis import RedisCache

from edu.redis_cache import ReusedClientRedisCache


def _settings_with(env: dict) -> dict:
    code = (
        "import json, edu.settings as s; from django.utils.module_loading import import_string;"
        "caches = getattr(s, 'CACHES', {'default': {'BACKEND': 'default'}});"
        "print(json.dumps({'cache': caches['default'], 'session': getattr(s, 'SESSION_ENGINE', 'default'),"
        " 'throttles': s.THROTTLE_CACHE}))"
    )
    clean = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "CACHE_KEY_PREFIX")}
    result = subprocess.run(
        [sys.executable, "-c", code],
        env={**clean, **env},
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


def test_local_memory_and_database_sessions_by_default():
    configured = _settings_with({})
    assert configured["cache"]["BACKEND"] == "default"  # Django's local-memory cache
    assert configured["session"] == "default"  # database sessions


def test_redis_holds_the_cache_throttles_and_sessions_when_configured():
    configured = _settings_with({"REDIS_URL": "redis://cache.internal:6379/3"})
    assert configured["cache"]["BACKEND"] == "edu.redis_cache.ReusedClientRedisCache"
    assert configured["cache"]["LOCATION"] == "redis://cache.internal:6379/3"
    assert configured["throttles"] == "default"
    assert configured["session"] == "django.contrib.sessions.backends.cached_db"


def test_the_redis_cache_builds_one_client_per_pool_not_one_per_call():
    # Django's own backend builds a redis.Redis (and its ~170 response callbacks) on every
    # call; ours keeps one per connection pool. Making a client connects to nothing.
    cache = ReusedClientRedisCache("redis://cache.internal:6379/3", {})
    assert isinstance(cache, RedisCache)
    client = cache._cache.get_client("a-key")
    assert cache._cache.get_client("another-key", write=True) is client
    assert client.connection_pool is cache._cache._get_connection_pool(write=False)
    plain = RedisCache("redis://cache.internal:6379/3", {})
    assert plain._cache.get_client("a-key") is not plain._cache.get_client("a-key")  # why this exists
