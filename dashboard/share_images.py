"""The pictures a shared link shows (Open Graph, 1200 × 630 PNG): a regency's latest index, or a year's ranking.

Drawn with Pillow and its bundled font, so no system font or browser is needed; the numbers are the published
ones the pages show, in the page's language, and a picture made from demo rows says so across its top.
"""

from io import BytesIO

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from PIL import Image, ImageDraw, ImageFont

from .selectors import Ranking, RegencyProfile

WIDTH, HEIGHT = 1200, 630
INK = "#1b1f24"
MUTED = "#5b6470"
ACCENT = "#0b5cab"
DEMO = "#8a4b00"
NO_DATA = "#b8bfc8"
TOP_ROWS = 6


def _font(size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.load_default(size=size)


def _canvas(*, demo: bool) -> tuple[Image.Image, ImageDraw.ImageDraw]:
    image = Image.new("RGB", (WIDTH, HEIGHT), "white")
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, 0, WIDTH, 96], fill=ACCENT)
    draw.text((56, 26), _("Indeks SPBE NTT"), fill="white", font=_font(40))
    if demo:
        draw.text((WIDTH - 56, 30), _("DATA CONTOH, BUKAN DATA NYATA"), fill="#ffd28a", font=_font(32), anchor="ra")
    draw.text((56, HEIGHT - 56), _("Sumber setiap angka: lihat halaman ini."), fill=MUTED, font=_font(26))
    return image, draw


def _png(image: Image.Image) -> bytes:
    buffer = BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def _badge(draw: ImageDraw.ImageDraw, xy: tuple[int, int], text: str, colour: str, size: int) -> None:
    font = _font(size)
    left, top, right, bottom = draw.textbbox(xy, text, font=font)
    draw.rounded_rectangle([left - 14, top - 8, right + 14, bottom + 8], radius=18, fill=colour, outline="#8a94a1")
    draw.text(xy, text, fill=INK, font=font)


def regency_card(profile: RegencyProfile) -> bytes:
    image, draw = _canvas(demo=profile.shows_demo_data)
    draw.text((56, 130), profile.regency.display_name, fill=INK, font=_font(64))
    latest = profile.latest_official
    if latest is not None and latest.evaluated:
        draw.text((56, 240), number_format(latest.value, 2), fill=INK, font=_font(150))
        band = latest.predikat
        if band is not None:
            _badge(draw, (470, 300), band.name, band.color, 48)
        caption = _("indeks SPBE resmi %(year)s") % {"year": latest.year}
        target = next((line.target for line in profile.years if line.year == latest.year and line.target), None)
        if target is not None:
            caption += " · " + _("target %(value)s") % {"value": number_format(target.value, 2)}
        draw.text((56, 430), caption, fill=MUTED, font=_font(40))
    elif latest is not None:
        draw.text((56, 260), _("tidak dievaluasi pada %(year)s") % {"year": latest.year}, fill=MUTED, font=_font(60))
    else:
        draw.text((56, 260), _("belum ada data"), fill=MUTED, font=_font(72))
    return _png(image)


def ranking_card(ranking: Ranking) -> bytes:
    image, draw = _canvas(demo=ranking.shows_demo_data)
    draw.text((56, 124), _("Peringkat indeks SPBE %(year)s") % {"year": ranking.year}, fill=INK, font=_font(56))
    valued = [row for row in ranking.rows if row.has_value]
    draw.text(
        (56, 196),
        _("nilai terpublikasi: %(known)s dari %(total)s kabupaten/kota")
        % {"known": len(valued), "total": len(ranking.rows)},
        fill=MUTED,
        font=_font(32),
    )
    bar_left, bar_right, top = 480, WIDTH - 160, 258
    for index, row in enumerate(valued[:TOP_ROWS]):
        y = top + index * 50
        draw.text((56, y), f"{row.rank}. {row.regency.display_name}", fill=INK, font=_font(30))
        length = int((bar_right - bar_left) * float(row.value) / 5)
        colour = row.predikat.color if row.predikat else NO_DATA
        draw.rectangle([bar_left, y + 4, bar_left + length, y + 36], fill=colour, outline="#8a94a1")
        draw.text((bar_left + length + 12, y), number_format(row.value, 2), fill=INK, font=_font(30))
    if not valued:
        draw.text((56, 300), _("belum ada data"), fill=MUTED, font=_font(60))
    return _png(image)
