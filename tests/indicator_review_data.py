"""A small framework for the province's indicator review tests: two domains, four indicators with unequal weights,
so that every score and difference can be worked out by hand (see test_indicator_review.py)."""

from dataclasses import dataclass
from decimal import Decimal

from assessments.models import AssessmentStage, IndicatorAssessment
from tests.factories import (
    AspectFactory,
    DomainFactory,
    FrameworkFactory,
    IndicatorFactory,
    RegencyFactory,
    SourceFactory,
    StaffUserFactory,
    regency_admin,
)


@dataclass
class ReviewData:
    framework: object
    regency: object
    indicators: dict  # number → Indicator
    staff: object
    admin: object
    other_admin: object
    source: object


def build_review_data(*, year_from: int = 2018) -> ReviewData:
    framework = FrameworkFactory(first_year=year_from, min_level=1, max_level=5)
    first = AspectFactory(domain=DomainFactory(framework=framework, number=1, name="Kebijakan"), number=1)
    second = AspectFactory(domain=DomainFactory(framework=framework, number=2, name="Layanan"), number=2)
    weights = {1: ("10", first), 2: ("30", first), 3: ("20", second), 4: ("40", second)}
    indicators = {
        number: IndicatorFactory(aspect=aspect, number=number, weight=Decimal(weight), name=f"Indikator uji {number}")
        for number, (weight, aspect) in weights.items()
    }
    regency = RegencyFactory()
    return ReviewData(
        framework=framework,
        regency=regency,
        indicators=indicators,
        staff=StaffUserFactory(),
        admin=regency_admin(regency),
        other_admin=regency_admin(),
        source=SourceFactory(publisher="Kementerian PANRB"),
    )


def set_levels(data: ReviewData, *, year: int, stage: str, levels: dict[int, int], regency=None, **fields) -> None:
    for number, level in levels.items():
        extra = {"source": data.source} if stage == AssessmentStage.OFFICIAL else {}
        IndicatorAssessment.objects.create(
            regency=regency or data.regency,
            year=year,
            indicator=data.indicators[number],
            stage=stage,
            level=level,
            **extra,
            **fields,
        )


# Worked out by hand in test_indicator_review.py.
SELF = {1: 3, 2: 4, 3: 2, 4: 3}
PROVINCE = {1: 2, 2: 4, 3: 2, 4: 2}
OFFICIAL = {1: 2, 2: 3}
