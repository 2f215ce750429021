"""The improvement planner page `/entri/indikator/<slug>/<year>/rencana/`: ranking, gaps, what-if and saving the
plan as follow-ups."""

import uuid
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from assessments import services
from assessments.models import FollowUp, ReviewState
from tests.factories import (
    AspectFactory,
    DomainFactory,
    FrameworkFactory,
    IndicatorAssessmentFactory,
    IndicatorFactory,
    LevelCriterionFactory,
    RegencyFactory,
    ResultFactory,
    ResultLevelFactory,
    SourceFactory,
    StaffUserFactory,
    TargetFactory,
    regency_admin,
)

YEAR = 2024


def small_framework(indicator_count: int = 4):
    """Two domains; the first four indicators weigh 40, 30, 20, 10 (the worked example of
    tests/assessments/test_planner.py); further indicators, if asked, join domain 2 with weight 1."""
    framework = FrameworkFactory(first_year=2020, min_level=1, max_level=5)
    first = AspectFactory(domain=DomainFactory(framework=framework, number=1, name="Kebijakan"), number=1)
    second = AspectFactory(domain=DomainFactory(framework=framework, number=2, name="Layanan"), number=2)
    weights = [("40", first), ("30", first), ("20", second), ("10", second)]
    indicators = []
    for number in range(1, indicator_count + 1):
        weight, aspect = weights[number - 1] if number <= 4 else ("1", second)
        indicators.append(
            IndicatorFactory(aspect=aspect, number=number, name=f"Indikator nomor {number}", weight=Decimal(weight))
        )
    return framework, indicators


@pytest.fixture
def planned(db):
    framework, indicators = small_framework()
    regency = RegencyFactory()
    for indicator, level in zip(indicators, (2, 1, 3, 5), strict=True):
        IndicatorAssessmentFactory(regency=regency, year=YEAR, indicator=indicator, level=level)
    LevelCriterionFactory(
        indicator=indicators[0], level=3, criteria="Kebijakan internal terdefinisi", evidence_hint="SK kebijakan"
    )
    TargetFactory(regency=regency, year=YEAR, value=Decimal("3.00"))
    result = ResultFactory(regency=regency, year=2023, framework=framework, value=Decimal("2.10"))
    return {
        "framework": framework,
        "indicators": indicators,
        "regency": regency,
        "result": result,
        "admin": regency_admin(regency),
    }


def planner_url(regency, year=YEAR):
    return reverse("entry:planner", kwargs={"slug": regency.slug, "year": year})


def save_url(regency, year=YEAR):
    return reverse("entry:planner_save", kwargs={"slug": regency.slug, "year": year})


def test_planner_ranks_indicators_by_what_one_more_level_adds(client, planned):
    client.force_login(planned["admin"])

    response = client.get(planner_url(planned["regency"]))

    assert response.status_code == 200
    steps = response.context["steps"]
    assert [(row.indicator.number, row.gain, row.next_level) for row in steps] == [
        (1, "0,4", 3),
        (2, "0,3", 2),
        (3, "0,2", 4),
    ]
    content = response.content.decode()
    assert "Kebijakan internal terdefinisi" in content
    assert "SK kebijakan" in content
    assert "teks kriteria tidak tersedia" in content  # indicators 2 and 3 have no criteria text
    assert "Dihitung dari evaluasi mandiri tahun ini" in content
    assert response.context["current"].index == Decimal("2.20")


