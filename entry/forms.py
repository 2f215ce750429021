from decimal import Decimal

from django import forms
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from assessments import scoring, services
from assessments.models import (
    INDEX_MAX,
    INDEX_MIN,
    MAX_YEAR,
    MIN_YEAR,
    FollowUp,
    Framework,
    Indicator,
    Result,
    ResultKind,
    SourceKind,
)
from assessments.scoring import level_key
from assessments.spreadsheets import refuse_formula
from regencies.models import FlagKind, Regency, StatusFlag

from .forms_indicators import external_value_field
from .source_fields import check_source, citation, limit_choices, source_fields

RESULT_SOURCE_LABELS = {
    "choice": _("Sumber indeks yang sudah tercatat"),
    "title": _("Sumber indeks: nomor keputusan atau judul dokumen"),
}
TARGET_SOURCE_LABELS = {
    "choice": _("Sumber target yang sudah tercatat"),
    "title": _("Sumber target: judul dokumen (RPJMD, Renstra, perjanjian kinerja)"),
}

INDEX_MESSAGES = {
    "invalid": _("Tulis indeks sebagai angka, misalnya 2,45."),
    "min_value": _("Nilai indeks harus antara 0 dan 5."),
    "max_value": _("Nilai indeks harus antara 0 dan 5."),
    "max_decimal_places": _("Indeks paling banyak dua angka di belakang koma."),
}


def level_messages(framework: Framework) -> dict[str, str]:
    """The scale is the framework's: 1–5 for 59/2020, 0–5 for 5/2018."""
    out_of_range = framework.level_problem(framework.max_level + 1)
    levels = [str(level) for level in framework.levels]
    # "2,5" or "2.5" is no level: say it must be whole, not that it must lie in the range (it does).
    not_whole = _("Tingkat kematangan harus bilangan bulat: %(levels)s atau %(last)s.") % {
        "levels": ", ".join(levels[:-1]),
        "last": levels[-1],
    }
    return {"invalid": not_whole, "min_value": out_of_range, "max_value": out_of_range}


def level_field(framework: Framework, indicator: Indicator, label: str) -> forms.Field:
    """One entry's level on the result form: a whole level on the framework's scale, or a value with the
    indicator's decimals where it is another agency's index converted to that scale (3,45)."""
    attrs = {"min": framework.min_level, "max": framework.max_level, "class": "level-input"}
    if not indicator.value_places:
        return forms.IntegerField(
            label=label,
            required=False,
            min_value=framework.min_level,
            max_value=framework.max_level,
            error_messages=level_messages(framework),
            widget=forms.NumberInput(attrs=attrs),
        )
    return external_value_field(framework, indicator, label=label, attrs=attrs)


def level_field_name(key: int | tuple[int, int]) -> str:
    return f"level_{key}" if isinstance(key, int) else f"level_{key[0]}_{key[1]}"


def level_entries(indicator: Indicator) -> list[tuple[str, int | tuple[int, int], str]]:
    """(field name, level key, label) of each scored entry of an indicator: `level_12` keyed 12 for an indicator
    scored once, `level_35_2` keyed (35, 2) for the second public service of one scored once per service."""
    label = f"{indicator.number}. {indicator.name}"
    if indicator.entries == 1:
        return [(level_field_name(indicator.number), indicator.number, label)]
    return [
        (level_field_name(key), key, f"{label} · {indicator.entry_label} {key[1]}")
        for key in (level_key(indicator.number, part, indicator.entries) for part in range(1, indicator.entries + 1))
    ]


def index_field(label, *, required: bool = False) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        required=required,
        min_value=INDEX_MIN,
        max_value=INDEX_MAX,
        # No max_digits: "2,455" must hear about its decimals, and the range check covers the digits.
        decimal_places=2,
        localize=True,
        error_messages=INDEX_MESSAGES,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "size": 5, "autocomplete": "off"}),
    )


def date_field(label, *, required: bool = True, required_message=None, future_message=None) -> forms.DateField:
    """A date typed or picked as yyyy-mm-dd; with `future_message`, a date after today is refused with it."""
    messages = {"invalid": _("Tulis tanggal sebagai tttt-bb-hh.")}
    if required_message:
        messages["required"] = required_message
    validators = [_not_after_today(future_message)] if future_message else []
    return forms.DateField(
        label=label,
        required=required,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages=messages,
        validators=validators,
    )


