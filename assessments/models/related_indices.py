"""The yearly governance indices followed beside SPBE, each on its own scale."""

from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..review_words import RELATED_WORDS
from .review import OPEN_STATES, Reviewed, ReviewedField


class IndexFamily(models.Model):
    """A yearly governance index followed beside SPBE (RB, IPP, KIP), each on its own scale: no value of one is
    ever compared with, or banded like, another's."""

    code = models.CharField(_("kode"), max_length=10, unique=True)
    name = models.CharField(_("nama"), max_length=200)
    scale = models.CharField(_("skala"), max_length=100)
    reading = models.TextField(_("cara membaca"))
    # The portal's own words about the index (its scale, how a value is read) in English too, for English pages;
    # the name and the categories stay as their sources write them.
    scale_en = models.CharField(_("skala (bahasa Inggris)"), max_length=100, blank=True)
    reading_en = models.TextField(_("cara membaca (bahasa Inggris)"), blank=True)
    position = models.PositiveSmallIntegerField(_("urutan"), default=0)

    class Meta:
        verbose_name = _("indeks terkait")
        verbose_name_plural = _("indeks terkait")
        ordering = ["position", "code"]

    def __str__(self) -> str:
        return f"{self.code}: {self.name}"

    @property
    def scale_text(self) -> str:
        """The scale in the page's language (the Indonesian text where no English one is written)."""
        return self.scale_en if _english() and self.scale_en else self.scale

    @property
    def reading_text(self) -> str:
        return self.reading_en if _english() and self.reading_en else self.reading


def _english() -> bool:
    return (get_language() or "").startswith("en")


class RelatedIndexValue(Reviewed):
    """One fact of a related index as one source states it: a value, a category or both, or a target.

    The category is kept as written ("Sangat Baik (A-)"); no band table with a source exists for these indices,
    so none is derived. Sources that disagree are separate rows, both kept. `year` is empty where the source
    gives none. The source is described on the row itself, because some give no date (Source needs one).

    It goes through the review workflow of a result: draft → submitted → verified (or returned); only verified
    facts are public. A change to a verified fact is a new revision (`revises`) that supersedes it once verified.
    """

    family = models.ForeignKey(IndexFamily, on_delete=models.PROTECT, related_name="values", verbose_name=_("indeks"))
    regency = models.ForeignKey(
        "regencies.Regency", on_delete=models.PROTECT, related_name="related_index_values", verbose_name=_("wilayah")
    )
    year = models.PositiveSmallIntegerField(_("tahun"), null=True, blank=True)
    value = models.DecimalField(_("nilai"), max_digits=7, decimal_places=3, null=True, blank=True)
    is_target = models.BooleanField(_("target"), default=False)
    category = models.CharField(_("kategori seperti tertulis"), max_length=200, blank=True)
    source_title = models.CharField(_("judul sumber"), max_length=300)
    source_url = models.URLField(_("tautan sumber"), max_length=500, blank=True)
    source_published_on = models.DateField(_("tanggal sumber"), null=True, blank=True)
    quote = models.TextField(_("kutipan"))

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("nilai indeks terkait")
        verbose_name_plural = _("nilai indeks terkait")
        ordering = ["family__position", "regency__code", "year", "is_target", "source_title"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(value__isnull=True, category=""),
                name="related_index_value_or_category",
                violation_error_message=_("Isi nilai atau kategori seperti tertulis di sumber."),
            ),
            models.CheckConstraint(
                condition=Q(is_target=False) | Q(value__isnull=False, category=""),
                name="related_index_target_is_a_value",
                violation_error_message=_("Target berupa nilai, tanpa kategori."),
            ),
            models.UniqueConstraint(
                fields=["revises"],
                condition=Q(state__in=OPEN_STATES),
                name="related_index_one_open_revision",
                violation_error_message=_("Sudah ada revisi yang sedang dikerjakan untuk nilai ini."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.family.code} {self.regency} {self.year or '?'}: {self.value or self.category}"

    # The review hooks (see Reviewed). Sources that disagree are separate rows, so "the same record" is the
    # chain of revisions: a revision replaces the row it revises.
    review_kind = "related"
    review_words = RELATED_WORDS
    revision_fields = (
        "regency",
        "family",
        "year",
        "value",
        "category",
        "is_target",
        "source_title",
        "source_url",
        "source_published_on",
        "quote",
        "note",
    )

    def published_counterpart(self) -> "RelatedIndexValue | None":
        revised = self.revises
        return revised if revised is not None and revised.is_published else None

    def open_revision(self) -> "RelatedIndexValue | None":
        return self.revisions.open().first()

    @classmethod
    def review_fields(cls) -> list[ReviewedField]:
        return [
            ReviewedField(_("Nilai"), "value", "number"),
            ReviewedField(_("Kategori (seperti tertulis)"), "category", "text"),
            ReviewedField(_("Sumber"), "source_title", "text"),
            ReviewedField(_("Kutipan"), "quote", "text"),
        ]

    @property
    def review_title(self) -> str:
        parts = [self.family.code, self.regency.display_name, str(self.year or "")]
        return " ".join(part for part in parts if part)

    @property
    def review_noun(self) -> str:
        return _("nilai %(index)s") % {"index": self.family.name}
