"""Workforce pages: snapshots of an organisation, uploads, dashboards, reports. Thin: rules live in
services.py, labels in presenters.py, permissions in organisations/permissions.py."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.db import transaction
from django.http import FileResponse, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST

from paritas.analytics.problems import Problem
from paritas.analytics.schema import COLUMNS
from paritas.reports import labels
from paritas.reports import messages as problem_messages
from paritas.reports.i18n import LANGUAGES, Translator
from paritas.web.accounts import audit
from paritas.web.accounts.models import AuditEvent
from paritas.web.downloads import csv_download
from paritas.web.i18n import report_language
from paritas.web.jobs import presenters as job_presenters
from paritas.web.jobs.models import Job
from paritas.web.organisations.models import Membership, Organisation
from paritas.web.organisations.permissions import member_required
from paritas.web.rendered import Rendered
from paritas.web.workforce import jobs as upload_jobs
from paritas.web.workforce import presenters, services, uploads
from paritas.web.workforce.forms import UploadForm
from paritas.web.workforce.models import PendingUpload, Snapshot

ANALYST = Membership.Role.ANALYST
OWNER = Membership.Role.OWNER


#: Columns in the order of the HR data contract (personnel number, gender, … as docs/hr-data.md).
_CONTRACT_ORDER = {c.name: i for i, c in enumerate(COLUMNS)}


def schema_order(name: str) -> int:
    return _CONTRACT_ORDER.get(name, len(_CONTRACT_ORDER))


def report_filename(organisation: Organisation, snapshot: Snapshot, lang: str, extension: str) -> str:
    """The report's file name in its language: organisation, report and reference date."""
    from django.utils import translation

    from paritas.web import pdf

    with translation.override(lang):
        return pdf.filename(organisation.name, _("structure-and-pay-report"), snapshot.reference_date, lang,
                            extension)




@member_required()
def snapshots(request: HttpRequest, organisation: Organisation, membership: Membership) -> HttpResponse:
    lang = report_language(request)
    points = services.trend(organisation)
    key = f"paritas:trend:{organisation.pk}:{lang}:" + ",".join(str(p["snapshot"]) for p in points)
    trend = cache.get(key)
    if trend is None:
        trend = presenters.trend_chart(points, Translator(lang)) or False
        cache.set(key, trend, 24 * 3600)
    return render(request, "workforce/snapshots.html", {
        "organisation": organisation, "membership": membership,
        "snapshots": organisation.snapshots.defer("xlsx", "raw_rows", "paygap", "summary"), "trend": trend or None,
        "can_upload": membership.allows(ANALYST)})


def _problem_rows(problems: Sequence[Problem], t: Translator) -> list[dict[str, Any]]:
    return [{"severity": p.severity, "row": p.row, "column": p.column, "value": p.value,
             "message": problem_messages.message(p, t)} for p in problems[:500]]


@csrf_exempt  # checked below (_upload_form), once the file's handler is set: the middleware would read the body first
@member_required(ANALYST)
def upload(request: HttpRequest, organisation: Organisation, membership: Membership) -> HttpResponse:
    """The upload form; a valid file goes to a worker to be checked (jobs.submit_check), and the user to
    the job's progress page, or at once to its outcome where it is already known. The file is received
    into the spool, encrypted as it arrives (workforce.uploads); one no job took over is deleted."""
    uploads.receive_into_spool(request)
    try:
        return _upload_form(request, organisation, membership)
    finally:
        uploads.discard_unadopted(request)


@csrf_protect
def _upload_form(request: HttpRequest, organisation: Organisation, membership: Membership) -> HttpResponse:
    t = Translator(report_language(request))
    form = UploadForm(request.POST or None, request.FILES or None)
    context: dict[str, Any] = {"organisation": organisation, "membership": membership, "form": form,
                               "limit": settings.MAX_UPLOAD_MB}
    if request.method == "POST" and form.is_valid():
        file = form.cleaned_data["file"]
        too_big = services.size_problem(file.size)
        if too_big is not None:
            context.update(problems=_problem_rows(too_big.problems, t), error_count=1)
            return render(request, "workforce/upload.html", context, status=413)
        with transaction.atomic():
            job = upload_jobs.submit_check(organisation, request.user, file.name,
                                           file if isinstance(file, uploads.SealedUpload) else file.read(),
                                           form.cleaned_data["reference_date"])
        return _job_outcome(request, organisation, membership, _own_job(request, organisation, job.pk))
    return render(request, "workforce/upload.html", context)


def _own_job(request: HttpRequest, organisation: Organisation, pk: Any) -> Job:
    """One of the user's own upload jobs for this organisation (404 for anyone else's)."""
    return get_object_or_404(Job.objects.defer("output"), pk=pk, organisation=organisation,
                             user=request.user, kind__in=(Job.Kind.CHECK_UPLOAD, Job.Kind.ACCEPT_UPLOAD))


