"""Staff's province view of a year's indicators (regency × indicator table, weakest indicators, reporting status)
and the import of every regency's official levels from one sheet (upload and preview, confirm, template).

The import keeps its preview on the server with a token, as the results' import does (entry/views/imports.py):
a confirmation writes its own preview's rows as previewed or nothing, and a second confirm answers "already
imported".
"""

import functools
from html import escape

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accounts.permissions import staff_required
from assessments.formatting import index_values
from assessments.import_previews import ImportKind, ImportPreview, claim, keep_preview
from assessments.importing import ImportFileError, read_numbered_table
from assessments.importing import official_levels as importer
from assessments.importing.checking import ERROR
from assessments.importing.sources import kind_words
from assessments.models import MAX_YEAR, MIN_YEAR, AssessmentStage, Framework
from regencies.models import display_names

from ..forms import ImportForm
from ..selectors.entry_list import evaluation_years
from ..selectors.province_view import province_view
from .common import asked_number, level_cell
from .imports import TOKEN_FIELD, AlreadyConfirmed, waiting_preview

PAGE_SIZE = 50
SLUG_SLOT = "regency-slug-slot"
KIND = ImportKind.OFFICIAL_LEVELS
REASON_FIELD = "alasan"


@staff_required
def province_indicators(request, year: int):
    framework = Framework.objects.in_force(year)
    if framework is None:
        raise Http404
    stage = request.GET.get("tahap", AssessmentStage.SELF)
    if stage not in AssessmentStage.values:
        stage = AssessmentStage.SELF
    domain, aspect = asked_number(request, "domain"), asked_number(request, "aspek")
    page_number = asked_number(request, "halaman") or 1
    view = province_view(
        year=year,
        framework=framework,
        stage=stage,
        domain=domain,
        aspect=aspect,
        first=(page_number - 1) * PAGE_SIZE,
        limit=PAGE_SIZE,
    )
    page = Paginator(range(view.regency_count), PAGE_SIZE).get_page(page_number)
    unknown = format_html('<td class="num"><span class="no-data" title="{}">–</span></td>', _("belum ada data"))
    # The level cells are joined here rather than in the template: a national table has thousands of them, and
    # a level is a small int that needs no escaping.
    # So is each row's head: one reverse for the page (a slug is [-a-z0-9], nothing to escape in a path) and each
    # distinct status label translated once.
    link = reverse("entry:indicator_review", args=[SLUG_SLOT, year])
    labels: dict[tuple, str] = {}
    names = display_names(regency for regency, _status, _levels in view.table)
    # Each distinct level's cell written once: thousands of cells hold a handful of levels.
    cell = functools.cache(lambda level: unknown if level is None else level_cell(level))
    table = []
    for regency, status, levels in view.table:
        key = (status.code, status.filled, status.total)
        if key not in labels:
            labels[key] = status.label
        head = format_html(
            '<th scope="row"><a href="{}">{}</a></th>\n      <td class="status">{}</td>',
            link.replace(SLUG_SLOT, regency.slug),
            names[regency.pk],
            labels[key],
        )
        cells = "".join(map(cell, levels))
        # Levels are ints; the unknown cell went through format_html.
        table.append((regency, status, head, mark_safe(cells)))
    return render(
        request,
        "entry/indicator_review/province.html",
        {
            "view": view,
            "table": table,
            "stages": AssessmentStage.choices,
            "domain": domain,
            "aspect": aspect,
            "page": page,
            "levels": list(framework.levels),
            "shows_demo_data": view.shows_demo_data,
            "years": evaluation_years(until_year=timezone.localdate().year),
        },
    )


class OfficialImportForm(ImportForm):
    year = forms.IntegerField(
        label=gettext_lazy("Tahun evaluasi"),
        min_value=MIN_YEAR,
        max_value=MAX_YEAR,
        error_messages={
            "required": gettext_lazy("Isi tahun evaluasi."),
            "invalid": gettext_lazy("Tulis tahun dengan empat angka."),
            "min_value": gettext_lazy("Tahun di luar rentang evaluasi SPBE."),
            "max_value": gettext_lazy("Tahun di luar rentang evaluasi SPBE."),
        },
    )

    field_order = ["year", "file"]


PREVIEW_ROW = (
    '<tr%s>\n      <td class="num">%d</td>\n      <td>%s</td>\n      <td class="num">%d</td><td class="num">%d</td>\n'
    '      <td class="num">%s</td>\n      <td class="num"%s>%s</td>\n      <td>%s</td>\n    </tr>'
)
ERROR_CLASS = ' class="import-error"'
MISMATCH_MARK = ' data-testid="index-mismatch"'


def _preview_rows(rows: list[importer.OfficialRow]) -> str:
    """Each checked row as the preview's table row. Written here, as the province view's cells are: 500 rows with
    a filter, a translation and a dozen lookups each took 60 ms of a preview's CPU to render. The words are
    translated once, each regency named once, each index value (there are only 501) written once, and only text
    escaped (html.escape, what django.utils.html.escape calls, without its lazy-string wrapper per cell)."""
    names = display_names(row.regency for row in rows if row.regency is not None)
    words = {status: escape(str(word)) for status, word in importer.OFFICIAL_STATUS_WORDS.items()}
    incomplete, no_data, mismatch = (escape(_("belum lengkap")), escape(_("belum ada data")), escape(_("tidak cocok")))
    incomplete = f'<span class="no-data">{incomplete}</span>'
    no_data = f'<span class="no-data">{no_data}</span>'
    mismatch = f' <strong class="flag-warning">{mismatch}</strong>'
    # Each value written once for the page (the language is the request's throughout).
    shown = index_values()
    table = []
    for row in rows:
        is_error = row.status == ERROR
        disagrees = row.disagrees
        if row.published_index is not None:
            published = shown(row.published_index) + (mismatch if disagrees else "")
        else:
            published = "" if is_error else no_data
        name = names[row.regency.pk] if row.regency is not None else row.raw.get(importer.CODE, "")
        status = f"<strong>{words[ERROR]}:</strong> {escape(row.reason)}" if is_error else words[row.status]
        cells = (
            ERROR_CLASS if is_error else "",
            row.line,
            escape(name),
            len(row.levels),
            row.changes,
            shown(row.computed_index) or ("" if is_error else incomplete),
            MISMATCH_MARK if disagrees else "",
            published,
            status,
        )
        # Every cell above is escaped text, a number, or markup written here.
        table.append(PREVIEW_ROW % cells)
    # One string for the table's body: a template loop printing 500 rows one by one took 0.6 ms.
    return mark_safe("\n".join(table))


