"""The framework model of issue 22: series, the framework a target is stated in, the checks of a value against a
framework's scale, a source's date as far as it is known."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from assessments.models import DatePrecision, Framework, NationalReference, NationalReferenceKind, Result, Target
from tests.factories import FrameworkFactory, IndexSeriesFactory, IndicatorFactory, RegencyFactory, SourceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def frameworks():
    pemdi = IndexSeriesFactory(code="pemdi")
    return {
        "2018": FrameworkFactory(first_year=2018, last_year=2019, min_level=0, short_name="PermenPANRB 5/2018"),
        "2020": FrameworkFactory(first_year=2021, last_year=2025, short_name="PermenPANRB 59/2020"),
        "2026": FrameworkFactory(series=pemdi, first_year=2026, short_name="PermenPANRB 8/2026"),
    }


@pytest.mark.parametrize(
    ("year", "stated_in"),
    [(2018, "2018"), (2019, "2018"), (2020, "2018"), (2025, "2020"), (2026, "2026"), (2045, "2026")],
)
def test_a_target_year_is_stated_in_the_framework_in_force_or_the_newest_begun(frameworks, year, stated_in):
    assert Framework.objects.for_target_year(year) == frameworks[stated_in]


def test_frameworks_compare_only_within_their_series(frameworks):
    assert frameworks["2018"].is_comparable_with(frameworks["2020"])
    assert not frameworks["2020"].is_comparable_with(frameworks["2026"])
    assert not frameworks["2020"].is_comparable_with(None)


def test_an_index_outside_the_frameworks_scale_is_named_with_the_framework(frameworks):
    pemdi = frameworks["2026"]
    assert pemdi.index_problem(Decimal("0.90")) == "PermenPANRB 8/2026: Nilai indeks harus antara 1 dan 5."
    assert pemdi.index_problem(Decimal("1.00")) is None
    assert pemdi.index_problem(None) is None
    assert frameworks["2018"].index_problem(Decimal("0.50")) is None


def test_a_decimal_level_is_allowed_only_where_the_indicator_takes_decimals(frameworks):
    pemdi = frameworks["2026"]
    assert pemdi.level_problem(Decimal("2.35")) == "PermenPANRB 8/2026: Tingkat kematangan harus bilangan bulat."
    assert pemdi.level_problem(Decimal("2.35"), places=2) is None
    assert pemdi.level_problem(Decimal("3.00")) is None
    assert pemdi.level_problem(Decimal("2.355"), places=2) == (
        "PermenPANRB 8/2026: Nilai indikator ini paling banyak 2 angka desimal."
    )
    assert pemdi.level_problem(Decimal("5.01"), places=2) == (
        "PermenPANRB 8/2026: Tingkat kematangan harus antara 1 dan 5."
    )
    assert frameworks["2018"].level_problem(0) is None


def test_a_target_takes_the_framework_its_year_is_stated_in(frameworks):
    regency = RegencyFactory()
    spbe = Target.objects.create(regency=regency, year=2025, value=Decimal("3.00"), source=SourceFactory())
    pemdi = Target(regency=regency, year=2026, value=Decimal("2.00"), source=SourceFactory())
    pemdi.full_clean()
    assert (spbe.framework, pemdi.framework) == (frameworks["2020"], frameworks["2026"])


def test_a_new_target_in_another_framework_than_its_years_is_refused(frameworks):
    target = Target(
        regency=RegencyFactory(), year=2026, framework=frameworks["2020"], value=Decimal("3.00"), source=SourceFactory()
    )
    with pytest.raises(ValidationError) as refusal:
        target.full_clean()
    assert refusal.value.message_dict["framework"] == [
        "Target tahun 2026 dinyatakan dalam PermenPANRB 8/2026, bukan PermenPANRB 59/2020."
    ]


def test_one_national_figure_per_framework_year_and_kind(frameworks):
    key = {"framework": frameworks["2020"], "year": 2024, "kind": NationalReferenceKind.RESULT}
    NationalReference.objects.create(**key, value=Decimal("3.12"), source=SourceFactory())
    NationalReference.objects.create(
        **{**key, "kind": NationalReferenceKind.TARGET}, value=Decimal("2.60"), source=SourceFactory()
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        NationalReference.objects.create(**key, value=Decimal("3.00"), source=SourceFactory())
    unknown = NationalReference.objects.create(
        framework=frameworks["2026"], year=2026, kind=NationalReferenceKind.RESULT, value=None, source=SourceFactory()
    )
    assert unknown.value is None


@pytest.mark.parametrize(
    ("precision", "shown"),
    [(DatePrecision.DAY, "2023-02-01"), (DatePrecision.MONTH, "2023-02"), (DatePrecision.YEAR, "2023")],
)
def test_a_source_date_shows_only_what_is_known(precision, shown):
    source = SourceFactory(published_on=date(2023, 2, 1), published_precision=precision)
    assert source.published_label == shown


def test_an_indicator_number_the_framework_lacks_is_named(frameworks):
    IndicatorFactory(aspect__framework=frameworks["2026"], number=20)
    assert frameworks["2026"].indicator_problem(20) is None
    assert frameworks["2026"].indicator_problem(47) == "PermenPANRB 8/2026 tidak memiliki indikator 47."


def test_a_result_outside_its_frameworks_scale_is_refused(frameworks):
    result = Result(
        regency=RegencyFactory(), year=2026, framework=frameworks["2026"], value=Decimal("0.80"), source=SourceFactory()
    )
    with pytest.raises(ValidationError) as refusal:
        result.full_clean()
    assert refusal.value.message_dict["value"] == ["PermenPANRB 8/2026: Nilai indeks harus antara 1 dan 5."]
