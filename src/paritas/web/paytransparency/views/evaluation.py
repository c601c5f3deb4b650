"""The job evaluation's pages: the jobs with their points and bands of equal value, the weight check and
merging; a job's scoring with its history; the factor plan. Members see them, analysts and owners change
them (paritas.web.organisations.permissions)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from paritas.web.ids import parse_id
from paritas.web.organisations.models import Membership, Organisation
from paritas.web.organisations.permissions import member_required
from paritas.web.paytransparency import services
from paritas.web.paytransparency.forms import MergeForm, PlanForm, ScoreForm
from paritas.web.paytransparency.models import Job
from paritas.web.paytransparency.names import FACTOR_NAMES, subfactor_name

ANALYST = Membership.Role.ANALYST


def _may_change(membership: Membership) -> None:
    if not membership.allows(ANALYST):
        raise PermissionDenied


@member_required()
def jobs_page(request: HttpRequest, organisation: Organisation, membership: Membership) -> HttpResponse:
    merge_form = MergeForm(request.POST if request.POST.get("action") == "merge" else None)
    if request.method == "POST":
        _may_change(membership)
        action = request.POST.get("action")
        if action == "sync":
            added = services.sync_jobs(organisation)
            messages.success(request, _("%(n)d job titles were added from the latest snapshot.") % {"n": added})
            return redirect(request.path)
        if action == "merge":
            ids = [i for i in (parse_id(v) for v in request.POST.getlist("job")) if i is not None]
            if merge_form.is_valid():
                try:
                    merged = services.merge(organisation, ids, merge_form.cleaned_data["title"])
                except ValidationError as exc:
                    merge_form.add_error(None, exc)
                else:
                    messages.success(request, _("The jobs were merged into %(job)s.") % {"job": merged.title})
                    return redirect(request.path)
        else:
            raise Http404
    view = services.overview(organisation)
    return render(request, "paytransparency/jobs.html", {
        "organisation": organisation, "membership": membership, "view": view, "merge_form": merge_form,
        "may_change": membership.allows(ANALYST), "factor_names": FACTOR_NAMES,
        "checks": [(FACTOR_NAMES[c.factor], c) for c in view.checks]},
        status=400 if merge_form.errors else 200)


@member_required()
def job_page(request: HttpRequest, organisation: Organisation, membership: Membership, pk: int) -> HttpResponse:
    job = get_object_or_404(Job, pk=pk, organisation=organisation)
    evaluation = services.evaluation_of(organisation)
    form = ScoreForm(request.POST or None, evaluation=evaluation, job=job)
    if request.method == "POST":
        _may_change(membership)
        if form.is_valid():
            try:
                services.score(job, form.levels(), request.user, form.cleaned_data["note"])
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("The job was scored."))
                return redirect("paytransparency:jobs", slug=organisation.slug)
    history = [(s, [(subfactor_name(k), v) for k, v in s.levels.items()]) for s in job.scores.select_related("by")]
    return render(request, "paytransparency/job.html", {
        "organisation": organisation, "membership": membership, "job": job, "form": form, "history": history,
        "may_change": membership.allows(ANALYST)}, status=400 if form.errors else 200)


@member_required()
def plan_page(request: HttpRequest, organisation: Organisation, membership: Membership) -> HttpResponse:
    evaluation = services.evaluation_of(organisation)
    form = PlanForm(request.POST or None, evaluation=evaluation)
    if request.method == "POST":
        _may_change(membership)
        if form.is_valid():
            weights, subs = form.plan_data
            evaluation.factor_weights, evaluation.subfactors = weights, subs
            evaluation.band_width = form.cleaned_data.get("band_width")
            evaluation.boundaries = form.cleaned_data["boundaries"]
            evaluation.updated_by = request.user
            evaluation.save()
            messages.success(request, _("The factor plan was saved."))
            return redirect("paytransparency:jobs", slug=organisation.slug)
    return render(request, "paytransparency/plan.html", {
        "organisation": organisation, "membership": membership, "form": form,
        "may_change": membership.allows(ANALYST)},
        status=400 if form.errors else 200)
