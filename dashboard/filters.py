"""Filters of the public ranking. The rows are computed in Python (predikat and trend are derived, never stored),
so the filters narrow a list rather than a queryset; django-filter still owns the form, its choices and its
validation."""

import django_filters
from django.utils.translation import gettext_lazy as _

from regencies.models import FlagKind, Regency, RegencyKind

from .selectors import RankingRow

RANKED_KINDS = [
    (RegencyKind.KABUPATEN.value, RegencyKind.KABUPATEN.label),
    (RegencyKind.KOTA.value, RegencyKind.KOTA.label),
]


class RankingFilter(django_filters.FilterSet):
    predikat = django_filters.ChoiceFilter(label=_("Predikat"), empty_label=_("Semua predikat"), method="by_predikat")
    jenis = django_filters.ChoiceFilter(
        label=_("Jenis wilayah"), choices=RANKED_KINDS, empty_label=_("Kabupaten dan kota"), method="by_kind"
    )
    status = django_filters.ChoiceFilter(
        label=_("Status terakhir"), choices=FlagKind.choices, empty_label=_("Semua status"), method="by_flag"
    )

    class Meta:
        model = Regency
        fields: list[str] = []

    def __init__(self, data=None, *, predikat_names: list[str], **kwargs):
        super().__init__(data, queryset=Regency.objects.none(), **kwargs)
        self.filters["predikat"].extra["choices"] = [(name, name) for name in predikat_names]

    def filter_rows(self, rows: list[RankingRow]) -> list[RankingRow]:
        """The rows that pass every valid filter; an invalid choice is left out and reported next to its field."""
        if not self.is_bound:
            return rows
        self.form.is_valid()
        for name, value in self.form.cleaned_data.items():
            rows = self.filters[name].filter(rows, value)
        return rows

    def chosen_labels(self) -> dict[str, str]:
        """The valid choices as the page shows them, for a download's file name (call after filter_rows)."""
        if not self.is_bound or not hasattr(self.form, "cleaned_data"):
            return {}
        labels = {}
        for name, value in self.form.cleaned_data.items():
            if value:
                choices = dict(self.form.fields[name].choices)
                labels[name] = str(choices.get(value, value))
        return labels

    def by_predikat(self, rows, name, value):
        return [row for row in rows if row.predikat_name == value]

    def by_kind(self, rows, name, value):
        return [row for row in rows if row.regency.kind == value]

    def by_flag(self, rows, name, value):
        return [row for row in rows if row.flag and row.flag.flag == value]
