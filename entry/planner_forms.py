"""The planner's forms: the "what if" (one select per indicator, sent by GET so that it works without
JavaScript and can be bookmarked) and the save of a plan (the same levels, posted with a submission key)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .plain_select import PlainSelect

NOT_FILLED = ""


def level_field_name(number: int) -> str:
    return f"tingkat_{number}"


class WhatIfForm(forms.Form):
    """One select per indicator of the framework, offering the framework's levels; an indicator not filled yet
    may stay "belum diisi"."""

    def __init__(self, *args, indicators, levels: dict, level_range: range, level_names: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.numbers = []
        for indicator in indicators:
            names = level_names.get(indicator.number, {})
            choices = [
                (str(level), f"{level} {names[level]}" if level in names else str(level)) for level in level_range
            ]
            current = levels.get(indicator.number)
            if current is None:
                choices.insert(0, (NOT_FILLED, _("belum diisi")))
            name = level_field_name(indicator.number)
            self.fields[name] = forms.ChoiceField(
                label=_("Indikator %(number)s: %(name)s") % {"number": indicator.number, "name": indicator.name},
                choices=choices,
                required=False,
                initial=NOT_FILLED if current is None else str(current),
                widget=PlainSelect,
            )
            self.numbers.append(indicator.number)
        if self.is_bound:
            # A query that names only some indicators (a plan's "Lihat proyeksi") keeps every other one at its
            # current level, both in the projection and in the selects shown again: an unnamed select would
            # otherwise show its first option, and the next "Hitung proyeksi" would send that lowest level.
            data = self.data.copy()
            for number in self.numbers:
                name = level_field_name(number)
                if name not in data:
                    data[name] = self.fields[name].initial
            self.data = data

    def intended(self) -> dict[int, int | None]:
        """The levels asked for, every indicator's: the current level where the query names none."""
        chosen = {}
        for number in self.numbers:
            value = self.cleaned_data.get(level_field_name(number))
            chosen[number] = int(value) if value not in (None, NOT_FILLED) else None
        return chosen


def action_field_name(number: int) -> str:
    return f"aksi_{number}"


def owner_field_name(number: int) -> str:
    return f"penanggung_jawab_{number}"


def due_field_name(number: int) -> str:
    return f"tenggat_{number}"


class PlanSaveForm(WhatIfForm):
    """The plan's levels with, for every indicator it raises, what the regency will do, who is in charge and by
    when: a follow-up nobody owns and that has no deadline is not a plan anyone keeps."""

    submission_key = forms.UUIDField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        names = {indicator.number: indicator.name for indicator in kwargs["indicators"]}
        self.raised = [number for number in self.numbers if self._raises(number, kwargs["levels"].get(number))]
        for number in self.raised:
            self.fields[action_field_name(number)] = forms.CharField(
                label=_("Yang akan dilakukan pemda untuk indikator %(number)s") % {"number": number},
                required=False,
                max_length=2000,
                widget=forms.Textarea(
                    attrs={
                        "rows": 2,
                        "placeholder": _(
                            "Mis. menyusun dan menetapkan SK, menyiapkan dokumen, melatih petugas; kriteria tingkat "
                            "yang dituju ada di halaman indikator."
                        ),
                    }
                ),
                help_text=names.get(number, ""),
            )
            self.fields[owner_field_name(number)] = forms.CharField(
                label=_("Penanggung jawab indikator %(number)s") % {"number": number},
                max_length=200,
                widget=forms.TextInput(attrs={"placeholder": _("Nama atau jabatan, mis. Kepala Bidang Aptika")}),
            )
            self.fields[due_field_name(number)] = forms.DateField(
                label=_("Tenggat indikator %(number)s") % {"number": number},
                widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            )

    def _raises(self, number: int, current: int | None) -> bool:
        value = self.data.get(level_field_name(number)) if self.is_bound else self.initial.get(level_field_name(number))
        try:
            level = int(value)
        except (TypeError, ValueError):
            return False
        return current is None or level > current

    def steps(self):
        """Per raised indicator: its action, owner and deadline fields (for the template)."""
        return [
            (number, self[action_field_name(number)], self[owner_field_name(number)], self[due_field_name(number)])
            for number in self.raised
        ]

    def step_details(self, number: int) -> tuple[str, str, object]:
        data = self.cleaned_data
        return data[action_field_name(number)], data[owner_field_name(number)], data[due_field_name(number)]
