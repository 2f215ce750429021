"""The review pages of every kind of reviewed record: second clicks, double posts and the second reviewer, as
staff and regency admins see them."""

from decimal import Decimal

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains

from assessments import services
from assessments.models import FollowUp, Result, ReviewState
from tests.entry_helpers import build_scenario
from tests.factories import StaffUserFactory
from tests.review_kinds import ALREADY, KINDS, entered_by, records_of, reload


@pytest.fixture
def scenario(db):
    return build_scenario()


@pytest.fixture(params=KINDS)
def kind(request) -> str:
    return request.param


@pytest.fixture
def records(kind, scenario):
    return records_of(kind, scenario)


def test_a_second_click_on_verify_says_it_is_already_verified(client, scenario, kind, records):
    client.force_login(scenario.staff)
    url = reverse(f"entry:{kind}_verify", kwargs={"pk": records.submitted.pk})
    client.post(url, {"version": records.submitted.version})

    html = client.post(url, {"version": records.submitted.version}, follow=True).content.decode()

    assert ALREADY["verify"][kind] in html
    assert "sudah diubah oleh" not in html


def test_a_second_click_on_submit_says_it_is_already_submitted(client, scenario, kind, records):
    client.force_login(scenario.admin)
    url = reverse(f"entry:{kind}_submit", kwargs={"pk": records.draft.pk})
    client.post(url, {"version": records.draft.version})

    html = client.post(url, {"version": records.draft.version}, follow=True).content.decode()

    assert ALREADY["submit"][kind] in html
    assert "sudah diubah oleh" not in html


def test_the_same_follow_up_form_posted_twice_makes_one_follow_up(client, scenario):
    client.force_login(scenario.admin)
    url = reverse("entry:follow_up_create", kwargs={"pk": scenario.verified.pk})
    key = client.get(url).context["form"].initial["submission_key"]
    data = {"recommendation": "Susun arsitektur SPBE.", "status": "planned", "submission_key": str(key)}
    count = FollowUp.objects.count()

    first = client.post(url, data)
    second = client.post(url, data)

    assert (first.status_code, second.status_code) == (302, 302)
    assert FollowUp.objects.count() == count + 1
    assert FollowUp.objects.filter(recommendation="Susun arsitektur SPBE.").count() == 1


def test_two_follow_up_forms_make_two_follow_ups(client, scenario):
    client.force_login(scenario.admin)
    url = reverse("entry:follow_up_create", kwargs={"pk": scenario.verified.pk})

    for _ in range(2):
        key = client.get(url).context["form"].initial["submission_key"]
        client.post(url, {"recommendation": "Sama", "status": "planned", "submission_key": str(key)})

    assert FollowUp.objects.filter(recommendation="Sama").count() == 2


@pytest.fixture
def own_submission(scenario, kind):
    """A record of the kind the scenario's staff member entered and submitted."""
    entered = entered_by(kind, scenario, scenario.staff)
    return services.transition(record=entered, step="submit", version=entered.version, by=scenario.staff)


def test_staff_verifying_their_own_entry_are_refused_with_the_reason(client, scenario, kind, own_submission):
    client.force_login(scenario.staff)

    html = client.post(
        reverse(f"entry:{kind}_verify", kwargs={"pk": own_submission.pk}),
        {"version": own_submission.version},
        follow=True,
    ).content.decode()

    assert "verifikasi harus dilakukan staf provinsi lain" in html
    assert reload(own_submission).state == ReviewState.SUBMITTED


def test_the_result_page_hides_verify_for_ones_own_entry_and_says_why(client, scenario, kind, own_submission):
    client.force_login(scenario.staff)
    own_page = client.get(own_submission.review_url()).content.decode()
    client.force_login(StaffUserFactory())
    colleague_page = client.get(own_submission.review_url()).content.decode()

    assert "Verifikasi dan terbitkan" not in own_page
    assert "staf provinsi lain yang memverifikasinya" in own_page
    assert "Verifikasi dan terbitkan" in colleague_page


