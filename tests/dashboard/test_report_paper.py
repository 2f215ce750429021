"""The PDF reports as paper: each page rendered to a picture keeps its ink inside the A4 margins of the reports'
style, and the profile's report says what the chart's lines are and gives the gap to the target, as the profile
page does."""

from django.urls import reverse

from tests.paper import first_page_pieces, ink_box, pages_as_pictures, text_of

KUPANG_REPORT = reverse("dashboard:regency_report", kwargs={"slug": "kabupaten-kupang"})
RANKING_REPORT = reverse("dashboard:ranking_report", args=[2022])

POINTS_PER_MM = 72 / 25.4
SIDE_MARGIN = 14 * POINTS_PER_MM  # templates/dashboard/_report_style.html: @page margin 16mm 14mm 18mm
# Antialiasing may spill a pixel or two past a box's edge; a table running into the margin spills millimetres.
TOLERANCE = 2


def assert_inside_the_side_margins(pdf: bytes, folder) -> None:
    pictures = pages_as_pictures(pdf, folder)
    assert pictures
    for number, picture in enumerate(pictures, start=1):
        left, _top, right, _bottom = ink_box(picture)
        assert left >= SIDE_MARGIN - TOLERANCE, f"page {number}: ink {left} pt from the left edge"
        assert picture.width - right >= SIDE_MARGIN - TOLERANCE, (
            f"page {number}: ink {picture.width - right} pt from the right edge"
        )


def test_the_ranking_report_keeps_its_table_inside_the_margins(client, reference_data, tmp_path):
    response = client.get(RANKING_REPORT)

    assert response["Content-Type"] == "application/pdf"
    assert_inside_the_side_margins(response.content, tmp_path)


def test_the_profile_report_has_a_legend_and_the_gap_to_the_target_inside_the_margins(client, reference_data, tmp_path):
    pdf = client.get(KUPANG_REPORT).content
    pieces = first_page_pieces(pdf)
    table_top = next(y for y, text in pieces if text.startswith("Tahun"))

    # The legend sits under the chart, above its table: one line per series drawn (no self-assessment here).
    legend = {text for y, text in pieces if y > table_top}
    assert "Hasilevaluasiresmi" in legend
    assert "Target" in legend
    assert "Evaluasimandiri" not in legend
    text = text_of(pdf)
    assert "Selisih" in text
    # Kabupaten Kupang (ANTARA, 29 Jul 2023): 1,60 against 2,13 in 2021, 1,85 against 3,86 in 2022.
    assert "−0,53" in text
    assert "−2,01" in text
    assert_inside_the_side_margins(pdf, tmp_path)
