from decimal import Decimal

from django import template
from django.template.defaultfilters import floatformat

from assessments.trends import TREND_LEGEND, Trend, TrendMeaning

register = template.Library()


@register.filter
def index_value(value: Decimal | None) -> str:
    """Two decimals in the reader's locale (1,60 in Indonesian); an unknown value stays empty, never 0."""
    if value is None:
        return ""
    return floatformat(value, 2)


MINUS_SIGN = "\u2212"


@register.filter
def signed_index(value: Decimal | None) -> str:
    """A difference with its sign written out: +0,25 or −2,01 (a true minus sign, as printed figures use)."""
    if value is None:
        return ""
    shown = floatformat(abs(value), 2)
    if value > 0:
        return f"+{shown}"
    if value < 0:
        return f"{MINUS_SIGN}{shown}"
    return shown


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
