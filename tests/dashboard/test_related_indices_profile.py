"""The profile shows each related index (RB, IPP, KIP) with values, categories as stated, targets and sources."""

import csv
from decimal import Decimal

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils.html import escape
from django.utils.text import slugify

from regencies.models import Regency


def profile_html(client, code: str) -> str:
    regency = Regency.objects.get(code=code)
    return client.get(reverse("dashboard:regency", kwargs={"slug": regency.slug})).content.decode()


def shown(value: str) -> str:
    return f"{Decimal(value).normalize():f}".replace(".", ",")


def test_every_fact_of_the_file_is_on_the_right_profile_with_its_source(client, reference_data):
    with (settings.FIXTURES_DIR / "related_indices.csv").open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    pages: dict[str, str] = {}
    for row in rows:
        code = "53" if row["level"] == "province" else row["kemendagri_code"]
        html = pages.setdefault(code, profile_html(client, code))
        section = html[html.index('id="related-heading"') :]
        section = section[section.index(f'id="indeks-{slugify(row["index_name"])}"') :]
        assert escape(row["quote"]) in section
        assert escape(row["source_title"]) in section
        if row["source_url"]:
            assert f'href="{escape(row["source_url"])}"' in section
        if row["category"]:
            assert escape(row["category"]) in section
        stated = row["target_value"] or row["index_value"]
        if stated:
            assert f">{shown(stated)}<" in section


def test_the_conflicting_ipp_values_of_kota_kupang_both_appear_marked(client, reference_data):
    html = profile_html(client, "53.71")

    ipp = html[html.index('id="indeks-ipp"') :]
    ipp = ipp[: ipp.index("</section>")]
    assert ">4,02<" in ipp
    assert ">4,002<" in ipp
    assert "Sangat Baik (A-)" in ipp
    assert "sumber berbeda" in ipp
    assert "tanggal tidak terbaca" in ipp  # the timurtoday.id article


def test_rows_without_a_year_are_shown_as_the_source_gives_them(client, reference_data):
    kip = profile_html(client, "53")
    kip = kip[kip.index('id="indeks-kip"') :]

    assert ">93,4<" in kip
    assert ">75<" in kip
    assert kip.count("tahun tidak disebut sumber") == 2


def test_a_profile_without_related_facts_has_no_such_section(client, reference_data):
    assert 'id="related-heading"' not in profile_html(client, "53.02")


def test_the_method_page_explains_provisional_values_stated_splits_and_related_indices(client, db):
    html = client.get(reverse("dashboard:method")).content.decode()

    assert 'id="provisional-heading"' in html
    assert "tidak memeringkatnya" in html
    assert "tidak ditambahkan ke hitungan" in html
    assert 'id="related-heading"' in html
    assert f'href="{reverse("api:related-indices")}"' in html


def test_an_index_with_two_dated_years_has_a_chart_on_its_own_scale_beside_its_table(client, reference_data):
    html = profile_html(client, "53.15")  # Manggarai Barat: RB 64,59 (2023) and 69,19 (2024)
    rb = html[html.index('id="indeks-rb"') :]
    rb = rb[: rb.index("</section>")]

    assert rb.index('class="related-svg"') < rb.index('<table class="data related-facts">')
    svg = rb[rb.index("<svg") : rb.index("</svg>")]
    assert svg.count("<circle") == 2
    assert "2023: 64,59" in svg
    assert "2024: 69,19" in svg
    # RB's own scale, 0–100, never SPBE's 0–5 bands.
    assert ">100<" in svg
    assert "band-label" not in svg


def test_no_chart_where_fewer_than_two_years_have_a_value(client, reference_data):
    kota = profile_html(client, "53.71")  # IPP 2025 from two sources: one year only; KIP a category only
    rote = profile_html(client, "53.14")  # KIP categories without values

    assert 'class="related-svg"' not in kota
    assert 'class="related-svg"' not in rote


def test_a_chart_draws_both_sources_of_a_disputed_year_and_the_target(client, db):
    from tests.factories import IndexFamilyFactory, RegencyFactory, RelatedIndexValueFactory

    regency = RegencyFactory()
    family = IndexFamilyFactory(code="IPP", scale="0–5, dengan kategori huruf")
    RelatedIndexValueFactory(family=family, regency=regency, year=2024, value=Decimal("2.66"))
    RelatedIndexValueFactory(family=family, regency=regency, year=2025, value=Decimal("4.02"))
    RelatedIndexValueFactory(family=family, regency=regency, year=2025, value=Decimal("4.002"))
    RelatedIndexValueFactory(family=family, regency=regency, year=2025, value=Decimal("4.5"), is_target=True)
    html = client.get(reverse("dashboard:regency", kwargs={"slug": regency.slug})).content.decode()
    svg = html[html.index('class="related-svg"') : html.index("</svg>")]

    assert svg.count("<circle") == 3
    assert "2025: 4,002" in svg
    assert "2025: target 4,5" in svg
    assert ">5<" in svg  # the top of IPP's own scale


def test_the_profile_downloads_carry_its_related_indices(client, reference_data):
    regency = Regency.objects.get(code="53.71")
    url = reverse("dashboard:regency", kwargs={"slug": regency.slug})
    response = client.get(url, {"unduh": "indeks-terkait-csv"})
    lines = list(csv.DictReader(response.content.decode().splitlines()))
    excel = client.get(url, {"unduh": "indeks-terkait-csv-excel"}).content.decode("utf-8-sig")

    assert response["Content-Disposition"] == f'attachment; filename="indeks-terkait-{regency.slug}.csv"'
    ipp = sorted(
        (line["nilai"], line["kategori_seperti_tertulis"], line["sumber_berbeda"])
        for line in lines
        if line["indeks"] == "IPP"
    )
    assert ipp == [("4.002", "A", "ya"), ("4.02", "Sangat Baik (A-)", "ya")]
    assert [line["kategori_seperti_tertulis"] for line in lines if line["indeks"] == "KIP"] == ["Informatif"]
    assert all(line["sumber"] and line["kutipan"] for line in lines)
    assert "4,002" in excel
    assert client.get(url, {"unduh": "indeks-terkait-xlsx"}).status_code == 200
    assert 'href="?unduh=indeks-terkait-csv"' in profile_html(client, "53.71")


@pytest.mark.parametrize(
    ("language", "phrases"),
    [
        (
            "id",
            ["?indeks=ipp&amp;tahun=2025", "tidak menurunkan predikat", "sumber berbeda", "Tidak ada nomor peringkat"],
        ),
        ("en", ["?indeks=ipp&amp;tahun=2025", "derives no predikat", "sources differ", "There are no rank numbers"]),
    ],
)
def test_the_method_page_says_how_the_ranking_switch_reads_related_indices(client, db, language, phrases):
    if language == "en":
        client.post(reverse("set_language"), {"language": "en", "next": "/"})
    html = client.get(reverse("dashboard:method")).content.decode()

    section = html[html.index('id="related-ranking-heading"') :]
    assert all(phrase in section for phrase in phrases), [phrase for phrase in phrases if phrase not in section]
