"""manage.py seed_demo: synthetic rows that say so, at any scale, removable without touching the real data."""

import csv
import io

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from assessments import scoring
from assessments.models import (
    FollowUp,
    IndicatorAssessment,
    PublicationState,
    Result,
    ResultKind,
    ReviewState,
    Target,
)
from regencies.models import Regency, StatusFlag
from tests.planner_statistics import planner_row_count

HOME = reverse("dashboard:home")
BANNER = "Data contoh"


def seed(**options) -> str:
    out = io.StringIO()
    call_command("seed_demo", stdout=out, **options)
    return out.getvalue()


def demo_snapshot() -> list:
    """The demo rows as plain values without keys or clocks: what must repeat for the same seed."""
    results = Result.objects.filter(is_demo=True).order_by("regency__code", "year", "kind", "version")
    levels = IndicatorAssessment.objects.filter(result__is_demo=True).order_by(
        "result__regency__code", "result__year", "result__kind", "result__version", "indicator__number"
    )
    return [
        list(Regency.objects.filter(is_demo=True).values_list("code", "name", "kind", "slug")),
        list(results.values_list("regency__code", "year", "kind", "state", "value", "evaluated", "version")),
        list(levels.values_list("result__regency__code", "result__year", "indicator__number", "level")),
        list(
            Target.objects.filter(is_demo=True)
            .order_by("regency__code", "year")
            .values_list("regency__code", "year", "value")
        ),
        list(
            StatusFlag.objects.filter(is_demo=True)
            .order_by("regency__code", "as_of")
            .values_list("regency__code", "flag")
        ),
        list(
            FollowUp.objects.filter(is_demo=True).order_by("result__regency__code", "pk").values_list("state", "status")
        ),
    ]


def real_rows() -> dict:
    """Every row of every table of ours except the publication counter, as plain values."""
    skipped = {PublicationState}
    rows = {}
    for label in ("regencies", "assessments", "accounts"):
        for model in apps.get_app_config(label).get_models():
            if model not in skipped:
                rows[model._meta.label] = list(model.objects.order_by("pk").values())
    return rows


def test_the_same_seed_gives_the_same_rows(reference_data):
    seed(regencies=40, years="2021-2023", seed=7)
    first = demo_snapshot()
    seed(clear=True)
    seed(regencies=40, years="2021-2023", seed=7)

    assert demo_snapshot() == first
    assert len(first[0]) == 40 - 22


def test_another_seed_gives_other_values(reference_data):
    seed(regencies=30, years="2022-2023", seed=1)
    first = demo_snapshot()
    seed(clear=True)
    seed(regencies=30, years="2022-2023", seed=2)

    assert demo_snapshot()[1] != first[1]


@pytest.mark.slow
def test_clear_leaves_the_real_data_exactly_as_it_was(reference_data):
    before = real_rows()
    seed(regencies=60, years="2018-2025", seed=3)
    assert Result.objects.filter(is_demo=True).exists()

    seed(clear=True)

    assert real_rows() == before
    assert not Regency.objects.filter(is_demo=True).exists()


def test_only_empty_slots_are_filled_and_real_values_stay(reference_data):
    seed(regencies=22, years="2018-2025", seed=1)

    kupang_2022 = Result.objects.get(regency__code="53.01", year=2022, kind=ResultKind.OFFICIAL, state="verified")
    assert not kupang_2022.is_demo
    assert str(kupang_2022.value) == "1.85"
    assert Result.objects.filter(regency__code="53.01", year=2019, is_demo=True).exists()
    assert Regency.objects.ranked().count() == 22


def test_demo_regencies_have_codes_no_real_regency_has(reference_data):
    seed(regencies=150, years="2024-2024", seed=1)

    codes = list(Regency.objects.filter(is_demo=True).order_by("code").values_list("code", flat=True))
    assert codes[0] == "90.01"
    assert codes[-1] == "91.29"
    assert all(
        name.startswith("Contoh ") for name in Regency.objects.filter(is_demo=True).values_list("name", flat=True)
    )


