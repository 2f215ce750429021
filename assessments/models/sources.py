"""Where a published number comes from, and the kinds of source."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SourceKind(models.TextChoices):
    DECREE = "decree", _("Keputusan/peraturan")
    NEWS = "news", _("Berita")
    OFFICIAL_PORTAL = "official_portal", _("Portal resmi pemerintah")
    # A regency's own planning document: RPJMD, Renstra, perjanjian kinerja (where targets come from).
    REGIONAL_DOCUMENT = "regional_document", _("Dokumen daerah (RPJMD, Renstra, perjanjian kinerja)")
    # A value with no outside document, cited as the regency's entry verified by the province on a date.
    VERIFIED_ENTRY = "verified_entry", _("Entri terverifikasi")


class Source(models.Model):
    """Where a published number comes from: a decree, a news article, an official site, or a verified entry."""

    title = models.CharField(_("judul"), max_length=300)
    publisher = models.CharField(_("penerbit"), max_length=200)
    kind = models.CharField(_("jenis"), max_length=20, choices=SourceKind.choices)
    reference = models.CharField(_("nomor/rujukan"), max_length=200, blank=True)
    url = models.URLField(_("tautan"), max_length=500, blank=True)
    published_on = models.DateField(_("tanggal terbit"))
    note = models.TextField(_("catatan"), blank=True)
    # Synthetic rows from `manage.py seed_demo`: pages showing one say so, and `seed_demo --clear` removes them.
    is_demo = models.BooleanField(_("data contoh"), default=False, db_index=True, editable=False)

    class Meta:
        verbose_name = _("sumber")
        verbose_name_plural = _("sumber")
        ordering = ["-published_on", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["title", "published_on"],
                name="source_unique_title_and_date",
                violation_error_message=_("Sumber dengan judul dan tanggal ini sudah ada."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.publisher}, {self.published_on:%Y-%m-%d})"

    @property
    def is_verified_entry(self) -> bool:
        return self.kind == SourceKind.VERIFIED_ENTRY