def test_planner_gives_the_gap_and_one_level_steps_to_next_band_and_target(client, planned):
    client.force_login(planned["admin"])

    response = client.get(planner_url(planned["regency"]))
    goals = response.context["goals"]

    # The target's plan spreads one-level steps over the heaviest indicators (1, 2, 3), not 1 from 2 to 4.
    assert [(goal.label, goal.goal, goal.plan.gap, goal.plan.steps, goal.plan.raises) for goal in goals] == [
        ("Predikat Baik", Decimal("2.60"), Decimal("0.40"), 1, {1: 3}),
        (f"Target tahun {YEAR}", Decimal("3.00"), Decimal("0.80"), 3, {1: 3, 2: 2, 3: 4}),
    ]
    content = response.content.decode()
    assert "3 langkah:" in content
    assert "1 (tingkat 2 → 3), 2 (tingkat 1 → 2), 3 (tingkat 3 → 4)" in content
    # Each plan opens as a "what if": the target's plan projects at least the target.
    assert goals[1].query == "tingkat_1=3&tingkat_2=2&tingkat_3=4"
    projected = client.get(planner_url(planned["regency"]) + "?" + goals[1].query).context["what_if"]
    assert projected["breakdown"].index == Decimal("3.10")


def test_a_half_filled_workspace_is_asked_first_for_the_indicators_not_filled(client, planned):
    from assessments.models import IndicatorAssessment

    IndicatorAssessment.objects.filter(regency=planned["regency"], indicator__number__in=[2, 3]).update(level=None)
    client.force_login(planned["admin"])

    response = client.get(planner_url(planned["regency"]))

    content = response.content.decode()
    assert "Isi dulu 2 isian indikator yang masih kosong:" in content
    assert "belum diisi →" not in content
    # (40×2 + 10×5) / 100 = 1,30; filling 2 and 3 at level 1 gives 1,80, the band Cukup: two steps. The target 3,00
    # then takes indicator 1 2 → 3 (+0,40 → 2,20), 2 1 → 2 (+0,30 → 2,50), 3 1 → 2 (+0,20 → 2,70) and, a second
    # round, 1 3 → 4 (+0,40 → 3,10): six steps.
    band, target = response.context["goals"]
    assert (band.label, band.plan.fill, band.plan.steps, band.plan.raises) == (
        "Predikat Cukup",
        (2, 3),
        2,
        {2: 1, 3: 1},
    )
    assert (target.plan.fill, target.plan.steps, target.plan.raises) == ((2, 3), 6, {2: 2, 3: 2, 1: 4})
    assert [(indicator.number, before, after) for indicator, before, after in target.raises] == [
        (2, 1, 2),
        (3, 1, 2),
        (1, 2, 4),
    ]


def test_planner_starts_from_the_latest_official_levels_without_a_self_assessment(client, planned):
    regency = RegencyFactory()
    source = SourceFactory()
    for indicator, level in zip(planned["indicators"], (1, 1, 1, 1), strict=True):
        IndicatorAssessmentFactory(
            regency=regency, year=2023, indicator=indicator, stage="official", level=level, source=source
        )
    client.force_login(StaffUserFactory())

    response = client.get(planner_url(regency))

    assert "dihitung dari tingkat resmi KemenPAN-RB tahun 2023" in response.content.decode()
    assert response.context["current"].index == Decimal("1.00")


def test_what_if_projects_index_domains_and_predikat_on_the_server(client, planned):
    client.force_login(planned["admin"])

    response = client.get(planner_url(planned["regency"]), {"tingkat_1": "3", "tingkat_2": "2"})

    what_if = response.context["what_if"]
    assert what_if["breakdown"].index == Decimal("2.90")
    assert what_if["band"].name == "Baik"
    assert what_if["domains"] == [
        ("1. Kebijakan", Decimal("1.57"), Decimal("2.57")),
        ("2. Layanan", Decimal("3.67"), Decimal("3.67")),
    ]
    content = response.content.decode()
    assert 'data-testid="what-if-index">2,90<' in content
    assert f"Simpan rencana sebagai 2 tindak lanjut (evaluasi mandiri {YEAR})" in content


def test_a_level_outside_the_framework_is_refused_and_nothing_projected(client, planned):
    client.force_login(planned["admin"])

    response = client.get(planner_url(planned["regency"]), {"tingkat_1": "7"})

    assert response.status_code == 200
    assert response.context["what_if"] is None
    assert response.context["form"].errors


