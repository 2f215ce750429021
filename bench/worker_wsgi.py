"""The portal as the bench's gunicorn serves it: every answer names the worker process that gave it
(`X-Bench-Worker`), so that bench/run.py's warm-up can tell when every worker has built its own copy of a page
(the bench runs the local-memory cache, one per worker). Nothing else differs from spbe_portal.wsgi."""

import os

from bench.pages import WORKER_HEADER
from spbe_portal.wsgi import application as portal


def application(environ, start_response):
    def start(status, headers, exc_info=None):
        return start_response(status, [*headers, (WORKER_HEADER, str(os.getpid()))], exc_info)

    return portal(environ, start)
