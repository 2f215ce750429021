"""`send_notifications` exits non-zero when every mail of a run failed, so that the systemd timer's unit shows the
failure (issue 25, finding 7); a run that sent some mail, or had nothing to send, exits 0."""

import pytest
from django.core.management import CommandError
from post_office import mail

from tests.notifications.failing_for_one import REFUSED

from .conftest import send_queue

pytestmark = pytest.mark.django_db


def queue(*addresses: str) -> None:
    for address in addresses:
        mail.send(address, "noreply@example.org", subject="Uji", message="Uji", priority="medium")


def test_a_run_in_which_every_mail_failed_exits_non_zero(settings, mailoutbox):
    queue("staf@example.org", "admin@example.org")
    settings.EMAIL_BACKEND = "tests.notifications.failing_backend.DownBackend"

    with pytest.raises(CommandError, match="every mail of this run failed"):
        send_queue()

    assert mailoutbox == []


def test_a_run_that_sent_some_mail_exits_zero_and_counts_the_failures(settings, mailoutbox, capsys):
    queue("staf@example.org", REFUSED)
    settings.EMAIL_BACKEND = "tests.notifications.failing_for_one.RefusesOneAddressBackend"

    send_queue()

    assert [message.to for message in mailoutbox] == [["staf@example.org"]]
    out = capsys.readouterr().out
    assert "mails sent: 1" in out
    assert "mails failed: 1" in out


def test_a_run_with_nothing_to_send_exits_zero(capsys):
    send_queue()

    assert "mails sent: 0" in capsys.readouterr().out
