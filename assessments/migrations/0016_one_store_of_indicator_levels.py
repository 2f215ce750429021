"""One store of indicator levels (issue 21): a result revision's levels (IndicatorScore) become IndicatorAssessment
rows tied to that result, beside the stages' own rows; the level holds two decimals and an indicator's part number
joins the key, for the Pemdi index (issue 22) and 5/2018's indicator 35.

Every score and every history row of a score moves, keeping its history: a score's rows get the id
`offset + its old id` (offset: the highest id the store or its history had used), so the history rows of one score
still name one row, and the store's id sequence is moved past every id handed out, so no later row takes the id a
moved history row names. Backwards, a result's levels become scores again under their store ids; that is refused
while a level has decimals or a part other than 1, which the old columns cannot hold.
"""

from decimal import Decimal

import django.core.validators
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models
from django.db.migrations.exceptions import IrreversibleError

import assessments.fields

BATCH = 2000
SELF_ASSESSMENT = "self"


def _stage_of(kind: str) -> str:
    # As assessments.models.levels.stage_of_result, frozen here with the schema it writes.
    return "self" if kind == SELF_ASSESSMENT else "official"


def _max_id(model, db: str) -> int:
    return model.objects.using(db).aggregate(highest=models.Max("id"))["highest"] or 0


def _owners(apps, db: str, result_ids: set[int]) -> dict[int, tuple[int, int, str, bool]]:
    """(regency id, year, stage, demo) of each result a score names, from the result or, for a deleted draft,
    from its last history row."""
    Result = apps.get_model("assessments", "Result")
    ResultHistory = apps.get_model("assessments", "HistoricalResult")
    owners = {
        pk: (regency_id, year, _stage_of(kind), is_demo)
        for pk, regency_id, year, kind, is_demo in Result.objects.using(db)
        .filter(pk__in=result_ids)
        .values_list("pk", "regency_id", "year", "kind", "is_demo")
    }
    gone = result_ids - owners.keys()
    for pk, regency_id, year, kind, is_demo in (
        ResultHistory.objects.using(db)
        .filter(id__in=gone)
        .order_by("history_date", "history_id")
        .values_list("id", "regency_id", "year", "kind", "is_demo")
    ):
        owners[pk] = (regency_id, year, _stage_of(kind), is_demo)
    missing = result_ids - owners.keys()
    if missing:
        raise RuntimeError(f"indicator scores name results found nowhere, not even in their history: {sorted(missing)}")
    return owners


def _move_sequence_past(schema_editor, model, highest: int) -> None:
    """The next id the table hands out is above `highest` (and above every id it holds)."""
    connection = schema_editor.connection
    table = model._meta.db_table
    if connection.vendor == "postgresql":
        quoted = connection.ops.quote_name(table)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence(%s, 'id'), GREATEST(%s, (SELECT COALESCE(MAX(id), 1) FROM {quoted})))",
                [table, max(highest, 1)],
            )
    elif connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("UPDATE sqlite_sequence SET seq = MAX(seq, %s) WHERE name = %s", [highest, table])
            if not cursor.rowcount:
                cursor.execute("INSERT INTO sqlite_sequence (name, seq) VALUES (%s, %s)", [table, highest])


def _checks_now(schema_editor) -> None:
    # PostgreSQL defers foreign-key checks to the commit; the schema changes after this step would meet the rows'
    # pending checks ("pending trigger events") unless they run now.
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")


