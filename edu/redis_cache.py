"""Django's Redis cache, with one Redis client per connection pool instead of one per call.

Django's ``RedisCacheClient.get_client`` builds a new ``redis.Redis`` for every cache call,
and redis-py's constructor fills a table of about 170 response callbacks each time: on a
signed-in page (the session read from the cache) that cost about 0.25 ms of the 3.4 ms a
signed-in request takes in-process (README, "make loadtest"). It leans on two private names of
Django's client (``_get_connection_pool``, ``_client``); the test of this class fails if they
change. A client holds no state of its own between calls
(its connection pool does, and is already shared), so one per pool is enough; Django keeps
a cache object per thread, so nothing here is shared between threads either.
"""

from django.core.cache.backends.redis import RedisCache, RedisCacheClient


class ReusedClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class ReusedClientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedClient
