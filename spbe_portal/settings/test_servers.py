"""The gunicorn instances of tests/test_two_instances.py: the test settings, with the cache and sessions that
REDIS_URL gives a real deployment (base.py), so that they share them as two machines would."""

from . import base
from .test import *  # noqa: F403

CACHES = base.CACHES
SESSION_ENGINE = base.SESSION_ENGINE
