"""The planner of a 5/2018 year keys every level by scored entry as scoring does (indicator 35 once for each of
three public services, `tingkat_35_2`), and a Pemdi indicator fed by another agency's index shows and takes its
value with decimals (issue 22)."""

import uuid
from decimal import Decimal

import pytest
from django.urls import reverse

from assessments import planner, scoring
from assessments.models import FollowUp, Indicator
from tests.entry_helpers import workspace_of_2019
from tests.factories import IndicatorAssessmentFactory, regency_admin
from tests.pemdi_entry_helpers import build_pemdi

pytestmark = pytest.mark.django_db

YEAR_2019 = 2019
# Every 5/2018 indicator at level 2 but indicator 35, whose three public services stand at 1, 3 and 5.


def planner_url(regency, year):
    return reverse("entry:planner", kwargs={"slug": regency.slug, "year": year})


@pytest.fixture
def year_2019(reference_data, client):
    workspace = workspace_of_2019(YEAR_2019)
    admin = regency_admin(workspace["regency"])
    client.force_login(admin)
    return {**workspace, "admin": admin}


def test_the_current_index_is_scorings_with_each_public_service_of_indicator_35(
    client, year_2019, django_assert_max_num_queries
):
    framework = year_2019["framework"]
    specs = framework.indicator_specs()
    scored = scoring.compute_scores(levels=year_2019["levels"], indicators=specs, level_range=framework.levels)

    with django_assert_max_num_queries(20):  # as an SPBE 59/2020 year (tests/entry/test_planner.py)
        response = client.get(planner_url(year_2019["regency"], YEAR_2019))

    assert response.status_code == 200
    assert response.context["current"].index == scored.index
    assert {key: level for key, level in response.context["data"].levels.items() if key in {(35, 1), (35, 2)}} == {
        (35, 1): 1,
        (35, 2): 3,
    }
    html = response.content.decode()
    assert html.count('name="tingkat_35_') == 3
    assert 'name="tingkat_35"' not in html
    assert "Indikator 35. Layanan Publik Instansi Pemerintah · layanan publik 2" in html


def test_raising_one_public_service_of_indicator_35_adds_its_entry_weight_over_the_total(client, year_2019):
    framework = year_2019["framework"]
    specs = framework.indicator_specs()
    total = sum(spec.weight for spec in specs)

    response = client.get(planner_url(year_2019["regency"], YEAR_2019), {"tingkat_35_2": "4"})

    data = response.context["data"]
    (step,) = [
        s
        for s in planner.next_steps(levels=data.levels, indicators=specs, level_range=framework.levels)
        if s.key == (35, 2)
    ]
    assert step.gain == (Decimal(20) / Decimal(6)) / total
    raised = {**year_2019["levels"], (35, 2): 4}
    expected = scoring.compute_scores(levels=raised, indicators=specs, level_range=framework.levels).index
    assert response.context["what_if"]["breakdown"].index == expected
    assert expected == scoring.round_index(
        (sum(spec.entry_weight * 2 for spec in specs if spec.number != 35) + Decimal(10) / 3 * (1 + 4 + 5)) / total
    )
    # Only that public service moved: the other two keep their levels in the fields shown again.
    html = response.content.decode()
    assert '<option value="1" selected>' in html.split('<select name="tingkat_35_1"')[1].split("</select>")[0]
    assert '<option value="4" selected>' in html.split('<select name="tingkat_35_2"')[1].split("</select>")[0]


