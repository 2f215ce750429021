import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from .selectors import RankingRow


def _cells(classes: str) -> dict:
    return {"td": {"class": classes}, "th": {"class": classes}}


def _column(verbose_name, template, **kwargs):
    return tables.TemplateColumn(template_name=template, verbose_name=verbose_name, **kwargs)


class RankingTable(tables.Table):
    """Sorted on the server, so the column headers are plain links that work without JavaScript. Each column's
    cells carry its name as a class (`col-target`…): the phone's and the paper's layouts pick columns by it, never by
    position, so a year that leaves out a column (the change and trend of a new index's first year) keeps them."""

    rank = tables.Column(verbose_name=_("Peringkat"), attrs=_cells("num col-rank"))
    regency = _column(
        _("Wilayah"),
        "dashboard/cells/regency.html",
        attrs=_cells("col-regency"),
        order_by=("regency__name", "regency__kind"),
    )
    # For an index, highest first is what a first click means; a second click turns it round.
    value = _column(
        _("Indeks"), "dashboard/cells/index.html", attrs=_cells("num col-value"), initial_sort_descending=True
    )
    predikat = _column(
        _("Predikat"),
        "dashboard/cells/predikat.html",
        attrs=_cells("col-predikat"),
        order_by=("value",),
        initial_sort_descending=True,
    )
    change = _column(_("Perubahan"), "dashboard/cells/change.html", attrs=_cells("num col-change"))
    target_value = _column(_("Target"), "dashboard/cells/target.html", attrs=_cells("num col-target"))
    gap = _column(_("Selisih target"), "dashboard/cells/gap.html", attrs=_cells("num col-gap"))
    trend = _column(_("Tren"), "dashboard/cells/trend.html", attrs=_cells("col-trend"), orderable=False)
    flag = _column(
        _("Status terakhir"),
        "dashboard/cells/flag.html",
        # A plain-text accessor: tables2 turns the cell value into a string, and a flag's str() reads its regency.
        accessor="flag_label",
        attrs=_cells("wrap col-flag"),
    )
    source = _column(
        _("Sumber"),
        "dashboard/cells/source.html",
        accessor="result",
        orderable=False,
        attrs=_cells("wrap col-source"),
    )

    class Meta:
        template_name = "dashboard/_ranking_table.html"
        order_by_field = "urut"
        attrs = {"class": "data ranking"}
        row_attrs = {"class": lambda record: "no-value" if not record.has_value else ""}
        empty_text = _("Tidak ada wilayah yang cocok dengan saringan ini.")

    def _set_order_by(self, value):
        tables.Table.order_by.fset(self, value)
        # Whatever the column and direction, regencies without a value that year stay at the bottom.
        self.data.data.sort(key=lambda row: not row.has_value)

    order_by = property(tables.Table.order_by.fget, _set_order_by)

    @property
    def sorted_rows(self) -> list[RankingRow]:
        return list(self.data.data)
