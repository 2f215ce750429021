"""The province's review page, its per-indicator form and the workspace's XLSX of a 5/2018 year show every scored
entry: indicator 35 once for each of three public services, each with its three stages and its own edit link
(issue 22)."""

from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from assessments import scoring
from assessments.models import AssessmentStage, Indicator, IndicatorAssessment, ResultKind
from entry.views.indicator_export import COLUMNS
from tests.entry_helpers import PARTS_OF_35, workspace_of_2019
from tests.factories import (
    FollowUpFactory,
    ResultFactory,
    StaffUserFactory,
    regency_admin,
)

pytestmark = pytest.mark.django_db

YEAR = 2019
NAME_35 = "Layanan Publik Instansi Pemerintah"


@pytest.fixture
def year_2019(reference_data):
    return {**workspace_of_2019(YEAR), "staff": StaffUserFactory()}


def review_url(regency):
    return reverse("entry:indicator_review", kwargs={"slug": regency.slug, "year": YEAR})


def edit_url(regency, number, part=None):
    url = reverse("entry:indicator_review_edit", kwargs={"slug": regency.slug, "year": YEAR, "number": number})
    return f"{url}?bagian={part}" if part else url


def row_html(html: str, anchor: str) -> str:
    row = html[html.index(f'<tr id="{anchor}"') :]
    return row[: row.index("</tr>")]


def test_the_review_page_shows_each_public_service_of_indicator_35_as_its_own_row(
    client, year_2019, django_assert_max_num_queries
):
    regency = year_2019["regency"]
    client.force_login(year_2019["staff"])

    with django_assert_max_num_queries(17):  # as any year (tests/entry/test_indicator_review.py)
        response = client.get(review_url(regency))

    html = response.content.decode()
    assert html.count('<tr id="indikator-35') == 3
    for part, level in PARTS_OF_35.items():
        row = row_html(html, f"indikator-35-{part}")
        assert f"35. {NAME_35} · layanan publik {part}" in row
        assert f'<td class="num"><span class="level level-{level}">{level}</span></td>' in row
        assert f'href="{edit_url(regency, 35, part)}"' in row.replace("&amp;", "&")
    assert '<tr id="indikator-34"' in html  # an indicator scored once keeps its anchor
    rows = response.context["review"].rows
    assert [(row.indicator.number, row.part, row.self_level) for row in rows if row.indicator.number == 35] == [
        (35, 1, 1),
        (35, 2, 3),
        (35, 3, 5),
    ]
    specs = year_2019["framework"].indicator_specs()
    scored = scoring.compute_scores(levels=year_2019["levels"], indicators=specs, level_range=range(0, 6))
    (own_score, _province, _official) = response.context["review"].overall.scores
    assert (own_score.filled, own_score.total, own_score.value) == (37, 37, scored.index)


def test_a_recommendation_of_indicator_35_shows_once_on_its_first_entrys_row_and_the_others_point_there(
    client, year_2019, django_assert_max_num_queries
):
    regency = year_2019["regency"]
    indicator = Indicator.objects.get(aspect__framework=year_2019["framework"], number=35)
    result = ResultFactory(regency=regency, year=YEAR, framework=year_2019["framework"], kind=ResultKind.OFFICIAL)
    FollowUpFactory(result=result, indicator=indicator, recommendation="Integrasikan ketiga layanan publik.")
    client.force_login(year_2019["staff"])

    with django_assert_max_num_queries(17):  # as any year
        html = client.get(review_url(regency)).content.decode()

    assert html.count("Integrasikan ketiga layanan publik.") == 1
    assert "Integrasikan ketiga layanan publik." in row_html(html, "indikator-35-1")
    pointer = '<a href="#indikator-35-1">lihat rekomendasi di baris 35 · layanan publik 1</a>'
    for part in (2, 3):
        assert pointer in row_html(html, f"indikator-35-{part}")
    # An indicator without recommendations points nowhere.
    assert "lihat rekomendasi" not in row_html(html, "indikator-34")


