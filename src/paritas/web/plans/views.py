"""Plan pages: the organisation's plans, a version with its analysis, targets, measures and changes, the
forms, the printed plan and its XLSX. Thin: rules in services.py, labels in presenters.py, permissions
in organisations/permissions.py (owners and analysts edit, viewers read)."""

from __future__ import annotations

import io
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from paritas.reports.i18n import LANGUAGES, Translator
from paritas.web.downloads import download
from paritas.web.i18n import report_language
from paritas.web.ids import parse_id
from paritas.web.organisations.models import Membership, Organisation
from paritas.web.organisations.permissions import member_required
from paritas.web.plans import library, presenters, services
from paritas.web.plans.forms import DecisionForm, ImportForm, MeasureForm, PlanForm, StatementForm, TargetForm
from paritas.web.plans.models import Measure, Plan, PlanVersion, Target
from paritas.web.rendered import Rendered

ANALYST = Membership.Role.ANALYST
OWNER = Membership.Role.OWNER




def _version(organisation: Organisation, pk: int) -> PlanVersion:
    return get_object_or_404(PlanVersion.objects.select_related("plan"), pk=pk, plan__organisation=organisation)


def _errors(exc: ValidationError) -> str:
    return " ".join(exc.messages)


@member_required()
def plans(request: HttpRequest, organisation: Organisation, membership: Membership) -> HttpResponse:
    members = organisation.memberships.values_list("user", flat=True)
    from django.contrib.auth import get_user_model

    form = PlanForm(request.POST or None, members=get_user_model().objects.filter(pk__in=members))
    if request.method == "POST":
        if not membership.allows(ANALYST):
            raise PermissionDenied
        if form.is_valid():
            try:
                version = services.create_plan(
                    organisation, request.user, title=form.cleaned_data["title"], kind=form.cleaned_data["kind"],
                    legal_basis=form.cleaned_data["legal_basis"], period_start=form.cleaned_data["period_start"],
                    period_end=form.cleaned_data["period_end"], departments=form.departments(),
                    equality_officer=form.cleaned_data.get("equality_officer"))
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("The plan was created with the last reference dates."))
                return redirect("plans:version", slug=organisation.slug, pk=version.pk)
    listed = [(plan, plan.versions.order_by("-number").first())
              for plan in organisation.plans.prefetch_related("versions")]
    return render(request, "plans/plans.html", {"organisation": organisation, "membership": membership,
                                                "plans": listed, "form": form,
                                                "checklists": services.checklist_programmes(),
                                                "can_edit": membership.allows(ANALYST)})


#: Progress charts by (version, its last change, its snapshots, language): drawing one (vl-convert) takes
#: longer than the rest of the page; a version's chart changes only with a recorded change.
_CHARTS = Rendered(128)


def _chart(version: PlanVersion, rows: list[Any], t: Translator, lang: str) -> Any:
    last = version.changes.order_by("-pk").values_list("pk", flat=True).first()
    key = (version.pk, last, tuple(sorted(version.snapshots.values_list("pk", flat=True))), lang)
    chart = _CHARTS.get(key)
    if chart is None:
        chart = presenters.progress_chart(rows, t, lang)
        _CHARTS.put(key, chart)
    return chart


def _context(organisation: Organisation, membership: Membership, version: PlanVersion, lang: str
             ) -> dict[str, Any]:
    t = Translator(lang)
    points = services.points(version)
    with translation.override(lang):
        rows = presenters.target_rows(version, t, points)
        context = {
            "organisation": organisation, "membership": membership, "version": version, "plan": version.plan,
            "analysis": presenters.analysis(version, t, points), "targets": rows,
            "target_header": presenters.target_header(t), "target_table": presenters.target_table(rows),
            "chart": _chart(version, rows, t, lang),
            "measure_header": presenters.measure_header(t), "measure_table": presenters.measure_table(version, t),
            "diff": services.diff(version), "dates": [t.date(p.date) for p in points],
            "versions": version.plan.versions.order_by("number"),
        }
    context["measures"] = list(version.measures.all())
    context["measure_rows"] = list(zip(context["measures"], context["measure_table"], strict=True))
    return context


@member_required()
def version(request: HttpRequest, organisation: Organisation, membership: Membership, pk: int) -> HttpResponse:
    item = _version(organisation, pk)
    lang = report_language(request)
    context = _context(organisation, membership, item, lang)
    context.update({
        "can_edit": membership.allows(ANALYST) and item.editable, "can_decide": membership.allows(OWNER),
        "can_state": services.may_write_statement(item, request.user) and item.status != PlanVersion.Status.APPROVED,
        "decision_form": DecisionForm(), "statement_form": StatementForm(initial={"statement": item.statement}),
        "library": library.MEASURES, "languages": LANGUAGES, "history": item.changes.select_related("user")[:50],
        "snapshots": organisation.snapshots.defer("xlsx", "raw_rows", "summary", "structure", "paygap"),
        "chosen": set(item.snapshots.values_list("pk", flat=True)),
        "newest": item.plan.versions.order_by("-number").first() == item})
    return render(request, "plans/version.html", context)