def test_every_result_has_indicator_levels_and_its_index_is_computed_from_them(reference_data):
    seed(regencies=30, years="2021-2022", seed=5)

    for result in Result.objects.filter(is_demo=True, evaluated=True).prefetch_related("indicator_levels__indicator")[
        :50
    ]:
        levels = {level.indicator.number: level.level for level in result.indicator_levels.all()}
        assert len(levels) == 47
        assert (
            scoring.compute_scores(
                levels=levels,
                indicators=result.framework.indicator_specs(),
                level_range=result.framework.levels,
            ).index
            == result.value
        )


@pytest.mark.slow
def test_every_workflow_state_is_seeded(reference_data):
    seed(regencies=120, years="2023-2024", seed=1)

    states = set(Result.objects.filter(is_demo=True).values_list("state", flat=True))
    assert states == {state.value for state in ReviewState}
    assert Result.objects.filter(is_demo=True, state=ReviewState.VERIFIED, revises__isnull=False).exists()
    assert set(FollowUp.objects.filter(is_demo=True).values_list("state", flat=True)) == {"draft", "verified"}


def test_years_must_be_a_range_of_evaluation_years(reference_data):
    with pytest.raises(CommandError):
        seed(years="2010-2012")


def test_the_ranking_with_demo_rows_shows_the_banner(client, reference_data):
    assert BANNER not in client.get(HOME).content.decode()

    seed(regencies=25, years="2024-2024", seed=1)

    html = client.get(HOME).content.decode()
    assert BANNER in html
    assert "Kabupaten Contoh 001" in html


def test_real_years_without_demo_rows_show_no_banner(client, reference_data):
    seed(regencies=22, years="2018-2019", seed=1)

    assert BANNER not in client.get(HOME, {"tahun": 2022}).content.decode()
    assert BANNER in client.get(HOME, {"tahun": 2019}).content.decode()


def test_profiles_showing_demo_rows_show_the_banner(client, reference_data):
    kota_kupang = reverse("dashboard:regency", kwargs={"slug": "kota-kupang"})
    assert BANNER not in client.get(kota_kupang).content.decode()

    seed(regencies=23, years="2023-2024", seed=1)

    assert BANNER in client.get(reverse("dashboard:regency", kwargs={"slug": "kabupaten-contoh-001"})).content.decode()
    # A real regency whose empty years were filled shows demo rows too.
    assert BANNER in client.get(kota_kupang).content.decode()


def test_embeds_and_the_method_page_say_when_they_show_demo_rows(client, reference_data):
    embed = reverse("dashboard:embed", kwargs={"slug": "kabupaten-contoh-001"})
    real_embed = reverse("dashboard:embed", kwargs={"slug": "kabupaten-rote-ndao"})
    method = reverse("dashboard:method")
    assert BANNER not in client.get(real_embed).content.decode()
    assert BANNER not in client.get(method).content.decode()

    seed(regencies=23, years="2021-2021", seed=1)

    assert BANNER in client.get(embed).content.decode()
    assert BANNER in client.get(method).content.decode()


def test_downloads_mark_demo_rows(client, reference_data):
    seed(regencies=23, years="2024-2024", seed=1)

    lines = list(csv.DictReader(io.StringIO(client.get(HOME, {"unduh": "csv"}).content.decode())))

    marks = {line["kode_kemendagri"]: line["data_contoh"] for line in lines}
    assert marks["90.01"] == "ya"


def test_seeding_makes_cached_pages_stale(client, reference_data):
    client.get(HOME)

    seed(regencies=23, years="2024-2024", seed=1)

    assert "Kabupaten Contoh 001" in client.get(HOME).content.decode()


def test_seeding_and_clearing_leave_the_planner_statistics_of_what_they_wrote(reference_data):
    # Without them PostgreSQL's planner guessed, and chose plans up to nine times slower at national size.
    seed(regencies=24, years="2024-2025", seed=1)

    assert planner_row_count("assessments_indicatorassessment") == IndicatorAssessment.objects.count() > 0

    seed(clear=True)

    assert planner_row_count("assessments_result") == Result.objects.count() > 0  # the real results stay


