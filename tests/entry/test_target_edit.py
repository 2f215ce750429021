"""A target entered on its own is changed on its own edit page, which names the version it read: a second
person's save made on a stale page is refused with the other's value, never written over it. The create form
does not silently change an open target: it links to it."""

from decimal import Decimal

import pytest
from django.urls import reverse

from assessments import services
from assessments.models import ReviewState, Target
from tests.entry_helpers import build_scenario, database_state
from tests.factories import TargetFactory, regency_admin

pytestmark = pytest.mark.django_db

SOURCE = {
    "target_source_title": "RPJMD 2021-2026",
    "target_source_publisher": "Pemerintah Kabupaten",
    "target_source_kind": "regional_document",
    "target_source_reference": "Perda 5/2021",
    "target_source_date": "2021-09-01",
}


@pytest.fixture
def draft(db):
    scenario = build_scenario()
    target = TargetFactory(regency=scenario.regency, year=2026, state=ReviewState.DRAFT, created_by=scenario.admin)
    return scenario, target


def edit(client, target, *, value, version):
    return client.post(
        reverse("entry:target_edit", kwargs={"pk": target.pk}), {"value": value, "version": version, **SOURCE}
    )


def test_the_edit_page_changes_the_open_target_and_keeps_its_regency_and_year(client, draft):
    scenario, target = draft
    client.force_login(scenario.admin)

    page = client.get(reverse("entry:target_edit", kwargs={"pk": target.pk}))
    response = edit(client, target, value="3,40", version=target.version)

    assert page.status_code == 200
    assert response["Location"] == reverse("entry:target_detail", kwargs={"pk": target.pk})
    target.refresh_from_db()
    assert (target.value, target.year, target.source.title) == (Decimal("3.40"), 2026, "RPJMD 2021-2026")


def test_a_save_on_a_stale_page_is_refused_with_the_other_persons_value(client, draft):
    scenario, target = draft
    colleague = regency_admin(scenario.regency)
    client.force_login(colleague)
    edit(client, target, value="3,40", version=target.version)
    client.force_login(scenario.admin)
    before = database_state()

    response = edit(client, target, value="2,90", version=target.version)

    assert response.status_code == 409
    assert "target sekarang 3,40" in response.content.decode()
    assert database_state() == before


def test_the_create_form_links_to_an_open_target_of_the_same_year_instead_of_changing_it(client, draft):
    scenario, target = draft
    client.force_login(scenario.admin)
    before = database_state()

    response = client.post(
        reverse("entry:target_create"), {"regency": scenario.regency.pk, "year": "2026", "value": "2,50", **SOURCE}
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "Target 2026 untuk" in html
    assert f'href="{reverse("entry:target_detail", kwargs={"pk": target.pk})}"' in html
    assert database_state() == before


def test_the_service_refuses_a_stale_version(draft):
    scenario, target = draft

    with pytest.raises(services.ConcurrentEdit):
        services.save_target_draft(
            regency=scenario.regency, year=2026, value=Decimal("3.00"), by=scenario.admin, version=target.version + 1
        )


def test_a_submitted_target_has_no_edit_page(client, draft):
    scenario, target = draft
    Target.objects.filter(pk=target.pk).update(state=ReviewState.SUBMITTED)
    client.force_login(scenario.admin)

    response = client.get(reverse("entry:target_edit", kwargs={"pk": target.pk}))

    assert response.status_code == 404


@pytest.mark.parametrize("field", ["year", "regency"])
def test_a_number_too_large_for_the_database_on_the_target_form_is_a_form_error(client, draft, field):
    scenario, _target = draft
    client.force_login(scenario.staff)

    response = client.post(reverse("entry:target_create"), {field: "9" * 30, "value": "2,00"})

    assert response.status_code == 200
