"""Cached public pages: the ranking (with its downloads), the regency profiles and their embed, the method page;
and the PDF reports and share pictures.

They are kept by the one cache of published data (assessments/publication.py): under the publication version,
keyed and tagged by the full path, the language and whether the body is gzipped, so verifying a result makes
every cached page stale at once, in every worker and on every machine, and a browser coming back with
If-None-Match gets a 304 after one small query and no rendering.

Only visitors without a session are served from the cache: a signed-in user sees their own navigation and a
one-time message, and those pages must never be stored for someone else. Cached pages therefore hold no CSRF
token (the language switch is a plain link, spbe_portal/views.py). Reports and pictures say the same to everyone
and take no parameters: they are kept under their path alone, whoever asks and whatever the query string says.
"""

from functools import wraps
from urllib.parse import urlencode

from django.http import QueryDict
from django.utils.translation import get_language

from assessments import publication
from assessments.sent_answers import is_personal


def _from_cache(view, *, address, personal):
    """`view` answered from the cache for GET and HEAD, stored under `address(request)`, unless `personal(request)`."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD") or personal(request):
            return view(request, *args, **kwargs)
        return publication.cached_response(
            request, lambda: view(request, *args, **kwargs), path=address(request), language=get_language()
        )

    return wrapped


def public_page(view=None, *, parameters: tuple[str, ...] | None = None):
    """Serves GET and HEAD of a public view from the cache, with ETag, Last-Modified and gzip. Put it closest to
    the view: decorators above it (an embed's frame policy) then apply to cached answers and 304s alike.

    `parameters`, when given, names every query parameter the view reads: the view then sees, and the cache keys
    the answer by, only those, normalised (`known_query`), so `?wilayah=a&wilayah=b&fbclid=…` is the same entry
    as `?wilayah=a&wilayah=b`, and no cached page carries a parameter of whoever built it (the page prints its
    own address). Without it the full path is the key, as the view may read anything."""
    if view is None:
        return lambda view: public_page(view, parameters=parameters)
    if parameters is None:
        return _from_cache(view, address=lambda request: request.get_full_path(), personal=is_personal)

    cached_view = _from_cache(view, address=lambda request: request.get_full_path(), personal=is_personal)

    @wraps(view)
    def normalised(request, *args, **kwargs):
        if request.method in ("GET", "HEAD"):
            _ask_only(request, known_query(request.GET, parameters))
        return cached_view(request, *args, **kwargs)

    return normalised


def known_query(query: QueryDict, parameters: tuple[str, ...]) -> str:
    """`query` reduced to `parameters`, in that order, each with its values in the order given and each value
    once (the views read a repeated parameter as an ordered choice)."""
    kept = []
    for name in parameters:
        kept += [(name, value) for value in dict.fromkeys(query.getlist(name))]
    return urlencode(kept)


def _ask_only(request, query: str) -> None:
    """The request as if it had been sent with `query`: its GET and the address it reports (`get_full_path`,
    `build_absolute_uri`). Runs before the cache, so the key is made from it."""
    request.META["QUERY_STRING"] = query
    request.GET = QueryDict(query)


def public_file(view):
    """Serves a PDF report or a share picture from the cache by its path alone. Drawing one takes 0,2–1,3 s, so
    neither a query string nor a cookie (an invented session id included) may make another copy: the file names no
    one, and its views read no parameter."""
    return _from_cache(view, address=lambda request: request.path, personal=lambda request: False)
