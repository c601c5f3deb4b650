"""The programme administrators' pages for a round's review: its stages (settings, reviewers, assignments,
the reviewers' workload with reminders, the selection of who moves on), the messages to applicants with
their log, the export of all reviews, and next year's round. Every view goes through
access.programme_admin_required."""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from paritas.web.awards import access, communications, editing, forms, mail, outcome, services
from paritas.web.awards.domain import stages
from paritas.web.awards.models import Assignment, Message, Programme, Round, Stage, StageEntry
from paritas.web.downloads import download
from paritas.web.ids import parse_id
from paritas.web.jobs import presenters as job_presenters
from paritas.web.jobs.models import Job

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def stage_of(round_: Round, stage_id: int) -> Stage:
    return get_object_or_404(Stage, round=round_, pk=stage_id)


def assignment_action(request: HttpRequest, programme: Programme, round_: Round, stage: Stage) -> None:
    """Assign by hand, take back, or assign balanced, in ``stage`` (shared by the round and stage pages)."""
    action = request.POST.get("action")
    if action == "assign":
        application = access.application_in(programme, editing.posted_id(request.POST, "application"))
        juror = services.reviewers(stage).filter(pk=editing.posted_id(request.POST, "juror")).first()
        if juror is None or application.round_id != round_.pk:
            raise Http404
        services.assign(application, juror, stage)
    elif action == "unassign":
        assignment = get_object_or_404(stage.assignments, pk=editing.posted_id(request.POST, "assignment"))
        services.unassign(assignment)
    elif action == "balanced":
        per = parse_id(request.POST.get("per_application", "2")) or 0
        if not 1 <= per <= 10:
            raise ValidationError(_("Between one and ten jurors per application."))
        made = services.assign_balanced(round_, per, stage)
        messages.success(request, _("%(n)s assignments were made.") % {"n": len(made)})
    else:
        raise Http404


def assignment_rows(stage: Stage) -> list[dict[str, Any]]:
    """The applications under review in the stage with their assignments there."""
    by_application: dict[int, list[Assignment]] = {}
    for a in stage.assignments.select_related("juror"):
        by_application.setdefault(a.application_id, []).append(a)
    return [{"application": a, "assignments": by_application.get(a.pk, [])}
            for a in stages.in_stage(stage, StageEntry.State.REVIEW)
            .select_related("organisation").order_by("organisation__name")] if stage else []


def workload(stage: Stage) -> list[dict[str, Any]]:
    """Per reviewer of the stage: assigned, started, submitted, outstanding, last reminded."""
    rows = []
    assignments = stage.assignments.filter(conflict_declared=False, application__status="submitted")
    counts = {r["juror_id"]: r for r in assignments.values("juror_id").annotate(
        assigned=Count("pk"), submitted=Count("pk", filter=Q(submitted_at__isnull=False)))}
    started = set(assignments.filter(submitted_at__isnull=True).filter(
        Q(scores__score__isnull=False) | ~Q(scores__comment="") | ~Q(recommendation="") | ~Q(note=""))
        .values_list("pk", flat=True).distinct())
    for juror in services.reviewers(stage).order_by("email"):
        mine = [a for a in assignments if a.juror_id == juror.pk]
        found = counts.get(juror.pk, {"assigned": 0, "submitted": 0})
        reminded = max((a.reminded_at for a in mine if a.reminded_at), default=None)
        rows.append({"juror": juror, "assigned": found["assigned"], "submitted": found["submitted"],
                     "started": sum(a.pk in started for a in mine),
                     "outstanding": found["assigned"] - found["submitted"],
                     "reminded": services.moment_label(reminded, stage.round.time_zone) if reminded else "–"})
    return rows


