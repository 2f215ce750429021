"""Migration 0016: a result's indicator scores move into the one store of levels with their history, and back.

Only this migration is applied and reversed (from the one before it), not the whole chain: a second or so.
"""

from datetime import UTC, datetime
from decimal import Decimal

import pytest
from django.db.migrations.exceptions import IrreversibleError

from tests.migration_helpers import back_to_latest, migrate, parents_of  # noqa: F401 (back_to_latest is a fixture)

THIS = ("assessments", "0016_one_store_of_indicator_levels")


def at(hour: int) -> datetime:
    return datetime(2025, 3, 2, hour, tzinfo=UTC)


def history_of(model, **filters) -> list[tuple]:
    return list(
        model.objects.filter(**filters)
        .order_by("history_date", "history_id")
        .values_list("id", "level", "history_date", "history_type", "history_user_id")
    )


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("back_to_latest")
def test_scores_and_their_history_move_into_the_store_and_back():
    apps = migrate(parents_of(THIS))
    User = apps.get_model("auth", "User")
    Regency = apps.get_model("regencies", "Regency")
    Framework = apps.get_model("assessments", "Framework")
    Domain = apps.get_model("assessments", "Domain")
    Aspect = apps.get_model("assessments", "Aspect")
    Indicator = apps.get_model("assessments", "Indicator")
    Source = apps.get_model("assessments", "Source")
    Result = apps.get_model("assessments", "Result")
    ResultHistory = apps.get_model("assessments", "HistoricalResult")
    Score = apps.get_model("assessments", "IndicatorScore")
    ScoreHistory = apps.get_model("assessments", "HistoricalIndicatorScore")
    Assessment = apps.get_model("assessments", "IndicatorAssessment")
    AssessmentHistory = apps.get_model("assessments", "HistoricalIndicatorAssessment")

    editor = User.objects.create(username="editor")
    regency = Regency.objects.create(code="53.99", bps_code="5399", name="Uji", kind="kabupaten", slug="uji")
    framework = Framework.objects.create(code="F-uji", name="Uji", first_year=2021, min_level=1, max_level=5)
    aspect = Aspect.objects.create(
        domain=Domain.objects.create(framework=framework, number=1, name="D", weight=100),
        number=1,
        name="A",
        weight=100,
    )
    first, second = (Indicator.objects.create(aspect=aspect, number=n, name=f"I{n}", weight=50) for n in (1, 2))
    decree = Source.objects.create(title="SK uji", publisher="KemenPAN-RB", kind="decree", published_on="2023-03-01")
    official = Result.objects.create(
        regency=regency, year=2022, framework=framework, value="2.50", state="verified", source=decree, is_demo=True
    )
    own = Result.objects.create(
        regency=regency, year=2023, kind="self", framework=framework, value="3.00", state="submitted"
    )
    # A draft deleted with its levels: only history remembers it.
    ResultHistory.objects.create(
        id=999, regency=regency, year=2024, kind="self", framework=framework, value="1.50", state="draft",
        version=1, created_at=at(1), history_date=at(1), history_type="+", history_user=editor,
    )  # fmt: skip
    # The stages' own rows come first: the scores' ids overlap theirs.
    workspace = Assessment.objects.create(regency=regency, year=2023, indicator=first, stage="self", level=4)
    written = Assessment.objects.create(
        regency=regency, year=2022, indicator=first, stage="official", level=2, source=decree
    )
    AssessmentHistory.objects.create(
        id=workspace.id, regency=regency, year=2023, indicator=first, stage="self", level=4, version=1,
        history_date=at(2), history_type="+", history_user=editor,
    )  # fmt: skip
    scores = [
        Score.objects.create(result=official, indicator=first, level=2),
        Score.objects.create(result=official, indicator=second, level=3),
        Score.objects.create(result=own, indicator=first, level=4),
    ]
    for hour, (score, level, kind) in enumerate(
        [(scores[0], 1, "+"), (scores[0], 2, "~"), (scores[1], 3, "+"), (scores[2], 4, "+")], start=3
    ):
        ScoreHistory.objects.create(
            id=score.id, result_id=score.result_id, indicator_id=score.indicator_id, level=level,
            history_date=at(hour), history_type=kind, history_user=editor,
        )  # fmt: skip
    deleted_id = scores[-1].id + 5
    for hour, kind in ((8, "+"), (9, "-")):
        ScoreHistory.objects.create(
            id=deleted_id, result_id=999, indicator_id=second.id, level=5,
            history_date=at(hour), history_type=kind, history_user=editor,
        )  # fmt: skip
    old_history = history_of(ScoreHistory)
    offset = max(workspace.id, written.id)

    apps = migrate([THIS])

    Level = apps.get_model("assessments", "IndicatorAssessment")
    LevelHistory = apps.get_model("assessments", "HistoricalIndicatorAssessment")
    assert list(
        Level.objects.filter(result__isnull=False)
        .order_by("id")
        .values_list("id", "result_id", "regency_id", "year", "stage", "indicator_id", "part", "level", "is_demo")
    ) == [
        (offset + scores[0].id, official.id, regency.id, 2022, "official", first.id, 1, 2, True),
        (offset + scores[1].id, official.id, regency.id, 2022, "official", second.id, 1, 3, True),
        (offset + scores[2].id, own.id, regency.id, 2023, "self", first.id, 1, 4, False),
    ]
    assert list(Level.objects.filter(result__isnull=True).order_by("id").values_list("id", "stage", "level")) == [
        (workspace.id, "self", 4),
        (written.id, "official", 2),
    ]
    assert history_of(LevelHistory, result__isnull=False) == [
        (offset + pk, level, date, kind, user) for pk, level, date, kind, user in old_history
    ]
    assert (
        list(LevelHistory.objects.filter(id=offset + deleted_id).values_list("regency_id", "year", "stage"))
        == [(regency.id, 2024, "self")] * 2
    )
    assert history_of(LevelHistory, result__isnull=True) == [(workspace.id, 4, at(2), "+", editor.id)]
    # No new row takes an id a moved history row names, not even the deleted score's.
    later = Level.objects.create(regency_id=regency.id, year=2023, indicator_id=second.id, stage="self", level=1)
    assert later.id > offset + deleted_id

    # A value with decimals (Pemdi) cannot go back to whole levels: refused, nothing changed.
    later.level = Decimal("3.45")
    later.save()
    with pytest.raises(IrreversibleError):
        migrate(parents_of(THIS))
    assert Level.objects.count() == 6
    later.delete()

    apps = migrate(parents_of(THIS))

    Score = apps.get_model("assessments", "IndicatorScore")
    ScoreHistory = apps.get_model("assessments", "HistoricalIndicatorScore")
    Assessment = apps.get_model("assessments", "IndicatorAssessment")
    assert sorted(Score.objects.values_list("result_id", "indicator_id", "level")) == sorted(
        (score.result_id, score.indicator_id, score.level) for score in scores
    )
    assert [row[1:] for row in history_of(ScoreHistory)] == [row[1:] for row in old_history]
    assert sorted(Assessment.objects.values_list("id", "stage", "level")) == [
        (workspace.id, "self", 4),
        (written.id, "official", 2),
    ]
    assert Score.objects.create(result_id=own.id, indicator_id=second.id, level=1).id > max(
        ScoreHistory.objects.values_list("id", flat=True)
    )
