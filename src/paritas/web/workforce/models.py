"""Snapshots: one HR export of one organisation at one reference date, reduced to its statistics.

The raw rows are discarded once the statistics are computed, unless the organisation chose to keep them;
then they are kept encrypted (Fernet: AES-128-CBC with HMAC-SHA256). Everything derived from an upload
lives in its snapshot row, so deleting the snapshot deletes it all.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
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

    class Meta:
        ordering = ["-reference_date", "-id"]

    def __str__(self) -> str:
        return f"{self.organisation} {self.reference_date:%Y-%m-%d}"


class PendingUpload(models.Model):
    """An uploaded file between its check and the user's decision (accept the warnings or cancel).

    Kept encrypted, deleted when accepted, cancelled, or after a day.
    """

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE,
                                     related_name="pending_uploads")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    file_name = models.CharField(max_length=255)
    content = models.BinaryField(editable=False)
    reference_date = models.DateField()
    preview = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True)
