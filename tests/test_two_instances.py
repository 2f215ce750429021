"""Two app servers behind one PostgreSQL and one Redis: what a verify does on one shows on the other at once,
and a session started on one is good on the other.

Runs only where both exist: DATABASE_URL on PostgreSQL (CI's second run) and REDIS_URL reachable. Two real
gunicorn processes, each with 2 workers (so four processes with their own memory), serve the test database.
"""

import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import requests
from django.db import connection
from django.urls import reverse

from tests.entry_helpers import build_scenario

ROOT = Path(__file__).resolve().parent.parent
REDIS_URL = os.environ.get("REDIS_URL", "")
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
PASSWORD = "correct horse battery staple"  # tests/factories.py


def _redis_answers() -> bool:
    if not REDIS_URL:
        return False
    parts = urlsplit(REDIS_URL)
    try:
        with socket.create_connection((parts.hostname, parts.port or 6379), timeout=1):
            return True
    except OSError:
        return False


pytestmark = [
    pytest.mark.two_instances,
    pytest.mark.slow,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not _redis_answers(), reason="needs REDIS_URL pointing at a running Redis"),
]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _database_url() -> str:
    settings = connection.settings_dict
    password = f":{settings['PASSWORD']}" if settings["PASSWORD"] else ""
    return (
        f"postgres://{settings['USER']}{password}@{settings['HOST'] or '127.0.0.1'}:{settings['PORT'] or 5432}"
        f"/{settings['NAME']}"
    )


class Instance:
    def __init__(self):
        port = _free_port()
        self.url = f"http://127.0.0.1:{port}"
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "spbe_portal.settings.test_servers",
            "DATABASE_URL": _database_url(),
            "REDIS_URL": REDIS_URL,
            "BENCH_BIND": f"127.0.0.1:{port}",
        }
        gunicorn = str(Path(sys.executable).with_name("gunicorn"))
        self.process = subprocess.Popen(
            [gunicorn, "spbe_portal.wsgi", "--config", str(ROOT / "bench" / "gunicorn_bench.py")],
            env=env,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )

    def wait(self) -> None:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                if requests.get(self.url + "/healthz", timeout=2).status_code == 200:
                    return
            except (requests.ConnectionError, requests.Timeout):
                # Not listening yet, or a worker's first request (loading every app) slower than 2 s on a busy
                # machine: both instances boot at once.
                time.sleep(0.2)
        raise AssertionError(f"{self.url} did not start")

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=20)


@pytest.fixture
def instances():
    if connection.vendor != "postgresql":
        pytest.skip("two machines share PostgreSQL, not a SQLite file")
    pair = [Instance(), Instance()]
    try:
        for instance in pair:
            instance.wait()
        yield pair
    finally:
        for instance in pair:
            instance.stop()


def _csrf(session: requests.Session, url: str) -> str:
    return CSRF_FIELD.search(session.get(url, timeout=10).text).group(1)


def test_a_result_verified_on_one_instance_shows_on_the_other_and_sessions_cross(instances):
    first, second = instances
    scenario = build_scenario()
    profile = reverse("dashboard:regency", kwargs={"slug": scenario.regency.slug})
    # Both instances have the page cached before the verify.
    for instance in (first, second):
        assert "2,40" not in requests.get(instance.url + profile, timeout=10).text
        assert requests.get(instance.url + profile, timeout=10).status_code == 200

    staff = requests.Session()
    login = first.url + reverse("accounts:login")
    answer = staff.post(
        login,
        {"username": scenario.staff.username, "password": PASSWORD, "csrfmiddlewaretoken": _csrf(staff, login)},
        allow_redirects=False,
        timeout=10,
    )
    assert answer.status_code == 302, answer.text[:500]

    # The session made by the first instance is good on the second.
    detail = second.url + reverse("entry:result_detail", kwargs={"pk": scenario.submitted.pk})
    page = staff.get(detail, allow_redirects=False, timeout=10)
    assert page.status_code == 200
    verified = staff.post(
        second.url + reverse("entry:result_verify", kwargs={"pk": scenario.submitted.pk}),
        {"version": scenario.submitted.version, "csrfmiddlewaretoken": CSRF_FIELD.search(page.text).group(1)},
        allow_redirects=False,
        timeout=10,
    )
    assert verified.status_code == 302

    # Anonymous visitors of the first instance see it on their very next request, on every worker.
    for _ in range(4):
        assert "2,40" in requests.get(first.url + profile, timeout=10).text
    assert "2,40" in requests.get(first.url + reverse("dashboard:home"), timeout=10).text
