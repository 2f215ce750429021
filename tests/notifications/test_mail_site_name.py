"""Every mail names the portal as the site does (its title "Indeks SPBE dan Pemdi NTT"): the subject of the
reminder digest and of the password reset, the footer of every mail and the sender's name."""

import pytest
from django.utils import translation

from tests.mail_helpers import MAILS, html_of, send_every_mail
from tests.test_settings import read_setting

pytestmark = pytest.mark.django_db

PORTAL = "Portal Indeks SPBE dan Pemdi NTT"


def test_every_mail_names_the_portal_by_the_sites_title_in_its_footer(client, committed, mailoutbox):
    send_every_mail(client, committed, text="Catatan", name="Ani", regency_name="Kabupaten Uji", username="admin.uji")

    arrived = {name for name, opening in MAILS.items() for m in mailoutbox if m.subject.startswith(opening)}
    assert arrived == set(MAILS)
    # The password reset is Django's own mail, without the notifications' footer: its subject names the portal.
    footed = [m for m in mailoutbox if not m.subject.startswith(MAILS["password reset"])]
    assert len(footed) == len(mailoutbox) - 1
    for message in footed:
        assert f"Surel ini dikirim otomatis oleh {PORTAL}." in message.body, message.subject
        assert f"Surel ini dikirim otomatis oleh {PORTAL}." in html_of(message), message.subject
    for message in mailoutbox:
        assert "Portal Indeks SPBE NTT" not in message.subject + message.body + html_of(message)
    subjects = {m.subject for m in mailoutbox}
    assert f"Pengingat {PORTAL}" in subjects
    assert f"Atur ulang kata sandi {PORTAL}" in subjects


def test_the_senders_default_name_is_the_portals():
    assert read_setting("DEFAULT_FROM_EMAIL") == f"{PORTAL} <noreply@localhost>"


def test_the_english_mails_name_the_portal_too():
    with translation.override("en"):
        assert translation.gettext(f"Pengingat {PORTAL}") == "Reminders from the NTT SPBE and Pemdi index portal"
        assert translation.gettext(f"Atur ulang kata sandi {PORTAL}") == (
            "Reset your NTT SPBE and Pemdi index portal password"
        )
        assert translation.gettext(f"Surel ini dikirim otomatis oleh {PORTAL}.") == (
            "This mail was sent automatically by the NTT SPBE and Pemdi index portal."
        )