def scores_into_the_store(apps, schema_editor):
    db = schema_editor.connection.alias
    Score = apps.get_model("assessments", "IndicatorScore")
    ScoreHistory = apps.get_model("assessments", "HistoricalIndicatorScore")
    Level = apps.get_model("assessments", "IndicatorAssessment")
    LevelHistory = apps.get_model("assessments", "HistoricalIndicatorAssessment")
    scores = Score.objects.using(db)
    history = ScoreHistory.objects.using(db)
    if not scores.exists() and not history.exists():
        return
    offset = max(_max_id(Level, db), _max_id(LevelHistory, db))
    result_ids = set(scores.values_list("result_id", flat=True)) | set(history.values_list("result_id", flat=True))
    owners = _owners(apps, db, result_ids)
    rows = []
    for score in scores.order_by("id").iterator(chunk_size=BATCH):
        regency_id, year, stage, is_demo = owners[score.result_id]
        rows.append(
            Level(
                id=offset + score.id,
                result_id=score.result_id,
                regency_id=regency_id,
                year=year,
                stage=stage,
                indicator_id=score.indicator_id,
                part=1,
                level=score.level,
                is_demo=is_demo,
            )
        )
    Level.objects.using(db).bulk_create(rows, batch_size=BATCH)
    moved = []
    for old in history.order_by("history_id").iterator(chunk_size=BATCH):
        regency_id, year, stage, is_demo = owners[old.result_id]
        moved.append(
            LevelHistory(
                id=offset + old.id,
                result_id=old.result_id,
                regency_id=regency_id,
                year=year,
                stage=stage,
                indicator_id=old.indicator_id,
                part=1,
                level=old.level,
                is_demo=is_demo,
                history_date=old.history_date,
                history_change_reason=old.history_change_reason,
                history_type=old.history_type,
                history_user_id=old.history_user_id,
            )
        )
    LevelHistory.objects.using(db).bulk_create(moved, batch_size=BATCH)
    highest_score = max(_max_id(Score, db), _max_id(ScoreHistory, db))
    _move_sequence_past(schema_editor, Level, offset + highest_score)
    _checks_now(schema_editor)


def scores_out_of_the_store(apps, schema_editor):
    db = schema_editor.connection.alias
    Score = apps.get_model("assessments", "IndicatorScore")
    ScoreHistory = apps.get_model("assessments", "HistoricalIndicatorScore")
    Level = apps.get_model("assessments", "IndicatorAssessment")
    LevelHistory = apps.get_model("assessments", "HistoricalIndicatorAssessment")
    for model in (Level, LevelHistory):
        rows = model.objects.using(db)
        decimals = any(
            isinstance(level, Decimal)
            for level in rows.exclude(level__isnull=True).values_list("level", flat=True).iterator(chunk_size=BATCH)
        )
        if decimals or rows.exclude(part=1).exists():
            raise IrreversibleError(
                "Indicator levels with decimals or a part other than 1 exist: the schema before 0016 cannot hold them."
            )
    levels = Level.objects.using(db).filter(result__isnull=False)
    Score.objects.using(db).bulk_create(
        (
            Score(id=row.id, result_id=row.result_id, indicator_id=row.indicator_id, level=row.level)
            for row in levels.order_by("id").iterator(chunk_size=BATCH)
        ),
        batch_size=BATCH,
    )
    history = LevelHistory.objects.using(db).filter(result_id__isnull=False)
    ScoreHistory.objects.using(db).bulk_create(
        (
            ScoreHistory(
                id=old.id,
                result_id=old.result_id,
                indicator_id=old.indicator_id,
                level=old.level,
                history_date=old.history_date,
                history_change_reason=old.history_change_reason,
                history_type=old.history_type,
                history_user_id=old.history_user_id,
            )
            for old in history.order_by("history_id").iterator(chunk_size=BATCH)
        ),
        batch_size=BATCH,
    )
    history.delete()
    levels.delete()
    _move_sequence_past(schema_editor, Score, _max_id(ScoreHistory, db))
    _checks_now(schema_editor)


LEVEL = assessments.fields.LevelField(
    blank=True,
    decimal_places=2,
    max_digits=3,
    null=True,
    validators=[django.core.validators.MinValueValidator(0), django.core.validators.MaxValueValidator(5)],
    verbose_name="tingkat",
)


