"""Sends the mail queue; with --reminders, first queues today's reminder digests.

Run by the systemd timers of docs/deploy.md: every 5 minutes for the queue, daily at 07:00 WITA with
--reminders. Two runs at once are safe: the digests are idempotent (unique per person and day, see
notifications/reminders.py) and django-post-office's file lock lets one run send the queue while the other quits.
"""

import logging
import smtplib

from django.conf import settings
from django.core.mail import get_connection
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from post_office.connections import connections
from post_office.lockfile import FileLock, FileLocked
from post_office.mail import get_queued, send_queued

from notifications.reminders import send_reminders


class Command(BaseCommand):
    help = "Sends queued mail; with --reminders, first queues today's reminder digests."

    def add_arguments(self, parser):
        parser.add_argument("--reminders", action="store_true", help="Queue today's reminder digests first.")

    def handle(self, *args, reminders: bool = False, **options):
        if reminders:
            queued = send_reminders(timezone.localdate())
            self.stdout.write(f"reminder digests queued: {queued}")
        try:
            sent, failed = send_queue(lockfile=settings.NOTIFICATIONS_LOCK_FILE)
        except MailServerSilent as silent:
            raise CommandError(str(silent)) from silent
        self.stdout.write(f"mails sent: {sent}")
        if failed:
            self.stdout.write(f"mails failed: {failed} (retried by a later run, up to MAIL_MAX_RETRIES times)")
        # Every mail of the run failed (SMTP down, wrong credentials): a non-zero exit, so that the timer's unit
        # shows the failure (`systemctl --failed`) instead of a run that looks fine.
        if failed and not sent:
            raise CommandError(f"every mail of this run failed ({failed}); see Admin → Post Office → Logs")


logger = logging.getLogger(__name__)


class MailServerSilent(Exception):
    pass


def check_mail_server() -> None:
    """Connects to the mail server once before a run sends anything. One that refuses or does not answer within
    EMAIL_TIMEOUT stops the run at once, its mail left queued as it was: otherwise every mail of a batch waited for
    it in turn (post_office gives up on a batch after 180 s) and each used up one of its retries."""
    connection = get_connection()
    try:
        connection.open()
    except (OSError, smtplib.SMTPException) as error:
        logger.warning("mail server unreachable: %s", error)
        raise MailServerSilent(
            f"Server surat tidak menjawab ({error}); surel tetap dalam antrean untuk pengiriman berikutnya."
        ) from error
    finally:
        connection.close()


def send_queue(*, lockfile: str) -> tuple[int, int]:
    """post_office's send_queued_mail_until_done, less its closing of the database connection after every batch:
    that guards against forked workers, which one process never has, and it broke every caller inside a database
    transaction (on PostgreSQL, the test suite's). Returns how many mails were sent and how many failed (to be
    retried or for good); (0, 0) when another run holds the lock. Raises MailServerSilent, sending nothing, when
    the mail server does not answer."""
    sent = failed = 0
    try:
        with FileLock(lockfile):
            if get_queued().exists():
                check_mail_server()
            while True:
                try:
                    batch_sent, batch_failed, batch_requeued = send_queued(processes=1)
                except Exception:
                    connections.close()
                    raise
                sent += batch_sent
                failed += batch_failed + batch_requeued
                if not get_queued().exists():
                    return sent, failed
    except FileLocked:
        return 0, 0
