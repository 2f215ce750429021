"""An index value is written as the floatformat filter writes it with two decimals (what every page and export
showed before index_value had a faster way), in each language's format."""

from decimal import Decimal

import pytest
from django.template.defaultfilters import floatformat
from django.utils import translation

from assessments.formatting import index_value, index_values

VALUES = ["2.345", "2.005", "0.125", "-0.005", "-0.001", "3.1", "4", "0", "12345.678", "1E+2", "3.449999"]


@pytest.mark.parametrize(("language", "mark"), [("id", ","), ("en", ".")])
def test_an_index_value_is_rounded_half_up_to_two_decimals_in_the_language_format(language, mark):
    with translation.override(language):
        assert index_value(Decimal("1.605")) == f"1{mark}61"
        assert index_value(Decimal("1.6")) == f"1{mark}60"
        assert index_value(Decimal("2345.6")) == f"2345{mark}60"  # never grouped
        assert [index_value(Decimal(value)) for value in VALUES] == [floatformat(Decimal(value), 2) for value in VALUES]
        assert index_value(2) == index_value(Decimal(2)) == f"2{mark}00"
        assert index_value(1.605) == floatformat(1.605, 2)
        # As a template filter it may be handed text: as floatformat took it, never an error.
        for other in ["", "2.5", "tidak ada", Decimal("NaN"), Decimal("Infinity")]:
            assert index_value(other) == floatformat(other, 2)


def test_an_unknown_index_value_is_empty_never_zero():
    assert index_value(None) == ""


@pytest.mark.parametrize("language", ["id", "en"])
def test_a_page_writing_many_values_writes_each_as_index_value_does_in_its_language(language):
    with translation.override(language):
        written = index_values()
        others = [None, "", "2.5", 2, Decimal("NaN")]
        assert [written(Decimal(value)) for value in VALUES] == [index_value(Decimal(value)) for value in VALUES]
        assert [written(other) for other in others] == [index_value(other) for other in others]
    # Its decimal mark is the language's at the time it was made, as the page it writes is in one language.
    with translation.override("en" if language == "id" else "id"):
        assert written(Decimal("1.605")) == ("1,61" if language == "id" else "1.61")