def test_saving_the_plan_makes_one_follow_up_per_raised_indicator_once(client, planned):
    client.force_login(planned["admin"])
    key = str(uuid.uuid4())
    data = {
        "tingkat_1": "4",
        "tingkat_2": "2",
        "tingkat_3": "2",
        "tingkat_4": "5",
        "submission_key": key,
        "aksi_1": "Menetapkan Perbup arsitektur SPBE",
        "penanggung_jawab_1": "Kepala Bidang Aptika",
        "tenggat_1": "2025-06-30",
        "aksi_2": "",
        "penanggung_jawab_2": "Sekretaris Dinas Kominfo",
        "tenggat_2": "2025-09-30",
    }

    first = client.post(save_url(planned["regency"]), data)
    second = client.post(save_url(planned["regency"]), data)  # a double click

    assert first.status_code == second.status_code == 302
    follow_ups = FollowUp.objects.order_by("indicator__number")
    # The plan belongs to the self-assessment year, not to the 2023 official result (issue 23).
    assert [(f.indicator.number, f.result_id, f.regency, f.year, f.state, f.status) for f in follow_ups] == [
        (1, None, planned["regency"], YEAR, ReviewState.DRAFT, "planned"),
        (2, None, planned["regency"], YEAR, ReviewState.DRAFT, "planned"),
    ]
    assert follow_ups[0].recommendation.startswith(
        "Naikkan indikator 1 (Indikator nomor 1) dari tingkat 2 ke tingkat 4"
    )
    assert [(f.action_plan, f.owner, str(f.due_date)) for f in follow_ups] == [
        ("Menetapkan Perbup arsitektur SPBE", "Kepala Bidang Aptika", "2025-06-30"),
        ("", "Sekretaris Dinas Kominfo", "2025-09-30"),  # left empty: never the criterion copied
    ]
    page = client.get(first["Location"])
    assert "Rencana disimpan sebagai 2 tindak lanjut" in page.content.decode()


def test_the_save_form_asks_per_step_what_will_be_done_who_and_by_when_with_an_empty_action(client, planned):
    client.force_login(planned["admin"])

    response = client.get(planner_url(planned["regency"]), {"tingkat_1": "3"})

    save_form = response.context["what_if"]["save_form"]
    assert save_form.raised == [1]
    content = response.content.decode()
    assert 'name="penanggung_jawab_1"' in content
    assert 'name="tenggat_1"' in content
    assert save_form["aksi_1"].value() in (None, "")
    assert "Kebijakan internal terdefinisi" not in (save_form["aksi_1"].value() or "")  # the criterion of level 3


def test_a_step_without_a_person_in_charge_or_deadline_is_refused_naming_the_field_and_nothing_saved(client, planned):
    client.force_login(planned["admin"])

    response = client.post(
        save_url(planned["regency"]),
        {"tingkat_1": "3", "submission_key": str(uuid.uuid4()), "aksi_1": "Menyusun SK", "penanggung_jawab_1": ""},
    )

    assert response.status_code == 400
    errors = response.context["what_if"]["save_form"].errors
    assert set(errors) == {"penanggung_jawab_1", "tenggat_1"}
    assert "Menyusun SK" in response.content.decode()  # what the person wrote is kept
    assert FollowUp.objects.count() == 0


def test_saving_is_all_or_nothing(planned):
    other_indicator = IndicatorFactory()  # of another framework
    raises = [
        services.PlannedRaise(
            indicator=planned["indicators"][0], current=2, target=3, owner="Kabid Aptika", due_date=date(2025, 6, 30)
        ),
        services.PlannedRaise(
            indicator=other_indicator, current=1, target=2, owner="Kabid Aptika", due_date=date(2025, 6, 30)
        ),
    ]

    with pytest.raises(ValidationError):
        services.save_plan(
            regency=planned["regency"],
            year=YEAR,
            framework=planned["framework"],
            raises=raises,
            by=planned["admin"],
            submission_key=uuid.uuid4(),
        )

    assert FollowUp.objects.count() == 0


