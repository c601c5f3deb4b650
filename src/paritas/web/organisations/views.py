from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from paritas.web.ids import parse_id
from paritas.web.organisations import services
from paritas.web.organisations.forms import MemberForm, SettingsForm
from paritas.web.organisations.models import Membership, Organisation
from paritas.web.organisations.permissions import member_required

OWNER = Membership.Role.OWNER


@login_required
def home(request: HttpRequest) -> HttpResponse:
    from paritas.web.paytransparency.models import DeskRole

    memberships = Membership.objects.filter(user=request.user).select_related("organisation", "organisation__region")
    desk_roles = DeskRole.objects.filter(user=request.user).select_related("organisation")
    if memberships.count() == 1 and not desk_roles:
        return redirect("workforce:snapshots", slug=memberships[0].organisation.slug)
    if not memberships and len(desk_roles) == 1:  # a worker or representative: straight to their desk
        return redirect("paytransparency:desk", slug=desk_roles[0].organisation.slug)
    return render(request, "organisations/home.html", {"memberships": memberships, "desk_roles": desk_roles})


@member_required(OWNER)
def members(request: HttpRequest, organisation: Organisation, membership: Membership) -> HttpResponse:
    form = MemberForm(request.POST or None)
    if request.method == "POST":
        try:
            with transaction.atomic():
                if "remove" in request.POST:
                    target = get_object_or_404(Membership, pk=parse_id(request.POST["remove"]) or 0,
                                               organisation=organisation)
                    services.remove_member(target, request.user)
                    messages.success(request, _("The member was removed."))
                    return redirect("organisations:members", slug=organisation.slug)
                if form.is_valid():
                    services.add_member(organisation, request.user, form.cleaned_data["email"],
                                        form.cleaned_data["role"])
                    messages.success(request, _("The membership was saved."))
                    return redirect("organisations:members", slug=organisation.slug)
        except ValidationError as exc:
            form.add_error(None, exc)
    return render(request, "organisations/members.html", {
        "organisation": organisation, "membership": membership, "form": form,
        "members": organisation.memberships.select_related("user").order_by("user__email")})


@member_required(OWNER)
def settings_view(request: HttpRequest, organisation: Organisation, membership: Membership) -> HttpResponse:
    form = SettingsForm(request.POST or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The settings were saved."))
        return redirect("organisations:settings", slug=organisation.slug)
    return render(request, "organisations/settings.html", {"organisation": organisation,
                                                           "membership": membership, "form": form})


@member_required(OWNER)
def audit_log(request: HttpRequest, organisation: Organisation, membership: Membership) -> HttpResponse:
    events = organisation.audit_events.select_related("user")[:500]
    return render(request, "organisations/audit.html", {"organisation": organisation, "membership": membership,
                                                        "events": events})
