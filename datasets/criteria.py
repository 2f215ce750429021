"""Loads what each maturity level of each indicator asks, from fixtures/criteria/ (copied unchanged from
shared/reference/criteria, whose SOURCES.md says where every text comes from).

Per framework, the files its row of frameworks.csv names (an empty name: the framework has no such file): the
criteria and supporting-evidence text of every level (`criteria_file`), what fulfils it
(`criteria_explanations_file`), each indicator's explanation and assessment note (`indicator_notes_file`), and how
the criteria were read (`criteria_sourcing`); for every framework, the evidence notes
(spbe_indicator_evidence_notes.csv) and the level names (spbe_level_names.csv), each row naming its framework.
A text no copy has stays empty (pages say so); nothing here writes one.

Called by `load_reference_data` inside its transaction. A row that already matches its file is left alone, so a
second run changes nothing; rows are compared and created in bulk (a handful of queries per framework).
"""

import re
from pathlib import Path

from assessments.models import Framework, Indicator, LevelCriterion, LevelName

from .loading import LoadReport, ReferenceDataError, rows

CRITERIA_DIR = "criteria"
RUN = re.compile(r"^\s*(\d+)\s*-\s*(\d+)")


def load_criteria(fixtures_dir: Path, report: LoadReport, *, frameworks: dict[str, Framework]) -> None:
    folder = fixtures_dir / CRITERIA_DIR
    evidence_notes = _evidence_notes(folder / "spbe_indicator_evidence_notes.csv", frameworks)
    for row in rows(fixtures_dir / "frameworks.csv"):
        framework = frameworks[row["code"]]
        indicators = {
            indicator.number: indicator for indicator in Indicator.objects.filter(aspect__framework=framework)
        }
        notes_file = fixtures_dir / row["indicator_notes_file"] if row["indicator_notes_file"] else None
        _load_indicator_notes(notes_file, evidence_notes.get(framework.code, {}), indicators, report)
        if row["criteria_file"]:
            explanations = row["criteria_explanations_file"]
            _load_level_criteria(
                fixtures_dir / row["criteria_file"],
                fixtures_dir / explanations if explanations else None,
                framework,
                indicators,
                row["criteria_sourcing"],
                report,
            )
    _load_level_names(folder / "spbe_level_names.csv", frameworks, report)


def _evidence_notes(path: Path, frameworks: dict[str, Framework]) -> dict[str, dict[int, dict]]:
    found: dict[str, dict[int, dict]] = {}
    for row in rows(path):
        if row["framework"] not in frameworks:
            raise ReferenceDataError(f"{path.name}: unknown framework {row['framework']!r}")
        found.setdefault(row["framework"], {})[int(row["indicator_number"])] = row
    return found


def _indicator(indicators: dict[int, Indicator], number: str, path: Path) -> Indicator:
    try:
        return indicators[int(number)]
    except KeyError:
        raise ReferenceDataError(f"{path.name}: indicator {number} is not in its framework") from None


def _joined(*parts: tuple[str, str]) -> str:
    """'what: text | what: text' of the non-empty parts, as SOURCES.md writes combined sources."""
    return " | ".join(f"{what}: {text}" if what else text for what, text in parts if text)


def _load_indicator_notes(path: Path | None, evidence_notes: dict[int, dict], indicators, report: LoadReport) -> None:
    noted = {int(row["indicator_number"]): row for row in rows(path)} if path else {}
    for number in noted.keys() | evidence_notes.keys():
        _indicator(indicators, str(number), path or Path("spbe_indicator_evidence_notes.csv"))
    changed = []
    for number, indicator in sorted(indicators.items()):
        row = noted.get(number, {})
        evidence = evidence_notes.get(number, {})
        values = {
            "explanation": row.get("explanation", ""),
            "assessment_note": row.get("assessment_note", ""),
            "evidence_note": evidence.get("evidence_note", ""),
            "notes_source": _joined(
                ("", row.get("source", "")),
                ("evidence_note", evidence.get("source", "")),
                ("evidence_note note", evidence.get("note", "")),
            ),
        }
        if all(getattr(indicator, name) == value for name, value in values.items()):
            report.unchanged["Indicator notes"] += 1
            continue
        for name, value in values.items():
            setattr(indicator, name, value)
        indicator.full_clean(exclude=["aspect"], validate_unique=False, validate_constraints=False)
        changed.append(indicator)
        report.updated["Indicator notes"] += 1
    Indicator.objects.bulk_update(changed, ["explanation", "assessment_note", "evidence_note", "notes_source"])


