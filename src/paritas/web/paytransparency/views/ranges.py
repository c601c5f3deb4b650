"""Pay ranges and the criteria for pay (art. 5, 6; docs/paytransparency.md § Pay ranges): the HR team sets
each job's range from the suggestion of current pay and writes the criteria; the public page shows what
they published (404 when nothing is)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from paritas.web.ids import parse_id
from paritas.web.organisations.models import Membership, Organisation
from paritas.web.organisations.permissions import member_required
from paritas.web.paytransparency.forms import CriteriaForm, RangeForm
from paritas.web.paytransparency.models import Job, PayRange
from paritas.web.paytransparency.services import ranges as services

ANALYST = Membership.Role.ANALYST


@member_required(ANALYST)
def ranges_page(request: HttpRequest, organisation: Organisation, membership: Membership) -> HttpResponse:
    period = request.GET.get("period", PayRange.Period.MONTH)
    if period not in PayRange.Period.values:
        period = PayRange.Period.MONTH
    criteria = services.criteria_of(organisation)
    action = request.POST.get("action") if request.method == "POST" else None
    criteria_form = CriteriaForm(request.POST if action == "criteria" else None, instance=criteria)
    range_form = RangeForm(request.POST if action == "range" else None)
    if action == "criteria" and criteria_form.is_valid():
        saved = criteria_form.save(commit=False)
        saved.updated_by = request.user
        saved.save()
        messages.success(request, _("The criteria were saved."))
        return redirect(request.path)
    if action == "range":
        job = get_object_or_404(Job, pk=parse_id(request.POST.get("job", "")) or 0, organisation=organisation)
        if range_form.is_valid():
            try:
                services.set_range(job, request.user, period=period, **range_form.cleaned_data)
            except ValidationError as exc:
                range_form.add_error(None, exc)
            else:
                messages.success(request, _("The pay range of %(job)s was saved.") % {"job": job.title})
                return redirect(f"{request.path}?period={period}")
    elif action not in (None, "criteria"):
        raise Http404
    return render(request, "paytransparency/ranges.html", {
        "organisation": organisation, "membership": membership, "criteria_form": criteria_form,
        "range_form": range_form, "period": period, "periods": PayRange.Period.choices,
        "suggestions": services.suggestions(organisation, request.user, period)},
        status=400 if (criteria_form.errors or range_form.errors) else 200)


def public_page(request: HttpRequest, slug: str) -> HttpResponse:
    """The organisation's published criteria for pay and pay ranges; open to everyone."""
    organisation = get_object_or_404(Organisation, slug=slug)
    criteria, ranges = services.published(organisation)
    if criteria is None and not ranges:
        raise Http404
    return render(request, "paytransparency/public.html", {"organisation": organisation, "criteria": criteria,
                                                            "ranges": ranges})
