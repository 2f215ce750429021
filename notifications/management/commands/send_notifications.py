"""Sends the mail queue; with --reminders, first queues today's reminder digests.

Run by the systemd timers of docs/deploy.md: every 5 minutes for the queue, daily at 07:00 WITA with
--reminders. Two runs at once are safe: the digests are idempotent (unique per person and day, see
notifications/reminders.py) and django-post-office's file lock lets one run send the queue while the other quits.
"""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone
from post_office.mail import send_queued_mail_until_done

from notifications.reminders import send_reminders


class Command(BaseCommand):
    help = "Sends queued mail; with --reminders, first queues today's reminder digests."

    def add_arguments(self, parser):
        parser.add_argument("--reminders", action="store_true", help="Queue today's reminder digests first.")

    def handle(self, *args, reminders: bool = False, **options):
        if reminders:
            queued = send_reminders(timezone.localdate())
            self.stdout.write(f"reminder digests queued: {queued}")
        send_queued_mail_until_done(lockfile=settings.NOTIFICATIONS_LOCK_FILE)