def _load_level_criteria(
    criteria_path: Path, explanations_path: Path | None, framework: Framework, indicators, sourcing: str, report
) -> None:
    wanted: dict[tuple[int, int], dict] = {}
    for row in rows(criteria_path):
        key = _level_key(row, framework, indicators, criteria_path)
        if key in wanted:
            raise ReferenceDataError(f"{criteria_path.name}: indicator {key[0]} level {key[1]} twice")
        wanted[key] = {
            "criteria": row["criteria"],
            "evidence_hint": row.get("evidence_hint", ""),
            "fulfilment": "",
            "sourcing": sourcing,
            "source": row["source"],
            "note": row["note"],
        }
    for row in rows(explanations_path) if explanations_path else []:
        key = _level_key(row, framework, indicators, explanations_path)
        if key not in wanted:
            raise ReferenceDataError(f"{explanations_path.name}: indicator {key[0]} level {key[1]} has no criteria row")
        values = wanted[key]
        values["fulfilment"] = row["fulfilment_explanation"]
        values["source"] = _joined(("", values["source"]), ("fulfilment", row["source"]))
        values["note"] = _joined(("", values["note"]), ("fulfilment", row["note"]))
    missing = [(number, level) for number in indicators for level in framework.levels if (number, level) not in wanted]
    if missing:
        raise ReferenceDataError(f"{criteria_path.name}: no row for indicator/level {missing[:5]}")

    existing = {
        (criterion.indicator.number, criterion.level): criterion
        for criterion in LevelCriterion.objects.filter(indicator__in=indicators.values()).select_related("indicator")
    }
    created, changed = [], []
    for (number, level), values in sorted(wanted.items()):
        criterion = existing.get((number, level))
        if criterion is None:
            criterion = LevelCriterion(indicator=indicators[number], level=level, **values)
            created.append(criterion)
        elif all(getattr(criterion, name) == value for name, value in values.items()):
            report.unchanged["LevelCriterion"] += 1
            continue
        else:
            for name, value in values.items():
                setattr(criterion, name, value)
            changed.append(criterion)
        criterion.full_clean(exclude=["indicator"], validate_unique=False, validate_constraints=False)
    LevelCriterion.objects.bulk_create(created)
    LevelCriterion.objects.bulk_update(
        changed, ["criteria", "evidence_hint", "fulfilment", "sourcing", "source", "note"]
    )
    report.created["LevelCriterion"] += len(created)
    report.updated["LevelCriterion"] += len(changed)


def _level_key(row: dict, framework: Framework, indicators, path: Path) -> tuple[int, int]:
    indicator = _indicator(indicators, row["indicator_number"], path)
    level = int(row["level"])
    if level not in framework.levels:
        raise ReferenceDataError(
            f"{path.name}: indicator {indicator.number} level {level} is outside {framework.code}'s "
            f"{framework.min_level}–{framework.max_level}"
        )
    return indicator.number, level


def _load_level_names(path: Path, frameworks: dict[str, Framework], report: LoadReport) -> None:
    for row in rows(path):
        framework = frameworks.get(row["framework"])
        if framework is None:
            raise ReferenceDataError(f"{path.name}: unknown framework {row['framework']!r}")
        run = RUN.match(row["applies_to_indicators"])
        if run is None:
            raise ReferenceDataError(f"{path.name}: no indicator run in {row['applies_to_indicators']!r}")
        level = int(row["level"])
        if level not in framework.levels:
            raise ReferenceDataError(f"{path.name}: level {level} is outside {framework.code}'s scale")
        lookup = {"framework": framework, "first_indicator": int(run.group(1)), "level": level}
        values = {
            "last_indicator": int(run.group(2)),
            "name": row["name"],
            "capability": row["capability"],
            "source": row["source"],
            "note": row["note"],
        }
        name = LevelName.objects.filter(**lookup).first()
        if name is None:
            name = LevelName(**lookup, **values)
            name.full_clean()
            name.save()
            report.created["LevelName"] += 1
        elif all(getattr(name, field) == value for field, value in values.items()):
            report.unchanged["LevelName"] += 1
        else:
            for field, value in values.items():
                setattr(name, field, value)
            name.full_clean()
            name.save()
            report.updated["LevelName"] += 1
