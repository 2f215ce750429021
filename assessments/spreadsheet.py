"""Text that a spreadsheet would run: neutralised in every download, refused in the forms.

OWASP's CSV-injection guidance: a cell starting with = + - @, a tab or a carriage return may be read as a formula
(`=HYPERLINK(...)`, `+cmd|...`, `@SUM(...)`) by Excel and LibreOffice. Every export writes such a text cell with
a leading apostrophe, so it shows as the text it is. Numbers are not text: -0.12 stays a number, in CSV as in
XLSX. Each export (dashboard/exports.py, api/views.py) passes its cells through `neutralise`.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
# A plain decimal number, as the exports write them: a dot, or the decimal comma of the "CSV (Excel Indonesia)"
# download (dashboard/spreadsheets.py); no thousands separator.
PLAIN_NUMBER = re.compile(r"-?\d+(?:[.,]\d+)?")


def neutralise(cell):
    """The cell as a spreadsheet should show it: text that could start a formula gets a leading apostrophe."""
    if not isinstance(cell, str) or not cell.startswith(FORMULA_TRIGGERS) or PLAIN_NUMBER.fullmatch(cell):
        return cell
    return "'" + cell


def looks_like_formula(text: str) -> bool:
    """Text a person would not start with unless it is a formula. A dash followed by a space is a list item
    ("- perbaikan jaringan"), not a formula, and is accepted (the exports neutralise it all the same)."""
    text = text.strip()
    if text.startswith(("=", "+", "@")):
        return True
    return text.startswith("-") and not text[1:2].isspace() and not PLAIN_NUMBER.fullmatch(text)


def refuse_formula(value) -> None:
    """Validator for every free-text field that reaches a download or a public page, as the import refuses
    such cells."""
    if isinstance(value, str) and looks_like_formula(value):
        raise ValidationError(
            _("Teks tidak boleh diawali =, +, - atau @ (dibaca sebagai rumus di spreadsheet). Hapus tanda itu."),
            code="formula",
        )
