"""Requests for information (art. 7): the list with the days left of each, a new request, an answer
computed from the latest snapshot with the letter in the worker's language, its approval and sending, and
the yearly notice to all workers of this right. Analysts and owners only: a request names a worker and
their pay."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from paritas.web.organisations.models import Membership, Organisation
from paritas.web.organisations.permissions import member_required
from paritas.web.paytransparency import services
from paritas.web.paytransparency.forms import NoticeForm, OwnPayForm, RequestForm
from paritas.web.paytransparency.mail import answer_sent
from paritas.web.paytransparency.models import InformationRequest, Notice
from paritas.web.paytransparency.services.requests import set_own_pay

ANALYST, OWNER = Membership.Role.ANALYST, Membership.Role.OWNER


@member_required(ANALYST)
def requests_page(request: HttpRequest, organisation: Organisation, membership: Membership) -> HttpResponse:
    action = request.POST.get("action") if request.method == "POST" else None
    form = RequestForm(request.POST if action == "request" else None, organisation=organisation)
    notice_form = NoticeForm(request.POST if action == "notice" else None,
                             initial={"given_on": timezone.localdate()})
    if action == "request" and form.is_valid():
        item = form.save(commit=False)
        item.organisation = organisation
        item.save()
        try:
            services.compute_answer(item, request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        return redirect("paytransparency:request", slug=organisation.slug, pk=item.pk)
    if action == "notice" and notice_form.is_valid():
        Notice.objects.create(organisation=organisation, by=request.user, **notice_form.cleaned_data)
        messages.success(request, _("The notice was recorded."))
        return redirect(request.path)
    if action not in (None, "request", "notice"):
        raise Http404
    today = timezone.localdate()
    items = [(r, (r.deadline - today).days, (today - r.deadline).days) for r in
             InformationRequest.objects.filter(organisation=organisation).select_related("job")]
    last = Notice.objects.filter(organisation=organisation).first()
    return render(request, "paytransparency/requests.html", {
        "organisation": organisation, "membership": membership, "form": form, "notice_form": notice_form,
        "open": [i for i in items if i[0].status != InformationRequest.Status.SENT],
        "done": [i for i in items if i[0].status == InformationRequest.Status.SENT], "last_notice": last,
        "notice_due": last is None or last.given_on.year < today.year},
        status=400 if (form.errors or notice_form.errors) else 200)


def letter_context(item: InformationRequest) -> dict[str, object]:
    return {"item": item, "organisation": item.organisation, "figures": item.figures,
            "same": item.figures.get("same_work"), "equal": item.figures.get("equal_value")}


@member_required(ANALYST)
def request_page(request: HttpRequest, organisation: Organisation, membership: Membership, pk: int) -> HttpResponse:
    item = get_object_or_404(InformationRequest.objects.select_related("job", "approved_by"), pk=pk,
                             organisation=organisation)
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "compute":
                services.compute_answer(item, request.user)
                messages.success(request, _("The answer was computed from the latest snapshot."))
            elif action == "approve":
                if not membership.allows(OWNER):
                    raise PermissionDenied
                services.approve(item, request.user)
                messages.success(request, _("The answer was approved."))
            elif action == "sent":
                services.mark_sent(item, date.fromisoformat(request.POST.get("on") or ""))
                answer_sent(item)
                messages.success(request, _("Recorded as sent."))
            elif action == "own_pay":
                own = OwnPayForm(request.POST)
                if not own.is_valid():
                    raise ValidationError([m for errors in own.errors.values() for m in errors])
                set_own_pay(item, own.cleaned_data["own_basic"], own.cleaned_data["own_variable"])
                messages.success(request, _("The worker's own pay level was saved."))
            else:
                raise Http404
        except ValueError:
            messages.error(request, _("Give the date it was sent."))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        return redirect(request.path)
    with translation.override(item.language):
        letter = render(request, "paytransparency/_letter.html", letter_context(item)).content.decode()
    return render(request, "paytransparency/request.html", {
        "organisation": organisation, "membership": membership, "item": item, "letter": letter,
        "days_left": (item.deadline - timezone.localdate()).days, "may_approve": membership.allows(OWNER),
        "today": timezone.localdate(), "own_pay_form": OwnPayForm(initial={
            "own_basic": item.own_basic, "own_variable": item.own_variable})})


@member_required(ANALYST)
def letter_pdf(request: HttpRequest, organisation: Organisation, membership: Membership, pk: int) -> HttpResponse:
    """The answer's letter, once its figures are set: rendered by a document job."""
    from paritas.web.jobs import documents

    item = get_object_or_404(InformationRequest, pk=pk, organisation=organisation)
    if not item.figures:
        raise Http404
    return documents.submit(request, organisation, ANALYST, "answer_letter", answer=item.pk)
