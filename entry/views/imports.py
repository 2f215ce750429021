"""Bulk import: upload and preview, confirm, templates."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.permissions import (
    entry_required,
    is_provincial_staff,
)
from assessments import importing

from ..forms import ImportForm

IMPORT_SESSION_KEY = "entry_import_rows"


@entry_required
def import_upload(request):
    context = {"form": ImportForm(), "is_staff": is_provincial_staff(request.user)}
    if request.method != "POST":
        return render(request, "entry/import.html", context)
    form = ImportForm(request.POST, request.FILES)
    context["form"] = form
    if not form.is_valid():
        return render(request, "entry/import.html", context, status=400)
    upload = form.cleaned_data["file"]
    try:
        raw_rows = importing.read_table(name=upload.name, content=upload.read(settings.IMPORT_MAX_BYTES + 1))
    except importing.ImportFileError as error:
        form.add_error("file", str(error))
        return render(request, "entry/import.html", context, status=400)
    rows = importing.check_rows(raw_rows=raw_rows, user=request.user)
    request.session[IMPORT_SESSION_KEY] = raw_rows
    context.update(rows=rows, has_errors=any(row.status == importing.ERROR for row in rows), file_name=upload.name)
    return render(request, "entry/import.html", context)


@require_POST
@entry_required
def import_confirm(request):
    raw_rows = request.session.get(IMPORT_SESSION_KEY)
    if not raw_rows:
        messages.error(request, _("Tidak ada impor yang menunggu konfirmasi; unggah berkas lagi."))
        return redirect("entry:import")
    try:
        rows = importing.apply_import(
            raw_rows=raw_rows, user=request.user, verify=request.POST.get("verifikasi") == "1"
        )
    except importing.ImportRejected as rejected:
        if any(row.forbidden for row in rejected.rows):
            raise PermissionDenied from rejected
        context = {
            "form": ImportForm(),
            "is_staff": is_provincial_staff(request.user),
            "rows": rejected.rows,
            "has_errors": True,
            "rejected": True,
        }
        return render(request, "entry/import.html", context, status=400)
    del request.session[IMPORT_SESSION_KEY]
    written = sum(1 for row in rows if row.status in (importing.NEW, importing.CHANGED))
    messages.success(request, _("Impor selesai: %(count)s baris ditulis.") % {"count": written})
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
