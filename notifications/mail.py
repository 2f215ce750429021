"""Renders one mail per recipient in the recipient's language and puts it on the queue (django-post-office), as
rendered: accounts/outbox.py says why not through post_office's own `mail.send`."""

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from accounts.outbox import enqueue

from .recipients import language_of


def absolute(path: str) -> str:
    """Mail is read outside the site, so every link names the site (SITE_URL) in full."""
    return settings.SITE_URL.rstrip("/") + path


def link(viewname: str, **kwargs) -> str:
    return absolute(reverse(viewname, kwargs=kwargs or None))


def queue(*, users, template: str, subject, context: dict) -> int:
    """Queues `template` (.txt and .html under templates/notifications/) to each user; `subject` is a lazy
    translation or a callable taking the context, rendered in each user's language. Returns the count queued."""
    queued = 0
    for user in users:
        language = language_of(user)
        with translation.override(language):
            personal = {**context, "recipient": user, "site_url": settings.SITE_URL, "language": language}
            title = str(subject(personal) if callable(subject) else subject)
            enqueue(
                to=user.email,
                subject=title,
                text=render_to_string(f"notifications/{template}.txt", {**personal, "subject": title}),
                html=render_to_string(f"notifications/{template}.html", {**personal, "subject": title}),
                language=language,
            )
        queued += 1
    return queued
