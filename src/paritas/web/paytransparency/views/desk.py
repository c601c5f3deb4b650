"""The desk of workers and workers' representatives (docs/paytransparency.md § Roles): a worker files their
own request and reads the answer once sent, the criteria for pay and the joint pay assessments made
available; a representative files on a worker's behalf, reads those answers with the figures withheld from
workers (art. 12(3)), and takes part in the joint pay assessment with a statement. Owners give the roles."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext as _

from paritas.web.ids import parse_id
from paritas.web.organisations.models import Membership, Organisation
from paritas.web.organisations.permissions import member_required
from paritas.web.paytransparency import access
from paritas.web.paytransparency.access import desk_required
from paritas.web.paytransparency.forms import CommentForm, DeskRoleForm, FileRequestForm
from paritas.web.paytransparency.models import Comment, DeskRole, InformationRequest, JointAssessment, PayCriteria
from paritas.web.paytransparency.services import requests as request_services

WORKER, REPRESENTATIVE = DeskRole.Role.WORKER, DeskRole.Role.REPRESENTATIVE


@member_required(Membership.Role.OWNER)
def people(request: HttpRequest, organisation: Organisation, membership: Membership) -> HttpResponse:
    form = DeskRoleForm(request.POST if request.POST.get("action") == "add" else None)
    if request.method == "POST":
        if request.POST.get("action") == "remove":
            found = get_object_or_404(DeskRole, pk=parse_id(request.POST.get("role", "")) or 0,
                                      organisation=organisation)
            found.delete()
            messages.success(request, _("The desk role was removed."))
            return redirect(request.path)
        if request.POST.get("action") != "add":
            raise Http404
        if form.is_valid():
            try:
                access.add_role(organisation, request.user, form.cleaned_data["email"], form.cleaned_data["role"],
                                form.cleaned_data["body"])
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("The desk role was saved."))
                return redirect(request.path)
    return render(request, "paytransparency/people.html", {
        "organisation": organisation, "membership": membership, "form": form,
        "roles": DeskRole.objects.filter(organisation=organisation).select_related("user")},
        status=400 if form.errors else 200)


def _own_requests(organisation: Organisation, role: DeskRole) -> object:
    """A worker's own requests; a representative's: those filed by any representative of the organisation
    (they act as one body)."""
    found = InformationRequest.objects.filter(organisation=organisation).select_related("job")
    if role.role == WORKER:
        return found.filter(Q(worker=role.user) | Q(filed_by=role.user))
    return found.filter(via=InformationRequest.Via.REPRESENTATIVE, filed_by__in=DeskRole.objects.filter(
        organisation=organisation, role=REPRESENTATIVE).values("user"))


def _assessments(organisation: Organisation, role: DeskRole) -> object:
    found = JointAssessment.objects.filter(report__organisation=organisation).select_related("report__snapshot")
    return found if role.role == REPRESENTATIVE else found.filter(made_available_on__isnull=False)


@desk_required(WORKER, REPRESENTATIVE)
def desk(request: HttpRequest, organisation: Organisation, role: DeskRole) -> HttpResponse:
    for_self = role.role == WORKER
    form = FileRequestForm(request.POST or None, organisation=organisation, for_self=for_self,
                           initial={"language": translation.get_language()[:2],
                                    "requester": role.user.get_full_name() if for_self else ""})
    if request.method == "POST" and form.is_valid():
        request_services.file_request(
            organisation, request.user, via=InformationRequest.Via.WORKER if for_self
            else InformationRequest.Via.REPRESENTATIVE, requester=form.cleaned_data["requester"],
            job=form.cleaned_data["job"], language=form.cleaned_data["language"],
            message=form.cleaned_data["message"])
        messages.success(request, _("The request was filed. The answer is due within two months."))
        return redirect(request.path)
    return render(request, "paytransparency/desk.html", {
        "organisation": organisation, "role": role, "form": form, "requests": _own_requests(organisation, role),
        "assessments": _assessments(organisation, role),
        "criteria": PayCriteria.objects.filter(organisation=organisation, published=True).first()},
        status=400 if form.errors else 200)


def _sent_request(organisation: Organisation, role: DeskRole, pk: int) -> InformationRequest:
    item = get_object_or_404(_own_requests(organisation, role), pk=pk)
    if item.status != InformationRequest.Status.SENT:
        raise Http404
    return item


@desk_required(WORKER, REPRESENTATIVE)
def answer(request: HttpRequest, organisation: Organisation, role: DeskRole, pk: int) -> HttpResponse:
    """The answer as sent; a representative also sees the figures withheld from the worker."""
    from paritas.web.paytransparency.views.requests import letter_context

    item = _sent_request(organisation, role, pk)
    with translation.override(item.language):
        letter = render(request, "paytransparency/_letter.html", letter_context(item)).content.decode()
    return render(request, "paytransparency/desk_answer.html", {
        "organisation": organisation, "role": role, "item": item, "letter": letter,
        "restricted": item.restricted if role.role == REPRESENTATIVE else {}})


@desk_required(WORKER, REPRESENTATIVE)
def answer_pdf(request: HttpRequest, organisation: Organisation, role: DeskRole, pk: int) -> HttpResponse:
    """The answer's letter, rendered by a job (a personal document: paritas.web.paytransparency.documents)."""
    from paritas.web.jobs import documents

    item = _sent_request(organisation, role, pk)
    return documents.submit_personal(request, "desk_answer", organisation=organisation, answer=item.pk)


@desk_required(WORKER, REPRESENTATIVE)
def assessment(request: HttpRequest, organisation: Organisation, role: DeskRole, pk: int) -> HttpResponse:
    """A joint pay assessment: representatives see it while it is written and add their statement; workers
    see it once made available, with small groups hidden."""
    from paritas.web.paytransparency.views.reports import assessment_context

    found = get_object_or_404(_assessments(organisation, role), pk=pk)
    form = CommentForm(request.POST or None)
    if request.method == "POST":
        if role.role != REPRESENTATIVE or found.approved_at:
            raise Http404
        if form.is_valid():
            Comment.objects.create(assessment=found, by=request.user, text=form.cleaned_data["text"])
            messages.success(request, _("Your statement was added."))
            return redirect(request.path)
    return render(request, "paytransparency/desk_assessment.html", {
        "organisation": organisation, "role": role, "form": form,
        **assessment_context(found, full=role.role == REPRESENTATIVE)}, status=400 if form.errors else 200)


@desk_required(WORKER, REPRESENTATIVE)
def assessment_file(request: HttpRequest, organisation: Organisation, role: DeskRole, pk: int) -> HttpResponse:
    """The assessment's PDF, rendered by a job (a personal document: paritas.web.paytransparency.documents)."""
    from paritas.web.jobs import documents

    found = get_object_or_404(_assessments(organisation, role), pk=pk)
    return documents.submit_personal(request, "desk_assessment", organisation=organisation, assessment=found.pk,
                                     lang=(translation.get_language() or "de")[:2])
