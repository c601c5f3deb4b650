"""What stays after an event: slides and photos (checked as the awards app checks applicants' files) and
participants' feedback (docs/network.md)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from paritas.web import files
from paritas.web.network.models import Event, EventAttachment, Feedback, Registration
from paritas.web.network.services.registration import clean

#: How many files one event keeps.
ATTACHMENTS_PER_EVENT = 50


def add_attachment(event: Event, name: str, content: bytes, user: Any, public: bool = False) -> EventAttachment:
    """Keep a file of the event (PDF, ODP, PPTX, ODT, DOCX, PNG, JPEG; at most 10 MB)."""
    checked = files.check(name, content, files.EVENT_FILES)
    if event.attachments.count() >= ATTACHMENTS_PER_EVENT:
        raise ValidationError(_("An event keeps at most %(n)s files.") % {"n": ATTACHMENTS_PER_EVENT})
    return EventAttachment.objects.create(event=event, name=checked.name, content_type=checked.content_type,
                                          content=content, size=checked.size, public=public, uploaded_by=user)


def can_give_feedback(registration: Registration, now: datetime | None = None) -> bool:
    """Feedback is asked of confirmed participants once the event has begun, once each."""
    return (registration.status == Registration.Status.CONFIRMED and not registration.anonymised
            and registration.event.starts_at <= (now or timezone.now())
            and not Feedback.objects.filter(registration=registration).exists())


def give_feedback(registration: Registration, rating: Any, comment: str = "",
                  now: datetime | None = None) -> Feedback:
    if not can_give_feedback(registration, now):
        raise ValidationError(_("Feedback can be given once, by confirmed participants, after the event has "
                                "begun."))
    try:
        value = int(rating)
    except (TypeError, ValueError):
        value = 0
    if not 1 <= value <= 5:
        raise ValidationError(_("Choose a rating from 1 to 5."))
    try:
        with transaction.atomic():
            return Feedback.objects.create(registration=registration, rating=value, comment=clean(comment, 4000))
    except IntegrityError:
        raise ValidationError(_("Feedback can be given once, by confirmed participants, after the event has "
                                "begun.")) from None