@member_required(ANALYST)
def upload_job(request: HttpRequest, organisation: Organisation, membership: Membership, job: str) -> HttpResponse:
    """An upload's job: its progress while it runs (as JSON for the page's script with ?format=json), its
    outcome once it has one."""
    found = _own_job(request, organisation, job)
    if request.GET.get("format") == "json":
        return JsonResponse(job_presenters.job_status(found, request.path))
    return _job_outcome(request, organisation, membership, found)


def _job_outcome(request: HttpRequest, organisation: Organisation, membership: Membership, job: Job
                 ) -> HttpResponse:
    """Where a job's user goes: its progress page while it runs; then the pending upload, the problems,
    the dashboard of the new snapshot, or the reason it failed."""
    page = reverse("workforce:upload_job", kwargs={"slug": organisation.slug, "job": job.pk})
    if not job.finished and request.path != page:  # the progress page has an address of its own
        return redirect(page)
    if not job.finished or job.state == Job.State.FAILED:
        return render(request, "workforce/job.html", {"organisation": organisation, "membership": membership,
                                                      **job_presenters.page_context(job, page + "?format=json")})
    result = job.result
    if "pending" in result:
        return redirect("workforce:pending", slug=organisation.slug, pk=result["pending"])
    if "snapshot" in result:
        if not Snapshot.objects.filter(pk=result["snapshot"], organisation=organisation).exists():
            return redirect("workforce:snapshots", slug=organisation.slug)
        messages.success(request, _("The export was saved as a snapshot; its rows were %(fate)s.") % {
            "fate": _("kept, encrypted") if organisation.keep_raw_rows else _("discarded")})
        return redirect("workforce:dashboard", slug=organisation.slug, pk=result["snapshot"])
    if result.get("exists"):
        messages.error(request, _("A snapshot for this reference date exists. Choose whether to replace it."))
        return redirect("workforce:pending", slug=organisation.slug, pk=job.params["pending"])
    if result.get("decided"):
        messages.info(request, _("This upload was saved or cancelled meanwhile."))
        return redirect("workforce:snapshots", slug=organisation.slug)
    t = Translator(report_language(request))
    report = upload_jobs.report_of(job)
    form = UploadForm(initial={"reference_date": job.params.get("reference_date")})
    return render(request, "workforce/upload.html", {
        "organisation": organisation, "membership": membership, "form": form, "limit": settings.MAX_UPLOAD_MB,
        "problems": _problem_rows(report.problems, t), "error_count": report.count("error"),
        "summary": problem_messages.render(report, t).splitlines()[0]}, status=422)


@member_required(ANALYST)
def pending(request: HttpRequest, organisation: Organisation, membership: Membership, pk: int) -> HttpResponse:
    # the checked rows are not read to show the preview (with PostgreSQL, they are in this row)
    item = get_object_or_404(PendingUpload.current().defer("content", "sealed_figures"), pk=pk,
                             organisation=organisation, user=request.user)
    if request.method == "POST":
        if request.POST.get("action") == "accept":
            with transaction.atomic():
                job = upload_jobs.submit_accept(item, request.user, replace=request.POST.get("replace") == "yes")
            return _job_outcome(request, organisation, membership, _own_job(request, organisation, job.pk))
        item.delete()
        messages.info(request, _("The upload was cancelled; nothing was kept."))
        return redirect("workforce:snapshots", slug=organisation.slug)
    t = Translator(report_language(request))
    preview = item.preview
    warnings = [Problem(**{**w, "params": tuple(w["params"].items())}) for w in preview.get("warnings", [])]
    groups = [problem_messages.Group.from_dict(g) for g in preview.get("warning_groups", [])]
    return render(request, "workforce/pending.html", {
        "organisation": organisation, "membership": membership, "item": item,
        "columns": [(labels.column_label(name, t), header) for name, header in
                    sorted(preview.get("columns", {}).items(), key=lambda kv: schema_order(kv[0]))],
        "warnings": _problem_rows(warnings, t),
        "warning_groups": [{"summary": problem_messages.group_summary(g, t),
                            "rows": problem_messages.group_rows(g, t)} for g in groups],
        "warning_count": preview.get("warning_count", 0), "existing": services.same_date(item)})


#: Fields a page rarely needs: the stored reports and the encrypted rows are loaded only when asked for.
HEAVY = ("xlsx", "raw_rows", "structure", "paygap", "summary", "assessment")


def _snapshot(organisation: Organisation, pk: int, *defer: str) -> Snapshot:
    return get_object_or_404(Snapshot.objects.defer(*defer), pk=pk, organisation=organisation)


#: By (snapshot, upload time, language): the same for every reader of the snapshot; 256 entries of ≈ 60 kB.
_RESULTS = Rendered(256)


