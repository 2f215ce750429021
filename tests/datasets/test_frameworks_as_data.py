"""Frameworks are data (issue 22): the three frameworks, their series, bands, criteria and level names load from
fixtures/, a fourth framework is fixture rows and nothing else, a second load changes nothing, and a real 2018
evaluation's levels give the index it recorded."""

import csv
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings

from assessments import scoring, services
from assessments.models import (
    Aspect,
    AssessmentStage,
    DatePrecision,
    Domain,
    Framework,
    Indicator,
    IndicatorAssessment,
    LevelCriterion,
    LevelName,
    NationalReference,
    Sourcing,
)
from datasets.reference_data import load_reference_data
from tests.factories import RegencyFactory, regency_admin

RECORDED_2018 = Path(__file__).resolve().parent.parent / "data" / "spbe_2018_recorded_evaluation.csv"


def pemdi() -> Framework:
    return Framework.objects.get(code="PermenPANRB-8-2026")


def test_the_three_frameworks_load_in_two_series(reference_data):
    frameworks = {framework.code: framework for framework in Framework.objects.select_related("series")}

    assert {code: framework.series.code for code, framework in frameworks.items()} == {
        "PermenPANRB-5-2018": "spbe",
        "PermenPANRB-59-2020": "spbe",
        "PermenPANRB-8-2026": "pemdi",
    }
    assert [(f.first_year, f.last_year) for f in frameworks.values()] == [(2018, 2019), (2021, 2025), (2026, None)]
    assert {framework.sourcing for framework in frameworks.values()} == {Sourcing.SECONDARY_COPY}
    assert Framework.objects.in_force(2025).code == "PermenPANRB-59-2020"
    assert Framework.objects.in_force(2026) == pemdi()
    assert Framework.objects.for_target_year(2030) == pemdi()


def test_the_pemdi_framework_has_7_aspects_20_indicators_and_no_domains(reference_data):
    framework = pemdi()
    indicators = Indicator.objects.filter(aspect__framework=framework)

    assert not framework.has_domains
    assert not Domain.objects.filter(framework=framework).exists()
    assert list(Aspect.objects.filter(framework=framework).values_list("weight", flat=True)) == [
        Decimal(weight) for weight in ("10", "10", "15", "15", "10", "15", "25")
    ]
    assert not Aspect.objects.filter(framework=framework, domain__isnull=False).exists()
    assert indicators.count() == 20
    assert list(indicators.filter(value_places=2).order_by("number").values_list("number", flat=True)) == [
        5,
        6,
        7,
        10,
        12,
        18,
    ]
    assert indicators.get(number=5).external_index == "Indeks Satu Data Indonesia (Bappenas)"
    assert indicators.get(number=1).coach.startswith("Kementerian PANRB")
    assert (framework.min_level, framework.max_level) == (1, 5)


def test_the_pemdi_bands_have_the_cut_points_of_the_regulation(reference_data):
    bands = list(pemdi().bands.values_list("name", "alias", "lower_bound"))

    assert bands == [
        ("Kurang", "Merintis (Initiate)", Decimal("1.00")),
        ("Cukup", "Membangun (Emerging)", Decimal("1.50")),
        ("Baik", "Berkembang (Developing)", Decimal("2.50")),
        ("Sangat Baik", "Melembaga (Embedded)", Decimal("3.50")),
        ("Memuaskan", "Unggul (Leading)", Decimal("4.00")),
    ]
    assert all(band.source.startswith("PermenPANRB 8/2026, Lampiran, Tabel 4") for band in pemdi().bands.all())
    # Colours by position: each framework's lowest band has the same colour, and so on up.
    spbe = Framework.objects.get(code="PermenPANRB-59-2020")
    assert list(pemdi().bands.values_list("color", flat=True)) == list(spbe.bands.values_list("color", flat=True))


@pytest.mark.parametrize(
    ("code", "value", "predikat"),
    [
        ("PermenPANRB-59-2020", "2.55", "Cukup"),
        ("PermenPANRB-8-2026", "2.55", "Baik"),
        # On a boundary the higher band (the lower bound is inclusive).
        ("PermenPANRB-8-2026", "2.50", "Baik"),
        ("PermenPANRB-8-2026", "2.49", "Cukup"),
        ("PermenPANRB-8-2026", "4.00", "Memuaskan"),
        ("PermenPANRB-59-2020", "4.00", "Sangat Baik"),
    ],
)
def test_a_value_takes_the_predikat_of_its_own_framework(reference_data, code, value, predikat):
    assert Framework.objects.get(code=code).predikat_for(Decimal(value)).name == predikat


