"""Submitting and running jobs, and taking up again those whose worker died.

The life of a job (docs/jobs.md)::

    queued ──(a worker claims it)──► running ──(the work returns)──► done
                                      │   └───(the work raises)───► failed ("internal")
                                      └─(its lease runs out: the worker died)─► queued again,
                                         or failed ("worker_lost") after MAX_ATTEMPTS attempts

A running job's worker renews its lease (``heartbeat_at``) every :func:`heartbeat_interval` seconds from
a thread; :func:`reclaim_stale`, which every worker runs between jobs, puts a job whose lease is older than
``settings.JOB_LEASE_SECONDS`` back on the queue. Claiming, renewing and reclaiming are conditional
updates, so two workers never both run or both reclaim one job.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from paritas.web.jobs.models import Job, JobInput

logger = logging.getLogger("paritas.jobs")

#: A job is run at most this often: a worker that dies on the same input three times will die again.
MAX_ATTEMPTS = 3

#: Set by the worker command: the lease is renewed from a thread only in a worker process (where the
#: job runs eagerly inside a request or a test, there is no other worker to take it over).
renew_leases = False

Work = Callable[[Job], dict[str, Any]]


class RetryLater(Exception):
    """Raised by work that failed for a reason that may pass (a mail server away): the job is queued again
    to run ``after`` from now, or, on its last attempt, fails with ``failure`` (its reason logged)."""

    def __init__(self, failure: str, reason: str, after: timedelta):
        super().__init__(reason)
        self.failure, self.reason, self.after = failure, reason, after


def lease() -> timedelta:
    return timedelta(seconds=settings.JOB_LEASE_SECONDS)


def heartbeat_interval() -> float:
    return max(0.5, settings.JOB_LEASE_SECONDS / 6)


def submit(kind: str, *, organisation: Any = None, user: Any = None, params: dict[str, Any] | None = None,
           sealed_input: bytes = b"", spooled_input: str = "") -> Job:
    """Create a job and put it on the queue, in one transaction: the database backend writes the queue's
    record on the same connection, so a worker sees the job, its input and its record together or none of
    them (a process that dies in between leaves nothing waiting for nothing). The input is encrypted
    bytes, or the key of a spool file already written (``spooled_input``: an upload received into the
    spool). With the immediate backend (tests) the job has run on return."""
    with transaction.atomic():
        job = Job.objects.create(kind=kind, organisation=organisation,
                                 user=user if getattr(user, "pk", None) else None, params=params or {})
        if spooled_input:
            JobInput.objects.create(job=job, spooled=spooled_input)
        elif sealed_input:
            from paritas.web import spool

            if spool.enabled():
                JobInput.objects.create(job=job, spooled=spool.put(sealed_input))
            else:
                JobInput.objects.create(job=job, sealed=sealed_input)
        _enqueue(job)
    return job


def _enqueue(job: Job, run_after: datetime | None = None) -> None:
    """Put the job's task on the queue; to run no earlier than ``run_after`` where the queue can wait
    (the database backend; the immediate backend of the tests runs it at once)."""
    from paritas.web.jobs import tasks

    task = tasks.TASKS[job.kind]
    if run_after is not None and task.get_backend().supports_defer:
        task = task.using(run_after=run_after)
    result = task.enqueue(str(job.pk))
    Job.objects.filter(pk=job.pk).update(task_id=str(result.id)[:64])
    job.refresh_from_db()


def run(job_id: str, work: Work) -> None:
    """Run ``work`` for the job if it is still queued (else another worker has it, or it was reclaimed
    and enqueued anew): claim it, renew its lease while it runs, store its outcome."""
    now = timezone.now()
    claimed = Job.objects.filter(pk=job_id, state=Job.State.QUEUED).update(
        state=Job.State.RUNNING, attempts=F("attempts") + 1, started_at=now, heartbeat_at=now)
    if not claimed:
        logger.info("job %s is not queued; nothing to run", job_id)
        return
    job = Job.objects.get(pk=job_id)
    _run_claimed(job, work)


class _Running(threading.local):
    """What the thread is running: how deep in jobs it is, and the follow-ups asked for (:func:`follow_with`)."""

    def __init__(self) -> None:
        self.depth = 0
        self.follow_ups: list[tuple[Job, Work]] = []


_running = _Running()


def _run_claimed(job: Job, work: Work) -> None:
    """Run the work of a job this process has claimed, under its lease; store its outcome; then run the
    follow-up jobs it asked for."""
    _follow_ups = _running.follow_ups
    asked = len(_follow_ups)
    _running.depth += 1
    retry: RetryLater | None = None
    follow: list[tuple[Job, Work]] = []
    try:
        with _lease_renewed(job):
            try:
                result = work(job)
            except RetryLater as exc:
                retry = exc  # its follow-ups, if it asked for any, it asks for again on its next attempt
                for next_job, _work in _follow_ups[asked:]:
                    _finish(next_job, Job.State.FAILED, failure="internal")
            except Exception:
                logger.exception("job %s (%s) failed", job.pk, job.kind)
                _finish(job, Job.State.FAILED, failure="internal")
                for next_job, _work in _follow_ups[asked:]:
                    _finish(next_job, Job.State.FAILED, failure="internal")
                return
        if retry is None:
            _finish(job, Job.State.DONE, result=result)
            follow = _follow_ups[asked:]
    finally:
        _running.depth -= 1
        del _follow_ups[asked:]
    if retry is not None:
        _retry_later(job, retry)
        return
    for next_job, next_work in follow:
        _run_claimed(next_job, next_work)


def _retry_later(job: Job, retry: RetryLater) -> None:
    """Queue the job again to run ``retry.after`` from now, or fail it after :data:`MAX_ATTEMPTS`."""
    if job.attempts >= MAX_ATTEMPTS:
        logger.warning("job %s (%s) failed for good after %d attempts: %s", job.pk, job.kind, job.attempts,
                       retry.reason)
        _finish(job, Job.State.FAILED, failure=retry.failure)
        return
    logger.warning("job %s (%s), attempt %d of %d: %s; trying again in %s", job.pk, job.kind, job.attempts,
                   MAX_ATTEMPTS, retry.reason, retry.after)
    if Job.objects.filter(pk=job.pk, state=Job.State.RUNNING).update(state=Job.State.QUEUED, step=Job.Step.WAITING,
                                                                    heartbeat_at=None):
        job.refresh_from_db()
        _enqueue(job, run_after=timezone.now() + retry.after)


def follow_with(kind: str, work: Work, *, organisation: Any = None, user: Any = None,
                params: dict[str, Any] | None = None) -> Job:
    """A job this worker runs itself as soon as the job it is running has finished, with ``work`` — which
    may hold what the first job has in memory (the checked rows), so nothing is read back and no queue
    round is waited for. The job is created already claimed (running, attempt 1) and without a queue
    record: if this worker dies before it ends, its lease runs out and :func:`reclaim_stale` puts it on
    the queue like any job, where the kind's task runs it from ``params`` alone. Where the first job
    fails, its follow-ups are failed too (nothing ran them). Only a running job's work may ask for one."""
    if not _running.depth:
        raise RuntimeError("a follow-up job is asked for by a running job's work only")
    now = timezone.now()
    job = Job.objects.create(kind=kind, organisation=organisation, user=user if getattr(user, "pk", None) else None,
                             params=params or {}, state=Job.State.RUNNING, attempts=1, started_at=now,
                             heartbeat_at=now)
    _running.follow_ups.append((job, work))
    return job


