"""The applicant's pages, under the organisation: calls open to it, its applications (editor with
autosave, snapshot, submit, withdraw), its awards with statement and certificate. Members read; analysts
and owners write (organisations.permissions)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from paritas.web.awards import access, editing, services
from paritas.web.awards.models import Answer, Application, Award, Question, Round
from paritas.web.organisations.models import Membership, Organisation
from paritas.web.organisations.permissions import member_required

ANALYST = Membership.Role.ANALYST


@member_required()
def overview(request: HttpRequest, organisation: Organisation, membership: Membership) -> HttpResponse:
    """Open calls (with what would make the organisation ineligible), its applications and its awards."""
    now = timezone.now()
    if request.method == "POST":
        if not membership.allows(ANALYST):
            return HttpResponse(status=403)
        round_ = get_object_or_404(Round, pk=editing.posted_id(request.POST, "round"), opens_at__lte=now,
                                   closes_at__gt=now)
        try:
            application = services.start_application(round_, organisation,
                                                     copy_previous=request.POST.get("copy") == "1")
        except ValidationError as exc:
            for problem in exc.messages:
                messages.error(request, problem)
            return redirect("awards:applications", slug=organisation.slug)
        return redirect("awards:application", slug=organisation.slug, application_id=application.pk)
    applied = dict(services.applications_of(organisation).values_list("round_id", "status"))
    calls = [{"round": r, "closes": services.moment_label(r.closes_at, r.time_zone),
              "problems": services.eligibility_problems(r.programme, organisation), "status": applied.get(r.pk),
              "previous": organisation.applications.filter(round__programme=r.programme).exists()}
             for r in Round.objects.filter(opens_at__lte=now, closes_at__gt=now)
             .select_related("programme__add_on_to").order_by("programme__add_on_to", "closes_at")]
    applications = [{"application": a, "outcome": _stage_outcome(a), "lead": a.organisation_id == organisation.pk}
                    for a in services.applications_of(organisation)
                    .select_related("round__programme", "decision", "organisation").order_by("-round__closes_at")]
    awards = organisation.awards.select_related("programme", "application__decision")
    return render(request, "awards/applications.html", {
        "organisation": organisation, "membership": membership, "calls": calls, "applications": applications,
        "awards": [{"award": a, "validity": services.validity_label(a), "ordinal": a.number,
                    "statement": _approved_statement(a)} for a in awards],
        "invitations": services.pending_for(organisation), "is_owner": membership.allows(Membership.Role.OWNER),
        "can_edit": membership.allows(ANALYST)})


def _stage_outcome(application: Application) -> str:
    """What the applicant may know of its progress: the latest stage whose outcome is shown to applicants."""
    from paritas.web.awards.models import StageEntry

    entry = (application.stage_entries.filter(stage__outcome_to_applicants=True, stage__decided_at__isnull=False)
             .exclude(state=StageEntry.State.REVIEW).select_related("stage").order_by("-stage__order").first())
    return f"{entry.stage.name}: {entry.get_state_display()}" if entry else ""


def _approved_statement(award: Award) -> str:
    decision = getattr(award.application, "decision", None) if award.application else None
    return decision.statement if decision and decision.statement_approved_at else ""


def _is_lead(application: Application, organisation: Organisation) -> bool:
    return application.organisation_id == organisation.pk


def _editable(application: Application, membership: Membership) -> bool:
    return (membership.allows(ANALYST) and application.status == Application.Status.DRAFT
            and services.round_state(application.round) == "open")


def _save_field(request: HttpRequest, app: Application, question: Question, name: str, version: str) -> Answer:
    """Save the posted field ``name`` (a file for file questions) as the answer to ``question``, from the
    version in field ``version``: for autosave and the whole form alike."""
    expected = editing.posted_version(request.POST, version)
    if question.kind == Question.Kind.FILE:
        upload = request.FILES.get(name)
        if upload is None:
            raise ValidationError(_("Choose a file."))
        return services.save_file(app, question, upload.name, upload.read(), request.user, expected)
    return services.save_answer(app, question, editing.parse_answer(question, request.POST, name), request.user,
                                expected)


@member_required()
def application(request: HttpRequest, organisation: Organisation, membership: Membership,
                application_id: int) -> HttpResponse:
    """The editor: every question of the catalogue, saved field by field (autosave) or all at once."""
    app = access.application_of(organisation, application_id)
    editable = _editable(app, membership)
    problems: dict[int, tuple[str, str]] = {}
    if request.method == "POST":
        if not editable:
            return HttpResponse(status=403)
        for item in (i for s in editing.sections(app) for _c, items in s.criteria for i in items):
            question, name = item.question, f"q{item.question.pk}"
            if question.kind == Question.Kind.FILE:
                if name not in request.FILES:
                    continue
            elif name not in request.POST and question.kind != Question.Kind.MULTIPLE:
                continue
            else:
                value = editing.parse_answer(question, request.POST, name)
                if value == item.value or (value in (None, [], "") and item.value in (None, [], "")):
                    continue  # unchanged: saving it could only clash with someone else's edit
            try:
                _save_field(request, app, question, name, f"v{question.pk}")
            except services.Conflict as exc:
                problems[question.pk] = ("", f"{exc} {editing.theirs(exc)}")
            except ValidationError as exc:
                problems[question.pk] = (" ".join(exc.messages), "")
        if not problems:
            messages.success(request, _("Your answers were saved."))
            return redirect("awards:application", slug=organisation.slug, application_id=app.pk)
        messages.error(request, _("Some answers could not be saved; see the marked questions."))
    sections = editing.sections(app)
    for item in (i for s in sections for _c, items in s.criteria for i in items):
        if item.question.pk in problems:
            item.error, item.conflict = problems[item.question.pk]
    from paritas.web.awards.communications import messages_for

    lead = _is_lead(app, organisation)
    return render(request, "awards/application.html", {
        "organisation": organisation, "membership": membership, "application": app, "sections": sections,
        "lead": lead, "partnerships": app.partnerships.select_related("organisation").order_by("organisation__name"),
        "mail": messages_for(app, organisation), "outcome": _stage_outcome(app),
        "editable": editable, "missing": services.missing(app) if app.status == Application.Status.DRAFT else [],
        "closes": services.moment_label(app.round.closes_at, app.round.time_zone),
        "state": services.round_state(app.round),
        "snapshots": organisation.snapshots.only("pk", "reference_date", "source_name").order_by("-reference_date")
        if lead else [],
        "plan_versions": _plan_versions(organisation) if lead else [],
        "threshold": app.round.programme.checklist_threshold, "yes": services.checklist_yes(app)})


@require_POST
@member_required(ANALYST)
def answer(request: HttpRequest, organisation: Organisation, membership: Membership, application_id: int,
           question_id: int) -> HttpResponse:
    """Autosave of one answer: JSON with the new version, or 409 with the other person's version."""
    app = access.application_of(organisation, application_id)
    question = get_object_or_404(Question, pk=question_id, criterion__area__programme=app.round.programme_id)

    return editing.autosave(lambda: _save_field(request, app, question, "value", "version"))


