"""Reading a row's two sources, the value's and the target's: title, publisher, kind, number, date and link.

A title and date already on file name that source (its publisher need not be repeated); a new source needs its
publisher, never assumed to be the regency that imports it. A date after today is refused, as in the form.
"""

from datetime import date

from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import Source, SourceKind
from ..services import CitedSource

SOURCE_KIND_WORDS = {
    "keputusan": SourceKind.DECREE,
    "peraturan": SourceKind.DECREE,
    "berita": SourceKind.NEWS,
    "portal": SourceKind.OFFICIAL_PORTAL,
    "dokumen daerah": SourceKind.REGIONAL_DOCUMENT,
    "rpjmd": SourceKind.REGIONAL_DOCUMENT,
    "renstra": SourceKind.REGIONAL_DOCUMENT,
    "perjanjian kinerja": SourceKind.REGIONAL_DOCUMENT,
}
TITLE_MAX = Source._meta.get_field("title").max_length
PUBLISHER_MAX = Source._meta.get_field("publisher").max_length

# column names per source: title, date, publisher, kind, number, link, and the kind an empty cell means
RESULT_COLUMNS = ("sumber", "tanggal_sumber", "penerbit_sumber", "jenis_sumber", "nomor_sumber", "tautan_sumber")
TARGET_COLUMNS = (
    "sumber_target",
    "tanggal_sumber_target",
    "penerbit_sumber_target",
    "jenis_sumber_target",
    "nomor_sumber_target",
    "tautan_sumber_target",
)


def sources_on_file() -> set[tuple[str, date]]:
    """(title, date) of every source on file, in one query, to tell a new source from a known one."""
    return set(Source.objects.values_list("title", "published_on"))


def read_source(
    raw: dict[str, str], columns: tuple[str, ...], *, default_kind: str, on_file: set, fail
) -> CitedSource | None:
    """The source a row's columns describe, or None when its title is empty; `fail` receives each problem."""
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
    try:
        published_on = date.fromisoformat(raw[date_column].strip())
    except ValueError:
        problems.append(
            _("Tanggal sumber harus berbentuk tttt-bb-hh.")
            if date_column == "tanggal_sumber"
            else _("Kolom %(column)s harus berbentuk tttt-bb-hh.") % {"column": date_column}
        )
        published_on = None
    if published_on and published_on > timezone.localdate():
        problems.append(_("Kolom %(column)s: tanggal sumber tidak boleh di masa depan.") % {"column": date_column})
    publisher = raw[publisher_column].strip()
    if not problems and (title, published_on) not in on_file and not publisher:
        problems.append(
            _("Kolom %(column)s wajib untuk sumber yang belum tercatat: sebutkan lembaga penerbitnya.")
            % {"column": publisher_column}
        )
    if len(publisher) > PUBLISHER_MAX:
        problems.append(_("Kolom %(column)s terlalu panjang.") % {"column": publisher_column})
    kind_word = raw[kind_column].strip().lower()
    kind = SOURCE_KIND_WORDS.get(kind_word) if kind_word else default_kind
    if kind is None:
        problems.append(
            _("Kolom %(column)s harus salah satu dari: %(words)s.")
            % {"column": kind_column, "words": ", ".join(SOURCE_KIND_WORDS)}
        )
    url = raw[url_column].strip()
    if url and not url.startswith(("https://", "http://")):
        problems.append(_("Kolom %(column)s harus alamat lengkap, diawali https://.") % {"column": url_column})
    for problem in problems:
        fail(problem)
    if problems:
        return None
    return CitedSource(
        title=title,
        published_on=published_on,
        publisher=publisher,
        kind=kind,
        reference=raw[number_column].strip(),
        url=url,
    )
