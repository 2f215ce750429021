"""How an index value is written for a reader: two decimals in the active language's format, unknown as empty."""

from decimal import ROUND_HALF_UP, Decimal

from django.template.defaultfilters import floatformat
from django.utils import formats

CENT = Decimal("0.01")


def index_value(value: Decimal | None) -> str:
    """Two decimals in the reader's locale (1,60 in Indonesian); an unknown value stays empty, never 0."""
    if value is None:
        return ""
    if isinstance(value, Decimal) and value.is_finite():
        # floatformat's result (rounded half up, the locale's decimal mark, no grouping) at half its cost: a
        # preview or a ranking writes hundreds of values.
        return formats.number_format(value.quantize(CENT, ROUND_HALF_UP), 2)
    # Anything else as floatformat takes it: a template may hand the filter a number, a text or "".
    return floatformat(value, 2)


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
