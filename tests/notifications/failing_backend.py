import smtplib

from django.core.mail.backends.base import BaseEmailBackend


class DownBackend(BaseEmailBackend):
    """An SMTP server that is down: every delivery fails as smtplib reports it."""

    def send_messages(self, email_messages):
        raise smtplib.SMTPConnectError(421, "Service not available")


class UntouchableBackend:
    """A mail server nobody may ask: the test fails at the first connection made to it."""

    def __init__(self, *args, **kwargs):
        raise AssertionError("the mail server was asked")
