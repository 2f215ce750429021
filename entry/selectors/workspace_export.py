"""Reads of the workspace's XLSX export (`/entri/indikator/<slug>/<year>/unduh.xlsx`): every scored entry (an
indicator, or one public service of 5/2018's indicator 35) with its three stages and its evidence file names.
Callers check the user's rights first."""

from dataclasses import dataclass

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from assessments.models import AssessmentStage, EvidenceFile, Framework, Indicator, IndicatorAssessment
from regencies.models import Regency


@dataclass(frozen=True)
class ExportRow:
    """One scored entry of a regency's workspace at every stage, for the XLSX export."""

    indicator: Indicator
    self_row: IndicatorAssessment | None
    evidence_names: list[str]
    province_row: IndicatorAssessment | None
    official_row: IndicatorAssessment | None
    part: int = 1

    @property
    def entry_name(self) -> str:
        """ "layanan publik 2"; "" for an indicator scored once."""
        return self.indicator.entry_name(self.part)


def workspace_export_rows(*, regency: Regency, year: int, framework: Framework) -> list[ExportRow]:
    """Every scored entry of the framework in number and part order with its three stages and its evidence file
    names (three queries)."""
    indicators = list(Indicator.objects.filter(aspect__framework=framework).order_by("number").select_related("aspect"))
    stages = {stage: {} for stage in AssessmentStage.values}
    rows = (
        IndicatorAssessment.objects.working()
        .filter(regency=regency, year=year, indicator__aspect__framework=framework)
        .select_related("source")
        .prefetch_related("evidence_files")
    )
    for row in rows:
        stages[row.stage][row.indicator_id, row.part] = row
    found = []
    for indicator in indicators:
        for part in range(1, indicator.entries + 1):
            own = stages[AssessmentStage.SELF].get((indicator.pk, part))
            found.append(
                ExportRow(
                    indicator=indicator,
                    part=part,
                    self_row=own,
                    evidence_names=sorted(_evidence_label(evidence) for evidence in own.evidence_files.all())
                    if own
                    else [],
                    province_row=stages[AssessmentStage.PROVINCE].get((indicator.pk, part)),
                    official_row=stages[AssessmentStage.OFFICIAL].get((indicator.pk, part)),
                )
            )
    return found


def _evidence_label(evidence: EvidenceFile) -> str:
    """A file's name with what the assessor reads beside it (its level, its date, the note), ready to paste."""
    said = []
    if evidence.level is not None:
        said.append(_("tingkat %(level)s") % {"level": evidence.level})
    if evidence.document_date is not None:
        said.append(date_format(evidence.document_date, "j M Y"))
    label = f"{evidence.original_name} ({', '.join(said)})" if said else evidence.original_name
    return f"{label}: {evidence.assessor_note}" if evidence.assessor_note else label
