"""The outbox (paritas.web.jobs.outbox, docs/jobs.md): the e-mails a request causes are jobs; the page does
not wait for the mail server nor break when it is away; a mail is sent once, tried again later while the
server fails, given up after the last attempt, not retried for an address refused; it waits encrypted."""

from __future__ import annotations

import smtplib
from datetime import timedelta

from django.core import mail
from django.utils import timezone

from paritas.web import spool
from paritas.web.jobs import outbox, runner
from paritas.web.jobs.models import Job, JobInput


class _Server:
    """A mail backend whose server fails ``failures`` times (cannot be reached), then takes the mail."""

    def __init__(self, monkeypatch, failures: int, error: Exception | None = None):
        self.calls = 0
        real_send = mail.EmailMessage.send

        def send(message, fail_silently=False):
            self.calls += 1
            if self.calls <= failures:
                raise error or ConnectionRefusedError(111, "Connection refused")
            return real_send(message, fail_silently)

        monkeypatch.setattr(mail.EmailMessage, "send", send)


def _mail_job() -> Job:
    return Job.objects.get(kind=Job.Kind.MAIL)


def test_a_mail_waits_encrypted_in_its_job_and_is_sent_once(db, monkeypatch):
    monkeypatch.setattr(runner, "_enqueue", lambda job, run_after=None: None)  # no worker yet
    job = outbox.send_mail("Registration: Equal pay day", "You are registered, Ada Lovelace.", None,
                           ["ada@example.org", ""])
    stored = JobInput.objects.get(job_id=job.pk)
    sealed = spool.get(stored.spooled) if stored.spooled else bytes(stored.sealed)
    assert sealed.startswith(b"\x00PG1") and b"ada@example.org" not in sealed and b"Lovelace" not in sealed
    assert job.user is None and job.organisation is None
    runner.run(str(job.pk), outbox.deliver)
    done = _mail_job()
    assert done.state == Job.State.DONE and done.result == {"sent": 1} and done.sealed_input == b""
    [sent] = mail.outbox
    assert sent.to == ["ada@example.org"] and sent.subject == "Registration: Equal pay day"
    assert outbox.send_mail("x", "y", None, [""]) is None  # nobody to write to: no job


def test_a_server_away_is_tried_again_and_the_mail_goes_once_it_is_back(db, monkeypatch):
    server = _Server(monkeypatch, failures=2)
    job = outbox.send_mail("Subject", "Body", None, ["grace@example.org"])  # the immediate backend runs it
    done = Job.objects.get(pk=job.pk)
    assert server.calls == 3 and done.state == Job.State.DONE and done.attempts == 3
    assert [m.to for m in mail.outbox] == [["grace@example.org"]]


def test_a_server_away_on_every_attempt_fails_the_mail_for_good(db, monkeypatch, caplog):
    server = _Server(monkeypatch, failures=99)
    job = outbox.send_mail("Subject", "Body", None, ["grace@example.org"])
    failed = Job.objects.get(pk=job.pk)
    assert server.calls == runner.MAX_ATTEMPTS and failed.attempts == runner.MAX_ATTEMPTS
    assert failed.state == Job.State.FAILED and failed.failure == "mail_server" and failed.sealed_input == b""
    assert mail.outbox == [] and "failed for good" in caplog.text and "grace@example.org" not in caplog.text


def test_an_address_the_server_refuses_is_not_tried_again(db, monkeypatch):
    refused = smtplib.SMTPRecipientsRefused({"nobody@example.org": (550, b"no such user")})
    server = _Server(monkeypatch, failures=99, error=refused)
    job = outbox.send_mail("Subject", "Body", None, ["nobody@example.org"])
    done = Job.objects.get(pk=job.pk)
    assert server.calls == 1 and done.state == Job.State.DONE and done.result == {"refused": 1}


def test_the_next_attempt_waits_on_a_queue_that_can_wait(db, settings, monkeypatch):
    """On the database queue a failed attempt is queued again to run a minute later, not at once."""
    from django_tasks_db.models import DBTaskResult

    _Server(monkeypatch, failures=1)
    monkeypatch.setattr(runner, "_enqueue", lambda job, run_after=None: None)
    job = outbox.send_mail("Subject", "Body", None, ["grace@example.org"])
    monkeypatch.undo()
    _Server(monkeypatch, failures=1)
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    before = timezone.now()
    runner.run(str(job.pk), outbox.deliver)
    waiting = Job.objects.get(pk=job.pk)
    assert waiting.state == Job.State.QUEUED and waiting.attempts == 1 and waiting.sealed_input
    record = DBTaskResult.objects.get(id=waiting.task_id)
    assert before + outbox.RETRY_AFTER[0] <= record.run_after <= timezone.now() + outbox.RETRY_AFTER[0]
    assert mail.outbox == []


