"""Import previews kept on the server, never in the session.

A preview is what an upload showed a person: its rows as read, their line numbers, the version of every row they
would change (so that a confirm refuses to overwrite what a colleague saved since) and, for the official levels,
the year. The rows are kept as a table (the columns once, each row's cells as a list in their order): at national
size 500 rows of 54 columns, which as dicts cost more to encode and store than the rest of the preview. It is stored
as the JSON text it was encoded to, never as jsonb: the database has nothing to query in it, parsed it into jsonb
on every upload for nothing, and the confirm had to encode it again to check its digest. It is stored under a random
key with the SHA-256 of that text; the confirm form carries both
(`<key>.<digest>`), so a confirmation writes exactly what its person previewed, or nothing. Previews used to live
in the session: up to five files of 500 rows read and written again on every later request (2 s a page).

Bounded: a person keeps at most PREVIEWS_KEPT waiting previews per import (one per open tab, the oldest let go),
and every preview, confirmed or not, is deleted once older than a signed-in session may live.
"""

import hashlib
import hmac
import json
import secrets
from datetime import timedelta
from itertools import chain

from django.conf import settings
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

PREVIEWS_KEPT = 5


class ImportKind(models.TextChoices):
    RESULTS = "results", _("hasil dan target")
    OFFICIAL_LEVELS = "official_levels", _("tingkat resmi")


def lifetime() -> timedelta:
    """As long as the session in which it was made may last."""
    return timedelta(seconds=settings.SESSION_COOKIE_AGE)


# Part of every digest: a preview kept in an earlier shape (rows as dicts; versions as numbers, as jsonb) matches no
# digest any more, so its confirm is refused as one that matches no waiting preview, never read in the wrong shape.
CONTENT_FORMAT = "rows-as-lists, versions sealed, as text\n"


def _encoded(content: dict) -> str:
    return json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def _digest(encoded: str) -> str:
    return hashlib.sha256((CONTENT_FORMAT + encoded).encode()).hexdigest()


def _as_table(rows: list[dict[str, str]]) -> tuple[list[str], list[list[str]]]:
    """The columns of the rows in their order, and each row's cells in that order (a cell a row lacks is empty,
    as the checks read it). Rows read from a file all hold the header's columns in its order: their cells are
    their values (500 rows of 54 cells in 0.7 ms, against 2.8 ms looking each cell up by its column)."""
    columns = list(rows[0]) if rows else []
    if all(len(row) == len(columns) and list(row) == columns for row in rows):
        return columns, [list(row.values()) for row in rows]
    columns = list(dict.fromkeys(chain.from_iterable(rows)))
    empty = [""] * len(columns)
    return columns, [list(map(row.get, columns, empty)) for row in rows]


class ImportPreview(models.Model):
    key = models.CharField(max_length=32, unique=True)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20, choices=ImportKind.choices)
    file_name = models.CharField(max_length=255, blank=True)
    # The rows as read (`columns`, and each row's cells in their order), their lines, the versions they would
    # change, the year: what the confirm writes, as JSON text (read with `data`).
    content = models.TextField()
    digest = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    # Set in the transaction that writes the rows: a second confirm of the same preview finds it set.
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("pratinjau impor")
        verbose_name_plural = _("pratinjau impor")
        indexes = [models.Index(fields=["owner", "kind", "created_at"], name="import_preview_owner_kind")]

    def __str__(self) -> str:
        return f"{self.kind} {self.file_name} ({self.created_at:%Y-%m-%d %H:%M})"

    @property
    def token(self) -> str:
        return f"{self.key}.{self.digest}"

    @cached_property
    def data(self) -> dict:
        """The content as kept: `rows` (cells), `columns`, `lines`, `versions` and what else the import keeps."""
        return json.loads(self.content)

    @property
    def rows(self) -> list[dict[str, str]]:
        """The rows as read, {column: text} each, as the upload's check read them."""
        columns = self.data["columns"]
        return [dict(zip(columns, cells, strict=True)) for cells in self.data["rows"]]


def keep_preview(*, owner, kind: str, content: dict, file_name: str = "") -> str:
    """Stores a preview and returns the token its confirm form carries; `content["rows"]` are the rows as read,
    {column: text} each (read back with `ImportPreview.rows`). Lets go of expired previews and of this person's
    oldest waiting ones beyond PREVIEWS_KEPT."""
    columns, cells = _as_table(content["rows"])
    content = {**content, "columns": columns, "rows": cells}
    # Encoded once: the text digested is the text stored.
    encoded = _encoded(content)
    waiting = ImportPreview.objects.filter(owner=owner, kind=kind, confirmed_at__isnull=True).order_by("-created_at")
    # One transaction (in a caller's, without a savepoint of its own), one statement letting go of both the expired
    # and this person's waiting ones beyond the newest few.
    with transaction.atomic(savepoint=False):
        ImportPreview.objects.filter(
            Q(created_at__lt=timezone.now() - lifetime()) | Q(pk__in=waiting.values("pk")[PREVIEWS_KEPT - 1 :])
        ).delete()
        preview = ImportPreview.objects.create(
            key=secrets.token_urlsafe(16)[:32],
            owner=owner,
            kind=kind,
            file_name=file_name[:255],
            content=encoded,
            digest=_digest(encoded),
        )
    return preview.token


def find_preview(*, owner, kind: str, token: str) -> ImportPreview | None:
    """The preview the token names, if it is this person's, of this import, unexpired and unaltered."""
    key, _dot, digest = token.partition(".")
    if not key:
        return None
    preview = ImportPreview.objects.filter(
        key=key, owner=owner, kind=kind, created_at__gte=timezone.now() - lifetime()
    ).first()
    if preview is None or not hmac.compare_digest(digest, preview.digest):
        return None
    if preview.confirmed_at is None and _digest(preview.content) != preview.digest:
        return None
    return preview


def any_waiting(*, owner, kind: str) -> bool:
    return ImportPreview.objects.filter(
        owner=owner, kind=kind, confirmed_at__isnull=True, created_at__gte=timezone.now() - lifetime()
    ).exists()


def claim(preview: ImportPreview) -> bool:
    """Marks the preview confirmed unless another confirm did first; call inside the transaction that writes its
    rows, so that a refused write leaves it waiting. On PostgreSQL a second confirm at the same moment waits for
    the first to commit, then finds the preview confirmed."""
    return bool(
        ImportPreview.objects.filter(pk=preview.pk, confirmed_at__isnull=True).update(confirmed_at=timezone.now())
    )


def release(preview: ImportPreview) -> None:
    """A preview the database has overtaken (its rows written by someone else) is let go."""
    ImportPreview.objects.filter(pk=preview.pk, confirmed_at__isnull=True).delete()
