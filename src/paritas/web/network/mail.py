"""E-mails to participants of network events: the confirmation (or the waiting-list place) with the link
to the registration's own page, and the message that a place has become free. In the reader's language."""

from __future__ import annotations

from typing import Any

from django.core.mail import send_mail
from django.utils import formats
from django.utils.translation import gettext as _

from paritas.web.network.models import Registration


def link(request: Any, registration: Registration) -> str:
    """The registration's own page as an absolute address (the person's only key to it)."""
    from django.urls import reverse

    return request.build_absolute_uri(reverse("network:registration", args=[registration.token]))


def _when(registration: Registration) -> str:
    from zoneinfo import ZoneInfo

    event = registration.event
    return formats.date_format(event.starts_at.astimezone(ZoneInfo(event.time_zone)), "DATETIME_FORMAT")


def registered(registration: Registration, link: str) -> None:
    event = registration.event
    if registration.status == Registration.Status.WAITING:
        body = _("You are on the waiting list for %(event)s on %(when)s. When a place becomes free, it is yours and "
                 "we tell you. To cancel: %(link)s")
    else:
        body = _("You are registered for %(event)s on %(when)s%(place)s. To cancel: %(link)s")
    send_mail(_("Registration: %(event)s") % {"event": event.title},
              body % {"event": event.title, "when": _when(registration), "link": link,
                      "place": f", {event.place}" if event.place else ""}, None, [registration.email])


def moved_up(registration: Registration, link: str) -> None:
    event = registration.event
    send_mail(_("A place for you: %(event)s") % {"event": event.title},
              _("A place has become free: you are registered for %(event)s on %(when)s. To cancel: %(link)s")
              % {"event": event.title, "when": _when(registration), "link": link}, None, [registration.email])
