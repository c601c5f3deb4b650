"""Background jobs (paritas.web.jobs, docs/jobs.md): real worker processes on the test database take
uploads through check and accept; a worker killed mid-job has its job taken up by another; a job whose
worker dies on every attempt, or whose work raises, says why to its user; nobody sees another's job."""

from __future__ import annotations

import json
import os
import uuid
from datetime import timedelta

import pytest
from django.utils import timezone

from paritas.analytics import synthetic
from paritas.web import crypto
from paritas.web.jobs import runner
from paritas.web.jobs.models import Job, JobInput
from tests.conftest import REFERENCE
from tests.support.workers import real_workers, wait_for


def _file(name: str, content: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content)


def _job(pk) -> Job:
    return Job.objects.get(pk=pk)


def _job_id(response) -> uuid.UUID:
    assert response.status_code == 200, response.status_code
    return uuid.UUID(response.request["PATH_INFO"].rstrip("/").rsplit("/", 1)[-1])


@pytest.mark.django_db(transaction=True)
def test_real_workers_check_and_accept_an_upload_through_the_progress_page(client, orgs, small_csv, settings):
    client.force_login(orgs["alpha"]["analyst"])
    with real_workers(settings) as workers:
        response = client.post("/o/alpha/upload/", {"file": _file("personal.csv", small_csv.read_bytes()),
                                                   "reference_date": "2023-12-31"},
                               HTTP_ACCEPT_LANGUAGE="en", follow=True)
        job = _job_id(response)  # no worker yet: the progress page, the job waiting
        page = response.content.decode()
        assert "Waiting for a worker" in page and 'data-status="/o/alpha/upload/job/' in page
        assert _job(job).state == Job.State.QUEUED and _job(job).sealed_input  # the file, encrypted, waits
        first = workers.start()
        workers.start()  # two workers compete for the queue; the job runs once
        # … each at a lower CPU priority than the web's (settings.JOB_WORKER_NICE), once it has started.
        ours = os.getpriority(os.PRIO_PROCESS, 0)
        wait_for(lambda: os.getpriority(os.PRIO_PROCESS, first.pid) == min(19, ours + 10))
        status = wait_for(lambda: (s := client.get(f"/o/alpha/upload/job/{job}/?format=json").json())["finished"]
                          and s)
        assert status["state"] == "done" and [s["state"] for s in status["steps"]] == ["done", "done", "done"]
        done = _job(job)
        assert done.attempts == 1 and done.sealed_input == b""  # the file is gone once the job ended
        pending = client.get(f"/o/alpha/upload/job/{job}/")
        assert pending.status_code == 302 and pending["Location"] == f"/o/alpha/upload/{done.result['pending']}/"
        from paritas.web.workforce.models import PendingUpload

        kept = PendingUpload.objects.get(pk=done.result["pending"])
        assert kept.sealed_content.startswith(b"\x00PG1")  # encrypted Parquet, not the file
        # the figures were prepared by the check job's worker right after it, from the rows in its memory
        prepared = wait_for(lambda: (p := Job.objects.get(kind=Job.Kind.PREPARE_SNAPSHOT)).finished and p)
        assert prepared.state == Job.State.DONE and prepared.attempts == 1 and prepared.task_id == ""
        assert PendingUpload.objects.get(pk=kept.pk).sealed_figures
        accepted = client.post(pending["Location"], {"action": "accept"}, follow=True)
        accept_job = _job_id(accepted)
        wait_for(lambda: _job(accept_job).finished, timeout=60)
        dashboard = client.get(f"/o/alpha/upload/job/{accept_job}/", follow=True, HTTP_ACCEPT_LANGUAGE="en")
        snapshot = _job(accept_job).result["snapshot"]
        assert dashboard.redirect_chain[-1][0] == f"/o/alpha/s/{snapshot}/"
        assert "saved as a snapshot" in dashboard.content.decode()
    from django_tasks_db.models import DBTaskResult

    assert DBTaskResult.objects.filter(status="SUCCESSFUL").count() == 2  # check, accept (prepare: no round)


