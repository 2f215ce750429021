from decimal import Decimal

from django import template

from assessments.formatting import index_value, signed_index, stated_number
from assessments.trends import TREND_LEGEND, Trend, TrendMeaning

register = template.Library()


register.filter(index_value)
register.filter(signed_index)
# A related index's value with as many decimals as its source gave.
register.filter(stated_number)


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
