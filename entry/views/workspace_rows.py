"""The workspace's indicator list items, joined in Python: one per indicator (about fifty), each with a link, up to
four labels and the chosen level's criteria cut to thirty words; through template tags (a `{% url %}`, several
`{% translate %}` and a `truncatewords` per item) they were half of the page's time. The output is the markup the
template wrote."""

from django.urls import reverse
from django.utils.formats import localize
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

ITEM = (
    '<li class="ws-item{}" data-testid="indicator-{}">\n'
    '        <a href="{}">{}. {}</a>\n'
    '        <span class="ws-meta">\n'
    "          {}\n"
    "          {}\n"
    "          {}\n"
    "          {}\n"
    "        </span>\n"
    "        {}\n"
    "      </li>"
)


def prerender(ws, *, regency, year: int) -> None:
    """Set `html` on every row of the workspace's aspects."""
    prefix, _slot, suffix = reverse("entry:indicator", args=[regency.slug, year, 0]).rpartition("/0/")
    level_word, unfilled = _("Tingkat"), format_html('<span class="no-data">{}</span>', _("belum diisi"))
    province_word, official_word = _("reviu provinsi"), _("resmi")
    no_criteria = format_html('<p class="ws-chosen hint">{}</p>', _("belum ada teks kriteria dalam salinan rujukan"))
    for group in ws.domains:
        for aspect_group in group["aspects"]:
            for row in aspect_group["rows"]:
                row.html = _item(row, prefix, suffix, level_word, unfilled, province_word, official_word, no_criteria)


def _item(row, prefix, suffix, level_word, unfilled, province_word, official_word, no_criteria):
    number = row.indicator.number
    if row.is_filled:
        name = format_html(" · {}", row.level_name) if row.level_name else ""
        level = format_html('<span class="ws-level">{} {}{}</span>', level_word, row.assessment.level, name)
    else:
        level = unfilled
    count = getattr(row.assessment, "evidence_count", 0) if row.assessment else 0
    evidence = ""
    if count:
        counted = ngettext("%(counter)s bukti", "%(counter)s bukti", count) % {"counter": localize(count)}
        evidence = format_html("<span>{}</span>", counted)
    province = ""
    if row.province is not None and row.province.level is not None:
        province = format_html("<span>{} {}</span>", province_word, row.province.level)
    official = ""
    if row.official is not None and row.official.level is not None:
        official = format_html("<span>{} {}</span>", official_word, row.official.level)
    chosen = ""
    if row.chosen_criteria is not None:
        if row.chosen_criteria:
            cut = escape(Truncator(row.chosen_criteria).words(30, truncate=" …"))
            # Escaped on the line above.
            chosen = mark_safe(f'<p class="ws-chosen hint">{cut}</p>')
        else:
            chosen = no_criteria
    return format_html(
        ITEM,
        " is-filled" if row.is_filled else "",
        number,
        f"{prefix}/{number}/{suffix}",
        number,
        row.indicator.name,
        level,
        evidence,
        province,
        official,
        chosen,
    )
