"""The Redis cache as the portal uses it: an optimisation that may be missing.

What the cache holds — rendered public pages, API answers, the password-reset counters — can always be built or
counted again, so losing Redis must cost speed, never an answer. Django's RedisCache raises redis-py's
ConnectionError on every call while Redis is down, which made every page a 500. This backend answers as an empty
cache would instead: a read misses, a write stores nothing, `incr` finds no key. After a failure it leaves Redis
alone for `RETRY_AFTER_SECONDS` (per process and server), so that a Redis machine that stops answering costs one
connect timeout every few seconds rather than one per cache call, and it logs one warning when it loses Redis and
one line when it has it back, not a line per call. django-redis offers the same idea as `IGNORE_EXCEPTIONS`; this
is the few lines of it the portal needs, on Django's own backend.

`clear()` removes the keys under this cache's KEY_PREFIX only (Django's would FLUSHDB the whole Redis database,
which another application may share), and it does raise when Redis is unreachable: a restore must know that the
pages of the old database are still there.
"""

import logging
import time
from collections.abc import Callable
from typing import TypeVar

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 5.0
# redis-py's errors of a server that cannot be reached or does not answer in time (BusyLoadingError, a Redis still
# loading its data, is a ConnectionError too); anything else, such as a value that does not unpickle, still raises.
UNREACHABLE = (RedisConnectionError, RedisTimeoutError)
CLEAR_BATCH = 500

# Server location → monotonic time before which it is not asked again. Module-level because Django keeps one cache
# object per thread, and the threads of a worker should agree that Redis is down.
_resting_until: dict[str, float] = {}

Value = TypeVar("Value")


class ResilientRedisCache(RedisCache):
    @property
    def _server_key(self) -> str:
        return ",".join(self._servers)

    def is_resting(self) -> bool:
        return time.monotonic() < _resting_until.get(self._server_key, 0.0)

    def _guarded(self, operation: Callable[[], Value], fallback: Callable[[], Value]) -> Value:
        if self.is_resting():
            return fallback()
        try:
            value = operation()
        except UNREACHABLE as error:
            if self._server_key not in _resting_until:
                logger.warning("Cache unreachable; pages are built from the database until it answers: %s", error)
            _resting_until[self._server_key] = time.monotonic() + RETRY_AFTER_SECONDS
            return fallback()
        if _resting_until.pop(self._server_key, None) is not None:
            logger.warning("Cache reachable again")
        return value

    def get(self, key, default=None, version=None):
        return self._guarded(lambda: super(ResilientRedisCache, self).get(key, default, version), lambda: default)

    def get_many(self, keys, version=None):
        return self._guarded(lambda: super(ResilientRedisCache, self).get_many(keys, version), dict)

    def has_key(self, key, version=None):
        return self._guarded(lambda: super(ResilientRedisCache, self).has_key(key, version), lambda: False)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guarded(lambda: super(ResilientRedisCache, self).add(key, value, timeout, version), lambda: False)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guarded(lambda: super(ResilientRedisCache, self).set(key, value, timeout, version), lambda: None)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guarded(
            lambda: super(ResilientRedisCache, self).set_many(data, timeout, version), lambda: list(data)
        )

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guarded(lambda: super(ResilientRedisCache, self).touch(key, timeout, version), lambda: False)

    def delete(self, key, version=None):
        return self._guarded(lambda: super(ResilientRedisCache, self).delete(key, version), lambda: False)

    def delete_many(self, keys, version=None):
        return self._guarded(lambda: super(ResilientRedisCache, self).delete_many(keys, version), lambda: None)

    def incr(self, key, delta=1, version=None):
        def missing():
            raise ValueError(f"Key '{key}' not found (cache unreachable).")

        return self._guarded(lambda: super(ResilientRedisCache, self).incr(key, delta, version), missing)

    def clear(self) -> int:
        """Deletes this portal's keys (those under KEY_PREFIX) and returns how many; raises if Redis is down."""
        client = self._cache.get_client(write=True)
        # Django's keys are "<KEY_PREFIX>:<version>:<key>".
        pattern = _glob_escape(self.key_prefix) + ":*"
        deleted = 0
        batch = []
        for key in client.scan_iter(match=pattern, count=CLEAR_BATCH):
            batch.append(key)
            if len(batch) >= CLEAR_BATCH:
                deleted += client.delete(*batch)
                batch = []
        if batch:
            deleted += client.delete(*batch)
        return deleted


def _glob_escape(text: str) -> str:
    """A KEY_PREFIX read literally by Redis' MATCH, whose pattern language gives *, ?, [ and \\ a meaning."""
    return "".join("\\" + char if char in "*?[]\\" else char for char in text)
