"""The indicator workspace's data: what each maturity level of an indicator asks (criteria, level names, from
shared/reference/criteria) and the level a regency's indicator reaches at each stage of a year's evaluation.

Imported at the end of models.py, so it may use the models defined there.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from . import scoring
from .models import Framework, Indicator, Source, year_validators


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


class AssessmentStage(models.TextChoices):
    SELF = "self", _("Evaluasi mandiri")
    PROVINCE = "province", _("Reviu provinsi")
    OFFICIAL = "official", _("Hasil resmi KemenPAN-RB")


class IndicatorAssessmentQuerySet(models.QuerySet):
    def for_workspace(self, regency, year: int, stage: str):
        return self.filter(regency=regency, year=year, stage=stage)


class IndicatorAssessment(models.Model):
    """One indicator's level at one stage of one regency's evaluation of one year: the regency's self-assessment
    (with its explanation, penjelasan, and evidence files), the province's desk review (with its note) or
    KemenPAN-RB's official level (with its source).

    A row exists once someone saved something for the indicator; `level` stays empty until a level is chosen,
    never 0 (0 is a real level of 5/2018). Each row has its own version, so two people working on different
    indicators of one workspace never overwrite each other.
    """

    regency = models.ForeignKey("regencies.Regency", on_delete=models.PROTECT, related_name="indicator_assessments")
    year = models.PositiveSmallIntegerField(_("tahun"), validators=year_validators)
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="assessments")
    stage = models.CharField(_("tahap"), max_length=10, choices=AssessmentStage.choices)
    level = models.PositiveSmallIntegerField(
        _("tingkat"), null=True, blank=True, validators=[MaxValueValidator(scoring.HIGHEST_LEVEL)]
    )
    explanation = models.TextField(_("penjelasan"), blank=True)
    source = models.ForeignKey(
        Source, on_delete=models.PROTECT, null=True, blank=True, related_name="indicator_assessments"
    )
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)
    is_demo = models.BooleanField(_("data contoh"), default=False, db_index=True, editable=False)

    objects = IndicatorAssessmentQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("penilaian indikator")
        verbose_name_plural = _("penilaian indikator")
        ordering = ["regency__code", "year", "stage", "indicator__number"]
        indexes = [
            models.Index(fields=["year", "stage", "regency"], name="indassess_year_stage_regency"),
            # The province view reads a year's stage across every regency (means per indicator, the matrix);
            # this index covers those reads, so they never touch the table (bench/results.md).
            models.Index(
                fields=["year", "stage", "indicator", "level", "regency"], name="indassess_year_stage_ind_level"
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["regency", "year", "indicator", "stage"],
                name="indicatorassessment_one_per_stage",
                violation_error_message=_("Indikator ini sudah dinilai pada tahap ini untuk wilayah dan tahun ini."),
            ),
            models.CheckConstraint(
                condition=Q(level__isnull=True) | Q(level__lte=scoring.HIGHEST_LEVEL),
                name="indicatorassessment_level_at_most_5",
                violation_error_message=_("Tingkat kematangan paling tinggi 5."),
            ),
            models.CheckConstraint(
                condition=~Q(stage=AssessmentStage.OFFICIAL) | Q(level__isnull=True) | Q(source__isnull=False),
                name="indicatorassessment_official_names_a_source",
                violation_error_message=_("Tingkat resmi harus menyebut sumbernya."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.regency} {self.year} {self.get_stage_display()} {self.indicator.number}: {self.level}"

    @property
    def framework(self) -> Framework:
        return self.indicator.aspect.domain.framework

    def clean(self) -> None:
        super().clean()
        if not self.indicator_id:
            return
        framework = self.framework
        if self.year and not framework.applies_to(self.year):
            raise ValidationError(
                {
                    "year": _("Kerangka %(framework)s tidak berlaku untuk tahun %(year)s.")
                    % {"framework": framework.code, "year": self.year}
                }
            )
        problem = framework.level_problem(self.level)
        if problem:
            raise ValidationError({"level": problem})
