"""The programme administrators' pages: programme settings, the criteria catalogue editor, rounds with
their call and jury, assignment (by hand or balanced), the jury meeting, decisions, statements and
certificates. Every view is reached through access.programme_admin_required."""

from __future__ import annotations

from datetime import timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from paritas.web.awards import access, editing, forms, outcome, services
from paritas.web.awards.domain import stages
from paritas.web.awards.models import (
    Application,
    Area,
    Award,
    Criterion,
    Decision,
    Programme,
    Question,
    Round,
    Stage,
)
from paritas.web.awards.views_stages import assignment_action, assignment_rows
from paritas.web.downloads import csv_download


@login_required
def programmes(request: HttpRequest) -> HttpResponse:
    """The programmes this person administers; platform staff start new ones from a template."""
    language = (get_language() or "de")[:2]
    form = (forms.NewProgrammeForm(request.POST or None, initial={"language": language})
            if request.user.is_staff else None)
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            programme = services.install_template(form.cleaned_data["template"], form.cleaned_data["slug"],
                                                  language=form.cleaned_data["language"],
                                                  name=form.cleaned_data["name"])
            programme.administrators.add(request.user)
            messages.success(request, _("The programme was created from the template; adapt it below."))
            return redirect("awards:programme", programme=programme.slug)
    return render(request, "awards/programmes.html", {
        "programmes": access.administered_by(request.user).prefetch_related("rounds"), "form": form})


@access.programme_admin_required
def programme(request: HttpRequest, programme: Programme) -> HttpResponse:
    form = forms.ProgrammeForm(request.POST if request.POST.get("action") == "settings" else None,
                               instance=programme, user=request.user)
    admin_form = forms.AdministratorForm(request.POST if request.POST.get("action") == "admin" else None)
    round_form = forms.RoundForm(request.POST if request.POST.get("action") == "round" else None,
                                 instance=Round(programme=programme))
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "settings" and form.is_valid():
            form.save()
            messages.success(request, _("The programme was saved."))
            return redirect("awards:programme", programme=programme.slug)
        if action == "admin" and admin_form.is_valid():
            programme.administrators.add(admin_form.cleaned_data["email"])
            messages.success(request, _("The administrator was added."))
            return redirect("awards:programme", programme=programme.slug)
        if action == "remove_admin":
            if programme.administrators.count() <= 1:
                messages.error(request, _("A programme keeps at least one administrator."))
            else:
                leaving = programme.administrators.filter(pk=editing.posted_id(request.POST, "user"))
                programme.administrators.remove(*leaving)
            return redirect("awards:programme", programme=programme.slug)
        if action == "round" and round_form.is_valid():
            round_ = round_form.save()
            messages.success(request, _("The round was created."))
            return redirect("awards:round", programme=programme.slug, round_id=round_.pk)
    rounds = [{"round": r, "state": services.round_state(r), "opens": services.moment_label(r.opens_at, r.time_zone),
               "closes": services.moment_label(r.closes_at, r.time_zone)} for r in programme.rounds.all()]
    return render(request, "awards/programme.html", {
        "programme": programme, "form": form, "admin_form": admin_form, "round_form": round_form, "rounds": rounds,
        "administrators": programme.administrators.order_by("email")})


def _catalogue_object(programme: Programme, kind: str, pk: int) -> Area | Criterion | Question:
    model = {"area": Area, "criterion": Criterion, "question": Question}.get(kind)
    path = {"area": "programme", "criterion": "area__programme", "question": "criterion__area__programme"}.get(kind)
    found = model.objects.filter(pk=pk, **{path: programme}).first() if model else None
    if found is None:
        raise Http404
    return found


def _next_order(queryset: Any) -> int:
    last = queryset.order_by("-order").values_list("order", flat=True).first()
    return 0 if last is None else last + 1


