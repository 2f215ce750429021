"""The evaluation frameworks: the years each applies to, its level scale, predikat bands and weighted
structure (domains → aspects → indicators)."""

from decimal import Decimal

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .. import scoring
from .ranges import _index_field, year_validators


class FrameworkQuerySet(models.QuerySet):
    def for_year(self, year: int):
        return self.filter(Q(last_year__isnull=True) | Q(last_year__gte=year), first_year__lte=year)

    def in_force(self, year: int) -> "Framework | None":
        """The framework a year is evaluated with: of those that apply to it, the newest (one query)."""
        return self.for_year(year).order_by("-first_year").first()


class Framework(models.Model):
    """The evaluation structure in force for a range of years, with its predikat bands."""

    code = models.CharField(_("kode"), max_length=40, unique=True)
    name = models.CharField(_("nama"), max_length=300)
    first_year = models.PositiveSmallIntegerField(_("tahun evaluasi pertama"), validators=year_validators)
    last_year = models.PositiveSmallIntegerField(
        _("tahun evaluasi terakhir"), null=True, blank=True, validators=year_validators
    )
    is_provisional = models.BooleanField(
        _("sementara"), default=False, help_text=_("Sebagian bobot diturunkan, bukan dinyatakan sumber.")
    )
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
    def levels(self) -> range:
        return range(self.min_level, self.max_level + 1)

    def level_problem(self, level: int | Decimal | None) -> str | None:
        """The message for a level outside this framework's scale, or None when it fits (or is not chosen)."""
        if level is None:
            return None
        if level != int(level):
            return _("Tingkat kematangan harus bilangan bulat.")
        if self.min_level <= level <= self.max_level:
            return None
        return _("Tingkat kematangan harus antara %(min)s dan %(max)s.") % {
            "min": self.min_level,
            "max": self.max_level,
        }

    def predikat_for(self, value: Decimal | None) -> "PredikatBand | None":
        """Reads the bands through the prefetch cache when the caller prefetched `bands`."""
        return scoring.band_for(value, list(self.bands.all()))

    def indicator_specs(self) -> list[scoring.IndicatorSpec]:
        indicators = Indicator.objects.filter(aspect__domain__framework=self).select_related("aspect__domain")
        return [indicator.spec() for indicator in indicators]


class PredikatBand(models.Model):
    """One predikat of a framework: values from lower_bound up to the next band's lower bound."""

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="bands")
    name = models.CharField(_("predikat"), max_length=40)
    lower_bound = _index_field(_("batas bawah"))
    color = models.CharField(_("warna"), max_length=7, help_text=_("Warna latar, #rrggbb."))

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
    domain = models.ForeignKey(Domain, on_delete=models.CASCADE, related_name="aspects")
    name = models.CharField(_("nama"), max_length=200)

    class Meta:
        verbose_name = _("aspek")
        verbose_name_plural = _("aspek")
        ordering = ["domain", "number"]
        constraints = [
            models.UniqueConstraint(fields=["domain", "number"], name="aspect_unique_number"),
            *WeightedPart.Meta.constraints,
        ]


class Indicator(WeightedPart):
    aspect = models.ForeignKey(Aspect, on_delete=models.CASCADE, related_name="indicators")
    name = models.CharField(_("nama"), max_length=300)
    # As the reference copies give them (shared/reference/criteria); empty where no copy has a text.
    explanation = models.TextField(_("penjelasan indikator"), blank=True)
    assessment_note = models.TextField(_("penjelasan penilaian"), blank=True)
    evidence_note = models.TextField(_("penjelasan bukti dukung"), blank=True)
    notes_source = models.TextField(_("sumber penjelasan"), blank=True)

    class Meta:
        verbose_name = _("indikator")
        verbose_name_plural = _("indikator")
        ordering = ["aspect__domain__framework", "number"]
        constraints = [
            models.UniqueConstraint(fields=["aspect", "number"], name="indicator_unique_number"),
            *WeightedPart.Meta.constraints,
        ]

    def spec(self) -> scoring.IndicatorSpec:
        """Needs aspect__domain selected to avoid a query per indicator."""
        return scoring.IndicatorSpec(
            number=self.number,
            weight=self.weight,
            aspect=self.aspect.number,
            domain=self.aspect.domain.number,
        )
