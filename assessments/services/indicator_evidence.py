"""Evidence files of one indicator in the self-assessment workspace: PDF, PNG/JPEG, DOCX/XLSX/PPTX or ODT,
checked by extension and by content, under the same size limit as every evidence file, stored under an
unguessable name like them."""

import uuid
import zipfile
from dataclasses import dataclass
from datetime import date
from pathlib import PurePath

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone
from django.utils.translation import gettext as _

from ..evidence_checks import pdf_has_text_layer
from ..models import EvidenceFile, Framework, IndicatorAssessment
from ..spreadsheets import FORMULA_MESSAGE, refused_as_formula
from .common import require_regency_right
from .evidence import write_evidence_file

# Files an indicator may hold at most: enough for a decree, its annexes and screenshots.
MAX_FILES_PER_INDICATOR = 10
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
# Extension → what the content must be: a magic prefix, or an office package holding this folder.
KINDS = {
    "pdf": ("magic", b"%PDF-"),
    "png": ("magic", b"\x89PNG\r\n\x1a\n"),
    "jpg": ("magic", b"\xff\xd8\xff"),
    "jpeg": ("magic", b"\xff\xd8\xff"),
    "docx": ("ooxml", "word/"),
    "xlsx": ("ooxml", "xl/"),
    "pptx": ("ooxml", "ppt/"),
    "odt": ("odf", ODT_MIMETYPE),
}
ALLOWED_NAMES = "PDF, PNG, JPEG, DOCX, XLSX, PPTX, ODT"
ASSESSOR_NOTE_MAX_LENGTH = 500


@dataclass(frozen=True)
class EvidenceDetails:
    """What the person says of the files uploaded together: the level they back, the documents' own date and a
    short note for the assessor. Each may be left out."""

    level: int | None = None
    document_date: date | None = None
    note: str = ""


def evidence_details_problems(details: EvidenceDetails, *, framework: Framework) -> dict[str, str]:
    """{field: message} of what cannot be kept: a level outside the framework's (level 0 needs no evidence), a
    date in the future, a note too long or read as a spreadsheet formula."""
    problems = {}
    if details.level is not None and not max(framework.min_level, 1) <= details.level <= framework.max_level:
        problems["evidence_level"] = _("Tingkat bukti harus antara %(low)s dan %(high)s.") % {
            "low": max(framework.min_level, 1),
            "high": framework.max_level,
        }
    if details.document_date is not None and details.document_date > timezone.localdate():
        problems["document_date"] = _("Tanggal dokumen tidak boleh di masa depan.")
    if len(details.note) > ASSESSOR_NOTE_MAX_LENGTH:
        problems["assessor_note"] = _("Catatan untuk asesor paling panjang %(max)s karakter.") % {
            "max": ASSESSOR_NOTE_MAX_LENGTH
        }
    elif refused_as_formula(details.note):
        problems["assessor_note"] = str(FORMULA_MESSAGE)
    return problems


def extension_of(name: str) -> str:
    return PurePath(name).suffix.lower().lstrip(".")


def indicator_evidence_problem(upload: UploadedFile) -> str | None:
    """Why an upload cannot be kept as an indicator's evidence, or None. The extension names a kind; the content
    must be that kind."""
    extension = extension_of(upload.name or "")
    if extension not in KINDS:
        return _("%(name)s: jenis berkas tidak diterima; gunakan %(kinds)s.") % {
            "name": upload.name,
            "kinds": ALLOWED_NAMES,
        }
    if upload.size == 0:
        return _("%(name)s: berkas kosong.") % {"name": upload.name}
    if upload.size > settings.EVIDENCE_MAX_BYTES:
        return _("%(name)s: berkas terlalu besar; paling besar %(mb)s MB.") % {
            "name": upload.name,
            "mb": settings.EVIDENCE_MAX_BYTES // (1024 * 1024),
        }
    if not _content_is(upload, *KINDS[extension]):
        return _("%(name)s: isi berkas tidak sesuai dengan jenisnya (.%(extension)s).") % {
            "name": upload.name,
            "extension": extension,
        }
    return None


def _content_is(upload: UploadedFile, check: str, expected) -> bool:
    upload.seek(0)
    try:
        if check == "magic":
            return upload.read(len(expected)) == expected
        try:
            with zipfile.ZipFile(upload) as package:
                names = package.namelist()
                if check == "ooxml":
                    return "[Content_Types].xml" in names and any(name.startswith(expected) for name in names)
                # An ODF package names its type in its first entry, stored uncompressed.
                if not names or names[0] != "mimetype" or package.getinfo("mimetype").file_size > 100:
                    return False
                return package.read("mimetype") == expected
        except (zipfile.BadZipFile, KeyError, OSError, EOFError):
            return False
    finally:
        upload.seek(0)


def store_indicator_evidence(
    *,
    upload: UploadedFile,
    assessment: IndicatorAssessment,
    by: AbstractBaseUser,
    details: EvidenceDetails = EvidenceDetails(),  # noqa: B008 (frozen, never changed)
) -> EvidenceFile:
    """Saves a checked upload under a random name keeping its kind's extension, with what the person said of it
    and whether a PDF has a text layer. Callers check first with `indicator_evidence_problem` and
    `evidence_details_problems`, and remove the stored file if their transaction fails."""
    require_regency_right(by=by, regency=assessment.regency)
    token = uuid.uuid4()
    extension = extension_of(upload.name)
    evidence = EvidenceFile(
        token=token,
        original_name=upload.name[:255],
        size=upload.size,
        regency=assessment.regency,
        uploaded_by=by,
        indicator_assessment=assessment,
        level=details.level,
        document_date=details.document_date,
        assessor_note=details.note.strip(),
        has_text_layer=pdf_has_text_layer(upload) if extension == "pdf" else None,
    )
    write_evidence_file(evidence, name=f"evidence/{token.hex}.{extension}", upload=upload)
    try:
        evidence.save()
    except BaseException:
        evidence.file.storage.delete(evidence.file.name)
        raise
    return evidence
