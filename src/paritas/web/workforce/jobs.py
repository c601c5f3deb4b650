"""The work of the upload's three jobs (checking a file, preparing its figures, saving it as a snapshot), run
by a worker (paritas.web.jobs); the rules are services.py's, these only move between a job and them."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import QuerySet

from paritas.analytics import io as hrio
from paritas.analytics.problems import Problem, ProblemReport
from paritas.web import crypto
from paritas.web.jobs import runner
from paritas.web.jobs.models import Job
from paritas.web.workforce import services
from paritas.web.workforce.models import PendingUpload
from paritas.web.workforce.uploads import SealedUpload


def submit_check(organisation: Any, user: Any, file_name: str, content: bytes | SealedUpload,
                 reference_date: date) -> Job:
    """Put an uploaded file on the queue to be checked; it waits encrypted until a worker reads it. A file
    received into the spool (``SealedUpload``) is taken over as it is: nothing is read or encrypted again."""
    params = {"file_name": file_name[:255], "reference_date": reference_date.isoformat()}
    if isinstance(content, SealedUpload):
        job = runner.submit(Job.Kind.CHECK_UPLOAD, organisation=organisation, user=user, params=params,
                            spooled_input=content.spooled)
        content.adopted = True
        return job
    return runner.submit(Job.Kind.CHECK_UPLOAD, organisation=organisation, user=user, params=params,
                         sealed_input=crypto.encrypt(content))


def submit_accept(pending: PendingUpload, user: Any, replace: bool) -> Job:
    return runner.submit(Job.Kind.ACCEPT_UPLOAD, organisation=pending.organisation, user=user,
                         params={"pending": pending.pk, "replace": replace})


def follow_with_prepare(pending: PendingUpload, workforce: hrio.Workforce) -> Job:
    """The job that prepares the figures, run by this worker right after the check job, from the checked
    rows it holds (the Parquet is not read back); taken up from the queue by another worker, it reads them."""
    return runner.follow_with(Job.Kind.PREPARE_SNAPSHOT, lambda job: prepare(job, workforce),
                              organisation=pending.organisation, user=pending.user, params={"pending": pending.pk})


def check(job: Job) -> dict[str, Any]:
    """Read and check the job's file once: its problems, or the pending upload that waits for the user."""
    runner.advance(job, Job.Step.READING)
    # The encrypted file stays with the job until it ends (runner._finish deletes it): a worker that dies
    # after this line leaves it for the next attempt.
    content = crypto.decrypt(job.sealed_input)
    result = services.check_upload(job.organisation, job.user, job.params["file_name"], content,
                                   date.fromisoformat(job.params["reference_date"]),
                                   progress=lambda step: runner.advance(job, step))
    if result.pending is None:
        Job.objects.filter(pk=job.pk).update(sealed_problems=Job.seal(_report_dict(result.report)))
        return {"errors": result.report.count("error")}
    # the figures are computed next, while the user reads the preview: accepting then only stores them
    follow_with_prepare(result.pending, result.workforce)
    return {"pending": result.pending.pk}


def prepare(job: Job, workforce: hrio.Workforce | None = None) -> dict[str, Any]:
    """Compute a checked upload's figures ahead of its user's decision (services.prepare), from
    ``workforce`` where the check job hands it over; nothing to do where the upload was decided meanwhile.
    Where this job fails, accepting computes them itself."""
    runner.advance(job, Job.Step.COMPUTING)
    pending = _pending_of(job).defer("content").first()
    if pending is None or not services.prepare(pending, workforce):
        return {"decided": True}
    return {"pending": pending.pk}


def accept(job: Job) -> dict[str, Any]:
    """Save the checked upload as a snapshot; or say that its date is taken, or that it was decided. The
    checked rows are read only where the figures were not prepared (or on another basis)."""
    pending = _pending_of(job).defer("content").first()
    if pending is None:
        return {"decided": True}
    try:
        snapshot = services.accept(pending, job.user, replace=bool(job.params.get("replace")),
                                   progress=lambda step: runner.advance(job, step))
    except services.SnapshotExists:
        return {"exists": True}
    except services.AlreadyDecided:
        return {"decided": True}
    return {"snapshot": snapshot.pk}


def _pending_of(job: Job) -> QuerySet[PendingUpload]:
    """The job's pending upload while it waits (its organisation's and user's), none once decided."""
    return PendingUpload.current().filter(pk=job.params["pending"], organisation=job.organisation, user=job.user)


def _report_dict(report: ProblemReport) -> dict[str, Any]:
    return {"problems": [p.to_dict() for p in report.problems],
            "counts": [[severity, code, column, n] for (severity, code, column), n in report.counts]}


def report_of(job: Job) -> ProblemReport:
    """The problem report a check job found (decrypted), with its counts."""
    found = job.problems
    return ProblemReport(tuple(Problem(**{**p, "params": tuple(p["params"].items())}) for p in found["problems"]),
                         tuple(((s, c, col), n) for s, c, col, n in found["counts"]))
