"""Documents rendered by a job (paritas.web.jobs.documents, docs/jobs.md): the PDF link leads to the
job's page and from there to the file; a real worker renders it; only its user, while still a member
with the role it needs, sees the page or the file; the PDF is kept encrypted; a document that cannot be
rendered says so."""

from __future__ import annotations

import pytest

from paritas.web import crypto
from paritas.web.jobs import documents
from paritas.web.jobs.models import Job
from tests.support.workers import real_workers, wait_for


def _report(client, snapshot, lang: str = "en"):
    return client.get(f"/o/alpha/s/{snapshot.pk}/report.pdf?lang={lang}")


def test_the_report_link_leads_through_the_job_to_the_file_which_is_kept_encrypted(client, orgs):
    alpha = orgs["alpha"]
    client.force_login(alpha["viewer"])
    asked = _report(client, alpha["snapshot"])
    job = Job.objects.get(kind=Job.Kind.DOCUMENT)
    assert asked.status_code == 302 and asked["Location"] == f"/o/alpha/documents/{job.pk}/"
    assert job.state == Job.State.DONE and job.user == alpha["viewer"] and job.organisation == alpha["org"]
    assert job.params == {"document": "snapshot_report", "snapshot": alpha["snapshot"].pk, "lang": "en",
                          "role": "viewer", "back": ""}
    assert not bytes(job.output).startswith(b"%PDF") and crypto.decrypt(bytes(job.output)).startswith(b"%PDF")
    page = client.get(asked["Location"])
    assert page.status_code == 302 and page["Location"] == f"/o/alpha/documents/{job.pk}/download/"
    status = client.get(asked["Location"] + "?format=json").json()
    assert status["finished"] and status["download"] and status["url"] == page["Location"]
    for _ in range(2):  # as often as asked, until the job is purged
        file = client.get(page["Location"])
        assert file.status_code == 200 and file["Content-Type"] == "application/pdf"
        assert file.content.startswith(b"%PDF") and file.content == documents.content(job)
        assert file["Content-Disposition"] == f'attachment; filename="{job.result["filename"]}"'
        assert job.result["filename"].endswith("-en.pdf")


