"""Every SECRET_KEY committed to this repository, in one place: dev.py and bench.py default to them, and prod.py
refuses all of them, since anyone who has read the repository can sign sessions and reset tokens with them."""

DEV_SECRET_KEY = "dev-only-not-secret-key-for-the-spbe-portal-on-localhost"
BENCH_SECRET_KEY = "bench-only-not-secret-key-loopback-spbe-portal-measurements"
COMMITTED_SECRET_KEYS = frozenset({DEV_SECRET_KEY, BENCH_SECRET_KEY})
# Django's own check (security.W009) asks for at least 50 characters, 5 of them different, and no key that
# startproject made for development.
MINIMUM_SECRET_KEY_LENGTH = 50
MINIMUM_SECRET_KEY_CHARACTERS = 5
INSECURE_KEY_PREFIX = "django-insecure-"
