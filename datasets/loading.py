"""What every loader of fixtures/ shares: reading a file, the one upsert (a row that matches its file is left
alone, so a second run changes nothing), the report, the error that leaves nothing written."""

import csv
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.db import models

from assessments.models import DatePrecision, Source


class ReferenceDataError(Exception):
    """The files disagree with each other or with the model; nothing was written."""


@dataclass
class LoadReport:
    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    unchanged: Counter = field(default_factory=Counter)
    kept_newer: Counter = field(default_factory=Counter)

    @property
    def changed(self) -> bool:
        return bool(sum(self.created.values()) + sum(self.updated.values()))

    def lines(self) -> list[str]:
        names = sorted(set(self.created) | set(self.updated) | set(self.unchanged) | set(self.kept_newer))
        return [
            f"{name}: {self.created[name]} created, {self.updated[name]} updated, "
            f"{self.unchanged[name]} unchanged"
            + (f", {self.kept_newer[name]} kept (newer verified revision)" if self.kept_newer[name] else "")
            for name in names
        ]


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle, restkey=REST)
        return [_cleaned(row, reader.fieldnames or [], path) for row in reader]


REST = "__rest__"


def _cleaned(row: dict, fieldnames: list[str], path: Path) -> dict[str, str]:
    """The row's cells, stripped. A free-text `note` in the last column may hold unquoted commas (the shared
    predikat_bands.csv has one, and its copy stays unchanged): the extra cells are the rest of that note."""
    rest = row.pop(REST, None)
    if rest:
        if fieldnames[-1] != "note":
            raise ReferenceDataError(f"{path.name}: a row has {len(rest)} cells more than its header")
        row["note"] = ",".join([row["note"], *rest])
    return {key: (value or "").strip() for key, value in row.items()}


def upsert(report: LoadReport, model: type[models.Model], *, lookup: dict, values: dict) -> models.Model:
    instance = model.objects.filter(**lookup).first()
    if instance is None:
        return create(report, model, **lookup, **values)
    return update_if_changed(report, instance, values)


def create(report: LoadReport, model: type[models.Model], **values) -> models.Model:
    instance = model(**values)
    instance.full_clean()
    instance.save()
    report.created[model.__name__] += 1
    return instance


def update_if_changed(report: LoadReport, instance: models.Model, values: dict) -> models.Model:
    changed = False
    for name, value in values.items():
        if _stored_value(instance, name) != _comparable(value):
            setattr(instance, name, value)
            changed = True
    if changed:
        instance.full_clean()
        instance.save()
        report.updated[type(instance).__name__] += 1
    else:
        report.unchanged[type(instance).__name__] += 1
    return instance


def _stored_value(instance: models.Model, name: str):
    model_field = instance._meta.get_field(name)
    return getattr(instance, model_field.attname)


def _comparable(value):
    return value.pk if isinstance(value, models.Model) else value


def published_date(text: str) -> tuple[date, str]:
    """A source's date as a file writes it, with how much of it is known: "2023-02-22" (a day), "2023-02" (a
    month, stored as its first day), "2023" (a year)."""
    parts = text.split("-")
    try:
        if len(parts) == 3:
            return date.fromisoformat(text), DatePrecision.DAY
        if len(parts) == 2:
            return date(int(parts[0]), int(parts[1]), 1), DatePrecision.MONTH
        if len(parts) == 1:
            return date(int(parts[0]), 1, 1), DatePrecision.YEAR
    except ValueError:
        pass
    raise ReferenceDataError(f"{text!r} is no date (YYYY-MM-DD, YYYY-MM or YYYY)")


def source_of(row: dict, sources: dict) -> Source:
    """The Source a row cites by (source_title, source_date), as sources.csv keys it by (citation, published_on)."""
    try:
        return sources[(row["source_title"], row["source_date"])]
    except KeyError:
        raise ReferenceDataError(
            f"no entry in sources.csv for {row['source_title']!r} of {row['source_date']}"
        ) from None
