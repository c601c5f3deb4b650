"""Snapshots: one HR export of one organisation at one reference date, reduced to its statistics.

The raw rows are discarded once the statistics are computed, unless the organisation chose to keep them;
then they are kept encrypted (AES-256-GCM, paritas.web.crypto). Everything derived from an upload
lives in its snapshot row, so deleting the snapshot deletes it all.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Snapshot(models.Model):
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE,
                                     related_name="snapshots")
    reference_date = models.DateField(_("reference date"))
    source_name = models.CharField(_("file"), max_length=255)
    rows = models.PositiveIntegerField(_("rows"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    min_group_size = models.PositiveSmallIntegerField(default=5)
    warnings_accepted = models.PositiveIntegerField(default=0)
    columns = models.JSONField(default=dict)          # canonical name → header in the file
    structure = models.JSONField()                    # paritas.structure/1
    paygap = models.JSONField(null=True, blank=True)  # paritas.paygap/1, where the file has pay
    # art. 10: the gaps of flagged categories withheld from publication; owners and analysts only
    assessment = models.JSONField(default=dict, blank=True)
    summary = models.JSONField(default=dict)          # {lang: [sentences of the jury statement]}
    xlsx = models.JSONField(default=dict)             # {lang: base64 of the XLSX report}
    raw_rows = models.BinaryField(null=True, blank=True, editable=False)  # encrypted Parquet, if kept
    # per job title: [women, men] with pay (the job evaluation's list), and their mean hourly pay by job
    # (paritas.analytics.jobs.job_pay) encrypted as the rows are: a small job's mean is one person's pay
    job_counts = models.JSONField(default=dict, blank=True)
    job_pay = models.BinaryField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-reference_date", "-id"]

    def __str__(self) -> str:
        return f"{self.organisation} {self.reference_date:%Y-%m-%d}"


class PendingUpload(models.Model):
    """An uploaded file between its check and the user's decision (accept the warnings or cancel).

    The file and its preview (which quotes values of the rows) are kept encrypted; deleted when accepted,
    cancelled, or after :data:`LIFETIME` (``manage.py purge_pending``, which ``paritas serve`` runs).
    """

    LIFETIME = timedelta(hours=24)

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE,
                                     related_name="pending_uploads")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    file_name = models.CharField(max_length=255)
    #: the checked rows as encrypted Parquet; or, where the platform has a spool (paritas.web.spool),
    #: empty, and ``spooled`` names the file that holds them
    content = models.BinaryField(editable=False, default=b"")
    spooled = models.CharField(max_length=32, blank=True, default="")
    reference_date = models.DateField()
    sealed_preview = models.BinaryField(editable=False, default=b"")
    # the snapshot's figures, computed while the user reads the preview (services.prepare), encrypted, and
    # the organisation's settings they were computed on (services.figures_basis)
    sealed_figures = models.BinaryField(editable=False, default=b"")
    figures_basis = models.CharField(max_length=64, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)

    @property
    def preview(self) -> dict[str, Any]:
        """The preview shown before accepting: rows, columns, warnings (decrypted)."""
        from paritas.web import crypto

        return json.loads(crypto.decrypt(self.sealed_preview)) if self.sealed_preview else {}

    @property
    def sealed_content(self) -> bytes:
        """The checked rows, encrypted (from the spool or the row; b"" where the spooled file is gone)."""
        from paritas.web import spool

        return spool.sealed(self.spooled, self.content if not self.spooled else b"")

    @staticmethod
    def keep_content(sealed: bytes) -> dict[str, Any]:
        """The fields that keep the encrypted checked rows: in the spool where there is one."""
        from paritas.web import spool

        return {"spooled": spool.put(sealed)} if spool.enabled() else {"content": sealed}

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        """Delete the pending upload; its spooled rows go too, once the delete has committed."""
        from django.db import transaction

        from paritas.web import spool

        deleted = super().delete(*args, **kwargs)
        if self.spooled:
            key = self.spooled
            transaction.on_commit(lambda: spool.discard([key]))
        return deleted

    @classmethod
    def discard(cls, queryset: models.QuerySet[PendingUpload]) -> int:
        """Delete these pending uploads and their spooled rows; the number deleted."""
        from paritas.web import spool

        return spool.delete_with_files(queryset)

    @staticmethod
    def seal(preview: dict[str, Any]) -> bytes:
        from paritas.web import crypto

        return crypto.encrypt(json.dumps(preview, ensure_ascii=False).encode("utf-8"))

    @classmethod
    def expired(cls, now: datetime | None = None) -> models.QuerySet[PendingUpload]:
        return cls.objects.filter(created_at__lt=(now or timezone.now()) - cls.LIFETIME)

    @classmethod
    def current(cls, now: datetime | None = None) -> models.QuerySet[PendingUpload]:
        return cls.objects.filter(created_at__gte=(now or timezone.now()) - cls.LIFETIME)