@access.programme_admin_required
def catalogue(request: HttpRequest, programme: Programme) -> HttpResponse:
    """Areas → criteria (with rubric: scale, weight, minimum) → questions, edited in place.

    Each form posts an ``action`` and the object's kind and id; objects are looked up inside this
    programme only. Answered or scored parts can be reworded but not removed."""
    invalid: tuple[str, int, Any] | None = None
    if request.method == "POST":
        action, kind = request.POST.get("action", ""), request.POST.get("kind", "")
        pk = editing.posted_id(request.POST, "pk")
        try:
            with transaction.atomic():
                if action == "add_area":
                    Area.objects.create(programme=programme, title=request.POST.get("title", "").strip()
                                        or _("New area"), order=_next_order(programme.areas))
                elif action == "add_criterion":
                    area = _catalogue_object(programme, "area", pk)
                    Criterion.objects.create(area=area, title=_("New criterion"), order=_next_order(area.criteria))
                elif action == "add_question":
                    criterion = _catalogue_object(programme, "criterion", pk)
                    Question.objects.create(criterion=criterion, text=_("New question"),
                                            order=_next_order(criterion.questions))
                elif action in ("up", "down"):
                    services.move_in_catalogue(_catalogue_object(programme, kind, pk), -1 if action == "up" else 1)
                elif action == "delete":
                    services.remove_from_catalogue(_catalogue_object(programme, kind, pk))
                elif action == "save":
                    obj = _catalogue_object(programme, kind, pk)
                    form_class = {"area": forms.AreaForm, "criterion": forms.CriterionForm,
                                  "question": forms.QuestionForm}[kind]
                    form = form_class(request.POST, instance=obj, prefix=f"{kind}{obj.pk}")
                    if not form.is_valid():
                        invalid = (kind, obj.pk, form)
                        raise ValidationError(_("Not saved; see the marked field."))
                    form.save()
                else:
                    raise Http404
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("The catalogue was saved."))
            anchor = f"#{kind}-{pk}" if kind and pk else ""
            return redirect(f"{request.path}{anchor}")
    areas = []
    for area in programme.areas.prefetch_related("criteria__questions"):
        def bound(kind: str, obj: Any, form_class: Any) -> Any:
            if invalid and invalid[0] == kind and invalid[1] == obj.pk:
                return invalid[2]
            return form_class(instance=obj, prefix=f"{kind}{obj.pk}")

        areas.append({"area": area, "form": bound("area", area, forms.AreaForm), "criteria": [
            {"criterion": c, "form": bound("criterion", c, forms.CriterionForm),
             "questions": [{"question": q, "form": bound("question", q, forms.QuestionForm)}
                           for q in c.questions.all()]} for c in area.criteria.all()]})
    return render(request, "awards/catalogue.html", {"programme": programme, "areas": areas})


