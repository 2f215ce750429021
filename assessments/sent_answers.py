"""Cached public answers sent again as they were sent, before the middleware stack and the URL resolver run.

A public page's answer (assessments/publication.py, `cached_response`) is the same for every visitor without a
session: its body and every header the middleware added to it (CSP, frame policy, Vary, language, cache
headers). Built once per publication version, it is kept a second time as it left the stack, under the address
as asked, the language chosen and the encoding taken; the next such request gets it back from this middleware
after the one version read, as the view would have answered it, without the ten middlewares and the resolver
in between (issue 26: at province size those cost more than the page itself).

The freshness rule is the publication cache's own: an answer is sent again only while its version is the
current one, read from the database for every request it answers. Anything else goes down the stack as
before: signed-in visitors (`is_personal`), other methods, addresses never stored, an answer of an older
version, and a database that cannot be read (the stack then serves the last stored copy, marked as such).
Misses cost one cache read; the version is read only when an answer is on hand.
"""

import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError
from django.http import HttpResponse, HttpResponseNotModified
from django.utils.cache import get_conditional_response
from django.utils.http import parse_http_date_safe

from spbe_portal.middleware import chosen_language

from . import publication

MESSAGES_COOKIE = "messages"
# What a 304 leaves out of the stored answer's headers: they describe a body it does not have.
BODY_HEADERS = {"content-type", "content-length", "content-encoding", "content-disposition"}


def is_personal(request) -> bool:
    """A visitor with a session or a one-time message sees their own page: never stored, never served from here."""
    return settings.SESSION_COOKIE_NAME in request.COOKIES or MESSAGES_COOKIE in request.COOKIES


@dataclass(frozen=True)
class SentAnswer:
    version: int
    status: int
    headers: tuple[tuple[str, str], ...]
    body: bytes

    def response(self, request) -> HttpResponse:
        headers = dict(self.headers)
        not_modified = get_conditional_response(
            request, etag=headers.get("ETag"), last_modified=_timestamp(headers.get("Last-Modified"))
        )
        if not_modified is not None:
            answer = HttpResponseNotModified()
            for name, value in self.headers:
                if name.lower() not in BODY_HEADERS:
                    answer[name] = value
            return answer
        return HttpResponse(self.body, status=self.status, headers=headers)


def _timestamp(value: str | None) -> int | None:
    return parse_http_date_safe(value) if value else None


def _key(request) -> str:
    """The address as asked (the stack normalises it for its own cache; here a variant is simply one more entry),
    the language the cookie chooses and whether the client takes gzip."""
    variant = "gzip" if publication.accepts_gzip(request) else "identity"
    address = hashlib.sha256(request.get_full_path().encode()).hexdigest()[:32]
    return f"sent:{chosen_language(request)}:{variant}:{address}"


def _askable(request) -> bool:
    return request.method in ("GET", "HEAD") and not is_personal(request)


class SentAnswerMiddleware:
    """Placed below WhiteNoise and above everything that builds or changes a page, so that what it stores is the
    answer as every other middleware finished it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _askable(request):
            return self.get_response(request)
        sent = cache.get(_key(request))
        if isinstance(sent, SentAnswer):
            try:
                current = publication.current_for(request).version
            except DatabaseError:
                current = None
            if current == sent.version:
                return sent.response(request)
        response = self.get_response(request)
        version = publication.published_version(response)
        if version is not None and request.method == "GET" and _storable(response):
            stored = SentAnswer(
                version=version, status=response.status_code, headers=tuple(response.items()), body=response.content
            )
            # Keyed as the stack left the request: a view that knows its parameters has reduced the address to
            # them (dashboard/cache.py), so unknown parameters cannot multiply the stored copies.
            cache.set(_key(request), stored, settings.PUBLIC_PAGE_CACHE_SECONDS)
        return response


def _storable(response) -> bool:
    """A plain 200 that sets no cookie: a cookie is someone's, and a stored copy would hand it to everyone."""
    return response.status_code == 200 and not response.streaming and not response.cookies
