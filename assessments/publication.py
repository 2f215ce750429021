"""The publication version: one number that changes whenever anything a public page shows changes, and the one
cache of published data kept under it.

It lives in the database rather than in the cache so that every gunicorn worker and every machine sharing the
database sees the same number, even when each process keeps its own memory cache; reading it is one small query.
Everything that shows only published data — the public pages (dashboard/cache.py), the overview's published part
and the API — is stored under Django's cache `version=` set to this number, as djangoproject.com's dashboard keys
its cache by a generation: a publication makes every entry stale at once without deleting anything (old
versions expire with their timeout), and one ETag rule serves them all. Only a write the public sees moves the
number (`published_models`); while the database cannot be read, the newest stored copy of an answer is served,
saying so (`cached_response`).
"""

import functools
import gzip
import hashlib
import logging
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, InterfaceError, connection, transaction
from django.db.models import F
from django.http import HttpResponse, HttpResponseBase
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.cache import (
    add_never_cache_headers,
    get_conditional_response,
    patch_cache_control,
    patch_vary_headers,
)
from django.utils.http import http_date
from django.utils.translation import get_language

from spbe_portal import prepared_statements

from .models import PUBLISHED_STATES, PublicationState, Result

logger = logging.getLogger(__name__)

SINGLETON_PK = 1
# Set before the save of a row that may leave the public pages: whether the public saw it until then.
WAS_PUBLIC = "_publication_was_public"
_READ_SQL = f"SELECT version, changed_at FROM {PublicationState._meta.db_table} WHERE id = %s"
# Prepared once per connection on PostgreSQL (spbe_portal/prepared_statements.py): parsing and planning it every
# time was a quarter to a third of the server's CPU for the read (docs/performance.md).
_READ = prepared_statements.Statement("spbe_publication_state", _READ_SQL, (SINGLETON_PK,))


@dataclass(frozen=True)
class Publication:
    version: int
    changed_at: datetime


def current() -> Publication:
    """One query, in plain SQL: every cached page runs it, and the ORM's query building cost more than the query
    itself (bench/results.md). Before anything was ever published the row may not exist: version 0."""
    row = _read_state()
    if row is None:
        return Publication(version=0, changed_at=timezone.now().replace(microsecond=0))
    version, changed_at = row
    if timezone.is_naive(changed_at):  # SQLite hands datetimes back naive, in UTC
        changed_at = changed_at.replace(tzinfo=UTC)
    return Publication(version=version, changed_at=changed_at)


def _read_state():
    """The state row, read as the request's first query. With CONN_HEALTH_CHECKS Django would first send a
    `SELECT 1` on a reused connection: a second round trip on every cached answer. Here the read is the check: a
    connection that fails it is closed and the read made once more on a new one (issue 25's restart still costs
    no error)."""
    checking = connection.health_check_enabled and not connection.health_check_done
    if not checking or connection.in_atomic_block:
        return _fetch_state()
    connection.health_check_done = True
    try:
        return _fetch_state()
    except (InterfaceError, DatabaseError):  # a closed connection's error is an InterfaceError
        connection.close()
        return _fetch_state()


def _fetch_state():
    with connection.cursor() as cursor:
        prepared_statements.execute(cursor, _READ)
        return cursor.fetchone()


# Set on a request whose publication version was read before its view ran (sent_answers.py): read once a request.
READ_STATE = "spbe_publication_state"


def current_for(request) -> Publication:
    """The publication as this request first read it, or read now and kept for the rest of the request."""
    state = getattr(request, READ_STATE, None)
    if state is None:
        state = current()
        setattr(request, READ_STATE, state)
    return state


def current_version() -> int:
    return current().version


def bump_version() -> None:
    """In the caller's transaction: the new version becomes visible together with the change it announces, so no
    reader can pair the new version with the old data."""
    with transaction.atomic():
        updated = PublicationState.objects.filter(pk=SINGLETON_PK).update(
            version=F("version") + 1, changed_at=timezone.now()
        )
        if not updated:
            PublicationState.objects.get_or_create(pk=SINGLETON_PK, defaults={"version": 1})


def start_after(version: int) -> None:
    """After a restore (operations/backups.py): a version beyond both the replaced database's `version` and the
    restored one, so that no answer cached from either database is ever served as current."""
    newest = max(current_version(), version)
    PublicationState.objects.update_or_create(pk=SINGLETON_PK, defaults={"version": newest + 1})


