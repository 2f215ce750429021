"""The three kinds of reviewed record side by side — a result, a target entered on its own, a related-index value
— for the workflow tests parametrised over them, with the words each kind's refusals say."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from assessments import services
from assessments.models import ResultKind, ReviewState, Target
from tests.factories import IndexFamilyFactory, RelatedIndexValueFactory, TargetFactory

KINDS = ["result", "target", "related"]

# What each kind's refusal says, as the people who meet it read it.
ALREADY = {
    "submit": {
        "result": "Entri ini sudah diajukan untuk verifikasi.",
        "target": "Target ini sudah diajukan.",
        "related": "Nilai ini sudah diajukan untuk verifikasi.",
    },
    "verify": {
        "result": "Entri ini sudah diverifikasi dan diterbitkan.",
        "target": "Target ini sudah diterbitkan.",
        "related": "Nilai ini sudah diverifikasi dan diterbitkan.",
    },
    "return": {
        "result": "Entri ini sudah dikembalikan ke admin wilayah.",
        "target": "Target ini sudah dikembalikan.",
        "related": "Nilai ini sudah dikembalikan ke admin wilayah.",
    },
}
CANNOT = {
    "submit": {
        "result": "Entri ini sudah diajukan atau diterbitkan.",
        "target": "Target ini sudah diajukan atau diterbitkan.",
        "related": "Nilai ini sudah diajukan atau diterbitkan.",
    },
    "verify": {
        "result": "Hanya entri yang diajukan yang dapat diverifikasi.",
        "target": "Hanya target yang diajukan yang dapat diverifikasi.",
        "related": "Hanya nilai yang diajukan yang dapat diverifikasi.",
    },
    "return": {
        "result": "Hanya entri yang diajukan yang dapat dikembalikan.",
        "target": "Hanya target yang diajukan yang dapat dikembalikan.",
        "related": "Hanya nilai yang diajukan yang dapat dikembalikan.",
    },
    "revise": {
        "result": "Revisi hanya dapat dimulai dari hasil yang sudah diterbitkan.",
        "target": "Revisi hanya dapat dimulai dari target yang sudah diterbitkan.",
        "related": "Revisi hanya dapat dimulai dari nilai yang sudah diterbitkan.",
    },
}
REVISION_EXISTS = {
    "result": "Sudah ada revisi yang sedang dikerjakan untuk hasil ini.",
    "target": "Sudah ada revisi yang sedang dikerjakan untuk target ini.",
    "related": "Sudah ada revisi yang sedang dikerjakan untuk nilai ini.",
}


@dataclass
class Records:
    """One record of the kind in each state, all of the scenario's regency."""

    draft: object
    submitted: object
    verified: object


def records_of(kind: str, scenario) -> Records:
    if kind == "result":
        return Records(scenario.draft, scenario.submitted, scenario.verified)
    if kind == "target":
        return Records(
            TargetFactory(
                regency=scenario.regency, year=2026, value=Decimal("3.10"), state=ReviewState.DRAFT, source=None
            ),
            TargetFactory(
                regency=scenario.regency, year=2027, value=Decimal("3.20"), state=ReviewState.SUBMITTED, source=None
            ),
            Target.objects.published().get(regency=scenario.regency, year=2021),
        )
    family = IndexFamilyFactory(code="RB")
    return Records(
        RelatedIndexValueFactory(family=family, regency=scenario.regency, year=2025, state=ReviewState.DRAFT),
        RelatedIndexValueFactory(family=family, regency=scenario.regency, year=2024, state=ReviewState.SUBMITTED),
        RelatedIndexValueFactory(family=family, regency=scenario.regency, year=2023, value=Decimal("60.10")),
    )


def entered_by(kind: str, scenario, person):
    """A new draft of the kind that `person` entered through its service."""
    if kind == "result":
        return services.create_result_draft(
            regency=scenario.regency, year=2020, kind=ResultKind.OFFICIAL, by=person, value=Decimal("2.30")
        )
    if kind == "target":
        return services.save_target_draft(regency=scenario.regency, year=2030, value=Decimal("3.50"), by=person)
    return services.save_related_index_value(fact=related_fact(), by=person, regency=scenario.regency)


def related_fact(value: str = "71.35", **changes) -> services.RelatedIndexFact:
    fields = {
        "family": IndexFamilyFactory(code="RB"),
        "year": 2020,
        "value": Decimal(value),
        "category": "",
        "is_target": False,
        "source_title": "Berita uji RB 2020",
        "source_url": "",
        "source_published_on": date(2021, 2, 1),
        "quote": f"Indeks RB sebesar {value}.",
        **changes,
    }
    return services.RelatedIndexFact(**fields)


def reload(record):
    return type(record).objects.get(pk=record.pk)
