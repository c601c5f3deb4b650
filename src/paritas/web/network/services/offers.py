"""Coaching and advice offers: a person requests a slot, a coordinator accepts one request per slot (the
others are declined) or declines it (docs/network.md)."""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from paritas.web.network.models import OfferSlot, SlotRequest
from paritas.web.network.services.registration import clean


def is_free(slot: OfferSlot, now: datetime | None = None) -> bool:
    return slot.starts_at > (now or timezone.now()) and not slot.requests.filter(
        status=SlotRequest.Status.ACCEPTED).exists()


@transaction.atomic
def request_slot(slot: OfferSlot, name: str, email: str, organisation_name: str = "", message: str = "",
                 now: datetime | None = None) -> SlotRequest:
    """Ask for a slot that is still to come and not given to someone else."""
    locked = OfferSlot.objects.select_for_update().get(pk=slot.pk)
    if not is_free(locked, now):
        raise ValidationError(_("This slot is no longer free; choose another one."))
    name, email = clean(name, 200), clean(email, 254).lower()
    if not name:
        raise ValidationError(_("Give your name."))
    validate_email(email)
    if locked.requests.filter(email=email).exclude(status=SlotRequest.Status.DECLINED).exists():
        raise ValidationError(_("You have asked for this slot already."))
    return SlotRequest.objects.create(slot=locked, name=name, email=email,
                                      organisation_name=clean(organisation_name, 200), message=clean(message, 4000))


@transaction.atomic
def accept(request: SlotRequest) -> list[SlotRequest]:
    """Give the slot to this request; the other open requests for it are declined and returned (to be
    told)."""
    OfferSlot.objects.select_for_update().get(pk=request.slot_id)
    current = SlotRequest.objects.get(pk=request.pk)
    if current.status != SlotRequest.Status.REQUESTED:
        raise ValidationError(_("This request has been answered already."))
    if current.slot.requests.filter(status=SlotRequest.Status.ACCEPTED).exists():
        raise ValidationError(_("The slot has been given to someone else."))
    current.status = SlotRequest.Status.ACCEPTED
    current.save(update_fields=["status"])
    request.status = current.status
    others = list(current.slot.requests.filter(status=SlotRequest.Status.REQUESTED))
    SlotRequest.objects.filter(pk__in=[o.pk for o in others]).update(status=SlotRequest.Status.DECLINED)
    return others


def decline(request: SlotRequest) -> None:
    if not SlotRequest.objects.filter(pk=request.pk, status=SlotRequest.Status.REQUESTED).update(
            status=SlotRequest.Status.DECLINED):
        raise ValidationError(_("This request has been answered already."))
    request.status = SlotRequest.Status.DECLINED
