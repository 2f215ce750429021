import logging
import uuid

from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

logger = logging.getLogger(__name__)

PROBE_SECONDS = 10


@never_cache
@require_GET
def healthz(request):
    """For nginx, systemd or a monitor. 503 when the app cannot read its database: it cannot serve a write or an
    uncached page. 200 otherwise, with `"status": "degraded"` and `"cache": "unreachable"` when the cache does not
    keep a value: every page still answers, built from the database, so a load balancer must keep sending
    traffic, while a monitor reading the body sees that the cache is gone (docs/deploy.md).

    No authentication and nothing about the data, so it is safe to leave open."""
    database = "ok"
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        # One line: the traceback of an outage is logged once by the logging filter (spbe_portal/outages.py).
        logger.warning("Health check: database unreachable: %s", error)
        database = "unreachable"
    cache_state = "ok" if _cache_keeps_a_value() else "unreachable"
    if database != "ok":
        status, code = "error", 503
    elif cache_state != "ok":
        status, code = "degraded", 200
    else:
        status, code = "ok", 200
    return JsonResponse({"status": status, "database": database, "cache": cache_state}, status=code)


def _cache_keeps_a_value() -> bool:
    """A round trip under a key of this request's own, so that two probes at once never read each other's. Any
    error counts as unreachable: a health check answers, whatever the cache does (a full disk under filecache)."""
    key = f"healthz:{uuid.uuid4().hex}"
    try:
        cache.set(key, 1, PROBE_SECONDS)
        kept = cache.get(key) == 1
        cache.delete(key)
    except Exception:
        logger.warning("Health check: cache unreachable", exc_info=True)
        return False
    return kept
