import shutil
from datetime import date
from decimal import Decimal

import pytest
from django.conf import settings
from django.db.models import Sum

from assessments.models import (
    Domain,
    Framework,
    Indicator,
    Result,
    ResultKind,
    ReviewState,
    Source,
    Sourcing,
    Target,
)
from datasets.reference_data import ReferenceDataError, load_reference_data
from regencies.models import FlagKind, Regency, StatusFlag
from tests.factories import SourceFactory

ANTARA = ("Kabupaten Kupang tingkatkan sistem pemerintahan berbasis elektronik", date(2023, 7, 29))
NTT_NEWS = ("Tiga Kabupaten Di NTT Berhasil Jalankan SPBE Sesuai Ketentuan Yang Berlaku", date(2025, 2, 10))


def published(regency_code, year, model=Result):
    extra = {"kind": ResultKind.OFFICIAL} if model is Result else {}
    return model.objects.published().select_related("source").get(regency__code=regency_code, year=year, **extra)


def test_the_22_regencies_and_the_province(reference_data):
    assert Regency.objects.ranked().count() == 22
    assert Regency.objects.province().get().code == "53"
    assert Regency.objects.get(code="53.01").display_name == "Kabupaten Kupang"
    assert Regency.objects.get(code="53.71").display_name == "Kota Kupang"
    assert Regency.objects.get(code="53.71").slug == "kota-kupang"


def test_the_2020_framework_has_47_indicators_weighing_100(reference_data):
    framework = Framework.objects.get(code="PermenPANRB-59-2020")
    indicators = Indicator.objects.filter(aspect__framework=framework)

    assert indicators.count() == 47
    assert indicators.aggregate(total=Sum("weight"))["total"] == Decimal("100.00")
    assert list(Domain.objects.filter(framework=framework).values_list("weight", flat=True)) == [
        Decimal("13.00"),
        Decimal("25.00"),
        Decimal("16.50"),
        Decimal("45.50"),
    ]


@pytest.mark.parametrize(
    ("code", "total"),
    [
        # 5/2018: 32–34 weigh 20/6 each, written 3.3333 as the file gives them (and 35 three times 20/6, 10.0000).
        ("PermenPANRB-5-2018", Decimal("99.9999")),
        ("PermenPANRB-59-2020", Decimal("100.00")),
        ("PermenPANRB-8-2026", Decimal("100.00")),
    ],
)
def test_every_framework_weighs_100_and_has_five_bands(reference_data, code, total):
    framework = Framework.objects.get(code=code)
    weights = Indicator.objects.filter(aspect__framework=framework).aggregate(total=Sum("weight"))["total"]

    assert weights == total
    assert framework.bands.count() == 5


def test_the_2018_framework_is_marked_as_read_from_secondary_copies(reference_data):
    assert Framework.objects.get(code="PermenPANRB-5-2018").sourcing == Sourcing.SECONDARY_COPY
    assert Indicator.objects.filter(aspect__framework__code="PermenPANRB-5-2018").count() == 35


def test_kabupaten_kupang_results_and_targets_cite_the_antara_article(reference_data):
    for year, value, target in [(2021, "1.60", "2.13"), (2022, "1.85", "3.86")]:
        result = published("53.01", year)
        assert result.value == Decimal(value)
        assert (result.source.title, result.source.published_on) == ANTARA
        target_row = published("53.01", year, model=Target)
        assert target_row.value == Decimal(target)
        assert (target_row.source.title, target_row.source.published_on) == ANTARA


def test_kabupaten_kupang_2022_is_cukup(reference_data):
    assert published("53.01", 2022).predikat.name == "Cukup"


def test_ende_2022_is_recorded_as_not_evaluated_not_zero(reference_data):
    ende = published("53.08", 2022)

    assert ende.evaluated is False
    assert ende.value is None
    assert ende.predikat is None


def test_the_province_2022_value(reference_data):
    province = published("53", 2022)

    assert province.value == Decimal("3.35")
    assert province.predikat.name == "Baik"


def test_the_province_2024_value_is_provisional_with_its_source(reference_data):
    province = Result.objects.published().select_related("source").get(regency__code="53", year=2024)

    assert province.kind == ResultKind.PROVISIONAL
    assert province.value == Decimal("3.30")
    assert province.source.publisher == "Pemerintah Provinsi NTT"
    assert province.source.url.startswith("https://simantu.nttprov.go.id/")
    assert not Result.objects.filter(regency__code="53", year=2024, kind=ResultKind.OFFICIAL).exists()


def test_an_unknown_status_is_refused(db, tmp_path):
    fixtures = tmp_path / "fixtures"
    shutil.copytree(settings.FIXTURES_DIR, fixtures)
    path = fixtures / "published_results.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",provisional\n", ",interim\n"), encoding="utf-8")

    with pytest.raises(ReferenceDataError, match="unknown status 'interim'"):
        load_reference_data(fixtures_dir=fixtures)

    assert Result.objects.count() == 0


