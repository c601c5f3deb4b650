"""A coordinator's campaigns and a campaign's organiser page; each form posts an ``action``."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from paritas.web.downloads import csv_download, download
from paritas.web.ids import parse_id
from paritas.web.network import mail, permissions, services
from paritas.web.network.forms import (
    EventForm,
    GoalForm,
    NewsForm,
    OfferForm,
    ParticipationForm,
    PersonForm,
    RecognitionForm,
    SlotForm,
)
from paritas.web.network.models import Campaign, Goal, NewsItem, Offer, Participation, Recognition, SlotRequest


@login_required
def campaigns(request: HttpRequest) -> HttpResponse:
    return render(request, "network/organiser_campaigns.html",
                  {"campaigns": Campaign.objects.filter(coordinators=request.user)})


def _zone(campaign: Campaign) -> str:
    last = campaign.events.order_by("-starts_at").values_list("time_zone", flat=True).first()
    return last or "Europe/Berlin"


Forms = dict[str, Any]
Handler = Callable[[HttpRequest, Campaign, Forms], "HttpResponse | None"]


def _event(request: HttpRequest, campaign: Campaign, forms: Forms) -> HttpResponse | None:
    form = forms["event"] = EventForm(request.POST)
    if not form.is_valid():
        return None
    event = form.save(commit=False)
    event.campaign = campaign
    event.save()
    messages.success(request, _("The event was created."))
    return redirect("network:organise_event", pk=event.pk)


def _join(request: HttpRequest, campaign: Campaign, forms: Forms) -> HttpResponse | None:
    form = forms["participation"] = ParticipationForm(request.POST, prefix="org")
    if not form.is_valid():
        return None
    data = form.cleaned_data
    try:
        joined = services.join(campaign, data["organisation_name"], data["role"], data["joined_on"],
                               data["shown_publicly"], data["type"])
    except ValidationError as exc:
        form.add_error(None, exc)
        return None
    messages.success(request, _("%(name)s is in the campaign.") % {"name": joined.organisation.name})
    return None


def _leave(request: HttpRequest, campaign: Campaign, forms: Forms) -> HttpResponse | None:
    participation = get_object_or_404(Participation, pk=parse_id(request.POST.get("participation")) or 0,
                                      campaign=campaign)
    try:
        services.leave(participation, date.fromisoformat(request.POST.get("on") or "") if request.POST.get("on")
                       else timezone.localdate())
    except (ValueError, ValidationError) as exc:
        messages.error(request, " ".join(getattr(exc, "messages", [_("Give a date.")])))
    return None


def _model_form(key: str, form_class: Any, success: str) -> Handler:
    def handle(request: HttpRequest, campaign: Campaign, forms: Forms) -> HttpResponse | None:
        form = forms[key] = form_class(request.POST, prefix=key)
        if form.is_valid():
            entry = form.save(commit=False)
            entry.campaign = campaign
            entry.save()
            messages.success(request, success)
        return None
    return handle


def _delete(model: Any, field: str) -> Handler:
    def handle(request: HttpRequest, campaign: Campaign, forms: Forms) -> HttpResponse | None:
        get_object_or_404(model, pk=parse_id(request.POST.get(field)) or 0, campaign=campaign).delete()
        return None
    return handle


def _slot(request: HttpRequest, campaign: Campaign, forms: Forms) -> HttpResponse | None:
    offer = get_object_or_404(Offer, pk=parse_id(request.POST.get("offer")) or 0, campaign=campaign)
    form = forms["slot"] = SlotForm(request.POST, zone=_zone(campaign), prefix="slot")
    if form.is_valid():
        slot = form.save(commit=False)
        slot.offer = offer
        slot.save()
        messages.success(request, _("The slot was added."))
    return None


def _answer(request: HttpRequest, campaign: Campaign, forms: Forms) -> HttpResponse | None:
    asked = get_object_or_404(SlotRequest.objects.select_related("slot__offer"),
                              pk=parse_id(request.POST.get("request")) or 0, slot__offer__campaign=campaign)
    try:
        if request.POST.get("answer") == "accept":
            declined = services.accept(asked)
            for other in [asked, *declined]:
                mail.slot_answered(other)
        else:
            services.decline(asked)
            mail.slot_answered(asked)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return None


def _person(request: HttpRequest, campaign: Campaign, forms: Forms) -> HttpResponse | None:
    """A person's data on request (GDPR art. 15, 17, 20): all of it as JSON, or erased."""
    form = forms["person"] = PersonForm(request.POST, prefix="person")
    if not form.is_valid():
        return None
    email = form.cleaned_data["email"]
    if request.POST.get("what") == "erase":
        changed, moved = services.erase_person(campaign, email)
        for registration in moved:
            mail.moved_up(registration, mail.link(request, registration))
        messages.success(request, _("%(n)s records of the address were erased.") % {"n": changed})
        return None
    data = json.dumps(services.person_data(campaign, email), ensure_ascii=False, indent=2)
    return download(data.encode(), "application/json", f"{campaign.slug}-person-data.json")


