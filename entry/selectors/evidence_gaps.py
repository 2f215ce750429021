"""What is still missing for the level each indicator claims, for the workspace's list (a count per indicator and
in all): the same checks as the indicator page (assessments/evidence_checks.py), read for every indicator at once
in two queries whatever their number."""

from collections import defaultdict

from assessments import evidence_checks
from assessments.models import EvidenceFile, Framework, IndicatorAssessment, LevelCriterion


def evidence_facts(file: EvidenceFile) -> evidence_checks.EvidenceFacts:
    return evidence_checks.EvidenceFacts(
        name=file.original_name,
        level=file.level,
        document_date=file.document_date,
        has_text_layer=file.has_text_layer,
    )


def gaps_by_indicator(
    *, framework: Framework, year: int, rows: list[IndicatorAssessment], evidence_notes: dict[int, str]
) -> dict[int, list[str]]:
    """{indicator number: what is missing} for the workspace's own rows (their indicators selected); indicators
    with nothing missing are left out. `evidence_notes`: {indicator pk: its evidence note}."""
    if not rows:
        return {}
    files = defaultdict(list)
    stored = EvidenceFile.objects.filter(indicator_assessment__in=[row.pk for row in rows]).only(
        "original_name", "level", "document_date", "has_text_layer", "indicator_assessment_id"
    )
    for file in stored.order_by("uploaded_at", "pk"):
        files[file.indicator_assessment_id].append(evidence_facts(file))
    texts = defaultdict(list)
    criteria = LevelCriterion.objects.filter(indicator__aspect__framework=framework).values_list(
        "indicator_id", "level", "criteria", "fulfilment", "evidence_hint"
    )
    for indicator_id, level, *words in criteria:
        texts[indicator_id].append((level, words))
    found = {}
    for row in rows:
        claimed = row.level
        asked = [evidence_notes.get(row.indicator_id, "")]
        asked += [
            text
            for level, words in texts[row.indicator_id]
            if claimed is not None and level <= claimed
            for text in words
        ]
        gaps = evidence_checks.evidence_gaps(
            claimed=claimed,
            first_level=framework.min_level,
            files=files[row.pk],
            year=year,
            years=evidence_checks.years_asked(asked),
        )
        if gaps:
            found[row.indicator.number] = gaps
    return found
