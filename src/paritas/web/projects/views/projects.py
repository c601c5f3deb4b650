"""A person's projects, a new project, and a project's page: its facts, staff, target groups,
organisations, budget, money received and goals; each form posts an ``action``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, ProtectedError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from paritas.web.ids import parse_id, unique_slug
from paritas.web.network.services.registration import clean, match_organisation
from paritas.web.organisations.models import Membership, Organisation
from paritas.web.organisations.services import new_entry
from paritas.web.projects import permissions
from paritas.web.projects.forms import (
    BudgetLineForm,
    ContributionForm,
    GoalForm,
    PartnerDetailsForm,
    PartnerForm,
    ProjectForm,
    TargetGroupForm,
)
from paritas.web.projects.models import BudgetLine, Contribution, Goal, Partner, Project, TargetGroup
from paritas.web.projects.services import budget as budget_service
from paritas.web.projects.services import outcome
from paritas.web.projects.services import participants as people


@login_required
def projects(request: HttpRequest) -> HttpResponse:
    staffed = Project.objects.filter(staff=request.user).select_related("owner")
    owned = Membership.objects.filter(user=request.user, role=Membership.Role.OWNER).values("organisation_id")
    taking_part = (Partner.objects.filter(organisation_id__in=owned).exclude(project__staff=request.user)
                   .select_related("project", "organisation"))
    return render(request, "projects/projects.html", {"projects": staffed, "taking_part": taking_part,
                                                      "may_create": permissions.may_create(request.user)})


@login_required
def new(request: HttpRequest) -> HttpResponse:
    owners = Organisation.objects.filter(memberships__user=request.user,
                                         memberships__role=Membership.Role.OWNER).order_by("name")
    if not owners.exists():
        raise Http404
    form = ProjectForm(request.POST or None, owners=owners)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            project = form.save(commit=False)
            project.owner = form.cleaned_data["owner"]
            project.slug = unique_slug(Project, project.name, "project")
            project.save()
            project.staff.add(request.user)
            Partner.objects.create(project=project, organisation=project.owner, role=Partner.Role.OWNER)
        messages.success(request, _("The project was created. Add its organisations and target groups next."))
        return redirect("projects:project", slug=project.slug)
    return render(request, "projects/new.html", {"form": form})


Forms = dict[str, Any]
Handler = Callable[[HttpRequest, Project, Forms], "HttpResponse | None"]


def _facts(request: HttpRequest, project: Project, forms: Forms) -> HttpResponse | None:
    form = forms["facts"] = ProjectForm(request.POST, instance=project, prefix="facts")
    if form.is_valid():
        with transaction.atomic():
            form.save()
            for participant in project.participants.filter(anonymised=False):
                before = (participant.birth_year, participant.employment_status, participant.education,
                          participant.personal_number_hash)
                people.minimise(participant, project)
                if before != (participant.birth_year, participant.employment_status, participant.education,
                              participant.personal_number_hash):
                    participant.save()
        messages.success(request, _("Saved."))
    return None


def _staff(request: HttpRequest, project: Project, forms: Forms) -> HttpResponse | None:
    email = (request.POST.get("email") or "").strip()
    user = get_user_model().objects.filter(email__iexact=email, is_active=True).first() if email else None
    if user is None:
        messages.error(request, _("No one with this e-mail address has an account on the platform."))
    else:
        project.staff.add(user)
        messages.success(request, _("%(email)s is on the project's staff.") % {"email": user.email})
    return None


def _unstaff(request: HttpRequest, project: Project, forms: Forms) -> HttpResponse | None:
    user = project.staff.filter(pk=parse_id(request.POST.get("user")) or 0).first()
    if user is None:
        raise Http404
    if project.staff.count() == 1:
        messages.error(request, _("A project needs at least one person on its staff."))
        return None
    project.staff.remove(user)
    if user == request.user:
        return redirect("projects:projects")
    return None


def _partner(request: HttpRequest, project: Project, forms: Forms) -> HttpResponse | None:
    form = forms["partner"] = PartnerForm(request.POST, prefix="partner")
    if not form.is_valid():
        return None
    name = clean(form.cleaned_data["organisation_name"], 200)
    organisation = match_organisation(name) or new_entry(name, form.cleaned_data["type"], project.owner.region_id,
                                                         project.language)
    if project.partners.filter(organisation=organisation).exists():
        form.add_error("organisation_name", _("%(name)s is in the project already.") % {"name": organisation.name})
        return None
    Partner.objects.create(project=project, organisation=organisation, role=form.cleaned_data["role"])
    messages.success(request, _("%(name)s is in the project.") % {"name": organisation.name})
    return None


def _remove(model: Any, key: str, message: Any) -> Handler:
    def handle(request: HttpRequest, project: Project, forms: Forms) -> HttpResponse | None:
        item = get_object_or_404(model, pk=parse_id(request.POST.get(key)) or 0, project=project)
        try:
            item.delete()
        except ProtectedError:
            messages.error(request, str(message))
        return None
    return handle


def _added(key: str, form_class: Any, needs_project: bool = True) -> Handler:
    def handle(request: HttpRequest, project: Project, forms: Forms) -> HttpResponse | None:
        kwargs = {"project": project} if needs_project else {}
        form = forms[key] = form_class(request.POST, prefix=key, **kwargs)
        if form.is_valid():
            item = form.save(commit=False)
            item.project = project
            try:
                item.validate_unique()
            except ValidationError as exc:
                form.add_error(None, exc)
                return None
            item.save()
            form.save_m2m()
            messages.success(request, _("Added."))
        return None
    return handle


ACTIONS: dict[str, Handler] = {
    "facts": _facts, "staff": _staff, "unstaff": _unstaff, "partner": _partner,
    "target_group": _added("group", TargetGroupForm, needs_project=False),
    "remove_group": _remove(TargetGroup, "group_id", gettext_lazy("The target group has participants; it stays.")),
    "budget": _added("budget", BudgetLineForm), "remove_budget": _remove(BudgetLine, "line_id", ""),
    "contribution": _added("contribution", ContributionForm),
    "remove_contribution": _remove(Contribution, "contribution_id", ""),
    "goal": _added("goal", GoalForm), "remove_goal": _remove(Goal, "goal_id", ""),
}


def project(request: HttpRequest, slug: str) -> HttpResponse:
    item = permissions.staffed(request.user, slug)
    forms: Forms = {}
    if request.method == "POST":
        handler = ACTIONS.get(request.POST.get("action", ""))
        if handler is None:
            raise Http404
        response = handler(request, item, forms)
        if response is not None:
            return response
        if not any(f.errors for f in forms.values()):
            return redirect(request.path + "#" + request.POST.get("action", ""))
        item.refresh_from_db()
    partners = list(item.partners.select_related("organisation").prefetch_related("target_groups")
                    .annotate(n=Count("participants")))
    context = {
        "project": item, "partners": partners, "staff": item.staff.order_by("email"),
        "groups": item.target_groups.annotate(n=Count("participants")),
        "budget": budget_service.budget(item), "goals": outcome.goal_values(item),
        "contributions": item.contributions.select_related("partner__organisation"),
        "lines": item.budget.select_related("partner__organisation"),
        "facts_form": forms.get("facts") or ProjectForm(instance=item, prefix="facts"),
        "partner_form": forms.get("partner") or PartnerForm(prefix="partner"),
        "group_form": forms.get("group") or TargetGroupForm(prefix="group"),
        "budget_form": forms.get("budget") or BudgetLineForm(project=item, prefix="budget"),
        "contribution_form": forms.get("contribution") or ContributionForm(project=item, prefix="contribution"),
        "goal_form": forms.get("goal") or GoalForm(project=item, prefix="goal"),
        "counts": {"activities": item.activities.count(), "participants": item.participants.count()},
        "planned": outcome.planned_participants(item),
    }
    return render(request, "projects/project.html", context, status=400 if forms and any(
        f.errors for f in forms.values()) else 200)


def partner(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """An organisation in the project: its target groups, planned participants and the value of an hour of
    its people's time; removing it (not the owner, not one with participants)."""
    item = permissions.staffed(request.user, slug)
    found = get_object_or_404(Partner.objects.select_related("organisation"), pk=pk, project=item)
    form = PartnerDetailsForm(request.POST if request.POST.get("action") == "details" else None, instance=found)
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "details" and form.is_valid():
            form.save()
            messages.success(request, _("Saved."))
            return redirect("projects:project", slug=slug)
        if action == "remove" and found.role != Partner.Role.OWNER:
            try:
                found.delete()
            except ProtectedError:
                messages.error(request, _("The organisation has participants; it stays in the project."))
                return redirect(request.path)
            return redirect("projects:project", slug=slug)
        if action not in ("details", "remove"):
            raise Http404
    return render(request, "projects/partner.html", {"project": item, "partner": found, "form": form},
                  status=400 if form.errors else 200)


def share(request: HttpRequest, slug: str) -> HttpResponse:
    """An owner of a participating organisation decides whether the project may show its workforce figures
    (the share of full-time work among women at the start and the end; the hourly cost as co-financing)."""
    partnerships = permissions.owned_partnerships(request.user, slug)
    if request.method == "POST":
        partner = next((p for p in partnerships if p.pk == parse_id(request.POST.get("partner_id"))), None)
        if partner is None:
            raise Http404
        partner.shares_figures = request.POST.get("shares") == "yes"
        partner.save(update_fields=["shares_figures"])
        messages.success(request, _("Saved."))
        return redirect(request.path)
    return render(request, "projects/share.html", {"partnerships": partnerships,
                                                   "project": partnerships[0].project})
