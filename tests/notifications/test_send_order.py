"""The queue is sent oldest first within a priority. post_office's default order is the priority alone, which
leaves mail of one priority in whatever order the database returns it: on PostgreSQL a mail updated since it was
queued (a failed attempt, requeued) comes back last, behind mail queued after it, and a day's reminder digests went
out in a different order from one run to the next (CI, 7 December)."""

import pytest
from post_office import mail
from post_office.models import STATUS, Email

from .conftest import send_queue

pytestmark = pytest.mark.django_db


def test_mail_queued_first_is_sent_first_even_after_it_was_requeued(mailoutbox):
    addresses = ["pertama@example.org", "kedua@example.org", "ketiga@example.org"]
    first, *_ = [
        mail.send(address, "noreply@example.org", subject="Uji", message="Uji", priority="medium")
        for address in addresses
    ]
    # A failed attempt and its retry rewrite the row: PostgreSQL stores the new version after the others.
    Email.objects.filter(pk=first.pk).update(status=STATUS.requeued)

    send_queue()

    assert [message.to for message in mailoutbox] == [[address] for address in addresses]
