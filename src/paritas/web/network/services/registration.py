"""Registration for an event: within the places, a waiting list that moves up by itself, the organiser's
extra questions, cancellation, check-in at the door, and the counts (docs/network.md)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from paritas.web.network.models import Event, Question, Registration
from paritas.web.organisations.models import Organisation
from paritas.web.text import clean_text


def clean(value: str, limit: int) -> str:
    """A person's text as it can be stored: stripped, without NUL, at most ``limit`` characters."""
    return clean_text((value or "").strip())[:limit]


def check_answers(event: Event, answers: dict[str, Any] | None) -> dict[str, Any]:
    """The answers to the event's extra questions, keyed by question id: a required one must be answered, a
    choice must be one of its options, yes/no is a boolean; answers to questions the event does not have
    are dropped."""
    answers = answers or {}
    kept: dict[str, Any] = {}
    for question in event.questions.all():
        value = answers.get(str(question.pk), answers.get(question.pk))
        if isinstance(value, str):
            value = clean(value, 2000)
        if value is None or value == "":
            if question.required:
                raise ValidationError(_("Answer the question “%(question)s”.") % {"question": question.label})
            continue
        if question.kind == Question.Kind.CHOICE and value not in question.options():
            raise ValidationError(_("“%(question)s”: choose one of the options.") % {"question": question.label})
        if question.kind == Question.Kind.YES_NO and not isinstance(value, bool):
            raise ValidationError(_("“%(question)s”: answer yes or no.") % {"question": question.label})
        kept[str(question.pk)] = value
    return kept


def match_organisation(name: str) -> Organisation | None:
    """The organisation on the platform a participant names, if one has exactly that name (any case): the
    yearly figures count organisations reached and new award applicants among them by it."""
    if not name:
        return None
    found = list(Organisation.objects.filter(name__iexact=name)[:2])
    return found[0] if len(found) == 1 else None


@transaction.atomic
def register(event: Event, name: str, email: str, organisation_name: str = "", gender: str = "",
             answers: dict[str, Any] | None = None, now: datetime | None = None, language: str = "") -> Registration:
    """Register a person: confirmed while places are left, else on the waiting list. The event's row is
    locked, so two people asking for the last place at once get one place and one waiting place."""
    locked = Event.objects.select_for_update().get(pk=event.pk)
    if (now or timezone.now()) >= locked.ends_at:
        raise ValidationError(_("The event is over; registration has closed."))
    name, email = clean(name, 200), clean(email, 254).lower()
    if not name:
        raise ValidationError(_("Give your name."))
    validate_email(email)
    if gender not in ("", "f", "m", "d"):
        raise ValidationError(_("Choose woman, man or other, or leave it empty."))
    kept = check_answers(locked, answers)
    active = locked.registrations.exclude(status=Registration.Status.CANCELLED)
    if active.filter(email=email).exists():
        raise ValidationError(_("This address is registered for the event already."))
    confirmed = active.filter(status=Registration.Status.CONFIRMED).count()
    full = locked.capacity is not None and confirmed >= locked.capacity
    organisation_name = clean(organisation_name, 200)
    return Registration.objects.create(
        event=locked, name=name, email=email, organisation_name=organisation_name,
        organisation=match_organisation(organisation_name), gender=gender, answers=kept, language=language[:8],
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


def counts(event: Event) -> dict[str, Any]:
    """Places taken, waiting, free, and attendance (checked in)."""
    active = event.registrations.exclude(status=Registration.Status.CANCELLED)
    confirmed = active.filter(status=Registration.Status.CONFIRMED).count()
    return {"confirmed": confirmed, "waiting": active.filter(status=Registration.Status.WAITING).count(),
            "free": None if event.capacity is None else max(0, event.capacity - confirmed),
            "attended": active.filter(checked_in_at__isnull=False).count()}