def changed(sender, instance, created: bool = False, raw: bool = False, **kwargs) -> None:
    """Receiver for post_save and post_delete of every model a public page or the API reads: bumps the version
    when the row saved or deleted is one the public sees, or saw until this save. Drafts, submissions, returns,
    notes and new revisions change nothing public and leave every cached page valid (issue 25: starting a
    revision bumped the version 48 times, each bump a rebuild of every public page)."""
    if raw:
        return
    shows = published_models()[sender]
    if shows is None or shows(instance, created) or getattr(instance, WAS_PUBLIC, False):
        bump_version()


def remember_whether_public(sender, instance, raw: bool = False, **kwargs) -> None:
    """Receiver for pre_save of the models whose rows can leave the public pages by an update: a change to a
    verified follow-up makes it a draft again (services/follow_ups.py), which the public stops seeing. One query,
    on that save only."""
    if raw or instance.pk is None or instance._state.adding:
        return
    before = sender._default_manager.filter(pk=instance.pk).first()
    setattr(instance, WAS_PUBLIC, before is not None and published_models()[sender](before, False))


def _reviewed_row(row, created: bool) -> bool:
    """A result, target or related-index revision is public once verified, and stays in the history (superseded)
    when a newer one replaces it; a published revision never becomes a draft again (docs/architecture.md)."""
    return row.state in PUBLISHED_STATES


def _verified_follow_up(follow_up, created: bool) -> bool:
    return follow_up.is_published


def _cited_source(source, created: bool) -> bool:
    """A new source is cited by nothing public yet: what cites it bumps the version when it is published. A
    change to an existing one may show wherever it is cited."""
    return not created


@functools.cache
def published_models() -> dict:
    """Every model a public page or the API reads → which of its rows the public sees (None: all of them).
    Domains, aspects and indicators too: the cached method page lists them and the profile weighs by them.

    Indicator levels are not listed: a result's levels are written while the result is a draft and become public
    with the save that verifies it, and the services that write official levels bump the version themselves
    (services/indicator_review.py); a workspace or desk-review save changes nothing the public sees."""
    from regencies.models import Regency, StatusFlag

    from .models import (
        Aspect,
        Domain,
        FollowUp,
        Framework,
        IndexFamily,
        Indicator,
        PredikatBand,
        RelatedIndexValue,
        Source,
        StatedDistribution,
        Target,
    )

    return {
        Result: _reviewed_row,
        Target: _reviewed_row,
        RelatedIndexValue: _reviewed_row,
        FollowUp: _verified_follow_up,
        Source: _cited_source,
        StatusFlag: None,
        Regency: None,
        Framework: None,
        PredikatBand: None,
        Domain: None,
        Aspect: None,
        Indicator: None,
        StatedDistribution: None,
        IndexFamily: None,
    }


def models_leaving_public() -> list:
    from .models import FollowUp

    return [FollowUp]


# One build per key and process at a time: when a publication makes every entry stale, the threads of a worker
# asking for the same page wait for the first one's build instead of all building it at once (at national size
# the ranking takes over a second to build, and four builds at once on one GIL take four times as long each).
_build_locks: dict[str, threading.Lock] = {}
_build_locks_guard = threading.Lock()
MAX_BUILD_LOCKS = 1000

Value = TypeVar("Value")


def _build_lock(key: str) -> threading.Lock:
    with _build_locks_guard:
        if len(_build_locks) > MAX_BUILD_LOCKS:
            _build_locks.clear()
        return _build_locks.setdefault(key, threading.Lock())


def _seconds(timeout: int | None) -> int:
    return settings.PUBLIC_PAGE_CACHE_SECONDS if timeout is None else timeout


def _always(_value) -> bool:
    return True


def cached(
    key: str,
    build: Callable[[], Value],
    *,
    version: int,
    timeout: int | None = None,
    keep: Callable[[Value], bool] = _always,
) -> Value:
    """The value stored under `key` for this publication version; built and stored when missing (one build per
    key and process at a time). A value `keep` refuses, such as an error page, is handed back unstored."""
    value = cache.get(key, version=version)
    if value is not None:
        return value
    with _build_lock(f"{version}:{key}"):
        value = cache.get(key, version=version)
        if value is None:
            value = build()
            if keep(value):
                cache.set(key, value, _seconds(timeout), version=version)
    return value


