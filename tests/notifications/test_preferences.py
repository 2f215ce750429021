"""/akun/notifikasi/ and the header count of what waits for the signed-in person."""

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from assessments.models import ReviewState
from notifications.models import NotificationPreference
from tests.factories import RegencyFactory, ResultFactory, StaffUserFactory, regency_admin

pytestmark = pytest.mark.django_db

PAGE = "/akun/notifikasi/"


def test_the_page_is_for_signed_in_people(client):
    response = client.get(PAGE)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_a_person_chooses_english_and_switches_reminders_off(client):
    admin = regency_admin()
    client.force_login(admin)
    response = client.get(PAGE)
    assertContains(response, f"Surel dikirim ke {admin.email}")
    assertContains(
        response,
        '<input type="checkbox" name="reminders_enabled" aria-describedby="id_reminders_enabled_helptext"'
        ' id="id_reminders_enabled" checked>',
        html=True,
    )

    response = client.post(PAGE, {"language": "en"}, follow=True)
    assertContains(response, "Pengaturan notifikasi disimpan.")
    preference = NotificationPreference.objects.get(user=admin)
    assert (preference.language, preference.reminders_enabled) == ("en", False)


def test_an_unknown_language_is_refused_and_nothing_is_written(client):
    admin = regency_admin()
    client.force_login(admin)
    response = client.post(PAGE, {"language": "fr", "reminders_enabled": "on"})
    assert response.status_code == 200
    assert "fr" in response.content.decode()
    assert not NotificationPreference.objects.exists()


def test_staff_see_the_accounts_no_mail_reaches(client):
    regency = RegencyFactory()
    unreachable = regency_admin(regency, email="")
    reachable = regency_admin(regency)
    unreachable_staff = StaffUserFactory(email="")
    client.force_login(StaffUserFactory())
    response = client.get(PAGE)
    assertContains(response, "Akun tanpa alamat surel")
    assertContains(response, unreachable.username)
    assertContains(response, unreachable_staff.username)
    assertContains(response, regency.display_name)
    assertNotContains(response, f">{reachable.username}<")


def test_a_regency_admin_does_not_see_the_list_and_is_told_their_own_address_is_missing(client):
    admin = regency_admin(email="")
    client.force_login(admin)
    response = client.get(PAGE)
    assertNotContains(response, "Akun tanpa alamat surel")
    assertContains(response, "Akun Anda belum punya alamat surel")


def test_the_header_shows_staff_how_many_entries_wait_for_verification(client):
    ResultFactory(state=ReviewState.SUBMITTED, source=None)
    ResultFactory(state=ReviewState.SUBMITTED, source=None)
    ResultFactory(state=ReviewState.RETURNED, source=None)
    client.force_login(StaffUserFactory())
    for url in (PAGE, reverse("entry:queue"), reverse("entry:list"), reverse("dashboard:overview")):
        assertContains(
            client.get(url),
            f'<a class="waiting-count" href="{reverse("entry:queue")}">2 menunggu verifikasi</a>',
            html=True,
        )


def test_the_header_counts_targets_and_related_values_waiting_as_the_queue_lists_them(client):
    from tests.factories import RelatedIndexValueFactory, TargetFactory

    ResultFactory(state=ReviewState.SUBMITTED, source=None)
    ResultFactory(state=ReviewState.SUBMITTED, source=None)
    TargetFactory(state=ReviewState.SUBMITTED, year=2027)  # a target entered on its own
    RelatedIndexValueFactory(state=ReviewState.SUBMITTED)
    client.force_login(StaffUserFactory())
    for url in (PAGE, reverse("entry:queue"), reverse("entry:list"), reverse("dashboard:overview")):
        assertContains(
            client.get(url),
            f'<a class="waiting-count" href="{reverse("entry:queue")}">4 menunggu verifikasi</a>',
            html=True,
        )


def test_the_header_shows_a_regency_admin_their_returned_entries(client):
    admin = regency_admin()
    ResultFactory(regency=admin.membership.regency, state=ReviewState.RETURNED, source=None, year=2023)
    ResultFactory(regency=admin.membership.regency, state=ReviewState.SUBMITTED, source=None, year=2022)
    ResultFactory(state=ReviewState.RETURNED, source=None)  # another regency's
    client.force_login(admin)
    for url in (PAGE, reverse("entry:list")):
        assertContains(
            client.get(url),
            f'<a class="waiting-count" href="{reverse("entry:list")}">1 entri dikembalikan</a>',
            html=True,
        )


def test_nothing_waiting_shows_no_count(client):
    client.force_login(regency_admin())
    assertNotContains(client.get(PAGE), "waiting-count")


def test_an_anonymous_visitor_gets_no_count_and_no_query_for_it(client, django_assert_num_queries):
    ResultFactory(state=ReviewState.SUBMITTED, source=None)
    with django_assert_num_queries(0):
        response = client.get(reverse("accounts:login"))
    assertNotContains(response, "waiting-count")
