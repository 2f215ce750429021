"""Bulk import of results and targets from CSV or XLSX: read → check every row → preview → apply in one transaction.

One module per stage: `reading` (the file into rows of text), `checking` (each row against the database, with the
formula rule), `applying` (all or nothing), `templates` (the blank files). Callers write
`from assessments import importing`.
"""

from .applying import (
    DRAFT,
    SUBMIT,
    VERIFY,
    ImportOvertaken,
    ImportRejected,
    apply_import,
    next_step,
    self_verification_allowed,
)
from .checking import (
    CHANGED,
    ERROR,
    KIND_WORDS,
    NEW,
    SOURCE_TITLE_MAX,
    STATUS_WORDS,
    UNCHANGED,
    ImportRow,
    check_rows,
)
from .reading import COLUMNS, XLSX_MAGIC, ImportFileError, read_numbered_table, read_table
from .templates import DATA_SHEET, HELP_SHEET, template_csv, template_xlsx

__all__ = [
    "CHANGED",
    "COLUMNS",
    "DATA_SHEET",
    "DRAFT",
    "ERROR",
    "HELP_SHEET",
    "KIND_WORDS",
    "NEW",
    "SOURCE_TITLE_MAX",
    "STATUS_WORDS",
    "SUBMIT",
    "UNCHANGED",
    "VERIFY",
    "XLSX_MAGIC",
    "ImportFileError",
    "ImportOvertaken",
    "ImportRejected",
    "ImportRow",
    "apply_import",
    "check_rows",
    "next_step",
    "read_numbered_table",
    "read_table",
    "self_verification_allowed",
    "template_csv",
    "template_xlsx",
]
