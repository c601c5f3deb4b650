"""An organisation's documents (PDF) rendered by a job: the view that is asked for one checks who asks,
hands the document's parameters to a worker and sends its user to the job's page, which follows the
rendering and then hands out the file (docs/jobs.md). WeasyPrint takes a second or more for a report
with charts; in a request it held a web worker that long for every download.

The PDF is kept in the job, encrypted (a letter names a person), until the job is purged.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse
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
#: with the function that says whether a user may still have it — (job, user) → bool, asked by the job's
#: page, its download and the renderer.
PERSONAL = {
    "project_final_report": "paritas.web.projects.documents.may_read_final_report",
    "desk_assessment": "paritas.web.paytransparency.documents.may_read_desk_assessment",
    "desk_answer": "paritas.web.paytransparency.documents.may_read_desk_answer",
    "programme_application": "paritas.web.awards.documents.may_read_programme_application",
    "programme_certificate": "paritas.web.awards.documents.may_read_programme_certificate",
    "jury_application": "paritas.web.awards.documents.may_read_jury_application",
}


def submit(request: HttpRequest, organisation: Any, role: str, document: str, **params: Any) -> HttpResponse:
    """Queue ``document`` of ``organisation`` for the request's user, who needs ``role`` to download it,
    and send them to its page."""
    if document not in RENDERERS:
        raise ValueError(f"unknown document {document!r}")
    job = runner.submit(Job.Kind.DOCUMENT, organisation=organisation, user=request.user,
                        params={**params, "document": document, "role": role, "back": _back(request)})
    return redirect("jobs:document", slug=organisation.slug, job=job.pk)


def submit_personal(request: HttpRequest, document: str, organisation: Any = None, **params: Any) -> HttpResponse:
    """Queue ``document``, one of :data:`PERSONAL`, for the request's user (whom the caller has let have it)
    and send them to its page at ``/documents/<job>/``; ``organisation`` is the one it is filed under (its
    deletion deletes the job)."""
    if document not in PERSONAL:
        raise ValueError(f"not a personal document: {document!r}")
    job = runner.submit(Job.Kind.DOCUMENT, organisation=organisation, user=request.user,
                        params={**params, "document": document, "personal": True, "back": _back(request)})
    return redirect("jobs:personal_document", job=job.pk)


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
    allowed: Callable[[Job, Any], bool] = import_string(PERSONAL[document])
    return allowed(job, user)


def render(job: Job) -> dict[str, Any]:
    """The job's work: render the document and keep it, encrypted, for its user to download."""
    runner.advance(job, Job.Step.RENDERING)
    renderer: Callable[[Job], tuple[bytes, str]] = import_string(RENDERERS[job.params["document"]])
    content, filename = renderer(job)
    Job.objects.filter(pk=job.pk).update(output=crypto.encrypt(content))
    return {"filename": filename, "size": len(content)}


def content(job: Job) -> bytes:
    """The rendered document, decrypted."""
    return crypto.decrypt(bytes(job.output))