@pytest.mark.django_db(transaction=True)
def test_a_job_whose_worker_is_killed_is_run_again_by_another_worker(client, orgs, settings, tmp_path):
    frame = synthetic.generate(200_000, seed=11, style="de", reference_date=REFERENCE)
    content = synthetic.write(frame, tmp_path / "big.csv", "csv", "de").read_bytes()
    client.force_login(orgs["beta"]["analyst"])
    with real_workers(settings, lease_seconds=2) as workers:
        job = _job_id(client.post("/o/beta/upload/", {"file": _file("big.csv", content),
                                                      "reference_date": "2024-12-31"}, follow=True))
        first = workers.start()
        wait_for(lambda: _job(job).state == Job.State.RUNNING, timeout=60, every=0.005)
        workers.kill(first)  # mid-read: the 200,000 rows take longer than this to check
        lost = _job(job)
        assert lost.state == Job.State.RUNNING and lost.attempts == 1
        workers.start()  # takes it up once the lease (2 s) has run out
        done = wait_for(lambda: (j := _job(job)).finished and j, timeout=120)
    assert done.state == Job.State.DONE and done.attempts == 2 and "pending" in done.result
    from django_tasks_db.models import DBTaskResult

    records = {r.status for r in DBTaskResult.objects.all()}
    assert records == {"FAILED", "SUCCESSFUL"}  # the dead attempt's record no longer says "running"
    assert client.get(f"/o/beta/upload/job/{job}/")["Location"] == f"/o/beta/upload/{done.result['pending']}/"


def _running(orgs, attempts: int, beat_ago: float) -> Job:
    now = timezone.now()
    return Job.objects.create(kind=Job.Kind.CHECK_UPLOAD, organisation=orgs["alpha"]["org"],
                              user=orgs["alpha"]["analyst"], state=Job.State.RUNNING, attempts=attempts,
                              heartbeat_at=now - timedelta(seconds=beat_ago), params={"reference_date": "2024-12-31"})


def test_only_a_job_whose_lease_ran_out_is_reclaimed(orgs, settings):
    settings.JOB_LEASE_SECONDS = 30
    alive = _running(orgs, 1, 29)
    assert runner.reclaim_stale() == [] and _job(alive.pk).state == Job.State.RUNNING


