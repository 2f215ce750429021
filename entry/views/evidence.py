"""Evidence files, served only to those who may edit their regency."""

from pathlib import PurePath

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404

from accounts.permissions import (
    can_edit_regency,
    entry_required,
)
from assessments.models import EvidenceFile

# The stored name's extension → its type and whether a browser may show it in place. Office documents are only
# downloaded. Files stored before indicator evidence existed are all PDFs named .pdf.
SERVED_AS = {
    "pdf": ("application/pdf", "inline"),
    "png": ("image/png", "inline"),
    "jpg": ("image/jpeg", "inline"),
    "jpeg": ("image/jpeg", "inline"),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "attachment"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "attachment"),
    "pptx": ("application/vnd.openxmlformats-officedocument.presentationml.presentation", "attachment"),
    "odt": ("application/vnd.oasis.opendocument.text", "attachment"),
}


@entry_required
def evidence_download(request, token):
    evidence = get_object_or_404(EvidenceFile, token=token)
    if not can_edit_regency(request.user, evidence.regency):
        raise Http404
    extension = PurePath(evidence.file.name).suffix.lower().lstrip(".")
    if extension not in SERVED_AS:
        extension = "pdf"
    content_type, disposition = SERVED_AS[extension]
    response = FileResponse(evidence.file.open("rb"), content_type=content_type)
    response["Content-Disposition"] = f'{disposition}; filename="bukti-{evidence.token.hex[:8]}.{extension}"'
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
