"""Cached public pages: the ranking (with its downloads), the regency profiles and their embed, the method page.

They are kept by the one cache of published data (assessments/publication.py): under the publication version,
keyed and tagged by the full path, the language and whether the body is gzipped, so verifying a result makes
every cached page stale at once, in every worker and on every machine, and a browser coming back with
If-None-Match gets a 304 after one small query and no rendering.

Only visitors without a session are served from the cache: a signed-in user sees their own navigation and a
one-time message, and those pages must never be stored for someone else. Cached pages therefore hold no CSRF
token (the language switch is a plain link, spbe_portal/views.py).
"""

from functools import wraps

from django.conf import settings
from django.utils.translation import get_language

from assessments import publication

MESSAGES_COOKIE = "messages"


def _is_personal(request) -> bool:
    return settings.SESSION_COOKIE_NAME in request.COOKIES or MESSAGES_COOKIE in request.COOKIES


def public_page(view):
    """Serves GET and HEAD of a public view from the cache, with ETag, Last-Modified and gzip. Put it closest to
    the view: decorators above it (an embed's frame policy) then apply to cached answers and 304s alike."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD") or _is_personal(request):
            return view(request, *args, **kwargs)
        return publication.cached_response(
            request, lambda: view(request, *args, **kwargs), path=request.get_full_path(), language=get_language()
        )

    return wrapped
