"""An organisation's documents (PDF) rendered by a job: the view that is asked for one checks who asks,
hands the document's parameters to a worker and sends its user to the job's page, which follows the
rendering and then hands out the file (docs/jobs.md). WeasyPrint takes a second or more for a report
with charts; in a request it held a web worker that long for every download.

The PDF is kept in the job, encrypted (a letter names a person), until the job is purged.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.utils.module_loading import import_string

from paritas.web import crypto
from paritas.web.jobs import runner
from paritas.web.jobs.models import Job

#: Each kind of document and the function that renders it from its job: job → (PDF, file name). The
#: function finds what it renders within the job's organisation only.
RENDERERS = {
    "snapshot_report": "paritas.web.workforce.documents.snapshot_report",
    "plan_version": "paritas.web.plans.documents.plan_version",
    "art9_report": "paritas.web.paytransparency.documents.art9_report",
    "joint_assessment": "paritas.web.paytransparency.documents.joint_assessment",
    "pay_survey": "paritas.web.paytransparency.documents.pay_survey",
    "project_final_report": "paritas.web.projects.documents.final_report",
    "desk_assessment": "paritas.web.paytransparency.documents.desk_assessment",
    "answer_letter": "paritas.web.paytransparency.documents.answer_letter",
    "desk_answer": "paritas.web.paytransparency.documents.desk_answer",
    "award_application": "paritas.web.awards.documents.applicant_application",
    "award_certificate": "paritas.web.awards.documents.applicant_certificate",
    "programme_application": "paritas.web.awards.documents.programme_application",
    "programme_certificate": "paritas.web.awards.documents.programme_certificate",
    "jury_application": "paritas.web.awards.documents.jury_application",
}

#: The documents that belong to no organisation's members but to the people of something else (a funded
#: project's staff, the desk's workers and representatives, a programme's administrators and jurors): each
#: with the function that finds what a user may still have of it — (job, user) → the thing, or None, the
#: same question the page the link was on asks. The job's page and its download ask it for the user who
#: asks (:func:`may_have`); :func:`render` asks it for the job's user and hands the renderer what it found
#: (job, found) → (PDF, file name), or renders nothing.
PERSONAL = {
    "project_final_report": "paritas.web.projects.documents.staffed_project",
    "desk_assessment": "paritas.web.paytransparency.documents.desk_assessment_for",
    "desk_answer": "paritas.web.paytransparency.documents.desk_answer_for",
    "programme_application": "paritas.web.awards.documents.programme_application_for",
    "programme_certificate": "paritas.web.awards.documents.programme_award_for",
    "jury_application": "paritas.web.awards.documents.assignment_for",
}


def submit(request: HttpRequest, organisation: Any, role: str, document: str, **params: Any) -> HttpResponse:
    """Queue ``document`` of ``organisation`` for the request's user, who needs ``role`` to download it,
    and send them to its page."""
    if document not in RENDERERS:
        raise ValueError(f"unknown document {document!r}")
    if request.method != "GET":
        return _only_asked_for()
    job = runner.submit(Job.Kind.DOCUMENT, organisation=organisation, user=request.user,
                        params={**params, "document": document, "role": role, "back": _back(request)})
    return redirect("jobs:document", slug=organisation.slug, job=job.pk)


def submit_personal(request: HttpRequest, document: str, organisation: Any = None, **params: Any) -> HttpResponse:
    """Queue ``document``, one of :data:`PERSONAL`, for the request's user (whom the caller has let have it)
    and send them to its page at ``/documents/<job>/``; ``organisation`` is the one it is filed under (its
    deletion deletes the job)."""
    if document not in PERSONAL:
        raise ValueError(f"not a personal document: {document!r}")
    if request.method != "GET":
        return _only_asked_for()
    job = runner.submit(Job.Kind.DOCUMENT, organisation=organisation, user=request.user,
                        params={**params, "document": document, "personal": True, "back": _back(request)})
    return redirect("jobs:personal_document", job=job.pk)


def _only_asked_for() -> HttpResponse:
    """A document is asked for by following its link (GET): any other method renders nothing. A form
    posted to its address, a HEAD of a link checker, would each queue a rendering."""
    return HttpResponseNotAllowed(["GET"])


def _back(request: HttpRequest) -> str:
    """The page the document was asked for from (its link's page), for the job's page to lead back to: a
    path on this site only, else none."""
    from urllib.parse import urlsplit

    from django.utils.http import url_has_allowed_host_and_scheme

    referer = request.META.get("HTTP_REFERER", "")
    if not referer or not url_has_allowed_host_and_scheme(referer, {request.get_host()}, request.is_secure()):
        return ""
    parts = urlsplit(referer)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def may_have(job: Job, user: Any) -> bool:
    """Whether ``user`` may still have the personal document of ``job`` (:data:`PERSONAL`)."""
    document = job.params.get("document")
    if not job.params.get("personal") or document not in PERSONAL or job.user_id != getattr(user, "pk", None):
        return False
    return _personal(job, user) is not None


def _personal(job: Job, user: Any) -> Any:
    """What ``user`` may have of the job's personal document (:data:`PERSONAL`), or None."""
    lookup: Callable[[Job, Any], Any] = import_string(PERSONAL[job.params["document"]])
    return lookup(job, user)


def render(job: Job) -> dict[str, Any]:
    """The job's work: render the document and keep it, encrypted, for its user to download. A personal
    document is rendered from what its user may have when it is rendered, or not at all."""
    runner.advance(job, Job.Step.RENDERING)
    renderer: Callable[..., tuple[bytes, str]] = import_string(RENDERERS[job.params["document"]])
    if job.params.get("personal"):
        found = _personal(job, job.user) if job.params["document"] in PERSONAL else None
        if found is None:
            raise PermissionDenied("the document's user may no longer have it")
        content, filename = renderer(job, found)
    else:
        content, filename = renderer(job)
    Job.objects.filter(pk=job.pk).update(output=crypto.encrypt(content))
    return {"filename": filename, "size": len(content)}


def content(job: Job) -> bytes:
    """The rendered document, decrypted."""
    return crypto.decrypt(bytes(job.output))
