"""The evaluation frameworks as data: the index series each belongs to (SPBE, Pemdi), the years each applies to,
its level scale, how it was sourced, its predikat bands and its weighted structure (domains → aspects →
indicators, or aspects straight under the framework where it has no domains, as the Pemdi index)."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .. import scoring
from .ranges import _index_field, year_validators


class IndexSeries(models.Model):
    """An index followed through the years: the SPBE index (PermenPANRB 5/2018, 59/2020) and the Pemdi index
    (PermenPANRB 8/2026). Values of two series are never compared: no change, trend or gap across them."""

    code = models.SlugField(_("kode"), max_length=40, unique=True)
    name = models.CharField(_("nama"), max_length=200)
    name_en = models.CharField(_("nama (bahasa Inggris)"), max_length=200)
    short_name = models.CharField(_("nama singkat"), max_length=40)
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)
    # The regulations that define the index, as fixtures/index_series.csv cites them.
    source = models.TextField(_("sumber"), blank=True)

    class Meta:
        verbose_name = _("seri indeks")
        verbose_name_plural = _("seri indeks")
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return self.name


class Sourcing(models.TextChoices):
    """How a framework or a criterion was read: from the regulation's own text, or from copies made by others."""

    OFFICIAL_TEXT = "official_text", _("Teks resmi peraturan")
    SECONDARY_COPY = "secondary_copy", _("Salinan sekunder")


class FrameworkQuerySet(models.QuerySet):
    def for_year(self, year: int):
        return self.filter(Q(last_year__isnull=True) | Q(last_year__gte=year), first_year__lte=year)

    def in_force(self, year: int) -> "Framework | None":
        """The framework a year is evaluated with: of those that apply to it, the newest (one query)."""
        return self.for_year(year).order_by("-first_year").first()

    def for_target_year(self, year: int) -> "Framework | None":
        """The framework a target of `year` is stated in: the one in force that year, else (a year past the
        last framework's end) the newest that had begun by then. Targets from 2026 on are Pemdi targets."""
        return self.in_force(year) or self.filter(first_year__lte=year).order_by("-first_year").first()