def test_a_job_whose_worker_dies_on_every_attempt_fails_for_good_and_says_why(client, orgs, settings):
    settings.JOB_LEASE_SECONDS = 30
    job = _running(orgs, runner.MAX_ATTEMPTS, 31)
    assert [j.pk for j in runner.reclaim_stale()] == [job.pk]
    failed = _job(job.pk)
    assert failed.state == Job.State.FAILED and failed.failure == "worker_lost" and failed.finished_at
    assert runner.reclaim_stale() == []  # once
    client.force_login(orgs["alpha"]["analyst"])
    page = client.get(f"/o/alpha/upload/job/{job.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "The job failed" in page and "stopped 3 times" in page
    german = client.get(f"/o/alpha/upload/job/{job.pk}/", HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert "3-mal" in german


def test_a_reclaimed_job_is_queued_again_and_run(orgs, settings, small_csv):
    """With the immediate backend the reclaimed job runs at once on being enqueued again."""
    settings.JOB_LEASE_SECONDS = 30
    job = _running(orgs, 1, 31)
    Job.objects.filter(pk=job.pk).update(params={"file_name": "personal.csv", "reference_date": "2024-12-31"})
    JobInput.objects.create(job=job, sealed=crypto.encrypt(small_csv.read_bytes()))
    runner.reclaim_stale()
    done = _job(job.pk)
    assert done.state == Job.State.DONE and done.attempts == 2 and "pending" in done.result


def test_a_follow_up_job_whose_worker_died_is_taken_up_from_the_queue_with_its_params(orgs, settings, small_csv):
    """The check job's worker prepares the figures itself, right after it; where it dies first, the
    prepare job is reclaimed like any job and run from its params (the rows read back from the pending
    upload). With the immediate backend the reclaimed job runs at once."""
    from paritas.web.workforce import jobs as upload_jobs
    from paritas.web.workforce import services
    from paritas.web.workforce.models import PendingUpload

    settings.JOB_LEASE_SECONDS = 30
    org, analyst = orgs["alpha"]["org"], orgs["alpha"]["analyst"]
    check = services.check_upload(org, analyst, "personal.csv", small_csv.read_bytes(), REFERENCE.replace(year=2022))
    asked = {}

    def asks_then_dies(job):
        asked["job"] = upload_jobs.follow_with_prepare(check.pending, check.workforce)
        raise _WorkerDied  # its worker dies before it has run the follow-up

    first = Job.objects.create(kind=Job.Kind.CHECK_UPLOAD, organisation=org, user=analyst)
    with pytest.raises(_WorkerDied):
        runner.run(str(first.pk), asks_then_dies)
    job = asked["job"]
    assert _job(job.pk).state == Job.State.RUNNING and _job(job.pk).task_id == ""
    Job.objects.filter(pk=job.pk).update(heartbeat_at=timezone.now() - timedelta(seconds=31))
    assert [j.pk for j in runner.reclaim_stale()] == [job.pk]
    done = _job(job.pk)
    assert done.state == Job.State.DONE and done.attempts == 2 and done.task_id
    assert PendingUpload.objects.get(pk=check.pending.pk).figures_basis == services.figures_basis(org)


def test_the_follow_ups_of_a_job_that_fails_fail_with_it(orgs):
    asked = {}

    def first(job):
        asked["next"] = runner.follow_with(Job.Kind.PREPARE_SNAPSHOT, lambda j: {"ran": True},
                                           organisation=job.organisation, user=job.user, params={"pending": 0})
        raise RuntimeError("a bug after asking")

    job = Job.objects.create(kind=Job.Kind.CHECK_UPLOAD, organisation=orgs["alpha"]["org"],
                             user=orgs["alpha"]["analyst"])
    runner.run(str(job.pk), first)
    follow = _job(asked["next"].pk)
    assert _job(job.pk).failure == follow.failure == "internal" and follow.state == Job.State.FAILED
    assert runner._running.follow_ups == [] and runner._running.depth == 0
    with pytest.raises(RuntimeError):  # not from outside a running job
        runner.follow_with(Job.Kind.PREPARE_SNAPSHOT, lambda j: {}, organisation=job.organisation)


def test_follow_ups_run_in_order_once_their_job_is_done(orgs):
    seen = []

    def first(job):
        for n in (1, 2):
            runner.follow_with(Job.Kind.PREPARE_SNAPSHOT, lambda j, n=n: seen.append((n, _job(job.pk).state)) or {},
                               organisation=job.organisation, user=job.user)
        return {"first": True}

    job = Job.objects.create(kind=Job.Kind.CHECK_UPLOAD, organisation=orgs["alpha"]["org"],
                             user=orgs["alpha"]["analyst"])
    runner.run(str(job.pk), first)
    assert seen == [(1, Job.State.DONE), (2, Job.State.DONE)]
    assert set(Job.objects.filter(kind=Job.Kind.PREPARE_SNAPSHOT).values_list("state", flat=True)) == {"done"}


class _WorkerDied(BaseException):
    """What a killed worker's job sees: nothing after this point runs (no ``except Exception`` catches it)."""


def test_a_worker_that_dies_mid_check_leaves_the_file_for_the_next_attempt(orgs, settings, small_csv, monkeypatch):
    """Deterministic form of the killed-worker test: death strikes after the file was decrypted and
    while it is being checked; the retry must find the file still there (it once found it emptied)."""
    from paritas.web.workforce import jobs as upload_jobs
    from paritas.web.workforce import services

    settings.JOB_LEASE_SECONDS = 30
    real_check = services.check_upload

    def dies(*args, **kwargs):
        raise _WorkerDied

    monkeypatch.setattr(upload_jobs.services, "check_upload", dies)
    job = Job.objects.create(kind=Job.Kind.CHECK_UPLOAD, organisation=orgs["alpha"]["org"],
                             user=orgs["alpha"]["analyst"], params={"file_name": "personal.csv",
                                                                    "reference_date": "2024-12-31"})
    JobInput.objects.create(job=job, sealed=crypto.encrypt(small_csv.read_bytes()))
    with pytest.raises(_WorkerDied):
        runner.run(str(job.pk), upload_jobs.check)
    dead = _job(job.pk)
    assert dead.state == Job.State.RUNNING and dead.attempts == 1 and bytes(dead.sealed_input)
    Job.objects.filter(pk=job.pk).update(heartbeat_at=timezone.now() - timedelta(seconds=31))
    monkeypatch.setattr(upload_jobs.services, "check_upload", real_check)
    runner.reclaim_stale()  # the immediate backend runs the job again at once
    done = _job(job.pk)
    assert done.state == Job.State.DONE and done.attempts == 2 and "pending" in done.result
    assert done.sealed_input == b"" and not JobInput.objects.exists()  # deleted when the job ended


def test_work_that_raises_fails_the_job_with_a_reason_and_keeps_nothing(client, orgs, monkeypatch):
    from paritas.web.workforce import jobs as upload_jobs
    from paritas.web.workforce.models import PendingUpload

    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(upload_jobs.services, "check_upload", broken)
    client.force_login(orgs["alpha"]["analyst"])
    response = client.post("/o/alpha/upload/", {"file": _file("p.csv", b"Personalnummer;Geschlecht\n1;w\n"),
                                               "reference_date": "2024-12-31"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200 and "An internal error stopped this job" in response.content.decode()
    job = Job.objects.get()
    assert job.state == Job.State.FAILED and job.failure == "internal" and job.sealed_input == b""
    assert not PendingUpload.objects.exists()


def test_nobody_sees_another_users_job(client, orgs, small_csv):
    client.force_login(orgs["alpha"]["analyst"])
    client.post("/o/alpha/upload/", {"file": _file("personal.csv", small_csv.read_bytes()),
                                     "reference_date": "2023-12-31"})
    job = Job.objects.get(kind=Job.Kind.CHECK_UPLOAD)
    for user, slug in ((orgs["alpha"]["owner"], "alpha"), (orgs["beta"]["analyst"], "beta"),
                       (orgs["beta"]["owner"], "alpha"), (orgs["alpha"]["viewer"], "alpha")):
        client.force_login(user)
        for suffix in ("", "?format=json"):
            assert client.get(f"/o/{slug}/upload/job/{job.pk}/{suffix}").status_code in (403, 404)
    # the job that prepares its figures has no page, not even for its own user
    prepare = Job.objects.get(kind=Job.Kind.PREPARE_SNAPSHOT)
    client.force_login(orgs["alpha"]["analyst"])
    for suffix in ("", "?format=json"):
        assert client.get(f"/o/alpha/upload/job/{prepare.pk}/{suffix}").status_code == 404


def test_the_status_answers_with_the_step_reached(client, orgs):
    job = _running(orgs, 1, 0)
    runner.advance(job, Job.Step.CHECKING)
    client.force_login(orgs["alpha"]["analyst"])
    status = client.get(f"/o/alpha/upload/job/{job.pk}/?format=json", HTTP_ACCEPT_LANGUAGE="en").json()
    assert status["label"] == "Checking the rows …" and not status["finished"]
    assert [s["state"] for s in status["steps"]] == ["done", "current", "todo"]
    page = client.get(f"/o/alpha/upload/job/{job.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'aria-current="step">Checking the rows' in page
    assert json.dumps(status)  # serialisable as the page's script reads it


def test_old_jobs_and_queue_records_are_purged(orgs):
    from paritas.web.jobs.retention import purge

    old = _running(orgs, 1, 0)
    Job.objects.filter(pk=old.pk).update(state=Job.State.DONE, finished_at=timezone.now() - timedelta(hours=25))
    recent = _running(orgs, 1, 0)
    Job.objects.filter(pk=recent.pk).update(state=Job.State.DONE, finished_at=timezone.now() - timedelta(hours=23))
    assert purge()[0] == 1 and list(Job.objects.values_list("pk", flat=True)) == [recent.pk]


def test_a_job_whose_queue_record_was_claimed_by_a_worker_that_died_before_starting_it_is_queued_again(
        orgs, settings, small_csv):
    """The moment between a worker claiming the queue's record and claiming the job: the job still waits,
    its record says running; after a lease it is queued anew (here, with the immediate backend, run)."""
    from django_tasks_db.models import DBTaskResult

    settings.JOB_LEASE_SECONDS = 30
    job = Job.objects.create(kind=Job.Kind.CHECK_UPLOAD, organisation=orgs["alpha"]["org"],
                             user=orgs["alpha"]["analyst"],
                             params={"file_name": "personal.csv", "reference_date": "2024-12-31"})
    JobInput.objects.create(job=job, sealed=crypto.encrypt(small_csv.read_bytes()))
    record = DBTaskResult.objects.create(task_path="paritas.web.jobs.tasks.check_upload", status="RUNNING",
                                         args_kwargs={"args": [str(job.pk)], "kwargs": {}}, backend_name="default",
                                         started_at=timezone.now() - timedelta(seconds=29), run_after=timezone.now())
    Job.objects.filter(pk=job.pk).update(task_id=str(record.pk))
    assert runner.requeue_lost_claims() == []  # claimed 29 s ago: perhaps still starting it
    DBTaskResult.objects.filter(pk=record.pk).update(started_at=timezone.now() - timedelta(seconds=31))
    assert [j.pk for j in runner.requeue_lost_claims()] == [job.pk]
    assert DBTaskResult.objects.get(pk=record.pk).status == "FAILED"
    done = _job(job.pk)
    assert done.state == Job.State.DONE and "pending" in done.result and done.task_id != str(record.pk)


def test_a_worker_loads_what_the_upload_jobs_need_before_its_first_job(tmp_path):
    """The first upload does not wait for scipy's linear algebra or the catalogues: the worker loads them
    when it starts (a fresh interpreter, which has neither before)."""
    import subprocess
    import sys

    script = (
        "import os, sys; os.environ['DJANGO_SETTINGS_MODULE'] = 'paritas.web.settings'\n"
        "import django; django.setup()\n"
        "from paritas.reports.i18n import translation\n"
        "before = ('scipy.linalg' in sys.modules, translation.cache_info().currsize)\n"
        "from paritas.web.jobs.management.commands.paritas_worker import _prepare\n"
        "_prepare()\n"
        "print(before, ('scipy.linalg' in sys.modules, translation.cache_info().currsize))\n")
    env = {**os.environ, "PARITAS_DATA_DIR": str(tmp_path)}
    out = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True).stdout
    assert out.strip() == "(False, 0) (True, 3)"


def test_a_job_and_its_queue_record_are_written_together_or_not_at_all(orgs, monkeypatch):
    """A process that dies between creating a job and writing its queue record leaves neither behind: a
    job without its record would wait for ever (nothing would run it)."""
    from django_tasks_db.models import DBTaskResult

    def dies(job: Job) -> None:
        raise SystemExit("the process ends here")

    monkeypatch.setattr(runner, "_enqueue", dies)
    jobs, records = Job.objects.count(), DBTaskResult.objects.count()
    with pytest.raises(SystemExit):
        runner.submit(Job.Kind.CHECK_UPLOAD, organisation=orgs["alpha"]["org"], params={}, sealed_input=b"x")
    assert (Job.objects.count(), DBTaskResult.objects.count(), JobInput.objects.count()) == (jobs, records, 0)


def test_a_job_tried_again_later_fails_the_follow_ups_it_asked_for(orgs, monkeypatch):
    """Each attempt asks for its own follow-ups; those of an attempt that is to be tried again fail
    (with the immediate backend every attempt runs at once, up to the last, which fails the job)."""
    from paritas.web.jobs import outbox

    def asks_then_retries(job):
        runner.follow_with(Job.Kind.PREPARE_SNAPSHOT, lambda j: {}, params={"pending": 0})
        raise runner.RetryLater("mail_server", "the server is away", timedelta(minutes=1))

    monkeypatch.setattr(outbox, "deliver", asks_then_retries)
    job = runner.submit(Job.Kind.MAIL)
    assert _job(job.pk).state == Job.State.FAILED and _job(job.pk).attempts == runner.MAX_ATTEMPTS
    follow_ups = Job.objects.filter(kind=Job.Kind.PREPARE_SNAPSHOT)
    assert follow_ups.count() == runner.MAX_ATTEMPTS
    assert set(follow_ups.values_list("state", "failure")) == {(Job.State.FAILED, "internal")}
