"""Cached API answers. Keys carry a generation token that any change to published data replaces, so a verified
result shows at once in this process (and in every worker when CACHE_URL points at a shared cache); the timeout
bounds staleness for changes made behind the ORM's back."""

import uuid

from django.core.cache import cache

GENERATION_KEY = "api:v1:generation"
TIMEOUT_SECONDS = 300


def generation() -> str:
    return cache.get_or_set(GENERATION_KEY, lambda: uuid.uuid4().hex, timeout=None)


def forget_cached_responses(**kwargs) -> None:
    cache.set(GENERATION_KEY, uuid.uuid4().hex, timeout=None)


def key_for(full_path: str) -> str:
    return f"api:v1:{generation()}:{full_path}"
