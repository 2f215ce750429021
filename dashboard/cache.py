"""Cached public pages: the ranking (with its downloads) and the regency profiles.

The key is the publication version (assessments/publication.py) with the full path, the language and whether the
body is gzipped, so verifying a result makes every cached page stale at once, in every worker and on every
machine. The ETag is built from the same parts: a browser coming back sends If-None-Match and, when nothing was
published since, gets a 304 after one small query and no rendering.

Only visitors without a session are served from the cache: a signed-in user sees their own navigation and a
one-time message, and those pages must never be stored for someone else. Cached pages therefore hold no CSRF
token (the language switch is a plain link, spbe_portal/views.py).
"""

import gzip
import hashlib
import threading
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import http_date
from django.utils.translation import get_language

from assessments import publication

# Headers of the view's response that belong to the stored page; the middleware adds the rest on every request.
KEPT_HEADERS = ("Content-Type", "Content-Disposition")
# Below this size gzip's own header costs more than it saves.
GZIP_MIN_BYTES = 200
MESSAGES_COOKIE = "messages"
# One render per page and process at a time: when a publication makes every page stale, the threads of a worker
# asking for the same page wait for the first one's render instead of all rendering it at once (at national size
# the ranking takes over a second to build, and four renders at once on one GIL take four times as long each).
_render_locks: dict[str, threading.Lock] = {}
_render_locks_guard = threading.Lock()
MAX_RENDER_LOCKS = 1000


def _render_lock(key: str) -> threading.Lock:
    with _render_locks_guard:
        if len(_render_locks) > MAX_RENDER_LOCKS:
            _render_locks.clear()
        return _render_locks.setdefault(key, threading.Lock())


def _accepts_gzip(request) -> bool:
    return "gzip" in request.headers.get("Accept-Encoding", "").lower()


def _is_personal(request) -> bool:
    return settings.SESSION_COOKIE_NAME in request.COOKIES or MESSAGES_COOKIE in request.COOKIES


def public_page(view):
    """Serves GET and HEAD of a public view from the cache, with ETag, Last-Modified and gzip."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD") or _is_personal(request):
            return view(request, *args, **kwargs)
        state = publication.current()
        gzipped = _accepts_gzip(request)
        path_digest = hashlib.sha256(request.get_full_path().encode()).hexdigest()[:32]
        variant = f"{state.version}:{get_language()}:{'gz' if gzipped else 'id'}:{path_digest}"
        etag = f'"{hashlib.sha256(variant.encode()).hexdigest()[:32]}"'
        last_modified = state.changed_at.timestamp()

        not_modified = get_conditional_response(request, etag=etag, last_modified=int(last_modified))
        if not_modified is not None:
            return _finish(not_modified, etag=etag, last_modified=last_modified, gzipped=gzipped)

        key = f"public:{variant}"
        stored = cache.get(key)
        if stored is None:
            with _render_lock(key):
                stored = cache.get(key)
                if stored is None:
                    response = view(request, *args, **kwargs)
                    if response.status_code != 200 or response.streaming:
                        return response
                    stored = _storable(response, gzipped=gzipped)
                    cache.set(key, stored, settings.PUBLIC_PAGE_CACHE_SECONDS)
        body, headers, encoded = stored
        response = HttpResponse(body, headers=headers)
        if encoded:
            response["Content-Encoding"] = "gzip"
        return _finish(response, etag=etag, last_modified=last_modified, gzipped=gzipped)

    return wrapped


def _storable(response, *, gzipped: bool) -> tuple[bytes, dict, bool]:
    body = response.content
    encoded = gzipped and len(body) >= GZIP_MIN_BYTES
    if encoded:
        body = gzip.compress(body, compresslevel=6)
    return body, {name: response[name] for name in KEPT_HEADERS if response.has_header(name)}, encoded


def _finish(response, *, etag: str, last_modified: float, gzipped: bool):
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified)
    patch_vary_headers(response, ["Accept-Encoding"])
    # The browser may keep the page but asks again every time; the answer is usually a 304.
    patch_cache_control(response, no_cache=True, public=True)
    return response
