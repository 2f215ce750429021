"""Bulk import: upload and preview, confirm, templates.

Each preview is kept in the session under its own key, with a token (its random id and the SHA-256 of the rows
it showed) in the confirm form. A confirmation writes the rows of its own preview or nothing: several tabs each
confirm their own file, and a second confirm of the same preview answers "already imported".
"""

import hashlib
import hmac
import json
import secrets

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.permissions import entry_required, is_provincial_staff
from assessments import importing

from ..forms import ImportForm

PREVIEW_KEY_PREFIX = "entry_import:"
CONFIRMED_KEY = "entry_import_confirmed"
TOKEN_FIELD = "pratinjau"
# A session holds a few previews (one per open tab), not every file ever uploaded: each may hold 500 rows.
PREVIEWS_KEPT = 5
CONFIRMED_KEPT = 20


def rows_digest(raw_rows: list[dict[str, str]]) -> str:
    return hashlib.sha256(json.dumps(raw_rows, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def _preview_keys(session) -> list[str]:
    # A session is not iterable (SessionBase has keys() but no __iter__), hence keys().
    return [key for key in session.keys() if key.startswith(PREVIEW_KEY_PREFIX)]  # noqa: SIM118


def keep_preview(
    session, raw_rows: list[dict[str, str]], *, file_name: str = "", lines: list[int] | None = None
) -> str:
    """Stores a preview's rows in the session and returns the token its confirm form carries."""
    kept = sorted(_preview_keys(session), key=lambda key: session[key]["at"])
    for key in kept[: max(0, len(kept) - PREVIEWS_KEPT + 1)]:
        del session[key]
    preview_id = secrets.token_urlsafe(16)
    digest = rows_digest(raw_rows)
    session[PREVIEW_KEY_PREFIX + preview_id] = {
        "rows": raw_rows,
        "digest": digest,
        "file_name": file_name,
        "lines": lines,
        "at": timezone.now().isoformat(),
    }
    return f"{preview_id}.{digest}"


def _page(request, *, status: int = 200, **context):
    return render(
        request,
        "entry/import.html",
        {
            "form": ImportForm(),
            "is_staff": is_provincial_staff(request.user),
            "can_self_verify": importing.self_verification_allowed(),
            "token_field": TOKEN_FIELD,
            **context,
        },
        status=status,
    )


@entry_required
def import_upload(request):
    if request.method != "POST":
        return _page(request)
    form = ImportForm(request.POST, request.FILES)
    if not form.is_valid():
        return _page(request, form=form, status=400)
    upload = form.cleaned_data["file"]
    try:
        raw_rows, lines = importing.read_numbered_table(
            name=upload.name, content=upload.read(settings.IMPORT_MAX_BYTES + 1)
        )
    except importing.ImportFileError as error:
        form.add_error("file", str(error))
        return _page(request, form=form, status=400)
    rows = importing.check_rows(raw_rows=raw_rows, user=request.user, lines=lines)
    has_errors = any(row.status == importing.ERROR for row in rows)
    # A preview with errors is kept too: confirming it anyway answers with its rows refused, as the page shows.
    token = keep_preview(request.session, raw_rows, file_name=upload.name, lines=lines)
    return _page(request, rows=rows, has_errors=has_errors, file_name=upload.name, token=token)


def _pending(session, token: str) -> tuple[str, dict | None]:
    preview_id, _dot, digest = token.partition(".")
    preview = session.get(PREVIEW_KEY_PREFIX + preview_id) if preview_id else None
    if preview is None:
        return preview_id, None
    matches = hmac.compare_digest(digest, preview["digest"]) and rows_digest(preview["rows"]) == preview["digest"]
    return preview_id, preview if matches else None


def _remember_confirmed(session, preview_id: str) -> None:
    session.pop(PREVIEW_KEY_PREFIX + preview_id, None)
    session[CONFIRMED_KEY] = [*session.get(CONFIRMED_KEY, []), preview_id][-CONFIRMED_KEPT:]


@require_POST
@entry_required
def import_confirm(request):
    token = request.POST.get(TOKEN_FIELD, "")
    preview_id, preview = _pending(request.session, token)
    if preview_id and preview_id in request.session.get(CONFIRMED_KEY, []):
        messages.info(request, _("Impor ini sudah dikonfirmasi dan datanya sudah ditulis; tidak ditulis dua kali."))
        return redirect("entry:list")
    if preview is None:
        if not _preview_keys(request.session):
            nothing = _("Tidak ada impor yang menunggu konfirmasi; unggah berkas lagi.")
            return _page(request, status=400, problem=nothing)
        return _page(
            request,
            status=409,
            problem=_(
                "Konfirmasi ini tidak cocok dengan pratinjau yang menunggu (pratinjau lama dilepas setelah "
                "%(kept)s unggahan yang lebih baru). Tidak ada data yang ditulis. Unggah berkasnya lagi dan "
                "konfirmasi dari pratinjau itu."
            )
            % {"kept": PREVIEWS_KEPT},
        )
    step = importing.next_step(
        user=request.user, verify=request.POST.get("verifikasi") == "1", submit=request.POST.get("ajukan") == "1"
    )
    try:
        rows = importing.apply_import(
            raw_rows=preview["rows"],
            user=request.user,
            verify=step == importing.VERIFY,
            submit=step == importing.SUBMIT,
            lines=preview.get("lines"),
        )
    except importing.ImportRejected as rejected:
        forbidden = any(row.forbidden for row in rejected.rows)
        return _page(
            request,
            status=403 if forbidden else 400,
            rows=rejected.rows,
            has_errors=True,
            rejected=True,
            file_name=preview["file_name"],
        )
    except importing.ImportOvertaken:
        # The preview no longer describes the database; it is dropped, not counted as confirmed.
        request.session.pop(PREVIEW_KEY_PREFIX + preview_id, None)
        messages.warning(
            request,
            _(
                "Baris-baris ini baru saja ditulis oleh konfirmasi lain (misalnya klik ganda) atau oleh rekan Anda; "
                "impor ini tidak menulis apa pun. Periksa daftar entri, lalu unggah lagi bila masih perlu."
            ),
        )
        return redirect("entry:list")
    _remember_confirmed(request.session, preview_id)
    written = sum(1 for row in rows if row.status in (importing.NEW, importing.CHANGED))
    messages.success(request, _("Impor selesai: %(count)s baris ditulis.") % {"count": written})
    if written and step == importing.SUBMIT:
        messages.info(request, _("Baris-baris itu sudah diajukan dan menunggu verifikasi oleh petugas provinsi lain."))
    return redirect("entry:list")


@entry_required
def import_template(request, fmt: str):
    if fmt == "csv":
        response = HttpResponse(importing.template_csv(), content_type="text/csv; charset=utf-8")
    elif fmt == "xlsx":
        response = HttpResponse(
            importing.template_xlsx(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="templat-impor-spbe.{fmt}"'
    return response
