from django import template

from ..selectors import waiting_in

register = template.Library()


@register.filter
def returned_count(results) -> int:
    """Returned entries among results a page has already read (no query)."""
    return waiting_in(results, for_staff=False)
