"""The one store of indicator levels: each indicator's level at each stage of a regency's evaluation of a year, and
the levels each result revision was entered and verified with (IndicatorAssessment); which of them the public sees
is IndicatorAssessmentQuerySet.public."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .. import scoring
from ..fields import LevelField
from .frameworks import Framework, Indicator
from .ranges import year_validators
from .results import Result, ResultKind
from .review import ReviewState
from .sources import Source


class AssessmentStage(models.TextChoices):
    SELF = "self", _("Evaluasi mandiri")
    PROVINCE = "province", _("Reviu provinsi")
    OFFICIAL = "official", _("Hasil resmi KemenPAN-RB")


def stage_of_result(kind: str) -> str:
    """The stage whose levels a result of this kind reports: a self-assessment the regency's, an official or
    provisional result KemenPAN-RB's (the result's kind says whether final)."""
    return AssessmentStage.SELF if kind == ResultKind.SELF_ASSESSMENT else AssessmentStage.OFFICIAL


class IndicatorAssessmentQuerySet(models.QuerySet):
    def working(self):
        """Each stage's own rows, changed in place with their version: the regency's workspace, the province's
        desk review, KemenPAN-RB's official levels as staff write or import them. Not a result's levels."""
        return self.filter(result__isnull=True)

    def for_workspace(self, regency, year: int, stage: str):
        return self.working().filter(regency=regency, year=year, stage=stage)

    def public(self):
        """The levels the public sees, the one place that says so: KemenPAN-RB's official levels as staff wrote
        them (public once written, each with its source); for a regency and year without those, the levels of its
        verified official result; the levels of a verified self-assessment result, always shown as such. Never
        the workspace, the province's desk review, a provisional result's levels nor a revision not verified."""
        written = Q(result__isnull=True, stage=AssessmentStage.OFFICIAL, level__isnull=False)
        official_written = self.model.objects.filter(written, regency=OuterRef("regency"), year=OuterRef("year"))
        verified = Q(result__state=ReviewState.VERIFIED)
        official_result = Q(
            ~Exists(official_written), verified, result__kind=ResultKind.OFFICIAL, result__evaluated=True
        )
        self_result = Q(verified, result__kind=ResultKind.SELF_ASSESSMENT)
        return self.filter(written | official_result | self_result)


class IndicatorAssessment(models.Model):
    """One indicator's level at one stage of one regency's evaluation of one year: the one store of levels.

    A row is either a stage's own (`result` empty): the regency's self-assessment in its workspace (with its
    explanation, penjelasan, and evidence files), the province's desk review (with its note) or KemenPAN-RB's
    official level (with its source), each changed in place under its own version, so two people working on
    different indicators never overwrite each other; or it belongs to a result revision (`result` set): the levels
    that revision was entered, submitted and verified with, written while the revision is editable and kept as
    they were once it is submitted, so a verified revision keeps its levels whatever the workspace or a newer
    revision does. Which of them the public sees is `IndicatorAssessmentQuerySet.public`.

    A row exists once someone saved something for the indicator; `level` stays empty until a level is chosen,
    never 0 (0 is a real level of 5/2018). `level` holds two decimals for the converted indicators of the Pemdi
    index, `part` numbers the entries of an indicator scored more than once (5/2018's indicator 35, once per public
    service); SPBE 59/2020 rows keep whole levels and part 1.
    """

    regency = models.ForeignKey("regencies.Regency", on_delete=models.PROTECT, related_name="indicator_assessments")
    year = models.PositiveSmallIntegerField(_("tahun"), validators=year_validators)
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="assessments")
    part = models.PositiveSmallIntegerField(_("bagian"), default=1)
    stage = models.CharField(_("tahap"), max_length=10, choices=AssessmentStage.choices)
    result = models.ForeignKey(
        Result,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="indicator_levels",
        verbose_name=_("hasil evaluasi"),
    )
    level = LevelField(
        _("tingkat"),
        null=True,
        blank=True,
        validators=[MinValueValidator(scoring.LOWEST_LEVEL), MaxValueValidator(scoring.HIGHEST_LEVEL)],
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
        ordering = ["regency__code", "year", "stage", "indicator__number", "part"]
        indexes = [
            # A regency's (or a page of regencies') rows of a year's stage, with their indicator and level: the
            # province view's table reads 50 regencies' levels from it without touching the table (at national
            # size 0.6 ms instead of 7-26 ms through the index below, which filtered out 23 000 rows; issue 26).
            # With the entry's part, which the table reads too: without it PostgreSQL fetched every row from the table.
            models.Index(
                fields=["year", "stage", "regency", "indicator", "part", "level"],
                condition=Q(result__isnull=True),
                name="indassess_ystage_reg_part_lvl",
            ),
            # The province view reads a year's stage across every regency (means per indicator, the matrix);
            # this index covers those reads, so they never touch the table (bench/results.md). The means are per
            # scored entry (indicator, part): without the part, PostgreSQL read 25 000 rows from the table at
            # national size (18 ms instead of the index-only scan's few).
            models.Index(
                fields=["year", "stage", "indicator", "part", "level", "regency"],
                condition=Q(result__isnull=True),
                name="indassess_ystage_ind_part_lvl",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["regency", "year", "indicator", "part", "stage"],
                condition=Q(result__isnull=True),
                name="indicatorassessment_one_per_stage",
                violation_error_message=_("Indikator ini sudah dinilai pada tahap ini untuk wilayah dan tahun ini."),
            ),
            models.UniqueConstraint(
                fields=["result", "indicator", "part"],
                name="indicatorassessment_one_per_result",
                violation_error_message=_("Indikator ini sudah dinilai pada hasil ini."),
            ),
            models.CheckConstraint(
                condition=Q(level__isnull=True)
                | (Q(level__gte=scoring.LOWEST_LEVEL) & Q(level__lte=scoring.HIGHEST_LEVEL)),
                name="indicatorassessment_level_between_0_and_5",
                violation_error_message=_("Tingkat kematangan harus antara 0 dan 5."),
            ),
            models.CheckConstraint(condition=Q(part__gte=1), name="indicatorassessment_part_from_1"),
            models.CheckConstraint(
                condition=~Q(stage=AssessmentStage.OFFICIAL)
                | Q(level__isnull=True)
                | Q(source__isnull=False)
                | Q(result__isnull=False),
                name="indicatorassessment_official_names_a_source",
                violation_error_message=_("Tingkat resmi harus menyebut sumbernya."),
            ),
            # A result's levels cite the result's source and are chosen; the province's desk review is never a
            # result's (it is never public).
            models.CheckConstraint(
                condition=Q(result__isnull=True) | (Q(level__isnull=False) & Q(source__isnull=True)),
                name="indicatorassessment_result_level_chosen",
            ),
            models.CheckConstraint(
                condition=~Q(stage=AssessmentStage.PROVINCE) | Q(result__isnull=True),
                name="indicatorassessment_desk_review_of_no_result",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.regency} {self.year} {self.get_stage_display()} {self.indicator.number}: {self.level}"

    @classmethod
    def of_result(cls, result: Result, *, indicator: Indicator, level, part: int = 1) -> "IndicatorAssessment":
        """A level of `result` (unsaved): its regency, year, stage and demo mark are the result's."""
        return cls(
            result=result,
            regency_id=result.regency_id,
            year=result.year,
            stage=stage_of_result(result.kind),
            indicator=indicator,
            part=part,
            level=level,
            is_demo=result.is_demo,
        )

    @property
    def framework(self) -> Framework:
        return self.indicator.aspect.framework

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
        problem = self.indicator.level_problem(self.level)
        if problem:
            raise ValidationError({"level": problem})
        # An indicator is scored once, but 5/2018's indicator 35 once per public service (Indicator.entries).
        if self.part > self.indicator.entries:
            raise ValidationError(
                {
                    "part": _("Indikator ini dinilai sekali.")
                    if self.indicator.entries == 1
                    else _("Indikator ini dinilai %(entries)s kali (per %(label)s).")
                    % {"entries": self.indicator.entries, "label": self.indicator.entry_label}
                }
            )
        if self.result_id is not None:
            result = self.result
            if (result.regency_id, result.year, stage_of_result(result.kind)) != (
                self.regency_id,
                self.year,
                self.stage,
            ):
                raise ValidationError(_("Tingkat sebuah hasil mengikuti wilayah, tahun dan jenis hasil itu."))