@dataclass(frozen=True)
class Fragment:
    """Part of a page rendered from our own template, with the facts about it that its page needs (e.g. whether
    it draws charts). A template prints it as it is: it was escaped when it was rendered."""

    html: str
    facts: dict

    def __html__(self) -> str:
        return self.html

    def __str__(self) -> str:
        return self.html


def cached_fragment(
    name: str,
    *,
    template: str,
    build_context: Callable[[], dict],
    facts: Callable[[dict], dict],
    request=None,
) -> Fragment:
    """`template` rendered with what `build_context` returns, once per publication version and language."""

    def build() -> Fragment:
        context = build_context()
        return Fragment(html=render_to_string(template, context, request=request), facts=facts(context))

    return cached(f"fragment:{name}:{get_language()}", build, version=current_version())


# Set on an answer served whole from this cache: its publication version (`published_version`).
PUBLISHED_VERSION = "spbe_published_version"
# Headers of the built response that belong to the stored answer; the middleware adds the rest on every request.
KEPT_HEADERS = ("Content-Type", "Content-Disposition")
# Below this size gzip's own header costs more than it saves.
GZIP_MIN_BYTES = 200
VARIANTS = ("gzip", "identity")
# A page's notice goes where the demo banner goes, just before <main>; in a page without one, first in <body>.
MAIN_START = re.compile(rb"<main\b")
BODY_OPEN = re.compile(rb"<body\b[^>]*>")


@dataclass(frozen=True)
class StoredResponse:
    body: bytes
    headers: dict
    gzipped: bool

    @classmethod
    def of(cls, response: HttpResponseBase, *, gzipped: bool) -> "StoredResponse | HttpResponseBase":
        """What the cache keeps of a response: the body, gzipped once here when the client takes it; anything
        but a plain 200 goes back to the client unstored."""
        if response.status_code != 200 or response.streaming:
            return response
        body = response.content
        encoded = gzipped and len(body) >= GZIP_MIN_BYTES
        if encoded:
            body = gzip.compress(body, compresslevel=6)
        headers = {name: response[name] for name in KEPT_HEADERS if response.has_header(name)}
        return cls(body=body, headers=headers, gzipped=encoded)

    def response(self) -> HttpResponse:
        response = HttpResponse(self.body, headers=self.headers)
        if self.gzipped:
            response["Content-Encoding"] = "gzip"
        return response

    def stale_response(self, *, published: datetime, gzipped: bool) -> HttpResponse:
        """This copy served while the database is unreachable: a page says so at its top, with the time of the
        publication it shows; any other answer (the API's JSON and CSV) says so in its headers only, so that
        its body stays what a program parses. Never kept by a browser or a proxy."""
        body = gzip.decompress(self.body) if self.gzipped else self.body
        if self.headers.get("Content-Type", "").startswith("text/html"):
            notice = render_to_string("includes/stale_notice.html", {"published": timezone.localtime(published)})
            body = _inserted(body, notice.encode())
        encoded = gzipped and len(body) >= GZIP_MIN_BYTES
        response = HttpResponse(gzip.compress(body, compresslevel=6) if encoded else body, headers=self.headers)
        if encoded:
            response["Content-Encoding"] = "gzip"
        response["Warning"] = '110 - "Response is Stale"'
        response["Last-Modified"] = http_date(int(published.timestamp()))
        patch_vary_headers(response, ["Accept-Encoding"])
        add_never_cache_headers(response)
        return response


def _inserted(body: bytes, notice: bytes) -> bytes:
    if found := MAIN_START.search(body):
        at = found.start()
    elif found := BODY_OPEN.search(body):
        at = found.end()
    else:
        at = 0
    return body[:at] + notice + body[at:]


def accepts_gzip(request) -> bool:
    return "gzip" in request.headers.get("Accept-Encoding", "").lower()


def etag(state: Publication, *, language: str, variant: str, path: str) -> str:
    """The one ETag rule of every cached answer: publication version, language, variant (the encoding sent) and
    the path with its query. Known before anything is built, so a browser that has the answer gets its 304 after
    the version read alone."""
    tag = hashlib.sha256(f"{state.version}:{language}:{variant}:{path}".encode()).hexdigest()[:32]
    return f'"{tag}"'


