"""The pay reports and joint pay assessments (art. 9, 10): the list and a new report from a snapshot; a
report with its explanation, the day it was submitted, its flagged categories with their justification or
remedy, the six-month clock and the files for the monitoring body; the joint assessment with its content,
remedies carried into a plan, approval by an owner and the PDF for workers (small groups hidden) and for
representatives, the monitoring body and the inspectorate (in full). Analysts and owners only."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from paritas.web import pdf
from paritas.web.downloads import csv_download, download
from paritas.web.ids import parse_id
from paritas.web.organisations.models import Membership, Organisation
from paritas.web.organisations.permissions import member_required
from paritas.web.paytransparency.forms import (
    AssessmentForm,
    DecisionForm,
    ExplanationForm,
    PlanVersionForm,
    RemedyForm,
    ReportForm,
)
from paritas.web.paytransparency.models import FlaggedCategory, JointAssessment, PayReport, Remedy
from paritas.web.paytransparency.services import reports as services

ANALYST, OWNER = Membership.Role.ANALYST, Membership.Role.OWNER
PDF_LANGUAGES = (("de", "Deutsch"), ("sv", "Svenska"), ("en", "English"))


@member_required(ANALYST)
def reports_page(request: HttpRequest, organisation: Organisation, membership: Membership) -> HttpResponse:
    form = ReportForm(request.POST or None, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        try:
            report = services.create_report(organisation, form.cleaned_data["snapshot"], request.user)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return redirect("paytransparency:report", slug=organisation.slug, pk=report.pk)
    found = list(PayReport.objects.filter(organisation=organisation).select_related("snapshot")
                 .prefetch_related("flagged"))
    latest = found[0].snapshot if found else None
    return render(request, "paytransparency/reports.html", {
        "organisation": organisation, "membership": membership, "form": form,
        "reports": [(r, services.clock(r)) for r in found],
        "duty": services.duty(organisation, latest) if latest else None}, status=400 if form.errors else 200)


def _report(organisation: Organisation, pk: int) -> PayReport:
    return get_object_or_404(PayReport.objects.select_related("snapshot"), pk=pk, organisation=organisation)


@member_required(ANALYST)
def report_page(request: HttpRequest, organisation: Organisation, membership: Membership, pk: int) -> HttpResponse:
    report = _report(organisation, pk)
    action = request.POST.get("action") if request.method == "POST" else None
    texts = ExplanationForm(request.POST if action == "texts" else None,
                            initial={"explanation": report.explanation, "submitted_on": report.submitted_on})
    decision = DecisionForm(request.POST if action == "decide" else None, initial={"decided_on": timezone.localdate()})
    if action == "texts" and texts.is_valid():
        report.explanation = texts.cleaned_data["explanation"]
        report.save(update_fields=["explanation"])
        try:
            if texts.cleaned_data["submitted_on"]:
                services.submit(report, texts.cleaned_data["submitted_on"])
        except ValidationError as exc:
            texts.add_error("submitted_on", exc)
        else:
            messages.success(request, _("The report was saved."))
            return redirect(request.path)
    elif action == "decide" and decision.is_valid():
        flagged = get_object_or_404(FlaggedCategory, pk=parse_id(request.POST.get("flagged", "")) or 0, report=report)
        try:
            services.decide(flagged, request.user, decision.cleaned_data["outcome"],
                            decision.cleaned_data["justification"], decision.cleaned_data["decided_on"])
        except ValidationError as exc:
            decision.add_error(None, exc)
        else:
            messages.success(request, _("The decision was recorded."))
            return redirect(request.path)
    elif action == "start":
        try:
            services.start_assessment(report, timezone.localdate())
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect(request.path)
        return redirect("paytransparency:assessment", slug=organisation.slug, pk=report.pk)
    elif action not in (None, "texts", "decide"):
        raise Http404
    return render(request, "paytransparency/report.html", {
        "organisation": organisation, "membership": membership, "report": report, "texts": texts,
        "decision": decision, "clock": services.clock(report), "flagged": report.flagged.all(),
        "duty": services.duty(organisation, report.snapshot),
        "assessment": JointAssessment.objects.filter(report=report).first()},
        status=400 if (texts.errors or decision.errors) else 200)


@member_required(ANALYST)
def report_file(request: HttpRequest, organisation: Organisation, membership: Membership, pk: int,
                kind: str) -> HttpResponse:
    """The art. 9 report for the monitoring body: a PDF with the explanation, JSON (schema paritas.art9/1)
    or a long CSV table."""
    report = _report(organisation, pk)
    lang = organisation.language if organisation.language in ("de", "sv", "en") else "de"
    name = pdf.filename(organisation.name, "art9", report.snapshot.reference_date, lang, kind)
    if kind == "pdf":  # rendered by a job, whose page hands out the file
        from paritas.web.jobs import documents

        return documents.submit(request, organisation, ANALYST, "art9_report", report=report.pk, lang=lang)
    if kind == "json":
        return download(services.monitoring_body_json(report), "application/json", name)
    header, rows = services.monitoring_body_rows(report)
    return csv_download(header, rows, name)


def assessment_context(assessment: JointAssessment, full: bool) -> dict[str, Any]:
    """What the assessment page and its PDF show; ``full`` with the figures withheld from workers."""
    report = assessment.report
    return {"assessment": assessment, "report": report, "rows": services.category_rows(report, full),
            "flagged": report.flagged.all(), "remedies": assessment.remedies.select_related("measure"),
            "comments": assessment.comments.select_related("by"), "leave": services.leave_shares(assessment),
            "full": full, "min_group_size": report.snapshot.min_group_size}


def art9_pdf(report: PayReport, lang: str) -> tuple[bytes, str]:
    """The art. 9 report for the monitoring body as PDF, and its file name."""
    organisation = report.organisation
    with translation.override(lang):
        context = {"organisation": organisation, "report": report, "data": services.monitoring_body(report),
                   "duty": services.duty(organisation, report.snapshot), **pdf.page_css(_, organisation.name)}
    return (pdf.render_pdf("paytransparency/art9_pdf.html", context, lang),
            pdf.filename(organisation.name, "art9", report.snapshot.reference_date, lang, "pdf"))


def assessment_language(assessment: JointAssessment, lang: str) -> str:
    return lang if lang in ("de", "sv", "en") else assessment.report.organisation.language


def assessment_pdf(assessment: JointAssessment, full: bool, lang: str) -> tuple[bytes, str]:
    """The joint pay assessment as PDF (``full``: with the figures withheld from workers), and its file name."""
    organisation = assessment.report.organisation
    with translation.override(lang):
        context = {**assessment_context(assessment, full), "organisation": organisation,
                   **pdf.page_css(_, organisation.name)}
    document = pdf.render_pdf("paytransparency/assessment_pdf.html", context, lang)
    kind = "joint-pay-assessment" + ("" if full else "-workers")
    return document, pdf.filename(organisation.name, kind, assessment.report.snapshot.reference_date, lang)


@member_required(ANALYST)
def assessment_page(request: HttpRequest, organisation: Organisation, membership: Membership, pk: int) -> HttpResponse:
    report = _report(organisation, pk)
    found = get_object_or_404(JointAssessment, report=report)
    action = request.POST.get("action") if request.method == "POST" else None
    form = AssessmentForm(request.POST if action == "content" else None, instance=found)
    remedy = RemedyForm(request.POST if action == "remedy" else None)
    plan_form = PlanVersionForm(request.POST if action == "plan" else None, organisation=organisation)
    try:
        if action == "content" and form.is_valid():
            if found.approved_at:
                raise ValidationError(_("An approved assessment cannot be changed."))
            form.save()
            messages.success(request, _("The assessment was saved."))
            return redirect(request.path)
        if action == "remedy" and remedy.is_valid():
            services.add_remedy(found, remedy.cleaned_data)
            messages.success(request, _("The measure was added."))
            return redirect(request.path)
        if action == "plan" and plan_form.is_valid():
            item = get_object_or_404(Remedy, pk=parse_id(request.POST.get("remedy", "")) or 0, assessment=found)
            services.carry_into_plan(item, plan_form.cleaned_data["version"], request.user)
            messages.success(request, _("The measure is now part of the plan."))
            return redirect(request.path)
        if action == "approve":
            if not membership.allows(OWNER):
                raise PermissionDenied
            services.approve(found, request.user)
            messages.success(request, _("The assessment was approved."))
            return redirect(request.path)
        if action == "available":
            services.make_available(found, date.fromisoformat(request.POST.get("on") or ""))
            messages.success(request, _("Recorded as made available."))
            return redirect(request.path)
    except ValueError:
        messages.error(request, _("Give the date."))
        return redirect(request.path)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(request.path)
    if action not in (None, "content", "remedy", "plan"):
        raise Http404
    return render(request, "paytransparency/assessment.html", {
        "organisation": organisation, "membership": membership, "form": form, "remedy_form": remedy,
        "plan_form": plan_form, "may_approve": membership.allows(OWNER), "today": timezone.localdate(),
        "pdf_languages": PDF_LANGUAGES,
        **assessment_context(found, full=True)},
        status=400 if (form.errors or remedy.errors or plan_form.errors) else 200)


@member_required(ANALYST)
def assessment_file(request: HttpRequest, organisation: Organisation, membership: Membership, pk: int) -> HttpResponse:
    """The assessment's PDF, full or the workers' version: rendered by a job, whose page hands out the file."""
    from paritas.web.jobs import documents

    found = get_object_or_404(JointAssessment, report=_report(organisation, pk))
    return documents.submit(request, organisation, ANALYST, "joint_assessment", report=found.report_id,
                            full=request.GET.get("version") != "workers",
                            lang=assessment_language(found, request.GET.get("lang") or translation.get_language()[:2]))
