"""Reading the source a row cites — title, publisher, kind, number, date and link — for both imports (the results'
two sources, the official levels' one), with the checks the citation service makes (`services.citation_problems`,
the model's own), so that a preview accepts exactly what its confirm will record, each problem named by its column.

A title and date already on file name that source (its publisher need not be repeated); a new source needs its
publisher, never assumed to be the regency that imports it. Dates are read as tttt-bb-hh, as dd/mm/yyyy (what
Indonesian Excel writes in a ";" CSV) or from an Excel date cell; an impossible date is refused with its row and
column, as is one in the future or before the SPBE era.
"""

import calendar
import re
from datetime import date

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from ..models import EARLIEST_SOURCE_DATE, Source, SourceKind
from ..services import CitedSource, citation_problems

TITLE_MAX = Source._meta.get_field("title").max_length
PUBLISHER_MAX = Source._meta.get_field("publisher").max_length
ISO_DATE = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})")
DAY_FIRST_DATE = re.compile(r"([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})")

# column names per source: title, date, publisher, kind, number, link
RESULT_COLUMNS = ("sumber", "tanggal_sumber", "penerbit_sumber", "jenis_sumber", "nomor_sumber", "tautan_sumber")
TARGET_COLUMNS = (
    "sumber_target",
    "tanggal_sumber_target",
    "penerbit_sumber_target",
    "jenis_sumber_target",
    "nomor_sumber_target",
    "tautan_sumber_target",
)


class UnreadableDate(ValueError):
    """The cell is not a date in any shape the import reads, or names a day that does not exist."""


def read_date(text: str) -> date:
    """A date written tttt-bb-hh or dd/mm/yyyy (one-digit day and month too), ASCII digits only."""
    text = text.strip()
    if match := ISO_DATE.fullmatch(text):
        year, month, day = (int(part) for part in match.groups())
    elif match := DAY_FIRST_DATE.fullmatch(text):
        day, month, year = (int(part) for part in match.groups())
    else:
        raise UnreadableDate(_("tulis tanggal sebagai tttt-bb-hh atau hh/bb/tttt"))
    if year < date.min.year:
        # Year 0 exists in no calendar Python knows: said as a date that does not exist, never a server error.
        raise UnreadableDate(_("%(text)s bukan tanggal yang ada (tahun %(year)s)") % {"text": text, "year": year})
    try:
        return date(year, month, day)
    except ValueError:
        if 1 <= month <= 12:
            days = calendar.monthrange(year, month)[1]
            month_name = formats.date_format(date(year, month, 1), "F Y")
            raise UnreadableDate(
                _("%(text)s bukan tanggal yang ada (%(month)s hanya %(days)s hari)")
                % {"text": text, "month": month_name, "days": days}
            ) from None
        raise UnreadableDate(
            _("%(text)s bukan tanggal yang ada (bulan %(month)s)") % {"text": text, "month": month}
        ) from None


def sources_on_file() -> set[tuple[str, date]]:
    """(title, date) of every source on file, in one query, to tell a new source from a known one."""
    return set(Source.objects.values_list("title", "published_on"))


def kind_words() -> str:
    return ", ".join(SourceKind.import_words())


def read_source(
    raw: dict[str, str],
    columns: tuple[str, ...],
    *,
    default_kind: str,
    on_file: set,
    fail,
    line: int,
    read: dict[tuple, CitedSource] | None = None,
) -> CitedSource | None:
    """The source a row's columns describe, or None when its title is empty; `fail` receives each problem,
    named by its column (and by the row's `line` where the cell is not a date at all). `read` keeps each answer
    given without a problem by its columns and cells, for a file's later rows that cite it alike (500 rows citing
    one decree, or leaving a target's source empty)."""
    cells = (columns, *(raw[column] for column in columns))
    if read is not None and cells in read:
        return read[cells]
    problems = []

    def told(problem: str) -> None:
        problems.append(problem)
        fail(problem)

    cited = _read_source(raw, columns, default_kind=default_kind, on_file=on_file, fail=told, line=line)
    if read is not None and not problems:
        read[cells] = cited
    return cited


def _read_source(
    raw: dict[str, str], columns: tuple[str, ...], *, default_kind: str, on_file: set, fail, line: int
) -> CitedSource | None:
    title_column, date_column, publisher_column, kind_column, number_column, url_column = columns
    title = raw[title_column].strip()
    if not title:
        if any(raw[column].strip() for column in columns[1:]):
            fail(_("Kolom %(column)s kosong, padahal kolom sumber lainnya diisi.") % {"column": title_column})
        return None
    problems = []
    if len(title) > TITLE_MAX:
        problems.append(
            _("Kolom %(column)s terlalu panjang: %(length)s karakter, paling banyak %(max)s.")
            % {"column": title_column, "length": len(title), "max": TITLE_MAX}
        )
    published_on = _source_date(raw[date_column], column=date_column, line=line, problems=problems)
    publisher = raw[publisher_column].strip()
    if not problems and (title, published_on) not in on_file and not publisher:
        problems.append(
            _("Kolom %(column)s wajib untuk sumber yang belum tercatat: sebutkan lembaga penerbitnya.")
            % {"column": publisher_column}
        )
    if len(publisher) > PUBLISHER_MAX:
        problems.append(_("Kolom %(column)s terlalu panjang.") % {"column": publisher_column})
    kind_word = raw[kind_column].strip().lower()
    kind = SourceKind.import_words().get(kind_word) if kind_word else default_kind
    if kind is None:
        problems.append(
            _("Kolom %(column)s harus salah satu dari: %(words)s.") % {"column": kind_column, "words": kind_words()}
        )
    url = raw[url_column].strip()
    if url and not url.startswith(("https://", "http://")):
        problems.append(_("Kolom %(column)s harus alamat lengkap, diawali https://.") % {"column": url_column})
    if problems:
        for problem in problems:
            fail(problem)
        return None
    cited = CitedSource(
        title=title,
        published_on=published_on,
        publisher=publisher,
        kind=kind,
        reference=raw[number_column].strip(),
        url=url,
    )
    if (title, published_on) in on_file:
        return cited
    # What the confirm's citation service would still refuse (a number or link longer than its column, a link
    # that is no address), told now, by column.
    named = dict(zip(("title", "published_on", "publisher", "kind", "reference", "url"), columns, strict=True))
    refused = citation_problems(cited)
    for field, messages in refused.items():
        for message in messages:
            fail(_("Kolom %(column)s: %(problem)s") % {"column": named[field], "problem": message})
    return None if refused else cited


def _source_date(text: str, *, column: str, line: int, problems: list) -> date | None:
    if not text.strip():
        problems.append(_("Kolom %(column)s kosong: isi tanggal sumber.") % {"column": column})
        return None
    try:
        published_on = read_date(text)
    except UnreadableDate as unreadable:
        problems.append(
            _("Baris %(line)s, kolom %(column)s: %(problem)s.")
            % {"line": line, "column": column, "problem": unreadable}
        )
        return None
    if published_on > timezone.localdate():
        problems.append(_("Kolom %(column)s: tanggal sumber tidak boleh di masa depan.") % {"column": column})
    elif published_on < EARLIEST_SOURCE_DATE:
        problems.append(
            _("Kolom %(column)s: tanggal sumber sebelum %(year)s tidak mungkin untuk data SPBE; periksa tahunnya.")
            % {"column": column, "year": EARLIEST_SOURCE_DATE.year}
        )
    return published_on
