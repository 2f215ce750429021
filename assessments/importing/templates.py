"""The blank import templates: headers only, never an example row (an example uploaded unchanged would be
published as if it were data). The XLSX explains each column in words on a second sheet, "petunjuk"."""

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from .checking import SOURCE_TITLE_MAX
from .reading import COLUMNS

DATA_SHEET = "hasil"
HELP_SHEET = "petunjuk"
# Columns kept as text in Excel: a code typed as 53.10 stays 53.10 instead of becoming the number 53.1, and
# words stay words.
TEXT_COLUMNS = ("kode_wilayah", "jenis", "sumber", "catatan")


def template_csv() -> bytes:
    return ("\ufeff" + ",".join(COLUMNS) + "\r\n").encode("utf-8")


def _column_help() -> list[tuple[str, str, str, str]]:
    """Per column: whether it is required, what it holds, and the shape of a value (never a made-up value)."""
    return [
        (
            "kode_wilayah",
            _("wajib"),
            _("Kode Kemendagri kabupaten/kota di NTT."),
            _("teks: 53, titik, dua angka (53.xx); kolom ini berformat Teks agar nol di belakang tidak hilang"),
        ),
        ("tahun", _("wajib"), _("Tahun evaluasi yang dinilai."), _("empat angka (tttt), tidak di masa depan")),
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
            _("wajib"),
            _("Nilai indeks SPBE."),
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
            _("tttt-bb-hh"),
        ),
        (
            "catatan",
            _("boleh kosong"),
            _("Catatan bebas untuk pemeriksa."),
            _("teks; sel yang diawali =, +, @ atau - yang langsung diikuti tanda lain ditolak sebagai rumus"),
        ),
    ]


def template_xlsx() -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = DATA_SHEET
    sheet.append(COLUMNS)
    for index, name in enumerate(COLUMNS, start=1):
        letter = sheet.cell(row=1, column=index).column_letter
        sheet.column_dimensions[letter].width = max(14, len(name) + 4)
        if name in TEXT_COLUMNS:
            # The column's own format, so that every cell typed below the header is text too.
            sheet.column_dimensions[letter].number_format = "@"
        sheet.cell(row=1, column=index).number_format = "@"
        sheet.cell(row=1, column=index).font = Font(bold=True)
    sheet.freeze_panes = "A2"

    help_sheet = workbook.create_sheet(HELP_SHEET)
    help_sheet.append([_("Kolom"), _("Isian"), _("Isi"), _("Bentuk")])
    for row in _column_help():
        help_sheet.append(list(row))
    help_sheet.append([])
    for line in (
        _("Isi data pada lembar %(sheet)s, mulai baris 2, satu baris per wilayah, tahun dan jenis.")
        % {"sheet": DATA_SHEET},
        _("Jangan ubah judul kolom, jangan gabungkan sel, dan jangan menambah kolom."),
        _("Setelah diunggah, setiap baris tampil di pratinjau; data baru ditulis setelah Anda mengonfirmasi."),
    ):
        help_sheet.append([line])
    for cell in help_sheet[1]:
        cell.font = Font(bold=True)
    for letter, width in zip("ABCD", (16, 22, 60, 60), strict=True):
        help_sheet.column_dimensions[letter].width = width
    for row in help_sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
