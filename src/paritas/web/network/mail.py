"""E-mails of networks, through the platform's outbox (paritas.web.jobs.outbox: each a job a worker
sends): a registration's confirmation or waiting-list place with the link to its own page, the message
that a place has become free, the reminder before the event, invitations, and the answers to slot
requests. In the reader's language: the one of the request, or for mails sent later the one the person
registered in."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import formats, translation
from django.utils.translation import gettext as _

from paritas.web.jobs.outbox import send_mail
from paritas.web.network.models import Event, Registration, SlotRequest


def absolute(request: Any, path: str) -> str:
    """``path`` as an absolute address: from the request, or from ``PARITAS_PUBLIC_URL`` outside one."""
    return request.build_absolute_uri(path) if request is not None else settings.PUBLIC_URL + path


def link(request: Any, registration: Registration) -> str:
    """The registration's own page as an absolute address (the person's only key to it)."""
    return absolute(request, reverse("network:registration", args=[registration.token]))


def when(event: Event) -> str:
    """The event's start in its own time zone, in the active language's format."""
    from zoneinfo import ZoneInfo

    return formats.date_format(event.starts_at.astimezone(ZoneInfo(event.time_zone)), "DATETIME_FORMAT")


def _place(event: Event) -> str:
    return f", {event.place}" if event.place else ""


def registered(registration: Registration, link: str) -> None:
    event = registration.event
    if registration.status == Registration.Status.WAITING:
        body = _("You are on the waiting list for %(event)s on %(when)s. When a place becomes free, it is yours and "
                 "we tell you. To cancel: %(link)s")
    else:
        body = _("You are registered for %(event)s on %(when)s%(place)s. To cancel: %(link)s")
    send_mail(_("Registration: %(event)s") % {"event": event.title},
              body % {"event": event.title, "when": when(event), "link": link, "place": _place(event)}, None,
              [registration.email])


def moved_up(registration: Registration, link: str) -> None:
    event = registration.event
    with translation.override(registration.language or translation.get_language()):
        send_mail(_("A place for you: %(event)s") % {"event": event.title},
                  _("A place has become free: you are registered for %(event)s on %(when)s. To cancel: %(link)s")
                  % {"event": event.title, "when": when(event), "link": link}, None, [registration.email])


def reminder(registration: Registration) -> None:
    """The reminder before the event, sent by ``send_reminders`` outside a request."""
    event = registration.event
    with translation.override(registration.language or settings.LANGUAGE_CODE):
        send_mail(_("Reminder: %(event)s") % {"event": event.title},
                  _("We look forward to seeing you at %(event)s on %(when)s%(place)s.%(online)s If you cannot come, "
                    "please cancel so that someone on the waiting list gets your place: %(link)s")
                  % {"event": event.title, "when": when(event), "place": _place(event),
                     "online": f" {event.online_link}" if event.online_link else "", "link": link(None, registration)},
                  None, [registration.email])


def invitation(request: Any, event: Event, address: str, note: str = "") -> None:
    page = absolute(request, reverse("network:event", args=[event.pk]))
    programme = "\n".join(f"{item.starts_at:%H:%M} {item.title}" for item in event.programme.all())
    body = _("%(campaign)s invites you to %(event)s on %(when)s%(place)s.") % {
        "campaign": event.campaign.name, "event": event.title, "when": when(event), "place": _place(event)}
    parts = [body, note.strip(), programme, _("Programme and registration: %(link)s") % {"link": page}]
    send_mail(_("Invitation: %(event)s") % {"event": event.title}, "\n\n".join(p for p in parts if p), None,
              [address])


def slot_requested(request: SlotRequest) -> None:
    slot = request.slot
    send_mail(_("Your request: %(offer)s") % {"offer": slot.offer.title},
              _("We have your request for %(offer)s on %(when)s. %(contact)s will answer you.")
              % {"offer": slot.offer.title, "contact": slot.offer.contact,
                 "when": formats.date_format(slot.starts_at, "DATETIME_FORMAT")}, None, [request.email])


def slot_answered(request: SlotRequest) -> None:
    slot = request.slot
    if request.status == SlotRequest.Status.ACCEPTED:
        body = _("Your slot for %(offer)s on %(when)s is confirmed%(place)s. Contact: %(contact)s")
    else:
        body = _("The slot for %(offer)s on %(when)s could not be given to you. Please choose another one or "
                 "write to %(contact)s.")
    send_mail(_("Your request: %(offer)s") % {"offer": slot.offer.title},
              body % {"offer": slot.offer.title, "contact": slot.offer.contact,
                      "when": formats.date_format(slot.starts_at, "DATETIME_FORMAT"),
                      "place": f" ({slot.place})" if slot.place else ""}, None, [request.email])
