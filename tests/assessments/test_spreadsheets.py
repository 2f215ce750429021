"""Text a spreadsheet would run as a formula: neutralised for the downloads, refused by the form validator."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from assessments.spreadsheets import neutralise, refuse_formula


@pytest.mark.parametrize(
    "text",
    ['=HYPERLINK("http://x","y")', "+cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0", "@SUM(A1:A9)", "\tx", "\r=1"],
)
def test_text_that_could_start_a_formula_gets_a_leading_apostrophe(text):
    assert neutralise(text) == "'" + text


@pytest.mark.parametrize("value", ["-0.12", "-2", "2.50", "2022", "", "Kabupaten Kupang", -0.12, -2, Decimal("-1.5")])
def test_numbers_and_plain_text_stay_what_they_are(value):
    assert neutralise(value) == value


@pytest.mark.parametrize("text", ['=HYPERLINK("http://x","y")', "+62 380", "@SUM(A1)", "-cmd", "-1+1"])
def test_the_validator_refuses_formulas_with_a_clear_message(text):
    with pytest.raises(ValidationError) as refused:
        refuse_formula(text)

    assert refused.value.messages == [
        "Teks tidak boleh diawali =, +, - atau @ (dibaca sebagai rumus di spreadsheet). Hapus tanda itu."
    ]


@pytest.mark.parametrize("text", ["KepmenPANRB 108/2023", "- perbaikan jaringan", "-1.5", "", "Rapat 2 = 3 jam"])
def test_the_validator_accepts_ordinary_text(text):
    refuse_formula(text)
