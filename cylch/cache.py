"""Django's Redis cache, which treats a Redis that fails as an empty cache.

Nothing in Cylch keeps data only in the cache: sessions are written to the
database as well (``cached_db``), and everything else can be worked out again.
So when Redis stops (or fails otherwise: full, read-only), each page still
answers, from the database and a little slower, instead of failing with
``ConnectionError``. Reads miss, writes and deletes are dropped (an ``add``
says it stored), so a lock taken through the cache holds nothing and allauth's
rate limits count nothing until Redis is back (docs/operations.md, "When
Redis stops").

After a failure the cache rests for ``RETRY_AFTER_SECONDS`` before it tries
Redis again, so an unreachable host costs one connection timeout per process
every few seconds rather than one per cache call.

A write or delete dropped meanwhile would leave Redis holding what it should no
longer hold (a session signed out, the public pages' generation not renewed after
an editor's change). So the first call after a dropped write empties the cache
before anything is read from it again: everything in it can be rebuilt.
"""

import functools
import logging
import time

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 5


def _missing_key(*args, **kwargs):
    # What Django's cache does when incr/decr meets a key it does not hold.
    raise ValueError("Key not found: the Redis cache fails.")


def _or(fallback, *, writes=True):
    """Run the Redis call unless the cache rests; when Redis fails, answer ``fallback``
    (and remember that a write was dropped, unless the call only reads)."""

    def decorate(method):
        @functools.wraps(method)
        def call(self, *args, **kwargs):
            if time.monotonic() < self._resting_until:
                self._dropped_a_write |= writes
                return fallback(*args, **kwargs)
            try:
                self._empty_after_dropped_writes()
                result = method(self, *args, **kwargs)
            # Refused, timed out, full (OOM), read-only, or not Redis at all: a cache
            # that fails is a cache that misses.
            except RedisError as error:
                self._went_away(error)
                self._dropped_a_write |= writes
                return fallback(*args, **kwargs)
            self._came_back()
            return result

        return call

    return decorate


class ForgivingRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._resting_until = 0.0
        self._unreachable = False
        self._dropped_a_write = False

    def _empty_after_dropped_writes(self):
        if self._dropped_a_write:
            super().clear()
            self._dropped_a_write = False
            logger.warning("The Redis cache was emptied: writes were dropped while it failed.")

    def _went_away(self, error):
        self._resting_until = time.monotonic() + RETRY_AFTER_SECONDS
        if not self._unreachable:
            self._unreachable = True
            logger.warning("The Redis cache fails (%r): serving without it.", error)

    def _came_back(self):
        if self._unreachable:
            self._unreachable = False
            logger.warning("The Redis cache answers again: back in use.")

    @_or(lambda key, default=None, version=None: default, writes=False)
    def get(self, key, default=None, version=None):
        return super().get(key, default, version)

    # An empty cache takes what is added. Saying no would read as "someone else holds
    # this key": allauth takes that for a busy lock and refuses every sign-in.
    @_or(lambda *args, **kwargs: True)
    def add(self, *args, **kwargs):
        return super().add(*args, **kwargs)

    @_or(lambda *args, **kwargs: None)
    def set(self, *args, **kwargs):
        return super().set(*args, **kwargs)

    @_or(lambda *args, **kwargs: False)
    def touch(self, *args, **kwargs):
        return super().touch(*args, **kwargs)

    @_or(lambda *args, **kwargs: False)
    def delete(self, *args, **kwargs):
        return super().delete(*args, **kwargs)

    @_or(lambda *args, **kwargs: {}, writes=False)
    def get_many(self, *args, **kwargs):
        return super().get_many(*args, **kwargs)

    @_or(lambda *args, **kwargs: False, writes=False)
    def has_key(self, *args, **kwargs):
        return super().has_key(*args, **kwargs)

    @_or(_missing_key)
    def incr(self, *args, **kwargs):
        return super().incr(*args, **kwargs)

    @_or(lambda data, *args, **kwargs: list(data))
    def set_many(self, data, *args, **kwargs):
        return super().set_many(data, *args, **kwargs)

    @_or(lambda *args, **kwargs: None)
    def delete_many(self, *args, **kwargs):
        return super().delete_many(*args, **kwargs)

    @_or(lambda *args, **kwargs: False)
    def clear(self):
        return super().clear()