def test_registering_while_the_mail_server_is_away_saves_the_registration_and_answers(client, db, monkeypatch):
    """The page does not wait for the mail server nor fail with it: the registration is saved, the
    confirmation is a job that is tried again, and the person goes on to their registration's page."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from paritas.web.network.models import Campaign, Event

    campaign = Campaign.objects.create(name="Bündnis", slug="b", kind="local_alliance")
    berlin = ZoneInfo("Europe/Berlin")
    event = Event.objects.create(campaign=campaign, title="Netzwerktreffen", kind="network_meeting",
                                 starts_at=datetime(2030, 5, 1, 17, tzinfo=berlin),
                                 ends_at=datetime(2030, 5, 1, 19, tzinfo=berlin), capacity=10)
    _Server(monkeypatch, failures=99)
    response = client.post(f"/events/{event.pk}/", {"name": "Grace", "email": "grace@example.org"},
                           HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 302 and client.get(response["Location"]).status_code == 200
    assert event.registrations.filter(email="grace@example.org").exists()
    assert _mail_job().failure == "mail_server" and mail.outbox == []


def test_a_mail_job_whose_worker_died_is_sent_by_the_next(db, settings, monkeypatch):
    settings.JOB_LEASE_SECONDS = 30
    monkeypatch.setattr(runner, "_enqueue", lambda job, run_after=None: None)
    job = outbox.send_mail("Subject", "Body", None, ["grace@example.org"])
    Job.objects.filter(pk=job.pk).update(state=Job.State.RUNNING, attempts=1,
                                         heartbeat_at=timezone.now() - timedelta(seconds=31))
    monkeypatch.undo()
    assert [j.pk for j in runner.reclaim_stale()] == [job.pk]  # the immediate backend sends it at once
    assert Job.objects.get(pk=job.pk).state == Job.State.DONE and len(mail.outbox) == 1


def test_an_award_programmes_mail_from_a_request_is_logged_waiting_then_as_the_server_answered(joint, orgs,
                                                                                             monkeypatch):
    """An invitation to apply together is sent from the inviting owner's request: through the outbox, its
    message in the programme's log marked sent once the job has sent it, or not sent after the last
    attempt while the server is away — the invitation itself is made either way."""
    from paritas.web.awards import services
    from paritas.web.awards.models import Message

    application = joint["application"]
    monkeypatch.setattr(runner, "_enqueue", lambda job, run_after=None: None)  # no worker yet
    partnership = services.invite(application, "beta", orgs["alpha"]["owner"])
    [message] = Message.objects.filter(kind=Message.Kind.PARTNER)
    assert message.status == Message.Status.QUEUED and mail.outbox == []
    runner.run(str(_mail_job().pk), outbox.deliver)
    message.refresh_from_db()
    assert message.status == Message.Status.SENT and [m.to for m in mail.outbox] == [[orgs["beta"]["owner"].email]]

    monkeypatch.undo()
    partnership.delete()
    Job.objects.all().delete()
    _Server(monkeypatch, failures=99)
    services.invite(application, "beta", orgs["alpha"]["owner"])
    failed = Message.objects.filter(kind=Message.Kind.PARTNER).order_by("-pk").first()
    assert failed.status == Message.Status.FAILED and "ConnectionRefusedError" in failed.error
    assert application.partnerships.filter(organisation=orgs["beta"]["org"]).exists()


def test_the_password_reset_mail_goes_through_the_outbox_with_its_link_encrypted(client, orgs, monkeypatch):
    monkeypatch.setattr(runner, "_enqueue", lambda job, run_after=None: None)  # no worker yet
    response = client.post("/accounts/password-reset/", {"email": "viewer@alpha.test"})
    assert response.status_code == 302 and mail.outbox == []
    job = _mail_job()
    stored = JobInput.objects.get(job_id=job.pk)
    sealed = spool.get(stored.spooled) if stored.spooled else bytes(stored.sealed)
    assert b"password-reset" not in sealed and b"viewer@alpha.test" not in sealed
    runner.run(str(job.pk), outbox.deliver)
    [sent] = mail.outbox
    assert sent.to == ["viewer@alpha.test"] and "/accounts/password-reset/" in sent.body and "\n" not in sent.subject
    client.post("/accounts/password-reset/", {"email": "nobody@nowhere.test"})  # no account: no mail, no job
    assert Job.objects.filter(kind=Job.Kind.MAIL).count() == 1
