"""Evidence files: checked by content and size, stored under an unguessable name."""

import errno
import logging
import uuid

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from regencies.models import Regency

from ..models import EvidenceFile
from .common import require_regency_right

logger = logging.getLogger(__name__)

PDF_MAGIC = b"%PDF-"
FULL = (errno.ENOSPC, errno.EDQUOT)
STORAGE_FULL = gettext_lazy(
    "Penyimpanan berkas penuh: bukti dukung tidak dapat disimpan, dan belum ada yang tersimpan. Isian Anda masih "
    "di formulir ini; kirim lagi tanpa berkas, atau coba lagi nanti dan beri tahu staf provinsi."
)
STORAGE_FAILED = gettext_lazy(
    "Bukti dukung tidak dapat disimpan di server, dan belum ada yang tersimpan. Isian Anda masih di formulir ini; "
    "coba lagi nanti."
)


def write_evidence_file(evidence: EvidenceFile, *, name: str, upload: UploadedFile) -> None:
    """Writes the upload to storage under `name` (random, so never taken) and names it on `evidence`. A write that
    fails half way (a full disk, a lost mount) leaves no fragment behind: what was written is removed, and the
    caller's transaction is refused with a message its form shows above the person's input."""
    storage = EvidenceFile._meta.get_field("file").storage
    upload.seek(0)
    try:
        evidence.file.name = storage.save(name, upload)
    except OSError as error:
        try:
            storage.delete(name)
        except OSError:
            logger.exception("Evidence %s: the fragment of a failed write could not be removed", name)
        logger.error("Evidence not stored (%s): %s", name, error)
        raise ValidationError(STORAGE_FULL if error.errno in FULL else STORAGE_FAILED) from error


def store_evidence(*, upload: UploadedFile, regency: Regency, by: AbstractBaseUser) -> EvidenceFile:
    """Saves a PDF under an unguessable name. Callers validate first with `evidence_problem`."""
    require_regency_right(by=by, regency=regency)
    token = uuid.uuid4()
    evidence = EvidenceFile(
        token=token,
        original_name=upload.name[:255],
        size=upload.size,
        regency=regency,
        uploaded_by=by,
    )
    write_evidence_file(evidence, name=f"evidence/{token.hex}.pdf", upload=upload)
    try:
        evidence.save()
    except BaseException:
        evidence.file.storage.delete(evidence.file.name)
        raise
    return evidence


def evidence_problem(upload: UploadedFile) -> str | None:
    """Why an upload cannot be kept as evidence, or None. The type is read from the content, not the name."""
    if upload.size == 0:
        return _("Berkas kosong.")
    if upload.size > settings.EVIDENCE_MAX_BYTES:
        return _("Berkas terlalu besar; paling besar %(mb)s MB.") % {"mb": settings.EVIDENCE_MAX_BYTES // (1024 * 1024)}
    upload.seek(0)
    head = upload.read(len(PDF_MAGIC))
    upload.seek(0)
    if head != PDF_MAGIC:
        return _("Bukti dukung harus berkas PDF.")
    return None