@require_POST
@member_required()
def action(request: HttpRequest, organisation: Organisation, membership: Membership, pk: int) -> HttpResponse:
    """The buttons of a version page: submit, decide, statement, next version, reference dates, library,
    delete a target or measure. Each goes through a service, which checks the role."""
    item = _version(organisation, pk)
    name = request.POST.get("action", "")
    target_url = redirect("plans:version", slug=organisation.slug, pk=item.pk)
    try:
        if name == "submit":
            services.submit(item, request.user)
            messages.success(request, _("The version was submitted."))
        elif name in ("approve", "return"):
            form = DecisionForm(request.POST)
            form.is_valid()
            data = form.cleaned_data
            services.decide(item, request.user, name == "approve", data.get("board", ""), data.get("reference", ""),
                            data.get("note", ""))
            messages.success(request, _("The decision was recorded."))
        elif name == "statement":
            services.set_statement(item, request.user, request.POST.get("statement", ""))
            messages.success(request, _("The statement was saved."))
        elif name == "new_version":
            created = services.new_version(item, request.user)
            messages.success(request, _("Version %(n)s was started as a copy of this one.") % {"n": created.number})
            return redirect("plans:version", slug=organisation.slug, pk=created.pk)
        elif name == "snapshots":
            chosen = [parse_id(v) for v in request.POST.getlist("snapshot")]
            found = list(organisation.snapshots.filter(pk__in=[c for c in chosen if c is not None]))
            services.set_snapshots(item, request.user, found)
        elif name == "library":
            services.add_from_library(item, request.user, request.POST.get("key", ""))
            messages.success(request, _("The measure was added; edit it to fit."))
        elif name == "delete_target":
            target = get_object_or_404(Target, pk=parse_id(request.POST.get("target")) or 0, version=item)
            services.delete_target(target, request.user)
        elif name == "delete_measure":
            measure = get_object_or_404(Measure, pk=parse_id(request.POST.get("measure")) or 0, version=item)
            services.delete_measure(measure, request.user)
        else:
            raise Http404
    except ValidationError as exc:
        messages.error(request, _errors(exc))
    return target_url


@member_required(ANALYST)
def target_form(request: HttpRequest, organisation: Organisation, membership: Membership, pk: int,
                target: int | None = None) -> HttpResponse:
    item = _version(organisation, pk)
    instance = get_object_or_404(Target, pk=target, version=item) if target else None
    form = TargetForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        data = {**form.cleaned_data, "interim": form.cleaned_data["interim_text"]}
        try:
            services.save_target(item, request.user, data, target=Target.objects.get(pk=instance.pk) if instance
                                 else None)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return redirect("plans:version", slug=organisation.slug, pk=item.pk)
    return render(request, "plans/form.html", {"organisation": organisation, "membership": membership,
                                               "version": item, "form": form,
                                               "title": _("Change the target") if instance else _("New target")})


@member_required(ANALYST)
def measure_form(request: HttpRequest, organisation: Organisation, membership: Membership, pk: int,
                 measure: int | None = None) -> HttpResponse:
    item = _version(organisation, pk)
    instance = get_object_or_404(Measure, pk=measure, version=item) if measure else None
    form = MeasureForm(request.POST or None, instance=instance, targets=item.targets.all())
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.save_measure(item, request.user, form.cleaned_data,
                                          measure=Measure.objects.get(pk=instance.pk) if instance else None,
                                          targets=list(form.cleaned_data.get("targets") or []))
            if form.cleaned_data.get("reported_on") is not None:
                services.report_value(saved, request.user, form.cleaned_data["reported_on"],
                                      form.cleaned_data["reported_value"])
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                for field, errors in exc.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, exc)
        else:
            return redirect("plans:version", slug=organisation.slug, pk=item.pk)
    return render(request, "plans/form.html", {"organisation": organisation, "membership": membership,
                                               "version": item, "form": form,
                                               "title": _("Change the measure") if instance else _("New measure")})


