"""Who may see what in the awards app; every signed-in awards view goes through one of these.

- Applicants reach applications only through their organisation (organisations.permissions): a member
  sees the organisation's own applications and awards, an analyst or owner edits and submits them; the
  same holds for applications the organisation accepted to be a co-applicant of (its own owners invite
  co-applicants and submit).
- Jurors reach an application only through an assignment of theirs with no declared conflict.
- A programme's administrators reach only their programme: its catalogue, rounds, submitted
  applications (drafts and withdrawn ones stay the applicant's: they are only counted), jury and
  decisions. Platform staff create programmes from the templates.

Anything else is a 404: neither the programme nor the application is disclosed.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404

from paritas.web.awards.models import Application, Assignment, Attachment, Programme, Round
from paritas.web.downloads import download


def administered_by(user: Any) -> Any:
    return Programme.objects.filter(administrators=user) if user.is_authenticated else Programme.objects.none()


def programme_admin_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Passes the programme named by the URL's ``programme`` slug, if the user administers it."""

    @login_required
    @wraps(view)
    def wrapped(request: HttpRequest, programme: str, *args: Any, **kwargs: Any) -> HttpResponse:
        found = administered_by(request.user).filter(slug=programme).first()
        if found is None:
            raise Http404
        return view(request, found, *args, **kwargs)

    return wrapped


def round_of(programme: Programme, round_id: int) -> Round:
    return get_object_or_404(Round, programme=programme, pk=round_id)


def application_in(programme: Programme, application_id: int) -> Application:
    """A submitted application of the programme: drafts and withdrawn applications stay the applicant's."""
    return get_object_or_404(Application.objects.select_related("organisation", "round", "snapshot"),
                             round__programme=programme, pk=application_id, status=Application.Status.SUBMITTED)


def assignment_for(user: Any, assignment_id: int) -> Assignment:
    """The juror's own assignment, unless they declared a conflict (then the application is hidden)."""
    return get_object_or_404(Assignment.objects.select_related("application__organisation", "application__snapshot",
                                                               "round__programme", "stage"),
                             pk=assignment_id, juror=user, conflict_declared=False,
                             application__status=Application.Status.SUBMITTED)


def application_of(organisation: Any, application_id: int) -> Application:
    """An application of the organisation: its own, or one it accepted to be a co-applicant of."""
    from paritas.web.awards.domain.partners import applications_of

    return get_object_or_404(applications_of(organisation).select_related("round__programme", "snapshot"),
                             pk=application_id)


def attachment_of(application: Application, attachment_id: int) -> HttpResponse:
    """A file of an application the caller has already reached, as a download."""
    found = get_object_or_404(Attachment, application=application, pk=attachment_id)
    return download(bytes(found.content), found.content_type, found.name)


def redacted_attachment_of(application: Application, attachment_id: int, code: str) -> HttpResponse:
    """The redacted copy of an attachment, under a name that says nothing (404 while there is none)."""
    found = get_object_or_404(Attachment, application=application, pk=attachment_id, redacted__isnull=False)
    extension = found.name.rsplit(".", 1)[-1].lower() if "." in found.name else "bin"
    return download(bytes(found.redacted), found.redacted_type or found.content_type,
                    f"{code}-{found.pk}.{extension}")