class Framework(models.Model):
    """The evaluation structure in force for a range of years, with its predikat bands."""

    series = models.ForeignKey(
        IndexSeries, on_delete=models.PROTECT, related_name="frameworks", verbose_name=_("seri indeks")
    )
    code = models.CharField(_("kode"), max_length=40, unique=True)
    name = models.CharField(_("nama"), max_length=300)
    short_name = models.CharField(_("nama singkat"), max_length=60)
    first_year = models.PositiveSmallIntegerField(_("tahun evaluasi pertama"), validators=year_validators)
    last_year = models.PositiveSmallIntegerField(
        _("tahun evaluasi terakhir"), null=True, blank=True, validators=year_validators
    )
    sourcing = models.CharField(
        _("asal teks"), max_length=20, choices=Sourcing.choices, default=Sourcing.SECONDARY_COPY
    )
    sourcing_note = models.TextField(_("keterangan asal teks"), blank=True)
    # 5/2018 and 59/2020 group aspects in domains; 8/2026 (Pemdi) puts its aspects straight under the framework.
    has_domains = models.BooleanField(_("memiliki domain"), default=True)
    # The level scale belongs to the framework: 5/2018 scores from level 0 ("tidak terdapat"), 59/2020 from 1.
    min_level = models.PositiveSmallIntegerField(_("tingkat terendah"), default=1)
    max_level = models.PositiveSmallIntegerField(_("tingkat tertinggi"), default=5)
    note = models.TextField(_("catatan"), blank=True)

    objects = FrameworkQuerySet.as_manager()

    class Meta:
        verbose_name = _("kerangka evaluasi")
        verbose_name_plural = _("kerangka evaluasi")
        ordering = ["first_year"]
        constraints = [
            models.CheckConstraint(
                condition=Q(last_year__isnull=True) | Q(last_year__gte=models.F("first_year")),
                name="framework_years_in_order",
                violation_error_message=_("Tahun terakhir tidak boleh sebelum tahun pertama."),
            ),
            models.CheckConstraint(
                condition=Q(min_level__lte=models.F("max_level")) & Q(max_level__lte=scoring.HIGHEST_LEVEL),
                name="framework_level_range_in_order",
                violation_error_message=_("Rentang tingkat kematangan tidak valid."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def applies_to(self, year: int) -> bool:
        return self.first_year <= year and (self.last_year is None or year <= self.last_year)

    @property
    def is_secondary_copy(self) -> bool:
        return self.sourcing == Sourcing.SECONDARY_COPY

    def is_comparable_with(self, other: "Framework | None") -> bool:
        """Values of two frameworks may be compared (a change, a trend, a gap) only within one index series."""
        return other is not None and self.series_id == other.series_id

    @property
    def levels(self) -> range:
        return range(self.min_level, self.max_level + 1)

    def index_problem(self, value: Decimal | None) -> str | None:
        """The message for an index value outside this framework's scale, or None when it fits (or is unknown)."""
        if value is None or self.min_level <= value <= self.max_level:
            return None
        return _("%(framework)s: Nilai indeks harus antara %(min)s dan %(max)s.") % {
            "framework": self.short_name,
            "min": self.min_level,
            "max": self.max_level,
        }

    def level_problem(self, level: int | Decimal | None, places: int = 0) -> str | None:
        """The message for a level outside this framework's scale, or None when it fits (or is not chosen); each
        message starts with the framework's short name, so a refusal says which framework's scale it applies.
        `places` is how many decimals the indicator takes: 0 for a maturity level, 2 for an indicator whose value
        is another agency's index converted to the framework's scale (2,35)."""
        if level is None:
            return None
        level = Decimal(level)
        if level != level.quantize(Decimal(1).scaleb(-places)):
            if places == 0:
                return _("%(framework)s: Tingkat kematangan harus bilangan bulat.") % {"framework": self.short_name}
            return _("%(framework)s: Nilai indikator ini paling banyak %(places)s angka desimal.") % {
                "framework": self.short_name,
                "places": places,
            }
        if self.min_level <= level <= self.max_level:
            return None
        return _("%(framework)s: Tingkat kematangan harus antara %(min)s dan %(max)s.") % {
            "framework": self.short_name,
            "min": self.min_level,
            "max": self.max_level,
        }

    def indicator_problem(self, number: int) -> str | None:
        """The message for an indicator number this framework lacks (a 47 in a Pemdi year), or None (one query)."""
        if Indicator.objects.filter(aspect__framework=self, number=number).exists():
            return None
        return _("%(framework)s tidak memiliki indikator %(number)s.") % {
            "framework": self.short_name,
            "number": number,
        }

    def level_named(self, name: str, indicator_number: int) -> tuple[int | None, str | None]:
        """(level, None) for a level name this framework gives the indicator, else (None, a message naming the
        framework): "Rintisan" is a 59/2020 name, never a Pemdi one. A name matches whole, case aside, or either
        half of a two-language name ("Merintis", "Initiate" for "Merintis (Initiate)"). One query."""
        wanted = name.strip().casefold()
        names = self.level_names.filter(first_indicator__lte=indicator_number, last_indicator__gte=indicator_number)
        for level, stored in names.values_list("level", "name"):
            halves = {part.strip(" )").casefold() for part in stored.split("(")}
            if wanted and (wanted == stored.casefold() or wanted in halves):
                return level, None
        return None, _("%(framework)s tidak mengenal tingkat bernama “%(name)s” untuk indikator %(number)s.") % {
            "framework": self.short_name,
            "name": name.strip(),
            "number": indicator_number,
        }

    def predikat_for(self, value: Decimal | None) -> "PredikatBand | None":
        """Reads the bands through the prefetch cache when the caller prefetched `bands`."""
        return scoring.band_for(value, list(self.bands.all()))

    def indicator_specs(self) -> list[scoring.IndicatorSpec]:
        indicators = Indicator.objects.filter(aspect__framework=self).select_related("aspect__domain")
        return [indicator.spec() for indicator in indicators]


class PredikatBand(models.Model):
    """One predikat of a framework: values from lower_bound up to the next band's lower bound.

    The boundary rule (predikat_bands.csv): a value exactly on a boundary belongs to the higher band, each band's
    lower bound inclusive and its upper bound exclusive (the top band includes 5). The SPBE copies and two of the
    three Pemdi copies state it so; the third Pemdi copy writes closed ranges (1,00–1,50 / 1,51–2,50), which leave
    a boundary value ambiguous, so the agreeing copies decide: 2,50 is Baik under PermenPANRB 8/2026.
    """

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="bands")
    name = models.CharField(_("predikat"), max_length=40)
    # The band's second name where the framework gives one (Pemdi: "Merintis (Initiate)").
    alias = models.CharField(_("nama lain"), max_length=80, blank=True)
    lower_bound = _index_field(_("batas bawah"))
    color = models.CharField(_("warna"), max_length=7, help_text=_("Warna latar, #rrggbb."))
    source = models.TextField(_("sumber"), blank=True)
    note = models.TextField(_("catatan"), blank=True)

    class Meta:
        verbose_name = _("predikat")
        verbose_name_plural = _("predikat")
        ordering = ["framework", "lower_bound"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "lower_bound"], name="band_unique_lower_bound"),
            models.UniqueConstraint(fields=["framework", "name"], name="band_unique_name"),
            models.CheckConstraint(
                condition=Q(lower_bound__gte=0) & Q(lower_bound__lte=5), name="band_lower_bound_in_index_range"
            ),
            models.CheckConstraint(condition=Q(color__regex=r"^#[0-9a-fA-F]{6}$"), name="band_color_is_hex"),
        ]

    def __str__(self) -> str:
        return f"{self.name} (≥ {self.lower_bound})"

    @property
    def slug(self) -> str:
        return self.name.lower().replace(" ", "-")


