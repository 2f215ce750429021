"""Evidence files, served only to those who may edit their regency."""

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404

from accounts.permissions import (
    can_edit_regency,
    entry_required,
)
from assessments.models import EvidenceFile


@entry_required
def evidence_download(request, token):
    evidence = get_object_or_404(EvidenceFile, token=token)
    if not can_edit_regency(request.user, evidence.regency):
        raise Http404
    response = FileResponse(evidence.file.open("rb"), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="bukti-{evidence.token.hex[:8]}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response