def test_a_one_person_office_sees_the_verify_button_for_its_own_entry(client, scenario, kind, own_submission, settings):
    settings.SPBE_ALLOW_SELF_VERIFICATION = True
    client.force_login(scenario.staff)

    client.post(reverse(f"entry:{kind}_verify", kwargs={"pk": own_submission.pk}), {"version": own_submission.version})

    assert reload(own_submission).state == ReviewState.VERIFIED


def test_the_history_names_who_entered_submitted_and_verified(client, scenario):
    scenario.admin.first_name, scenario.admin.last_name = "Maria", "Bani"
    scenario.admin.save()
    colleague = StaffUserFactory(username="staf.kedua")  # no full name: the username stands in
    draft = services.update_result_draft(
        result=scenario.draft, version=scenario.draft.version, by=scenario.admin, value=Decimal("2.10")
    )
    Result.objects.filter(pk=draft.pk).update(created_by=scenario.admin)
    draft = services.submit_result(result=reload(draft), version=draft.version, by=scenario.admin)
    services.verify_result(result=draft, version=draft.version, by=colleague)
    client.force_login(scenario.staff)

    response = client.get(reverse("entry:result_history", kwargs={"pk": draft.pk}))

    row = (
        "<tr><th scope='row'>Revisi 1</th><td>Terverifikasi</td><td>Maria Bani</td><td>Maria Bani</td>"
        "<td>staf.kedua</td><td>—</td></tr>"
    )
    assertContains(response, row, html=True)


@pytest.mark.django_db
def test_the_verify_page_shows_the_targets_source(client):
    from tests.factories import ResultFactory, SourceFactory, TargetFactory

    result = ResultFactory(state=ReviewState.SUBMITTED, source=None, year=2024)
    TargetFactory(
        regency=result.regency,
        year=2024,
        value=Decimal("2.80"),
        state=ReviewState.SUBMITTED,
        source=SourceFactory(title="Perda RPJMD 2021-2026", publisher="Pemerintah Kabupaten"),
    )
    client.force_login(StaffUserFactory())

    html = client.get(reverse("entry:result_detail", kwargs={"pk": result.pk})).content.decode()

    assert "Sumber target" in html
    assert "Perda RPJMD 2021-2026" in html


def test_submit_and_verify_ask_on_a_confirmation_page_that_works_without_javascript(client, scenario, kind, records):
    submit_url = reverse(f"entry:{kind}_submit", kwargs={"pk": records.draft.pk})
    verify_url = reverse(f"entry:{kind}_verify", kwargs={"pk": records.submitted.pk})
    client.force_login(scenario.admin)

    asked = client.get(submit_url)

    assert asked.status_code == 200
    assertContains(asked, "Setelah diajukan, isian ini terkunci")
    assertContains(asked, '<form method="post" class="inline">', count=1)
    assert reload(records.draft).state == ReviewState.DRAFT  # asking changes nothing
    client.force_login(scenario.staff)
    detail = client.get(records.submitted.review_url()).content.decode()
    assert f'<form method="get" action="{verify_url}"' in detail
    asked = client.get(verify_url)
    assertContains(asked, "Verifikasi tidak dapat dibatalkan")
    assert reload(records.submitted).state == ReviewState.SUBMITTED
    client.post(verify_url, {"version": records.submitted.version})
    assert reload(records.submitted).state == ReviewState.VERIFIED


def test_a_regency_admin_cannot_open_the_verify_confirmation(client, scenario):
    client.force_login(scenario.admin)

    assert client.get(reverse("entry:result_verify", kwargs={"pk": scenario.submitted.pk})).status_code == 403


def test_the_confirmation_pages_read_a_fixed_number_of_queries(client, scenario, django_assert_max_num_queries):
    client.force_login(scenario.admin)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("entry:result_submit", kwargs={"pk": scenario.draft.pk})).status_code == 200
    client.force_login(scenario.staff)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("entry:result_verify", kwargs={"pk": scenario.submitted.pk})).status_code == 200
