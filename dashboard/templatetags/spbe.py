from decimal import Decimal

from django import template
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from assessments.formatting import index_value, level_class, signed_index, signed_level, stated_number
from assessments.models import SourceKind
from assessments.trends import TREND_LEGEND, Trend, TrendMeaning

register = template.Library()


register.filter(index_value)
register.filter(signed_index)
# A difference of two indicator levels: +1, or +0,45 between converted values.
register.filter(signed_level)
# A related index's value with as many decimals as its source gave.
register.filter(stated_number)
register.filter(level_class)


@register.filter
def trend_meaning(trend: str) -> TrendMeaning:
    return TREND_LEGEND[Trend(trend)]


@register.simple_tag
def trend_legend() -> list[tuple[str, TrendMeaning]]:
    return [(trend.value, meaning) for trend, meaning in TREND_LEGEND.items()]


@register.filter
def subtract(value: Decimal | None, other: Decimal | None) -> Decimal | None:
    if value is None or other is None:
        return None
    return value - other


@register.filter
def get_item(mapping: dict | None, key):
    """A dictionary lookup by a variable key, which the template language cannot write itself."""
    if not mapping:
        return None
    return mapping.get(key)


# Data text carries its language. Names, titles, quotes and categories are shown as their sources write them
# (Indonesian), whatever the page's language: marked lang="id", so that an English page says, and a screen reader
# speaks, what is quoted. The shared reference describes a source whose title its compilers could not read in
# English ("timurtoday.id article on the PEKPPP 2025 results (title not read)"); such a description is marked
# lang="en", and an Indonesian page says after it, in Indonesian, what it is.
UNREAD_TITLE = "(title not read)"


@register.filter
def data_text(text, language: str = "id"):
    """Text from the data, in an element that names its language."""
    if text in (None, ""):
        return ""
    return format_html('<span lang="{}">{}</span>', language, text)


@register.filter
def source_title(title: str):
    """A source's title as the data has it, marked with its language."""
    if not title or not title.endswith(UNREAD_TITLE):
        return data_text(title)
    if (get_language() or "").startswith("en"):
        return data_text(title, "en")
    return format_html(
        '<span lang="en">{}</span> <span class="hint">({})</span>',
        title,
        _("keterangan penyusun data dalam bahasa Inggris: judul artikelnya tidak terbaca"),
    )


@register.filter
def series_name(index_series) -> str:
    """An index series' name in the page's language ("Indeks Pemerintah Digital", "Digital Government index")."""
    if index_series is None:
        return ""
    if (get_language() or "").startswith("en") and index_series.name_en:
        return index_series.name_en
    return index_series.name


# How precisely a source's date is known (Source.published_precision): a page shows only what is known.
DATE_FORMATS = {"day": "j M Y", "month": "M Y", "year": "Y"}


@register.filter
def source_date(source) -> str:
    """A source's date to the precision it is known: "19 Apr 2022", "Feb 2023", "2026"."""
    if source is None or source.published_on is None:
        return ""
    return date_format(source.published_on, DATE_FORMATS.get(getattr(source, "published_precision", "day"), "j M Y"))


@register.filter
def source_publisher(source) -> str:
    """Who published a source, as an interface names it. A secondary copy's publisher names where the copy was read
    (a repository, a regency team's working notes): that detail belongs to the method page (shared/reference/
    SOURCES.md, "What a user sees of a source"), so other pages say what it is, a secondary copy."""
    if source is None:
        return ""
    if source.kind == SourceKind.SECONDARY_COPY:
        return _("salinan sekunder")
    return source.publisher
