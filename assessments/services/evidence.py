"""Evidence files: checked by content and size, stored under an unguessable name."""

import uuid

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from regencies.models import Regency

from ..models import EvidenceFile

PDF_MAGIC = b"%PDF-"


def store_evidence(*, upload: UploadedFile, regency: Regency, by: AbstractBaseUser) -> EvidenceFile:
    """Saves a PDF under an unguessable name. Callers validate first with `evidence_problem`."""
    token = uuid.uuid4()
    evidence = EvidenceFile(
        token=token,
        original_name=upload.name[:255],
        size=upload.size,
        regency=regency,
        uploaded_by=by,
    )
    upload.seek(0)
    evidence.file.save(f"{token.hex}.pdf", upload, save=False)
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
