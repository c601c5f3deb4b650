"""Public pages of networks: a campaign (news, goals, offers with free slots, its holders from the
register, members who agree to be shown, upcoming events, the region's rank), an event (programme,
registration with the organiser's questions, iCalendar, the flyer, public files), a registration's own
page (cancellation, feedback after the event) and a slot request. Members-only events appear to the
campaign's members only (permissions.visible_event)."""

from __future__ import annotations

import hashlib

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from paritas.web import pdf
from paritas.web.awards import register as awards_register
from paritas.web.downloads import download
from paritas.web.i18n import report_language
from paritas.web.network import cached, mail, permissions, presenters, services
from paritas.web.network.forms import FeedbackForm, RegistrationForm, SlotRequestForm
from paritas.web.network.models import Campaign, Event, OfferSlot, Participation, Registration, SlotRequest


def _upcoming(campaign: Campaign, members: bool) -> list[Event]:
    """Events still to come: the public ones, or for members all."""
    events = campaign.events.filter(ends_at__gte=timezone.now())
    if not members:
        events = events.filter(audience=Event.Audience.PUBLIC)
    return list(events)


def campaign(request: HttpRequest, slug: str) -> HttpResponse:
    """The public page. Its parts but the events are the same for everybody and kept for a minute per
    language and state (network.cached), the list of events in two forms: the public events, and all for
    the campaign's members."""
    item = get_object_or_404(Campaign.objects.select_related("region"), slug=slug)
    key = "paritas:campaign-page:" + hashlib.sha256(repr((
        item.pk, translation.get_language(), cached.version(item.pk), awards_register.fingerprint())).encode()
    ).hexdigest()
    parts = cached.get(key)
    if parts is None:
        context = _campaign_parts(item)
        parts = (render_to_string("network/_campaign_top.html", context),
                 render_to_string("network/_campaign_events.html", {**context, "events": _upcoming(item, False)}),
                 render_to_string("network/_campaign_events.html", {**context, "events": _upcoming(item, True)}),
                 render_to_string("network/_campaign_bottom.html", context))
        cached.put(key, parts)
    events = parts[2] if permissions.is_member(request.user, item) else parts[1]
    return render(request, "network/campaign.html", {  # every part rendered from our templates
        "campaign": item, "top": mark_safe(parts[0]), "events": mark_safe(events), "bottom": mark_safe(parts[3])})


def _campaign_parts(item: Campaign) -> dict[str, object]:
    holders = awards_register.holders(region=item.region_id) if item.region_id else []
    regions = awards_register.Regions()
    ranking = awards_register.region_ranking(awards_register.holders(), item.region.kind, regions=regions) \
        if item.region_id else []
    rank = next((r for r in ranking if item.region and r[1] == item.region.name), None)
    now = timezone.now()
    free = set(OfferSlot.objects.filter(offer__campaign=item, starts_at__gt=now)
               .exclude(requests__status=SlotRequest.Status.ACCEPTED).values_list("pk", flat=True))
    offers = [{"offer": offer, "slots": [s for s in offer.slots.all() if s.pk in free]}
              for offer in item.offers.prefetch_related("slots")]
    return {
        "campaign": item, "holders": awards_register.rows(awards_register.unique_holders(holders), regions),
        "rank": rank, "initiators": item.participations.filter(role__in=[Participation.Role.LEAD,
                                                                         Participation.Role.PARTNER],
                                                               left_on__isnull=True)
        .select_related("organisation"),
        "members": item.participations.filter(role=Participation.Role.MEMBER, shown_publicly=True,
                                              left_on__isnull=True).select_related("organisation"),
        "recognitions": item.recognitions.all(), "news": item.news.filter(published_on__lte=now.date())[:5],
        "goals": services.goals_with_values(item), "offers": offers}


