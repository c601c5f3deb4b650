"""How long jobs are kept: a finished job's problems quote rows of an HR export, so it goes a day after
it finished (the pending upload it made has its own 24 hours); the queue's records go with it, and the
spool's files that no job or pending upload names any longer (paritas.web.spool)."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db.models import Q
from django.utils import timezone

from paritas.web.jobs.models import Job

FINISHED_LIFETIME = timedelta(hours=24)
#: a job never finished (no worker ran for a week): its input goes too
UNFINISHED_LIFETIME = timedelta(days=7)


def purge(now: datetime | None = None) -> tuple[int, int]:
    """Delete old jobs and the queue's records of finished tasks; the numbers deleted."""
    from django_tasks_db.compat import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    now = now or timezone.now()
    jobs, _ = Job.objects.filter(Q(finished_at__lt=now - FINISHED_LIFETIME)
                                 | Q(created_at__lt=now - UNFINISHED_LIFETIME)).delete()
    records, _ = DBTaskResult.objects.filter(
        status__in=(TaskResultStatus.SUCCESSFUL, TaskResultStatus.FAILED),
        finished_at__lt=now - FINISHED_LIFETIME).delete()
    return jobs, records


def sweep_spool() -> int:
    """Delete the spool's files no job input and no pending upload names (their rows went by a cascade, or
    the transaction that would have named them was rolled back); the number deleted."""
    from paritas.web import spool
    from paritas.web.jobs.models import JobInput
    from paritas.web.workforce.models import PendingUpload

    if not spool.enabled():
        return 0
    referenced = set(JobInput.objects.exclude(spooled="").values_list("spooled", flat=True))
    referenced |= set(PendingUpload.objects.exclude(spooled="").values_list("spooled", flat=True))
    return spool.sweep(referenced)
