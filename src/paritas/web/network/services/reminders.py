"""Reminder mails: each confirmed participant is reminded once, ``PARITAS_EVENT_REMINDER_HOURS`` (default
48) before the event starts; ``manage.py send_reminders``, which ``paritas serve`` runs hourly."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.utils import timezone

from paritas.web.network.models import Registration


def due(now: datetime | None = None) -> Any:
    """Confirmed registrations of events starting within the reminder window, not yet reminded."""
    now = now or timezone.now()
    return (Registration.objects.filter(status=Registration.Status.CONFIRMED, reminded_at__isnull=True,
                                        anonymised=False, event__starts_at__gt=now,
                                        event__starts_at__lte=now + timedelta(hours=settings.EVENT_REMINDER_HOURS))
            .select_related("event"))


def send_reminders(send: Any, now: datetime | None = None) -> int:
    """Remind every participant due: the registration is marked first (by one conditional update, so two
    runs at once remind once), then ``send(registration)`` writes the mail. Returns how many."""
    now = now or timezone.now()
    count = 0
    for registration in due(now):
        if Registration.objects.filter(pk=registration.pk, reminded_at__isnull=True).update(reminded_at=now):
            send(registration)
            count += 1
    return count