@access.programme_admin_required
def round_detail(request: HttpRequest, programme: Programme, round_id: int) -> HttpResponse:
    """The call (dates in its time zone, fee), the jury, the applications and who reviews which."""
    round_ = access.round_of(programme, round_id)
    current = (round_.stages.filter(decided_at__isnull=True).order_by("order", "pk").first()
               or round_.stages.order_by("-order", "-pk").first())
    action = request.POST.get("action")
    form = forms.RoundForm(request.POST if action == "call" else None, instance=round_)
    juror_form = forms.JurorForm(request.POST if action == "add_juror" else None)
    if request.method == "POST":
        try:
            if action == "call":
                if form.is_valid():
                    form.save()
                    messages.success(request, _("The call was saved."))
                    return redirect(request.path)
            elif action == "add_juror":
                if juror_form.is_valid():
                    round_.jurors.add(juror_form.cleaned_data["email"])
                    messages.success(request, _("The juror was added."))
                    return redirect(request.path)
            elif action == "remove_juror":
                juror = get_object_or_404(round_.jurors, pk=editing.posted_id(request.POST, "user"))
                if round_.assignments.filter(juror=juror, submitted_at__isnull=False).exists():
                    raise ValidationError(_("This juror has submitted reviews in this round and stays on the jury."))
                round_.assignments.filter(juror=juror).delete()
                round_.jurors.remove(juror)
                return redirect(request.path)
            elif action == "add_stage":
                stage_form = forms.NewStageForm(request.POST, instance=Stage(round=round_), round_=round_,
                                                prefix="stage")
                if not stage_form.is_valid():
                    raise ValidationError([m for errors in stage_form.errors.values() for m in errors])
                data = stage_form.cleaned_data
                stage = services.add_stage(
                    round_, data["name"], stage_form.instance.opens_at, stage_form.instance.closes_at,
                    sheet=data["sheet"], rule=data["rule"], rule_value=data["rule_value"],
                    anonymised=data["anonymised"], other_reviews=data["other_reviews"],
                    reminder_days=data["reminder_days"])
                messages.success(request, _("The stage was added."))
                return redirect("awards:stage", programme=programme.slug, round_id=round_.pk, stage_id=stage.pk)
            elif action in ("assign", "unassign", "balanced"):
                assignment_action(request, programme, round_, current)
                return redirect(request.path + "#assignments")
            else:
                raise Http404
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect(request.path)
    counts = dict(round_.applications.values("status").annotate(n=Count("pk")).values_list("status", "n"))
    zone = round_.time_zone
    stage_rows = [{"stage": st, "phase": stages.phase(st), "opens": services.moment_label(st.opens_at, zone),
                   "closes": services.moment_label(st.closes_at, zone),
                   "counts": dict(st.entries.filter(application__status=Application.Status.SUBMITTED)
                                  .values("state").annotate(n=Count("pk")).values_list("state", "n"))}
                  for st in round_.stages.order_by("order", "pk")]
    last = stage_rows[-1]["stage"] if stage_rows else None
    return render(request, "awards/round.html", {
        "programme": programme, "round": round_, "form": form, "juror_form": juror_form,
        "state": services.round_state(round_), "jurors": round_.jurors.order_by("email"),
        "drafts": counts.get(Application.Status.DRAFT, 0), "withdrawn": counts.get(Application.Status.WITHDRAWN, 0),
        "submitted": counts.get(Application.Status.SUBMITTED, 0),
        "stages": stage_rows, "current": current, "reviewers": services.reviewers(current).order_by("email"),
        "stage_form": forms.NewStageForm(round_=round_, instance=Stage(round=round_), prefix="stage", initial={
            "opens_local": timezone.localtime(last.closes_at, ZoneInfo(zone)).replace(tzinfo=None) if last else None,
            "closes_local": timezone.localtime(last.closes_at + timedelta(weeks=4), ZoneInfo(zone)).replace(
                tzinfo=None) if last else None}),
        "rows": assignment_rows(current) if current.sheet != Stage.Sheet.NONE else []})


def _meeting_stage(request: HttpRequest, round_: Round) -> Stage:
    named = editing.posted_id(request.GET, "stage")
    found = round_.stages.filter(pk=named).first() if named else None
    return found or services.meeting_stage(round_)


def _meeting_rows(programme: Programme, round_: Round, stage: Stage) -> list[dict[str, Any]]:
    base = reverse("awards:application_admin", args=[programme.slug, 0]).rsplit("/0/", 1)[0]
    decisions = dict(Decision.Outcome.choices)
    return [{"rank": r.rank or "–", "name": r.application.organisation.name,
             "url": f"{base}/{r.application.pk}/", "reviews": r.reviews,
             "mean": "–" if r.mean is None else f"{round(100 * r.mean)} %",
             "spread": "–" if r.spread is None else round(100 * r.spread),
             "below": ", ".join(r.below_minimum) or "–",
             "decision": decisions.get(getattr(getattr(r.application, "decision", None), "outcome", None), "–")}
            for r in services.meeting(round_, stage)]


@access.programme_admin_required
def meeting(request: HttpRequest, programme: Programme, round_id: int) -> HttpResponse:
    """The jury meeting: mean, spread, criteria below minimum, ranking, and the decision so far."""
    round_ = access.round_of(programme, round_id)
    stage = _meeting_stage(request, round_)
    return render(request, "awards/meeting.html", {"programme": programme, "round": round_, "stage": stage,
                                                   "stages": round_.stages.order_by("order", "pk"),
                                                   "rows": _meeting_rows(programme, round_, stage)})


@access.programme_admin_required
def meeting_csv(request: HttpRequest, programme: Programme, round_id: int) -> HttpResponse:
    """The same table for the minutes of the meeting (UTF-8 with BOM, so spreadsheets read the umlauts)."""
    round_ = access.round_of(programme, round_id)
    header = [_("Rank"), _("Organisation"), _("Reviews"), _("Mean"), _("Spread (points)"), _("Criteria below minimum"),
              _("Decision")]
    rows = ([r["rank"], r["name"], r["reviews"], r["mean"], r["spread"], r["below"], r["decision"]]
            for r in _meeting_rows(programme, round_, _meeting_stage(request, round_)))
    return csv_download(header, rows, f"jury-meeting-{round_.pk}.csv")