def _not_after_today(message):
    def validate(value):
        if value > timezone.localdate():
            raise forms.ValidationError(message)

    return validate


def source_url_field() -> forms.URLField:
    return forms.URLField(
        label=_("Tautan sumber (opsional)"),
        required=False,
        max_length=500,
        assume_scheme="https",
        error_messages={"invalid": _("Tulis alamat lengkap, diawali https://.")},
    )


def existing_entry(regency: Regency, year: int, kind: str) -> Result | None:
    """The entry a new one for the same regency, year and kind would duplicate: the open revision, else the
    published one, else the newest."""
    same = Result.objects.filter(regency=regency, year=year, kind=kind).select_related("regency")
    return same.open().first() or same.published().first() or same.order_by("-pk").first()


def duplicate_message(existing: Result) -> str:
    """ "Hasil evaluasi resmi 2024 untuk Kabupaten Sikka sudah ada — buka", the last word a link to it. The kind's
    label already names what it is ("Hasil evaluasi resmi", "Evaluasi mandiri"), so it opens the sentence."""
    return format_html(
        '{} <a href="{}">{}</a>',
        _("%(kind)s %(year)s untuk %(regency)s sudah ada —")
        % {"kind": existing.get_kind_display(), "year": existing.year, "regency": existing.regency.display_name},
        reverse("entry:result_detail", kwargs={"pk": existing.pk}),
        _("buka"),
    )


def shown(value: Decimal) -> str:
    return number_format(value, 2)


