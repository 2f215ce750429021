import os

import pytest
from django.conf import settings
from django.core.cache import cache

from assessments.reference_data import load_reference_data

# Playwright's sync API runs an event loop in the test thread; the ORM calls made beside it are still sync.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test rolls the database back, so the publication version can repeat between tests: a page cached by
    one test must not answer the next."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def reference_data(db):
    """The real fixtures, loaded as `make run` loads them."""
    return load_reference_data(fixtures_dir=settings.FIXTURES_DIR)


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
