"""The PDF reports as paper: each page rendered to a picture keeps its ink inside the A4 margins of the reports'
style, and the profile's report says what the chart's lines are and gives the gap to the target, as the profile
page does."""

from decimal import Decimal

import pytest
from django.urls import reverse

from tests.factories import IndicatorAssessmentFactory, SourceFactory, StatusFlagFactory
from tests.paper import first_page_pieces, first_page_words, font_names, ink_box, pages_as_pictures, text_of
from tests.pemdi_entry_helpers import build_pemdi
from tests.two_series import two_series

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


def test_the_profile_report_prints_its_page_footer_in_the_reports_typeface(client, reference_data):
    """The address and page number in the margin were set in DejaVu Serif, the one text of the report that was,
    and the PDF carried a fourth font for them."""
    pdf = client.get(KUPANG_REPORT).content

    assert "laporan.pdf" in text_of(pdf)
    assert font_names(pdf) == {"DejaVu-Sans", "DejaVu-Sans-Bold", "DejaVu-Sans-Oblique"}


@pytest.mark.django_db
def test_the_series_break_label_prints_in_dark_ink_on_the_profile_report(client, tmp_path):
    """WeasyPrint ignores paint-order: the label's white halo was painted over its letters, white on the band."""
    data = two_series()
    pdf = client.get(reverse("dashboard:regency_report", kwargs={"slug": data.regency.slug})).content
    words = first_page_words(pdf, tmp_path)
    picture = pages_as_pictures(pdf, tmp_path)[0].convert("L")

    texts = [word for _box, word in words]
    at = next(n for n in range(len(texts) - 2) if texts[n : n + 3] == ["SPBE", "→", "Pemdi"])
    (left, top, _right, _bottom), (_left, _top, right, bottom) = words[at][0], words[at + 2][0]
    # The chart's band behind it is light (grey level over 200); its letters, in ink, are dark.
    letters = picture.crop((round(left), round(top), round(right), round(bottom)))
    assert sum(letters.histogram()[:100]) > 30  # pixels darker than 100 of 255


@pytest.mark.django_db
def test_a_pemdi_report_lists_the_index_of_each_aspect(client):
    """Pemdi has no domains: the report's section of sub-indices was a heading over an empty table."""
    built = build_pemdi()
    source = SourceFactory(title="Laporan Hasil Evaluasi Pemdi 2026", publisher="Kementerian PANRB")
    for indicator, level in zip(built.indicators.values(), (3, Decimal("2.50"), 4), strict=True):
        IndicatorAssessmentFactory(
            regency=built.regency, year=2026, indicator=indicator, stage="official", level=level, source=source
        )

    text = " ".join(
        text_of(client.get(reverse("dashboard:regency_report", kwargs={"slug": built.regency.slug})).content).split()
    )

    assert "Indeks per aspek (2026)" in text
    assert "Indeks per domain" not in text
    # Aspect 1: indicators 1 and 2 at equal weights, (3 + 2,5) / 2; aspect 2: indicator 3 alone.
    assert "Aspek 1." in text
    assert "2,75" in text
    assert "4,00" in text


@pytest.mark.django_db
def test_the_first_pemdi_years_ranking_report_keeps_its_table_inside_the_margins(client, tmp_path):
    """In 2026 the change column says that the index changed (SPBE → Pemdi), a note that did not wrap: the table ran
    past the right margin and cut off the status column."""
    data = two_series()
    StatusFlagFactory(regency=data.regency)

    response = client.get(reverse("dashboard:ranking_report", args=[2026]))

    text = " ".join(text_of(response.content).split())
    # Said once above the table, which leaves out the change and trend columns that would repeat it in every row.
    assert "kolom perubahan dan tren tahun ini (indeks berbeda: SPBE → Pemdi)" in text  # pypdf reads "T anpa"
    assert text.count("indeks berbeda") == 1
    assert_inside_the_side_margins(response.content, tmp_path)
