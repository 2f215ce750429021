from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.text import format_lazy
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from . import scoring

# The first SPBE evaluation was 2018; targets in long-term plans reach 2045 at most.
MIN_YEAR = 2018
MAX_YEAR = 2050
INDEX_MIN = Decimal("0.00")
INDEX_MAX = Decimal("5.00")

YEAR_RANGE_MESSAGE = format_lazy(_("Tahun harus antara {min} dan {max}."), min=MIN_YEAR, max=MAX_YEAR)
INDEX_RANGE_MESSAGE = _("Nilai indeks harus antara 0 dan 5.")
year_validators = [
    MinValueValidator(MIN_YEAR, message=YEAR_RANGE_MESSAGE),
    MaxValueValidator(MAX_YEAR, message=YEAR_RANGE_MESSAGE),
]
index_validators = [
    MinValueValidator(INDEX_MIN, message=INDEX_RANGE_MESSAGE),
    MaxValueValidator(INDEX_MAX, message=INDEX_RANGE_MESSAGE),
]


def _index_field(verbose_name, **kwargs):
    return models.DecimalField(verbose_name, max_digits=3, decimal_places=2, validators=index_validators, **kwargs)


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


class FrameworkQuerySet(models.QuerySet):
    def for_year(self, year: int):
        return self.filter(Q(last_year__isnull=True) | Q(last_year__gte=year), first_year__lte=year)


class Framework(models.Model):
    """The evaluation structure in force for a range of years, with its predikat bands."""

    code = models.CharField(_("kode"), max_length=40, unique=True)
    name = models.CharField(_("nama"), max_length=300)
    first_year = models.PositiveSmallIntegerField(_("tahun evaluasi pertama"), validators=year_validators)
    last_year = models.PositiveSmallIntegerField(
        _("tahun evaluasi terakhir"), null=True, blank=True, validators=year_validators
    )
    is_provisional = models.BooleanField(
        _("sementara"), default=False, help_text=_("Sebagian bobot diturunkan, bukan dinyatakan sumber.")
    )
    # The level scale belongs to the framework: 5/2018 scores from level 0 ("tidak terdapat"), 59/2020 from 1.
    min_level = models.PositiveSmallIntegerField(_("tingkat terendah"), default=1)
    max_level = models.PositiveSmallIntegerField(_("tingkat tertinggi"), default=5)
    note = models.TextField(_("catatan"), blank=True)

    objects = FrameworkQuerySet.as_manager()

    class Meta:
        verbose_name = _("kerangka evaluasi")
        verbose_name_plural = _("kerangka evaluasi")
        ordering = ["first_year"]
        constraints = [
            models.CheckConstraint(
                condition=Q(last_year__isnull=True) | Q(last_year__gte=models.F("first_year")),
                name="framework_years_in_order",
                violation_error_message=_("Tahun terakhir tidak boleh sebelum tahun pertama."),
            ),
            models.CheckConstraint(
                condition=Q(min_level__lte=models.F("max_level")) & Q(max_level__lte=scoring.HIGHEST_LEVEL),
                name="framework_level_range_in_order",
                violation_error_message=_("Rentang tingkat kematangan tidak valid."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def applies_to(self, year: int) -> bool:
        return self.first_year <= year and (self.last_year is None or year <= self.last_year)

    @property
    def levels(self) -> range:
        return range(self.min_level, self.max_level + 1)

    def level_problem(self, level: int | None) -> str | None:
        """The message for a level outside this framework's scale, or None when it fits (or is not chosen)."""
        if level is None or self.min_level <= level <= self.max_level:
            return None
        return _("Tingkat kematangan harus antara %(min)s dan %(max)s.") % {
            "min": self.min_level,
            "max": self.max_level,
        }

    def predikat_for(self, value: Decimal | None) -> "PredikatBand | None":
        """Reads the bands through the prefetch cache when the caller prefetched `bands`."""
        return scoring.band_for(value, list(self.bands.all()))

    def indicator_specs(self) -> list[scoring.IndicatorSpec]:
        indicators = Indicator.objects.filter(aspect__domain__framework=self).select_related("aspect__domain")
        return [indicator.spec() for indicator in indicators]


class PredikatBand(models.Model):
    """One predikat of a framework: values from lower_bound up to the next band's lower bound."""

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="bands")
    name = models.CharField(_("predikat"), max_length=40)
    lower_bound = _index_field(_("batas bawah"))
    color = models.CharField(_("warna"), max_length=7, help_text=_("Warna latar, #rrggbb."))

    class Meta:
        verbose_name = _("predikat")
        verbose_name_plural = _("predikat")
        ordering = ["framework", "lower_bound"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "lower_bound"], name="band_unique_lower_bound"),
            models.UniqueConstraint(fields=["framework", "name"], name="band_unique_name"),
            models.CheckConstraint(
                condition=Q(lower_bound__gte=0) & Q(lower_bound__lte=5), name="band_lower_bound_in_index_range"
            ),
            models.CheckConstraint(condition=Q(color__regex=r"^#[0-9a-fA-F]{6}$"), name="band_color_is_hex"),
        ]

    def __str__(self) -> str:
        return f"{self.name} (≥ {self.lower_bound})"

    @property
    def slug(self) -> str:
        return self.name.lower().replace(" ", "-")


