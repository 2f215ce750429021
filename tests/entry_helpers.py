"""Shared set-up for the entry workspace tests: one regency with a result in each state, and its people."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from assessments.models import (
    EvidenceFile,
    FollowUp,
    IndicatorAssessment,
    RelatedIndexValue,
    Result,
    ReviewMessage,
    ReviewState,
    Source,
    Target,
)
from regencies.models import StatusFlag
from tests.factories import (
    FollowUpFactory,
    FrameworkFactory,
    RegencyFactory,
    ResultFactory,
    StaffUserFactory,
    TargetFactory,
    UserFactory,
    regency_admin,
)

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
# 5/2018's indicator 35 scored once per public service: its three entries' levels in the 2019 workspaces below.
PARTS_OF_35 = {1: 1, 2: 3, 3: 5}


def workspace_of_2019(year: int = 2019) -> dict:
    """A new regency's complete self-assessment workspace of a 5/2018 year: every indicator at level 2, indicator
    35's three entries at PARTS_OF_35; with the levels keyed as scoring keys them. Needs the reference data."""
    from assessments import scoring
    from assessments.models import Framework, Indicator
    from tests.factories import IndicatorAssessmentFactory

    framework = Framework.objects.in_force(year)
    regency = RegencyFactory()
    levels = {}
    for indicator in Indicator.objects.filter(aspect__framework=framework):
        for part in range(1, indicator.entries + 1):
            level = PARTS_OF_35[part] if indicator.entries > 1 else 2
            IndicatorAssessmentFactory(regency=regency, year=year, indicator=indicator, part=part, level=level)
            levels[scoring.level_key(indicator.number, part, indicator.entries)] = level
    return {"framework": framework, "regency": regency, "levels": levels}


@dataclass
class Scenario:
    regency: object
    other_regency: object
    framework: object
    admin: object
    other_admin: object
    staff: object
    outsider: object
    draft: Result
    submitted: Result
    verified: Result
    follow_up: FollowUp


def build_scenario() -> Scenario:
    regency = RegencyFactory()
    other = RegencyFactory()
    framework = FrameworkFactory(first_year=2018)
    draft = ResultFactory(
        regency=regency, year=2023, framework=framework, value=Decimal("2.00"), source=None, state=ReviewState.DRAFT
    )
    submitted = ResultFactory(
        regency=regency,
        year=2022,
        framework=framework,
        value=Decimal("2.40"),
        source=None,
        state=ReviewState.SUBMITTED,
    )
    verified = ResultFactory(regency=regency, year=2021, framework=framework, value=Decimal("1.90"))
    TargetFactory(regency=regency, year=2021, value=Decimal("2.20"))
    return Scenario(
        regency=regency,
        other_regency=other,
        framework=framework,
        admin=regency_admin(regency),
        other_admin=regency_admin(other),
        staff=StaffUserFactory(),
        outsider=UserFactory(),
        draft=draft,
        submitted=submitted,
        verified=verified,
        follow_up=FollowUpFactory(result=verified),
    )


def database_state() -> tuple:
    """Everything the workflow may write, as plain values, to tell whether a request changed anything."""
    return (
        list(Result.objects.order_by("pk").values()),
        list(Target.objects.order_by("pk").values()),
        list(FollowUp.objects.order_by("pk").values()),
        list(Source.objects.order_by("pk").values()),
        list(EvidenceFile.objects.order_by("pk").values()),
        list(StatusFlag.objects.order_by("pk").values()),
        list(ReviewMessage.objects.order_by("pk").values()),
        list(RelatedIndexValue.objects.order_by("pk").values()),
        list(IndicatorAssessment.objects.order_by("pk").values()),
    )


def result_post(**overrides) -> dict:
    data = {
        "year": "2023",
        "kind": "official",
        "value": "2,50",
        "target": "",
        "source_title": "",
        "source_date": "",
        "source_url": "",
        "note": "",
        "aksi": "simpan",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


SOURCE_DATE = date(2024, 1, 31)


def new_document(title: str = "KepmenPANRB 2/2024", publisher: str = "Kementerian PANRB"):
    """A source not on file yet, described as a form or an import row describes one (with its publisher)."""
    from assessments.services import CitedSource

    return CitedSource(title=title, published_on=date(2024, 2, 1), publisher=publisher)
