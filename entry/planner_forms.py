"""The planner's forms: the "what if" (one field per scored entry, sent by GET so that it works without JavaScript
and can be bookmarked) and the save of a plan (the same levels, posted with a submission key).

Fields are named by the level's key as the result form names them: `tingkat_12` for an indicator scored once,
`tingkat_35_2` for the second public service of 5/2018's indicator 35."""

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.formats import localize_input
from django.utils.translation import gettext_lazy as _

from assessments.models import Framework
from assessments.scoring import Level, LevelKey

from .forms_indicators import external_scale, external_value_field
from .plain_select import PlainSelect
from .selectors.planner import PlanEntry

NOT_FILLED = ""


def _keyed(prefix: str, key: LevelKey) -> str:
    return f"{prefix}_{key}" if isinstance(key, int) else f"{prefix}_{key[0]}_{key[1]}"


def level_field_name(key: LevelKey) -> str:
    return _keyed("tingkat", key)


def action_field_name(key: LevelKey) -> str:
    return _keyed("aksi", key)


def owner_field_name(key: LevelKey) -> str:
    return _keyed("penanggung_jawab", key)


def due_field_name(key: LevelKey) -> str:
    return _keyed("tenggat", key)


def shown_level(level: Level | None) -> str:
    """A level as a field holds it: a whole level as is, a converted value in the reader's format (2,35)."""
    if level is None:
        return NOT_FILLED
    return localize_input(level) if isinstance(level, Decimal) else str(level)


def _level_field(framework: Framework, entry: PlanEntry, level_names: dict, current: Level | None) -> forms.Field:
    """A select of the framework's levels; for a value converted from another agency's index (two decimals), a
    number with those decimals within the framework's scale, so that 2,35 shows as 2,35 and 3 or 3,40 may be
    asked."""
    indicator = entry.indicator
    label = _("Indikator %(number)s: %(name)s") % {"number": entry.name, "name": indicator.name}
    if indicator.value_places:
        field = external_value_field(framework, indicator, label=label)
        field.initial = shown_level(current)
        field.help_text = external_scale(framework, indicator)
        return field
    names = level_names.get(indicator.number, {})
    choices = [(str(level), f"{level} {names[level]}" if level in names else str(level)) for level in framework.levels]
    if current is None:
        choices.insert(0, (NOT_FILLED, _("belum diisi")))
    return forms.ChoiceField(
        label=label, choices=choices, required=False, initial=shown_level(current), widget=PlainSelect
    )


def _as_level(value) -> Level | None:
    """A field's value as a level: None for "belum diisi", a whole level as int, a converted value as Decimal."""
    if value in (None, NOT_FILLED):
        return None
    return value if isinstance(value, Decimal) else int(value)


class WhatIfForm(forms.Form):
    """One field per scored entry of the framework, offering the framework's levels (or a converted value with its
    decimals); an entry not filled yet may stay "belum diisi"."""

    def __init__(
        self, *args, entries: dict[LevelKey, PlanEntry], levels: dict, framework: Framework, level_names: dict, **kwargs
    ):
        super().__init__(*args, **kwargs)
        self.entries = entries
        self.keys = list(entries)
        for key, entry in entries.items():
            self.fields[level_field_name(key)] = _level_field(framework, entry, level_names, levels.get(key))
        if self.is_bound:
            # A query that names only some entries (a plan's "Lihat proyeksi") keeps every other one at its
            # current level, both in the projection and in the fields shown again: an unnamed select would
            # otherwise show its first option, and the next "Hitung proyeksi" would send that lowest level.
            data = self.data.copy()
            for key in self.keys:
                name = level_field_name(key)
                if name not in data:
                    data[name] = self.fields[name].initial
            self.data = data

    def intended(self) -> dict[LevelKey, Level | None]:
        """The levels asked for, every entry's: the current level where the query names none."""
        return {key: _as_level(self.cleaned_data.get(level_field_name(key))) for key in self.keys}


class PlanSaveForm(WhatIfForm):
    """The plan's levels with, for every entry it raises, what the regency will do, who is in charge and by when:
    a follow-up nobody owns and that has no deadline is not a plan anyone keeps."""

    submission_key = forms.UUIDField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        levels = kwargs["levels"]
        self.raised = [key for key in self.keys if self._raises(key, levels.get(key))]
        for key in self.raised:
            entry = self.entries[key]
            self.fields[action_field_name(key)] = forms.CharField(
                label=_("Yang akan dilakukan pemda untuk indikator %(number)s") % {"number": entry.name},
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
                help_text=entry.indicator.name,
            )
            self.fields[owner_field_name(key)] = forms.CharField(
                label=_("Penanggung jawab indikator %(number)s") % {"number": entry.name},
                max_length=200,
                widget=forms.TextInput(attrs={"placeholder": _("Nama atau jabatan, mis. Kepala Bidang Aptika")}),
            )
            self.fields[due_field_name(key)] = forms.DateField(
                label=_("Tenggat indikator %(number)s") % {"number": entry.name},
                widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            )

    def _raises(self, key: LevelKey, current: Level | None) -> bool:
        name = level_field_name(key)
        value = self.data.get(name) if self.is_bound else self.initial.get(name)
        if value in (None, NOT_FILLED):
            return False
        try:
            level = _as_level(self.fields[name].to_python(value))
        except (TypeError, ValueError, ValidationError):
            return False
        return level is not None and (current is None or level > current)

    def steps(self):
        """Per raised entry: its name and its action, owner and deadline fields (for the template)."""
        return [
            (
                self.entries[key].name,
                self[action_field_name(key)],
                self[owner_field_name(key)],
                self[due_field_name(key)],
            )
            for key in self.raised
        ]

    def step_details(self, key: LevelKey) -> tuple[str, str, object]:
        data = self.cleaned_data
        return data[action_field_name(key)], data[owner_field_name(key)], data[due_field_name(key)]
