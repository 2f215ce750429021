"""How an index value is written for a reader: two decimals in the active language's format, unknown as empty."""

import functools
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal

from django.template.defaultfilters import floatformat
from django.utils import formats

CENT = Decimal("0.01")
ZERO = Decimal("0.00")


def index_value(value: Decimal | None) -> str:
    """Two decimals in the reader's locale (1,60 in Indonesian); an unknown value stays empty, never 0."""
    if value is None:
        return ""
    if isinstance(value, Decimal) and value.is_finite():
        return _in_cents(value, formats.get_format("DECIMAL_SEPARATOR"))
    # Anything else as floatformat takes it: a template may hand the filter a number, a text or "".
    return floatformat(value, 2)


def index_values() -> Callable[[Decimal | None], str]:
    """`index_value` for a page that writes hundreds of values (a 500-row import preview): each distinct value
    written once, with the decimal mark of the language active now read once. Reading the language goes through
    Django's request-local storage, 4 µs each time, more than writing the value."""
    mark = formats.get_format("DECIMAL_SEPARATOR")

    @functools.cache
    def written(value: Decimal | None) -> str:
        if isinstance(value, Decimal) and value.is_finite():
            return _in_cents(value, mark)
        return index_value(value)

    return written


def _in_cents(value: Decimal, mark: str) -> str:
    """floatformat's result (rounded half up, the locale's decimal mark, no grouping), written directly: through
    number_format (three format lookups and the language per value) it took 5 of a 500-row preview's 66 ms."""
    cents = value.quantize(CENT, ROUND_HALF_UP)
    # A value that rounds to zero is written 0,00, never -0,00 (as number_format and floatformat write it).
    return f"{cents if cents else ZERO:f}".replace(".", mark)


def stated_number(value: Decimal | None) -> str:
    """A value with as many decimals as its source gave (4,002 and 4,02 stay apart), in the reader's locale."""
    if value is None:
        return ""
    return formats.number_format(Decimal(format(Decimal(value).normalize(), "f")))


def level_class(value: int | Decimal) -> str:
    """The colour class of a level: a converted value takes its whole level's colour (2,35 is coloured as 2, the
    level it has reached), never a class with a comma in it."""
    return f"level-{int(value)}"


MINUS_SIGN = "\u2212"


def signed_level(value: int | Decimal | None) -> str:
    """A difference of two levels with its sign: +1 between whole levels, +0,45 where a converted value (another
    agency's index on the framework's scale) takes decimals."""
    if value is None:
        return ""
    shown = floatformat(abs(value), -2)
    if value > 0:
        return f"+{shown}"
    if value < 0:
        return f"{MINUS_SIGN}{shown}"
    return shown


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
