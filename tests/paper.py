"""Reading printed pages back: the text of a PDF as a reader's words, its pages as pictures (poppler's pdftoppm,
which `make test` installs), and where its pieces of text sit."""

import html
import io
import re
import subprocess
import unicodedata

from PIL import Image
from pypdf import PdfReader


def page_count(pdf: bytes) -> int:
    return len(PdfReader(io.BytesIO(pdf)).pages)


def text_of(pdf: bytes) -> str:
    """Every page's text, with ligatures (ﬁ) written as their letters."""
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    return unicodedata.normalize("NFKC", text)


def words_of(text: str) -> set[str]:
    return set(re.findall(r"\w+", unicodedata.normalize("NFKC", text)))


def pages_as_pictures(pdf: bytes, folder) -> list[Image.Image]:
    """Every page at 72 dpi, so that a pixel is a PDF point, in grey."""
    (folder / "printed.pdf").write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", "72", "-gray", "-png", folder / "printed.pdf", folder / "page"], check=True)
    return [Image.open(path) for path in sorted(folder.glob("page-*.png"))]


def ink_box(picture: Image.Image) -> tuple[int, int, int, int]:
    """The box around everything printed darker than a table rule's light grey."""
    return picture.point(lambda level: 255 if level < 230 else 0).getbbox()


def first_page_pieces(pdf: bytes) -> list[tuple[float, str]]:
    """The first page's pieces of text with their height on the page (PDF y grows upwards), spaces removed."""
    pieces = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            pieces.append((tm[4] * cm[1] + tm[5] * cm[3] + cm[5], "".join(text.split())))

    PdfReader(io.BytesIO(pdf)).pages[0].extract_text(visitor_text=visit)
    return pieces


def first_page_words(pdf: bytes, folder) -> list[tuple[tuple[float, float, float, float], str]]:
    """The first page's words, each with its box in points from the page's top left (as a picture of
    `pages_as_pictures` counts pixels), as poppler's pdftotext places them: it follows the transforms of a chart
    drawn in SVG, which pypdf's text visitor misplaces."""
    (folder / "words.pdf").write_bytes(pdf)
    done = subprocess.run(
        ["pdftotext", "-bbox", "-f", "1", "-l", "1", folder / "words.pdf", "-"], check=True, capture_output=True
    )
    found = re.findall(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>', done.stdout.decode()
    )
    return [(tuple(float(edge) for edge in box), html.unescape(word)) for *box, word in found]


def font_names(pdf: bytes) -> set[str]:
    """The names of the fonts the pages use, without a subset's prefix (ABCDEF+DejaVu-Sans: DejaVu-Sans)."""
    names = set()
    for page in PdfReader(io.BytesIO(pdf)).pages:
        fonts = page.get("/Resources", {}).get("/Font", {})
        for font in fonts.values():
            names.add(str(font.get_object()["/BaseFont"]).lstrip("/").split("+")[-1])
    return names