class WeightedPart(models.Model):
    """A numbered domain, aspect or indicator of a framework with its weight in percent."""

    number = models.PositiveSmallIntegerField(_("nomor"))
    weight = models.DecimalField(_("bobot (%)"), max_digits=5, decimal_places=2)

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(condition=Q(weight__gt=0) & Q(weight__lte=100), name="%(class)s_weight_in_range"),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.name}"


class Domain(WeightedPart):
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="domains")
    name = models.CharField(_("nama"), max_length=200)

    class Meta:
        verbose_name = _("domain")
        verbose_name_plural = _("domain")
        ordering = ["framework", "number"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "number"], name="domain_unique_number"),
            *WeightedPart.Meta.constraints,
        ]


class Aspect(WeightedPart):
    domain = models.ForeignKey(Domain, on_delete=models.CASCADE, related_name="aspects")
    name = models.CharField(_("nama"), max_length=200)

    class Meta:
        verbose_name = _("aspek")
        verbose_name_plural = _("aspek")
        ordering = ["domain", "number"]
        constraints = [
            models.UniqueConstraint(fields=["domain", "number"], name="aspect_unique_number"),
            *WeightedPart.Meta.constraints,
        ]


class Indicator(WeightedPart):
    aspect = models.ForeignKey(Aspect, on_delete=models.CASCADE, related_name="indicators")
    name = models.CharField(_("nama"), max_length=300)
    # As the reference copies give them (shared/reference/criteria); empty where no copy has a text.
    explanation = models.TextField(_("penjelasan indikator"), blank=True)
    assessment_note = models.TextField(_("penjelasan penilaian"), blank=True)
    evidence_note = models.TextField(_("penjelasan bukti dukung"), blank=True)
    notes_source = models.TextField(_("sumber penjelasan"), blank=True)

    class Meta:
        verbose_name = _("indikator")
        verbose_name_plural = _("indikator")
        ordering = ["aspect__domain__framework", "number"]
        constraints = [
            models.UniqueConstraint(fields=["aspect", "number"], name="indicator_unique_number"),
            *WeightedPart.Meta.constraints,
        ]

    def spec(self) -> scoring.IndicatorSpec:
        """Needs aspect__domain selected to avoid a query per indicator."""
        return scoring.IndicatorSpec(
            number=self.number,
            weight=self.weight,
            aspect=self.aspect.number,
            domain=self.aspect.domain.number,
        )


class ReviewState(models.TextChoices):
    DRAFT = "draft", _("Draf")
    SUBMITTED = "submitted", _("Diajukan")
    RETURNED = "returned", _("Dikembalikan")
    VERIFIED = "verified", _("Terverifikasi")
    SUPERSEDED = "superseded", _("Digantikan revisi baru")


# The review rules, named once. The regency may change a revision while it is editable; staff review it while
# it awaits review; it is "open" in either case. A published revision is verified, or superseded by a newer one.
EDITABLE_STATES = [ReviewState.DRAFT, ReviewState.RETURNED]
AWAITING_REVIEW_STATES = [ReviewState.SUBMITTED]
OPEN_STATES = [ReviewState.DRAFT, ReviewState.SUBMITTED, ReviewState.RETURNED]
PUBLISHED_STATES = [ReviewState.VERIFIED, ReviewState.SUPERSEDED]


class ReviewedQuerySet(models.QuerySet):
    def published(self):
        """The current verified revision of each record: the only rows the public sees."""
        return self.filter(state=ReviewState.VERIFIED)

    def open(self):
        return self.filter(state__in=OPEN_STATES)

    def awaiting_review(self):
        return self.filter(state__in=AWAITING_REVIEW_STATES)

    def for_year(self, year: int):
        return self.filter(year=year)


