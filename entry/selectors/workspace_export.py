"""Reads of the workspace's XLSX export (`/entri/indikator/<slug>/<year>/unduh.xlsx`): every indicator with its three
stages and its evidence file names. Callers check the user's rights first."""

from dataclasses import dataclass

from assessments.models import AssessmentStage, Framework, Indicator, IndicatorAssessment
from regencies.models import Regency


@dataclass(frozen=True)
class ExportRow:
    """One indicator of a regency's workspace at every stage, for the XLSX export."""

    indicator: Indicator
    self_row: IndicatorAssessment | None
    evidence_names: list[str]
    province_row: IndicatorAssessment | None
    official_row: IndicatorAssessment | None


def workspace_export_rows(*, regency: Regency, year: int, framework: Framework) -> list[ExportRow]:
    """Every indicator of the framework in number order with its three stages and its evidence file names
    (three queries)."""
    indicators = list(Indicator.objects.filter(aspect__framework=framework).order_by("number").select_related("aspect"))
    stages = {stage: {} for stage in AssessmentStage.values}
    rows = (
        IndicatorAssessment.objects.working()
        .filter(regency=regency, year=year, indicator__aspect__framework=framework)
        .select_related("source")
        .prefetch_related("evidence_files")
    )
    for row in rows:
        stages[row.stage][row.indicator_id] = row
    found = []
    for indicator in indicators:
        own = stages[AssessmentStage.SELF].get(indicator.pk)
        found.append(
            ExportRow(
                indicator=indicator,
                self_row=own,
                evidence_names=sorted(evidence.original_name for evidence in own.evidence_files.all()) if own else [],
                province_row=stages[AssessmentStage.PROVINCE].get(indicator.pk),
                official_row=stages[AssessmentStage.OFFICIAL].get(indicator.pk),
            )
        )
    return found
