"""The page of a document's job and its download: within the organisation it belongs to, or (a personal
document, jobs.documents.PERSONAL) its user's alone."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from paritas.web.downloads import download as file_download
from paritas.web.jobs import documents, presenters
from paritas.web.jobs.models import Job
from paritas.web.organisations.models import Membership, Organisation
from paritas.web.organisations.permissions import member_required


def _own_document(request: HttpRequest, organisation: Organisation, membership: Membership, pk: str,
                  with_output: bool = False) -> Job:
    """One of the user's own document jobs for this organisation (404 for anyone else's), while the user
    still has the role the document needs (403 once it was taken away)."""
    jobs = Job.objects.all() if with_output else Job.objects.defer("output")
    job = get_object_or_404(jobs, pk=pk, organisation=organisation, user=request.user, kind=Job.Kind.DOCUMENT)
    if job.params.get("personal"):  # its own page asks whether the user may still have it
        raise Http404
    if not membership.allows(job.params.get("role", Membership.Role.OWNER)):
        raise PermissionDenied
    return job


@member_required()
def document(request: HttpRequest, organisation: Organisation, membership: Membership, job: str) -> HttpResponse:
    """While the document is rendered, its progress (as JSON for the page's script with ?format=json);
    once it is ready, the file; if it failed, why."""
    found = _own_document(request, organisation, membership, job)
    ready = reverse("jobs:download", kwargs={"slug": organisation.slug, "job": found.pk})
    if request.GET.get("format") == "json":
        return JsonResponse(presenters.job_status(found, ready if found.state == Job.State.DONE else request.path))
    if found.state == Job.State.DONE:
        return redirect(ready)
    return render(request, "jobs/document.html", {"organisation": organisation, "membership": membership,
                                                  "download_url": ready, "back_url": found.params.get("back"),
                                                  **presenters.page_context(found, request.path + "?format=json")})


@member_required()
def download(request: HttpRequest, organisation: Organisation, membership: Membership, job: str) -> HttpResponse:
    """The rendered document, as often as its user asks, until the job is purged."""
    found = _own_document(request, organisation, membership, job, with_output=True)
    if found.state != Job.State.DONE or not found.output:
        raise Http404
    return file_download(documents.content(found), "application/pdf", found.result["filename"])


def _own_personal(request: HttpRequest, pk: str, with_output: bool = False) -> Job:
    """One of the user's own personal document jobs, while they may still have it (404 otherwise: the
    address says nothing about a job of anyone else)."""
    jobs = Job.objects.all() if with_output else Job.objects.defer("output")
    job = get_object_or_404(jobs, pk=pk, user=request.user, kind=Job.Kind.DOCUMENT)
    if not documents.may_have(job, request.user):
        raise Http404
    return job


@login_required
def personal_document(request: HttpRequest, job: str) -> HttpResponse:
    """As :func:`document`, for a personal document."""
    found = _own_personal(request, job)
    ready = reverse("jobs:personal_download", kwargs={"job": found.pk})
    if request.GET.get("format") == "json":
        return JsonResponse(presenters.job_status(found, ready if found.state == Job.State.DONE else request.path))
    if found.state == Job.State.DONE:
        return redirect(ready)
    return render(request, "jobs/document.html", {"download_url": ready, "back_url": found.params.get("back"),
                                                  **presenters.page_context(found, request.path + "?format=json")})


@login_required
def personal_download(request: HttpRequest, job: str) -> HttpResponse:
    found = _own_personal(request, job, with_output=True)
    if found.state != Job.State.DONE or not found.output:
        raise Http404
    return file_download(documents.content(found), "application/pdf", found.result["filename"])
