from decimal import Decimal

from django import template
from django.utils import formats

from assessments.formatting import index_value, signed_index
from assessments.trends import TREND_LEGEND, Trend, TrendMeaning

register = template.Library()


register.filter(index_value)
register.filter(signed_index)


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


@register.filter
def stated_number(value) -> str:
    """A related index's value with as many decimals as its source gave (4,002 and 4,02 stay apart), localised."""
    if value is None:
        return ""
    return formats.number_format(Decimal(format(Decimal(value).normalize(), "f")))
