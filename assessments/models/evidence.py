"""Uploaded evidence files."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


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
    # What an assessor reads beside an indicator's file (issue 23): the level it backs (a level builds on the
    # evidence of those below it), the document's own date as the person gives it, a short note, and whether a
    # PDF has a text layer an assessor can cite by page (None: not a PDF, or not readable).
    level = models.PositiveSmallIntegerField(_("untuk tingkat"), null=True, blank=True)
    document_date = models.DateField(_("tanggal dokumen"), null=True, blank=True)
    assessor_note = models.CharField(_("catatan untuk asesor"), max_length=500, blank=True)
    has_text_layer = models.BooleanField(_("berlapis teks"), null=True, blank=True)

    class Meta:
        verbose_name = _("bukti dukung")
        verbose_name_plural = _("bukti dukung")
        ordering = ["-uploaded_at"]

    def __str__(self) -> str:
        return self.original_name
