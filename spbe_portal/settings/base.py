"""Settings shared by every environment, read from environment variables.

With nothing set, the project runs on SQLite in the project folder so that a newcomer needs no server;
DATABASE_URL switches to PostgreSQL. prod.py adds what a public server needs and refuses to start without it.
"""

from datetime import timedelta
from pathlib import Path
from tempfile import gettempdir

import environ
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
# A local .env is a convenience for development; real deployments set the environment themselves.
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DJANGO_DEBUG", default=False)
SECRET_KEY = env("SECRET_KEY", default="")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_tables2",
    "django_filters",
    "simple_history",
    "axes",
    "post_office",
    # The dependency rule of docs/architecture.md, lowest first: regencies ← accounts ← assessments ← the rest.
    "regencies",
    "assessments",
    "operations",
    "api",
    "accounts",
    "entry",
    "dashboard",
    "datasets",
    "notifications",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Sends a cached public answer again as it left the stack below, before any of it runs (issue 26).
    "assessments.sent_answers.SentAnswerMiddleware",
    # Below WhiteNoise, which answers static files itself (compressed ahead), and above everything that reads or
    # writes a page's body, so that it compresses the finished page.
    "spbe_portal.middleware.CompressionMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "spbe_portal.middleware.LanguageCookieMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "accounts.sessions.IdleTimeoutMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it turns a lockout raised during login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "spbe_portal.urls"
WSGI_APPLICATION = "spbe_portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "accounts.context_processors.roles",
                "notifications.context_processors.waiting",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0)
# A persistent connection is checked before a request reuses it, so a database restarted while a worker sat idle
# costs a reconnect, not an error (issue 25: 3 of 30 requests failed after a restart without this).
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True


def sqlite_options(database: dict) -> dict:
    """SQLite for the newcomer: a writer waits up to 20 s for another instead of failing with "database is
    locked", takes its write lock when the transaction begins (a double-click's two saves queue up rather than
    deadlock on upgrading a read lock), and readers do not block writers (WAL). Django 5.1+ reads all three."""
    if database["ENGINE"] != "django.db.backends.sqlite3":
        return database.get("OPTIONS", {})
    return {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL;",
        **database.get("OPTIONS", {}),
    }


DATABASES["default"]["OPTIONS"] = sqlite_options(DATABASES["default"])
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Per-process memory by default; on a server, CACHE_URL=filecache:///var/cache/spbe-portal lets every gunicorn
# worker share what the open-data API has cached (docs/deploy.md). REDIS_URL, when set, wins: one cache for every
# app server behind the load balancer (README, "Scaling"). The cache is an optimisation, never a dependency:
# ResilientRedisCache answers as an empty cache while Redis is unreachable, so pages are built from the database,
# and the short timeouts keep a Redis machine that stops answering from holding a request up.
REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "spbe_portal.redis_cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env("CACHE_KEY_PREFIX", default="spbe"),
            "OPTIONS": {
                "socket_connect_timeout": env.float("REDIS_CONNECT_TIMEOUT", default=0.5),
                "socket_timeout": env.float("REDIS_TIMEOUT", default=1.0),
            },
        }
    }
else:
    CACHES = {"default": env.cache_url("CACHE_URL", default="locmemcache://")}
# Sessions live in the database alone (Django's default engine), whatever the cache: every machine reads the same
# rows, signing in works while Redis is down, and a session signed out during a Redis outage cannot come back from
# a cached copy afterwards (which the cached_db engine allows).
SESSION_ENGINE = "django.contrib.sessions.backends.db"
# Cached public pages are keyed by the publication version, so this bounds how long unused entries linger, and how
# long the last published pages stay available to be served while the database is unreachable (a page read during
# an outage is kept this long again; assessments/publication.py).
PUBLIC_PAGE_CACHE_SECONDS = env.int("PUBLIC_PAGE_CACHE_SECONDS", default=600)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Bahasa Indonesia first; English through the language switch. Numbers follow the active locale (1,85 / 1.85).
LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Bahasa Indonesia")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# The language chosen with the switch is kept for a year, not only for the browser session (Django's default).
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60
TIME_ZONE = "Asia/Makassar"  # WITA, the time zone of Nusa Tenggara Timur
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    # plotly.js comes from npm (package-lock.json pins it; `make` runs `npm ci`), never committed or fetched from a CDN.
    ("vendor/plotly", BASE_DIR / "node_modules" / "plotly.js-basic-dist-min"),
]
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Every page names a static file by its hashed name ({% static %}), so the unhashed copies are never asked for:
# without them collectstatic compresses half as many files (17 → 9 s of CPU) and STATIC_ROOT holds half the bytes.
WHITENOISE_KEEP_ONLY_HASHED_FILES = True

FIXTURES_DIR = BASE_DIR / "fixtures"

DJANGO_TABLES2_TEMPLATE = "django_tables2/semantic.html"