@access.programme_admin_required
def stage_detail(request: HttpRequest, programme: Programme, round_id: int, stage_id: int) -> HttpResponse:
    """One stage: settings, reviewers, assignments, workload and reminders, and who moves on."""
    round_ = access.round_of(programme, round_id)
    stage = stage_of(round_, stage_id)
    action = request.POST.get("action")
    form = forms.StageForm(request.POST if action == "settings" else None, instance=stage, round_=round_)
    reviewer_form = forms.JurorForm(request.POST if action == "add_reviewer" else None)
    if request.method == "POST":
        try:
            if action == "settings":
                if form.is_valid():
                    services.save_stage(form.save(commit=False))
                    form.save_m2m()
                    messages.success(request, _("The stage was saved."))
                    return redirect(request.path)
            elif action == "add_reviewer":
                if reviewer_form.is_valid():
                    user = reviewer_form.cleaned_data["email"]
                    round_.jurors.add(user)
                    stage.reviewers.add(user)
                    messages.success(request, _("The reviewer was added."))
                    return redirect(request.path)
            elif action == "remove_reviewer":
                user = get_object_or_404(stage.reviewers, pk=editing.posted_id(request.POST, "user"))
                if stage.assignments.filter(juror=user, submitted_at__isnull=False).exists():
                    raise ValidationError(_("This reviewer has submitted reviews in this stage and stays."))
                stage.assignments.filter(juror=user).delete()
                stage.reviewers.remove(user)
                return redirect(request.path)
            elif action == "remind":
                juror = None
                if request.POST.get("user"):
                    juror = get_object_or_404(services.reviewers(stage), pk=editing.posted_id(request.POST, "user"))
                sent = mail.remind(stage, request.user, juror)
                messages.success(request, _("%(n)s reminders were sent.") % {"n": sent})
                return redirect(request.path + "#workload")
            elif action == "select":
                chosen = {parse_id(v) for v in request.POST.getlist("moving_on")} - {None}
                moved, out = services.apply_selection(stage, chosen, request.user)  # type: ignore[arg-type]
                messages.success(request, _("%(moved)s applications move on, %(out)s do not.")
                                 % {"moved": moved, "out": out})
                return redirect(request.path + "#selection")
            elif action == "reopen":
                services.reopen_stage(stage, request.user)
                messages.success(request, _("The stage is open again; its selection was taken back."))
                return redirect(request.path + "#selection")
            elif action in ("advance", "drop", "reopen_one"):
                entry = get_object_or_404(stage.entries, pk=editing.posted_id(request.POST, "entry"))
                services.move(entry, "reopen" if action == "reopen_one" else action, request.user)
                return redirect(request.path + "#selection")
            elif action == "remove_stage":
                services.remove_stage(stage)
                messages.success(request, _("The stage was removed."))
                return redirect("awards:round", programme=programme.slug, round_id=round_.pk)
            else:
                assignment_action(request, programme, round_, stage)
                return redirect(request.path + "#assignments")
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect(request.path)
    workflow = services.Workflow.of(round_)
    last = workflow.is_last(stage.pk)
    candidates = [] if last else services.candidates(stage)
    decided = list(stage.entries.exclude(state=StageEntry.State.REVIEW).select_related("application__organisation")
                   .order_by("state", "application__organisation__name"))
    zone = ZoneInfo(round_.time_zone)
    return render(request, "awards/stage.html", {
        "programme": programme, "round": round_, "stage": stage, "form": form, "reviewer_form": reviewer_form,
        "phase": workflow.stages[workflow.index(stage.pk)].phase(timezone.now()), "last": last,
        "reviewers": services.reviewers(stage).order_by("email"),
        "named_reviewers": stage.reviewers.exists(),
        "rows": assignment_rows(stage) if stage.sheet != Stage.Sheet.NONE else [],
        "workload": workload(stage) if stage.sheet != Stage.Sheet.NONE else [],
        "candidates": [{"c": c, "mean": editing.percent_label(c.mean)} for c in candidates], "decided": decided,
        "closes": services.moment_label(stage.closes_at, round_.time_zone),
        "opens": services.moment_label(stage.opens_at, round_.time_zone),
        "days_left": services.days_left(stage, timezone.now().astimezone(zone).date()),
        "closed": services.round_state(round_) == "closed"})


@access.programme_admin_required
def messages_page(request: HttpRequest, programme: Programme, round_id: int) -> HttpResponse:
    """The chair's message to a group of applicants: a template, placeholders filled per recipient, a
    preview for any one of them, then sent; below, the log of everything the round sent."""
    round_ = access.round_of(programme, round_id)
    chosen = request.GET.get("template") or request.POST.get("template") or "closed"
    with translation.override(outcome.programme_language(programme)):
        try:
            subject, body = communications.template(chosen)
        except ValidationError:
            subject, body = communications.template("free")
    initial = {"template": chosen, "subject": subject, "body": body, "audience": "submitted"}
    posted = request.POST if request.method == "POST" and request.POST.get("action") in ("preview", "send") else None
    form = forms.MessageForm(posted, round_=round_, initial=initial)
    preview = None
    if posted is not None and form.is_valid():
        data = form.cleaned_data
        try:
            if request.POST.get("action") == "send":  # by a worker (docs/jobs.md); its page follows it
                job = communications.submit_round_message(round_, data["audience"], data["subject"], data["body"],
                                                          request.user)
                return redirect("awards:round_job", programme=programme.slug, round_id=round_.pk, job=job.pk)
            named = parse_id(request.POST.get("recipient"))
            application = round_.applications.filter(pk=named).first() if named else None
            recipients, shown, subject_text, body_text = communications.preview(
                round_, data["audience"], data["subject"], data["body"], application)
            preview = {"recipients": recipients, "shown": shown, "subject": subject_text, "body": body_text,
                       "addresses": communications.applicant_recipients(shown) if shown else []}
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    log = (Message.objects.filter(round=round_).select_related("application__organisation", "sent_by")
           .order_by("-sent_at", "-pk")[:500])
    return render(request, "awards/messages.html", {
        "programme": programme, "round": round_, "form": form, "preview": preview, "log": log,
        "templates": [(k, _(name)) for k, name, _s, _b in communications.TEMPLATES], "chosen": chosen,
        "placeholders": [(k, _(v)) for k, v in communications.PLACEHOLDERS.items()]})


