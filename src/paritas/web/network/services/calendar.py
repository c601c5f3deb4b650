"""Events as iCalendar (RFC 5545): one event's file and a campaign's feed, each in the event's own time
zone, written by the icalendar library."""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from django.utils import timezone

from paritas.web.network.models import Event


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