def advance(job: Job, step: str) -> None:
    """Record the step the job has reached (the progress page shows it)."""
    job.step = step
    Job.objects.filter(pk=job.pk, state=Job.State.RUNNING).update(step=step, heartbeat_at=timezone.now())


def _finish(job: Job, state: str, *, result: dict[str, Any] | None = None, failure: str = "") -> None:
    fields: dict[str, Any] = {"state": state, "finished_at": timezone.now(), "failure": failure}
    if result is not None:
        fields["result"] = result
    Job.objects.filter(pk=job.pk).update(**fields)
    JobInput.discard(JobInput.objects.filter(job_id=job.pk))  # kept until now for a retry; needed no longer
    for name, value in fields.items():
        setattr(job, name, value)


@contextmanager
def _lease_renewed(job: Job) -> Iterator[None]:
    """Renew the job's lease from a thread while the body runs (only in a worker process)."""
    if not renew_leases:
        yield
        return
    stop = threading.Event()

    def renew() -> None:
        try:
            while not stop.wait(heartbeat_interval()):
                Job.objects.filter(pk=job.pk, state=Job.State.RUNNING).update(heartbeat_at=timezone.now())
        except Exception:  # a database away for a moment: the lease is renewed at the next beat
            logger.exception("renewing the lease of job %s", job.pk)
        finally:
            connection.close()

    thread = threading.Thread(target=renew, name=f"lease-{job.pk}", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()


def reclaim_stale(now: datetime | None = None) -> list[Job]:
    """Put the running jobs whose lease ran out back on the queue (their worker died), or fail them after
    :data:`MAX_ATTEMPTS` attempts; the queue's record of the dead attempt is marked failed. The reclaimed
    jobs are returned."""
    now = now or timezone.now()
    reclaimed = []
    for job in Job.objects.filter(state=Job.State.RUNNING, heartbeat_at__lt=now - lease()):
        _fail_task_record(job.task_id, now)
        if job.attempts >= MAX_ATTEMPTS:
            if Job.objects.filter(pk=job.pk, state=Job.State.RUNNING, heartbeat_at=job.heartbeat_at).update(
                    state=Job.State.FAILED, failure="worker_lost", finished_at=now):
                JobInput.discard(JobInput.objects.filter(job_id=job.pk))
                logger.warning("job %s failed for good: its worker stopped %d times", job.pk, job.attempts)
                reclaimed.append(job)
            continue
        if Job.objects.filter(pk=job.pk, state=Job.State.RUNNING, heartbeat_at=job.heartbeat_at).update(
                state=Job.State.QUEUED, step=Job.Step.WAITING):
            logger.warning("job %s: its worker stopped; queued again (attempt %d of %d)", job.pk,
                           job.attempts + 1, MAX_ATTEMPTS)
            job.refresh_from_db()
            _enqueue(job)
            reclaimed.append(job)
    return reclaimed


def requeue_lost_claims(now: datetime | None = None) -> list[Job]:
    """Queue again the jobs still waiting whose queue record a worker claimed longer than a lease ago:
    the worker died between claiming the record and claiming the job (a moment, but a real one)."""
    from django_tasks_db.compat import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    now = now or timezone.now()
    waiting = {job.task_id: job for job in Job.objects.filter(state=Job.State.QUEUED).exclude(task_id="")}
    if not waiting:
        return []
    lost = DBTaskResult.objects.filter(id__in=list(waiting), status=TaskResultStatus.RUNNING,
                                       started_at__lt=now - lease()).values_list("id", flat=True)
    requeued = []
    for task_id in lost:
        job = waiting[str(task_id)]
        _fail_task_record(job.task_id, now)
        if Job.objects.filter(pk=job.pk, state=Job.State.QUEUED, task_id=job.task_id).exists():
            logger.warning("job %s: the worker that took it stopped before starting it; queued again", job.pk)
            _enqueue(job)
            requeued.append(job)
    return requeued


def _fail_task_record(task_id: str, now: datetime) -> None:
    """Mark the queue's record of a dead attempt failed (django-tasks-db leaves it "running" forever)."""
    if not task_id:
        return
    from django_tasks_db.compat import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    DBTaskResult.objects.filter(id=task_id, status=TaskResultStatus.RUNNING).update(
        status=TaskResultStatus.FAILED, finished_at=now, exception_class_path="paritas.web.jobs.WorkerLost",
        traceback="the worker running this task stopped (its lease ran out)")
