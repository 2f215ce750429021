"""The pictures a shared link shows (Open Graph, 1200 × 630 PNG): a regency's latest index, a year's ranking, or
the regencies a comparison puts side by side.

Drawn with Pillow and its bundled font, so no system font or browser is needed; the numbers are the published
ones the pages show, in the page's language, and a picture made from demo rows says so across its top. Its foot
prints the page's address: a picture forwarded on its own still says where its numbers and their sources are.
"""

from decimal import Decimal
from io import BytesIO

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from PIL import Image, ImageDraw, ImageFont

from assessments.models import INDEX_MAX, PredikatBand

from .selectors import Ranking, RegencyProfile

WIDTH, HEIGHT = 1200, 630
INK = "#1b1f24"
MUTED = "#5b6470"
ACCENT = "#0b5cab"
DEMO = "#8a4b00"
NO_DATA = "#b8bfc8"
TOP_ROWS = 6
MARGIN = 56
FOOT_MIN_SIZE = 18


def _font(size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.load_default(size=size)


def _canvas(*, demo: bool, page_url: str) -> tuple[Image.Image, ImageDraw.ImageDraw]:
    image = Image.new("RGB", (WIDTH, HEIGHT), "white")
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, 0, WIDTH, 96], fill=ACCENT)
    draw.text((56, 26), _("Indeks SPBE dan Pemdi NTT"), fill="white", font=_font(40))
    if demo:
        draw.text((WIDTH - 56, 30), _("DATA CONTOH, BUKAN DATA NYATA"), fill="#ffd28a", font=_font(32), anchor="ra")
    _address(draw, _("Sumber setiap angka: %(url)s") % {"url": page_url})
    return image, draw


def _address(draw: ImageDraw.ImageDraw, text: str) -> None:
    """The foot line with the page's address, in the largest size that fits the width; a long address (a
    comparison of four regencies) goes on two lines, broken after a / or before a ? or &, never inside a name."""
    width = WIDTH - 2 * MARGIN
    font = _fitting_font(draw, text, width=width, size=26, smallest=FOOT_MIN_SIZE)
    if draw.textlength(text, font=font) <= width:
        draw.text((MARGIN, HEIGHT - 56), text, fill=MUTED, font=font)
        return
    cuts = [at for at, char in enumerate(text) if char in "?&" or (char == "/" and at + 1 < len(text))]
    fitting = [at for at in cuts if draw.textlength(text[:at], font=font) <= width] or [len(text)]
    cut = fitting[-1] if text[fitting[-1]] in "?&" else fitting[-1] + 1
    draw.text((MARGIN, HEIGHT - 74), text[:cut], fill=MUTED, font=font)
    draw.text((MARGIN, HEIGHT - 46), text[cut:], fill=MUTED, font=font)


def _fitting_font(draw: ImageDraw.ImageDraw, text: str, *, width: int, size: int, smallest: int):
    """The largest size from `size` down to `smallest` in which the text fits the width (else the smallest)."""
    for candidate in range(size, smallest, -2):
        font = _font(candidate)
        if draw.textlength(text, font=font) <= width:
            return font
    return _font(smallest)


# A colour covering this many pixels is a flat fill of the design (the background, the header, a bar, a badge),
# never the edge of a letter: its palette entry is set to it exactly.
FLAT_COLOUR_PIXELS = 200


