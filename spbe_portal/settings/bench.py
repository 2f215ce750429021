"""What `make bench` runs gunicorn with: production behaviour (DEBUG off, WhiteNoise with hashed, compressed
static files, persistent connections) on loopback without TLS, plus the minimal view at /bench/ok/."""

from .base import *  # noqa: F403
from .base import env
from .known_keys import BENCH_SECRET_KEY

DEBUG = False
SECRET_KEY = env("SECRET_KEY", default=BENCH_SECRET_KEY)
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = "spbe_portal.urls_bench"
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)  # noqa: F405
# A request log line per request would measure the terminal, not the portal.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