class ResultForm(forms.Form):
    """One regency's result for one year: the index directly with its source, or every indicator level.

    The level fields follow `framework`; the year must fall in that framework's years.
    """

    regency = forms.ModelChoiceField(
        label=_("Wilayah"), queryset=Regency.objects.all(), error_messages={"required": _("Pilih wilayah.")}
    )
    year = forms.IntegerField(
        label=_("Tahun"),
        error_messages={"required": _("Isi tahun evaluasi."), "invalid": _("Tulis tahun dengan empat angka.")},
        widget=forms.NumberInput(attrs={"min": MIN_YEAR, "max": MAX_YEAR}),
    )
    kind = forms.ChoiceField(label=_("Jenis"), choices=ResultKind.choices, initial=ResultKind.OFFICIAL)
    not_evaluated = forms.BooleanField(
        label=_("Tidak dievaluasi tahun ini"),
        required=False,
        help_text=_("Centang bila sumber menyatakan wilayah ini tidak mengikuti evaluasi; indeks dikosongkan."),
    )
    value = index_field(_("Indeks SPBE"))
    evidence = forms.FileField(
        label=_("Bukti dukung PDF (opsional)"), required=False, error_messages={"empty": _("Berkas kosong.")}
    )
    target = index_field(_("Target indeks tahun ini"))
    note = forms.CharField(
        label=_("Catatan"), required=False, widget=forms.Textarea(attrs={"rows": 2}), validators=[refuse_formula]
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    # The target revision and version the form showed: a save is refused if someone changed the target since.
    target_revision = forms.IntegerField(widget=forms.HiddenInput, required=False)
    target_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, framework: Framework, structure: list, result: Result | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.framework = framework
        self.structure = structure
        self.result = result
        # (field name, level key) of every scored entry, in the order the form shows them.
        self.level_keys: list[tuple[str, int | tuple[int, int]]] = []
        self.level_fields_of: dict[int, list[str]] = {}
        self.breakdown: scoring.ScoreBreakdown | None = None
        for domain in structure:
            for aspect in domain.aspects.all():
                for indicator in aspect.indicators.all():
                    for name, key, label in level_entries(indicator):
                        self.fields[name] = level_field(framework, indicator, label)
                        self.level_keys.append((name, key))
                        self.level_fields_of.setdefault(indicator.number, []).append(name)
        if result is not None:
            for name in ("regency", "year", "kind"):
                self.fields[name].disabled = True
        self.fields["value"].label = _("Indeks (%(framework)s)") % {"framework": framework.short_name}
        self.shows_target = result is None or result.carries_target
        self.fields.update(source_fields("source", labels=RESULT_SOURCE_LABELS, default_kind=SourceKind.DECREE))
        self.fields.update(
            source_fields("target_source", labels=TARGET_SOURCE_LABELS, default_kind=SourceKind.REGIONAL_DOCUMENT)
        )
        # Moved after the source fields so that errors are listed in the order the form shows the fields.
        self.fields["note"] = self.fields.pop("note")
        self.fields["target"].help_text = _("Hanya untuk hasil evaluasi resmi; kosongkan untuk evaluasi mandiri.")

    def clean_year(self) -> int:
        year = self.cleaned_data["year"]
        if self.result is not None:
            return year
        if year > timezone.localdate().year:
            raise forms.ValidationError(_("Tahun hasil evaluasi tidak boleh di masa depan."))
        if not self.framework.applies_to(year):
            in_force = Framework.objects.in_force(year)
            if in_force is not None:
                raise forms.ValidationError(
                    _(
                        "Tahun %(year)s dinilai dengan %(in_force)s, bukan %(framework)s yang indikatornya ada di "
                        "formulir ini; buka formulir tahun %(year)s."
                    )
                    % {"year": year, "in_force": in_force.short_name, "framework": self.framework.short_name}
                )
            raise forms.ValidationError(
                _("Tahun %(year)s di luar tahun berlakunya kerangka %(framework)s.")
                % {"year": year, "framework": self.framework.short_name}
            )
        return year

    def clean_value(self):
        value = self.cleaned_data.get("value")
        if problem := self.framework.index_problem(value):
            raise forms.ValidationError(problem)
        return value

    def clean_evidence(self):
        upload = self.cleaned_data.get("evidence")
        if upload:
            problem = services.evidence_problem(upload)
            if problem:
                raise forms.ValidationError(problem)
        return upload

    def levels(self) -> dict:
        """{indicator number, or (number, part) for an entry of an indicator scored more than once: level}."""
        return {
            key: self.cleaned_data[name] for name, key in self.level_keys if self.cleaned_data.get(name) is not None
        }

    def clean(self):
        data = super().clean()
        check_source(self, "source", title_message=_("Isi nomor keputusan atau judul dokumen sumber."))
        check_source(self, "target_source", title_message=_("Isi judul dokumen sumber target (mis. RPJMD)."))
        regency, year, kind = data.get("regency"), data.get("year"), data.get("kind")
        if self.result is None and regency and year and kind and (existing := existing_entry(regency, year, kind)):
            self.add_error("year", duplicate_message(existing))
        if kind and (problem := services.target_ownership_problem(kind=kind, target=data.get("target"))):
            self.add_error("target" if self.shows_target else None, problem)
        if any(name in self.errors for name, _key in self.level_keys):
            return data
        levels = self.levels()
        value = data.get("value")
        if data.get("not_evaluated"):
            if value is not None or levels:
                self.add_error("value", _("Kosongkan indeks dan tingkat indikator bila wilayah tidak dievaluasi."))
            return data
        if levels and len(levels) < len(self.level_keys):
            missing = [
                str(key) if isinstance(key, int) else f"{key[0]}.{key[1]}"
                for _name, key in self.level_keys
                if key not in levels
            ]
            raise forms.ValidationError(
                _(
                    "Isi tingkat semua %(count)s indikator, atau kosongkan semuanya dan isi indeks langsung. "
                    "Belum diisi: %(missing)s."
                )
                % {"count": len(self.level_fields_of), "missing": ", ".join(missing)}
            )
        if levels:
            self.breakdown = services.computed_index(framework=self.framework, levels=levels)
            if value is not None and value != self.breakdown.index:
                self.add_error(
                    "value",
                    _("Indeks yang diisi (%(entered)s) tidak sama dengan indeks dari tingkat indikator (%(computed)s).")
                    % {"entered": shown(value), "computed": shown(self.breakdown.index)},
                )
        elif value is None and "value" not in self.errors:
            self.add_error("value", _("Isi indeks, atau isi tingkat semua indikator di bawah."))
        return data

    def cited_source(self) -> services.Citation | None:
        return citation(self, "source")

    def target_cited(self) -> services.Citation | None:
        return citation(self, "target_source")

    def target_input(self) -> services.TargetInput:
        return services.TargetInput(
            value=self.cleaned_data["target"],
            revision=self.cleaned_data.get("target_revision"),
            version=self.cleaned_data.get("target_version"),
        )


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label=_("Alasan pengembalian"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Tulis alasan pengembalian agar admin wilayah tahu apa yang diperbaiki.")},
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class ReplyForm(forms.Form):
    body = forms.CharField(
        label=_("Balasan"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Tulis balasan Anda.")},
    )


class VersionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)


class FollowUpForm(forms.ModelForm):
    evidence_upload = forms.FileField(
        label=_("Bukti dukung PDF (opsional)"), required=False, error_messages={"empty": _("Berkas kosong.")}
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    # Made when the create form is shown; the same form posted twice names the same key and makes one follow-up.
    submission_key = forms.UUIDField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = FollowUp
        fields = ["indicator", "recommendation", "action_plan", "follow_up", "owner", "due_date", "status"]
        widgets = {
            "recommendation": forms.Textarea(attrs={"rows": 2}),
            "action_plan": forms.Textarea(attrs={"rows": 2}),
            "follow_up": forms.Textarea(attrs={"rows": 2}),
            "due_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        error_messages = {
            "recommendation": {"required": _("Tulis rekomendasi hasil evaluasi.")},
            "due_date": {"invalid": _("Tulis tanggal sebagai tttt-bb-hh.")},
        }

    def __init__(self, *args, framework: Framework | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        # A recommendation may concern one indicator of the result's framework; empty for the result as a whole.
        indicator = self.fields["indicator"]
        indicator.queryset = (
            Indicator.objects.filter(aspect__framework=framework).order_by("number")
            if framework
            else Indicator.objects.none()
        )
        indicator.required = False
        indicator.label = _("Indikator (opsional)")
        indicator.empty_label = _("— hasil evaluasi secara umum —")
        indicator.label_from_instance = lambda item: f"{item.number}. {item.name}"
        indicator.error_messages["invalid_choice"] = _("Pilih indikator dari kerangka hasil ini.")
        # Every text a follow-up shows on the regency's public page.
        for name in ("recommendation", "action_plan", "follow_up", "owner"):
            self.fields[name].validators.append(refuse_formula)

    def clean_evidence_upload(self):
        upload = self.cleaned_data.get("evidence_upload")
        if upload:
            problem = services.evidence_problem(upload)
            if problem:
                raise forms.ValidationError(problem)
        return upload


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Berkas CSV atau XLSX"),
        error_messages={"required": _("Pilih berkas CSV atau XLSX untuk diunggah."), "empty": _("Berkas kosong.")},
    )


STATUS_SOURCE_LABELS = {
    "choice": _("Sumber yang sudah tercatat"),
    "title": _("Sumber: judul dokumen atau berita"),
    "choice_help": _(
        "Sumber yang sudah dikutip status sebelumnya (satu berita sering menyebut beberapa wilayah). Bila "
        "sumbernya belum ada, pilih “sumber lain” lalu isi judul, penerbit, jenis, nomor, tanggal dan tautannya "
        "di bawah."
    ),
}


class StatusFlagForm(forms.Form):
    """A provincial flag (e.g. compliant with the central assessment) as of a date, with the source that says so."""

    regency = forms.ModelChoiceField(
        label=_("Wilayah"),
        queryset=Regency.objects.ranked(),
        error_messages={"required": _("Pilih wilayah."), "invalid_choice": _("Pilih wilayah dari daftar.")},
    )
    flag = forms.ChoiceField(
        label=_("Status"),
        choices=FlagKind.choices,
        error_messages={"required": _("Pilih status."), "invalid_choice": _("Pilih status dari daftar.")},
    )
    as_of = date_field(
        _("Per tanggal"),
        required_message=_("Isi tanggal berlakunya status."),
        future_message=_("Tanggal status tidak boleh di masa depan."),
    )
    note = forms.CharField(
        label=_("Catatan (opsional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        validators=[refuse_formula],
    )

    def __init__(self, *args, sources_on_file=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.update(source_fields("source", labels=STATUS_SOURCE_LABELS))
        if sources_on_file is not None:
            limit_choices(self, "source", sources_on_file)

    def clean(self):
        data = super().clean()
        check_source(
            self,
            "source",
            title_message=_("Sebutkan sumber status ini."),
            required_message=_("Sebutkan sumber status ini."),
        )
        regency, as_of = data.get("regency"), data.get("as_of")
        if regency and as_of and StatusFlag.objects.filter(regency=regency, as_of=as_of).exists():
            self.add_error("as_of", _("Wilayah ini sudah punya status pada tanggal tersebut."))
        return data

    def cited(self) -> services.Citation | None:
        return citation(self, "source")
