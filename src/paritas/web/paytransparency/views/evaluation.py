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
from paritas.web.paytransparency.forms import MergeForm, PlanForm, ScoreForm, SubFactorForm
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
    names = evaluation.names()
    history = [(s, [(subfactor_name(k, names), v) for k, v in s.levels.items()])
               for s in job.scores.select_related("by")]
    return render(request, "paytransparency/job.html", {
        "organisation": organisation, "membership": membership, "job": job, "form": form, "history": history,
        "may_change": membership.allows(ANALYST)}, status=400 if form.errors else 200)


@member_required()
def plan_page(request: HttpRequest, organisation: Organisation, membership: Membership) -> HttpResponse:
    evaluation = services.evaluation_of(organisation)
    action = request.POST.get("action", "plan") if request.method == "POST" else None
    form = PlanForm(request.POST if action == "plan" else None, evaluation=evaluation)
    sub_form = SubFactorForm(request.POST if action == "add_sub" else None)
    if action is not None:
        _may_change(membership)
    if action == "plan" and form.is_valid():
        weights, subs = form.plan_data
        evaluation.factor_weights, evaluation.subfactors = weights, subs
        evaluation.band_width = form.cleaned_data.get("band_width")
        evaluation.boundaries = form.cleaned_data["boundaries"]
        evaluation.updated_by = request.user
        evaluation.save()
        messages.success(request, _("The factor plan was saved."))
        return redirect("paytransparency:jobs", slug=organisation.slug)
    if action == "add_sub" and sub_form.is_valid():
        try:
            services.add_subfactor(evaluation, request.user, **sub_form.cleaned_data)
        except ValidationError as exc:
            sub_form.add_error(None, exc)
        else:
            messages.success(request, _("The sub-factor was added; check the weights."))
            return redirect(request.path)
    if action == "remove_sub":
        try:
            services.remove_subfactor(evaluation, request.user, request.POST.get("key", ""))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("The sub-factor was removed; check the weights."))
        return redirect(request.path)
    if action not in (None, "plan", "add_sub"):
        raise Http404
    names = evaluation.names()
    return render(request, "paytransparency/plan.html", {
        "organisation": organisation, "membership": membership, "form": form, "sub_form": sub_form,
        "may_change": membership.allows(ANALYST),
        "subfactors": [(s["key"], subfactor_name(s["key"], names), FACTOR_NAMES[s["factor"]])
                       for s in evaluation.subfactors]},
        status=400 if (form.errors or sub_form.errors) else 200)