def test_staff_set_the_province_level_of_one_public_service_through_its_own_form(client, year_2019):
    regency = year_2019["regency"]
    client.force_login(year_2019["staff"])

    page = client.get(edit_url(regency, 35, 2))
    response = client.post(
        edit_url(regency, 35, 2),
        {"form": "provinsi", "provinsi-level": "2", "provinsi-note": "Belum terintegrasi.", "provinsi-version": "0"},
    )

    assert page.status_code == 200
    assert f"35. {NAME_35} · layanan publik 2" in page.content.decode()
    assert (page.context["self_row"].part, page.context["self_row"].level) == (2, 3)
    assert response.status_code == 302
    assert response["Location"].endswith("#indikator-35-2")
    written = IndicatorAssessment.objects.working().filter(regency=regency, stage=AssessmentStage.PROVINCE)
    assert [(row.indicator.number, row.part, row.level) for row in written] == [(35, 2, 2)]
    review = client.get(review_url(regency)).content.decode()
    assert '<td class="num"><span class="level level-2">2</span></td>' in row_html(review, "indikator-35-2")


def test_an_entry_the_indicator_does_not_have_is_not_found(client, year_2019):
    client.force_login(year_2019["staff"])

    assert client.get(edit_url(year_2019["regency"], 35, 4)).status_code == 404
    assert client.get(edit_url(year_2019["regency"], 34, 2)).status_code == 404


def test_the_workspace_xlsx_has_a_row_per_public_service_with_its_label(
    client, year_2019, django_assert_max_num_queries
):
    regency = year_2019["regency"]
    client.force_login(regency_admin(regency))

    with django_assert_max_num_queries(10):  # as any year (tests/entry/test_indicator_export.py)
        response = client.get(reverse("entry:indicator_export", kwargs={"slug": regency.slug, "year": YEAR}))

    sheet = list(load_workbook(BytesIO(response.content)).active.iter_rows(values_only=True))
    assert sheet[0] == tuple(COLUMNS)
    assert len(sheet) == 1 + 37
    entry, level = COLUMNS.index("entri"), COLUMNS.index("tingkat_mandiri")
    assert [(row[0], row[entry], row[level]) for row in sheet[1:] if row[0] == 35] == [
        (35, "layanan publik 1", 1),
        (35, "layanan publik 2", 3),
        (35, "layanan publik 3", 5),
    ]
    assert sheet[1][entry] is None  # an indicator scored once has no entry label


def test_the_service_refuses_a_province_level_for_an_entry_the_indicator_does_not_have(year_2019):
    from django.core.exceptions import ValidationError

    from assessments.services import indicator_review

    indicator = Indicator.objects.get(aspect__framework=year_2019["framework"], number=35)

    with pytest.raises(ValidationError, match="Indikator ini dinilai 3 kali \\(per layanan publik\\)"):
        indicator_review.set_province_level(
            regency=year_2019["regency"],
            year=YEAR,
            indicator=indicator,
            part=4,
            level=2,
            note="",
            version=0,
            by=year_2019["staff"],
        )

    assert not IndicatorAssessment.objects.filter(stage=AssessmentStage.PROVINCE).exists()


def test_the_province_view_has_a_column_per_public_service_and_counts_entries(
    client, year_2019, django_assert_max_num_queries
):
    client.force_login(year_2019["staff"])

    with django_assert_max_num_queries(19):  # as any year, the framework's reference read cold
        response = client.get(reverse("entry:province_indicators", args=[YEAR]))

    html = response.content.decode()
    for part in PARTS_OF_35:
        assert f'<abbr title="{NAME_35} · layanan publik {part}">35·{part}</abbr>' in html
    (row,) = [row for row in response.context["table"] if row[0] == year_2019["regency"]]
    cells = str(row[3])
    assert cells.endswith(
        '<td class="num"><span class="level level-1">1</span></td>'
        '<td class="num"><span class="level level-3">3</span></td>'
        '<td class="num"><span class="level level-5">5</span></td>'
    )
    assert cells.count("<td") == 37
    # Every entry filled: 37 of 37, never 37 of 35.
    assert "sedang diisi 37/37" in str(row[2])
    weakest = response.context["view"].weakest[0]
    assert (weakest.indicator.number, weakest.part, weakest.mean, weakest.regencies) == (35, 1, 1, 1)
    assert f"35. {NAME_35} · layanan publik 1</th>" in html
