"""A regency's index of a year, by kind (official, self-assessment, provisional)."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..review_words import RESULT_WORDS
from .frameworks import Framework, PredikatBand
from .ranges import INDEX_MAX, INDEX_MIN, INDEX_RANGE_MESSAGE, _index_field, year_validators
from .review import Reviewed, ReviewedField, _reviewed_constraints
from .sources import Source


class ResultKind(models.TextChoices):
    OFFICIAL = "official", _("Hasil evaluasi resmi")
    SELF_ASSESSMENT = "self", _("Evaluasi mandiri")
    # An interim figure reported during an evaluation (e.g. at its interview stage): shown marked as such with
    # its source, never ranked, charted or counted as the year's result, which only OFFICIAL is.
    PROVISIONAL = "provisional", _("Nilai sementara")


class Result(Reviewed):
    """One regency's SPBE index for one year and kind, from a named source.

    evaluated=False records a source saying the regency was not evaluated that year; its value stays empty,
    never zero.
    """

    regency = models.ForeignKey("regencies.Regency", on_delete=models.PROTECT, related_name="results")
    year = models.PositiveSmallIntegerField(_("tahun"), validators=year_validators)
    kind = models.CharField(_("jenis"), max_length=12, choices=ResultKind.choices, default=ResultKind.OFFICIAL)
    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="results")
    value = _index_field(_("indeks"), null=True, blank=True)
    evaluated = models.BooleanField(_("dievaluasi"), default=True)
    source = models.ForeignKey(Source, on_delete=models.PROTECT, null=True, blank=True, related_name="results")
    evidence = models.ForeignKey(
        "EvidenceFile",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="results",
        verbose_name=_("bukti dukung"),
    )

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("hasil evaluasi")
        verbose_name_plural = _("hasil evaluasi")
        ordering = ["regency__code", "year", "kind"]
        # A year's rows, as an import's check and the official levels' check read them: at national size a year
        # is an eighth of the table, read in 0.4-0.6 ms through the index against 1.1-1.8 ms scanning it all.
        indexes = [models.Index(fields=["year"], name="result_year")]
        constraints = [
            *_reviewed_constraints(
                "result",
                ["regency", "year", "kind"],
                what=_("Sudah ada hasil terpublikasi untuk wilayah, tahun dan jenis ini."),
            ),
            models.CheckConstraint(
                condition=Q(value__isnull=True) | (Q(value__gte=INDEX_MIN) & Q(value__lte=INDEX_MAX)),
                name="result_value_between_0_and_5",
                violation_error_message=INDEX_RANGE_MESSAGE,
            ),
            models.CheckConstraint(
                condition=Q(evaluated=True, value__isnull=False) | Q(evaluated=False, value__isnull=True),
                name="result_value_iff_evaluated",
                violation_error_message=_("Isi indeks bila dievaluasi; kosongkan bila tidak dievaluasi."),
            ),
        ]

    def __str__(self) -> str:
        shown = self.value if self.evaluated else _("tidak dievaluasi")
        return f"{self.regency} {self.year} ({self.get_kind_display()}): {shown}"

    def clean(self) -> None:
        super().clean()
        if self.framework_id and self.year and not self.framework.applies_to(self.year):
            raise ValidationError(
                {
                    "year": _("Kerangka %(framework)s tidak berlaku untuk tahun %(year)s.")
                    % {"framework": self.framework.code, "year": self.year}
                }
            )
        # A value outside 0–5 is the field's own message; inside it, the framework's scale (Pemdi: 1–5).
        in_index_range = isinstance(self.value, int | Decimal) and INDEX_MIN <= self.value <= INDEX_MAX
        if self.framework_id and in_index_range and (problem := self.framework.index_problem(self.value)):
            raise ValidationError({"value": problem})

    @property
    def predikat(self) -> PredikatBand | None:
        return self.framework.predikat_for(self.value)

    @property
    def carries_target(self) -> bool:
        """A year's target is entered, submitted, verified and returned with its official result."""
        return self.kind == ResultKind.OFFICIAL

    # The review hooks (see Reviewed). "The same record" is the regency's result of a year and kind.
    review_kind = "result"
    review_words = RESULT_WORDS
    revision_fields = ("regency", "year", "kind", "framework", "value", "evaluated", "source", "evidence", "note")
    keeps_conversation = True

    def _same_key(self) -> "models.QuerySet[Result]":
        return Result.objects.filter(regency_id=self.regency_id, year=self.year, kind=self.kind)

    def published_counterpart(self) -> "Result | None":
        return self._same_key().published().exclude(pk=self.pk).first()

    def open_revision(self) -> "Result | None":
        return self._same_key().open().exclude(pk=self.pk).first()

    def carried(self, states) -> list[Reviewed]:
        if not self.carries_target:
            return []
        from .targets import Target  # targets sit beside results; imported on use to keep the modules apart

        return list(Target.objects.filter(regency_id=self.regency_id, year=self.year, state__in=states))

    def revision_children(self, draft: "Result") -> list[models.Model]:
        """The indicator levels a revision starts from."""
        levels = self.indicator_levels.model
        return [
            levels.of_result(draft, indicator=row.indicator, level=row.level, part=row.part)
            for row in self.indicator_levels.select_related("indicator")
        ]

    @classmethod
    def review_fields(cls) -> list[ReviewedField]:
        return [ReviewedField(_("Indeks"), "value", "index"), ReviewedField(_("Sumber indeks"), "source", "source")]

    def verified_entry_label(self) -> str:
        return ResultKind(self.kind).label

    @property
    def review_title(self) -> str:
        return f"{self.regency.display_name} {self.year}"

    @property
    def review_noun(self) -> str:
        return str(ResultKind(self.kind).label).lower()
