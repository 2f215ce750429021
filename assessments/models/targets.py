"""The index a regency aims at for a year."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..review_words import TARGET_WORDS
from .frameworks import Framework
from .ranges import INDEX_MAX, INDEX_MIN, INDEX_RANGE_MESSAGE, _index_field, year_validators
from .review import Reviewed, ReviewedField, ReviewedQuerySet, _reviewed_constraints
from .sources import Source


class TargetQuerySet(ReviewedQuerySet):
    def current_for(self, regency, year: int) -> "Target | None":
        """The target an entry form shows for the year: the open revision, else the published one."""
        targets = self.filter(regency=regency, year=year)
        return targets.open().first() or targets.published().first()


class Target(Reviewed):
    """The value a regency aims at for a year, from its RPJMD, Renstra or performance agreement, citing its own
    source (never the result's).

    Entered on the official result's form it travels with that result (submitted, verified and returned with
    it); entered on its own (any year, future years too) it goes through the same review by itself.

    A target is stated in a framework, the one its year is stated in (`Framework.objects.for_target_year`):
    targets from 2026 on are Pemdi targets (PermenPANRB 8/2026, Pasal 11 asks governments to restate them), so a
    gap or an "on track" word compares a value only with a target of the same index series. `save` and
    `full_clean` fill it from the year when empty.
    """

    regency = models.ForeignKey("regencies.Regency", on_delete=models.PROTECT, related_name="targets")
    year = models.PositiveSmallIntegerField(_("tahun"), validators=year_validators)
    framework = models.ForeignKey(
        Framework,
        on_delete=models.PROTECT,
        blank=True,
        related_name="targets",
        verbose_name=_("kerangka evaluasi"),
    )
    value = _index_field(_("target"))
    source = models.ForeignKey(Source, on_delete=models.PROTECT, null=True, blank=True, related_name="targets")

    objects = TargetQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("target")
        ordering = ["regency__code", "year"]
        # A year's rows, as an import's check and the official levels' check read them: at national size a year
        # is an eighth of the table, read in 0.4-0.6 ms through the index against 1.1-1.8 ms scanning it all.
        indexes = [models.Index(fields=["year"], name="target_year")]
        constraints = [
            *_reviewed_constraints(
                "target", ["regency", "year"], what=_("Sudah ada target terpublikasi untuk wilayah dan tahun ini.")
            ),
            models.CheckConstraint(
                condition=Q(value__gte=INDEX_MIN) & Q(value__lte=INDEX_MAX),
                name="target_value_between_0_and_5",
                violation_error_message=INDEX_RANGE_MESSAGE,
            ),
        ]

    def __str__(self) -> str:
        return f"{self.regency} {self.year}: {self.value}"

    def _fill_framework(self) -> None:
        if self.framework_id is None and self.year:
            framework = Framework.objects.for_target_year(self.year)
            if framework is not None:
                self.framework = framework

    def full_clean(self, *args, **kwargs) -> None:
        self._fill_framework()
        super().full_clean(*args, **kwargs)

    def save(self, *args, **kwargs) -> None:
        self._fill_framework()
        super().save(*args, **kwargs)

    def clean(self) -> None:
        super().clean()
        if not self.year:
            return
        stated_in = Framework.objects.for_target_year(self.year)
        if stated_in is None:
            raise ValidationError(
                {"year": _("Belum ada kerangka evaluasi untuk tahun %(year)s.") % {"year": self.year}}
            )
        if self._state.adding and self.framework_id != stated_in.pk:
            raise ValidationError(
                {
                    "framework": _("Target tahun %(year)s dinyatakan dalam %(framework)s, bukan %(other)s.")
                    % {"year": self.year, "framework": stated_in.short_name, "other": self.framework.short_name}
                }
            )
        # A value outside 0–5 is the field's own message; inside it, the framework's scale (Pemdi: 1–5).
        in_index_range = isinstance(self.value, int | Decimal) and INDEX_MIN <= self.value <= INDEX_MAX
        if in_index_range and (problem := stated_in.index_problem(self.value)):
            raise ValidationError({"value": problem})

    # The review hooks (see Reviewed). "The same record" is the regency's target of a year.
    review_kind = "target"
    review_words = TARGET_WORDS
    revision_fields = ("regency", "year", "framework", "value", "source")

    def _same_key(self) -> "models.QuerySet[Target]":
        return Target.objects.filter(regency_id=self.regency_id, year=self.year)

    def published_counterpart(self) -> "Target | None":
        return self._same_key().published().exclude(pk=self.pk).first()

    def open_revision(self) -> "Target | None":
        return self._same_key().open().exclude(pk=self.pk).first()

    @classmethod
    def review_fields(cls) -> list[ReviewedField]:
        return [ReviewedField(_("Target"), "value", "index"), ReviewedField(_("Sumber target"), "source", "source")]

    def verified_entry_label(self) -> str:
        return _("Target")

    @property
    def review_title(self) -> str:
        return _("target %(regency)s %(year)s") % {"regency": self.regency.display_name, "year": self.year}

    @property
    def review_noun(self) -> str:
        return str(_("target"))
