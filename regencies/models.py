from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

PROVINCE_CODE = "53"


class RegencyKind(models.TextChoices):
    KABUPATEN = "kabupaten", _("Kabupaten")
    KOTA = "kota", _("Kota")
    PROVINSI = "provinsi", _("Provinsi")


# Each kind's label (lazy, translated when read) by its value: display_names, Regency.display_name.
_KIND_LABELS = dict(RegencyKind.choices)


class RegencyQuerySet(models.QuerySet):
    def ranked(self):
        """The kabupaten and kota; the province is a reference line, never a ranked row."""
        return self.exclude(kind=RegencyKind.PROVINSI)

    def province(self):
        return self.filter(kind=RegencyKind.PROVINSI)


class Regency(models.Model):
    """A kabupaten or kota of NTT, or the province itself, keyed by its Kemendagri code."""

    code = models.CharField(_("kode Kemendagri"), max_length=5, unique=True)
    bps_code = models.CharField(_("kode BPS"), max_length=4, unique=True)
    name = models.CharField(_("nama"), max_length=100)
    kind = models.CharField(_("jenis"), max_length=10, choices=RegencyKind.choices)
    capital = models.CharField(_("ibu kota"), max_length=100, blank=True)
    slug = models.SlugField(max_length=120, unique=True)
    # Synthetic rows from `manage.py seed_demo`: pages showing one say so, and `seed_demo --clear` removes them.
    is_demo = models.BooleanField(_("data contoh"), default=False, db_index=True, editable=False)

    objects = RegencyQuerySet.as_manager()

    class Meta:
        verbose_name = _("wilayah")
        verbose_name_plural = _("wilayah")
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(code__regex=r"^[0-9]{2}(\.[0-9]{2})?$"),
                name="regency_code_is_kemendagri_format",
                violation_error_message=_("Kode Kemendagri harus berbentuk 53 atau 53.01."),
            ),
            models.CheckConstraint(
                condition=Q(kind="provinsi", code__regex=r"^[0-9]{2}$")
                | (Q(kind__in=["kabupaten", "kota"]) & Q(code__regex=r"^[0-9]{2}\.[0-9]{2}$")),
                name="regency_code_matches_kind",
                violation_error_message=_("Provinsi berkode dua angka; kabupaten/kota berkode 53.01."),
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    def get_absolute_url(self) -> str:
        return reverse("dashboard:regency", kwargs={"slug": self.slug})

    def get_embed_url(self) -> str:
        return reverse("dashboard:embed", kwargs={"slug": self.slug})

    @property
    def display_name(self) -> str:
        """ "Kabupaten Kupang" and "Kota Kupang" are two regencies; the kind is part of the name people use."""
        return display_names([self])[self.pk]

    @property
    def is_province(self) -> bool:
        return self.kind == RegencyKind.PROVINSI


class FlagKind(models.TextChoices):
    COMPLIANT = "compliant", _("Sesuai penilaian pusat")
    ADJUSTING = "adjusting", _("Masih menyesuaikan indikator pusat")


class StatusFlagQuerySet(models.QuerySet):
    def latest_per_regency(self):
        """The flag with the newest as-of date for each regency (one row a regency)."""
        newest = (
            StatusFlag.objects.filter(regency=models.OuterRef("regency")).order_by("-as_of", "-pk").values("pk")[:1]
        )
        return self.filter(pk=models.Subquery(newest))


class StatusFlag(models.Model):
    """A dated judgement about a regency, from a named source. Earlier flags stay; the newest one is shown."""

    regency = models.ForeignKey(Regency, on_delete=models.PROTECT, related_name="status_flags")
    flag = models.CharField(_("status"), max_length=20, choices=FlagKind.choices)
    as_of = models.DateField(_("per tanggal"))
    source = models.ForeignKey("assessments.Source", on_delete=models.PROTECT, related_name="status_flags")
    note = models.TextField(_("catatan"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    is_demo = models.BooleanField(_("data contoh"), default=False, db_index=True, editable=False)

    objects = StatusFlagQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("status wilayah")
        verbose_name_plural = _("status wilayah")
        ordering = ["regency__code", "-as_of"]
        indexes = [
            # The newest flag of a regency (StatusFlagQuerySet.latest_per_regency) is the first entry of this index.
            models.Index(fields=["regency", "-as_of", "-id"], name="statusflag_newest_first"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["regency", "as_of"],
                name="statusflag_one_per_regency_and_date",
                violation_error_message=_("Wilayah ini sudah punya status pada tanggal tersebut."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.regency}: {self.get_flag_display()} ({self.as_of:%Y-%m-%d})"


def display_names(regencies) -> dict[int | None, str]:
    """Each regency's display name by pk: the pattern and each kind's label translated once for all of them (a
    national import's preview names 500 regencies). The kind's label comes straight from the choices:
    get_kind_display() builds a dictionary of every choice, each label translated to hash it, and a page of 50-550
    names paid for it on every name (issue 26)."""
    # Translators: "Kabupaten Kupang" in Indonesian, "Kupang Regency" in English.
    pattern = gettext("%(kind)s %(name)s")
    kinds: dict[str, str] = {}
    names = {}
    for regency in regencies:
        if regency.kind not in kinds:
            kinds[regency.kind] = str(_KIND_LABELS.get(regency.kind, regency.kind))
        names[regency.pk] = pattern % {"kind": kinds[regency.kind], "name": regency.name}
    return names
