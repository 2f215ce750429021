"""The PDF reports as paper: each page rendered to a picture (poppler's pdftoppm, which `make test` installs) keeps
its ink inside the A4 margins of the reports' style, and the profile's report says what the chart's lines are and
gives the gap to the target, as the profile page does."""

import io
import subprocess

from django.urls import reverse
from PIL import Image
from pypdf import PdfReader

KUPANG_REPORT = reverse("dashboard:regency_report", kwargs={"slug": "kabupaten-kupang"})
RANKING_REPORT = reverse("dashboard:ranking_report", args=[2022])

POINTS_PER_MM = 72 / 25.4
SIDE_MARGIN = 14 * POINTS_PER_MM  # templates/dashboard/_report_style.html: @page margin 16mm 14mm 18mm
# Antialiasing may spill a pixel or two past a box's edge; a table running into the margin spills millimetres.
TOLERANCE = 2


def pages_as_pictures(pdf: bytes, folder) -> list[Image.Image]:
    """Every page at 72 dpi, so that a pixel is a PDF point, in grey."""
    (folder / "report.pdf").write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", "72", "-gray", "-png", folder / "report.pdf", folder / "page"], check=True)
    return [Image.open(path) for path in sorted(folder.glob("page-*.png"))]


def ink_box(picture: Image.Image) -> tuple[int, int, int, int]:
    """The box around everything printed darker than the table rules' light grey."""
    return picture.point(lambda level: 255 if level < 230 else 0).getbbox()


def assert_inside_the_side_margins(pdf: bytes, folder) -> None:
    pictures = pages_as_pictures(pdf, folder)
    assert pictures
    for number, picture in enumerate(pictures, start=1):
        left, _top, right, _bottom = ink_box(picture)
        assert left >= SIDE_MARGIN - TOLERANCE, f"page {number}: ink {left} pt from the left edge"
        assert picture.width - right >= SIDE_MARGIN - TOLERANCE, (
            f"page {number}: ink {picture.width - right} pt from the right edge"
        )


def text_lines(pdf: bytes) -> list[tuple[float, str]]:
    """The first page's pieces of text with their height on the page (PDF y grows upwards), spaces removed."""
    pieces = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            pieces.append((tm[4] * cm[1] + tm[5] * cm[3] + cm[5], "".join(text.split())))

    PdfReader(io.BytesIO(pdf)).pages[0].extract_text(visitor_text=visit)
    return pieces


def test_the_ranking_report_keeps_its_table_inside_the_margins(client, reference_data, tmp_path):
    response = client.get(RANKING_REPORT)

    assert response["Content-Type"] == "application/pdf"
    assert_inside_the_side_margins(response.content, tmp_path)


def test_the_profile_report_has_a_legend_and_the_gap_to_the_target_inside_the_margins(
    client, reference_data, tmp_path
):
    pdf = client.get(KUPANG_REPORT).content
    lines = text_lines(pdf)
    table_top = next(y for y, text in lines if text.startswith("Tahun"))

    # The legend sits under the chart, above its table: one line per series drawn (no self-assessment here).
    legend = {text for y, text in lines if y > table_top}
    assert "Hasilevaluasiresmi" in legend
    assert "Target" in legend
    assert "Evaluasimandiri" not in legend
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "Selisih" in text
    # Kabupaten Kupang (ANTARA, 29 Jul 2023): 1,60 against 2,13 in 2021, 1,85 against 3,86 in 2022.
    assert "−0,53" in text
    assert "−2,01" in text
    assert_inside_the_side_margins(pdf, tmp_path)