# Scripts only from our own origin: charts read their data from json_script blocks, never inline code.
# Styles allow 'unsafe-inline' because plotly.js injects <style> rules at run time.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, "'unsafe-inline'"],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# Signed-in staff and admins are signed out after a working day without activity. Activity refreshes the session
# at most every 15 minutes (accounts.sessions.IdleTimeoutMiddleware), not on every request, which would add a
# write to every page.
SESSION_COOKIE_AGE = 10 * 60 * 60
SESSION_REFRESH_AFTER_SECONDS = 15 * 60

LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "entry:list"
LOGOUT_REDIRECT_URL = "dashboard:home"

# django-axes first: it counts failed logins and refuses a locked-out account or address before the password
# is even checked. Its backend needs the request, which Django's login view passes along.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Five failures lock that account name for an hour, from whatever address they came (docs/security.md). The
# address alone is not a lockout parameter: a regency office behind one NAT shares it, and one person's typos
# must not lock a colleague out. A success deletes only the failures recorded under the name that logged in,
# never those of other names from the same address. The (name, address) pair never decides on its own (the
# name's total is never lower); it is there because axes 8.3's check axes.W006 asks for ip_address in the list.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = 1
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "username"]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_CALLABLE = "accounts.lockout.attempted_username"


def client_address_settings(trusted_proxy_count: int) -> dict:
    """django-ipware's reading of the client address for django-axes (and the password-reset limit).

    TRUSTED_PROXY_COUNT is the number of reverse proxies in front of gunicorn. 0 (development, tests): only
    REMOTE_ADDR counts and an X-Forwarded-For sent by a client is ignored. 1 (production): nginx overwrites
    X-Forwarded-For with the address it saw (docs/deploy.md), so the header holds exactly the client. ipware
    counts the proxies *listed in the header* after the client, and the nearest proxy never lists itself, hence
    the minus one; strict ipware falls back to REMOTE_ADDR when the header has another length.
    """
    if trusted_proxy_count <= 0:
        return {"AXES_IPWARE_META_PRECEDENCE_ORDER": ["REMOTE_ADDR"], "AXES_IPWARE_PROXY_COUNT": None}
    return {
        "AXES_IPWARE_META_PRECEDENCE_ORDER": ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"],
        "AXES_IPWARE_PROXY_COUNT": trusted_proxy_count - 1,
    }


TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
globals().update(client_address_settings(TRUSTED_PROXY_COUNT))

# Password reset: at most this many mails to one address, and this many requests from one client address, per
# hour; over the limit the page answers as usual and sends nothing (docs/security.md).
PASSWORD_RESET_MAILS_PER_ADDRESS = env.int("PASSWORD_RESET_MAILS_PER_ADDRESS", default=3)
PASSWORD_RESET_REQUESTS_PER_CLIENT = env.int("PASSWORD_RESET_REQUESTS_PER_CLIENT", default=10)
PASSWORD_RESET_WINDOW_SECONDS = 60 * 60

# A second reviewer is the rule: staff may not verify an entry they entered themselves, unless a one-person
# office turns this on (docs/security.md).
SPBE_ALLOW_SELF_VERIFICATION = env.bool("SPBE_ALLOW_SELF_VERIFICATION", default=False)

# Mail goes through the queue (below) and out through EMAIL_BACKEND: the console in development (dev.py), SMTP in
# production when these are set.
EMAIL_HOST = env("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
# Seconds to wait on the mail server: without a limit a server that accepts and never answers held each delivery
# until post_office gave up on the whole batch (180 s).
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Portal Indeks SPBE dan Pemdi NTT <noreply@localhost>")

# Workflow mail and reminders (notifications/) wait in django-post-office's queue until `manage.py
# send_notifications` sends them through EMAIL_BACKEND (docs/deploy.md); a failed delivery is retried.
# Mail is read outside the site, so its links name the site in full.
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000")
POST_OFFICE = {
    "MAX_RETRIES": env.int("MAIL_MAX_RETRIES", default=8),
    "RETRY_INTERVAL": timedelta(minutes=env.int("MAIL_RETRY_MINUTES", default=15)),
    "THREADS_PER_PROCESS": 1,
    "DEFAULT_PRIORITY": "medium",
    # Oldest first within a priority; the default (priority alone) leaves the order to the database.
    "SENDING_ORDER": ["-priority", "id"],
}
NOTIFICATIONS_LOCK_FILE = env("NOTIFICATIONS_LOCK_FILE", default=str(Path(gettempdir()) / "spbe-portal-mail"))

# Evidence files (PDF) attached to entries and follow-ups; never served by the web server directly.
EVIDENCE_MAX_BYTES = env.int("EVIDENCE_MAX_BYTES", default=5 * 1024 * 1024)
IMPORT_MAX_BYTES = env.int("IMPORT_MAX_BYTES", default=1024 * 1024)
IMPORT_MAX_ROWS = env.int("IMPORT_MAX_ROWS", default=500)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    # A database outage: one line a request, its traceback once (spbe_portal/outages.py).
    "filters": {"outage": {"()": "spbe_portal.outages.OneTracebackPerOutage"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain", "filters": ["outage"]}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    # django-post-office adds a handler of its own to a logger that has none; this one keeps our format.
    "loggers": {"post_office": {"handlers": ["console"], "propagate": False}},
}