def _png(image: Image.Image) -> bytes:
    """A PNG of 256 colours. The RGB picture took 46-77 KB, nearly all of it the anti-aliased edges of its text;
    paletted it takes 18-26 KB and its edges change by at most 15 of 255 per channel. Pillow's quantizer gives a
    flat colour the mean of the colours it groups with it (the white background came out 251, 251, 252), so each
    flat colour's entry is set back to it; where two share an entry the more common keeps it."""
    paletted = image.quantize(colors=256, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)
    palette = paletted.getpalette()
    pixels = image.tobytes()
    exact: set[int] = set()
    for count, colour in sorted(image.getcolors(image.width * image.height), reverse=True):
        if count < FLAT_COLOUR_PIXELS:
            break
        at = pixels.find(bytes(colour))
        while at % 3:  # a match across two pixels' bytes
            at = pixels.find(bytes(colour), at + 1)
        index = paletted.getpixel((at // 3 % image.width, at // 3 // image.width))
        if index not in exact:
            exact.add(index)
            palette[3 * index : 3 * index + 3] = colour
    paletted.putpalette(palette)
    buffer = BytesIO()
    paletted.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def _badge(draw: ImageDraw.ImageDraw, xy: tuple[int, int], text: str, colour: str, size: int) -> None:
    font = _font(size)
    left, top, right, bottom = draw.textbbox(xy, text, font=font)
    draw.rounded_rectangle([left - 14, top - 8, right + 14, bottom + 8], radius=18, fill=colour, outline="#8a94a1")
    draw.text(xy, text, fill=INK, font=font)


def regency_card(profile: RegencyProfile, *, page_url: str) -> bytes:
    image, draw = _canvas(demo=profile.shows_demo_data, page_url=page_url)
    draw.text((56, 130), profile.regency.display_name, fill=INK, font=_font(64))
    latest = profile.latest_official
    if latest is not None and latest.evaluated:
        draw.text((56, 240), number_format(latest.value, 2), fill=INK, font=_font(150))
        band = latest.predikat
        if band is not None:
            _badge(draw, (470, 300), band.name, band.color, 48)
        line = profile.latest_official_line
        caption = _("indeks %(index)s resmi %(year)s") % {"index": profile.latest_index_name, "year": latest.year}
        # The target only where it is stated in the same index (assessments/series.py): no SPBE target beside Pemdi.
        if line.gap is not None:
            caption += " · " + _("target %(value)s") % {"value": number_format(line.target.value, 2)}
        draw.text((56, 430), caption, fill=MUTED, font=_font(40))
    elif latest is not None:
        draw.text((56, 260), _("tidak dievaluasi pada %(year)s") % {"year": latest.year}, fill=MUTED, font=_font(60))
    else:
        draw.text((56, 260), _("belum ada data"), fill=MUTED, font=_font(72))
    return _png(image)


def ranking_card(ranking: Ranking, *, page_url: str) -> bytes:
    image, draw = _canvas(demo=ranking.shows_demo_data, page_url=page_url)
    index = ranking.index_name
    title = _("Peringkat indeks %(index)s %(year)s") % {"index": index, "year": ranking.year}
    draw.text((56, 124), title, fill=INK, font=_font(56))
    valued = [row for row in ranking.rows if row.has_value]
    draw.text(
        (56, 196),
        _("nilai terpublikasi: %(known)s dari %(total)s kabupaten/kota")
        % {"known": len(valued), "total": len(ranking.rows)},
        fill=MUTED,
        font=_font(32),
    )
    _value_bars(
        draw,
        [
            (f"{row.rank}. {row.regency.display_name}", number_format(row.value, 2), row.value, row.predikat)
            for row in valued[:TOP_ROWS]
        ],
    )
    if not valued:
        draw.text((56, 300), _("belum ada data"), fill=MUTED, font=_font(60))
    return _png(image)


def comparison_card(profiles: list[RegencyProfile], *, page_url: str) -> bytes:
    """The regencies a comparison shows, each with its latest official index (and year) as a bar."""
    image, draw = _canvas(demo=any(profile.shows_demo_data for profile in profiles), page_url=page_url)
    draw.text((56, 124), _("Perbandingan wilayah"), fill=INK, font=_font(56))
    draw.text(
        (56, 196), _("indeks resmi terakhir tiap wilayah, dengan tahun dan indeksnya"), fill=MUTED, font=_font(32)
    )
    rows = []
    for profile in profiles:
        latest = profile.latest_official
        valued = latest is not None and latest.evaluated
        shown = f"{number_format(latest.value, 2)} ({latest.year}, {profile.latest_index_name})" if valued else None
        rows.append((profile.regency.display_name, shown, latest.value if valued else None, latest and latest.predikat))
    _value_bars(draw, rows)
    return _png(image)


def _value_bars(draw: ImageDraw.ImageDraw, rows: list[tuple[str, str | None, Decimal | None, PredikatBand | None]]):
    """One row per label: a bar on the 0–5 scale in its predikat's colour, and the value as written; a row
    without a value says "belum ada data"."""
    bar_left, bar_right, top = 480, WIDTH - 160, 258
    for index, (label, shown, value, band) in enumerate(rows):
        y = top + index * 50
        draw.text((56, y), label, fill=INK, font=_fitting_font(draw, label, width=bar_left - 72, size=30, smallest=20))
        if value is None:
            draw.text((bar_left, y), _("belum ada data"), fill=MUTED, font=_font(30))
            continue
        length = int((bar_right - bar_left) * float(value) / float(INDEX_MAX))
        draw.rectangle(
            [bar_left, y + 4, bar_left + length, y + 36], fill=band.color if band else NO_DATA, outline="#8a94a1"
        )
        draw.text((bar_left + length + 12, y), shown, fill=INK, font=_font(30))
