"""The mail queue (django-post-office), filled with mail that is already rendered.

Every mail the portal writes waits in the database until `manage.py send_notifications` delivers it: no request
waits on a mail server, and a delivery the server refuses is retried. It lives here, below notifications, because
the password reset (accounts) queues its mail too.

post_office's own `mail.send` and its EmailBackend run subject and bodies through Django's template engine again
before storing them, even when no template is named: text a person typed into an already rendered mail then ran as
template code (a return comment `{{7*7}}` was a server error, a follow-up `{% load log %}` stopped every reminder
run). So the row is written here as it is, and nothing renders it twice.
"""

from django.conf import settings
from post_office.models import PRIORITY, STATUS, Email
from post_office.signals import email_queued


def enqueue(*, to: str, subject: str, text: str, html: str, language: str) -> Email:
    """Queues one rendered mail to one address, in `language` (its Content-Language header)."""
    email = Email.objects.create(
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
        # A line break in a subject makes Django refuse the mail at every delivery attempt (a header injection).
        subject="".join(subject.splitlines()),
        message=text,
        html_message=html,
        headers={"Content-Language": language},
        priority=PRIORITY.medium,
        status=STATUS.queued,
    )
    email_queued.send(sender=Email, emails=[email])
    return email
