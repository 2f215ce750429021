"""Settings as a newcomer and as a server meet them: run in a fresh interpreter with a controlled environment."""

import os
import subprocess
import sys
from pathlib import Path

from spbe_portal.settings.known_keys import BENCH_SECRET_KEY, DEV_SECRET_KEY

ROOT = Path(__file__).resolve().parent.parent
PROD_ENV = {
    "SECRET_KEY": "a-long-random-production-key-that-is-only-used-by-this-test-0123456789",
    "ALLOWED_HOSTS": "spbe.nttprov.example",
    "DATABASE_URL": "postgres://spbe@127.0.0.1:5432/spbe",
}


# Set by the test run itself (conftest, pytest-django); a real server never has them.
CONTROLLED = {"DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE", "DATABASE_URL"}


def environment(settings_module: str, **env) -> dict:
    clean = {key: value for key, value in os.environ.items() if key not in {*PROD_ENV, *CONTROLLED}}
    return {**clean, "DJANGO_SETTINGS_MODULE": settings_module, **env}


def python(*args, settings_module, **env):
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env=environment(settings_module, **env),
        capture_output=True,
        text=True,
        timeout=120,
    )


def manage(*args, settings_module, **env):
    return python("manage.py", *args, settings_module=settings_module, **env)


def evaluate_setting(expression: str, settings_module: str, **env) -> str:
    """The settings module alone, read as every process of the project reads it first. No app is loaded: the
    settings do not depend on one, and Django's `shell` took 1.3 s per setting to load them all, this 0.2 s."""
    code = f"from django.conf import settings; print(settings.{expression})"
    done = python("-c", code, settings_module=settings_module, **env)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip().splitlines()[-1]


def read_setting(expression: str, **env) -> str:
    """A setting as the development settings compute it, with the given environment."""
    return evaluate_setting(expression, "spbe_portal.settings.dev", **env)


def test_default_settings_use_sqlite_in_the_project_folder():
    assert read_setting("DATABASES['default']['NAME']") == str(ROOT / "db.sqlite3")


def test_database_url_switches_to_postgresql():
    engine = read_setting("DATABASES['default']['ENGINE']", DATABASE_URL="postgres://u@127.0.0.1:5432/x")

    assert engine == "django.db.backends.postgresql"


def test_production_refuses_to_start_without_each_secret():
    for missing in PROD_ENV:
        env = {key: value for key, value in PROD_ENV.items() if key != missing}

        done = manage("check", settings_module="spbe_portal.settings.prod", **env)

        assert done.returncode != 0
        assert f"{missing} must be set for production" in done.stderr


def test_production_settings_pass_the_deploy_check():
    done = manage(
        "check", "--deploy", "--fail-level", "WARNING", settings_module="spbe_portal.settings.prod", **PROD_ENV
    )

    assert done.returncode == 0, done.stdout + done.stderr
    assert "System check identified no issues" in done.stdout


def read_production_setting(expression: str, **env) -> str:
    return evaluate_setting(expression, "spbe_portal.settings.prod", **{**PROD_ENV, **env})


def test_production_refuses_a_short_secret_key():
    done = manage("check", settings_module="spbe_portal.settings.prod", **{**PROD_ENV, "SECRET_KEY": "x"})

    assert done.returncode != 0
    assert "ImproperlyConfigured: SECRET_KEY must be at least 50 characters long" in done.stderr


def test_production_refuses_every_key_committed_to_the_repository():
    from spbe_portal.settings.known_keys import BENCH_SECRET_KEY, COMMITTED_SECRET_KEYS, DEV_SECRET_KEY

    assert {DEV_SECRET_KEY, BENCH_SECRET_KEY} <= COMMITTED_SECRET_KEYS
    for key in sorted(COMMITTED_SECRET_KEYS):
        done = manage("check", settings_module="spbe_portal.settings.prod", **{**PROD_ENV, "SECRET_KEY": key})

        assert done.returncode != 0
        assert "ImproperlyConfigured: SECRET_KEY is a key committed to the repository" in done.stderr


def test_development_and_bench_default_to_the_committed_keys_only():
    from spbe_portal.settings import bench, dev
    from spbe_portal.settings.known_keys import COMMITTED_SECRET_KEYS

    assert read_setting("SECRET_KEY") in COMMITTED_SECRET_KEYS
    assert dev.SECRET_KEY in COMMITTED_SECRET_KEYS or "SECRET_KEY" in os.environ
    assert bench.SECRET_KEY in COMMITTED_SECRET_KEYS or "SECRET_KEY" in os.environ


def test_production_trusts_one_proxy_and_development_none():
    assert read_production_setting("AXES_IPWARE_META_PRECEDENCE_ORDER") == "['HTTP_X_FORWARDED_FOR', 'REMOTE_ADDR']"
    assert read_production_setting("AXES_IPWARE_PROXY_COUNT") == "0"
    assert read_production_setting("AXES_IPWARE_PROXY_COUNT", TRUSTED_PROXY_COUNT="2") == "1"
    assert read_setting("AXES_IPWARE_META_PRECEDENCE_ORDER") == "['REMOTE_ADDR']"
    assert read_setting("AXES_IPWARE_META_PRECEDENCE_ORDER", TRUSTED_PROXY_COUNT="1") == (
        "['HTTP_X_FORWARDED_FOR', 'REMOTE_ADDR']"
    )


def test_sqlite_makes_writers_wait_instead_of_failing():
    options = read_setting("DATABASES['default']['OPTIONS']")

    assert options == "{'timeout': 20, 'transaction_mode': 'IMMEDIATE', 'init_command': 'PRAGMA journal_mode=WAL;'}"


def test_postgresql_gets_no_sqlite_options():
    options = read_setting("DATABASES['default']['OPTIONS']", DATABASE_URL="postgres://u@127.0.0.1:5432/x")

    assert options == "{}"


def test_sessions_end_after_a_working_day_without_activity():
    assert read_setting("SESSION_COOKIE_AGE") == str(10 * 60 * 60)
    assert read_setting("SESSION_SAVE_EVERY_REQUEST") == "False"


WEAK_KEYS = {
    "a" * 50: "SECRET_KEY must hold at least 5 different characters",
    "django-insecure-" + "k3y-0f-a-st4rtpr0ject-f0r-d3v3l0pment-0nly-9x8w7v6u": "starts with 'django-insecure-'",
    f"{DEV_SECRET_KEY} ": "SECRET_KEY is a key committed to the repository",
    f" {BENCH_SECRET_KEY}x": "SECRET_KEY is a key committed to the repository",
}


def test_production_refuses_weak_secret_keys_with_a_message_saying_why():
    for key, reason in WEAK_KEYS.items():
        done = manage("check", settings_module="spbe_portal.settings.prod", **{**PROD_ENV, "SECRET_KEY": key})

        assert done.returncode != 0, key
        assert "ImproperlyConfigured" in done.stderr
        assert reason in done.stderr, done.stderr[-500:]


def test_production_refuses_any_host():
    for hosts in ("*", "spbe.nttprov.example,*", "*.nttprov.example"):
        done = manage("check", settings_module="spbe_portal.settings.prod", **{**PROD_ENV, "ALLOWED_HOSTS": hosts})

        assert done.returncode != 0, hosts
        assert "ImproperlyConfigured: ALLOWED_HOSTS must name the portal's host names" in done.stderr
