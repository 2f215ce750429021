"""Sends the mail queue; with --reminders, first queues today's reminder digests.

Run by the systemd timers of docs/deploy.md: every 5 minutes for the queue, daily at 07:00 WITA with
--reminders. Two runs at once are safe: the digests are idempotent (unique per person and day, see
notifications/reminders.py) and django-post-office's file lock lets one run send the queue while the other quits.
"""

from django.conf import settings
from django.core.management.base import BaseCommand
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
        self.stdout.write(f"mails sent: {send_queue(lockfile=settings.NOTIFICATIONS_LOCK_FILE)}")


def send_queue(*, lockfile: str) -> int:
    """post_office's send_queued_mail_until_done, less its closing of the database connection after every batch:
    that guards against forked workers, which one process never has, and it broke every caller inside a database
    transaction (on PostgreSQL, the test suite's). Returns how many mails were sent; 0 when another run holds the
    lock."""
    sent = 0
    try:
        with FileLock(lockfile):
            while True:
                try:
                    batch_sent, _failed, _requeued = send_queued(processes=1)
                except Exception:
                    connections.close()
                    raise
                sent += batch_sent
                if not get_queued().exists():
                    return sent
    except FileLocked:
        return 0
