"""A project's final report as a document job's work (paritas.web.jobs.documents): a personal document,
for the project's staff, who need not be members of its owner organisation."""

from __future__ import annotations

from typing import Any

from paritas.web.jobs.models import Job
from paritas.web.projects.models import Project


def staffed_project(job: Job, user: Any) -> Project | None:
    """The job's project while ``user`` is on its staff (as the report's address requires), or None."""
    return Project.objects.select_related("owner").filter(slug=job.params.get("project"), staff=user).first()


def final_report(job: Job, project: Project) -> tuple[bytes, str]:
    """The final report of the job's project, in the job's language, for its user while on the staff."""
    from paritas.web.projects.views.results import final_report_pdf

    return final_report_pdf(project, job.params["lang"])
