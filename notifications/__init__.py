"""Mail about the review workflow and reminders of deadlines, sent from a queue.

Receivers (apps.py → receivers.py) listen to assessments.events and queue mail in `transaction.on_commit`, so a
rolled-back action sends nothing and a request never talks to SMTP. `manage.py send_notifications` sends the
queue and, with --reminders, the daily reminder digests (docs/deploy.md runs both from systemd timers).

The queue is django-post-office (pinned in requirements.txt), chosen over django-mailer because:
- an HTML alternative is a field of the queued mail (`html_message`), shown in the admin as a preview;
- a failed delivery is requeued by itself (MAX_RETRIES, RETRY_INTERVAL) and each attempt's error is logged, where
  django-mailer defers it until someone runs `retry_deferred`;
- superusers see every mail in the admin with its status (queued, sent, failed, requeued) and its log;
- `send_queued_mail` holds a file lock, so two runs at once on the server do not send a mail twice;
- it needs nh3 only, where django-mailer needs the unmaintained `lockfile` package.
"""
