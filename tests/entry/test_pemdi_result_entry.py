"""Entering a Pemdi result (issue 22): the result form against the year's framework (no domains, scale 1–5,
decimals where an indicator's value is another agency's index), an indicator scored once per public service,
and the bulk import's index checked on the scale of the year's framework."""

from decimal import Decimal

import pytest
from django.urls import reverse

from assessments.importing import check_rows
from assessments.models import IndicatorAssessment, Result
from tests.entry_helpers import result_post
from tests.factories import IndicatorFactory
from tests.pemdi_entry_helpers import build_pemdi, build_with_parts

pytestmark = pytest.mark.django_db


@pytest.fixture
def pemdi(client):
    built = build_pemdi()
    client.force_login(built.admin)
    return built


def post(client, built, year, **fields):
    fields = {"value": "", **fields}
    return client.post(
        reverse("entry:result_create"),
        result_post(regency=str(built.regency.pk), year=str(year), framework=built.framework.code, **fields),
    )


def error_next_to(html: str, field: str, message: str) -> bool:
    start = html.find(f'id="id_{field}"')
    return start >= 0 and message in html[start : html.find("</div>", start)]


def test_the_form_of_a_pemdi_year_shows_its_aspects_without_domains_and_a_decimal_field(client, pemdi):
    page = client.get(reverse("entry:result_create") + "?tahun=2026").content.decode()

    assert "Kerangka Uji Pemdi (1–5)" in page
    assert 'class="domain-title"' not in page
    assert (
        'name="level_2" inputmode="decimal"' in page or 'inputmode="decimal"' in page.split('name="level_2"')[1][:200]
    )
    assert 'type="number" name="level_1"' in page


def test_a_pemdi_result_is_computed_from_whole_levels_and_a_converted_decimal_value(client, pemdi):
    response = post(client, pemdi, 2026, level_1="3", level_2="3,45", level_3="4")

    assert response.status_code == 302
    result = Result.objects.get(regency=pemdi.regency, year=2026)
    # (3 × 25 + 3,45 × 25 + 4 × 50) / 100 = 3,6125 → 3,61
    assert result.value == Decimal("3.61")
    assert result.framework == pemdi.framework
    levels = dict(result.indicator_levels.values_list("indicator__number", "level"))
    assert levels == {1: 3, 2: Decimal("3.45"), 3: 4}
    detail = client.get(reverse("entry:result_detail", args=[result.pk])).content.decode()
    # Aspect 1: (3 × 25 + 3,45 × 25) / 50 = 3,225 → 3,23; aspect 2: 4,00.
    assert "Indeks per aspek" in detail
    assert '<th scope="row">1. ' in detail
    assert '<td class="num">3,23</td>' in detail


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"value": "0,50"}, "value", "Kerangka Uji Pemdi: Nilai indeks harus antara 1 dan 5."),
        (
            {"level_1": "2,5", "level_2": "3", "level_3": "3"},
            "level_1",
            "Tingkat kematangan harus bilangan bulat: 1, 2, 3, 4 atau 5.",
        ),
        (
            {"level_1": "2", "level_2": "3,456", "level_3": "3"},
            "level_2",
            "Kerangka Uji Pemdi: Nilai indikator ini paling banyak 2 angka desimal.",
        ),
        (
            {"level_1": "2", "level_2": "0,80", "level_3": "3"},
            "level_2",
            "Kerangka Uji Pemdi: Tingkat kematangan harus antara 1 dan 5.",
        ),
    ],
)
def test_bad_pemdi_input_is_refused_next_to_its_field_and_nothing_is_written(client, pemdi, fields, field, message):
    response = post(client, pemdi, 2026, **fields)

    assert response.status_code == 200
    assert error_next_to(response.content.decode(), field, message)
    assert not Result.objects.exists()
    assert not IndicatorAssessment.objects.exists()


def test_a_2026_post_of_another_frameworks_levels_is_refused_naming_both_frameworks(client, pemdi):
    spbe = build_with_parts(first_year=2021, last_year=2025)

    response = client.post(
        reverse("entry:result_create"),
        result_post(
            regency=str(pemdi.regency.pk),
            year="2026",
            framework=spbe.framework.code,
            value="",
            level_1="3",
            level_2_1="3",
            level_2_2="3",
            level_2_3="3",
        ),
    )

    assert error_next_to(
        response.content.decode(),
        "year",
        "Tahun 2026 dinilai dengan Kerangka Uji Pemdi, bukan Kerangka Uji Bagian yang indikatornya ada di formulir ini",
    )
    assert not Result.objects.exists()


def test_an_indicator_scored_once_per_public_service_has_a_field_per_service_and_weighs_a_third_each(client):
    built = build_with_parts()
    client.force_login(built.admin)

    page = client.get(reverse("entry:result_create") + "?tahun=2019").content.decode()
    assert "layanan publik 3" in page
    response = post(client, built, 2019, level_1="2", level_2_1="3", level_2_2="4", level_2_3="5")

    assert response.status_code == 302
    result = Result.objects.get(regency=built.regency, year=2019)
    # (2 × 40 + (3 + 4 + 5) × 20) / 100 = 3,20
    assert result.value == Decimal("3.20")
    parts = sorted(result.indicator_levels.filter(indicator__number=2).values_list("part", "level"))
    assert parts == [(1, 3), (2, 4), (3, 5)]
    edit = client.get(reverse("entry:result_edit", args=[result.pk])).content.decode()
    assert 'name="level_2_3" value="5"' in edit


def test_a_missing_public_service_is_named_as_number_and_part(client):
    built = build_with_parts()
    client.force_login(built.admin)

    response = post(client, built, 2019, level_1="2", level_2_1="3", level_2_3="5")

    assert "Belum diisi: 2.2." in response.content.decode()
    assert not Result.objects.exists()


def raw(code, year, value, target=""):
    return {"kode_wilayah": code, "tahun": str(year), "jenis": "resmi", "indeks": value, "target": target}


def test_the_import_checks_a_pemdi_value_on_the_pemdi_scale_naming_the_column_and_framework(pemdi):
    rows = check_rows(
        raw_rows=[
            raw(pemdi.regency.code, 2026, "0.50"),
            raw(pemdi.regency.code, 2027, "", target="0.90"),
            raw(pemdi.regency.code, 2026, "3.10"),
        ],
        user=pemdi.staff,
    )

    assert "Kolom indeks: Kerangka Uji Pemdi: Nilai indeks harus antara 1 dan 5." in rows[0].reason
    assert "Kolom target: Kerangka Uji Pemdi: Nilai indeks harus antara 1 dan 5." in rows[1].reason
    assert "Kerangka Uji Pemdi" not in rows[2].reason


@pytest.mark.parametrize(("build", "year"), [(build_pemdi, 2026), (build_with_parts, 2019)])
def test_the_result_form_reads_a_fixed_number_of_queries_for_a_pemdi_year_as_for_an_spbe_year(
    client, build, year, django_assert_max_num_queries
):
    built = build()
    client.force_login(built.admin)
    url = reverse("entry:result_create") + f"?tahun={year}"
    with django_assert_max_num_queries(17) as captured:  # the framework's reference read cold (test_entry_form.py)
        client.get(url)
    aspect = built.indicators[1].aspect
    for number in range(10, 30):
        IndicatorFactory(aspect=aspect, number=number, weight=Decimal("1.0000"))

    with django_assert_max_num_queries(len(captured.captured_queries)):
        assert 'name="level_29"' in client.get(url).content.decode()
