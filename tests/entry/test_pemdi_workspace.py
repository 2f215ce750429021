"""The indicator workspace for Pemdi and for 5/2018's indicator scored once per public service (issue 22):
criteria and level names per level, a converted value with its decimals taken from another agency's index with
the publication it comes from (the one citation path), the page saying so, each public service as its own entry,
the submit, and the same fixed query counts as an SPBE year."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.urls import reverse

from assessments import services
from assessments.models import AssessmentStage, IndicatorAssessment, Result, Source
from tests.entry.test_indicator_workspace import INDICATOR_QUERIES, WORKSPACE_QUERIES
from tests.factories import IndicatorFactory
from tests.pemdi_entry_helpers import COACH, EXTERNAL_INDEX, build_pemdi, build_with_parts

pytestmark = pytest.mark.django_db
# The same limits as the SPBE workspace's tests (tests/entry/test_indicator_workspace.py); an indicator fed by
# another agency's index reads one more: the publications on file its source list offers.


@pytest.fixture
def pemdi(client):
    built = build_pemdi()
    client.force_login(built.admin)
    return built


def workspace_url(built, year):
    return reverse("entry:indicator_workspace", kwargs={"slug": built.regency.slug, "year": year})


def indicator_url(built, number, year, part=None):
    url = reverse("entry:indicator", kwargs={"slug": built.regency.slug, "year": year, "number": number})
    return f"{url}?bagian={part}" if part else url


def source_fields(**overrides):
    fields = {
        "source_title": "Hasil Pemeriksaan Uji Data 2026",
        "source_publisher": COACH,
        "source_kind": "official_portal",
        "source_date": "2026-10-01",
    }
    return {**fields, **overrides}


def save(client, built, number, year, *, level, part=None, version="0", **extra):
    data = {"level": level, "explanation": "Catatan.", "version": version, "aksi": "simpan", **extra}
    return client.post(indicator_url(built, number, year, part), data)


def test_the_indicator_page_names_the_agency_whose_index_the_value_comes_from(client, pemdi):
    html = client.get(indicator_url(pemdi, 2, 2026)).content.decode()

    assert f"Nilai indikator ini berasal dari {EXTERNAL_INDEX}, yang dinilai {COACH}, dikonversi ke skala 1–5." in html
    assert 'name="level" inputmode="decimal"' in html or 'inputmode="decimal"' in html
    assert 'name="source_title"' in html
    assert "Kriteria uji 2.4" in html
    assert "Melembaga" in html


def test_a_whole_level_indicator_offers_the_levels_with_their_pemdi_names(client, pemdi):
    html = client.get(indicator_url(pemdi, 1, 2026)).content.decode()

    assert '<label for="id_level_1"><strong>Tingkat 1</strong> · Merintis</label>' in html
    assert "Kriteria uji 1.5" in html
    assert 'name="source_title"' not in html
    assert "Kerangka Uji Pemdi · Aspek 1." in html
    assert "Domain" not in html.split("<h1>")[1].split("</p>")[0]


def test_a_converted_value_is_saved_with_its_decimals_and_its_source(client, pemdi):
    response = save(client, pemdi, 2, 2026, level="3,45", **source_fields())

    assert response.status_code == 302
    row = IndicatorAssessment.objects.get(indicator=pemdi.indicators[2], stage=AssessmentStage.SELF)
    assert row.level == Decimal("3.45")
    assert (row.source.title, row.source.publisher) == ("Hasil Pemeriksaan Uji Data 2026", COACH)
    page = client.get(indicator_url(pemdi, 2, 2026)).content.decode()
    assert 'value="3,45"' in page
    assert "Hasil Pemeriksaan Uji Data 2026" in page
    workspace = client.get(workspace_url(pemdi, 2026)).content.decode()
    assert f"nilai dari {EXTERNAL_INDEX}" in workspace
    assert "Tingkat 3,45" in workspace


@pytest.mark.parametrize(
    ("level", "fields", "message"),
    [
        (
            "3,45",
            {"source_title": "", "source_date": ""},
            f"Sebutkan publikasi {EXTERNAL_INDEX} yang memuat nilai ini.",
        ),
        ("3,456", {}, "Kerangka Uji Pemdi: Nilai indikator ini paling banyak 2 angka desimal."),
        ("5,20", {}, "Kerangka Uji Pemdi: Tingkat kematangan harus antara 1 dan 5."),
        ("3,45", {"source_publisher": ""}, "Sebutkan penerbit sumber"),
    ],
)
def test_a_converted_value_without_its_source_or_off_the_scale_is_refused(client, pemdi, level, fields, message):
    response = save(client, pemdi, 2, 2026, level=level, **source_fields(**fields))

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not IndicatorAssessment.objects.exists()
    assert not Source.objects.exists()


def test_the_service_refuses_a_source_for_an_indicator_not_fed_by_another_index(pemdi):
    with pytest.raises(ValidationError):
        services.save_indicator_assessment(
            regency=pemdi.regency,
            year=2026,
            indicator=pemdi.indicators[1],
            level=3,
            explanation="",
            by=pemdi.admin,
            version=0,
            cited=services.CitedSource(title="Laporan", published_on=date(2026, 1, 2), publisher="Penerbit"),
        )
    assert not IndicatorAssessment.objects.exists()
    assert not Source.objects.exists()


def test_a_complete_pemdi_workspace_is_submitted_with_its_index(client, pemdi):
    save(client, pemdi, 1, 2026, level="3")
    save(client, pemdi, 2, 2026, level="3,45", **source_fields())
    save(client, pemdi, 3, 2026, level="4")

    html = client.get(workspace_url(pemdi, 2026)).content.decode()
    assert 'data-testid="aspect-scores"' in html
    assert '<strong data-testid="computed-index">3,61</strong>' in html
    response = client.post(
        reverse("entry:indicator_workspace_submit", kwargs={"slug": pemdi.regency.slug, "year": 2026}),
        {"seen_versions": 3},
    )

    assert response.status_code == 302
    result = Result.objects.get(regency=pemdi.regency, year=2026)
    assert result.value == Decimal("3.61")
    assert dict(result.indicator_levels.values_list("indicator__number", "level"))[2] == Decimal("3.45")


def test_each_public_service_is_its_own_entry_and_the_submit_needs_all_three(client):
    built = build_with_parts()
    client.force_login(built.admin)

    page = client.get(indicator_url(built, 2, 2019, part=2)).content.decode()
    assert "2. " in page
    assert 'aria-current="page">layanan publik 2</strong>' in page
    assert save(client, built, 1, 2019, level="2").status_code == 302
    for part, level in ((1, "3"), (2, "4")):
        saved = save(client, built, 2, 2019, level=level, part=part, aksi="lanjut")
        assert saved.url.endswith(f"?bagian={part + 1}")
    workspace = client.get(workspace_url(built, 2019)).content.decode()
    assert 'data-testid="indicator-2-3"' in workspace
    assert "3 dari 4 indikator" in workspace
    with pytest.raises(ValidationError, match="belum diisi: 1"):
        services.submit_self_assessment(regency=built.regency, year=2019, seen_versions=3, by=built.admin)
    save(client, built, 2, 2019, level="5", part=3)

    result = services.submit_self_assessment(regency=built.regency, year=2019, seen_versions=4, by=built.admin)

    # (2 × 40 + (3 + 4 + 5) × 20) / 100 = 3,20
    assert result.value == Decimal("3.20")
    assert sorted(result.indicator_levels.values_list("indicator__number", "part", "level")) == [
        (1, 1, 2),
        (2, 1, 3),
        (2, 2, 4),
        (2, 3, 5),
    ]


def test_a_part_the_indicator_does_not_have_is_not_found(client, pemdi):
    assert client.get(indicator_url(pemdi, 1, 2026, part=2)).status_code == 404


def test_the_pemdi_pages_read_the_same_fixed_number_of_queries_as_an_spbe_year(
    client, pemdi, django_assert_max_num_queries
):
    save(client, pemdi, 2, 2026, level="3,45", **source_fields())
    # The workspace measured cold both times: the new indicators below move the publication version, so the
    # framework's reference is read again then (entry/selectors/structure.py).
    cache.clear()
    counts = {}
    for name, url, limit in [
        ("workspace", workspace_url(pemdi, 2026), WORKSPACE_QUERIES),
        ("indicator", indicator_url(pemdi, 2, 2026), INDICATOR_QUERIES + 1),
        ("whole indicator", indicator_url(pemdi, 1, 2026), INDICATOR_QUERIES),
    ]:
        with django_assert_max_num_queries(limit) as captured:
            assert client.get(url).status_code == 200
        counts[name] = len(captured.captured_queries)
    aspect = pemdi.indicators[3].aspect
    for number in range(4, 24):
        IndicatorFactory(aspect=aspect, number=number, weight=Decimal("1.0000"))

    with django_assert_max_num_queries(counts["workspace"]):
        client.get(workspace_url(pemdi, 2026))


@pytest.mark.parametrize(
    "page",
    ["entry:indicator_review", "entry:planner", "entry:indicator_export", "entry:province_indicators"],
)
def test_the_other_workspace_pages_serve_a_pemdi_year_with_a_converted_value(client, pemdi, page):
    save(client, pemdi, 2, 2026, level="3,45", **source_fields())
    save(client, pemdi, 1, 2026, level="3")
    client.force_login(pemdi.staff)
    args = [2026] if page == "entry:province_indicators" else [pemdi.regency.slug, 2026]

    response = client.get(reverse(page, args=args))

    assert response.status_code == 200
    if page == "entry:province_indicators":
        assert '<span class="level level-3">3,45</span>' in response.content.decode()


def test_the_province_view_of_a_framework_without_domains_ignores_a_domain_in_the_address(client, pemdi):
    """Its filter offers aspects alone; an address asking for a domain (one kept from an SPBE year, or typed)
    shows every indicator rather than failing."""
    save(client, pemdi, 1, 2026, level="3")
    client.force_login(pemdi.staff)
    url = reverse("entry:province_indicators", args=[2026])

    every = client.get(url)
    asked = client.get(url, {"domain": "1"})

    assert asked.status_code == 200
    assert [column.label for column in asked.context["view"].columns] == [
        column.label for column in every.context["view"].columns
    ]


def test_the_real_pemdi_workspace_and_a_converted_indicators_page(client, reference_data):
    from regencies.models import Regency
    from tests.factories import regency_admin

    kupang = Regency.objects.get(code="53.01")
    client.force_login(regency_admin(kupang))
    base = reverse("entry:indicator_workspace", kwargs={"slug": kupang.slug, "year": 2026})

    workspace = client.get(base).content.decode()
    page = client.get(f"{base}5/").content.decode()
    whole = client.get(f"{base}1/").content.decode()

    assert '<strong data-testid="progress">0 dari 20 indikator</strong>' in workspace
    assert 'data-testid="aspect-scores"' in workspace
    assert (
        "Nilai indikator ini berasal dari Indeks Satu Data Indonesia (Bappenas), yang dinilai Kementerian "
        "PPN/Bappenas, dikonversi ke skala 1–5." in page
    )
    assert "Merintis (Initiate)" in whole
    assert "Substansi Rencana Aksi Nasional Pemerintah Digital" in whole


def test_the_real_pemdi_pages_read_as_many_queries_as_the_spbe_ones(
    client, reference_data, django_assert_max_num_queries
):
    from regencies.models import Regency
    from tests.factories import regency_admin

    kupang = Regency.objects.get(code="53.01")
    client.force_login(regency_admin(kupang))
    counts = {}
    for year in (2024, 2026):
        base = reverse("entry:indicator_workspace", kwargs={"slug": kupang.slug, "year": year})
        for name, url, limit in [("workspace", base, WORKSPACE_QUERIES), ("indicator", f"{base}1/", INDICATOR_QUERIES)]:
            with django_assert_max_num_queries(limit) as captured:
                assert client.get(url).status_code == 200
            counts[(name, year)] = len(captured.captured_queries)
        # The result form with the reference data on file: the sources it offers are read too.
        with django_assert_max_num_queries(16) as captured:
            assert client.get(reverse("entry:result_create") + f"?tahun={year}").status_code == 200
        counts[("result form", year)] = len(captured.captured_queries)

    # Pemdi has no domains: never more queries than SPBE.
    for name in ("workspace", "indicator", "result form"):
        assert counts[(name, 2026)] <= counts[(name, 2024)], counts


@pytest.mark.parametrize(
    "page",
    ["entry:indicator_review", "entry:planner", "entry:indicator_export", "entry:province_indicators"],
)
def test_the_other_workspace_pages_serve_a_year_with_public_service_entries(client, page):
    built = build_with_parts()
    client.force_login(built.admin)
    save(client, built, 1, 2019, level="2")
    for part in (1, 2, 3):
        save(client, built, 2, 2019, level=str(part + 1), part=part)
    client.force_login(built.staff)
    args = [2019] if page == "entry:province_indicators" else [built.regency.slug, 2019]

    assert client.get(reverse(page, args=args)).status_code == 200


def test_the_review_page_writes_a_converted_values_difference_with_its_decimals(client, pemdi):
    from tests.factories import IndicatorAssessmentFactory

    save(client, pemdi, 2, 2026, level="3,45", **source_fields())
    IndicatorAssessmentFactory(
        regency=pemdi.regency, year=2026, indicator=pemdi.indicators[2], stage="province", level=Decimal("3")
    )
    client.force_login(pemdi.staff)

    html = client.get(reverse("entry:indicator_review", args=[pemdi.regency.slug, 2026])).content.decode()

    # "−0" before: the difference was written as a whole number whatever its decimals.
    deltas = [part.split("</span>", 2)[1] for part in html.split('<span class="delta">')[1:]]
    assert deltas
    assert all(delta.strip().endswith(("+0,45", "−0,45")) for delta in deltas), deltas
