"""Participants' personal data (GDPR): kept for a configurable time after the event and then anonymised
(art. 5(1)(e)), and handed out on request (art. 15, 20) as one JSON file of everything held about an
address, or erased on request (art. 17) (docs/network.md)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from paritas.web.network.models import Campaign, Invitee, Registration, SlotRequest


def retention() -> timedelta:
    """How long after their event participants' names and addresses are kept (GDPR art. 5(1)(e)):
    ``PARITAS_PARTICIPANT_RETENTION_DAYS`` (default 180)."""
    from django.conf import settings

    return timedelta(days=settings.PARTICIPANT_RETENTION_DAYS)


def _anonymise(registrations: Any) -> int:
    count = 0
    for pk in list(registrations.values_list("pk", flat=True)):
        Registration.objects.filter(pk=pk).update(name="–", email=f"anonymised-{pk}@invalid", answers={},
                                                  anonymised=True)
        count += 1
    return count


def _anonymise_requests(requests: Any) -> int:
    count = 0
    for pk in list(requests.values_list("pk", flat=True)):
        SlotRequest.objects.filter(pk=pk).update(name="–", email=f"anonymised-{pk}@invalid", message="",
                                                 anonymised=True)
        count += 1
    return count


@transaction.atomic
def anonymise_past(now: datetime | None = None, keep: timedelta | None = None) -> int:
    """Replace names, addresses and answers of the participants of events (and of slot requests) that ended
    longer ago than the retention period, and delete the addresses invitations went to; the counts
    (attendance by gender and organisation, feedback ratings) stay. Returns how many were anonymised."""
    cutoff = (now or timezone.now()) - (keep if keep is not None else retention())
    Invitee.objects.filter(event__ends_at__lt=cutoff).delete()
    return (_anonymise(Registration.objects.filter(event__ends_at__lt=cutoff, anonymised=False))
            + _anonymise_requests(SlotRequest.objects.filter(slot__ends_at__lt=cutoff, anonymised=False)))


def _held(campaign: Campaign, email: str) -> tuple[Any, Any, Any]:
    email = email.strip().lower()
    return (Registration.objects.filter(event__campaign=campaign, email__iexact=email, anonymised=False)
            .select_related("event").prefetch_related("event__questions"),
            SlotRequest.objects.filter(slot__offer__campaign=campaign, email__iexact=email, anonymised=False)
            .select_related("slot__offer"),
            Invitee.objects.filter(event__campaign=campaign, email__iexact=email).select_related("event"))


def person_data(campaign: Campaign, email: str) -> dict[str, Any]:
    """Everything the campaign holds about one address (GDPR art. 15, 20): registrations with their answers
    and feedback, slot requests, invitations."""
    registrations, requests, invitees = _held(campaign, email)
    return {
        "campaign": campaign.name, "email": email.strip().lower(), "exported_at": timezone.now().isoformat(),
        "registrations": [{
            "event": r.event.title, "starts_at": r.event.starts_at.isoformat(), "name": r.name,
            "organisation": r.organisation_name, "gender": r.gender, "status": r.status,
            "registered_at": r.created_at.isoformat(),
            "checked_in_at": r.checked_in_at.isoformat() if r.checked_in_at else None,
            "answers": {q.label: r.answers[str(q.pk)] for q in r.event.questions.all() if str(q.pk) in r.answers},
            "feedback": ({"rating": r.feedback.rating, "comment": r.feedback.comment}
                         if hasattr(r, "feedback") else None)} for r in registrations],
        "slot_requests": [{"offer": s.slot.offer.title, "slot": s.slot.starts_at.isoformat(), "name": s.name,
                           "organisation": s.organisation_name, "message": s.message, "status": s.status}
                          for s in requests],
        "invitations": [{"event": i.event.title, "sent_at": i.sent_at.isoformat()} for i in invitees]}


@transaction.atomic
def erase_person(campaign: Campaign, email: str, now: datetime | None = None) -> tuple[int, list[Registration]]:
    """Erase one address from the campaign on request (GDPR art. 17): registrations for events still to
    come are cancelled first (their places go to the waiting list), then registrations and slot requests
    are anonymised (the counts stay) and invitations deleted. Returns how many records were changed and
    who moved up (to be told)."""
    from paritas.web.network.services.registration import cancel

    registrations, requests, invitees = _held(campaign, email)
    moved = [m for r in registrations.filter(event__ends_at__gte=now or timezone.now())
             .exclude(status=Registration.Status.CANCELLED) if (m := cancel(r)) is not None]
    deleted, _detail = invitees.delete()
    return _anonymise(registrations) + _anonymise_requests(requests) + deleted, moved
