"""The one source builder on every form that cites a source: the status flag and the official level now offer the
sources on file as the result and target forms do, and a source cited in another year (an RPJMD covers five) can
be picked again without retyping (issue 23)."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from assessments import selectors
from assessments.models import SourceKind, Target
from regencies.models import StatusFlag
from tests.factories import (
    RegencyFactory,
    SourceFactory,
    StaffUserFactory,
    StatusFlagFactory,
    TargetFactory,
    regency_admin,
)


@pytest.fixture
def rpjmd(db):
    """A regency's RPJMD cited by its 2021 target: it states the targets up to 2026."""
    regency = RegencyFactory()
    source = SourceFactory(title="RPJMD 2021-2026", kind=SourceKind.REGIONAL_DOCUMENT, published_on=date(2021, 9, 1))
    TargetFactory(regency=regency, year=2021, value=Decimal("2.10"), source=source)
    return source, regency


def test_a_source_the_regency_cited_in_another_year_is_offered_again(rpjmd):
    source, regency = rpjmd
    elsewhere = SourceFactory(title="RPJMD kabupaten lain", kind=SourceKind.REGIONAL_DOCUMENT)
    TargetFactory(regency=RegencyFactory(), year=2021, source=elsewhere)

    offered = list(selectors.sources_on_file(regency=regency, year=2024))

    assert source in offered
    assert elsewhere not in offered


def test_a_target_of_a_later_year_picks_last_years_rpjmd_without_retyping(client, rpjmd):
    source, regency = rpjmd
    client.force_login(regency_admin(regency))

    page = client.get(reverse("entry:target_create")).content.decode()
    response = client.post(
        reverse("entry:target_create"),
        {"regency": regency.pk, "year": "2025", "value": "2,60", "target_source_choice": source.pk},
    )

    assert f'<option value="{source.pk}">RPJMD 2021-2026' in page
    assert response.status_code == 302
    assert Target.objects.get(regency=regency, year=2025).source == source


def test_the_status_flag_form_offers_the_sources_earlier_flags_cite(client, db):
    """One article often states several regencies' status: the second regency picks it instead of retyping it."""
    article = StatusFlagFactory(as_of=date(2025, 2, 10)).source
    regency = RegencyFactory()
    client.force_login(StaffUserFactory())

    page = client.get(reverse("entry:status_flag_create")).content.decode()
    response = client.post(
        reverse("entry:status_flag_create"),
        {"regency": regency.pk, "flag": "compliant", "as_of": "2025-02-10", "source_choice": article.pk},
    )

    assert f'<option value="{article.pk}">' in page
    assert response.status_code == 302
    assert StatusFlag.objects.get(regency=regency).source == article


def test_the_status_flag_form_asks_for_a_source_and_refuses_a_date_before_the_spbe_era(client, db):
    regency = RegencyFactory()
    client.force_login(StaffUserFactory())
    data = {"regency": regency.pk, "flag": "compliant", "as_of": "2025-02-10"}

    nothing = client.post(reverse("entry:status_flag_create"), data)
    too_early = client.post(
        reverse("entry:status_flag_create"),
        {**data, "source_title": "Berita", "source_publisher": "Redaksi", "source_date": "0001-01-01"},
    )

    assert nothing.context["form"].errors["source_title"] == ["Sebutkan sumber status ini."]
    assert too_early.context["form"].errors["source_date"] == [
        "Tanggal sumber sebelum 2000 tidak mungkin untuk data SPBE; periksa tahunnya."
    ]
    assert not StatusFlag.objects.exists()


def test_a_source_date_typed_day_first_is_read(client, db):
    """Indonesian spreadsheets write 15/01/2024; a person who types it into a date field without a picker too."""
    regency = RegencyFactory()
    client.force_login(StaffUserFactory())

    client.post(
        reverse("entry:status_flag_create"),
        {
            "regency": regency.pk,
            "flag": "compliant",
            "as_of": "2025-02-10",
            "source_title": "Berita status",
            "source_publisher": "Redaksi",
            "source_date": "15/01/2025",
        },
    )

    assert StatusFlag.objects.get(regency=regency).source.published_on == date(2025, 1, 15)
