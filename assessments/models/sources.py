"""Where a published number comes from, and the kinds of source."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from ..spreadsheets import FORMULA_MESSAGE, refused_as_formula


class SourceKind(models.TextChoices):
    """The one list of source kinds: the forms, both imports, their templates and the API read it from here."""

    DECREE = "decree", _("Keputusan/peraturan")
    NEWS = "news", _("Berita")
    OFFICIAL_PORTAL = "official_portal", _("Portal resmi pemerintah")
    # A regency's own planning document: RPJMD, Renstra, perjanjian kinerja (where targets come from).
    REGIONAL_DOCUMENT = "regional_document", _("Dokumen daerah (RPJMD, Renstra, perjanjian kinerja)")
    # A copy of a document made by someone other than its author (a blog repost of a ministry release, a
    # regency's working notes quoting the ministry's report, a repository copying a regulation's tables).
    SECONDARY_COPY = "secondary_copy", _("Salinan sekunder")
    # A value with no outside document, cited as the regency's entry verified by the province on a date.
    VERIFIED_ENTRY = "verified_entry", _("Entri terverifikasi")

    @classmethod
    def citable(cls) -> list[tuple[str, str]]:
        """What a person may name as the kind of an outside source: every kind but the verified entry, which
        the verification makes."""
        return [(value, label) for value, label in cls.choices if value != cls.VERIFIED_ENTRY]

    @classmethod
    def import_words(cls) -> dict[str, str]:
        """The words an import's kind column takes for each citable kind, as people write them."""
        return {
            "keputusan": cls.DECREE,
            "peraturan": cls.DECREE,
            "berita": cls.NEWS,
            "portal": cls.OFFICIAL_PORTAL,
            "dokumen daerah": cls.REGIONAL_DOCUMENT,
            "rpjmd": cls.REGIONAL_DOCUMENT,
            "renstra": cls.REGIONAL_DOCUMENT,
            "perjanjian kinerja": cls.REGIONAL_DOCUMENT,
        }


class DatePrecision(models.TextChoices):
    """How much of a source's date is known: national_reference.csv dates one source "2023-02". The date is
    stored as the first day of what is known; pages show only the known part."""

    DAY = "day", _("tanggal lengkap")
    MONTH = "month", _("bulan dan tahun")
    YEAR = "year", _("tahun saja")


# No document cited for SPBE data predates this: e-government policy starts with Inpres 3/2003, SPBE itself with
# Perpres 95/2018. An earlier date is a slip (0001-01-01, a year missing a digit), refused with a clear message.
EARLIEST_SOURCE_DATE = date(2000, 1, 1)
FUTURE_SOURCE_MESSAGE = _("Tanggal sumber tidak boleh di masa depan.")
EARLY_SOURCE_MESSAGE = format_lazy(
    _("Tanggal sumber sebelum {year} tidak mungkin untuk data SPBE; periksa tahunnya."),
    year=EARLIEST_SOURCE_DATE.year,
)


class Source(models.Model):
    """Where a published number comes from: a decree, a news article, an official site, or a verified entry."""

    title = models.CharField(_("judul"), max_length=300)
    publisher = models.CharField(_("penerbit"), max_length=200)
    kind = models.CharField(_("jenis"), max_length=20, choices=SourceKind.choices)
    reference = models.CharField(_("nomor/rujukan"), max_length=200, blank=True)
    url = models.URLField(_("tautan"), max_length=500, blank=True)
    published_on = models.DateField(_("tanggal terbit"))
    published_precision = models.CharField(
        _("ketelitian tanggal"), max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
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
        return f"{self.title} ({self.publisher}, {self.published_label})"

    def clean(self) -> None:
        """What no source may hold, however it is written (a form, an import, the admin): a date in the future or
        before any SPBE-era document, and text a spreadsheet would run."""
        super().clean()
        problems = {}
        if self.published_on and self.published_on > timezone.localdate():
            problems["published_on"] = FUTURE_SOURCE_MESSAGE
        elif self.published_on and self.published_on < EARLIEST_SOURCE_DATE:
            problems["published_on"] = EARLY_SOURCE_MESSAGE
        for name in ("title", "publisher", "reference"):
            if refused_as_formula(getattr(self, name)):
                problems[name] = FORMULA_MESSAGE
        if problems:
            raise ValidationError(problems)

    @property
    def published_label(self) -> str:
        """The date as far as it is known: "2023-02-01" read as a month is "2023-02"."""
        if self.published_precision == DatePrecision.YEAR:
            return f"{self.published_on:%Y}"
        if self.published_precision == DatePrecision.MONTH:
            return f"{self.published_on:%Y-%m}"
        return f"{self.published_on:%Y-%m-%d}"

    @property
    def is_verified_entry(self) -> bool:
        return self.kind == SourceKind.VERIFIED_ENTRY
