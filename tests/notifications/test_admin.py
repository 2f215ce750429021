"""Staff set the self-assessment deadline in the admin; only superusers read the mail queue and its log."""

import pytest
from django.contrib.auth import get_user_model

from notifications.models import ReportingDeadline
from tests.factories import StaffUserFactory

pytestmark = pytest.mark.django_db


def test_staff_set_the_reporting_deadline_in_the_admin(client):
    client.force_login(StaffUserFactory())
    response = client.post(
        "/admin/notifications/reportingdeadline/add/", {"year": "2026", "due_on": "2026-03-31"}, follow=True
    )
    assert response.status_code == 200
    assert ReportingDeadline.objects.get(year=2026).due_on.isoformat() == "2026-03-31"


def test_only_superusers_see_sent_and_failed_mail(client):
    client.force_login(StaffUserFactory())
    assert client.get("/admin/post_office/email/").status_code == 403
    superuser = get_user_model().objects.create_superuser("root", "root@example.org", "x")
    client.force_login(superuser)
    assert client.get("/admin/post_office/email/").status_code == 200
    assert client.get("/admin/post_office/log/").status_code == 200
