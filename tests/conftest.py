import os

import pytest
from django.conf import settings

from assessments.reference_data import load_reference_data

# Playwright's sync API runs an event loop in the test thread; the ORM calls made beside it are still sync.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"


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


def pytest_terminal_summary(terminalreporter):
    """How many examples each property-based test ran (tests/test_fuzz.py counts them), so they can be cited."""
    import json
    import sys

    fuzz = sys.modules.get("tests.test_fuzz")
    if fuzz is None or not fuzz.CASES:
        return
    terminalreporter.section("hypothesis examples per test")
    for name, examples in sorted(fuzz.CASES.items()):
        terminalreporter.write_line(f"{name}: {examples}")
    terminalreporter.write_line(f"total: {sum(fuzz.CASES.values())}")
    if path := os.environ.get("FUZZ_CASES_FILE"):
        with open(path, "w") as out:
            json.dump(dict(sorted(fuzz.CASES.items())), out, indent=2)
