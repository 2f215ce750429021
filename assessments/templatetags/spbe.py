from decimal import Decimal

from django import template
from django.template.defaultfilters import floatformat

register = template.Library()


@register.filter
def index_value(value: Decimal | None) -> str:
    """Two decimals in the reader's locale (1,60 in Indonesian); an unknown value stays empty, never 0."""
    if value is None:
        return ""
    return floatformat(value, 2)
