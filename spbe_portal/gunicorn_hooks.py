"""Server hooks both gunicorn configurations name (gunicorn.conf.py for the server, bench/gunicorn_bench.py)."""

import gc


def post_worker_init(worker) -> None:
    """Freezes what the worker loaded before its first request (Django, the apps, the URL patterns: about 115 000
    objects), as the gc module's documentation advises for servers: the collector's full passes then skip them and
    scan only what requests made since. Unfrozen, a full pass came about every ninth preview of the official levels at
    national size and took 57 ms of the request it fell in (docs/performance.md)."""
    gc.freeze()
