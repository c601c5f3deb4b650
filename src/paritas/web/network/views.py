"""Public pages of networks: a campaign (its holders from the register, members who agree to be shown,
upcoming events, the region's rank), an event (programme, registration, cancellation link, iCalendar).
Members-only events are not shown here. Organisers' pages are to come (docs/network.md)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from paritas.web.awards import register as awards_register
from paritas.web.downloads import download
from paritas.web.network import mail, services
from paritas.web.network.forms import RegistrationForm
from paritas.web.network.models import Campaign, Event, Participation, Registration


def campaign(request: HttpRequest, slug: str) -> HttpResponse:
    item = get_object_or_404(Campaign.objects.select_related("region"), slug=slug)
    holders = awards_register.holders(region=item.region_id) if item.region_id else []
    regions = awards_register.Regions()
    ranking = awards_register.region_ranking(awards_register.holders(), item.region.kind, regions=regions) \
        if item.region_id else []
    rank = next((r for r in ranking if item.region and r[1] == item.region.name), None)
    return render(request, "network/campaign.html", {
        "campaign": item, "holders": awards_register.rows(awards_register.unique_holders(holders), regions),
        "rank": rank, "initiators": item.participations.filter(role__in=[Participation.Role.LEAD,
                                                                         Participation.Role.PARTNER])
        .select_related("organisation"),
        "members": item.participations.filter(role=Participation.Role.MEMBER, shown_publicly=True,
                                              left_on__isnull=True).select_related("organisation"),
        "events": item.events.filter(audience=Event.Audience.PUBLIC, ends_at__gte=timezone.now()),
        "recognitions": item.recognitions.all()})


def _public_event(pk: int) -> Event:
    event = get_object_or_404(Event.objects.select_related("campaign", "host"), pk=pk)
    if event.audience != Event.Audience.PUBLIC:
        raise Http404
    return event


def event(request: HttpRequest, pk: int) -> HttpResponse:
    item = _public_event(pk)
    form = RegistrationForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            registration = services.register(item, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
            status = 422
        else:
            mail.registered(registration, mail.link(request, registration))
            messages.success(request, _("You are registered.") if registration.status == "confirmed" else
                             _("The event is full; you are on the waiting list and will be told when a place is "
                               "free."))
            return redirect("network:registration", token=registration.token)
    elif request.method == "POST":
        status = 422
    return render(request, "network/event.html", {"event": item, "form": form, "counts": services.counts(item),
                                                  "programme": item.programme.all()}, status=status)


def registration(request: HttpRequest, token: str) -> HttpResponse:
    """A registration's own page (its link is the person's only key): status and a cancellation button."""
    item = get_object_or_404(Registration.objects.select_related("event"), token=token, anonymised=False)
    if request.method == "POST" and request.POST.get("action") == "cancel":
        moved = services.cancel(item)
        if moved is not None:
            mail.moved_up(moved, mail.link(request, moved))
        messages.success(request, _("Your registration was cancelled."))
        return redirect("network:registration", token=item.token)
    return render(request, "network/registration.html", {"registration": item, "event": item.event})


def campaign_ics(request: HttpRequest, slug: str) -> HttpResponse:
    """A campaign's public events as an iCalendar feed to subscribe to."""
    item = get_object_or_404(Campaign, slug=slug)
    events = list(item.events.filter(audience=Event.Audience.PUBLIC))
    return download(services.calendar_of(events), "text/calendar; charset=utf-8", f"{item.slug}.ics")


def event_ics(request: HttpRequest, pk: int) -> HttpResponse:
    item = _public_event(pk)
    return download(services.ical(item), "text/calendar; charset=utf-8", f"event-{item.pk}.ics")
