"""Related indices (RB, IPP, KIP) as data: every fact of related_indices.csv loaded with its quote and source,
conflicting sources kept side by side, rows without a year kept without one, loaded idempotently."""

import csv
from datetime import date
from decimal import Decimal

from django.conf import settings

from assessments.models import IndexFamily, RelatedIndexValue
from datasets.reference_data import load_reference_data


def file_rows() -> list[dict]:
    with (settings.FIXTURES_DIR / "related_indices.csv").open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_the_three_families_with_their_scales(reference_data):
    families = {family.code: family.scale for family in IndexFamily.objects.all()}

    assert families == {"RB": "0–100", "IPP": "0–5, dengan kategori huruf", "KIP": "persen, dengan kategori"}


def test_every_fact_of_the_file_is_loaded_with_its_quote_source_and_category_as_stated(reference_data):
    rows = file_rows()

    assert RelatedIndexValue.objects.count() == len(rows) == 21
    for row in rows:
        code = "53" if row["level"] == "province" else row["kemendagri_code"]
        stated = row["target_value"] or row["index_value"]
        fact = RelatedIndexValue.objects.get(
            family__code=row["index_name"],
            regency__code=code,
            year=int(row["year"]) if row["year"] else None,
            value=Decimal(stated) if stated else None,
            source_title=row["source_title"],
            category=row["category"],
        )
        assert fact.quote == row["quote"]
        assert fact.source_url == row["source_url"]
        assert fact.is_target == bool(row["target_value"])


def test_the_conflicting_ipp_values_of_kota_kupang_2025_are_both_kept(reference_data):
    facts = RelatedIndexValue.objects.filter(family__code="IPP", regency__code="53.71", year=2025).order_by("value")

    assert [(fact.value, fact.category) for fact in facts] == [
        (Decimal("4.002"), "A"),
        (Decimal("4.020"), "Sangat Baik (A-)"),
    ]
    assert facts[0].source_published_on is None  # the timurtoday.id article's date was not read
    assert facts[1].source_published_on == date(2026, 1, 15)


def test_kabupaten_kupang_rb_2024_is_a_target_and_the_province_kip_rows_have_no_year(reference_data):
    target = RelatedIndexValue.objects.get(family__code="RB", regency__code="53.01")
    province_kip = RelatedIndexValue.objects.filter(family__code="KIP", regency__code="53", year__isnull=True)

    assert (target.year, target.value, target.is_target) == (2024, Decimal("64.260"), True)
    assert sorted(fact.value for fact in province_kip) == [Decimal("75.000"), Decimal("93.400")]


def test_loading_again_changes_nothing(reference_data):
    assert not load_reference_data(fixtures_dir=settings.FIXTURES_DIR).changed
    assert RelatedIndexValue.objects.count() == 21
