"""Small frameworks built with the factories for the entry tests of issue 22: a Pemdi-shaped one (no domains, scale
1–5, one indicator whose value is another agency's index converted to 1–5 with two decimals) and a 5/2018-shaped
one whose last indicator is scored once per public service. Test structures, not the regulations' (the real ones
are loaded from fixtures/ by load_reference_data)."""

from dataclasses import dataclass
from decimal import Decimal

from assessments.models import LevelCriterion, LevelName
from tests.factories import (
    AspectFactory,
    DomainFactory,
    FrameworkFactory,
    IndexSeriesFactory,
    IndicatorFactory,
    RegencyFactory,
    StaffUserFactory,
    regency_admin,
)

EXTERNAL_INDEX = "Indeks Uji Data"
COACH = "Instansi Pembina Uji"


@dataclass
class Built:
    framework: object
    indicators: dict
    regency: object
    admin: object
    staff: object


def build_pemdi(*, first_year: int = 2026) -> Built:
    """Two aspects straight under the framework; indicator 2 takes a converted value with two decimals."""
    series = IndexSeriesFactory(code="pemdi", name="Indeks Pemerintah Digital", short_name="Pemdi")
    framework = FrameworkFactory(
        series=series,
        code="UJI-PEMDI",
        short_name="Kerangka Uji Pemdi",
        first_year=first_year,
        has_domains=False,
        min_level=1,
        max_level=5,
    )
    first = AspectFactory(framework=framework, domain=None, number=1, weight=Decimal("50.00"))
    second = AspectFactory(framework=framework, domain=None, number=2, weight=Decimal("50.00"))
    indicators = {
        1: IndicatorFactory(aspect=first, number=1, weight=Decimal("25.0000")),
        2: IndicatorFactory(
            aspect=first,
            number=2,
            weight=Decimal("25.0000"),
            value_places=2,
            external_index=EXTERNAL_INDEX,
            coach=COACH,
        ),
        3: IndicatorFactory(aspect=second, number=3, weight=Decimal("50.0000")),
    }
    for indicator in indicators.values():
        for level in framework.levels:
            LevelCriterion.objects.create(
                indicator=indicator, level=level, criteria=f"Kriteria uji {indicator.number}.{level}", source="uji"
            )
    for level, name in enumerate(["Merintis", "Membangun", "Berkembang", "Melembaga", "Unggul"], 1):
        LevelName.objects.create(
            framework=framework, first_indicator=1, last_indicator=3, level=level, name=name, source="uji"
        )
    regency = RegencyFactory()
    return Built(framework, indicators, regency, regency_admin(regency), StaffUserFactory())


def build_with_parts(*, first_year: int = 2018, last_year: int = 2019) -> Built:
    """A 0–5 framework with domains whose indicator 2 is scored three times, once per public service."""
    framework = FrameworkFactory(
        code="UJI-PARTS", short_name="Kerangka Uji Bagian", first_year=first_year, last_year=last_year, min_level=0
    )
    aspect = AspectFactory(domain=DomainFactory(framework=framework, number=1, weight=Decimal("100")), number=1)
    indicators = {
        1: IndicatorFactory(aspect=aspect, number=1, weight=Decimal("40.0000")),
        2: IndicatorFactory(
            aspect=aspect, number=2, weight=Decimal("60.0000"), entries=3, entry_label="layanan publik"
        ),
    }
    regency = RegencyFactory()
    return Built(framework, indicators, regency, regency_admin(regency), StaffUserFactory())
