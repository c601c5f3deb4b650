"""The queue's tasks: one per kind of job, each a thin call of :func:`paritas.web.jobs.runner.run` with
the work of the app that owns it (the work functions are tested without a queue)."""

from __future__ import annotations

from django_tasks import task


@task()
def check_upload(job_id: str) -> None:
    from paritas.web.jobs.runner import run
    from paritas.web.workforce.jobs import check

    run(job_id, check)


@task()
def accept_upload(job_id: str) -> None:
    from paritas.web.jobs.runner import run
    from paritas.web.workforce.jobs import accept

    run(job_id, accept)


@task()
def prepare_snapshot(job_id: str) -> None:
    from paritas.web.jobs.runner import run
    from paritas.web.workforce.jobs import prepare

    run(job_id, prepare)


@task()
def figures(job_id: str) -> None:
    from paritas.web.jobs.runner import run
    from paritas.web.workforce.figures import export

    run(job_id, export)


@task()
def messages(job_id: str) -> None:
    from paritas.web.awards.communications import send_job
    from paritas.web.jobs.runner import run

    run(job_id, send_job)


@task()
def document(job_id: str) -> None:
    from paritas.web.jobs.documents import render
    from paritas.web.jobs.runner import run

    run(job_id, render)


@task()
def mail(job_id: str) -> None:
    from paritas.web.jobs.outbox import deliver
    from paritas.web.jobs.runner import run

    run(job_id, deliver)


TASKS = {"check_upload": check_upload, "accept_upload": accept_upload,
         "prepare_snapshot": prepare_snapshot, "figures": figures, "messages": messages,
         "document": document, "mail": mail}
