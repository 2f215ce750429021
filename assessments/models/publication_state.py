"""The publication version every cached public page carries in its key."""

from django.db import models
from django.utils.translation import gettext_lazy as _


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