def test_the_service_refuses_a_step_without_a_person_in_charge_or_deadline(planned):
    raises = [services.PlannedRaise(indicator=planned["indicators"][0], current=2, target=3, owner=" ")]

    with pytest.raises(ValidationError, match="Langkah indikator 1 perlu penanggung jawab dan tenggat"):
        services.save_plan(
            regency=planned["regency"],
            year=YEAR,
            framework=planned["framework"],
            raises=raises,
            by=planned["admin"],
            submission_key=uuid.uuid4(),
        )

    assert FollowUp.objects.count() == 0


def test_a_plan_is_saved_before_any_official_result_and_kept_on_the_planner(client, planned):
    # Issue 23: most regencies have no published official result; the plan belongs to the self-assessment year.
    planned["result"].delete()
    client.force_login(planned["admin"])

    page = client.get(planner_url(planned["regency"]), {"tingkat_1": "3"})
    saved = client.post(
        save_url(planned["regency"]),
        {
            "tingkat_1": "3",
            "submission_key": str(uuid.uuid4()),
            "aksi_1": "Menetapkan Perbup arsitektur SPBE",
            "penanggung_jawab_1": "Kepala Bidang Aptika",
            "tenggat_1": "2025-06-30",
        },
    )

    assert "Simpan rencana sebagai 1 tindak lanjut" in page.content.decode()
    assert saved.status_code == 302
    follow_up = FollowUp.objects.get()
    assert (follow_up.result, follow_up.regency, follow_up.year) == (None, planned["regency"], YEAR)
    again = client.get(planner_url(planned["regency"])).content.decode()
    assert "Rencana aksi yang sudah tersimpan" in again
    edit = client.get(reverse("entry:follow_up_edit", kwargs={"pk": follow_up.pk}))
    assert edit.status_code == 200
    assert planner_url(planned["regency"]) in edit.content.decode()


def test_another_regencys_admin_cannot_save_a_plan_through_the_service(planned):
    raises = [
        services.PlannedRaise(
            indicator=planned["indicators"][0], current=2, target=3, owner="Kabid", due_date=date(2025, 6, 30)
        )
    ]

    with pytest.raises(PermissionDenied):
        services.save_plan(
            regency=planned["regency"],
            year=YEAR,
            framework=planned["framework"],
            raises=raises,
            by=regency_admin(),
            submission_key=uuid.uuid4(),
        )

    assert FollowUp.objects.count() == 0


def test_another_regency_admin_gets_404(client, planned):
    client.force_login(regency_admin())

    assert client.get(planner_url(planned["regency"])).status_code == 404


def test_a_year_without_a_framework_is_404(client, planned):
    client.force_login(planned["admin"])

    assert client.get(planner_url(planned["regency"], year=2019)).status_code == 404


@pytest.mark.parametrize("indicator_count", [4, 47])
def test_planner_query_count_is_fixed(db, client, django_assert_max_num_queries, indicator_count):
    framework, indicators = small_framework(indicator_count)
    regency = RegencyFactory()
    for indicator in indicators:
        IndicatorAssessmentFactory(regency=regency, year=YEAR, indicator=indicator, level=2)
        LevelCriterionFactory(indicator=indicator, level=3)
    ResultFactory(regency=regency, year=2023, framework=framework)
    client.force_login(regency_admin(regency))

    # The official levels are read even beside a workspace; the framework's reference is read cold (the
    # publication version and six queries; one once kept: entry/selectors/structure.py).
    with django_assert_max_num_queries(20):
        response = client.get(planner_url(regency), {"tingkat_1": "4"})

    assert response.status_code == 200