def test_the_pemdi_criteria_and_level_names_load(reference_data):
    criteria = LevelCriterion.objects.filter(indicator__aspect__framework=pemdi())
    names = LevelName.objects.filter(framework=pemdi()).order_by("level")

    assert criteria.count() == 100
    assert set(criteria.values_list("level", flat=True)) == {1, 2, 3, 4, 5}
    assert set(criteria.values_list("sourcing", flat=True)) == {Sourcing.SECONDARY_COPY}
    assert criteria.get(indicator__number=1, level=1).criteria.startswith("Substansi Rencana Aksi Nasional")
    assert [(n.first_indicator, n.last_indicator, n.name) for n in names] == [
        (1, 20, "Merintis (Initiate)"),
        (1, 20, "Membangun (Emerging)"),
        (1, 20, "Berkembang (Developing)"),
        (1, 20, "Melembaga (Embedded)"),
        (1, 20, "Unggul (Leading)"),
    ]


def test_indicator_35_of_2018_is_three_entries_of_20_sixths(reference_data):
    indicators = Indicator.objects.filter(aspect__framework__code="PermenPANRB-5-2018")
    public_service = indicators.get(number=35)

    assert (public_service.weight, public_service.entries, public_service.entry_label) == (
        Decimal("10.0000"),
        3,
        "layanan publik",
    )
    assert public_service.entry_weight.quantize(Decimal("0.0001")) == Decimal("3.3333")
    assert set(indicators.filter(number__in=[32, 33, 34]).values_list("weight", flat=True)) == {Decimal("3.3333")}
    assert set(indicators.exclude(number=35).values_list("entries", flat=True)) == {1}


def test_the_national_reference_loads_with_its_sources(reference_data):
    rows = {(row.year, row.kind): row for row in NationalReference.objects.select_related("framework", "source")}

    assert {key: str(row.value) for key, row in rows.items()} == {
        (2021, "result"): "2.24",
        (2022, "result"): "2.34",
        (2023, "result"): "2.79",
        (2024, "result"): "3.12",
        (2024, "target"): "2.60",
        (2025, "target"): "3.00",
        (2025, "average"): "2.99",
    }
    assert {row.framework.code for row in rows.values()} == {"PermenPANRB-59-2020"}
    # "same" in the file is the row above's source.
    assert rows[(2024, "target")].source == rows[(2024, "result")].source
    reposted = rows[(2022, "result")].source
    assert (reposted.published_precision, reposted.published_label) == (DatePrecision.MONTH, "2023-02")
    assert rows[(2025, "average")].scope == "kabupaten average"
    # No national Pemdi figure was found: none is stored, nothing carried over.
    assert not NationalReference.objects.filter(framework__series__code="pemdi").exists()


def test_a_second_load_changes_nothing(reference_data):
    again = load_reference_data(fixtures_dir=settings.FIXTURES_DIR)

    assert not again.changed
    for model in ("IndexSeries", "Framework", "PredikatBand", "Aspect", "Indicator", "NationalReference"):
        assert again.unchanged[model] > 0, model


def _append(path: Path, rows: list[dict]) -> None:
    with path.open(encoding="utf-8", newline="") as handle:
        fieldnames = csv.DictReader(handle).fieldnames
    with path.open("a", encoding="utf-8", newline="") as handle:
        csv.DictWriter(handle, fieldnames=fieldnames, lineterminator="\n").writerows(rows)


def test_a_fourth_framework_is_fixture_rows_and_nothing_else(reference_data, tmp_path):
    fixtures = tmp_path / "fixtures"
    shutil.copytree(settings.FIXTURES_DIR, fixtures)
    _append(
        fixtures / "frameworks.csv",
        [
            {
                "code": "UJI-2031",
                "series": "pemdi",
                "name": "Kerangka uji 2031",
                "short_name": "Uji 2031",
                "first_year": "2031",
                "sourcing": "official_text",
                "has_domains": "false",
                "min_level": "1",
                "max_level": "4",
                "structure_file": "uji_2031.csv",
                "criteria_sourcing": "official_text",
            }
        ],
    )
    with (fixtures / "uji_2031.csv").open("w", encoding="utf-8") as handle:
        handle.write(
            "framework,aspect_no,aspect_name,aspect_weight,indicator_no,indicator_name,indicator_weight\n"
            "UJI-2031,1,Aspek satu,60,1,Indikator satu,60\n"
            "UJI-2031,2,Aspek dua,40,2,Indikator dua,40\n"
        )
    _append(
        fixtures / "predikat_bands.csv",
        [
            {
                "framework": "UJI-2031",
                "predikat": "Rendah",
                "lower": "1.0",
                "lower_inclusive": "true",
                "upper": "2.5",
                "upper_inclusive": "false",
                "source": "uji",
            },
            {
                "framework": "UJI-2031",
                "predikat": "Tinggi",
                "lower": "2.5",
                "lower_inclusive": "true",
                "upper": "4.0",
                "upper_inclusive": "true",
                "source": "same",
            },
        ],
    )
    _append(
        fixtures / "indicator_scoring.csv",
        [{"framework": "UJI-2031", "indicator_no": "2", "entries": "2", "entry_label": "layanan", "value_places": "0"}],
    )

    report = load_reference_data(fixtures_dir=fixtures)

    fourth = Framework.objects.get(code="UJI-2031")
    assert (fourth.series.code, fourth.has_domains, fourth.sourcing) == ("pemdi", False, Sourcing.OFFICIAL_TEXT)
    assert (report.created["Framework"], report.created["Aspect"], report.created["Indicator"]) == (1, 2, 2)
    assert report.created["PredikatBand"] == 2
    assert report.updated["Framework"] == 0
    assert Framework.objects.in_force(2031) == fourth
    assert fourth.predikat_for(Decimal("2.50")).name == "Tinggi"
    assert [band.color for band in fourth.bands.all()] == ["#f4a6a6", "#4fb286"]
    specs = fourth.indicator_specs()
    assert [(spec.number, spec.domain, spec.entries) for spec in specs] == [(1, None, 1), (2, None, 2)]
    scores = scoring.compute_scores(levels={1: 4, (2, 1): 2, (2, 2): 3}, indicators=specs, level_range=fourth.levels)
    assert (scores.index, scores.domains, scores.aspects) == (
        Decimal("3.40"),
        {},
        {1: Decimal("4.00"), 2: Decimal("2.50")},
    )