def _results_html(snapshot: Snapshot, lang: str, request: HttpRequest) -> str:
    """The rendered figures, charts and tables of a snapshot in one language (kept, see web.rendered)."""
    key = (snapshot.pk, snapshot.created_at.timestamp(), lang)
    html = _RESULTS.get(key)
    if html is None:
        from django.utils import translation

        snapshot.refresh_from_db(fields=["structure", "paygap", "summary"])
        with translation.override(lang):
            html = str(render_to_string("workforce/_results.html", presenters.dashboard_context(snapshot, lang),
                                        request=request))
        _RESULTS.put(key, html)
    return mark_safe(html)  # our own template's output, escaped when it was rendered



@member_required()
def dashboard(request: HttpRequest, organisation: Organisation, membership: Membership, pk: int) -> HttpResponse:
    snapshot = _snapshot(organisation, pk, *HEAVY)  # the rendering is cached; a miss loads what it needs
    audit.record_view(organisation, request.user, snapshot.pk)
    lang = report_language(request)
    # Only the figures, charts and tables are cached (the same for every reader); the page around them —
    # navigation with the reader's name, messages, the role's parts, the CSRF token — is this request's.
    t = Translator(lang)
    context = {"organisation": organisation, "membership": membership, "languages": LANGUAGES,
               "snapshot": snapshot, "reference_date": t.date(snapshot.reference_date),
               "results": _results_html(snapshot, lang, request)}
    context["plan_targets"] = _plan_targets(organisation, lang)
    if membership.allows(OWNER):
        context["has_rows"] = Snapshot.objects.filter(pk=snapshot.pk, raw_rows__isnull=False).exists()
    if membership.allows(ANALYST):  # art. 10(2), 12(3): the withheld gaps, for the roles that may see them
        snapshot.refresh_from_db(fields=["assessment"])
        context.update(assessment=presenters.assessment_rows(snapshot, t),
                       assessment_header=[t("Category"), t("Women"), t("Men"), t("Mean gap"), t("Median gap")])
    return render(request, "workforce/dashboard.html", context)


def _plan_targets(organisation: Organisation, lang: str) -> list[dict[str, Any]]:
    """The targets of the organisation's plans (their latest versions) with their status, for the dashboard."""
    from django.utils import translation

    from paritas.web.plans import presenters as plan_presenters

    t = Translator(lang)
    out = []
    with translation.override(lang):
        for version in _latest_versions(organisation):
            for row in plan_presenters.target_rows(version, t):
                out.append({"plan": version.plan, "version": version, "row": row})
    return out


def _latest_versions(organisation: Organisation) -> list[Any]:
    from paritas.web.plans.models import PlanVersion

    latest: dict[int, Any] = {}
    for version in PlanVersion.objects.filter(plan__organisation=organisation).select_related("plan").order_by(
            "-number"):
        latest.setdefault(version.plan_id, version)
    return list(latest.values())


@member_required()
def report_pdf(request: HttpRequest, organisation: Organisation, membership: Membership, pk: int) -> HttpResponse:
    """The snapshot's report as PDF: rendered by a job, whose page hands out the file when it is ready."""
    from paritas.web.jobs import documents

    snapshot = _snapshot(organisation, pk)
    lang = report_language(request)
    audit.record(organisation, request.user, AuditEvent.Action.EXPORTED, snapshot.pk, f"pdf {lang}")
    return documents.submit(request, organisation, Membership.Role.VIEWER, "snapshot_report", snapshot=snapshot.pk,
                            lang=lang)


@member_required()
def report_xlsx(request: HttpRequest, organisation: Organisation, membership: Membership, pk: int) -> HttpResponse:
    import io

    snapshot = _snapshot(organisation, pk)
    lang = report_language(request)
    data = services.xlsx_report(snapshot, lang, request.user)
    return FileResponse(io.BytesIO(data), as_attachment=True,
                        filename=report_filename(organisation, snapshot, lang, "xlsx"),
                        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


@require_POST
@member_required(OWNER)
def rows_csv(request: HttpRequest, organisation: Organisation, membership: Membership, pk: int) -> HttpResponse:
    """The kept rows of a snapshot for its owners, as CSV (cells neutralised); the access is audited."""
    snapshot = _snapshot(organisation, pk)
    frame = services.raw_rows(snapshot, request.user)
    if frame is None:
        return HttpResponse(_("The rows of this snapshot were not kept."), status=404, content_type="text/plain")
    name = report_filename(organisation, snapshot, report_language(request), "csv").replace(".csv", "-rows.csv")
    return csv_download(frame.columns, frame.iter_rows(), name)


@require_POST
@member_required(OWNER)
def delete(request: HttpRequest, organisation: Organisation, membership: Membership, pk: int) -> HttpResponse:
    snapshot = _snapshot(organisation, pk)
    services.delete_snapshot(snapshot, request.user)
    messages.success(request, _("The snapshot and everything derived from it were deleted."))
    return redirect("workforce:snapshots", slug=organisation.slug)