@member_required()
def missing(request: HttpRequest, organisation: Organisation, membership: Membership,
            application_id: int) -> HttpResponse:
    """The required questions still unanswered, for the editor's list once its saves have landed."""
    app = access.application_of(organisation, application_id)
    return JsonResponse({"missing": [q.pk for q in services.missing(app)]})


@require_POST
@member_required(ANALYST)
def attach_snapshot(request: HttpRequest, organisation: Organisation, membership: Membership,
                    application_id: int) -> HttpResponse:
    app = access.application_of(organisation, application_id)
    snapshot = get_object_or_404(organisation.snapshots, pk=editing.posted_id(request.POST, "snapshot"))
    try:
        filled = services.attach_snapshot(app, snapshot, request.user)
        messages.success(request, _("The snapshot is attached; %(n)s figures were filled in.") % {"n": filled})
    except (ValidationError, services.Conflict) as exc:
        messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
    return redirect("awards:application", slug=organisation.slug, application_id=app.pk)


def _plan_versions(organisation: Organisation) -> Any:
    from paritas.web.plans.models import PlanVersion

    return PlanVersion.objects.filter(plan__organisation=organisation).select_related("plan").order_by(
        "plan__title", "-number")


@require_POST
@member_required(ANALYST)
def attach_plan(request: HttpRequest, organisation: Organisation, membership: Membership,
                application_id: int) -> HttpResponse:
    from paritas.web.plans.models import PlanVersion

    app = access.application_of(organisation, application_id)
    version = get_object_or_404(PlanVersion, pk=editing.posted_id(request.POST, "version"),
                                plan__organisation=organisation)
    try:
        services.attach_plan(app, version, request.user)
        messages.success(request, _("The plan is attached; the jury sees its targets and measures."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("awards:application", slug=organisation.slug, application_id=app.pk)


def _step(request: HttpRequest, organisation: Organisation, application_id: int,
          step: Callable[[Application], object], done: str) -> HttpResponse:
    """Submit or withdraw (the applicant, not a co-applicant): do it, or say every reason it cannot be done;
    back to the application."""
    app = access.application_of(organisation, application_id)
    if not _is_lead(app, organisation):
        raise Http404
    try:
        step(app)
        messages.success(request, done)
    except ValidationError as exc:
        for problem in exc.messages:
            messages.error(request, problem)
    return redirect("awards:application", slug=organisation.slug, application_id=app.pk)


@member_required(ANALYST)
def submit(request: HttpRequest, organisation: Organisation, membership: Membership,
           application_id: int) -> HttpResponse:
    """Ask first (what is still missing, that nothing can be changed afterwards); submit on confirmation."""
    if request.method == "POST" and request.POST.get("confirm") == "yes":
        return _step(request, organisation, application_id, services.submit,
                     _("The application was submitted. It can no longer be changed."))
    app = access.application_of(organisation, application_id)
    if not _is_lead(app, organisation):
        raise Http404
    return render(request, "awards/confirm_submit.html", {
        "organisation": organisation, "membership": membership, "application": app,
        "missing": services.missing(app), "closes": " ".join(services.when(app.round.closes_at, app.round.time_zone))})


@require_POST
@member_required(ANALYST)
def withdraw(request: HttpRequest, organisation: Organisation, membership: Membership,
             application_id: int) -> HttpResponse:
    return _step(request, organisation, application_id, services.withdraw, _("The application was withdrawn."))


@member_required()
def attachment(request: HttpRequest, organisation: Organisation, membership: Membership, application_id: int,
               attachment_id: int) -> HttpResponse:
    return access.attachment_of(access.application_of(organisation, application_id), attachment_id)


@member_required()
def certificate(request: HttpRequest, organisation: Organisation, membership: Membership,
                award_id: int) -> HttpResponse:
    """The organisation's certificate as a tagged PDF, once the jury statement is approved: rendered by a
    document job (awards.documents)."""
    from paritas.web.awards.documents import applicant_award
    from paritas.web.jobs import documents

    award = applicant_award(organisation, award_id)
    return documents.submit(request, organisation, Membership.Role.VIEWER, "award_certificate", award=award.pk)


@member_required()
def application_pdf(request: HttpRequest, organisation: Organisation, membership: Membership,
                    application_id: int) -> HttpResponse:
    """The application as PDF in the reader's language, rendered by a document job."""
    from paritas.web.jobs import documents

    application = access.application_of(organisation, application_id)
    return documents.submit(request, organisation, Membership.Role.VIEWER, "award_application",
                            application=application.pk, lang=(get_language() or "de")[:2])


@require_POST
@member_required(Membership.Role.OWNER)
def partners(request: HttpRequest, organisation: Organisation, membership: Membership,
             application_id: int) -> HttpResponse:
    """The applicant's owner invites a co-applicant by its address, or takes an invitation back."""
    app = access.application_of(organisation, application_id)
    if not _is_lead(app, organisation):
        raise Http404
    try:
        if request.POST.get("action") == "remove":
            services.end(get_object_or_404(app.partnerships, pk=editing.posted_id(request.POST, "partnership")))
            messages.success(request, _("The co-applicant was removed."))
        else:
            services.invite(app, request.POST.get("slug", ""), request.user)
            messages.success(request, _("The invitation was sent; the organisation's owners accept it."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("awards:application", slug=organisation.slug, application_id=app.pk)


@require_POST
@member_required(Membership.Role.OWNER)
def invitation(request: HttpRequest, organisation: Organisation, membership: Membership,
               partnership_id: int) -> HttpResponse:
    """An owner of the invited organisation accepts or declines; a co-applicant can leave a draft."""
    from paritas.web.awards.models import Partnership

    partnership = get_object_or_404(Partnership.objects.select_related("application__round"),
                                    organisation=organisation, pk=partnership_id)
    try:
        if request.POST.get("action") == "accept":
            services.accept(partnership)
            messages.success(request, _("You are now a co-applicant; your analysts and owners can edit the "
                                        "application."))
            return redirect("awards:application", slug=organisation.slug, application_id=partnership.application_id)
        services.end(partnership)
        messages.success(request, _("The invitation was declined."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("awards:applications", slug=organisation.slug)
