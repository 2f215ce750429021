"""How the portal answers, and logs, while its database cannot be reached.

Cached public pages and API answers are still served from the cache (assessments/publication.py). Everything
else needs the database; when it raises one of Django's errors of an unreachable or failing server
(`DATABASE_UNREACHABLE`), the error handler answers 503 with Retry-After — the site's own page, or JSON for the
API — instead of the 500 page, because trying again later is the right thing to do.

A request failing this way is logged in one line (Django's "Service Unavailable: /path" with the error's first
line); the traceback is logged once per outage and process, not for each of the hundreds of requests a minute
that fail the same way (issue 25: 6 KB a request, 80 MB a minute).
"""

import logging
import time

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.template import loader
from django.utils.translation import gettext as _

# psycopg2's errors of a server that refuses, drops or has lost the connection (and SQLite's "database is locked")
# arrive as these two, wrapped by Django.
DATABASE_UNREACHABLE = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30
# Errors of this kind after this long without one begin a new outage, whose first traceback is logged again.
OUTAGE_GAP_SECONDS = 60.0
API_PREFIX = "/api/"  # spbe_portal/urls.py mounts the API there


def database_unavailable(request) -> HttpResponse:
    """503 with Retry-After: JSON for the API and for clients that ask for JSON, the site's page otherwise. Like
    the 500 page it needs neither the request's user nor the database."""
    message = _("Basis data portal sedang tidak dapat dihubungi. Coba lagi dalam %(seconds)s detik.") % {
        "seconds": RETRY_AFTER_SECONDS
    }
    wants_json = request.path.startswith(API_PREFIX) or "application/json" in request.headers.get("Accept", "")
    if wants_json:
        response = JsonResponse({"errors": {"database": [message]}}, status=503)
    else:
        body = loader.get_template("503.html").render({"message": message})
        response = HttpResponse(body, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


class OneTracebackPerOutage(logging.Filter):
    """Keeps the traceback of the first database-outage error a process logs; from the next ones, until the
    errors have stopped for OUTAGE_GAP_SECONDS, it keeps the line and the error's first line only."""

    def __init__(self, name: str = ""):
        super().__init__(name)
        self.last_seen = float("-inf")

    def filter(self, record: logging.LogRecord) -> bool:
        error = record.exc_info[1] if record.exc_info else None
        if not isinstance(error, DATABASE_UNREACHABLE):
            return True
        now = time.monotonic()
        first = now - self.last_seen > OUTAGE_GAP_SECONDS
        self.last_seen = now
        if not first:
            summary = str(error).strip().splitlines()[0] if str(error).strip() else ""
            record.msg = f"{record.getMessage()} ({type(error).__name__}: {summary})"
            record.args = None
            record.exc_info = None
            record.exc_text = None
        return True