def _response_key(language: str, variant: str, path_digest: str) -> str:
    return f"response:{language}:{variant}:{path_digest}"


def _last_stored_key(language: str, variant: str, path_digest: str) -> str:
    """Names the publication (version and time) of the newest stored copy of one answer: what is served when the
    database cannot say which version is current. Kept as long as the copy it points to."""
    return f"last-stored:{language}:{variant}:{path_digest}"


def cached_response(
    request,
    build: Callable[[], HttpResponseBase],
    *,
    path: str,
    language: str,
    max_age: int | None = None,
    timeout: int | None = None,
) -> HttpResponseBase:
    """A GET or HEAD answered from the cache: 304 when the browser has this version, otherwise the stored body
    (gzipped when the client takes it), built by `build` when missing. One read of the publication version.

    `max_age` None: browsers keep the answer but ask again every time (usually a 304); a number lets them and
    proxies reuse it that many seconds.

    When the version cannot be read (the database is unreachable), the newest stored copy of this answer is
    served, marked as such (`StoredResponse.stale_response`); with none stored, the database's error goes on to
    the error handler, which answers 503 (spbe_portal/outages.py)."""
    gzipped = accepts_gzip(request)
    variant = "gzip" if gzipped else "identity"
    path_digest = hashlib.sha256(path.encode()).hexdigest()[:32]
    try:
        state = current_for(request)
    except DatabaseError:
        stale = _last_stored(language=language, path_digest=path_digest, gzipped=gzipped, timeout=timeout)
        if stale is None:
            raise
        logger.warning("Database unreachable: %s served from the cache as last stored", path, exc_info=True)
        return stale
    tag = etag(state, language=language, variant=variant, path=path_digest)
    last_modified = int(state.changed_at.timestamp())

    not_modified = get_conditional_response(request, etag=tag, last_modified=last_modified)
    if not_modified is not None:
        return _finish(not_modified, etag=tag, last_modified=last_modified, max_age=max_age)

    def build_stored():
        stored = StoredResponse.of(build(), gzipped=gzipped)
        if isinstance(stored, StoredResponse):
            pointer = (state.version, state.changed_at)
            cache.set(_last_stored_key(language, variant, path_digest), pointer, _seconds(timeout))
        return stored

    stored = cached(
        _response_key(language, variant, path_digest),
        build_stored,
        version=state.version,
        timeout=timeout,
        keep=lambda value: isinstance(value, StoredResponse),
    )
    if not isinstance(stored, StoredResponse):
        return stored
    response = _finish(stored.response(), etag=tag, last_modified=last_modified, max_age=max_age)
    setattr(response, PUBLISHED_VERSION, state.version)
    return response


def _last_stored(*, language: str, path_digest: str, gzipped: bool, timeout: int | None) -> HttpResponse | None:
    """The newest stored copy of an answer, in the variant the client asked for or else the other one; kept in
    the cache for another `timeout` while it is being asked for, so that an outage longer than the timeout does
    not empty the cache of the pages people read."""
    preferred = VARIANTS if gzipped else VARIANTS[::-1]
    for variant in preferred:
        pointer = cache.get(_last_stored_key(language, variant, path_digest))
        if pointer is None:
            continue
        version, published = pointer
        key = _response_key(language, variant, path_digest)
        stored = cache.get(key, version=version)
        if not isinstance(stored, StoredResponse):
            continue
        cache.touch(key, _seconds(timeout), version=version)
        cache.touch(_last_stored_key(language, variant, path_digest), _seconds(timeout))
        return stored.stale_response(published=published, gzipped=gzipped)
    return None


def published_version(response: HttpResponseBase) -> int | None:
    """The publication version of an answer this cache served whole (a 200 with its body), else None: what
    sent_answers.py may keep as it leaves the middleware stack."""
    return getattr(response, PUBLISHED_VERSION, None)


def _finish(response: HttpResponseBase, *, etag: str, last_modified: int, max_age: int | None) -> HttpResponseBase:
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified)
    patch_vary_headers(response, ["Accept-Encoding"])
    if max_age is None:
        patch_cache_control(response, no_cache=True, public=True)
    else:
        patch_cache_control(response, public=True, max_age=max_age)
    return response
