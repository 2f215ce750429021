"""Bulk import: upload and preview, confirm, templates.

Each preview is kept on the server (assessments/import_previews.py), never in the session, with a token (its
random key and the SHA-256 of what it showed) in the confirm form. A confirmation writes the rows of its own
preview, as they were previewed, or nothing: several tabs each confirm their own file, a row a colleague changed
since refuses the whole confirm, and a second confirm of the same preview answers "already imported".
"""

from html import escape

from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accounts.permissions import entry_required, is_provincial_staff
from assessments import importing
from assessments.formatting import index_values
from assessments.import_previews import (
    PREVIEWS_KEPT,
    ImportKind,
    ImportPreview,
    any_waiting,
    claim,
    find_preview,
    keep_preview,
    release,
)
from regencies.models import display_names

from ..forms import ImportForm

TOKEN_FIELD = "pratinjau"
KIND = ImportKind.RESULTS
ALREADY_CONFIRMED = gettext_lazy("Impor ini sudah dikonfirmasi dan datanya sudah ditulis; tidak ditulis dua kali.")


class AlreadyConfirmed(Exception):
    """Another confirm of the same preview wrote its rows first (a double click)."""


def waiting_preview(request, *, kind: str, page, done: str):
    """The preview the posted token names, waiting to be written; otherwise the answer to give: "already
    imported" (to `done`), nothing waiting (400), or a token that matches no waiting preview (409), on `page`."""
    preview = find_preview(owner=request.user, kind=kind, token=request.POST.get(TOKEN_FIELD, ""))
    if preview is not None and preview.confirmed_at is not None:
        messages.info(request, ALREADY_CONFIRMED)
        return redirect(done)
    if preview is not None:
        return preview
    if not any_waiting(owner=request.user, kind=kind):
        return page(request, status=400, problem=_("Tidak ada impor yang menunggu konfirmasi; unggah berkas lagi."))
    problem = _(
        "Konfirmasi ini tidak cocok dengan pratinjau yang menunggu (pratinjau lama dilepas setelah "
        "%(kept)s unggahan yang lebih baru). Tidak ada data yang ditulis. Unggah berkasnya lagi dan "
        "konfirmasi dari pratinjau itu."
    ) % {"kept": PREVIEWS_KEPT}
    return page(request, status=409, problem=problem)


PREVIEW_ROW = (
    '<tr class="import-%s">\n      <td>%d</td>\n      <td>%s</td>\n      <td>%s</td>\n      <td>%s</td>\n'
    '      <td>%s</td><td>%s</td>\n      <td class="num">%s%s</td>\n      <td class="num">%s</td>\n    </tr>'
)


def _preview_rows(rows: list[importing.ImportRow]) -> str:
    """Each checked row as the preview's table row. Written here, as the official preview's are: 500 rows with
    filters, translations and a dozen lookups each took 50 ms of a preview's CPU to render. The words are
    translated once, each regency named once, each index value written once, and only text escaped (html.escape,
    what django.utils.html.escape calls, without its lazy-string wrapper per cell)."""
    names = display_names(row.regency for row in rows if row.regency is not None)
    words = {status: escape(str(word)) for status, word in importing.STATUS_WORDS.items()}
    words[importing.ERROR] = f"<strong>{words[importing.ERROR]}</strong>"
    before = escape(_("sebelumnya"))
    # Each value written once for the page (the language is the request's throughout).
    shown = index_values()
    table = []
    for row in rows:
        raw = row.raw
        previous = ""
        if row.status == importing.CHANGED and row.existing:
            was = shown(row.existing.value) if row.existing.value is not None else ""
            previous = f' <span class="hint">({before} {was or "—"})</span>'
        cells = (
            row.status,
            row.line,
            words[row.status],
            escape(row.reason),
            escape((names[row.regency.pk] if row.regency is not None else "") or raw["kode_wilayah"]),
            escape(raw["tahun"]),
            escape(raw["jenis"]),
            shown(row.value) if row.value is not None else escape(raw["indeks"]),
            previous,
            shown(row.target) if row.target is not None else escape(raw["target"]),
        )
        # Every cell above is escaped text, a number, a status (one of four words of ours) or markup written here.
        table.append(PREVIEW_ROW % cells)
    # One string for the table's body: a template loop printing 500 rows one by one took 0.6 ms.
    return mark_safe("\n".join(table))


def _page(request, *, status: int = 200, rows: list[importing.ImportRow] | None = None, **context):
    return render(
        request,
        "entry/import.html",
        {
            "form": ImportForm(),
            "is_staff": is_provincial_staff(request.user),
            "can_self_verify": importing.self_verification_allowed(),
            "token_field": TOKEN_FIELD,
            "rows": rows,
            "table_rows": _preview_rows(rows) if rows else None,
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
    token = keep_preview(
        owner=request.user,
        kind=KIND,
        content={"rows": raw_rows, "lines": lines, "versions": [row.versions for row in rows]},
        file_name=upload.name,
    )
    return _page(
        request,
        rows=rows,
        has_errors=has_errors,
        file_name=upload.name,
        token=token,
        shows_demo_data=any(row.shows_demo_data for row in rows),
    )


@require_POST
@entry_required
def import_confirm(request):
    preview = waiting_preview(request, kind=KIND, page=_page, done="entry:list")
    if not isinstance(preview, ImportPreview):
        return preview
    step = importing.next_step(
        user=request.user, verify=request.POST.get("verifikasi") == "1", submit=request.POST.get("ajukan") == "1"
    )
    content = preview.data
    try:
        with transaction.atomic():
            if not claim(preview):
                raise AlreadyConfirmed
            rows = importing.apply_import(
                raw_rows=preview.rows,
                user=request.user,
                verify=step == importing.VERIFY,
                submit=step == importing.SUBMIT,
                lines=content.get("lines"),
                previewed=content.get("versions"),
            )
    except AlreadyConfirmed:
        return waiting_preview(request, kind=KIND, page=_page, done="entry:list")
    except importing.ImportRejected as rejected:
        forbidden = any(row.forbidden for row in rejected.rows)
        return _page(
            request,
            status=403 if forbidden else 400,
            rows=rejected.rows,
            has_errors=True,
            rejected=True,
            file_name=preview.file_name,
        )
    except importing.ImportOvertaken:
        # The preview no longer describes the database; it is dropped, not counted as confirmed.
        release(preview)
        messages.warning(
            request,
            _(
                "Baris-baris ini baru saja ditulis oleh konfirmasi lain (misalnya klik ganda) atau oleh rekan Anda; "
                "impor ini tidak menulis apa pun. Periksa daftar entri, lalu unggah lagi bila masih perlu."
            ),
        )
        return redirect("entry:list")
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
