"""Invitations to an event by audience: the award holders in the campaign's region (from the public
register), the campaign's members or initiators, or a list of addresses. An organisation is reached through
the owners of its account on the platform; nobody is invited to one event twice (docs/network.md)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from paritas.web.awards import register as awards_register
from paritas.web.network.models import Event, Invitee, Participation
from paritas.web.organisations.models import Membership

#: How many addresses one list may hold (a mail to more is a newsletter, not an invitation).
LIST_LIMIT = 2000


@dataclass(frozen=True, slots=True)
class Invitations:
    """What an invitation did: the addresses written to now, those invited before, and the lines of a list
    that are not addresses (line number, text)."""

    sent: tuple[str, ...]
    already: tuple[str, ...]
    invalid: tuple[tuple[int, str], ...]


def _owners(organisation_ids: set[int]) -> list[tuple[str, int]]:
    return list(Membership.objects.filter(organisation_id__in=organisation_ids, role=Membership.Role.OWNER,
                                          user__is_active=True)
                .order_by("organisation_id", "user__email").values_list("user__email", "organisation_id"))


def audience_organisations(event: Event, audience: str) -> set[int]:
    """The organisations an audience means for this event's campaign."""
    campaign = event.campaign
    if audience == Invitee.Audience.HOLDERS:
        if campaign.region_id is None:
            return set()
        return {h.organisation_id for h in awards_register.holders(region=campaign.region_id)}
    roles = [Participation.Role.MEMBER] if audience == Invitee.Audience.MEMBERS else [
        Participation.Role.LEAD, Participation.Role.PARTNER]
    return set(campaign.participations.filter(role__in=roles, left_on__isnull=True)
               .values_list("organisation_id", flat=True))


def parse_list(text: str) -> tuple[list[str], list[tuple[int, str]]]:
    """Addresses from a pasted list (one a line, or separated by commas or semicolons; "Name <address>"
    is understood) and the lines that hold something else."""
    addresses, invalid = [], []
    for number, line in enumerate((text or "").splitlines(), start=1):
        for part in re.split(r"[,;]", line):
            part = part.strip()
            if not part:
                continue
            found = re.search(r"<([^<>]+)>", part)
            address = (found.group(1) if found else part).strip().lower()
            try:
                validate_email(address)
            except ValidationError:
                invalid.append((number, part[:200]))
            else:
                addresses.append(address)
    if len(addresses) > LIST_LIMIT:
        raise ValidationError(_("A list can hold at most %(n)s addresses.") % {"n": LIST_LIMIT})
    return addresses, invalid


def recipients(event: Event, audience: str, text: str = "") -> tuple[list[tuple[str, int | None]],
                                                                      list[tuple[int, str]]]:
    """The addresses an audience reaches (with their organisation), and a list's lines that are not
    addresses."""
    if audience not in Invitee.Audience.values:
        raise ValidationError(_("Choose whom to invite."))
    if audience == Invitee.Audience.LIST:
        addresses, invalid = parse_list(text)
        return [(a, None) for a in dict.fromkeys(addresses)], invalid
    seen: dict[str, int | None] = {}
    for email, organisation in _owners(audience_organisations(event, audience)):
        seen.setdefault(email.lower(), organisation)
    return list(seen.items()), []


def invite(event: Event, audience: str, text: str, user: Any, send: Any) -> Invitations:
    """Invite an audience: each address not invited to this event before is recorded and ``send(address)``
    is called for it (the mail goes through the outbox). A list with lines that are not addresses invites
    nobody, so that the organiser can correct it and send once."""
    found, invalid = recipients(event, audience, text)
    if invalid:
        return Invitations((), (), tuple(invalid))
    sent, already = [], []
    for email, organisation in found:
        try:
            with transaction.atomic():
                Invitee.objects.create(event=event, email=email, audience=audience, organisation_id=organisation,
                                       sent_by=user)
        except IntegrityError:
            already.append(email)
            continue
        send(email)
        sent.append(email)
    return Invitations(tuple(sent), tuple(already), ())