@access.programme_admin_required
def application(request: HttpRequest, programme: Programme, application_id: int) -> HttpResponse:
    """One application for the administrators: answers, every juror's scores, the decision, the statement
    (drafted from the data, edited and approved here) and the certificate."""
    app = access.application_in(programme, application_id)
    decision = Decision.objects.filter(application=app).first()
    action = request.POST.get("action")
    decision_form = forms.DecisionForm(request.POST if action == "decide" else None, instance=decision)
    statement_form = forms.StatementForm(request.POST if action == "approve" else None, initial={
        "statement": (decision.statement or outcome.draft_statement(decision)) if decision else ""})
    if request.method == "POST":
        try:
            if action == "decide" and decision_form.is_valid():
                services.decide(app, decision_form.cleaned_data["outcome"], decision_form.cleaned_data["reasons"],
                                request.user)
                messages.success(request, _("The decision was recorded."))
                return redirect(request.path)
            if action == "approve" and decision is not None and statement_form.is_valid():
                outcome.approve_statement(decision, request.user, statement_form.cleaned_data["statement"])
                messages.success(request, _("The jury statement was approved."))
                return redirect(request.path)
            if action == "redacted":
                copy_form = forms.RedactedCopyForm(request.POST, request.FILES)
                if not copy_form.is_valid():
                    raise ValidationError(_("Choose the redacted file."))
                services.save_redacted_copy(app, copy_form.cleaned_data["attachment"], copy_form.cleaned_data["file"])
                messages.success(request, _("The redacted copy was saved; reviewers of anonymised stages see it."))
                return redirect(request.path + "#attachments")
            if action == "redraft" and decision is not None:
                decision.statement, decision.statement_approved_at = outcome.draft_statement(decision), None
                decision.save(update_fields=["statement", "statement_approved_at"])
                return redirect(request.path)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect(request.path)
    award = Award.objects.filter(application=app, organisation=app.organisation).first()
    reviews = (app.assignments.select_related("juror", "stage").prefetch_related("scores__criterion")
               .order_by("stage__order", "juror__email"))
    return render(request, "awards/application_admin.html", {
        "programme": programme, "application": app, "sections": editing.sections(app), "reviews": reviews,
        "decision": decision, "decision_form": decision_form, "statement_form": statement_form,
        "award": award, "validity": services.validity_label(award) if award else "",
        "awards": Award.objects.filter(application=app).select_related("organisation").order_by("organisation__name"),
        "organisations": app.organisations(),
        "entries": app.stage_entries.select_related("stage", "changed_by").order_by("stage__order"),
        "attachments": app.attachments.order_by("pk"),
        "anonymised": app.round.stages.filter(anonymised=True).exists(),
        "mail": app.messages.order_by("-sent_at", "-pk"),
        "decidable": app.status == Application.Status.SUBMITTED})


@access.programme_admin_required
def attachment(request: HttpRequest, programme: Programme, application_id: int, attachment_id: int) -> HttpResponse:
    return access.attachment_of(access.application_in(programme, application_id), attachment_id)


@access.programme_admin_required
def certificate(request: HttpRequest, programme: Programme, award_id: int) -> HttpResponse:
    """A holder's certificate, rendered by a job (a personal document of the administrator)."""
    from paritas.web.jobs import documents

    award = get_object_or_404(Award.objects.select_related("organisation"), programme=programme, pk=award_id)
    return documents.submit_personal(request, "programme_certificate", organisation=award.organisation,
                                     programme=programme.slug, award=award.pk)


@access.programme_admin_required
def application_pdf(request: HttpRequest, programme: Programme, application_id: int) -> HttpResponse:
    """A submitted application as PDF, rendered by a job (a personal document of the administrator)."""
    from paritas.web.jobs import documents

    application = access.application_in(programme, application_id)
    return documents.submit_personal(request, "programme_application", organisation=application.organisation,
                                     programme=programme.slug, application=application.pk,
                                     lang=(get_language() or "de")[:2])
