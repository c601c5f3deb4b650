"""An award programme's PDFs as document jobs' work (paritas.web.jobs.documents, docs/jobs.md).

* The applicant's own: its application and its certificates, found within the job's organisation (an
  organisation's documents, for its members).
* The programme's: an application as its administrators and its jurors read it, and a certificate as the
  administrators hand it out — personal documents, since neither are members of the applicant: each asks
  the same question as the page it was linked from (``awards.access``), when the page or the file is
  asked for and when it is rendered. A juror in an anonymised stage gets the redacted copy.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.http import Http404
from django.shortcuts import get_object_or_404

from paritas.web.awards import access, outcome, redaction
from paritas.web.awards.models import Application, Assignment, Award, Decision
from paritas.web.jobs.models import Job

_T = TypeVar("_T")


def _found(lookup: Callable[[], _T]) -> _T | None:
    """What an access check lets through, or None where it would answer 404."""
    try:
        return lookup()
    except Http404:
        return None


def _application_pdf(application: Application, lang: str, redactor: Any = None) -> tuple[bytes, str]:
    name = redactor.code if redactor is not None and redactor.active else application.organisation.slug
    return (outcome.application_pdf(application, lang, redactor),
            f"{name}-{application.round.programme.slug}-{application.pk}.pdf")


# -- the applicant's: an organisation's documents -----------------------------------------------------------

def applicant_application(job: Job) -> tuple[bytes, str]:
    """An application of the job's organisation (its own, or one it is a co-applicant of)."""
    return _application_pdf(access.application_of(job.organisation, job.params["application"]), job.params["lang"])


def applicant_award(organisation: Any, award_id: int) -> Award:
    """An award of the organisation whose certificate may be handed out: once the jury's statement (if the
    award came from a decision) is approved."""
    award = get_object_or_404(Award.objects.select_related("programme", "organisation"), organisation=organisation,
                              pk=award_id)
    decision = Decision.objects.filter(application=award.application_id).first() if award.application_id else None
    if decision is not None and decision.statement_approved_at is None:
        raise Http404
    return award


def applicant_certificate(job: Job) -> tuple[bytes, str]:
    award = applicant_award(job.organisation, job.params["award"])
    return outcome.certificate_pdf(award), outcome.certificate_filename(award)


# -- the programme's: personal documents ----------------------------------------------------------------------

def _administered(job: Job, user: Any) -> Any:
    return access.administered_by(user).filter(slug=job.params.get("programme")).first()


def programme_application_for(job: Job, user: Any) -> Application | None:
    """A submitted application of a programme ``user`` administers, or None."""
    programme = _administered(job, user)
    return programme and _found(lambda: access.application_in(programme, job.params.get("application")))


def programme_application(job: Job, application: Application) -> tuple[bytes, str]:
    """A submitted application of the programme, for one of its administrators."""
    return _application_pdf(application, job.params["lang"])


def programme_award_for(job: Job, user: Any) -> Award | None:
    """An award of a programme ``user`` administers, or None."""
    programme = _administered(job, user)
    return programme and Award.objects.select_related("programme", "organisation").filter(
        programme=programme, pk=job.params.get("award")).first()


def programme_certificate(job: Job, award: Award) -> tuple[bytes, str]:
    return outcome.certificate_pdf(award), outcome.certificate_filename(award)


def assignment_for(job: Job, user: Any) -> Assignment | None:
    """``user``'s jury assignment of the job (not once they declared a conflict), or None."""
    return _found(lambda: access.assignment_for(user, job.params.get("assignment")))


def jury_application(job: Job, assignment: Assignment) -> tuple[bytes, str]:
    """The application of the job's user's assignment, redacted in an anonymised stage — by the stage's
    rules when it is rendered."""
    return _application_pdf(assignment.application, job.params["lang"],
                            redaction.for_stage(assignment.application, assignment.stage))
