"""The fixed gunicorn configuration of `make bench`, the same on every run: 2 workers × 4 threads on 2 cores."""

import os

from spbe_portal.gunicorn_hooks import post_worker_init  # noqa: F401 (the server's own hook, gunicorn.conf.py)

bind = os.environ["BENCH_BIND"]
workers = 2
threads = 4
worker_class = "gthread"
timeout = 60
keepalive = 5
accesslog = None
errorlog = "-"
loglevel = "warning"
