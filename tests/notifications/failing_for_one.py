import smtplib

from django.core.mail.backends.locmem import EmailBackend

REFUSED = "ditolak@example.org"


class RefusesOneAddressBackend(EmailBackend):
    """An SMTP server that takes every mail but those to one address."""

    def send_messages(self, email_messages):
        for message in email_messages:
            if REFUSED in message.to:
                raise smtplib.SMTPRecipientsRefused({REFUSED: (550, b"No such user")})
        return super().send_messages(email_messages)