def _page(request, *, status: int = 200, rows: list[importer.OfficialRow] | None = None, **context):
    years = evaluation_years(until_year=timezone.localdate().year)
    return render(
        request,
        "entry/indicator_review/import.html",
        {
            "form": OfficialImportForm(initial={"year": years[0] if years else None}),
            "years": years,
            "token_field": TOKEN_FIELD,
            "kind_words": kind_words(),
            "reason_field": REASON_FIELD,
            "rows": rows,
            "table_rows": _preview_rows(rows) if rows else None,
            **context,
        },
        status=status,
    )


@staff_required
def official_import(request):
    if request.method != "POST":
        return _page(request)
    form = OfficialImportForm(request.POST, request.FILES)
    if not form.is_valid():
        return _page(request, form=form, status=400)
    year = form.cleaned_data["year"]
    framework = Framework.objects.in_force(year)
    if framework is None:
        form.add_error("year", _("Tidak ada kerangka evaluasi untuk tahun %(year)s.") % {"year": year})
        return _page(request, form=form, status=400)
    upload = form.cleaned_data["file"]
    level_columns = importer.level_columns(framework)
    try:
        raw_rows, lines = read_numbered_table(
            name=upload.name,
            content=upload.read(settings.IMPORT_MAX_BYTES + 1),
            columns=importer.columns_for(level_columns),
            explain_header=lambda found, line: importer.header_problem(
                found, line=line, year=year, framework=framework
            ),
        )
    except ImportFileError as error:
        form.add_error("file", str(error))
        return _page(request, form=form, status=400)
    # The preview reads the levels already written from the publication cache; the confirm reads the database.
    rows = importer.check_official_rows(
        raw_rows=raw_rows, year=year, framework=framework, lines=lines, written_from_cache=True, columns=level_columns
    )
    # The year travels with the rows: the token's digest covers it, so a confirm writes the year it previewed.
    token = keep_preview(
        owner=request.user,
        kind=KIND,
        content={"year": year, "rows": raw_rows, "lines": lines, "versions": [row.versions for row in rows]},
        file_name=upload.name,
    )
    return _page(
        request,
        form=form,
        rows=rows,
        year=year,
        has_errors=any(row.status == ERROR for row in rows),
        file_name=upload.name,
        token=token,
        flagged=any(row.disagrees for row in rows),
        shows_demo_data=any(row.shows_demo_data for row in rows),
    )


@require_POST
@staff_required
def official_import_confirm(request):
    preview = waiting_preview(request, kind=KIND, page=_page, done="entry:official_import")
    if not isinstance(preview, ImportPreview):
        return preview
    content = preview.data
    year = content["year"]
    framework = Framework.objects.in_force(year)
    try:
        with transaction.atomic():
            if not claim(preview):
                raise AlreadyConfirmed
            rows = importer.apply_official_levels(
                raw_rows=preview.rows,
                year=year,
                framework=framework,
                user=request.user,
                lines=content.get("lines"),
                previewed=content.get("versions"),
                reason=request.POST.get(REASON_FIELD, ""),
            )
    except importer.ReasonRequired as refused:
        # Nothing written and the preview still waiting: the same confirm again, with the reason asked for.
        return _page(
            request,
            status=400,
            rows=refused.rows,
            year=year,
            file_name=preview.file_name,
            token=request.POST.get(TOKEN_FIELD, ""),
            flagged=True,
            reason_error=_(
                "Tingkat beberapa wilayah tidak cocok dengan indeks resmi terpublikasi: tulis alasannya di kolom "
                "“Alasan” sebelum mengonfirmasi. Tidak ada yang ditulis."
            ),
        )
    except AlreadyConfirmed:
        return waiting_preview(request, kind=KIND, page=_page, done="entry:official_import")
    except importer.OfficialImportRejected as rejected:
        return _page(
            request,
            status=400,
            rows=rejected.rows,
            year=year,
            has_errors=True,
            rejected=True,
            file_name=preview.file_name,
        )
    written = sum(row.changes for row in rows)
    messages.success(
        request,
        _("Impor tingkat resmi %(year)s selesai: %(count)s tingkat indikator ditulis.")
        % {"year": year, "count": written},
    )
    # The page opens on the official stage just written, not on the self-assessments.
    return redirect(f"{reverse('entry:province_indicators', kwargs={'year': year})}?tahap={AssessmentStage.OFFICIAL}")


@staff_required
def official_import_template(request, year: int, fmt: str):
    framework = Framework.objects.in_force(year)
    if framework is None:
        raise Http404
    columns = importer.level_columns(framework)
    if fmt == "csv":
        response = HttpResponse(importer.template_csv(columns), content_type="text/csv; charset=utf-8")
    elif fmt == "xlsx":
        response = HttpResponse(
            importer.template_xlsx(columns),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="templat-tingkat-resmi-{year}.{fmt}"'
    return response
