"""How long jobs are kept: a finished job's problems quote rows of an HR export, so it goes a day after
it finished (the pending upload it made has its own 24 hours); the queue's records go with it."""

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
