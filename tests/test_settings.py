"""Settings as a newcomer and as a server meet them: run in a fresh interpreter with a controlled environment."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROD_ENV = {
    "SECRET_KEY": "a-long-random-production-key-that-is-only-used-by-this-test-0123456789",
    "ALLOWED_HOSTS": "spbe.nttprov.example",
    "DATABASE_URL": "postgres://spbe@127.0.0.1:5432/spbe",
}


# Set by the test run itself (conftest, pytest-django); a real server never has them.
CONTROLLED = {"DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE", "DATABASE_URL"}


def manage(*args, settings_module, **env):
    clean = {key: value for key, value in os.environ.items() if key not in {*PROD_ENV, *CONTROLLED}}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, "DJANGO_SETTINGS_MODULE": settings_module, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def read_setting(expression: str, **env) -> str:
    """A setting as the development settings compute it, with the given environment."""
    code = f"from django.conf import settings; print(settings.{expression})"
    done = manage("shell", "-c", code, settings_module="spbe_portal.settings.dev", **env)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip().splitlines()[-1]


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