def test_while_it_is_rendered_the_page_shows_the_step_and_the_file_is_not_there(client, orgs):
    alpha = orgs["alpha"]
    job = Job.objects.create(kind=Job.Kind.DOCUMENT, organisation=alpha["org"], user=alpha["viewer"],
                             state=Job.State.RUNNING, step=Job.Step.RENDERING,
                             params={"document": "snapshot_report", "snapshot": alpha["snapshot"].pk,
                                     "lang": "de", "role": "viewer"})
    client.force_login(alpha["viewer"])
    page = client.get(f"/o/alpha/documents/{job.pk}/", HTTP_ACCEPT_LANGUAGE="en")
    text = page.content.decode()
    assert page.status_code == 200 and "Rendering the document …" in text and "Preparing a document" in text
    german = client.get(f"/o/alpha/documents/{job.pk}/", HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert "Dokument wird gesetzt …" in german and "Ein Dokument wird erstellt" in german
    assert f'data-status="/o/alpha/documents/{job.pk}/?format=json"' in text
    status = client.get(f"/o/alpha/documents/{job.pk}/?format=json").json()
    assert not status["finished"] and not status["download"] and status["url"] == f"/o/alpha/documents/{job.pk}/"
    # Once its script has the file downloading, the page says so (hidden until then) and offers it again.
    assert '<p id="job-ready" hidden>' in text and f'href="/o/alpha/documents/{job.pk}/download/"' in text
    assert [s["state"] for s in status["steps"]] == ["current"]
    assert client.get(f"/o/alpha/documents/{job.pk}/download/").status_code == 404


def test_only_its_user_while_a_member_with_the_role_sees_a_document(client, orgs):
    alpha = orgs["alpha"]
    client.force_login(alpha["viewer"])
    job = Job.objects.get(pk=_report(client, alpha["snapshot"])["Location"].rstrip("/").rsplit("/", 1)[-1])
    urls = (f"/o/alpha/documents/{job.pk}/", f"/o/alpha/documents/{job.pk}/download/")
    client.force_login(alpha["owner"])  # another member of the same organisation
    assert [client.get(url).status_code for url in urls] == [404, 404]
    client.force_login(orgs["beta"]["owner"])  # another organisation's owner, under either address
    assert all(client.get(url).status_code in (403, 404) for url in urls)
    assert all(client.get(url.replace("/o/alpha/", "/o/beta/")).status_code == 404 for url in urls)
    client.force_login(alpha["viewer"])
    assert client.get(urls[1]).status_code == 200
    Job.objects.filter(pk=job.pk).update(params={**job.params, "role": "owner"})  # a document for owners
    assert [client.get(url).status_code for url in urls] == [403, 403]
    alpha["viewer"].memberships.all().delete()  # no longer a member
    assert all(client.get(url).status_code in (403, 404) for url in urls)


def test_a_document_that_cannot_be_rendered_says_so_and_keeps_nothing(client, orgs, monkeypatch):
    alpha = orgs["alpha"]

    def broken(template, context, lang):
        raise RuntimeError("no fonts")

    monkeypatch.setattr("paritas.web.pdf.render_pdf", broken)
    client.force_login(alpha["viewer"])
    page = client.get(_report(client, alpha["snapshot"])["Location"], HTTP_ACCEPT_LANGUAGE="de")
    job = Job.objects.get(kind=Job.Kind.DOCUMENT)
    assert job.state == Job.State.FAILED and job.failure == "internal" and not job.output
    text = page.content.decode()
    assert page.status_code == 200 and "Das Dokument konnte nicht erstellt werden" in text
    assert client.get(f"/o/alpha/documents/{job.pk}/download/").status_code == 404


def test_the_printed_plan_is_a_document_job_too(client, orgs):
    from paritas.web.plans.models import Plan

    alpha = orgs["alpha"]
    plan = Plan.objects.create(organisation=alpha["org"], title="Gleichstellungsplan", period_start=2024,
                               period_end=2027)
    version = plan.versions.create(number=1, year=2024)
    client.force_login(alpha["viewer"])
    file = client.get(f"/o/alpha/plans/v/{version.pk}/plan.pdf?lang=de", follow=True)
    assert [url.rsplit("/", 2)[-2] for url, _ in file.redirect_chain][-1] == "download"
    assert file.status_code == 200 and file.content.startswith(b"%PDF")
    assert Job.objects.get(kind=Job.Kind.DOCUMENT).params["document"] == "plan_version"


@pytest.mark.django_db(transaction=True)
def test_a_real_worker_renders_the_report_while_the_page_waits(client, orgs, settings):
    alpha = orgs["alpha"]
    client.force_login(alpha["viewer"])
    with real_workers(settings) as workers:
        page = client.get(_report(client, alpha["snapshot"], "sv")["Location"], HTTP_ACCEPT_LANGUAGE="en")
        job = Job.objects.get(kind=Job.Kind.DOCUMENT)
        assert page.status_code == 200 and "Waiting for a worker" in page.content.decode()
        assert job.state == Job.State.QUEUED
        workers.start()
        status = wait_for(lambda: (s := client.get(f"/o/alpha/documents/{job.pk}/?format=json").json())["finished"]
                          and s, timeout=120)
        assert status["state"] == "done" and status["url"].endswith("/download/")
        file = client.get(status["url"])
        assert file.status_code == 200 and file.content.startswith(b"%PDF")
        assert file["Content-Disposition"].endswith('-sv.pdf"')


def test_a_renderer_finds_nothing_outside_the_jobs_organisation(orgs):
    # A job of Alpha's naming Beta's snapshot (or plan version) by its id fails; nothing of Beta is rendered.
    from paritas.web.jobs import runner
    from paritas.web.plans.models import Plan

    alpha, beta = orgs["alpha"], orgs["beta"]
    plan = Plan.objects.create(organisation=beta["org"], title="Beta Secret Plan", period_start=2024, period_end=2027)
    for document, params in (("snapshot_report", {"snapshot": beta["snapshot"].pk}),
                             ("plan_version", {"version": plan.versions.create(number=1, year=2024).pk})):
        job = runner.submit(Job.Kind.DOCUMENT, organisation=alpha["org"], user=alpha["owner"],
                            params={**params, "document": document, "role": "viewer", "lang": "de"})
        job.refresh_from_db()
        assert job.state == Job.State.FAILED and job.failure == "internal" and not job.output, document


@pytest.mark.parametrize(("referer", "back"), [
    ("http://testserver/o/alpha/s/{pk}/?lang=de", "/o/alpha/s/{pk}/?lang=de"),  # the page the link was on
    ("https://evil.example/o/alpha/", ""),  # another site: no way back there from here
    ("javascript:alert(1)", ""),
])
def test_the_jobs_page_leads_back_to_the_page_the_document_was_asked_for_on(client, orgs, referer, back):
    alpha = orgs["alpha"]
    pk = alpha["snapshot"].pk
    client.force_login(alpha["viewer"])
    client.get(f"/o/alpha/s/{pk}/report.pdf", HTTP_REFERER=referer.format(pk=pk))
    job = Job.objects.get(kind=Job.Kind.DOCUMENT)
    assert job.params["back"] == back.format(pk=pk)
    Job.objects.filter(pk=job.pk).update(state=Job.State.RUNNING)  # so that the page shows, not the file
    page = client.get(f"/o/alpha/documents/{job.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert ("Back to the page you came from" in page) == bool(back)
    if back:
        assert f'href="{back.format(pk=pk)}"' in page


@pytest.mark.parametrize("method", ["post", "head", "put", "delete"])
def test_a_document_is_rendered_only_when_its_link_is_followed(client, orgs, method):
    """Only a GET queues a rendering: a form posted to a document's address, a link checker's HEAD,
    garbage, render nothing (405), for an organisation's documents and for personal ones alike."""
    from django.test import RequestFactory

    alpha = orgs["alpha"]
    client.force_login(alpha["viewer"])
    answer = getattr(client, method)(f"/o/alpha/s/{alpha['snapshot'].pk}/report.pdf?lang=en")
    assert answer.status_code == 405 and answer["Allow"] == "GET"
    request = getattr(RequestFactory(), method)("/documents/")
    request.user = alpha["viewer"]
    assert documents.submit(request, alpha["org"], "viewer", "snapshot_report", snapshot=1).status_code == 405
    assert documents.submit_personal(request, "desk_answer", organisation=alpha["org"], answer=1).status_code == 405
    assert not Job.objects.exists()
    assert client.get(f"/o/alpha/s/{alpha['snapshot'].pk}/report.pdf?lang=en").status_code == 302
    assert Job.objects.count() == 1
