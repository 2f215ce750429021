"""The review page's per-indicator cells, joined in Python: a framework has about fifty indicators, each with three
level cells, the differences and two links, and rendering them through template tags (a `{% url %}` and a dozen
`{% if %}` per row) cost more than everything else on the page. The output is the same markup the template wrote.
"""

from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

LEVEL = '<td class="num"><span class="level level-%d">%d</span></td>'
DELTA = '<span class="delta"><span aria-hidden="true">≠ </span>{} {}</span>'
CELL_GAP = "\n      "


def prerender(review, *, is_staff: bool) -> None:
    """Set each row's `html_cells` (the three levels and the differences) and `html_actions` (set the level, add a
    recommendation) for the review template."""
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
    for row in review.rows:
        number = row.indicator.number
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