HANDLERS: dict[str, Handler] = {
    "event": _event, "join": _join, "leave": _leave, "slot": _slot, "answer": _answer, "person": _person,
    "goal": _model_form("goal", GoalForm, gettext_lazy("The goal was added.")),
    "offer": _model_form("offer", OfferForm, gettext_lazy("The offer was added.")),
    "news": _model_form("news", NewsForm, gettext_lazy("The news item was published.")),
    "recognition": _model_form("recognition", RecognitionForm, gettext_lazy("The recognition was added.")),
    "delete_goal": _delete(Goal, "goal"), "delete_offer": _delete(Offer, "offer"),
    "delete_news": _delete(NewsItem, "news"), "delete_recognition": _delete(Recognition, "recognition"),
}


@login_required
def campaign(request: HttpRequest, slug: str) -> HttpResponse:
    item = permissions.coordinated(request.user, slug)
    forms: Forms = {}
    status = 200
    if request.method == "POST":
        handler = HANDLERS.get(request.POST.get("action", ""))
        if handler is None:
            raise Http404
        response = handler(request, item, forms)
        if response is not None:
            return response
        if not any(f.errors for f in forms.values()):
            return redirect("network:organise_campaign", slug=item.slug)
        status = 422
    return render(request, "network/organiser_campaign.html", {
        "campaign": item, "events": item.events.all(),
        "participations": item.participations.select_related("organisation"),
        "goals": services.goals_with_values(item), "figures": services.figures_by_year(item),
        "offers": item.offers.prefetch_related("slots__requests"), "news": item.news.all(),
        "recognitions": item.recognitions.all(), "zone": _zone(item),
        "form": forms.get("event") or EventForm(), "participation_form": forms.get("participation") or
        ParticipationForm(prefix="org"), "goal_form": forms.get("goal") or GoalForm(prefix="goal"),
        "offer_form": forms.get("offer") or OfferForm(prefix="offer"),
        "slot_form": forms.get("slot") or SlotForm(zone=_zone(item), prefix="slot"),
        "news_form": forms.get("news") or NewsForm(initial={"published_on": timezone.localdate()}, prefix="news"),
        "recognition_form": forms.get("recognition") or RecognitionForm(prefix="recognition"),
        "person_form": forms.get("person") or PersonForm(prefix="person"),
        "retention_days": services.retention().days}, status=status)


@login_required
def figures_csv(request: HttpRequest, slug: str) -> HttpResponse:
    """The campaign's figures per year as CSV."""
    item = permissions.coordinated(request.user, slug)
    header = [_("Year"), _("Events"), _("Registered"), _("Participants"), _("Organisations reached"),
              _("New award applicants")]
    rows = [[f.year, f.events, f.registered, f.participants, f.organisations, f.new_applicants]
            for f in services.figures_by_year(item)]
    return csv_download(header, rows, f"{item.slug}-figures.csv")