class Migration(migrations.Migration):
    dependencies = [
        ("assessments", "0015_reviewed_changed_by"),
        ("regencies", "0003_statusflag_newest_first"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="indicatorassessment", name="indicatorassessment_one_per_stage"),
        migrations.RemoveConstraint(model_name="indicatorassessment", name="indicatorassessment_level_at_most_5"),
        migrations.RemoveConstraint(
            model_name="indicatorassessment", name="indicatorassessment_official_names_a_source"
        ),
        migrations.RemoveIndex(model_name="indicatorassessment", name="indassess_year_stage_regency"),
        migrations.RemoveIndex(model_name="indicatorassessment", name="indassess_year_stage_ind_level"),
        migrations.AddField(
            model_name="historicalindicatorassessment",
            name="part",
            field=models.PositiveSmallIntegerField(default=1, verbose_name="bagian"),
        ),
        migrations.AddField(
            model_name="historicalindicatorassessment",
            name="result",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="assessments.result",
                verbose_name="hasil evaluasi",
            ),
        ),
        migrations.AddField(
            model_name="indicatorassessment",
            name="part",
            field=models.PositiveSmallIntegerField(default=1, verbose_name="bagian"),
        ),
        migrations.AddField(
            model_name="indicatorassessment",
            name="result",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="indicator_levels",
                to="assessments.result",
                verbose_name="hasil evaluasi",
            ),
        ),
        migrations.AlterField(model_name="historicalindicatorassessment", name="level", field=LEVEL),
        migrations.AlterField(model_name="indicatorassessment", name="level", field=LEVEL),
        migrations.AlterModelOptions(
            name="indicatorassessment",
            options={
                "ordering": ["regency__code", "year", "stage", "indicator__number", "part"],
                "verbose_name": "penilaian indikator",
                "verbose_name_plural": "penilaian indikator",
            },
        ),
        migrations.AddIndex(
            model_name="indicatorassessment",
            index=models.Index(
                condition=models.Q(("result__isnull", True)),
                fields=["year", "stage", "regency"],
                name="indassess_year_stage_regency",
            ),
        ),
        migrations.AddIndex(
            model_name="indicatorassessment",
            index=models.Index(
                condition=models.Q(("result__isnull", True)),
                fields=["year", "stage", "indicator", "level", "regency"],
                name="indassess_year_stage_ind_level",
            ),
        ),
        migrations.AddConstraint(
            model_name="indicatorassessment",
            constraint=models.UniqueConstraint(
                condition=models.Q(("result__isnull", True)),
                fields=("regency", "year", "indicator", "part", "stage"),
                name="indicatorassessment_one_per_stage",
                violation_error_message="Indikator ini sudah dinilai pada tahap ini untuk wilayah dan tahun ini.",
            ),
        ),
        migrations.AddConstraint(
            model_name="indicatorassessment",
            constraint=models.UniqueConstraint(
                fields=("result", "indicator", "part"),
                name="indicatorassessment_one_per_result",
                violation_error_message="Indikator ini sudah dinilai pada hasil ini.",
            ),
        ),
        migrations.AddConstraint(
            model_name="indicatorassessment",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("level__isnull", True), models.Q(("level__gte", 0), ("level__lte", 5)), _connector="OR"
                ),
                name="indicatorassessment_level_between_0_and_5",
                violation_error_message="Tingkat kematangan harus antara 0 dan 5.",
            ),
        ),
        migrations.AddConstraint(
            model_name="indicatorassessment",
            constraint=models.CheckConstraint(condition=models.Q(("part__gte", 1)), name="indicatorassessment_part_from_1"),
        ),
        migrations.AddConstraint(
            model_name="indicatorassessment",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("stage", "official"), _negated=True),
                    ("level__isnull", True),
                    ("source__isnull", False),
                    ("result__isnull", False),
                    _connector="OR",
                ),
                name="indicatorassessment_official_names_a_source",
                violation_error_message="Tingkat resmi harus menyebut sumbernya.",
            ),
        ),
        migrations.AddConstraint(
            model_name="indicatorassessment",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("result__isnull", True), models.Q(("level__isnull", False), ("source__isnull", True)), _connector="OR"
                ),
                name="indicatorassessment_result_level_chosen",
            ),
        ),
        migrations.AddConstraint(
            model_name="indicatorassessment",
            constraint=models.CheckConstraint(
                condition=models.Q(models.Q(("stage", "province"), _negated=True), ("result__isnull", True), _connector="OR"),
                name="indicatorassessment_desk_review_of_no_result",
            ),
        ),
        migrations.RunPython(scores_into_the_store, scores_out_of_the_store),
        migrations.DeleteModel(name="HistoricalIndicatorScore"),
        migrations.DeleteModel(name="IndicatorScore"),
    ]
