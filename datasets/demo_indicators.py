"""Synthetic indicator levels for `seed_demo`: the stages of the indicator workspace, marked `is_demo`.

For each seeded result with levels: an official result's levels become OFFICIAL rows citing the result's source;
a self-assessment's levels become SELF rows (with a demo explanation) and the province's review, PROVINCE rows, a
level lower on some indicators. In the latest year about half of the regencies without a self-assessment result
have a workspace in progress (part of the indicators filled), so the province view shows every reporting status.
Only empty slots (regency, year, stage) are filled; values come from a generator seeded per slot.
"""

import random

from assessments.models import AssessmentStage, IndicatorAssessment, ResultKind, ReviewState

BATCH = 5000
EXPLANATION = "Penjelasan contoh (data rekaan)."
PROVINCE_NOTE = "Catatan reviu contoh: bukti dukung belum lengkap (data rekaan)."


def _rng(seed: int, *parts) -> random.Random:
    return random.Random(":".join(str(part) for part in (seed, "indicator", *parts)))


def _row(result_or_regency, *, year, entry, stage, level, **fields) -> IndicatorAssessment:
    indicator, part = entry
    return IndicatorAssessment(
        regency=result_or_regency,
        year=year,
        indicator=indicator,
        part=part,
        stage=stage,
        level=level,
        is_demo=True,
        **fields,
    )


def seed_indicator_assessments(*, leveled: list, frameworks: dict, regencies: list, seed: int) -> int:
    """`leveled`: (result, levels) pairs as seeded (levels in the order of the spec's entries); `frameworks`:
    year → spec with `framework` and `entries` ((indicator, part) pairs). Returns how many rows were written."""
    taken = set(IndicatorAssessment.objects.working().values_list("regency_id", "year", "stage").distinct())
    rows: list[IndicatorAssessment] = []
    filled: set[tuple[int, int, str]] = set()

    def claim(regency_id, year, stage) -> bool:
        key = (regency_id, year, stage)
        if key in taken or key in filled:
            return False
        filled.add(key)
        return True

    for result, levels in leveled:
        if not levels or result.state == ReviewState.SUPERSEDED:
            continue
        spec = frameworks[result.year]
        pairs = list(zip(spec.entries, levels, strict=True))
        if result.kind == ResultKind.OFFICIAL and result.state == ReviewState.VERIFIED and result.source_id:
            if claim(result.regency_id, result.year, AssessmentStage.OFFICIAL):
                rows.extend(
                    _row(
                        result.regency,
                        year=result.year,
                        entry=i,
                        stage=AssessmentStage.OFFICIAL,
                        level=lv,
                        source_id=result.source_id,
                    )
                    for i, lv in pairs
                )
        elif result.kind == ResultKind.SELF_ASSESSMENT:
            rng = _rng(seed, result.regency.code, result.year)
            lowest = spec.framework.min_level
            if claim(result.regency_id, result.year, AssessmentStage.SELF):
                rows.extend(
                    _row(
                        result.regency,
                        year=result.year,
                        entry=i,
                        stage=AssessmentStage.SELF,
                        level=lv,
                        explanation=EXPLANATION,
                    )
                    for i, lv in pairs
                )
            if claim(result.regency_id, result.year, AssessmentStage.PROVINCE):
                for entry, level in pairs:
                    lower = rng.random() < 0.3
                    rows.append(
                        _row(
                            result.regency,
                            year=result.year,
                            entry=entry,
                            stage=AssessmentStage.PROVINCE,
                            level=max(lowest, level - 1) if lower else level,
                            explanation=PROVINCE_NOTE if lower else "",
                        )
                    )
    if frameworks:
        latest = max(frameworks)
        spec = frameworks[latest]
        for regency in regencies:
            rng = _rng(seed, regency.code, latest, "in-progress")
            if rng.random() < 0.5 or not claim(regency.pk, latest, AssessmentStage.SELF):
                continue
            count = rng.randrange(1, len(spec.entries))
            rows.extend(
                _row(
                    regency,
                    year=latest,
                    entry=entry,
                    stage=AssessmentStage.SELF,
                    level=rng.randint(spec.framework.min_level, spec.framework.max_level),
                    explanation=EXPLANATION,
                )
                for entry in spec.entries[:count]
            )
    IndicatorAssessment.objects.bulk_create(rows, batch_size=BATCH)
    return len(rows)
