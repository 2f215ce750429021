"""The ranges every value of the domain keeps: evaluation years, and the 0–5 index with its two decimals."""

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

# The first SPBE evaluation was 2018; targets in long-term plans reach 2045 at most.
MIN_YEAR = 2018
MAX_YEAR = 2050
INDEX_MIN = Decimal("0.00")
INDEX_MAX = Decimal("5.00")

YEAR_RANGE_MESSAGE = format_lazy(_("Tahun harus antara {min} dan {max}."), min=MIN_YEAR, max=MAX_YEAR)
INDEX_RANGE_MESSAGE = _("Nilai indeks harus antara 0 dan 5.")
year_validators = [
    MinValueValidator(MIN_YEAR, message=YEAR_RANGE_MESSAGE),
    MaxValueValidator(MAX_YEAR, message=YEAR_RANGE_MESSAGE),
]
index_validators = [
    MinValueValidator(INDEX_MIN, message=INDEX_RANGE_MESSAGE),
    MaxValueValidator(INDEX_MAX, message=INDEX_RANGE_MESSAGE),
]


def _index_field(verbose_name, **kwargs):
    return models.DecimalField(verbose_name, max_digits=3, decimal_places=2, validators=index_validators, **kwargs)
