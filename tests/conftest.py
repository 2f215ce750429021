import json
import os
import sys
from collections import Counter

import pytest
from django.conf import settings
from django.core.cache import cache
from django.utils import translation

from datasets.reference_data import load_reference_data
from tests import reference_snapshot as snapshot

# Playwright's sync API runs an event loop in the test thread; the ORM calls made beside it are still sync.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"


def pytest_make_parametrize_id(config, val, argname):
    """Bytes are named by their length: the default id spells them out, and a zip made at collection time (an XLSX,
    a DOCX) carries the second it was made, so two xdist workers would collect different tests and refuse to run."""
    if isinstance(val, bytes):
        return f"{len(val)}-bytes"
    return None


# Every collected test's marker names, kept before `-m` leaves any out (tests/test_ci_passes.py reads them).
COLLECTED_MARKERS = pytest.StashKey[set]()


@pytest.hookimpl(wrapper=True)
def pytest_collection_modifyitems(config, items):
    """Wraps every other plugin's hook. Before them: a migration test migrates the chain back and forth (seconds
    each), so it is slow and a migration test, whoever writes the next one, marked before `-m` reads the markers.
    After them: the order the tests are handed out in."""
    for item in items:
        if item.path.name.startswith("test_migration_"):
            item.add_marker(pytest.mark.slow)
            item.add_marker(pytest.mark.migration)
    config.stash[COLLECTED_MARKERS] = {frozenset(mark.name for mark in item.iter_markers()) for item in items}
    result = yield
    # The bench's smoke run takes a worker 90-110 s: handed out first, the other worker runs the rest beside it.
    # Sorted after pytest-django, which puts the tests without a database last: sorted before it, the smoke run
    # went last, and one worker ran it alone for the PostgreSQL pass's last 68 s (tests/test_ci_passes.py).
    items.sort(key=lambda item: item.get_closest_marker("bench") is None)
    return result


@pytest.fixture(autouse=True)
def indonesian_outside_requests():
    """A request in English leaves English active in the test's thread; each test starts in the site's language."""
    with translation.override(settings.LANGUAGE_CODE):
        yield


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploaded evidence goes to the test's own folder, never to the project's media/."""
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test rolls the database back, so the publication version can repeat between tests: a page cached by
    one test must not answer the next."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(scope="session")
def reference_snapshot(django_db_setup, django_db_blocker) -> snapshot.ReferenceSnapshot:
    """The real loader's rows, taken once per session (per xdist worker) and rolled back."""
    with django_db_blocker.unblock():
        return snapshot.take(fixtures_dir=settings.FIXTURES_DIR)


@pytest.fixture
def reference_data(db, reference_snapshot):
    """The real fixtures, as `make run` loads them, with the loader's report: the session's one load restored
    (tests/reference_snapshot.py), or loaded again where the test wrote in the loader's tables first."""
    return reference_snapshot.restore() or load_reference_data(fixtures_dir=settings.FIXTURES_DIR)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Debian's chromium, with the flags this closed network needs; Playwright never downloads a browser."""
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


# The broad tests count what they covered (module, its counter, the section's title, the variable naming a JSON copy).
BROAD_TESTS = (
    ("tests.entry.test_fuzz", "CASES", "hypothesis examples per test", "FUZZ_CASES_FILE"),
    ("tests.dashboard.test_anonymous_leaks", "CHECKED", "URLs checked by the anonymous leak test", "LEAK_URLS_FILE"),
)
# What the xdist workers counted, gathered on the controller as each worker finishes.
COUNTED_BY_WORKERS: dict[str, Counter] = {}


def counted_here() -> dict[str, Counter]:
    return {
        module: Counter(counts)
        for module, counter, _title, _env in BROAD_TESTS
        if (counts := getattr(sys.modules.get(module), counter, None))
    }


def pytest_sessionfinish(session):
    """An xdist worker hands its counts to the controller, which alone writes the summary."""
    if hasattr(session.config, "workeroutput"):
        session.config.workeroutput["broad_test_counts"] = {
            module: dict(counts) for module, counts in counted_here().items()
        }


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node, error):
    for module, counts in getattr(node, "workeroutput", {}).get("broad_test_counts", {}).items():
        COUNTED_BY_WORKERS.setdefault(module, Counter()).update(counts)


def pytest_terminal_summary(terminalreporter):
    """What the broad tests covered, so that it can be cited: the examples each property-based test ran
    (tests/test_fuzz.py) and the URLs the leak test read (tests/test_anonymous_leaks.py)."""
    counted = counted_here()
    for module, counts in COUNTED_BY_WORKERS.items():
        counted.setdefault(module, Counter()).update(counts)
    for module, _counter, title, env in BROAD_TESTS:
        counts = counted.get(module)
        if not counts:
            continue
        terminalreporter.section(title)
        for name, number in sorted(counts.items()):
            terminalreporter.write_line(f"{name}: {number}")
        if module == "tests.entry.test_fuzz":
            terminalreporter.write_line(f"total: {sum(counts.values())}")
        if path := os.environ.get(env):
            with open(path, "w") as out:
                json.dump(dict(sorted(counts.items())), out, indent=2)
