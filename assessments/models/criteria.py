"""What each maturity level of an indicator asks and what a framework calls it, as the reference copies give them
(shared/reference/criteria)."""

from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .. import scoring
from .frameworks import Framework, Indicator, Sourcing


class LevelName(models.Model):
    """The name a framework gives a level for a run of its indicators (59/2020: 1–31 Rintisan … Optimum, 32–47
    Informasi … Optimalisasi). 5/2018 names none: its rows keep an empty name and the note saying so."""

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="level_names")
    first_indicator = models.PositiveSmallIntegerField(_("indikator pertama"))
    last_indicator = models.PositiveSmallIntegerField(_("indikator terakhir"))
    level = models.PositiveSmallIntegerField(_("tingkat"), validators=[MaxValueValidator(scoring.HIGHEST_LEVEL)])
    name = models.CharField(_("nama tingkat"), max_length=100, blank=True)
    capability = models.CharField(_("kapabilitas"), max_length=200, blank=True)
    source = models.TextField(_("sumber"))
    note = models.TextField(_("catatan"), blank=True)

    class Meta:
        verbose_name = _("nama tingkat kematangan")
        verbose_name_plural = _("nama tingkat kematangan")
        ordering = ["framework", "first_indicator", "level"]
        constraints = [
            models.UniqueConstraint(
                fields=["framework", "first_indicator", "level"], name="levelname_one_per_run_and_level"
            ),
            models.CheckConstraint(
                condition=Q(first_indicator__lte=models.F("last_indicator")), name="levelname_run_in_order"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.framework.code} {self.first_indicator}–{self.last_indicator} / {self.level}: {self.name}"


class LevelCriterion(models.Model):
    """What one level of one indicator asks, as the reference copies give it; an empty text means no copy has one
    (pages say so, never fill it in)."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="criteria")
    level = models.PositiveSmallIntegerField(_("tingkat"), validators=[MaxValueValidator(scoring.HIGHEST_LEVEL)])
    criteria = models.TextField(_("kriteria"), blank=True)
    evidence_hint = models.TextField(_("kriteria bukti dukung"), blank=True)
    fulfilment = models.TextField(_("kriteria pemenuhan"), blank=True)
    # How the text was read (frameworks.csv, criteria_sourcing): a page says "dari salinan publik" for a copy.
    sourcing = models.CharField(
        _("asal teks"), max_length=20, choices=Sourcing.choices, default=Sourcing.SECONDARY_COPY
    )
    source = models.TextField(_("sumber"))
    note = models.TextField(_("catatan"), blank=True)

    class Meta:
        verbose_name = _("kriteria tingkat")
        verbose_name_plural = _("kriteria tingkat")
        ordering = ["indicator", "level"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "level"], name="levelcriterion_one_per_indicator_and_level"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.number}.{self.level}"
