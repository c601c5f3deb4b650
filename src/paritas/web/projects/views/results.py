"""The monthly reports to the funder (made, corrected, downloaded), the outcome page with its charts and
tables, and the final report as PDF in de/sv/en. Staff only."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib import messages
from django.db.models.functions import Length
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from paritas.analytics.privacy import SuppressionRule
from paritas.reports.i18n import Translator
from paritas.web import pdf
from paritas.web.accounts import audit
from paritas.web.accounts.models import AuditEvent
from paritas.web.downloads import download
from paritas.web.i18n import report_language
from paritas.web.projects import permissions
from paritas.web.projects.models import MonthlyReport, Project
from paritas.web.projects.services import budget as budget_service
from paritas.web.projects.services import outcome, reports
from paritas.web.rendered import Rendered
from paritas.web.workforce import charts

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
#: Charts by their language and data: the same figures are drawn by vl-convert once per worker.
CHARTS = Rendered(128)


def _chart(lang: str, title: str, groups: list[str], series: list[tuple[str, str]], values: list[list[float | None]],
           labels: dict[str, str], fmt: Any) -> charts.Chart:
    key = (lang, title, tuple(groups), tuple(series), tuple(tuple(v) for v in values), tuple(labels.items()))
    found = CHARTS.get(key)
    if found is None:
        found = charts.grouped_bars(title, groups, series, values, labels, fmt, lang)
        CHARTS.put(key, found)
    return found


def monthly(request: HttpRequest, slug: str) -> HttpResponse:
    project = permissions.staffed(request.user, slug)
    if request.method == "POST":
        try:
            month = date.fromisoformat((request.POST.get("month") or "") + "-01")
        except ValueError:
            raise Http404 from None
        try:
            report = reports.report_month(project, month, request.user, timezone.localdate())
        except reports.NotDue as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, (_("The correction of %(month)s was made (version %(v)d).")
                                       if report.version > 1 else _("The report of %(month)s was made."))
                             % {"month": f"{month:%Y-%m}", "v": report.version})
        return redirect("projects:monthly", slug=slug)
    months = reports.status(project, timezone.localdate())
    history = (project.monthly_reports.defer("workbook").annotate(size=Length("workbook"))
               .order_by("-month", "-version"))
    return render(request, "projects/monthly.html", {"project": project, "months": months, "history": history})


def monthly_file(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    project = permissions.staffed(request.user, slug)
    report = get_object_or_404(MonthlyReport, pk=pk, project=project)
    if not report.workbook:
        raise Http404  # dropped after the retention period
    audit.record(project.owner, request.user, AuditEvent.Action.EXPORTED,
                 detail=f"project {project.slug}: participant report {report.month:%Y-%m} v{report.version}")
    return download(bytes(report.workbook), XLSX, f"{project.slug}-{report.month:%Y-%m}-v{report.version}.xlsx")


def _rule(project: Project) -> SuppressionRule:
    return SuppressionRule(project.owner.min_group_size)


def _context(project: Project, lang: str) -> dict[str, Any]:
    """Everything the outcome page and the final report show, in ``lang``."""
    t = Translator(lang)
    rule = _rule(project)
    periods = outcome.periods(project, rule)
    spent = budget_service.budget(project)
    with translation.override(lang):
        years = [p for p in periods if p.year is not None]
        shown = [0, 1] + ([2] if any(p.participants.by_gender[2] for p in years) else [])
        gender_labels = [[("women", _("women")), ("men", _("men")), ("other", _("other"))][i] for i in shown]
        participation = _chart(
            lang, _("Participants per year by gender"), [str(p.year) for p in years], gender_labels,
            [[None if p.participants.by_gender[i] is None else float(p.participants.by_gender[i]) for i in shown]
             for p in years],
            {"value": _("participants"), "group": _("year")}, t.integer) if any(
            p.participants.by_gender[i] for p in years for i in shown) else None  # all hidden: the table says so
        sources = spent.by_source()
        money_chart = _chart(
            lang, _("Budget by source: planned and actual"), [s for s, _p, _a in sources],
            [("planned", _("planned")), ("actual", _("actual"))],
            [[float(p), float(a)] for _s, p, a in sources], {"value": project.currency, "group": _("source")},
            lambda v: t.money(v, project.currency)) if sources else None
        return {"project": project, "periods": periods, "total": periods[-1] if periods else None,
                "budget": spent, "sources": sources, "goals": outcome.goal_values(project),
                "full_time": outcome.full_time(project), "rule": rule, "t": t,
                "participation_chart": participation, "money_chart": money_chart,
                "planned": outcome.planned_participants(project)}


def outcome_page(request: HttpRequest, slug: str) -> HttpResponse:
    project = permissions.staffed(request.user, slug)
    lang = translation.get_language() or "de"
    return render(request, "projects/outcome.html", _context(project, lang if lang in ("de", "sv", "en") else "de"))


def final_report(request: HttpRequest, slug: str) -> HttpResponse:
    """The final report: the outcome as a tagged PDF in ``?lang=`` (else the reader's language), rendered
    by a job (projects.documents), whose page hands out the file when it is ready."""
    from paritas.web.jobs import documents

    project = permissions.staffed(request.user, slug)
    lang = report_language(request)
    audit.record(project.owner, request.user, AuditEvent.Action.EXPORTED,
                 detail=f"project {project.slug}: final report ({lang})")
    return documents.submit_personal(request, "project_final_report", organisation=project.owner,
                                     project=project.slug, lang=lang)


def final_report_pdf(project: Project, lang: str) -> tuple[bytes, str]:
    """The final report's PDF in ``lang`` and its file name."""
    with translation.override(lang):
        context = _context(project, lang)
        context.update(pdf.page_css(_, f"{project.name} · {_('Final report')}"))
        name = pdf.filename(project.name, _("final report"), project.ends_on, lang)
    return pdf.render_pdf("projects/final_pdf.html", context, lang), name
