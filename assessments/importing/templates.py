"""The blank import templates: headers only, never an example row (an example uploaded unchanged would be
published as if it were data). The XLSX explains each column in words on a second sheet, "petunjuk"."""

from django.utils.translation import gettext as _

from .. import spreadsheets
from ..spreadsheets import Column, Sheet
from .checking import SOURCE_TITLE_MAX
from .reading import COLUMNS
from .sources import kind_words

DATA_SHEET = "hasil"
HELP_SHEET = "petunjuk"
# Columns kept as text in Excel: a code typed as 53.10 stays 53.10 instead of becoming the number 53.1, and
# words stay words.
TEXT_COLUMNS = (
    "kode_wilayah",
    "jenis",
    "sumber",
    "catatan",
    "penerbit_sumber",
    "jenis_sumber",
    "nomor_sumber",
    "tautan_sumber",
    "sumber_target",
    "penerbit_sumber_target",
    "jenis_sumber_target",
    "nomor_sumber_target",
    "tautan_sumber_target",
)


# Excel needs the byte-order mark to read the header as UTF-8.
TEMPLATE_CSV = spreadsheets.Flavour(suffix="", delimiter=",", number=str, byte_order_mark=True)


def template_csv(columns: list[str] = COLUMNS) -> bytes:
    """The header line alone; the official levels' template names its own columns."""
    return spreadsheets.csv_text(columns, [], flavour=TEMPLATE_CSV).encode("utf-8")


def _column_help() -> list[tuple[str, str, str, str]]:
    """Per column: whether it is required, what it holds, and the shape of a value (never a made-up value)."""
    return [
        (
            "kode_wilayah",
            _("wajib"),
            _("Kode Kemendagri kabupaten/kota di NTT."),
            _("teks: 53, titik, dua angka (53.xx); kolom ini berformat Teks agar nol di belakang tidak hilang"),
        ),
        (
            "tahun",
            _("wajib"),
            _("Tahun evaluasi yang dinilai, atau tahun target pada baris target saja."),
            _("empat angka (tttt); tidak di masa depan, kecuali baris target saja"),
        ),
        (
            "jenis",
            _("wajib"),
            _(
                "Hasil evaluasi resmi KemenPAN-RB, evaluasi mandiri wilayah, atau nilai sementara yang diberitakan "
                "selama evaluasi berjalan (tidak diperingkat)."
            ),
            _("resmi, mandiri atau sementara"),
        ),
        (
            "indeks",
            _("wajib, kecuali baris target saja"),
            _("Nilai indeks SPBE. Kosongkan dan isi target untuk mencatat target tahun itu saja (juga tahun depan)."),
            _("angka 0 sampai 5, paling banyak dua angka di belakang koma: 2,45 atau 2.45"),
        ),
        (
            "target",
            _("boleh kosong"),
            _(
                "Target indeks tahun itu. Hanya pada baris resmi: target ikut hasil resmi; kosongkan pada baris "
                "mandiri dan sementara."
            ),
            _("seperti indeks: 2,45 atau 2.45"),
        ),
        (
            "sumber",
            _("boleh kosong"),
            _("Nomor dan judul dokumen yang memuat nilai itu, seperti tertulis di dokumennya."),
            _("teks, paling banyak %(max)s karakter") % {"max": SOURCE_TITLE_MAX},
        ),
        (
            "tanggal_sumber",
            _("wajib bila sumber diisi"),
            _("Tanggal terbit dokumen sumber."),
            _("tttt-bb-hh atau hh/bb/tttt (tanggal Excel juga dibaca)"),
        ),
        (
            "catatan",
            _("boleh kosong"),
            _("Catatan bebas untuk pemeriksa."),
            _("teks; sel yang diawali =, +, @ atau - yang langsung diikuti tanda lain ditolak sebagai rumus"),
        ),
        (
            "penerbit_sumber",
            _("wajib bila sumber belum tercatat"),
            _("Lembaga yang menerbitkan sumber indeks (mis. Kementerian PANRB), bukan wilayah yang mengisi."),
            _("teks"),
        ),
        ("jenis_sumber", _("boleh kosong"), _("Jenis sumber indeks; kosong berarti keputusan."), kind_words()),
        ("nomor_sumber", _("boleh kosong"), _("Nomor dokumen sumber indeks."), _("teks")),
        ("tautan_sumber", _("boleh kosong"), _("Alamat dokumen sumber indeks."), _("https://…")),
        (
            "sumber_target",
            _("boleh kosong"),
            _("Judul dokumen yang memuat target (RPJMD, Renstra, perjanjian kinerja), terpisah dari sumber indeks."),
            _("teks, paling banyak %(max)s karakter") % {"max": SOURCE_TITLE_MAX},
        ),
        (
            "penerbit_sumber_target",
            _("wajib bila sumber target belum tercatat"),
            _("Penerbit dokumen target."),
            _("teks"),
        ),
        (
            "jenis_sumber_target",
            _("boleh kosong"),
            _("Jenis sumber target; kosong berarti dokumen daerah."),
            kind_words(),
        ),
        ("nomor_sumber_target", _("boleh kosong"), _("Nomor dokumen target."), _("teks")),
        (
            "tanggal_sumber_target",
            _("wajib bila sumber target diisi"),
            _("Tanggal dokumen target."),
            _("tttt-bb-hh atau hh/bb/tttt (tanggal Excel juga dibaca)"),
        ),
        ("tautan_sumber_target", _("boleh kosong"), _("Alamat dokumen target."), _("https://…")),
    ]


def template_xlsx() -> bytes:
    data = Sheet(
        title=DATA_SHEET,
        columns=[Column(name, width=max(14, len(name) + 4), as_text=name in TEXT_COLUMNS) for name in COLUMNS],
    )
    lines = [
        _("Isi data pada lembar %(sheet)s, mulai baris 2, satu baris per wilayah, tahun dan jenis.")
        % {"sheet": DATA_SHEET},
        _("Jangan ubah judul kolom, jangan gabungkan sel, dan jangan menambah kolom."),
        _("Setelah diunggah, setiap baris tampil di pratinjau; data baru ditulis setelah Anda mengonfirmasi."),
    ]
    explained = Sheet(
        title=HELP_SHEET,
        columns=[
            Column(_("Kolom"), width=16),
            Column(_("Isian"), width=22),
            Column(_("Isi"), width=60),
            Column(_("Bentuk"), width=60),
        ],
        rows=[*_column_help(), [], *[[line] for line in lines]],
        freeze_header=False,
        wrap_text=True,
    )
    return spreadsheets.xlsx_bytes(data, explained)
