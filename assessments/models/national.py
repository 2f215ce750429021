"""The national index beside a regency's values: the ministry's announced index per year, the national targets and
averages (fixtures/national_reference.csv), each in its framework and with its source."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .frameworks import Framework
from .ranges import _index_field, year_validators
from .sources import Source


class NationalReferenceKind(models.TextChoices):
    """What a national figure is, as the file's `kind` column names it; a page labels each as what it is."""

    RESULT = "result", _("Indeks nasional")
    TARGET = "target", _("Target nasional")
    AVERAGE = "average", _("Rata-rata nasional")


class NationalReference(models.Model):
    """One national figure of a year in a framework. An empty value is a figure no source gives yet ("belum ada
    data"): never a number carried over from another year or series."""

    year = models.PositiveSmallIntegerField(_("tahun"), validators=year_validators)
    framework = models.ForeignKey(
        Framework, on_delete=models.PROTECT, related_name="national_references", verbose_name=_("kerangka evaluasi")
    )
    value = _index_field(_("nilai"), null=True, blank=True)
    kind = models.CharField(_("jenis"), max_length=10, choices=NationalReferenceKind.choices)
    # Of whom the figure is, as the source says it ("national", "kabupaten average").
    scope = models.CharField(_("cakupan"), max_length=60, blank=True)
    source = models.ForeignKey(
        Source, on_delete=models.PROTECT, related_name="national_references", verbose_name=_("sumber")
    )
    quote = models.TextField(_("kutipan"), blank=True)
    note = models.TextField(_("catatan"), blank=True)

    class Meta:
        verbose_name = _("rujukan nasional")
        verbose_name_plural = _("rujukan nasional")
        ordering = ["framework__first_year", "year", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["framework", "year", "kind"],
                name="nationalreference_one_per_framework_year_kind",
                violation_error_message=_("Sudah ada rujukan nasional jenis ini untuk kerangka dan tahun ini."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.year}: {self.value}"
