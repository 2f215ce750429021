"""Settings for a public server. Refuses to start without its secrets: no defaults for them here."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import client_address_settings, env, sqlite_options
from .known_keys import (
    COMMITTED_SECRET_KEYS,
    INSECURE_KEY_PREFIX,
    MINIMUM_SECRET_KEY_CHARACTERS,
    MINIMUM_SECRET_KEY_LENGTH,
)


def _required(name: str) -> str:
    value = env(name, default="")
    if not value:
        raise ImproperlyConfigured(f"{name} must be set for production (see README, 'Deploying').")
    return value


def _secret_key_problem(key: str) -> str | None:
    """Why `key` must not sign this server's sessions and reset links, or None. Django's own deploy check
    (security.W009) only warns about the last two, and a warning does not stop a server."""
    if any(committed in key for committed in COMMITTED_SECRET_KEYS):
        # Also a committed key with a space or a character added: as easy to guess as the key itself.
        return "SECRET_KEY is a key committed to the repository (settings/known_keys.py)"
    if len(key) < MINIMUM_SECRET_KEY_LENGTH:
        return f"SECRET_KEY must be at least {MINIMUM_SECRET_KEY_LENGTH} characters long"
    if key.startswith(INSECURE_KEY_PREFIX):
        return f"SECRET_KEY starts with '{INSECURE_KEY_PREFIX}', the mark of a key made for development"
    if len(set(key)) < MINIMUM_SECRET_KEY_CHARACTERS:
        return f"SECRET_KEY must hold at least {MINIMUM_SECRET_KEY_CHARACTERS} different characters"
    return None


def _host_problem(hosts: list[str]) -> str | None:
    if any("*" in host for host in hosts):
        # Django would then build the links of every mail and page from whatever Host header a request sent.
        return "ALLOWED_HOSTS must name the portal's host names; '*' accepts any Host header"
    return None


DEBUG = False
SECRET_KEY = _required("SECRET_KEY")
if problem := _secret_key_problem(SECRET_KEY):
    raise ImproperlyConfigured(f"{problem}; generate a new one (docs/deploy.md).")
ALLOWED_HOSTS = [host.strip() for host in _required("ALLOWED_HOSTS").split(",") if host.strip()]
if problem := _host_problem(ALLOWED_HOSTS):
    raise ImproperlyConfigured(f"{problem} (docs/deploy.md).")
DATABASES = {"default": env.db_url_config(_required("DATABASE_URL"))}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
# Persistent connections are checked before reuse: a restarted PostgreSQL costs a reconnect, not a 500.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DATABASES["default"]["OPTIONS"] = sqlite_options(DATABASES["default"])
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A database machine that stops answering fails a connection after this many seconds (the portal answers
    # 503) instead of holding the worker until gunicorn's 30 s timeout kills it (a bare 500).
    DATABASES["default"]["OPTIONS"] = {
        "connect_timeout": env.int("DATABASE_CONNECT_TIMEOUT", default=5),
        **DATABASES["default"]["OPTIONS"],
    }
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[f"https://{h}" for h in ALLOWED_HOSTS])

# Behind nginx, which terminates TLS, sets X-Forwarded-Proto and overwrites X-Forwarded-For with the client's
# address: one trusted proxy unless the environment says otherwise (docs/security.md).
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=1)
globals().update(client_address_settings(TRUSTED_PROXY_COUNT))
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True

EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.smtp.EmailBackend")

# One JSON object per line on stdout, like gunicorn's own lines (gunicorn.conf.py): journald keeps them.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "spbe_portal.json_logging.JsonFormatter"}},
    # A database outage: one line a request, its traceback once (spbe_portal/outages.py).
    "filters": {"outage": {"()": "spbe_portal.outages.OneTracebackPerOutage"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "json",
            "stream": "ext://sys.stdout",
            "filters": ["outage"],
        }
    },
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    # django-post-office adds a handler of its own to a logger that has none; this one keeps our format.
    "loggers": {"post_office": {"handlers": ["console"], "propagate": False}},
}

# A monitor on the server itself asks http://127.0.0.1:8000/healthz without TLS; it must not get a redirect.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