def _recorded_2018() -> tuple[dict, dict[str, dict[int, Decimal]]]:
    levels, recorded = {}, {"aspect": {}, "domain": {}, "index": {}}
    with RECORDED_2018.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["kind"] == "level":
                levels[(int(row["number"]), int(row["part"]))] = int(row["value"])
            else:
                recorded[row["kind"]][int(row["number"] or 0)] = Decimal(row["value"])
    return levels, recorded


def test_a_real_2018_evaluation_gives_its_recorded_index(reference_data):
    framework = Framework.objects.get(code="PermenPANRB-5-2018")
    levels, recorded = _recorded_2018()

    scores = scoring.compute_scores(levels=levels, indicators=framework.indicator_specs(), level_range=framework.levels)

    assert len(levels) == 37  # 35 indicators, the 35th once for each of three public services
    assert scores.index == recorded["index"][0] == Decimal("2.64")
    assert scores.aspects == recorded["aspect"]
    assert scores.domains == recorded["domain"]


def test_a_pemdi_index_takes_decimal_values_and_has_no_domain_scores(reference_data):
    framework = pemdi()
    specs = framework.indicator_specs()
    levels = {spec.number: 3 for spec in specs} | {5: Decimal("3.75")}

    scores = scoring.compute_scores(levels=levels, indicators=specs, level_range=framework.levels)

    # Indicator 5 weighs 5 of 100: 3 + 0.75 × 5 / 100 = 3.0375, published 3.04; its aspect (Data, 15) 3.25.
    assert scores.index == Decimal("3.04")
    assert scores.domains == {}
    assert scores.aspects[3] == Decimal("3.25")


def test_a_2018_self_assessment_entered_as_it_was_scored_submits_its_recorded_index(reference_data):
    regency = RegencyFactory()
    admin = regency_admin(regency)
    levels, recorded = _recorded_2018()
    indicators = {
        indicator.number: indicator
        for indicator in Indicator.objects.filter(aspect__framework__code="PermenPANRB-5-2018")
    }
    rows = [
        IndicatorAssessment(
            regency=regency, year=2018, stage=AssessmentStage.SELF, indicator=indicators[number], part=part, level=level
        )
        for (number, part), level in levels.items()
    ]
    for row in rows:
        row.full_clean()
    IndicatorAssessment.objects.bulk_create(rows)

    result = services.submit_self_assessment(regency=regency, year=2018, seen_versions=len(rows), by=admin)

    assert result.value == recorded["index"][0] == Decimal("2.64")
    stored = {
        (row.indicator.number, row.part): row.level for row in result.indicator_levels.select_related("indicator")
    }
    assert stored == levels


@pytest.mark.parametrize(
    ("code", "name", "number", "level"),
    [
        ("PermenPANRB-8-2026", "Merintis", 3, 1),
        ("PermenPANRB-8-2026", "leading", 20, 5),
        ("PermenPANRB-8-2026", "Berkembang (Developing)", 1, 3),
        ("PermenPANRB-59-2020", "Rintisan", 1, 1),
        ("PermenPANRB-59-2020", "Optimalisasi", 40, 5),
    ],
)
def test_a_level_name_of_the_framework_gives_its_level(reference_data, code, name, number, level):
    assert Framework.objects.get(code=code).level_named(name, number) == (level, None)


def test_a_level_name_from_another_framework_is_refused_naming_the_framework(reference_data):
    assert pemdi().level_named("Rintisan", 1) == (
        None,
        "PermenPANRB 8/2026 tidak mengenal tingkat bernama “Rintisan” untuk indikator 1.",
    )
    # 59/2020 names the service indicators' levels otherwise (32–47: Informasi … Optimalisasi).
    assert Framework.objects.get(code="PermenPANRB-59-2020").level_named("Rintisan", 40)[0] is None
