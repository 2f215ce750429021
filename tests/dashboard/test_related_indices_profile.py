"""The profile shows each related index (RB, IPP, KIP) with values, categories as stated, targets and sources."""

import csv
from decimal import Decimal

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
