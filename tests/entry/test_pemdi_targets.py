"""Targets in Pemdi terms (issue 22): a target belongs to the framework its year is stated in, targets from the
Pemdi years on are Pemdi targets, a regency restates a target recorded in SPBE terms with the document that
restates it (PermenPANRB 8/2026, Pasal 11), and the planner's goal is a target of the same index only."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from assessments import services
from assessments.models import ReviewState, Target
from tests.entry_helpers import database_state
from tests.factories import FrameworkFactory, IndicatorAssessmentFactory, TargetFactory
from tests.pemdi_entry_helpers import build_pemdi

pytestmark = pytest.mark.django_db
RESTATING = services.CitedSource(
    title="Perubahan Renstra Diskominfo 2025-2029", published_on=date(2026, 9, 1), publisher="Bappeda Uji"
)


@pytest.fixture
def both(client):
    spbe = FrameworkFactory(code="UJI-SPBE", short_name="Kerangka Uji SPBE", first_year=2021, last_year=2025)
    built = build_pemdi()
    built.spbe = spbe
    client.force_login(built.admin)
    return built


def test_a_target_of_a_pemdi_year_is_a_pemdi_target(both):
    target = services.save_target_draft(regency=both.regency, year=2027, value=Decimal("3.20"), by=both.admin)

    assert target.framework == both.framework


def test_an_spbe_target_of_a_pemdi_year_is_restated_only_with_the_document_that_restates_it(both):
    published = TargetFactory(regency=both.regency, year=2027, value=Decimal("3.00"), framework=both.spbe)
    before = database_state()

    with pytest.raises(ValidationError) as refused:
        services.save_target_draft(regency=both.regency, year=2027, value=Decimal("3.00"), by=both.admin)

    assert refused.value.message_dict["target_source_title"] == [
        "Target ini tercatat dalam Kerangka Uji SPBE; tahun 2027 dinyatakan dalam Kerangka Uji Pemdi. Sebutkan "
        "dokumen yang menyatakan ulang targetnya."
    ]
    assert database_state() == before
    restated = services.save_target_draft(
        regency=both.regency, year=2027, value=Decimal("3.00"), by=both.admin, cited=RESTATING
    )
    assert (restated.framework, restated.revises, restated.state) == (both.framework, published, ReviewState.DRAFT)
    assert restated.source.title == RESTATING.title
    published.refresh_from_db()
    assert (published.framework, published.state) == (both.spbe, ReviewState.VERIFIED)


def test_the_target_form_says_which_index_each_year_is_stated_in(client, both):
    html = client.get(reverse("entry:target_create")).content.decode()

    assert "2021–2025: Indeks SPBE (Kerangka Uji SPBE)" in html
    assert "sejak 2026: Indeks Pemerintah Digital (Kerangka Uji Pemdi)" in html


def test_the_edit_page_of_an_spbe_target_of_a_pemdi_year_asks_for_the_restated_target(client, both):
    draft = TargetFactory(
        regency=both.regency, year=2027, value=Decimal("3.00"), framework=both.spbe, state=ReviewState.DRAFT
    )

    html = client.get(reverse("entry:target_edit", args=[draft.pk])).content.decode()
    detail = client.get(reverse("entry:target_detail", args=[draft.pk])).content.decode()

    assert "Target ini tercatat dalam Indeks SPBE (Kerangka Uji SPBE), padahal tahun 2027 dinilai dengan" in html
    assert "Pasal 11 Kerangka Uji Pemdi" in html
    assert "Indeks SPBE (Kerangka Uji SPBE)" in detail


def test_the_planner_of_a_pemdi_year_sets_no_goal_from_an_spbe_target(client, both):
    for indicator in both.indicators.values():
        IndicatorAssessmentFactory(regency=both.regency, year=2026, indicator=indicator, level=2)
    TargetFactory(regency=both.regency, year=2026, value=Decimal("3.50"), framework=both.spbe)
    url = reverse("entry:planner", kwargs={"slug": both.regency.slug, "year": 2026})

    assert "Target tahun 2026" not in client.get(url).content.decode()
    Target.objects.update(framework=both.framework)
    assert "Target tahun 2026" in client.get(url).content.decode()
