"""The review page's per-indicator cells, joined in Python: a framework has about fifty indicators, each with three
level cells, the differences and two links, and rendering them through template tags (a `{% url %}` and a dozen
`{% if %}` per row) cost more than everything else on the page. The output is the same markup the template wrote.
"""

from django.template.defaultfilters import date as date_filter
from django.template.defaultfilters import linebreaksbr
from django.urls import reverse
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

LEVEL = '<td class="num"><span class="level level-%d">%d</span></td>'
DELTA = '<span class="delta"><span aria-hidden="true">≠ </span>{} {}</span>'
CELL_GAP = "\n      "
DETAILS = (
    '<details class="indicator-detail"><summary>{}</summary>\n'
    "          <dl>\n"
    "            <dt>{}</dt><dd>{}</dd>\n"
    "            <dt>{}</dt><dd>{}</dd>\n"
    "            <dt>{}</dt><dd>{}</dd>\n"
    "            <dt>{}</dt><dd>{}</dd>\n"
    "            <dt>{}</dt><dd>{}</dd>\n"
    "          </dl>\n"
    "        </details>"
)


def prerender(review, *, is_staff: bool) -> None:
    """Set each row's `html_cells` (the three levels and the differences), `html_actions` (set the level, add a
    recommendation) and `html_details` (explanation, evidence, note, source, recommendations) for the template."""
    unknown = format_html('<td class="num"><span class="no-data">{}</span></td>', _("belum ada data"))
    same = format_html('<td><span class="hint">{}</span></td>', _("sama atau belum dapat dibandingkan"))
    word = _("indikator")
    links = []  # (href before the number, href after it, label)
    if is_staff:
        prefix, _slot, suffix = reverse(
            "entry:indicator_review_edit", args=[review.regency.slug, review.year, 0]
        ).rpartition("/0/")
        links.append((prefix + "/", "/" + suffix, _("Tetapkan tingkat")))
    if review.result:
        add = reverse("entry:follow_up_create", args=[review.result.pk])
        links.append((add + "?indikator=", "", _("tambah rekomendasi")))
    labels = {
        "summary": _("Rincian"),
        "explanation": _("Penjelasan wilayah"),
        "evidence": _("Bukti dukung"),
        "note": _("Catatan reviu provinsi"),
        "source": _("Sumber tingkat resmi"),
        "recommendations": _("Rekomendasi"),
        "edit": _("Ubah"),
        "none_yet": format_html('<span class="no-data">{}</span>', _("belum ada")),
        "no_data": format_html('<span class="no-data">{}</span>', _("belum ada data")),
    }
    for row in review.rows:
        number = row.indicator.number
        row.html_details = _details(row, labels)
        cells = [unknown if level is None else LEVEL % (level, level) for level in row.levels]
        if row.deltas:
            deltas = format_html_join(mark_safe("<br>"), DELTA, ((label, f"{delta:+d}") for label, delta in row.deltas))
            cells.append(format_html("<td>{}</td>", deltas))
        else:
            cells.append(same)
        # Levels are ints; every text went through format_html.
        row.html_cells = mark_safe(CELL_GAP.join(cells))
        row.html_actions = format_html_join(
            " · ",
            '<a href="{}{}{}">{}<span class="visually-hidden"> {} {}</span></a>',
            ((before, number, after, label, word, number) for before, after, label in links),
        )


def _text(row, labels):
    """A stage row's explanation with its line breaks, or "belum ada"."""
    return linebreaksbr(row.explanation) if row is not None and row.explanation else labels["none_yet"]


def _details(row, labels):
    evidence = format_html_join(
        ", ",
        '<a href="{}">{}</a>',
        ((reverse("entry:evidence", args=[item.token]), item.original_name) for item in row.evidence),
    )
    source = row.official_row.source if row.official_row is not None else None
    if source:
        title = (
            format_html('<a href="{}" rel="noopener">{}</a>', source.url, source.title)
            if source.url
            else conditional_escape(source.title)
        )
        source_html = format_html("{} ({}, {})", title, source.publisher, date_filter(source.published_on, "j N Y"))
    else:
        source_html = labels["no_data"]
    follow_ups = format_html_join(
        "",
        '<p>{} <span class="hint">({}{})</span> <a href="{}">{}</a></p>',
        (
            (
                item.recommendation,
                item.get_status_display(),
                "" if item.is_published else format_html(", {}", item.get_state_display()),
                reverse("entry:follow_up_edit", args=[item.pk]),
                labels["edit"],
            )
            for item in row.follow_ups
        ),
    )
    return format_html(
        DETAILS,
        labels["summary"],
        labels["explanation"],
        _text(row.self_row, labels),
        labels["evidence"],
        evidence or labels["none_yet"],
        labels["note"],
        _text(row.province_row, labels),
        labels["source"],
        source_html,
        labels["recommendations"],
        follow_ups or labels["none_yet"],
    )
