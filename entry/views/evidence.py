"""Evidence files, served only to those who may edit their regency, under the name the person uploaded."""

import logging
import re
import unicodedata
from pathlib import PurePath, PurePosixPath
from urllib.parse import quote

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from accounts.permissions import (
    can_edit_regency,
    entry_required,
)
from assessments.models import EvidenceFile

logger = logging.getLogger(__name__)

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
SAME_KIND = {"jpeg": "jpg"}
# Characters Windows refuses in a file name, and the quote and backslash a header's quoted string cannot hold.
RESERVED = re.compile(r'[<>:"/\\|?*]')
WINDOWS_DEVICES = {"CON", "PRN", "AUX", "NUL", *(f"COM{n}" for n in range(1, 10)), *(f"LPT{n}" for n in range(1, 10))}
MAX_STEM = 120
EXTENSION_LIKE = re.compile(r"^[A-Za-z0-9]{1,5}$")


@entry_required
def evidence_download(request, token):
    evidence = get_object_or_404(EvidenceFile, token=token)
    if not can_edit_regency(request.user, evidence.regency):
        raise Http404
    extension = PurePath(evidence.file.name).suffix.lower().lstrip(".")
    if extension not in SERVED_AS:
        extension = "pdf"
    content_type, disposition = SERVED_AS[extension]
    try:
        opened = evidence.file.open("rb")
    except FileNotFoundError:
        # A restore without the evidence folder, or a file removed by hand: the row stays, the file is gone.
        logger.error("Evidence %s: %s is missing from storage", evidence.token, evidence.file.name)
        raise Http404(
            _("Berkas bukti ini tidak ada di penyimpanan server. Beri tahu staf provinsi agar memulihkannya.")
        ) from None
    response = FileResponse(opened, content_type=content_type)
    name = download_name(evidence.original_name, extension=extension, fallback=f"bukti-{evidence.token.hex[:8]}")
    response["Content-Disposition"] = content_disposition(disposition, name)
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def download_name(original: str, *, extension: str, fallback: str) -> str:
    """The name the person uploaded, made safe to hand back (issue 24): without any folder a browser sent, control
    and direction-changing characters or characters Windows refuses, at most MAX_STEM characters before the
    extension, and ending in the kind the file is stored and served as."""
    name = PurePosixPath(original.replace("\\", "/")).name
    name = "".join(
        " " if unicodedata.category(char).startswith("C") else char for char in unicodedata.normalize("NFC", name)
    )
    name = " ".join(RESERVED.sub("_", name).split()).strip(" .")
    stem, dot, suffix = name.rpartition(".")
    if not dot or not EXTENSION_LIKE.match(suffix):
        stem = name
    elif SAME_KIND.get(suffix.lower(), suffix.lower()) == SAME_KIND.get(extension, extension):
        extension = suffix.lower()
    stem = stem[:MAX_STEM].strip(" .")
    if not stem or stem.upper() in WINDOWS_DEVICES:
        stem = fallback
    return f"{stem}.{extension}"


def content_disposition(disposition: str, name: str) -> str:
    """RFC 6266: an ASCII `filename` for old clients and the exact name as RFC 5987's `filename*` (UTF-8,
    percent-encoded) for every browser of today."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    ascii_name = " ".join(ascii_name.split())
    if not PurePath(ascii_name).stem.strip(" ._-"):
        ascii_name = "bukti" + PurePath(name).suffix
    return f"{disposition}; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name, safe='')}"
