"""Losing Redis costs speed, never an answer (issue 25, finding 1), and clearing the cache clears the portal's keys
only (finding 7).

The cache and session settings are read from the settings as base.py builds them for a REDIS_URL (in a fresh
interpreter, as a server reads them), then used in this process against a Redis that is not there, or against a
private redis-server started on a free port for the test."""

import copy
import functools
import json
import shutil
from unittest import mock

import pytest
import redis
from django.core.cache import cache
from django.core.management import call_command
from django.db import OperationalError
from django.test import Client
from django.urls import reverse

from bench.faults import Redis
from regencies.models import Regency
from spbe_portal import redis_cache
from tests.factories import regency_admin
from tests.test_settings import manage

# Nothing listens on port 1 of the loopback: a connection is refused at once.
NOWHERE = "redis://127.0.0.1:1/0"

pytestmark = pytest.mark.skipif(shutil.which("redis-server") is None, reason="needs Debian's redis-server")


@functools.cache
def server_settings(redis_url: str = NOWHERE) -> dict:
    """CACHES and SESSION_ENGINE as a server with this REDIS_URL gets them (read once: a fresh interpreter takes
    seconds)."""
    code = (
        "import json; from django.conf import settings; "
        "print(json.dumps({'CACHES': settings.CACHES, 'SESSION_ENGINE': settings.SESSION_ENGINE}))"
    )
    done = manage("shell", "-c", code, settings_module="spbe_portal.settings.dev", REDIS_URL=redis_url)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.fixture(autouse=True)
def _no_resting():
    """Each test starts with Redis never seen down, as a fresh worker does."""
    redis_cache._resting_until.clear()
    yield
    redis_cache._resting_until.clear()


@pytest.fixture
def redis_down(settings):
    """The server's cache settings, pointing at a port where no Redis listens."""
    configured = server_settings()
    settings.CACHES = copy.deepcopy(configured["CACHES"])
    settings.SESSION_ENGINE = configured["SESSION_ENGINE"]
    return settings


@pytest.fixture
def redis_server(tmp_path, settings):
    server = Redis(tmp_path)  # the fault test's private redis-server
    server.start()
    caches = copy.deepcopy(server_settings()["CACHES"])
    caches["default"]["LOCATION"] = server.url
    settings.CACHES = caches
    yield server
    server.kill()


def test_a_server_with_redis_url_keeps_its_sessions_in_the_database():
    configured = server_settings()

    assert configured["CACHES"]["default"]["LOCATION"] == NOWHERE
    assert configured["SESSION_ENGINE"] == "django.contrib.sessions.backends.db"
    assert configured["CACHES"]["default"]["BACKEND"] == "spbe_portal.redis_cache.ResilientRedisCache"
    assert configured["CACHES"]["default"]["OPTIONS"]["socket_connect_timeout"] <= 1


def test_public_pages_are_built_from_the_database_while_redis_is_down(client, reference_data, redis_down):
    for url in (reverse("dashboard:home"), reverse("dashboard:regency", kwargs={"slug": "kabupaten-kupang"})):
        response = client.get(url)

        assert response.status_code == 200
        assert "Kabupaten Kupang" in response.content.decode()
    assert client.get(reverse("api:results")).status_code == 200


def test_signing_in_and_signed_in_pages_work_while_redis_is_down(client, reference_data, redis_down):
    admin = regency_admin(Regency.objects.get(code="53.01"), username="admin.kupang")

    signed_in = client.post(
        reverse("accounts:login"), {"username": "admin.kupang", "password": "correct horse battery staple"}
    )
    assert signed_in.status_code == 302
    page = client.get(reverse("entry:list"))

    assert page.status_code == 200
    assert page.context["user"] == admin


def test_healthz_says_the_cache_is_unreachable_while_redis_is_down(client, db, redis_down):
    response = client.get(reverse("operations:healthz"))

    # 200: every page still answers, so a load balancer keeps the instance; the body tells a monitor the truth.
    assert response.status_code == 200
    assert response.json() == {"status": "degraded", "database": "ok", "cache": "unreachable"}


def test_a_cache_without_redis_misses_stores_nothing_and_finds_no_counter(redis_down):
    cache.set("a", 1)

    assert cache.get("a", "default") == "default"
    assert cache.add("a", 1) is False
    assert cache.get_many(["a", "b"]) == {}
    assert cache.has_key("a") is False
    assert cache.delete("a") is False
    with pytest.raises(ValueError, match="not found"):
        cache.incr("a")


def test_after_a_failure_redis_is_left_alone_for_a_few_seconds(redis_down, monkeypatch):
    asked = []
    original = redis_cache.RedisCache.get

    def counted(self, *args, **kwargs):
        asked.append(args)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(redis_cache.RedisCache, "get", counted)

    for _ in range(5):
        cache.get("a")

    assert len(asked) == 1


def test_losing_and_finding_redis_is_logged_once_each(redis_server, monkeypatch, caplog):
    monkeypatch.setattr(redis_cache, "RETRY_AFTER_SECONDS", 0.0)
    cache.set("kept", "yes")
    redis_server.kill()

    with caplog.at_level("WARNING", logger="spbe_portal.redis_cache"):
        for _ in range(3):
            assert cache.get("kept") is None
        redis_server.start()
        cache.set("kept", "again")
        assert cache.get("kept") == "again"

    messages = [record.getMessage() for record in caplog.records]
    assert len([m for m in messages if m.startswith("Cache unreachable")]) == 1
    assert messages[-1] == "Cache reachable again"


def test_clearing_the_cache_leaves_other_applications_keys_alone(redis_server):
    other = redis.Redis.from_url(redis_server.url)
    other.set("other-app:session", "keep me")
    cache.set("page", "ours")

    cache.clear()

    assert cache.get("page") is None
    assert other.get("other-app:session") == b"keep me"


@pytest.mark.django_db(transaction=True)
def test_a_restore_clears_the_portals_pages_and_leaves_other_applications_keys_alone(redis_server, tmp_path):
    backup = tmp_path / "portal.backup"
    call_command("backup_data", str(backup))
    other = redis.Redis.from_url(redis_server.url)
    other.set("other-app:session", "keep me")
    cache.set("response:id:gzip:page", "a page of the old database")

    call_command("restore_data", str(backup), interactive=False)

    assert cache.get("response:id:gzip:page") is None
    assert other.get("other-app:session") == b"keep me"


def test_with_redis_and_the_database_both_down_a_public_page_answers_503_not_500(reference_data, redis_down):
    visitor = Client(raise_request_exception=False)
    assert visitor.get(reverse("dashboard:home")).status_code == 200  # built, but nowhere to keep it

    with mock.patch("django.db.backends.utils.CursorWrapper.execute", side_effect=OperationalError("down")):
        response = visitor.get(reverse("dashboard:home"))

    assert response.status_code == 503
    assert response["Retry-After"] == "30"
