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

    def intended(self) -> dict[int, int | None]:
        """The levels asked for; a field left out of the query keeps the current level."""
        chosen = {}
        for number in self.numbers:
            name = level_field_name(number)
            value = self.cleaned_data.get(name) if name in self.data else self.fields[name].initial
            chosen[number] = int(value) if value not in (None, NOT_FILLED) else None
        return chosen


class PlanSaveForm(WhatIfForm):
    submission_key = forms.UUIDField(widget=forms.HiddenInput)