class Reviewed(models.Model):
    """What results and targets share: an entry goes draft → submitted → verified or returned.

    Each revision is a row. A published value changes only when a new revision is verified; the one it
    replaces becomes superseded and stays, so the earlier value is never lost.
    """

    state = models.CharField(_("status"), max_length=12, choices=ReviewState.choices, default=ReviewState.DRAFT)
    revises = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="revisions",
        verbose_name=_("merevisi"),
    )
    note = models.TextField(_("catatan"), blank=True)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField(_("diajukan"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("diperiksa"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    review_comment = models.TextField(_("komentar pemeriksa"), blank=True)
    # Optimistic lock: an update names the version it read and is refused if another save came first.
    version = models.PositiveIntegerField(default=1)
    is_demo = models.BooleanField(_("data contoh"), default=False, db_index=True, editable=False)

    objects = ReviewedQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def is_editable(self) -> bool:
        return self.state in EDITABLE_STATES

    @property
    def is_deletable(self) -> bool:
        """A revision that was never published (a draft, or one returned to its regency) may be deleted."""
        return self.state in EDITABLE_STATES

    @property
    def awaits_review(self) -> bool:
        return self.state in AWAITING_REVIEW_STATES

    @property
    def is_returned(self) -> bool:
        return self.state == ReviewState.RETURNED

    @property
    def is_published(self) -> bool:
        """The revision the public sees now."""
        return self.state == ReviewState.VERIFIED

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES


def _reviewed_constraints(prefix: str, key: list[str], *, what) -> list:
    return [
        models.CheckConstraint(
            condition=Q(year__gte=MIN_YEAR) & Q(year__lte=MAX_YEAR),
            name=f"{prefix}_year_in_range",
            violation_error_message=YEAR_RANGE_MESSAGE,
        ),
        models.CheckConstraint(
            condition=~Q(state__in=PUBLISHED_STATES) | Q(source__isnull=False),
            name=f"{prefix}_published_names_a_source",
            violation_error_message=_("Nilai yang dipublikasikan harus menyebut sumbernya."),
        ),
        models.UniqueConstraint(
            fields=key,
            condition=Q(state=ReviewState.VERIFIED),
            name=f"{prefix}_one_published_per_key",
            violation_error_message=what,
        ),
        models.UniqueConstraint(
            fields=key,
            condition=Q(state__in=OPEN_STATES),
            name=f"{prefix}_one_open_revision_per_key",
            violation_error_message=_("Sudah ada entri yang sedang dikerjakan untuk wilayah dan tahun ini."),
        ),
    ]


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

    @property
    def predikat(self) -> PredikatBand | None:
        return self.framework.predikat_for(self.value)

    @property
    def carries_target(self) -> bool:
        """A year's target is entered, submitted, verified and returned with its official result."""
        return self.kind == ResultKind.OFFICIAL


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


class IndicatorScore(models.Model):
    """The maturity level a result gives one indicator, on its framework's scale (0–5 or 1–5)."""

    result = models.ForeignKey(Result, on_delete=models.CASCADE, related_name="indicator_scores")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="scores")
    level = models.PositiveSmallIntegerField(_("tingkat"), validators=[MaxValueValidator(scoring.HIGHEST_LEVEL)])

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("nilai indikator")
        verbose_name_plural = _("nilai indikator")
        ordering = ["result", "indicator__number"]
        constraints = [
            models.UniqueConstraint(
                fields=["result", "indicator"],
                name="indicatorscore_one_per_result_and_indicator",
                violation_error_message=_("Indikator ini sudah dinilai pada hasil ini."),
            ),
            models.CheckConstraint(
                condition=Q(level__lte=scoring.HIGHEST_LEVEL),
                name="indicatorscore_level_at_most_5",
                violation_error_message=_("Tingkat kematangan paling tinggi 5."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.number}: {self.level}"

    def clean(self) -> None:
        super().clean()
        if self.result_id and self.level is not None:
            problem = self.result.framework.level_problem(self.level)
            if problem:
                raise ValidationError({"level": problem})


class MessageKind(models.TextChoices):
    RETURN = "return", _("Alasan pengembalian")
    REPLY = "reply", _("Balasan")


class ReviewMessage(models.Model):
    """One message of the conversation about a revision: staff's reason for returning it, and the answers.

    The author's full name is kept as written at the time, so the conversation reads the same after an account
    is renamed or removed. Written only through `services.conversation`.
    """

    result = models.ForeignKey(Result, on_delete=models.CASCADE, related_name="messages", verbose_name=_("revisi"))
    kind = models.CharField(_("jenis"), max_length=10, choices=MessageKind.choices)
    body = models.TextField(_("isi"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    author_name = models.CharField(_("penulis"), max_length=300)
    created_at = models.DateTimeField(_("waktu"))

    class Meta:
        verbose_name = _("pesan pemeriksaan")
        verbose_name_plural = _("pesan pemeriksaan")
        ordering = ["result", "created_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(body=""), name="reviewmessage_body_not_empty"),
        ]

    def __str__(self) -> str:
        return f"{self.author_name}: {self.body[:60]}"

    @property
    def is_return(self) -> bool:
        return self.kind == MessageKind.RETURN


def _evidence_path(instance, filename: str) -> str:
    # The stored name is random so that no one can guess another regency's file; the original name is kept apart.
    return f"evidence/{instance.token.hex}.pdf"


class EvidenceFile(models.Model):
    """An uploaded PDF backing a result or a follow-up. Served only to those who may see its regency's entries."""

    token = models.UUIDField(unique=True, editable=False)
    file = models.FileField(_("berkas"), upload_to=_evidence_path)
    original_name = models.CharField(_("nama berkas asli"), max_length=255)
    size = models.PositiveIntegerField(_("ukuran (bita)"))
    regency = models.ForeignKey("regencies.Regency", on_delete=models.PROTECT, related_name="evidence_files")
    uploaded_at = models.DateTimeField(_("diunggah"), auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Set for the evidence of one indicator in the workspace; an indicator may have several files.
    indicator_assessment = models.ForeignKey(
        "IndicatorAssessment",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="evidence_files",
        verbose_name=_("penilaian indikator"),
    )

    class Meta:
        verbose_name = _("bukti dukung")
        verbose_name_plural = _("bukti dukung")
        ordering = ["-uploaded_at"]

    def __str__(self) -> str:
        return self.original_name


class FollowUpStatus(models.TextChoices):
    PLANNED = "planned", _("Direncanakan")
    IN_PROGRESS = "in_progress", _("Sedang berjalan")
    DONE = "done", _("Selesai")


class FollowUpQuerySet(models.QuerySet):
    def published(self):
        return self.filter(state=ReviewState.VERIFIED)


class FollowUp(models.Model):
    """An evaluation's recommendation with the regency's action plan (rencana aksi) and follow-up (tindak lanjut).

    Only the regency and staff see it until staff verify it; from then on the public does too.
    """

    result = models.ForeignKey(Result, on_delete=models.PROTECT, related_name="follow_ups")
    # A recommendation may concern one indicator of the result's framework (the indicator workspace shows it there).
    indicator = models.ForeignKey(
        Indicator,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="follow_ups",
        verbose_name=_("indikator"),
    )
    recommendation = models.TextField(_("rekomendasi"))
    action_plan = models.TextField(_("rencana aksi"), blank=True)
    follow_up = models.TextField(_("tindak lanjut"), blank=True)
    owner = models.CharField(_("penanggung jawab"), max_length=200, blank=True)
    due_date = models.DateField(_("tenggat"), null=True, blank=True)
    status = models.CharField(
        _("status pelaksanaan"), max_length=12, choices=FollowUpStatus.choices, default=FollowUpStatus.PLANNED
    )
    evidence = models.ForeignKey(
        EvidenceFile, on_delete=models.PROTECT, null=True, blank=True, related_name="follow_ups"
    )
    state = models.CharField(
        _("status pemeriksaan"),
        max_length=12,
        choices=[(ReviewState.DRAFT, ReviewState.DRAFT.label), (ReviewState.VERIFIED, ReviewState.VERIFIED.label)],
        default=ReviewState.DRAFT,
    )
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("diperiksa"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)
    is_demo = models.BooleanField(_("data contoh"), default=False, db_index=True, editable=False)
    # The key the create form carried: the same form posted twice (a double click) names the same key, and the
    # unique index keeps the second post from making a second follow-up.
    submission_key = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    objects = FollowUpQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("tindak lanjut")
        verbose_name_plural = _("tindak lanjut")
        ordering = ["result", "due_date", "pk"]

    def __str__(self) -> str:
        return self.recommendation[:80]

    @property
    def is_published(self) -> bool:
        return self.state == ReviewState.VERIFIED


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


class PublicationState(models.Model):
    """One row whose version changes whenever anything the public pages show changes.

    Cached pages carry the version in their key. Reading it costs one query per page, but it is the same number
    for every gunicorn worker and every machine sharing the database, even when each keeps its own memory cache.
    """

    version = models.PositiveBigIntegerField(default=1)
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("versi publikasi")
        verbose_name_plural = _("versi publikasi")

    def __str__(self) -> str:
        return str(self.version)


# The indicator workspace's models (criteria per level, levels per stage) live in their own module; imported here so
# Django registers them with this app.
from .indicator_models import AssessmentStage, IndicatorAssessment, LevelCriterion, LevelName  # noqa: E402, F401
