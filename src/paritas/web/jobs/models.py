"""A job: one piece of heavy work (checking an upload, accepting it, the figures of many organisations)
run by a worker outside the request, as the user sees it: its step, its outcome, or why it failed.

The queue itself is Django's Tasks framework (the ``django-tasks`` backport with ``django-tasks-db``'s
database backend, docs/jobs.md); a :class:`Job` adds what that queue does not keep: whose it is, its
progress, a lease the running worker renews (``heartbeat_at``) so that a job whose worker died is
taken up again, and its input and problems encrypted (they quote rows of an HR export).
"""

from __future__ import annotations

import json
import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Job(models.Model):
    class Kind(models.TextChoices):
        CHECK_UPLOAD = "check_upload", _("Checking an upload")
        ACCEPT_UPLOAD = "accept_upload", _("Saving a snapshot")
        PREPARE_SNAPSHOT = "prepare_snapshot", _("Computing a checked upload's figures")
        FIGURES = "figures", _("Figures of many organisations")
        MESSAGES = "messages", _("Sending messages")
        DOCUMENT = "document", _("Preparing a document")
        MAIL = "mail", _("Sending an e-mail")

    class State(models.TextChoices):
        QUEUED = "queued", _("waiting for a worker")
        RUNNING = "running", _("running")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    class Step(models.TextChoices):
        WAITING = "", _("waiting")
        READING = "reading", _("reading the file")
        CHECKING = "checking", _("checking the rows")
        COMPUTING = "computing", _("computing the figures")
        STORING = "storing", _("storing")
        SENDING = "sending", _("sending the messages")
        RENDERING = "rendering", _("rendering the document")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    organisation = models.ForeignKey("organisations.Organisation", null=True, blank=True, on_delete=models.CASCADE,
                                     related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE,
                             related_name="+")
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    step = models.CharField(max_length=12, choices=Step.choices, default=Step.WAITING, blank=True)
    #: the parameters the work needs that are not personal data (ids, a file's name, a date)
    params = models.JSONField(default=dict)
    #: the outcome for the page (ids, counts); problems that quote rows go to sealed_problems
    result = models.JSONField(default=dict)
    #: a file the job made for its user to download (the figures' Parquet table, zipped; a document's PDF,
    #: encrypted: it may name people)
    output = models.BinaryField(editable=False, default=b"")
    sealed_problems = models.BinaryField(editable=False, default=b"")
    #: why it failed for good: "worker_lost" (its worker stopped on every attempt), "internal", or
    #: "mail_server" (an e-mail the mail server did not take on any attempt)
    failure = models.CharField(max_length=20, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    task_id = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["state", "heartbeat_at"], name="jobs_state_heartbeat")]

    def __str__(self) -> str:
        return f"{self.kind} {self.pk} ({self.state})"

    @property
    def finished(self) -> bool:
        return self.state in (self.State.DONE, self.State.FAILED)

    @property
    def sealed_input(self) -> bytes:
        """The job's encrypted input (:class:`JobInput`, in the spool or the row), b"" when it has none
        (any longer)."""
        from paritas.web import spool

        found = JobInput.objects.filter(job_id=self.pk).values_list("spooled", "sealed").first()
        return spool.sealed(*found) if found is not None else b""

    @property
    def problems(self) -> dict[str, Any]:
        """The problem report of the work (paritas.problems/1 as ProblemReport.to_dict), decrypted."""
        from paritas.web import crypto

        return json.loads(crypto.decrypt(self.sealed_problems)) if self.sealed_problems else {}

    @staticmethod
    def seal(value: Any) -> bytes:
        from paritas.web import crypto

        return crypto.encrypt(json.dumps(value, ensure_ascii=False).encode("utf-8"))


class JobInput(models.Model):
    """A job's input (an uploaded file), encrypted, in a row of its own until the job ends: the job's row
    is updated at every step and every heartbeat, and SQLite writes a whole row anew on each update — with
    the file in it, 150 MB each time for a million-row export. Where the platform has a spool directory
    (paritas.web.spool), the file is there and the row holds its key."""

    job = models.OneToOneField(Job, primary_key=True, on_delete=models.CASCADE, related_name="+")
    sealed = models.BinaryField(editable=False, default=b"")
    spooled = models.CharField(max_length=32, blank=True, default="")

    @classmethod
    def discard(cls, queryset: models.QuerySet[JobInput]) -> None:
        """Delete these inputs, their spooled files with them."""
        from paritas.web import spool

        spool.delete_with_files(queryset)
