"""A project's final report as a document job's work (paritas.web.jobs.documents): a personal document,
for the project's staff, who need not be members of its owner organisation."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied

from paritas.web.jobs.models import Job
from paritas.web.projects.models import Project


def may_read_final_report(job: Job, user: Any) -> bool:
    """Whether ``user`` is still on the staff of the job's project (as the report's address requires)."""
    return Project.objects.filter(slug=job.params.get("project"), staff=user).exists()


def final_report(job: Job) -> tuple[bytes, str]:
    """The final report of the job's project, in the job's language, for its user while on the staff."""
    from paritas.web.projects.views.results import final_report_pdf

    if not may_read_final_report(job, job.user):
        raise PermissionDenied("no longer on the project's staff")
    project = Project.objects.select_related("owner").get(slug=job.params["project"])
    return final_report_pdf(project, job.params["lang"])
