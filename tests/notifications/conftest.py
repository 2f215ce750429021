from datetime import timedelta

import pytest
from django.core.management import call_command

SITE = "https://spbe.example.test"


@pytest.fixture(autouse=True)
def mail_settings(settings, tmp_path):
    """Links name a site unlike the default, and the queue's lock lives in the test's own folder, so that
    suites running side by side do not see each other's lock."""
    settings.SITE_URL = SITE
    settings.NOTIFICATIONS_LOCK_FILE = str(tmp_path / "mail")
    settings.POST_OFFICE = {**settings.POST_OFFICE, "RETRY_INTERVAL": timedelta(minutes=15)}
    return settings


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Runs a service as a request would: its on_commit callbacks run when it returns."""

    def run(action):
        with django_capture_on_commit_callbacks(execute=True):
            return action()

    return run


def send_queue(*args):
    call_command("send_notifications", *args)