def test_returned_demo_rows_open_their_conversation_and_clear_removes_it_with_any_reply(reference_data):
    from assessments import services
    from assessments.models import ReviewMessage
    from tests.factories import StaffUserFactory

    seed(regencies=40, years="2021-2023", seed=7)
    returned = list(Result.objects.filter(is_demo=True, state=ReviewState.RETURNED))
    assert returned
    assert {m.result_id for m in ReviewMessage.objects.all()} == {r.pk for r in returned}
    services.reply_to_review(result=returned[0], by=StaffUserFactory(), body="Balasan uji.")

    seed(clear=True)

    assert not Result.objects.filter(is_demo=True).exists()
    assert not ReviewMessage.objects.exists()


def test_the_indicator_stages_are_seeded_marked_and_cleared(reference_data):
    from assessments.models import AssessmentStage

    before = real_rows()
    output = seed(regencies=30, years="2021-2023", seed=3)

    rows = IndicatorAssessment.objects.working()
    assert rows.exists()
    assert not rows.filter(is_demo=False).exists()
    assert "indicator stage levels" in output
    stages = set(rows.values_list("stage", flat=True))
    assert stages == {AssessmentStage.SELF, AssessmentStage.PROVINCE, AssessmentStage.OFFICIAL}
    assert not rows.filter(stage=AssessmentStage.OFFICIAL, source__isnull=True).exists()
    # An official stage repeats the verified official result's levels.
    official = rows.filter(stage=AssessmentStage.OFFICIAL).select_related("indicator").first()
    result = Result.objects.get(
        regency=official.regency, year=official.year, kind=ResultKind.OFFICIAL, state=ReviewState.VERIFIED
    )
    assert result.indicator_levels.get(indicator=official.indicator).level == official.level

    seed(clear=True)

    assert not IndicatorAssessment.objects.exists()
    assert real_rows() == before


def test_2018_results_score_indicator_35_once_per_public_service(reference_data):
    seed(regencies=22, years="2018-2018", seed=3)

    result = Result.objects.filter(is_demo=True, year=2018, evaluated=True).first()
    rows = list(result.indicator_levels.select_related("indicator"))
    levels = {(row.indicator.number, row.part): row.level for row in rows}
    assert len(rows) == 37
    assert sorted(part for number, part in levels if number == 35) == [1, 2, 3]
    framework = result.framework
    assert (
        scoring.compute_scores(
            levels=levels, indicators=framework.indicator_specs(), level_range=framework.levels
        ).index
        == result.value
    )


def test_the_current_pemdi_year_gets_self_assessments_only_with_decimal_values(reference_data):
    seed(regencies=40, years="2025-2026", seed=2)

    pemdi = Result.objects.filter(is_demo=True, year=2026)
    assert pemdi.exists()
    assert set(pemdi.values_list("kind", flat=True)) == {ResultKind.SELF_ASSESSMENT}
    assert set(pemdi.values_list("framework__code", flat=True)) == {"PermenPANRB-8-2026"}
    assert Result.objects.filter(is_demo=True, year=2025, kind=ResultKind.OFFICIAL).exists()
    external = IndicatorAssessment.objects.filter(result__in=pemdi, indicator__value_places=2)
    assert any(row.level != int(row.level) for row in external)
    assert all(1 <= row.level <= 5 for row in external)
    assert set(Target.objects.filter(is_demo=True, year=2026).values_list("framework__code", flat=True)) == {
        "PermenPANRB-8-2026"
    }


def test_the_bench_can_ask_for_the_current_year_ranked_as_once_published(reference_data, client):
    seed(regencies=30, years="2026", seed=2, published_through=2026)

    official = Result.objects.filter(is_demo=True, year=2026, kind=ResultKind.OFFICIAL)
    assert official.exists()
    assert set(official.values_list("framework__code", flat=True)) == {"PermenPANRB-8-2026"}
    ranking = client.get(reverse("dashboard:home"), {"tahun": 2026})
    assert ranking.status_code == 200
    assert "Indeks Pemerintah Digital" in ranking.content.decode()