@access.programme_admin_required
def reviews_xlsx(request: HttpRequest, programme: Programme, round_id: int) -> HttpResponse:
    round_ = access.round_of(programme, round_id)
    return download(services.reviews_workbook(round_, outcome.programme_language(programme)), XLSX,
                    f"{programme.slug}-{round_.pk}-reviews.xlsx")


@require_POST
@access.programme_admin_required
def next_year(request: HttpRequest, programme: Programme, round_id: int) -> HttpResponse:
    round_ = access.round_of(programme, round_id)
    try:
        new = services.next_round(round_)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("awards:round", programme=programme.slug, round_id=round_.pk)
    messages.success(request, _("Next year's round was created with this round's settings, stages and jury; "
                                "check its dates."))
    return redirect("awards:round", programme=programme.slug, round_id=new.pk)


@require_POST
@access.programme_admin_required
def duplicate(request: HttpRequest, programme: Programme) -> HttpResponse:
    """A copy of the programme (catalogue, settings, administrators, latest round a year on)."""
    slug = (request.POST.get("slug") or "").strip().lower()
    name = (request.POST.get("name") or "").strip()[:200]
    from django.core.validators import validate_slug

    try:
        validate_slug(slug)
        if not name:
            raise ValidationError(_("Give the new programme a name."))
        copy = services.duplicate_programme(programme, slug[:50], name, request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("awards:programme", programme=programme.slug)
    messages.success(request, _("The programme was duplicated with its catalogue and settings."))
    return redirect("awards:programme", programme=copy.slug)


@require_POST
@access.programme_admin_required
def figures(request: HttpRequest, programme: Programme, round_id: int) -> HttpResponse:
    """Gather the figures of the round's submitted applications' snapshots as one partitioned Parquet
    table (a job: workforce.figures); the administrator follows it on its page."""
    from paritas.web.workforce import figures as snapshot_figures

    round_ = access.round_of(programme, round_id)
    attached = (round_.applications.filter(status="submitted", snapshot__isnull=False)
                .values_list("snapshot_id", "organisation__slug"))
    job = snapshot_figures.submit(request.user, list(attached), f"{programme.slug}-{round_.pk}-figures.zip",
                                  round=round_.pk)
    return redirect("awards:round_job", programme=programme.slug, round_id=round_.pk, job=job.pk)


@access.programme_admin_required
def round_job(request: HttpRequest, programme: Programme, round_id: int, job: Any) -> HttpResponse:
    """A round's job (its applicants' figures, or a message to them) as its administrator follows it:
    progress (JSON for the page's script), then the outcome — the figures' download, or what was sent."""
    round_ = access.round_of(programme, round_id)
    found = get_object_or_404(Job.objects.defer("output"), pk=job, user=request.user,
                              kind__in=(Job.Kind.FIGURES, Job.Kind.MESSAGES), params__round=round_.pk)
    url = request.path
    if request.GET.get("format") == "json":
        return JsonResponse(job_presenters.job_status(found, url))
    if request.GET.get("download") and found.state == Job.State.DONE and found.kind == Job.Kind.FIGURES:
        content = bytes(Job.objects.filter(pk=found.pk).values_list("output", flat=True).get())
        return download(content, "application/zip", found.params["name"])
    if found.kind == Job.Kind.MESSAGES and found.state == Job.State.DONE:
        messages.success(request, _("%(n)s messages were sent.") % {"n": found.result["sent"]})
        if found.result["bounced"]:
            messages.error(request, _("%(n)s of them were not delivered; see the log.") % {
                "n": found.result["bounced"]})
        return redirect(reverse("awards:messages", kwargs={"programme": programme.slug, "round_id": round_.pk})
                        + "#log")
    return render(request, "awards/round_job.html", {"programme": programme, "round": round_,
                                                     **job_presenters.page_context(found, url + "?format=json")})
