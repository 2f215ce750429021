"""Server hooks both gunicorn configurations name (gunicorn.conf.py for the server, bench/gunicorn_bench.py)."""

import gc

# Allocations (less deallocations) of container objects between two collections of the youngest generation; Python's
# default is 700. Issue 26, in-process at national size after the freeze, 186 staff pages (the two previews, the
# entry list, the planner, a workspace, the province view; two rounds each way): 700 gave 9 full passes of 100-104
# ms each and 574-631 ms of collecting in all; 5 000 gave one full pass of 15-28 ms and 340-418 ms in all, its
# longest young pass 8 ms. Requests that build 500 rows keep them to the end, so a young pass every 700 objects
# promoted them, and the full passes they brought on fell inside requests.
YOUNG_THRESHOLD = 5_000


def post_worker_init(worker) -> None:
    """Freezes what the worker loaded before its first request (Django, the apps, the URL patterns: about 115 000
    objects), as the gc module's documentation advises for servers: the collector's full passes then skip them and
    scan only what requests made since. Unfrozen, a full pass came about every ninth preview of the official levels at
    national size and took 57 ms of the request it fell in (docs/performance.md). Then collects the youngest
    generation less often (YOUNG_THRESHOLD), keeping the other two thresholds."""
    gc.freeze()
    _young, middle, old = gc.get_threshold()
    gc.set_threshold(YOUNG_THRESHOLD, middle, old)
