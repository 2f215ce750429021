"""Every mail's HTML part on a 390 px phone (Chromium in mobile mode): laid out at the phone's width, not shrunk
from a 980 px desktop page, and nothing wider than the screen — a long link in a comment included."""

import os
from pathlib import Path

import pytest
from django.core import mail
from django.core.management import call_command
from playwright.sync_api import Browser

from tests.mail_helpers import MAILS, html_of, send_every_mail

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

PHONE = {"width": 390, "height": 844}
# What people paste into a comment: a link to the document, one unbroken word of 130 characters.
COMMENT = (
    "Lampirkan SK tim koordinasi SPBE yang ditandatangani bupati; salinannya ada di "
    "https://jdih.nttprov.go.id/dokumen/peraturan-bupati-nomor-12-tahun-2023-tentang-tim-koordinasi-sistem-"
    "pemerintahan-berbasis-elektronik.pdf"
)


def test_every_mail_reads_at_phone_width(
    browser: Browser, client, django_capture_on_commit_callbacks, settings, tmp_path
):
    settings.NOTIFICATIONS_LOCK_FILE = str(tmp_path / "mail")

    def committed(action):
        with django_capture_on_commit_callbacks(execute=True):
            return action()

    send_every_mail(
        client, committed, text=COMMENT, name="Maria", regency_name="Timor Tengah Selatan", username="admin.tts"
    )
    call_command("send_notifications")
    messages = mail.outbox
    assert {name for name, opening in MAILS.items() for m in messages if m.subject.startswith(opening)} == set(MAILS)

    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2)
    page = context.new_page()
    pictures = os.environ.get("MAIL_SCREENSHOTS")
    for number, message in enumerate(messages):
        page.set_content(html_of(message))
        if pictures:  # to look at: MAIL_SCREENSHOTS=folder
            page.screenshot(path=str(Path(pictures) / f"mail-{number}.png"), full_page=True)

        assert page.locator('meta[name="viewport"]').get_attribute("content") == "width=device-width, initial-scale=1"
        # Without the viewport a phone lays the mail out 980 px wide and shrinks it to fit: tiny text.
        assert page.evaluate("window.innerWidth") == PHONE["width"], message.subject
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], message.subject
        assert page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)") >= 16
    context.close()
