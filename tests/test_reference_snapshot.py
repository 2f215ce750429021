"""The `reference_data` fixture restores the session's one load (tests/reference_snapshot.py): the copy must be what
a fresh load gives, every table and every row, in an ordinary test, in a transactional one, and where PostgreSQL's
sequences start again from 1."""

from datetime import datetime

import pytest
from django.conf import settings
from django.db import connection, models, transaction
from django.utils import timezone

from assessments.models import LevelCriterion, Result, Source
from datasets.reference_data import load_reference_data
from regencies.models import Regency
from tests.factories import RegencyFactory, ResultFactory, SourceFactory
from tests.reference_snapshot import rows_of, stored_models

CLOCK = "a time of the load"


def database_as_data(clock_from: datetime, clock_until: datetime) -> dict[str, list[tuple]]:
    """Every table's rows, comparable between two loads: automatic keys, and the foreign keys and history rows that
    point at them, become each row's place in its table (PostgreSQL's sequences are not rolled back, so a second
    load gets other numbers); a time taken from the clock while loading becomes CLOCK."""
    every_model = stored_models()
    places = {model: {pk: place for place, pk in enumerate(row["pk"] for row in _keys(model))} for model in every_model}

    def comparable(model, field, value):
        if value is None:
            return None
        if field.primary_key and isinstance(field, models.AutoField | models.BigAutoField):
            return places[model][value]
        pointed = _pointed_model(model, field)
        if pointed is not None and pointed in places:
            return ("row", pointed._meta.db_table, places[pointed].get(value, ("missing", value)))
        if isinstance(field, models.DateTimeField) and clock_from <= value <= clock_until:
            return CLOCK
        return value

    return {
        model._meta.db_table: [
            tuple(comparable(model, field, row[field.attname]) for field in model._meta.concrete_fields)
            for row in rows_of(model)
        ]
        for model in every_model
    }


def _keys(model):
    return model._base_manager.order_by("pk").values("pk")


def _pointed_model(model, field):
    """The model whose automatic key this column holds: a foreign key's, or a history row's original."""
    if field.many_to_one or field.one_to_one:
        return field.related_model if field.target_field.primary_key else None
    original = getattr(model, "instance_type", None)  # django-simple-history's historical models
    if original is not None and field.attname == original._meta.pk.attname:
        return original
    return None


def restored_as_data(snapshot):
    duration = snapshot.loaded_until - snapshot.loaded_from
    started = timezone.now()
    report = snapshot.restore()
    return report, database_as_data(started - duration, timezone.now())


def freshly_loaded_as_data():
    started = timezone.now()
    report = load_reference_data(fixtures_dir=settings.FIXTURES_DIR)
    return report, database_as_data(started, timezone.now())


def assert_same_tables(restored: dict, fresh: dict) -> None:
    assert restored.keys() == fresh.keys()
    for table, rows in fresh.items():
        assert restored[table] == rows, table
    assert len(fresh[LevelCriterion._meta.db_table]) == 545  # 235 of 59/2020, 210 of 5/2018, 100 of 8/2026
    assert len(fresh[Result.history.model._meta.db_table]) == 10


def test_the_restored_copy_equals_a_fresh_load_every_table_and_row(db, reference_snapshot):
    with transaction.atomic():
        restored_report, restored = restored_as_data(reference_snapshot)
        transaction.set_rollback(True)
    assert not Regency.objects.exists()

    fresh_report, fresh = freshly_loaded_as_data()

    assert restored_report is not None
    assert restored_report == fresh_report
    assert_same_tables(restored, fresh)


@pytest.mark.django_db(transaction=True)
def test_a_transactional_test_gets_the_same_copy(reference_snapshot):
    restored_report, restored = restored_as_data(reference_snapshot)
    with transaction.atomic(), connection.cursor() as cursor:
        for model in reference_snapshot.models:
            cursor.execute(f"DELETE FROM {connection.ops.quote_name(model._meta.db_table)}")

    fresh_report, fresh = freshly_loaded_as_data()

    assert restored_report == fresh_report
    assert_same_tables(restored, fresh)


@pytest.mark.django_db(transaction=True, reset_sequences=True)
def test_rows_made_after_the_restore_get_keys_of_their_own(reference_data):
    kupang = Regency.objects.get(code="53.01")

    regency = RegencyFactory()
    source = SourceFactory()
    result = ResultFactory(regency=kupang, year=2030, source=source)

    assert regency.pk > max(Regency.objects.exclude(pk=regency.pk).values_list("pk", flat=True))
    assert source.pk > max(Source.objects.exclude(pk=source.pk).values_list("pk", flat=True))
    assert result.history.count() == 1
    assert Result.objects.count() == 11


def test_a_database_holding_rows_of_the_loaders_tables_is_not_restored_into(db, reference_snapshot):
    own = RegencyFactory(code="53.01", name="Kupang", slug="kabupaten-kupang")

    assert reference_snapshot.restore() is None
    assert list(Regency.objects.all()) == [own]
