"""The regency profile's public indicator levels (issue 14): official levels with their source, a verified
self-assessment's labelled as such, domain and aspect scores (table and server-drawn bars), downloads; nothing of
the province's review, an unverified self-assessment or the workspace's own rows."""

import csv
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.factories import (
    AspectFactory,
    DomainFactory,
    FrameworkFactory,
    IndicatorAssessmentFactory,
    IndicatorFactory,
    RegencyFactory,
    ResultFactory,
    ResultLevelFactory,
    SourceFactory,
)
from tests.pemdi_entry_helpers import build_pemdi


def framework_with(count: int):
    """Two domains of one aspect each; the indicators split between them, weights summing to 100."""
    framework = FrameworkFactory(first_year=2020)
    aspects = [
        AspectFactory(
            domain=DomainFactory(framework=framework, number=n, name=f"Domain nomor {n}"), number=n, name=f"Aspek {n}"
        )
        for n in (1, 2)
    ]
    weight = Decimal(100) / count
    return framework, [
        IndicatorFactory(
            aspect=aspects[0 if n <= count // 2 else 1], number=n, name=f"Indikator nomor {n}", weight=weight
        )
        for n in range(1, count + 1)
    ]


@pytest.fixture
def profile(db):
    framework, indicators = framework_with(4)
    regency = RegencyFactory()
    source = SourceFactory(title="Laporan Hasil Evaluasi SPBE 2023", publisher="Kementerian PANRB")
    for indicator, level in zip(indicators, (3, 2, 4, 1), strict=True):
        IndicatorAssessmentFactory(
            regency=regency, year=2023, indicator=indicator, stage="official", level=level, source=source
        )
        # Never public: the province's desk review, the workspace's own rows.
        IndicatorAssessmentFactory(regency=regency, year=2023, indicator=indicator, stage="province", level=5)
        IndicatorAssessmentFactory(regency=regency, year=2024, indicator=indicator, stage="self", level=5)
    verified_self = ResultFactory(regency=regency, year=2022, framework=framework, kind="self")
    submitted_self = ResultFactory(regency=regency, year=2023, framework=framework, kind="self", state="submitted")
    for indicator in indicators:
        ResultLevelFactory(result=verified_self, indicator=indicator, level=2)
        ResultLevelFactory(result=submitted_self, indicator=indicator, level=5)
    return regency


def profile_page(client, regency, **params):
    return client.get(reverse("dashboard:regency", kwargs={"slug": regency.slug}), params)


def test_official_levels_show_with_their_source_and_scores(client, profile):
    response = profile_page(client, profile)

    ((table, bars),) = response.context["level_tables"]
    assert [(column.year, column.stage) for column in table.columns] == [(2022, "self"), (2023, "official")]
    assert table.rows[0] == (1, "Indikator nomor 1", [2, 3])
    # Domain 1: indicators 1 and 2 at 3 and 2 → 2,50; domain 2: 4 and 1 → 2,50; index (3+2+4+1)/4 = 2,50.
    official = table.columns[1].scores
    assert (official.index, official.domains) == (Decimal("2.50"), {1: Decimal("2.50"), 2: Decimal("2.50")})
    assert [bar.label for bar in bars.bars] == ["1. Domain nomor 1", "2. Domain nomor 2", "1. Aspek 1", "2. Aspek 2"]
    content = response.content.decode()
    assert "Laporan Hasil Evaluasi SPBE 2023" in content
    assert "Indeks per domain dan aspek 2023 (resmi)" in content
    assert 'class="bars-svg"' in content


def test_self_assessment_levels_only_once_verified_and_labelled(client, profile):
    ((table, _bars),) = profile_page(client, profile).context["level_tables"]

    self_columns = [column for column in table.columns if not column.is_official]
    assert [(column.year, set(column.levels.values())) for column in self_columns] == [(2022, {2})]
    content = profile_page(client, profile).content.decode()
    assert "evaluasi mandiri" in content
    # No level 5 anywhere: that is the province's review, the submitted self-assessment and the workspace's rows.
    assert all(5 not in levels for _number, _name, levels in table.rows)


def test_without_official_rows_the_verified_official_results_scores_are_shown(client, db):
    framework, indicators = framework_with(2)
    result = ResultFactory(framework=framework, year=2021)
    for indicator in indicators:
        ResultLevelFactory(result=result, indicator=indicator, level=3)

    ((table, _bars),) = profile_page(client, result.regency).context["level_tables"]

    assert [(column.year, column.stage, column.levels) for column in table.columns] == [
        (2021, "official", {1: 3, 2: 3})
    ]
    assert table.columns[0].sources[0].title == result.source.title


def test_downloads_carry_the_public_levels(client, profile):
    lines = list(csv.reader(io.StringIO(profile_page(client, profile, unduh="tingkat-csv").content.decode())))
    workbook = load_workbook(io.BytesIO(profile_page(client, profile, unduh="tingkat-xlsx").content))

    assert lines[0][:8] == [
        "kode_kemendagri",
        "wilayah",
        "kerangka",
        "tahun",
        "tahap",
        "nomor_indikator",
        "nama_indikator",
        "tingkat",
    ]
    assert [(line[3], line[4], line[5], line[7]) for line in lines[1:3]] == [
        ("2022", "evaluasi mandiri", "1", "2"),
        ("2022", "evaluasi mandiri", "2", "2"),
    ]
    assert len(lines) == 1 + 8
    rows = list(workbook.active.iter_rows(values_only=True))
    assert rows[5][3:8] == (2023, "resmi", 1, "Indikator nomor 1", 3)


def test_a_regency_without_public_levels_says_so(client, db):
    regency = RegencyFactory()

    assert "Belum ada tingkat indikator yang terpublikasi" in profile_page(client, regency).content.decode()


@pytest.mark.django_db
def test_profile_query_count_stays_fixed_with_47_indicators_and_more_years(client, django_assert_num_queries):
    framework, indicators = framework_with(47)
    regency = RegencyFactory()
    source = SourceFactory()

    def grow(years):
        for year in years:
            for indicator in indicators:
                IndicatorAssessmentFactory(
                    regency=regency, year=year, indicator=indicator, stage="official", level=3, source=source
                )
            self_result = ResultFactory(regency=regency, year=year, framework=framework, kind="self")
            for indicator in indicators:
                ResultLevelFactory(result=self_result, indicator=indicator, level=2)

    grow([2020, 2021])
    # Nine since issue 21 (eleven before): the results' levels are read with the public levels.
    # Issue 22: every framework with its series and bands (two) and the national references (one); the results
    # take their bands from those frameworks (one fewer).
    with django_assert_num_queries(11) as first:
        assert profile_page(client, regency).status_code == 200
    grow([2022, 2023, 2024, 2025])
    with django_assert_num_queries(len(first.captured_queries)):
        response = profile_page(client, regency)

    ((table, _bars),) = response.context["level_tables"]
    assert len(table.columns) == 12
    assert len(table.rows) == 47


def test_sub_indices_from_a_verified_self_assessment_say_so(client, db):
    framework, indicators = framework_with(2)
    regency = RegencyFactory()
    official = ResultFactory(regency=regency, framework=framework, year=2021)
    self_result = ResultFactory(regency=regency, framework=framework, year=2022, kind="self")
    for indicator in indicators:
        ResultLevelFactory(result=official, indicator=indicator, level=2)
        ResultLevelFactory(result=self_result, indicator=indicator, level=3)

    content = profile_page(client, regency).content.decode()

    # The newest complete year is the self-assessment's: its bars say so (the one drawing of these scores).
    assert "Indeks per domain dan aspek 2022 (evaluasi mandiri)" in content


def test_a_framework_without_domains_shows_its_aspects_and_no_empty_domain_row(client, db):
    """Pemdi's aspects stand under the framework: the profile's table of sub-indices began with "Domain None. None"."""
    built = build_pemdi()
    source = SourceFactory()
    for indicator, level in zip(built.indicators.values(), (3, Decimal("2.50"), 4), strict=True):
        IndicatorAssessmentFactory(
            regency=built.regency, year=2026, indicator=indicator, stage="official", level=level, source=source
        )

    response = profile_page(client, built.regency)

    table, _bars = response.context["level_tables"][0]
    assert table.domain_rows == []
    assert [name for name, _values in table.aspect_rows] == [
        f"1. {built.indicators[1].aspect.name}",
        f"2. {built.indicators[3].aspect.name}",
    ]
    assert "None" not in response.content.decode()
