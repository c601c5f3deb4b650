"""Workers and workers' representatives at the pay-transparency desk: roles given by owners, requests filed
in the platform, answers read once sent, the figures art. 12(3) keeps for representatives — and, for every
URL of the platform, that a desk role opens the desk and nothing else."""

from __future__ import annotations

import pytest
from django.core import mail

from paritas.web.accounts.models import User
from paritas.web.paytransparency import services
from paritas.web.paytransparency.models import DeskRole, InformationRequest, Job

from .test_isolation import OWN, PUBLIC, ROUTES, _fill

DESK = {"o/<slug:slug>/my-pay/", "o/<slug:slug>/my-pay/answers/<int:pk>/",
        "o/<slug:slug>/my-pay/answers/<int:pk>/letter.pdf", "o/<slug:slug>/my-pay/assessments/<int:pk>/",
        "o/<slug:slug>/my-pay/assessments/<int:pk>/assessment.pdf"}


@pytest.fixture
def desk(client, orgs):
    """Alpha's worker and representative, given their roles by an owner through the page."""
    alpha = orgs["alpha"]
    worker = User.objects.create_user("worker@alpha.test", "worker-password-1", first_name="Erika",
                                      last_name="Muster")
    representative = User.objects.create_user("rep@alpha.test", "rep-password-1")
    client.force_login(alpha["owner"])
    assert client.post("/o/alpha/pay-desk/people/", {"action": "add", "email": "worker@alpha.test",
                                                      "role": "worker"}).status_code == 302
    response = client.post("/o/alpha/pay-desk/people/", {"action": "add", "email": "REP@alpha.test",
                                                          "role": "representative", "body": "Personalrat"})
    assert response.status_code == 302
    services.sync_jobs(alpha["org"])
    client.logout()
    return {"worker": worker, "representative": representative}


def test_owners_give_desk_roles_and_members_need_none(client, orgs, desk):
    alpha = orgs["alpha"]
    assert DeskRole.objects.get(user=desk["representative"]).body == "Personalrat"
    client.force_login(alpha["owner"])
    response = client.post("/o/alpha/pay-desk/people/", {"action": "add", "email": "viewer@alpha.test",
                                                          "role": "worker"})
    assert response.status_code == 400 and "braucht keine Rolle" in response.content.decode()
    assert client.post("/o/alpha/pay-desk/people/", {"action": "add", "email": "nobody@alpha.test",
                                                      "role": "worker"}).status_code == 400
    client.force_login(alpha["analyst"])
    assert client.get("/o/alpha/pay-desk/people/").status_code == 403
    client.force_login(desk["worker"])
    assert client.get("/").status_code == 302  # straight to the desk
    assert client.get("/", follow=True).request["PATH_INFO"] == "/o/alpha/my-pay/"


def test_a_worker_files_a_request_and_reads_the_answer_once_sent(client, orgs, desk):
    alpha = orgs["alpha"]
    counts = alpha["snapshot"].job_counts
    big = max(counts, key=lambda t: min(counts[t]))
    job = Job.objects.get(organisation=alpha["org"], title=big)
    client.force_login(desk["worker"])
    page = client.get("/o/alpha/my-pay/").content.decode()
    assert 'value="Erika Muster"' in page
    response = client.post("/o/alpha/my-pay/", {"requester": "Erika Muster", "job": job.pk, "language": "de",
                                                  "message": "Bitte um Auskunft."})
    assert response.status_code == 302
    item = InformationRequest.objects.get(organisation=alpha["org"], requester="Erika Muster")
    assert (item.via, item.filed_by, item.worker, item.own_basic) == ("worker", desk["worker"], desk["worker"], None)
    assert item.message == "Bitte um Auskunft."
    # The HR team is told, with the deadline; the worker sees the request but no answer yet.
    (note,) = mail.outbox
    assert set(note.to) == {"owner@alpha.test", "analyst@alpha.test"}
    assert f"/o/alpha/pay-requests/{item.pk}/" in note.body
    assert client.get(f"/o/alpha/my-pay/answers/{item.pk}/").status_code == 404
    # The HR team enters the worker's own pay, computes, approves and sends.
    client.force_login(alpha["owner"])
    client.post(f"/o/alpha/pay-requests/{item.pk}/", {"action": "compute"})
    client.post(f"/o/alpha/pay-requests/{item.pk}/", {"action": "approve"})
    item.refresh_from_db()
    assert item.status == "open"  # no approval without the worker's own pay
    client.post(f"/o/alpha/pay-requests/{item.pk}/", {"action": "own_pay", "own_basic": "-3", "own_variable": "0"})
    item.refresh_from_db()
    assert item.own_basic is None
    client.post(f"/o/alpha/pay-requests/{item.pk}/",
                {"action": "own_pay", "own_basic": "22.10", "own_variable": "0.40"})
    client.post(f"/o/alpha/pay-requests/{item.pk}/", {"action": "approve"})
    client.post(f"/o/alpha/pay-requests/{item.pk}/", {"action": "sent", "on": "2099-01-01"})
    item.refresh_from_db()
    assert item.status == "approved"  # not sent in the future
    from django.utils import timezone

    client.post(f"/o/alpha/pay-requests/{item.pk}/", {"action": "sent", "on": timezone.localdate().isoformat()})
    item.refresh_from_db()
    assert item.status == "sent"
    assert mail.outbox[-1].to == ["worker@alpha.test"]
    client.force_login(desk["worker"])
    answer = client.get(f"/o/alpha/my-pay/answers/{item.pk}/").content.decode()
    assert "22,10" in answer and "vorenthaltene Zahlen" not in answer
    pdf = client.get(f"/o/alpha/my-pay/answers/{item.pk}/letter.pdf", follow=True)  # through its job's page
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    # Another worker of the organisation sees none of it.
    other = User.objects.create_user("other@alpha.test", "other-password-1")
    DeskRole.objects.create(organisation=alpha["org"], user=other, role="worker")
    client.force_login(other)
    assert "Erika Muster" not in client.get("/o/alpha/my-pay/").content.decode()
    assert client.get(f"/o/alpha/my-pay/answers/{item.pk}/").status_code == 404
    letter_job = pdf.redirect_chain[0][0]  # the worker's own document: nobody else's
    assert letter_job.startswith("/documents/") and client.get(letter_job + "download/").status_code == 404


