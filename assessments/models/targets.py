"""The index a regency aims at for a year."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..review_words import TARGET_WORDS
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
    """

    regency = models.ForeignKey("regencies.Regency", on_delete=models.PROTECT, related_name="targets")
    year = models.PositiveSmallIntegerField(_("tahun"), validators=year_validators)
    value = _index_field(_("target"))
    source = models.ForeignKey(Source, on_delete=models.PROTECT, null=True, blank=True, related_name="targets")

    objects = TargetQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("target")
        ordering = ["regency__code", "year"]
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

    # The review hooks (see Reviewed). "The same record" is the regency's target of a year.
    review_kind = "target"
    review_words = TARGET_WORDS
    revision_fields = ("regency", "year", "value", "source")

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