def test_a_plan_step_for_a_public_service_of_indicator_35_names_that_service(client, year_2019):
    regency = year_2019["regency"]
    url = planner_url(regency, YEAR_2019)
    page = client.get(url, {"tingkat_35_2": "4"})
    assert "Indikator 35 · layanan publik 2" in page.content.decode()  # the step's fieldset

    response = client.post(
        reverse("entry:planner_save", kwargs={"slug": regency.slug, "year": YEAR_2019}),
        {
            **dict(page.context["what_if"]["carried"]),
            "submission_key": str(uuid.uuid4()),
            "aksi_35_2": "Integrasikan layanan perizinan",
            "penanggung_jawab_35_2": "Kepala Bidang Aptika",
            "tenggat_35_2": "2020-06-30",
        },
    )

    assert response.status_code == 302
    follow_up = FollowUp.objects.get()
    assert follow_up.indicator.number == 35
    assert follow_up.recommendation.startswith(
        "Naikkan indikator 35 (Layanan Publik Instansi Pemerintah, layanan publik 2) dari tingkat 3 ke tingkat 4"
    )


@pytest.fixture
def pemdi(client):
    built = build_pemdi()
    for number, level in ((1, 3), (2, Decimal("2.35")), (3, 4)):
        IndicatorAssessmentFactory(regency=built.regency, year=2026, indicator=built.indicators[number], level=level)
    client.force_login(built.admin)
    return built


def test_a_converted_value_shows_with_its_decimals_and_its_next_step_is_the_next_whole_level(client, pemdi):
    response = client.get(planner_url(pemdi.regency, 2026))

    # (25×3 + 25×2,35 + 50×4) / 100 = 3,3375 → 3,34.
    assert response.context["current"].index == Decimal("3.34")
    html = response.content.decode()
    assert 'name="tingkat_2" value="2,35"' in html
    (step,) = [row for row in response.context["steps"] if row.indicator.number == 2]
    assert (step.current, step.next_level, step.gain) == (Decimal("2.35"), 3, "0,1625")  # 25 × 0,65 / 100
    assert "tingkat 2,35 → tingkat 3" in html
    assert "naik ke tingkat bulat berikutnya menambah indeks" in html
    assert "Nilai dari Indeks Uji Data (skala 1–5)" in html  # the field says whose value it is and on what scale


def test_a_what_if_of_a_whole_or_decimal_converted_value_projects_the_index(client, pemdi):
    url = planner_url(pemdi.regency, 2026)

    whole = client.get(url, {"tingkat_2": "3"}).context["what_if"]
    decimal = client.get(url, {"tingkat_2": "3,40"}).context["what_if"]
    refused = client.get(url, {"tingkat_2": "5,5"})

    assert whole["breakdown"].index == Decimal("3.50")  # (75 + 75 + 200) / 100
    assert decimal["breakdown"].index == Decimal("3.60")  # (75 + 85 + 200) / 100
    assert refused.context["what_if"] is None
    assert refused.context["form"].errors


def test_the_service_refuses_an_entry_the_indicator_does_not_have_and_saves_nothing(year_2019):
    from datetime import date

    from django.core.exceptions import ValidationError

    from assessments import services

    indicator = Indicator.objects.get(aspect__framework=year_2019["framework"], number=35)
    raises = [
        services.PlannedRaise(
            indicator=indicator, part=4, current=None, target=1, owner="Kabid Aptika", due_date=date(2020, 6, 30)
        )
    ]

    with pytest.raises(ValidationError, match="Indikator 35 tidak punya entri ke-4"):
        services.save_plan(
            regency=year_2019["regency"],
            year=YEAR_2019,
            framework=year_2019["framework"],
            raises=raises,
            by=year_2019["admin"],
            submission_key=uuid.uuid4(),
        )

    assert FollowUp.objects.count() == 0


def test_the_planner_counts_entries_and_says_so_when_one_public_service_is_empty(client, year_2019):
    from assessments.models import IndicatorAssessment

    IndicatorAssessment.objects.filter(regency=year_2019["regency"], indicator__number=35, part=2).update(level=None)

    html = client.get(planner_url(year_2019["regency"], YEAR_2019)).content.decode()

    # 35 indicators, 37 entries: the page counts entries and calls them entries, never "36 dari 37 indikator".
    assert "(36 dari 37 isian indikator terisi; isian yang masih kosong tidak menambah nilai)" in html
    assert "Isi dulu 1 isian indikator yang masih kosong:\n          35 · layanan publik 2." in html