def test_a_representative_sees_what_is_withheld_from_the_worker(client, orgs, desk):
    alpha = orgs["alpha"]
    counts = alpha["snapshot"].job_counts
    small = min(counts, key=lambda t: min(counts[t]))
    job = Job.objects.get(organisation=alpha["org"], title=small)
    client.force_login(desk["representative"])
    assert client.post("/o/alpha/my-pay/", {"requester": "Klein", "job": job.pk, "language": "en"}).status_code == 302
    item = InformationRequest.objects.get(requester="Klein")
    assert item.via == "representative" and item.worker is None
    client.force_login(alpha["owner"])
    client.post(f"/o/alpha/pay-requests/{item.pk}/", {"action": "own_pay", "own_basic": "30", "own_variable": "0"})
    client.post(f"/o/alpha/pay-requests/{item.pk}/", {"action": "compute"})
    item.refresh_from_db()
    assert item.figures["same_work"]["withheld"]
    pay = __import__("paritas.web.workforce.services", fromlist=["x"]).job_pay(alpha["snapshot"], alpha["owner"])[small]
    assert item.restricted["same_work"]["women"] == pay.women
    assert item.restricted["same_work"]["total"][0] == pytest.approx(pay.total[0])
    client.post(f"/o/alpha/pay-requests/{item.pk}/", {"action": "approve"})
    from django.utils import timezone

    client.post(f"/o/alpha/pay-requests/{item.pk}/", {"action": "sent", "on": timezone.localdate().isoformat()})
    client.force_login(desk["representative"])
    page = client.get(f"/o/alpha/my-pay/answers/{item.pk}/").content.decode()
    assert "Der beschäftigten Person vorenthaltene Zahlen" in page
    if pay.total[0] is not None:
        assert f"{pay.total[0]:.2f}".replace(".", ",") in page
    # The letter itself, for the worker, still withholds them.
    assert "labour inspectorate" in page


def test_a_form_with_a_job_of_another_organisation_is_refused(client, orgs, desk):
    beta_job = Job.objects.create(organisation=orgs["beta"]["org"], title="Beta job", titles=["Beta job"])
    client.force_login(desk["worker"])
    response = client.post("/o/alpha/my-pay/", {"requester": "X", "job": beta_job.pk, "language": "de"})
    assert response.status_code == 400 and not InformationRequest.objects.filter(job=beta_job).exists()


@pytest.mark.parametrize("role", ["worker", "representative"])
def test_a_desk_role_opens_the_desk_and_nothing_else(client, orgs, desk, role):
    """Every URL of the platform, GET and POST, as alpha's worker or representative: their own desk pages
    (and the public and personal ones) answer; every other page of alpha — or of beta — does not."""
    from paritas.web.accounts.models import ApiToken

    client.force_login(desk[role])
    _token, key = ApiToken.issue(desk[role], "desk")
    for route in ROUTES:
        for victim in (orgs["alpha"], orgs["beta"]):
            url = _fill(route, victim)
            for method in ("get", "post"):
                response = getattr(client, method)(url, HTTP_AUTHORIZATION=f"Bearer {key}")
                status = response.status_code
                if route in PUBLIC or route in OWN:
                    continue
                if route in DESK and victim is orgs["alpha"] and "<int:pk>" not in route:
                    assert status in (200, 302, 400), f"{role}: {route} answered {status}"
                    continue
                if status in (301, 302):
                    assert "login" in response.headers.get("Location", ""), f"{role}: {method} {url} → {status}"
                    continue
                assert status in (401, 403, 404, 405), f"{role}: {method} {url} answered {status}"


def test_requests_are_anonymised_after_the_retention_period(orgs, desk, settings):
    from datetime import date, timedelta

    from django.core.management import call_command

    alpha = orgs["alpha"]
    job = Job.objects.filter(organisation=alpha["org"]).first()
    sent = InformationRequest.objects.create(
        organisation=alpha["org"], received_on=date(2022, 1, 10), requester="Alt", address="Rathaus", job=job,
        own_basic=20, message="bitte", worker=desk["worker"], filed_by=desk["worker"], status="sent",
        sent_on=date(2022, 2, 1), restricted={"same_work": {"women": 2}}, figures={"same_work": {"women": 9}})
    recent = InformationRequest.objects.create(organisation=alpha["org"], requester="Neu", job=job, own_basic=20,
                                               received_on=date.today() - timedelta(days=400))
    settings.PAY_REQUEST_RETENTION_YEARS = 3
    call_command("anonymise_pay_requests", verbosity=0)
    sent.refresh_from_db()
    recent.refresh_from_db()
    assert (sent.requester, sent.address, sent.message, sent.own_basic, sent.restricted, sent.worker) == (
        "", "", "", None, {}, None)
    assert sent.anonymised_at is not None and sent.figures == {"same_work": {"women": 9}}
    assert recent.requester == "Neu" and recent.anonymised_at is None
