"""A regency evaluated under SPBE in 2025 and under Pemdi in 2026 (synthetic values, factories), shared by the tests
of every page that must keep the two index series apart."""

from dataclasses import dataclass
from decimal import Decimal

from assessments.models import Framework, NationalReference, NationalReferenceKind, PredikatBand
from regencies.models import Regency
from tests.factories import FrameworkFactory, IndexSeriesFactory, RegencyFactory, ResultFactory, SourceFactory

# The Pemdi bands as predikat_bands.csv states them (PermenPANRB 8/2026, Tabel 4, secondary copies).
PEMDI_BANDS = [
    ("Kurang", "1.00", "#f4a6a6"),
    ("Cukup", "1.50", "#f9d38c"),
    ("Baik", "2.50", "#d4e79e"),
    ("Sangat Baik", "3.50", "#8fd19e"),
    ("Memuaskan", "4.00", "#4fb286"),
]
# A value that reads Cukup under SPBE (1,8 ≤ v < 2,6) and Baik under Pemdi (2,5 ≤ v < 3,5).
BOTH_WAYS = Decimal("2.55")


@dataclass
class TwoSeries:
    spbe: Framework
    pemdi: Framework
    regency: Regency


def two_series(*, regency: Regency | None = None, previous_years: int = 1) -> TwoSeries:
    """SPBE (59/2020, 2021–2025) and Pemdi (8/2026, from 2026) frameworks, and a regency with official results of
    2,55 in 2025 (SPBE) and 2026 (Pemdi); `previous_years` SPBE results before 2025 too."""
    spbe_series = IndexSeriesFactory(code="spbe", name="Indeks SPBE", name_en="SPBE index", short_name="SPBE")
    pemdi_series = IndexSeriesFactory(
        code="pemdi", name="Indeks Pemerintah Digital", name_en="Digital Government index", short_name="Pemdi"
    )
    spbe = FrameworkFactory(
        series=spbe_series, code="T-59-2020", short_name="PermenPANRB 59/2020", first_year=2021, last_year=2025
    )
    pemdi = FrameworkFactory(
        series=pemdi_series, code="T-8-2026", short_name="PermenPANRB 8/2026", first_year=2026, bands=False
    )
    for name, lower, colour in PEMDI_BANDS:
        PredikatBand.objects.create(framework=pemdi, name=name, lower_bound=Decimal(lower), color=colour)
    regency = regency or RegencyFactory(name="Uji Dua Seri", slug="kabupaten-uji-dua-seri")
    for year in range(2025 - previous_years + 1, 2025):
        ResultFactory(regency=regency, year=year, framework=spbe, value=Decimal("2.00"))
    ResultFactory(regency=regency, year=2025, framework=spbe, value=BOTH_WAYS)
    ResultFactory(regency=regency, year=2026, framework=pemdi, value=BOTH_WAYS)
    return TwoSeries(spbe=spbe, pemdi=pemdi, regency=regency)


def national_reference(framework: Framework, year: int, value: str | None, kind=NationalReferenceKind.RESULT):
    source = SourceFactory(title=f"Rilis indeks nasional {year}", publisher="Kementerian PANRB")
    return NationalReference.objects.create(
        year=year,
        framework=framework,
        value=Decimal(value) if value is not None else None,
        kind=kind,
        scope="national",
        source=source,
    )