def event(request: HttpRequest, pk: int) -> HttpResponse:
    item = permissions.visible_event(request.user, pk)
    form = RegistrationForm(request.POST or None, event=item)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            registration = services.register(item, **form.registration(), language=translation.get_language())
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
    return render(request, "network/event.html", {
        "event": item, "form": form, "counts": services.counts(item), "programme": presenters.programme(item),
        "open": item.ends_at > timezone.now(), "files": item.attachments.filter(public=True).defer("content")},
        status=status)


def registration(request: HttpRequest, token: str) -> HttpResponse:
    """A registration's own page (its link is the person's only key): status, a cancellation button, and
    after the event has begun the feedback form."""
    item = get_object_or_404(Registration.objects.select_related("event"), token=token, anonymised=False)
    feedback = FeedbackForm(request.POST if request.POST.get("action") == "feedback" else None)
    status = 200
    if request.method == "POST" and request.POST.get("action") == "cancel":
        moved = services.cancel(item)
        if moved is not None:
            mail.moved_up(moved, mail.link(request, moved))
        messages.success(request, _("Your registration was cancelled."))
        return redirect("network:registration", token=item.token)
    if request.method == "POST" and request.POST.get("action") == "feedback":
        if feedback.is_valid():
            try:
                services.give_feedback(item, feedback.cleaned_data["rating"], feedback.cleaned_data["comment"])
            except ValidationError as exc:
                feedback.add_error(None, exc)
            else:
                messages.success(request, _("Thank you for your feedback."))
                return redirect("network:registration", token=item.token)
        status = 422
    return render(request, "network/registration.html", {
        "registration": item, "event": item.event, "feedback": feedback,
        "can_give_feedback": services.can_give_feedback(item), "now": timezone.now()}, status=status)


def slot_request(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Ask for a slot of a campaign's coaching or advice offer."""
    slot = get_object_or_404(OfferSlot.objects.select_related("offer__campaign"), pk=pk, offer__campaign__slug=slug)
    form = SlotRequestForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            asked = services.request_slot(slot, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
            status = 422
        else:
            mail.slot_requested(asked)
            messages.success(request, _("Your request was sent; you will get an answer by e-mail."))
            return redirect("network:campaign", slug=slug)
    elif request.method == "POST":
        status = 422
    return render(request, "network/slot_request.html", {"slot": slot, "offer": slot.offer,
                                                         "campaign": slot.offer.campaign, "form": form,
                                                         "free": services.is_free(slot)}, status=status)


def campaign_ics(request: HttpRequest, slug: str) -> HttpResponse:
    """A campaign's public events as an iCalendar feed to subscribe to."""
    item = get_object_or_404(Campaign, slug=slug)
    events = list(item.events.filter(audience=Event.Audience.PUBLIC))
    return download(services.calendar_of(events), "text/calendar; charset=utf-8", f"{item.slug}.ics")


def event_ics(request: HttpRequest, pk: int) -> HttpResponse:
    item = permissions.visible_event(request.user, pk)
    return download(services.ical(item), "text/calendar; charset=utf-8", f"event-{item.pk}.ics")


def flyer(request: HttpRequest, pk: int) -> HttpResponse:
    """The invitation flyer with the programme as a PDF, in the reader's language (or ``?lang=``)."""
    item = permissions.visible_event(request.user, pk)
    lang = report_language(request)
    page = mail.absolute(request, f"/events/{item.pk}/")
    with translation.override(lang):
        context = {"event": item, "programme": presenters.programme(item), "link": page,
                   **pdf.page_css(_, f"{item.campaign.name} · {item.title}")}
    document = pdf.render_pdf("network/flyer_pdf.html", context, lang)
    return download(document, "application/pdf", f"{item.campaign.slug}-flyer-{item.pk}-{lang}.pdf")


def public_file(request: HttpRequest, pk: int, file_pk: int) -> HttpResponse:
    """A file of an event the organisers chose to show (slides, photos)."""
    item = permissions.visible_event(request.user, pk)
    attachment = get_object_or_404(item.attachments, pk=file_pk, public=True)
    return download(bytes(attachment.content), attachment.content_type, attachment.name)
