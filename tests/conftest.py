import os

import pytest
from django.conf import settings
from django.utils import translation

from assessments.reference_data import load_reference_data

# Playwright's sync API runs an event loop in the test thread; the ORM calls made beside it are still sync.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(autouse=True)
def indonesian_outside_requests():
    """A request in English leaves English active in the test's thread; each test starts in the site's language."""
    with translation.override(settings.LANGUAGE_CODE):
        yield


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
