from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.template.loader import render_to_string
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .outbox import enqueue

# Django's own Indonesian message puts the field name into "Masukkan nama pengguna %(username)s ...", which reads
# "nama pengguna nama pengguna"; ours names both fields itself.
INVALID_LOGIN = _("Nama pengguna atau kata sandi salah. Periksa keduanya; huruf besar dan kecil dibedakan.")


class LoginForm(AuthenticationForm):
    error_messages = {**AuthenticationForm.error_messages, "invalid_login": INVALID_LOGIN}


class AdminLoginForm(AdminAuthenticationForm):
    error_messages = {
        **AdminAuthenticationForm.error_messages,
        "invalid_login": _(
            "Nama pengguna atau kata sandi salah, atau akun ini bukan akun staf. Huruf besar dan kecil dibedakan."
        ),
    }


class UnlockForm(forms.Form):
    """The account name a staff member unlocks. A form rather than the raw post: its field refuses a NUL
    character, which PostgreSQL cannot take in a query (a 500 there)."""

    # Not stripped: the name is matched exactly as the failed login recorded it.
    username = forms.CharField(required=False, max_length=255, strip=False)


class QueuedPasswordResetForm(PasswordResetForm):
    """Django's reset form, its mail put on the queue instead of handed to the mail server during the request: a
    refused delivery is retried rather than lost, and a known address answers as fast as an unknown one (a server
    that accepted and never answered kept the page waiting 30 s, which told who has an account)."""

    def send_mail(
        self, subject_template_name, email_template_name, context, from_email, to_email, html_email_template_name=None
    ):
        subject = render_to_string(subject_template_name, context).strip()
        language = get_language()
        # The HTML part shares the workflow mails' layout, which greets the recipient in their language.
        html_context = {**context, "recipient": context["user"], "language": language, "subject": subject}
        enqueue(
            to=to_email,
            subject=subject,
            text=render_to_string(email_template_name, context),
            html=render_to_string(html_email_template_name, html_context) if html_email_template_name else "",
            language=language,
        )