@member_required(ANALYST)
def import_measures(request: HttpRequest, organisation: Organisation, membership: Membership, pk: int) -> HttpResponse:
    item = _version(organisation, pk)
    form = ImportForm(request.POST or None, request.FILES or None)
    problems: list[services.ImportProblem] = []
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            made, problems = services.import_measures(item, request.user, form.cleaned_data["file"].read())
        except ValidationError as exc:
            form.add_error(None, exc)
            status = 422
        else:
            if not problems:
                messages.success(request, _("%(n)s measures were imported.") % {"n": len(made)})
                return redirect("plans:version", slug=organisation.slug, pk=item.pk)
            status = 422
    return render(request, "plans/import.html", {"organisation": organisation, "membership": membership,
                                                 "version": item, "form": form, "problems": problems}, status=status)


def filename(version: PlanVersion, lang: str, extension: str) -> str:
    from django.utils.text import slugify

    return f"{slugify(version.plan.organisation.name)}-{slugify(version.plan.title)}-{version.year}-{lang}.{extension}"


@member_required()
def version_pdf(request: HttpRequest, organisation: Organisation, membership: Membership, pk: int) -> HttpResponse:
    """The printed plan: rendered by a job, whose page hands out the file when it is ready."""
    from paritas.web.jobs import documents

    item = _version(organisation, pk)
    return documents.submit(request, organisation, Membership.Role.VIEWER, "plan_version", version=item.pk,
                            lang=report_language(request))


def print_context(organisation: Organisation, membership: Membership, item: PlanVersion, lang: str
                  ) -> dict[str, Any]:
    """The printed plan's template context."""
    from django.utils import timezone

    from paritas.web import pdf

    context = _context(organisation, membership, item, lang)
    t = Translator(lang)
    context.update({"today": t.date(timezone.localdate()),
                    "decided_on": t.date(timezone.localtime(item.decided_at).date()) if item.decided_at else None,
                    **pdf.page_css(t, f"{organisation.name} · {item.plan.title} {item.year}")})
    return context


@member_required()
def version_xlsx(request: HttpRequest, organisation: Organisation, membership: Membership, pk: int) -> HttpResponse:
    from paritas.reports.xlsx import Sheet, write_workbook

    item = _version(organisation, pk)
    lang = report_language(request)
    t = Translator(lang)
    with translation.override(lang):
        rows = presenters.target_rows(item, t)
        sheets = [Sheet(t("Targets"), presenters.target_header(t), presenters.target_table(rows),
                        title=f"{item.plan.title} {item.year}"),
                  Sheet(t("Measures"), presenters.measure_header(t), presenters.measure_table(item, t),
                        title=f"{item.plan.title} {item.year}")]
    buffer = io.BytesIO()
    write_workbook(buffer, sheets)
    return download(buffer.getvalue(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    filename(item, lang, "xlsx"))


@member_required()
def checklist(request: HttpRequest, organisation: Organisation, membership: Membership, programme: int) -> HttpResponse:
    """A programme's checklist as self-assessment: tick what the organisation does; an unticked item
    becomes a measure of an open plan version in one click."""
    from paritas.web.awards.models import Question

    item = get_object_or_404(services.checklist_programmes(), pk=programme)
    questions = services.checklist(item)
    if request.method == "POST":
        if not membership.allows(ANALYST):
            raise PermissionDenied
        try:
            if request.POST.get("action") == "measure":
                question = get_object_or_404(Question, pk=parse_id(request.POST.get("question")) or 0,
                                             criterion__area__programme=item)
                version = get_object_or_404(PlanVersion, pk=parse_id(request.POST.get("version")) or 0,
                                            plan__organisation=organisation)
                services.measure_from_checklist(version, request.user, question)
                messages.success(request, _("The item is now a measure of %(plan)s.") % {"plan": str(version)})
            else:
                ticked = {parse_id(v) for v in request.POST.getlist("item")} - {None}
                services.save_self_assessment(organisation, request.user, item, ticked)  # type: ignore[arg-type]
                messages.success(request, _("The self-assessment was saved."))
        except ValidationError as exc:
            messages.error(request, _errors(exc))
        return redirect("plans:checklist", slug=organisation.slug, programme=item.pk)
    answers = services.self_assessed(organisation, item)
    open_versions = [v for v in PlanVersion.objects.filter(plan__organisation=organisation).select_related("plan")
                     if v.editable]
    return render(request, "plans/checklist.html", {
        "organisation": organisation, "membership": membership, "programme": item,
        "items": [(q, answers.get(q.pk, False)) for q in questions], "open_versions": open_versions,
        "can_edit": membership.allows(ANALYST), "done": sum(answers.values()),
        "threshold": item.checklist_threshold})


@member_required()
def plan_latest(request: HttpRequest, organisation: Organisation, membership: Membership, pk: int) -> HttpResponse:
    plan = get_object_or_404(Plan, pk=pk, organisation=organisation)
    latest = plan.versions.order_by("-number").first()
    if latest is None:
        raise Http404
    return redirect("plans:version", slug=organisation.slug, pk=latest.pk)
