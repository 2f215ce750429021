"""How many regencies a source says fell in each predikat, where it gives no values."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from .ranges import year_validators
from .sources import Source


class StatedDistribution(models.Model):
    """How many kabupaten/kota of the province a source says fell in each predikat in a year, where it gives no
    value behind those counts. Shown beside the distribution the portal counts from its own values, never added
    to it.

    One a source, so that a results query reaches it by select_related through the source it cites (no query of
    its own on the pages that show it). `counts` keeps the source's order: a list of {"band": a predikat name as
    stated, or null for "not evaluated", "count": n, "note": what the source adds or where it contradicts itself}.
    """

    source = models.OneToOneField(Source, on_delete=models.PROTECT, related_name="stated_distribution")
    year = models.PositiveSmallIntegerField(_("tahun"), validators=year_validators)
    counts = models.JSONField(_("jumlah per predikat"))
    total = models.PositiveSmallIntegerField(_("jumlah kabupaten/kota"))
    note = models.TextField(_("catatan"), blank=True)

    class Meta:
        verbose_name = _("sebaran predikat menurut sumber")
        verbose_name_plural = _("sebaran predikat menurut sumber")
        ordering = ["year"]

    def __str__(self) -> str:
        return f"{self.year}: {self.source}"

    def clean(self) -> None:
        super().clean()
        if not isinstance(self.counts, list) or not all(
            isinstance(item, dict) and isinstance(item.get("count"), int) and item["count"] >= 0 for item in self.counts
        ):
            raise ValidationError({"counts": _("Jumlah per predikat harus daftar bilangan cacah.")})
        if sum(item["count"] for item in self.counts) > self.total:
            raise ValidationError({"counts": _("Jumlah per predikat melebihi jumlah kabupaten/kota.")})

    @property
    def stated_count(self) -> int:
        return sum(item["count"] for item in self.counts)

    @property
    def by_band(self) -> dict[str, int]:
        return {item["band"]: item["count"] for item in self.counts if item["band"]}

    @property
    def not_evaluated_count(self) -> int | None:
        """None when the source says nothing about regencies it did not evaluate."""
        counts = [item["count"] for item in self.counts if not item["band"]]
        return sum(counts) if counts else None

    @property
    def notes(self) -> list[str]:
        return [item["note"] for item in self.counts if item.get("note")] + ([self.note] if self.note else [])
