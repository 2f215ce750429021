"""The province's review form of a Pemdi indicator whose value is another agency's index converted to 1–5 with two
decimals (PermenPANRB 8/2026's indicator 5, from Indeks Satu Data Indonesia): staff set the province's value and
the official value as the regency sets its own, with the workspace's field and checks, and the official value
keeps requiring its source (issue 22)."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from assessments.models import AssessmentStage, Framework, Indicator, IndicatorAssessment, Source
from tests.factories import IndicatorAssessmentFactory, RegencyFactory, StaffUserFactory

pytestmark = pytest.mark.django_db

YEAR = 2026
CONVERTED = 5


@pytest.fixture
def pemdi_2026(reference_data):
    framework = Framework.objects.in_force(YEAR)
    indicator = Indicator.objects.get(aspect__framework=framework, number=CONVERTED)
    assert indicator.value_places == 2  # the fixture's converted indicator, not a whole-level one
    regency = RegencyFactory()
    IndicatorAssessmentFactory(regency=regency, year=YEAR, indicator=indicator, level=Decimal("2.50"))
    return {"framework": framework, "indicator": indicator, "regency": regency, "staff": StaffUserFactory()}


def edit_url(regency):
    return reverse("entry:indicator_review_edit", kwargs={"slug": regency.slug, "year": YEAR, "number": CONVERTED})


def review_url(regency):
    return reverse("entry:indicator_review", kwargs={"slug": regency.slug, "year": YEAR})


def official_source(**overrides):
    fields = {
        "resmi-source_title": "Hasil Evaluasi Pemdi 2026 Kabupaten Uji",
        "resmi-source_publisher": "Kementerian PANRB",
        "resmi-source_kind": "decree",
        "resmi-source_date": "2026-11-02",
    }
    return {**fields, **overrides}


def staged(regency, stage):
    return list(
        IndicatorAssessment.objects.working()
        .filter(regency=regency, stage=stage)
        .values_list("indicator__number", "level", "source__title")
    )


def test_the_form_takes_a_value_with_the_indicators_decimals_and_names_the_index(client, pemdi_2026):
    client.force_login(pemdi_2026["staff"])

    html = client.get(edit_url(pemdi_2026["regency"])).content.decode()

    for name in ("provinsi-level", "resmi-level"):
        assert re.search(rf'<input type="text" name="{name}"[^>]*inputmode="decimal"', html)
        assert not re.search(rf'<select[^>]*name="{name}"', html)
    assert html.count(f"Nilai dari {pemdi_2026['indicator'].external_index} (skala 1–5)") == 2


def test_staff_set_province_2_35_and_official_3_10_with_its_source(client, pemdi_2026):
    regency = pemdi_2026["regency"]
    client.force_login(pemdi_2026["staff"])

    province = client.post(
        edit_url(regency),
        {"form": "provinsi", "provinsi-level": "2,35", "provinsi-note": "Sesuai SDI.", "provinsi-version": "0"},
    )
    official = client.post(
        edit_url(regency), {"form": "resmi", "resmi-level": "3,10", "resmi-version": "0", **official_source()}
    )

    assert (province.status_code, official.status_code) == (302, 302)
    assert staged(regency, AssessmentStage.PROVINCE) == [(CONVERTED, Decimal("2.35"), None)]
    assert staged(regency, AssessmentStage.OFFICIAL) == [
        (CONVERTED, Decimal("3.10"), "Hasil Evaluasi Pemdi 2026 Kabupaten Uji")
    ]
    form = client.get(edit_url(regency)).content.decode()
    assert 'name="provinsi-level" value="2,35"' in form
    assert 'name="resmi-level" value="3,10"' in form


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("5,01", "PermenPANRB 8/2026: Tingkat kematangan harus antara 1 dan 5."),
        ("2,355", "PermenPANRB 8/2026: Nilai indikator ini paling banyak 2 angka desimal."),
    ],
)
@pytest.mark.parametrize("which", ["provinsi", "resmi"])
def test_a_value_off_the_scale_or_with_too_many_decimals_is_refused_and_nothing_written(
    client, pemdi_2026, value, message, which
):
    client.force_login(pemdi_2026["staff"])
    before = list(IndicatorAssessment.objects.values())

    response = client.post(
        edit_url(pemdi_2026["regency"]),
        {"form": which, f"{which}-level": value, f"{which}-version": "0", **official_source()},
    )

    assert response.status_code == 400
    assert message in response.content.decode()
    assert list(IndicatorAssessment.objects.values()) == before
    assert not Source.objects.filter(title="Hasil Evaluasi Pemdi 2026 Kabupaten Uji").exists()


def test_an_official_converted_value_without_its_source_is_refused(client, pemdi_2026):
    client.force_login(pemdi_2026["staff"])

    response = client.post(
        edit_url(pemdi_2026["regency"]), {"form": "resmi", "resmi-level": "3,10", "resmi-version": "0"}
    )

    assert response.status_code == 400
    assert "Sebutkan judul sumber tingkat resmi ini, atau pilih sumber yang sudah ada." in response.content.decode()
    assert staged(pemdi_2026["regency"], AssessmentStage.OFFICIAL) == []


def test_the_services_refuse_a_converted_value_with_too_many_decimals(pemdi_2026):
    from django.core.exceptions import ValidationError

    from assessments.services import indicator_review

    with pytest.raises(ValidationError, match="paling banyak 2 angka desimal"):
        indicator_review.set_province_level(
            regency=pemdi_2026["regency"],
            year=YEAR,
            indicator=pemdi_2026["indicator"],
            level=Decimal("2.355"),
            note="",
            version=0,
            by=pemdi_2026["staff"],
        )

    assert staged(pemdi_2026["regency"], AssessmentStage.PROVINCE) == []


def test_a_conflict_names_the_current_converted_value_as_the_reader_writes_it(client, pemdi_2026):
    regency = pemdi_2026["regency"]
    IndicatorAssessmentFactory(
        regency=regency,
        year=YEAR,
        indicator=pemdi_2026["indicator"],
        stage=AssessmentStage.PROVINCE,
        level=Decimal("2.35"),
    )
    client.force_login(pemdi_2026["staff"])

    # The form was read before that row was written (version 0).
    response = client.post(edit_url(regency), {"form": "provinsi", "provinsi-level": "3,00", "provinsi-version": "0"})

    assert response.status_code == 409
    assert "(tingkat sekarang 2,35)" in response.content.decode()
    assert staged(regency, AssessmentStage.PROVINCE) == [(CONVERTED, Decimal("2.35"), None)]


def test_the_form_of_an_indicator_without_a_domain_names_its_aspect_only(client, pemdi_2026):
    client.force_login(pemdi_2026["staff"])

    html = client.get(edit_url(pemdi_2026["regency"])).content.decode()

    lead = html.split('<p class="lead">')[1].split("</p>")[0]
    assert "Domain" not in lead
    assert f"Aspek {pemdi_2026['indicator'].aspect.number} · PermenPANRB-8-2026" in lead


def test_a_converted_value_on_the_review_page_takes_its_whole_levels_colour(client, pemdi_2026):
    client.force_login(pemdi_2026["staff"])

    html = client.get(review_url(pemdi_2026["regency"])).content.decode()

    assert 'class="level level-2"' in html
    assert "level-2,5" not in html