class WeightedPart(models.Model):
    """A numbered domain, aspect or indicator of a framework with its weight in percent."""

    number = models.PositiveSmallIntegerField(_("nomor"))
    weight = models.DecimalField(_("bobot (%)"), max_digits=5, decimal_places=2)

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(condition=Q(weight__gt=0) & Q(weight__lte=100), name="%(class)s_weight_in_range"),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.name}"


class Domain(WeightedPart):
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="domains")
    name = models.CharField(_("nama"), max_length=200)

    class Meta:
        verbose_name = _("domain")
        verbose_name_plural = _("domain")
        ordering = ["framework", "number"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "number"], name="domain_unique_number"),
            *WeightedPart.Meta.constraints,
        ]


class Aspect(WeightedPart):
    """An aspect of a framework, in one of its domains where the framework has domains (SPBE), straight under the
    framework where it has none (Pemdi). Aspects are numbered through the framework."""

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="aspects")
    domain = models.ForeignKey(Domain, on_delete=models.CASCADE, null=True, blank=True, related_name="aspects")
    name = models.CharField(_("nama"), max_length=200)

    class Meta:
        verbose_name = _("aspek")
        verbose_name_plural = _("aspek")
        ordering = ["framework", "number"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "number"], name="aspect_unique_number_in_framework"),
            *WeightedPart.Meta.constraints,
        ]

    def clean(self) -> None:
        super().clean()
        if self.domain_id and self.framework_id and self.domain.framework_id != self.framework_id:
            raise ValidationError({"domain": _("Domain aspek harus dari kerangka yang sama.")})


class Indicator(WeightedPart):
    # Four decimals: 5/2018's public-service indicators weigh 20/6 (3,3333).
    weight = models.DecimalField(_("bobot (%)"), max_digits=7, decimal_places=4)
    aspect = models.ForeignKey(Aspect, on_delete=models.CASCADE, related_name="indicators")
    name = models.CharField(_("nama"), max_length=300)
    # How many scored entries the indicator has, each weighing weight / entries: 1, but 3 for 5/2018's
    # indicator 35, scored once for each of three public services (the entry_label says of what).
    entries = models.PositiveSmallIntegerField(_("jumlah entri"), default=1)
    entry_label = models.CharField(_("entri per"), max_length=100, blank=True)
    # Decimals a value takes: 0 for a maturity level; 2 where the value is another agency's index converted to
    # the framework's scale (six Pemdi indicators), whose name external_index gives.
    value_places = models.PositiveSmallIntegerField(_("angka desimal nilai"), default=0)
    external_index = models.CharField(_("indeks instansi lain"), max_length=200, blank=True)
    coach = models.TextField(_("instansi pembina"), blank=True)
    # As the reference copies give them (shared/reference/criteria); empty where no copy has a text.
    explanation = models.TextField(_("penjelasan indikator"), blank=True)
    assessment_note = models.TextField(_("penjelasan penilaian"), blank=True)
    evidence_note = models.TextField(_("penjelasan bukti dukung"), blank=True)
    notes_source = models.TextField(_("sumber penjelasan"), blank=True)

    class Meta:
        verbose_name = _("indikator")
        verbose_name_plural = _("indikator")
        ordering = ["aspect__framework", "number"]
        constraints = [
            models.UniqueConstraint(fields=["aspect", "number"], name="indicator_unique_number"),
            *WeightedPart.Meta.constraints,
            models.CheckConstraint(condition=Q(entries__gte=1), name="indicator_entries_from_1"),
            models.CheckConstraint(condition=Q(value_places__lte=2), name="indicator_value_places_at_most_2"),
        ]

    @property
    def framework(self) -> Framework:
        return self.aspect.framework

    @property
    def entry_weight(self) -> Decimal:
        return self.weight / self.entries

    def entry_name(self, part: int) -> str:
        """Which entry a level of an indicator scored more than once is ("layanan publik 2"); "" for one scored
        once."""
        return f"{self.entry_label} {part}" if self.entries > 1 else ""

    def scored_entries(self) -> list[tuple[scoring.LevelKey, int]]:
        """(level key, part) of each scored entry, keyed as scoring keys levels (`scoring.level_key`)."""
        return [(scoring.level_key(self.number, part, self.entries), part) for part in range(1, self.entries + 1)]

    def level_problem(self, level) -> str | None:
        """This indicator's level checked against its framework's scale and its own decimals (needs
        aspect__framework selected to avoid queries)."""
        return self.aspect.framework.level_problem(level, places=self.value_places)

    def spec(self) -> scoring.IndicatorSpec:
        """Needs aspect__domain selected to avoid a query per indicator."""
        return scoring.IndicatorSpec(
            number=self.number,
            weight=self.weight,
            aspect=self.aspect.number,
            domain=self.aspect.domain.number if self.aspect.domain_id else None,
            entries=self.entries,
        )
