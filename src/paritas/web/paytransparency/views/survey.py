"""The pay survey's pages (docs/paytransparency.md § Pay survey): the surveys and a new one from a
snapshot; a survey with its texts and its findings by comparison; a finding's analysis and action, carried
into an equality plan; the owner's approval and the report as PDF in Swedish, German or English. Analysts
and owners only: the comparisons show the pay of small groups."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from paritas.web import pdf
from paritas.web.organisations.models import Membership, Organisation
from paritas.web.organisations.permissions import member_required
from paritas.web.paytransparency.forms import FindingForm, PlanVersionForm, SurveyForm, SurveyTextsForm
from paritas.web.paytransparency.models import Finding, PaySurvey
from paritas.web.paytransparency.services import survey as services

ANALYST, OWNER = Membership.Role.ANALYST, Membership.Role.OWNER


@member_required(ANALYST)
def surveys_page(request: HttpRequest, organisation: Organisation, membership: Membership) -> HttpResponse:
    form = SurveyForm(request.POST or None, organisation=organisation, initial={"year": timezone.localdate().year})
    if request.method == "POST" and form.is_valid():
        try:
            survey = services.create_survey(organisation, form.cleaned_data["year"], form.cleaned_data["snapshot"],
                                            request.user)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return redirect("paytransparency:survey", slug=organisation.slug, pk=survey.pk)
    return render(request, "paytransparency/surveys.html", {
        "organisation": organisation, "membership": membership, "form": form,
        "surveys": PaySurvey.objects.filter(organisation=organisation).select_related("snapshot")},
        status=400 if form.errors else 200)


def _survey(organisation: Organisation, pk: int) -> PaySurvey:
    return get_object_or_404(PaySurvey.objects.select_related("snapshot"), pk=pk, organisation=organisation)


def survey_context(survey: PaySurvey) -> dict[str, object]:
    findings = list(survey.findings.select_related("measure"))
    return {"survey": survey, "total_cost": services.total_cost(survey),
            "groups": [(kind, label, [f for f in findings if f.kind == kind]) for kind, label in Finding.Kind.choices],
            "open_count": sum(1 for f in findings if f.verdict == Finding.Verdict.OPEN),
            "actions": [f for f in findings if f.action]}


@member_required(ANALYST)
def survey_page(request: HttpRequest, organisation: Organisation, membership: Membership, pk: int) -> HttpResponse:
    survey = _survey(organisation, pk)
    action = request.POST.get("action") if request.method == "POST" else None
    texts = SurveyTextsForm(request.POST if action == "texts" else None, instance=survey)
    if action == "texts" and texts.is_valid():
        if survey.approved_at:
            messages.error(request, _("An approved survey cannot be changed."))
        else:
            texts.save()
            messages.success(request, _("The survey was saved."))
        return redirect(request.path)
    if action == "approve":
        if not membership.allows(OWNER):
            raise PermissionDenied
        try:
            services.approve(survey, request.user)
            messages.success(request, _("The survey was approved."))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        return redirect(request.path)
    if action not in (None, "texts"):
        raise Http404
    return render(request, "paytransparency/survey.html", {
        "organisation": organisation, "membership": membership, "texts": texts,
        "may_approve": membership.allows(OWNER), **survey_context(survey)}, status=400 if texts.errors else 200)


@member_required(ANALYST)
def finding_page(request: HttpRequest, organisation: Organisation, membership: Membership, pk: int,
                 finding: int) -> HttpResponse:
    survey = _survey(organisation, pk)
    item = get_object_or_404(Finding, pk=finding, survey=survey)
    action = request.POST.get("action") if request.method == "POST" else None
    # prefixed: the finding's own field "action" (what is to be done) must not be the form's discriminator
    form = FindingForm(request.POST if action == "analyse" else None, instance=item, prefix="finding")
    plan_form = PlanVersionForm(request.POST if action == "plan" else None, organisation=organisation)
    if action == "analyse" and form.is_valid():
        item.refresh_from_db()
        try:
            services.analyse(item, request.user, **{k: form.cleaned_data[k] for k in (
                "analysis", "verdict", "justified_by", "action", "cost", "deadline")})
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The analysis was saved."))
            return redirect("paytransparency:survey", slug=organisation.slug, pk=survey.pk)
    elif action == "plan" and plan_form.is_valid():
        try:
            services.carry_into_plan(item, plan_form.cleaned_data["version"], request.user)
        except ValidationError as exc:
            plan_form.add_error(None, exc)
        else:
            messages.success(request, _("The action is now a measure of the plan."))
            return redirect(request.path)
    elif action not in (None, "analyse", "plan"):
        raise Http404
    return render(request, "paytransparency/finding.html", {
        "organisation": organisation, "membership": membership, "survey": survey, "item": item, "form": form,
        "plan_form": plan_form, "f": item.figures},
        status=400 if (form.errors or plan_form.errors) else 200)


@member_required(ANALYST)
def survey_pdf(request: HttpRequest, organisation: Organisation, membership: Membership, pk: int) -> HttpResponse:
    """The pay survey's report: rendered by a job, whose page hands out the file."""
    from paritas.web.jobs import documents

    survey = _survey(organisation, pk)
    lang = request.GET.get("lang") or translation.get_language()[:2]
    lang = lang if lang in ("de", "sv", "en") else organisation.language
    return documents.submit(request, organisation, Membership.Role.ANALYST, "pay_survey", survey=survey.pk, lang=lang)


def survey_report_pdf(survey: PaySurvey, lang: str) -> tuple[bytes, str]:
    """The pay survey's report as PDF, and its file name."""
    organisation = survey.organisation
    with translation.override(lang):
        context = {**survey_context(survey), "organisation": organisation, **pdf.page_css(_, organisation.name)}
    return (pdf.render_pdf("paytransparency/survey_pdf.html", context, lang),
            pdf.filename(organisation.name, f"pay-survey-{survey.year}", survey.snapshot.reference_date, lang))
