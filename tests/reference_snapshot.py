"""The reference data of the suite: loaded once per test session, restored into each test that asks for it.

`load_reference_data` costs about 1.7 s and 2,500 queries, and some 450 tests ask for its rows (the
`reference_data` fixture, tests/conftest.py). So the real loader runs once per session (once per xdist worker), in
a transaction that is rolled back, and the rows it wrote are kept in memory, table by table: the history rows of
django-simple-history and the publication state included, since the loader wrote them too. A test gets them back
with one INSERT per table (a few for the large ones), under the same primary keys, with the times the loader took
from the clock moved to the moment of the restore, as if it had just loaded. PostgreSQL's sequences are then set
past the restored keys, so the test's own rows get keys of their own; SQLite's AUTOINCREMENT follows explicit keys
by itself.

The copy stands for a fresh load only where none of the loader's tables holds a row yet: rows a test made before
asking for the data would have been merged by the loader (a regency of the same code updated, not added), so there
`restore` answers None and the caller runs the loader for real. tests/test_reference_snapshot.py proves that the
restored copy equals a fresh load, every table and every row.
"""

from copy import deepcopy
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from django.apps import apps
from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.utils import timezone

from datasets.reference_data import LoadReport, load_reference_data


class SnapshotError(Exception):
    """The loader did something a copy of its new rows cannot stand for."""


def stored_models() -> list[type[models.Model]]:
    """Every model with a table of its own: auto-created many-to-many tables too, proxies and unmanaged never."""
    return [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy and not model._meta.swapped
    ]


def rows_of(model: type[models.Model]) -> list[dict]:
    """The table's rows as Python values of each column, in primary-key order."""
    columns = [field.attname for field in model._meta.concrete_fields]
    return list(model._base_manager.order_by("pk").values(*columns))


@dataclass(frozen=True)
class Table:
    """One table's rows as the loader wrote them, each value already prepared for this database as Django's INSERT
    prepares it (`get_db_prep_save`, the path loaddata's raw saves take). Preparing 874 rows through the ORM cost
    about 0.15 s per restore on the 2-core machine, most of the fixture's cost; a restore now only moves the clock's
    times and sends the rows."""

    model: type[models.Model]
    prepared: tuple[tuple, ...]
    # Each time the loader took from the clock (row, column, time): the cells every restore moves to its own moment.
    clock_cells: tuple[tuple[int, int, datetime], ...]

    @classmethod
    def of(cls, model: type[models.Model], rows: list[dict], *, clock_from: datetime, clock_until: datetime) -> "Table":
        fields = model._meta.concrete_fields
        custom = [field.name for field in fields if hasattr(field, "get_placeholder")]
        if custom:
            raise SnapshotError(f"{model.__name__}: a column with a placeholder of its own: {custom}")
        prepared = tuple(
            tuple(field.get_db_prep_save(row[field.attname], connection) for field in fields) for row in rows
        )
        clock_cells = tuple(
            (place, column, taken)
            for place, row in enumerate(rows)
            for column, field in enumerate(fields)
            if isinstance(field, models.DateTimeField)
            and (taken := row[field.attname]) is not None
            and clock_from <= taken <= clock_until
        )
        return cls(model=model, prepared=prepared, clock_cells=clock_cells)

    def insert(self, *, shift: timedelta) -> None:
        fields = self.model._meta.concrete_fields
        values = [list(row) for row in self.prepared]
        for place, column, taken in self.clock_cells:
            values[place][column] = fields[column].get_db_prep_save(taken + shift, connection)
        quote = connection.ops.quote_name
        head = f"INSERT INTO {quote(self.model._meta.db_table)} ({', '.join(quote(f.column) for f in fields)}) VALUES "
        one_row = f"({', '.join(['%s'] * len(fields))})"
        batch = connection.ops.bulk_batch_size(fields, values) or len(values)
        with connection.cursor() as cursor:
            for start in range(0, len(values), batch):
                rows = values[start : start + batch]
                cursor.execute(head + ", ".join([one_row] * len(rows)), [value for row in rows for value in row])


@dataclass(frozen=True)
class ReferenceSnapshot:
    report: LoadReport
    tables: tuple[Table, ...]
    loaded_from: datetime
    loaded_until: datetime

    @property
    def models(self) -> list[type[models.Model]]:
        return [table.model for table in self.tables]

    def restore(self) -> LoadReport | None:
        """The loader's rows and report as a fresh load in this database would give them, or None where one of its
        tables already holds a row (the caller then loads for real)."""
        if self._any_row_present():
            return None
        shift = timezone.now() - self.loaded_until
        with transaction.atomic():
            for table in self.tables:
                table.insert(shift=shift)
            statements = connection.ops.sequence_reset_sql(no_style(), self.models)
            if statements:
                with connection.cursor() as cursor:
                    cursor.execute("\n".join(statements))
        return deepcopy(self.report)

    def _any_row_present(self) -> bool:
        quote = connection.ops.quote_name
        present = " OR ".join(f"EXISTS (SELECT 1 FROM {quote(model._meta.db_table)})" for model in self.models)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT 1 WHERE {present}")
            return cursor.fetchone() is not None


def take(*, fixtures_dir: Path) -> ReferenceSnapshot:
    """Runs the real loader once and keeps what it wrote; the database is left as it was."""
    every_model = stored_models()
    with transaction.atomic():
        before = {model: rows_of(model) for model in every_model}
        loaded_from = timezone.now()
        report = load_reference_data(fixtures_dir=fixtures_dir)
        loaded_until = timezone.now()
        after = {model: rows_of(model) for model in every_model}
        transaction.set_rollback(True)
    changed_existing = [model.__name__ for model in every_model if before[model] and after[model] != before[model]]
    if changed_existing:
        raise SnapshotError(f"the loader changed rows that were there before it: {changed_existing}")
    written = [model for model in every_model if after[model] and not before[model]]
    inherited = [model.__name__ for model in written if model._meta.parents]
    if inherited:
        raise SnapshotError(f"one INSERT per table cannot restore multi-table inheritance: {inherited}")
    tables = tuple(Table.of(model, after[model], clock_from=loaded_from, clock_until=loaded_until) for model in written)
    return ReferenceSnapshot(report=report, tables=tables, loaded_from=loaded_from, loaded_until=loaded_until)
