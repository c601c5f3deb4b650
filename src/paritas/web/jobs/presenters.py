"""What a job's page says about it, in the reader's language."""

from __future__ import annotations

from django.utils.translation import gettext as _

from paritas.web.jobs.models import Job
from paritas.web.jobs.runner import MAX_ATTEMPTS

#: The steps of each kind of job in order: the progress page lists them and marks the one reached.
STEPS = {
    Job.Kind.CHECK_UPLOAD: (Job.Step.READING, Job.Step.CHECKING, Job.Step.STORING),
    Job.Kind.ACCEPT_UPLOAD: (Job.Step.COMPUTING, Job.Step.STORING),
    Job.Kind.PREPARE_SNAPSHOT: (Job.Step.COMPUTING,),
    Job.Kind.FIGURES: (Job.Step.READING, Job.Step.COMPUTING, Job.Step.STORING),
    Job.Kind.MESSAGES: (Job.Step.SENDING,),
    Job.Kind.DOCUMENT: (Job.Step.RENDERING,),
}


def _first_upper(text: str) -> str:
    """A label as a line begins: its first letter upper case, the rest as written (str.capitalize would
    lower the German nouns: "das Dokument" → "Das dokument")."""
    return text[:1].upper() + text[1:]


def job_label(job: Job) -> str:
    """One line on where the job is: waiting, its step, done, or failed."""
    if job.state == Job.State.QUEUED:
        return _("Waiting for a worker …") if not job.attempts else _(
            "Its worker stopped; waiting for another one (attempt %(n)d of %(max)d) …") % {
                "n": job.attempts + 1, "max": MAX_ATTEMPTS}
    if job.state == Job.State.RUNNING:
        return _first_upper(str(Job.Step(job.step).label if job.step else _("Starting …"))) + " …"
    return _first_upper(str(Job.State(job.state).label))


def job_steps(job: Job) -> list[dict[str, object]]:
    """The kind's steps with whether each is done, current or still to come."""
    steps = STEPS.get(Job.Kind(job.kind), ())
    reached = steps.index(Job.Step(job.step)) if job.step in steps else (len(steps) if job.finished else -1)
    return [{"label": _first_upper(str(step.label)),
             "state": "done" if i < reached or job.state == Job.State.DONE else "current" if i == reached else "todo"}
            for i, step in enumerate(steps)]


def job_failure(job: Job) -> str:
    """Why a job failed for good, for its user."""
    if job.failure == "worker_lost" and job.kind not in (Job.Kind.CHECK_UPLOAD, Job.Kind.ACCEPT_UPLOAD):
        return _("The worker running this job stopped %(n)d times, so it was not tried again. Please try "
                 "again later, or ask the administrator.") % {"n": job.attempts}
    if job.failure == "worker_lost":
        return _("The worker running this job stopped %(n)d times, so it was not tried again. The file may be "
                 "too large for the server's memory; try a smaller export, or ask the administrator.") % {
                     "n": job.attempts}
    return _("An internal error stopped this job; nothing was saved. The error was logged for the "
             "administrator. Please try again later.")


def job_status(job: Job, url: str) -> dict[str, object]:
    """What a progress page's script asks for: the state, the line and steps to show, and where to go."""
    return {"state": job.state, "step": job.step, "label": job_label(job), "finished": job.finished,
            "steps": job_steps(job), "url": url,
            "download": job.kind == Job.Kind.DOCUMENT and job.state == Job.State.DONE}


def page_context(job: Job, status_url: str) -> dict[str, object]:
    """The template context of a job's page: its line and steps while it runs, why it failed after."""
    return {"job": job, "label": job_label(job), "steps": job_steps(job), "status_url": status_url,
            "failure": job_failure(job) if job.state == Job.State.FAILED else None}
