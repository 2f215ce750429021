"""The default for manage.py: SQLite, DEBUG on, a fixed development key. Never for a public server."""

from .base import *  # noqa: F403
from .base import env
from .known_keys import DEV_SECRET_KEY

DEBUG = env.bool("DJANGO_DEBUG", default=True)
SECRET_KEY = env("SECRET_KEY", default=DEV_SECRET_KEY)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
