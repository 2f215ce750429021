"""The planner's forms: the "what if" (one select per indicator, sent by GET so that it works without
JavaScript and can be bookmarked) and the save of a plan (the same levels, posted with a submission key)."""

from django import forms
from django.utils.translation import gettext_lazy as _

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


class PlanSaveForm(WhatIfForm):
    submission_key = forms.UUIDField(widget=forms.HiddenInput)
