"""The domain's own model field: an indicator's level.

A level is a whole maturity level on the SPBE scales (0–5 under 5/2018, 1–5 under 59/2020), but an indicator of
the Pemdi index (8/2026) whose value is another agency's index converted to 1–5 carries two decimals (3,45). One
column holds both, as numeric(3, 2); a whole value reads back as an int, so the whole-level scales compare, print
and key dictionaries exactly as they did when the column was an integer ("3", never "3,00").
"""

from collections.abc import Callable
from decimal import Decimal

from django.db import models
from django.db.models.functions import Cast


def whole_or_decimal(value):
    """3 for 3.00, Decimal("3.45") for 3.45, None for None."""
    if value is None or isinstance(value, int):
        return value
    return int(value) if value == value.to_integral_value() else value


def level_text(field: str = "level") -> Cast:
    """A level column read as text, for `levels_from_text`."""
    return Cast(field, models.CharField())


def levels_from_text() -> Callable[[str | None], int | Decimal | None]:
    """Levels made from their text (`level_text`) as LevelField makes them, each distinct text once. A page or an
    import reading thousands of levels meets a handful of distinct ones; a Decimal made and converted per row cost
    more than the rest of the reading (issue 26)."""
    made: dict[str | None, int | Decimal | None] = {None: None}

    def level(text: str | None) -> int | Decimal | None:
        if text not in made:
            made[text] = whole_or_decimal(Decimal(text))
        return made[text]

    return level


class LevelField(models.DecimalField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_digits", 3)
        kwargs.setdefault("decimal_places", 2)
        super().__init__(*args, **kwargs)

    def from_db_value(self, value, expression, connection):
        return whole_or_decimal(value)

    def to_python(self, value):
        return whole_or_decimal(super().to_python(value))

    def run_validators(self, value):
        # DecimalValidator reads the digits of a Decimal; a whole level arrives as an int.
        super().run_validators(Decimal(value) if isinstance(value, int) else value)
