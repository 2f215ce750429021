"""The conversation about a revision under review."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .results import Result


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
