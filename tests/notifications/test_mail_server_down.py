"""A run of send_notifications while the mail server is down: it fails at once, so the timer's unit shows it, and
the queue stays as it was for the next run."""

import socket

import pytest
from django.core.management import CommandError
from post_office.models import STATUS, Email

from assessments import services
from tests.entry_helpers import build_scenario

from .conftest import send_queue

pytestmark = pytest.mark.django_db


def test_a_mail_server_that_refuses_connections_stops_the_run_and_keeps_the_queue(committed, settings):
    scenario = build_scenario()
    draft = scenario.draft
    committed(lambda: services.submit_result(result=draft, version=draft.version, by=scenario.admin))
    with socket.socket() as closed:  # a port that nothing listens on
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port

    with pytest.raises(CommandError, match="Server surat tidak menjawab"):
        send_queue()

    email = Email.objects.get()
    assert email.status == STATUS.queued
    assert email.number_of_retries in (None, 0)
    assert not email.logs.exists()


def test_an_empty_queue_does_not_ask_the_mail_server(settings):
    settings.EMAIL_BACKEND = "tests.notifications.failing_backend.UntouchableBackend"

    send_queue()

    assert not Email.objects.exists()