def test_a_database_loaded_before_the_status_column_keeps_its_rows_and_sources(db, tmp_path):
    fixtures = tmp_path / "fixtures"
    shutil.copytree(settings.FIXTURES_DIR, fixtures)
    path = fixtures / "published_results.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    older = [line.rsplit(",", 1)[0] for line in lines if not line.endswith(",provisional")]
    path.write_text("\n".join(older) + "\n", encoding="utf-8")
    load_reference_data(fixtures_dir=fixtures)
    before = {(r.regency_id, r.year, r.kind): (r.pk, r.source_id) for r in Result.objects.all()}

    report = load_reference_data(fixtures_dir=settings.FIXTURES_DIR)

    after = {(r.regency_id, r.year, r.kind): (r.pk, r.source_id) for r in Result.objects.all()}
    assert {key: after[key] for key in before} == before
    assert report.created["Result"] == 1
    assert [key[2] for key in set(after) - set(before)] == [ResultKind.PROVISIONAL]
    assert not load_reference_data(fixtures_dir=settings.FIXTURES_DIR).changed


def test_flags_of_10_february_2025(reference_data):
    flags = {flag.regency.code: flag for flag in StatusFlag.objects.select_related("regency", "source")}

    compliant = {code for code, flag in flags.items() if flag.flag == FlagKind.COMPLIANT}
    assert compliant == {"53.14", "53.15", "53.71"}
    assert sum(flag.flag == FlagKind.ADJUSTING for flag in flags.values()) == 19
    assert {(flag.source.title, flag.source.published_on) for flag in flags.values()} == {NTT_NEWS}
    assert {flag.as_of for flag in flags.values()} == {date(2025, 2, 10)}


def test_every_published_value_names_a_dated_source(reference_data):
    for model in (Result, Target):
        assert not model.objects.published().filter(source__isnull=True).exists()
    assert Result.objects.filter(kind=ResultKind.OFFICIAL).count() == 9
    assert Result.objects.filter(kind=ResultKind.PROVISIONAL).count() == 1
    assert Result.objects.count() == 10
    assert Target.objects.count() == 2


def test_loading_twice_changes_nothing(reference_data):
    history_before = Result.history.count() + Target.history.count() + StatusFlag.history.count()
    counts_before = [model.objects.count() for model in (Regency, Source, Framework, Indicator, Result, StatusFlag)]

    second = load_reference_data(fixtures_dir=settings.FIXTURES_DIR)

    assert not second.changed
    assert [model.objects.count() for model in (Regency, Source, Framework, Indicator, Result, StatusFlag)] == (
        counts_before
    )
    assert Result.history.count() + Target.history.count() + StatusFlag.history.count() == history_before


def test_loading_again_restores_a_fact_edited_by_hand(reference_data):
    Result.objects.filter(regency__code="53.01", year=2022).update(value=Decimal("4.00"))

    report = load_reference_data(fixtures_dir=settings.FIXTURES_DIR)

    assert report.updated["Result"] == 1
    assert published("53.01", 2022).value == Decimal("1.85")


def test_loading_again_keeps_a_newer_verified_revision(reference_data):
    old = published("53.01", 2022)
    Result.objects.filter(pk=old.pk).update(state=ReviewState.SUPERSEDED)
    newer = Result.objects.create(
        regency=old.regency,
        year=2022,
        framework=old.framework,
        value=Decimal("1.90"),
        source=SourceFactory(),
        state=ReviewState.VERIFIED,
        revises=old,
    )

    report = load_reference_data(fixtures_dir=settings.FIXTURES_DIR)

    assert report.kept_newer["Result"] == 1
    assert published("53.01", 2022).pk == newer.pk


def test_a_broken_file_writes_nothing(db, tmp_path):
    fixtures = tmp_path / "fixtures"
    shutil.copytree(settings.FIXTURES_DIR, fixtures)
    with (fixtures / "status_flags.csv").open("a", encoding="utf-8") as handle:
        handle.write("53.01,adjusting,2025-03-01,An article nobody listed,2025-03-01,\n")

    with pytest.raises(ReferenceDataError, match=r"no entry in sources\.csv"):
        load_reference_data(fixtures_dir=fixtures)

    assert Regency.objects.count() == 0
    assert Result.objects.count() == 0


def test_a_predikat_that_disagrees_with_the_bands_is_refused(db, tmp_path):
    fixtures = tmp_path / "fixtures"
    shutil.copytree(settings.FIXTURES_DIR, fixtures)
    path = fixtures / "published_results.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("2023,2.99,,Baik", "2023,2.99,,Cukup"), encoding="utf-8")

    with pytest.raises(ReferenceDataError, match="the file says Cukup, the bands say Baik"):
        load_reference_data(fixtures_dir=fixtures)

    assert Result.objects.count() == 0