def test_planner_starts_from_a_verified_official_results_scores_and_says_so(client, planned):
    regency = RegencyFactory()
    result = ResultFactory(regency=regency, year=2022, framework=planned["framework"])
    for indicator, level in zip(planned["indicators"], (2, 2, 2, 2), strict=True):
        ResultLevelFactory(result=result, indicator=indicator, level=level)
    client.force_login(regency_admin(regency))

    response = client.get(planner_url(regency))

    assert "dihitung dari nilai indikator hasil resmi tahun 2022 yang terverifikasi" in response.content.decode()
    assert response.context["current"].index == Decimal("2.00")


def test_planner_without_any_levels_says_every_indicator_counts_as_not_filled(client, planned):
    regency = RegencyFactory()
    client.force_login(regency_admin(regency))

    response = client.get(planner_url(regency))

    content = response.content.decode()
    assert "semua indikator dihitung belum diisi" in content
    assert [row.next_level for row in response.context["steps"]] == [1, 1, 1, 1]
    assert 'data-testid="planner-current"><span class="no-data">belum ada data</span>' in content


def test_a_planner_started_from_seeded_demo_levels_says_so_and_a_real_one_does_not(client, planned):
    from assessments.models import IndicatorAssessment

    client.force_login(planned["admin"])

    real = client.get(planner_url(planned["regency"])).content.decode()
    IndicatorAssessment.objects.filter(regency=planned["regency"]).update(is_demo=True)
    demo = client.get(planner_url(planned["regency"])).content.decode()

    assert "Data contoh" not in real
    assert "Data contoh" in demo


def _selected_levels(content: str) -> dict[int, str]:
    """The level each "what if" select shows as chosen, read from the HTML."""
    from html.parser import HTMLParser

    class Selects(HTMLParser):
        def __init__(self):
            super().__init__()
            self.current = None
            self.chosen: dict[int, str] = {}

        def handle_starttag(self, tag, attrs):
            attrs = dict(attrs)
            if tag == "select" and (attrs.get("name") or "").startswith("tingkat_"):
                self.current = int(attrs["name"].removeprefix("tingkat_"))
            elif tag == "option" and self.current is not None and "selected" in attrs:
                self.chosen[self.current] = attrs.get("value")

        def handle_endtag(self, tag):
            if tag == "select":
                self.current = None

    parser = Selects()
    parser.feed(content)
    return parser.chosen


def test_raising_one_indicator_one_level_adds_exactly_its_weight_over_the_total_and_keeps_the_others(client, planned):
    """index = Σ(level_i × w_i) / Σ w_i: from 2,20, indicator 3 (weight 20 of 100) one level up gives 2,40; every
    other indicator stays at its current level in the projection and in the form shown again."""
    client.force_login(planned["admin"])

    response = client.get(planner_url(planned["regency"]), {"tingkat_3": "4"})

    assert response.context["current"].index == Decimal("2.20")
    assert response.context["what_if"]["breakdown"].index == Decimal("2.20") + Decimal(20) / Decimal(100)
    assert _selected_levels(response.content.decode()) == {1: "2", 2: "1", 3: "4", 4: "5"}
    shown = _selected_levels(response.content.decode())
    again = client.get(planner_url(planned["regency"]), {f"tingkat_{n}": level for n, level in shown.items()})
    assert again.context["what_if"]["breakdown"].index == Decimal("2.40")


def test_the_planner_starts_from_the_years_published_official_levels_before_the_workspace(client, planned):
    source = SourceFactory()
    for indicator, level in zip(planned["indicators"], (3, 3, 3, 3), strict=True):
        IndicatorAssessmentFactory(
            regency=planned["regency"], year=YEAR, indicator=indicator, stage="official", level=level, source=source
        )
    client.force_login(planned["admin"])

    response = client.get(planner_url(planned["regency"]), {"tingkat_4": "4"})

    assert response.context["current"].index == Decimal("3.00")
    assert response.context["what_if"]["breakdown"].index == Decimal("3.10")
    assert f"tingkat resmi KemenPAN-RB tahun {YEAR}" in response.content.decode()
