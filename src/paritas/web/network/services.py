"""Events of a campaign: registration within the places, a waiting list that moves up by itself,
cancellation, check-in at the door, the iCalendar file, and the retention of participants' personal data
(docs/network.md). Tested without HTTP."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from paritas.web.network.models import Event, Registration
from paritas.web.text import clean_text


def retention() -> timedelta:
    """How long after their event participants' names and addresses are kept (GDPR art. 5(1)(e)):
    ``PARITAS_PARTICIPANT_RETENTION_DAYS`` (default 180)."""
    from django.conf import settings

    return timedelta(days=settings.PARTICIPANT_RETENTION_DAYS)


def _clean(value: str, limit: int) -> str:
    return clean_text((value or "").strip())[:limit]


@transaction.atomic
def register(event: Event, name: str, email: str, organisation_name: str = "", gender: str = "",
             now: datetime | None = None) -> Registration:
    """Register a person: confirmed while places are left, else on the waiting list. The event's row is
    locked, so two people asking for the last place at once get one place and one waiting place."""
    locked = Event.objects.select_for_update().get(pk=event.pk)
    if (now or timezone.now()) >= locked.ends_at:
        raise ValidationError(_("The event is over; registration has closed."))
    name, email = _clean(name, 200), _clean(email, 254).lower()
    if not name:
        raise ValidationError(_("Give your name."))
    validate_email(email)
    if gender not in ("", "f", "m", "d"):
        raise ValidationError(_("Choose woman, man or other, or leave it empty."))
    active = locked.registrations.exclude(status=Registration.Status.CANCELLED)
    if active.filter(email=email).exists():
        raise ValidationError(_("This address is registered for the event already."))
    confirmed = active.filter(status=Registration.Status.CONFIRMED).count()
    full = locked.capacity is not None and confirmed >= locked.capacity
    return Registration.objects.create(event=locked, name=name, email=email,
                                       organisation_name=_clean(organisation_name, 200), gender=gender,
                                       status=Registration.Status.WAITING if full else Registration.Status.CONFIRMED)


@transaction.atomic
def cancel(registration: Registration) -> Registration | None:
    """Cancel a registration; a place that becomes free goes to the first on the waiting list, who is
    returned (to be told)."""
    Event.objects.select_for_update().get(pk=registration.event_id)
    current = Registration.objects.select_for_update().get(pk=registration.pk)
    if current.status == Registration.Status.CANCELLED:
        return None
    was_confirmed = current.status == Registration.Status.CONFIRMED
    current.status = Registration.Status.CANCELLED
    current.save(update_fields=["status"])
    registration.status = current.status
    if not was_confirmed:
        return None
    waiting = (Registration.objects.select_for_update().filter(event_id=registration.event_id,
                                                               status=Registration.Status.WAITING)
               .order_by("created_at", "pk").first())
    if waiting is not None:
        waiting.status = Registration.Status.CONFIRMED
        waiting.save(update_fields=["status"])
    return waiting


def check_in(registration: Registration, now: datetime | None = None) -> None:
    """Mark at the door that a confirmed participant came."""
    if registration.status != Registration.Status.CONFIRMED:
        raise ValidationError(_("Only confirmed participants can be checked in."))
    Registration.objects.filter(pk=registration.pk, checked_in_at__isnull=True).update(
        checked_in_at=now or timezone.now())


def ical(event: Event) -> bytes:
    """The event as an iCalendar file (RFC 5545), in its own time zone."""
    return calendar_of([event])


def calendar_of(events: list[Event]) -> bytes:
    """Events as one iCalendar file: a single event's, or a campaign's feed."""
    from icalendar import Calendar

    calendar = Calendar()
    calendar.add("prodid", "-//Paritas//network//EN")
    calendar.add("version", "2.0")
    for event in events:
        calendar.add_component(_entry(event))
    return calendar.to_ical()


def _entry(event: Event) -> Any:
    from icalendar import Event as CalendarEvent

    zone = ZoneInfo(event.time_zone)
    entry = CalendarEvent()
    entry.add("uid", f"event-{event.pk}@paritas")
    entry.add("summary", event.title)
    entry.add("dtstart", event.starts_at.astimezone(zone))
    entry.add("dtend", event.ends_at.astimezone(zone))
    entry.add("dtstamp", timezone.now())
    if event.place:
        entry.add("location", event.place)
    if event.description:
        entry.add("description", event.description)
    if event.online_link:
        entry.add("url", event.online_link)
    return entry


def anonymise_past(now: datetime | None = None, keep: timedelta | None = None) -> int:
    """Replace names and addresses of the participants of events that ended longer ago than the retention
    period; the counts (attendance by gender and organisation) stay. Returns how many were anonymised."""
    cutoff = (now or timezone.now()) - (keep if keep is not None else retention())
    old = Registration.objects.filter(event__ends_at__lt=cutoff, anonymised=False)
    count = 0
    for registration in old.only("pk"):
        Registration.objects.filter(pk=registration.pk).update(name="–", email=f"anonymised-{registration.pk}@invalid",
                                                               anonymised=True)
        count += 1
    return count


def counts(event: Event) -> dict[str, Any]:
    """Places taken, waiting, free, and attendance (checked in)."""
    active = event.registrations.exclude(status=Registration.Status.CANCELLED)
    confirmed = active.filter(status=Registration.Status.CONFIRMED).count()
    return {"confirmed": confirmed, "waiting": active.filter(status=Registration.Status.WAITING).count(),
            "free": None if event.capacity is None else max(0, event.capacity - confirmed),
            "attended": active.filter(checked_in_at__isnull=False).count()}
