"""The organisations of a campaign: initiators (lead, partner) and members, with the dates they joined and
left (docs/network.md)."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from paritas.web.network.models import Campaign, Participation
from paritas.web.network.services.registration import clean, match_organisation
from paritas.web.organisations.models import Organisation
from paritas.web.organisations.services import new_entry


@transaction.atomic
def join(campaign: Campaign, organisation_name: str, role: str, joined_on: date | None = None,
         shown_publicly: bool = False, kind: str = Organisation.Type.COMPANY) -> Participation:
    """Add an organisation to the campaign: the one on the platform with exactly this name, else a new
    entry in the campaign's region. An organisation that had left joins again."""
    name = clean(organisation_name, 200)
    if not name:
        raise ValidationError(_("Give the organisation's name."))
    if role not in Participation.Role.values:
        raise ValidationError(_("Choose a role."))
    if kind not in Organisation.Type.values:
        raise ValidationError(_("Choose a type."))
    organisation = match_organisation(name) or new_entry(name, kind, campaign.region_id)
    participation, created = Participation.objects.get_or_create(
        campaign=campaign, organisation=organisation,
        defaults={"role": role, "joined_on": joined_on, "shown_publicly": shown_publicly})
    if not created:
        if participation.left_on is None:
            raise ValidationError(_("%(name)s is in the campaign already.") % {"name": organisation.name})
        participation.role, participation.joined_on, participation.left_on = role, joined_on, None
        participation.shown_publicly = shown_publicly
        participation.save()
    return participation


def leave(participation: Participation, on: date) -> None:
    """The organisation leaves the campaign on ``on`` (kept in the history and the yearly figures)."""
    if participation.left_on is not None:
        raise ValidationError(_("The organisation has left already."))
    if participation.joined_on and on < participation.joined_on:
        raise ValidationError(_("It cannot leave before it joined."))
    participation.left_on = on
    participation.save(update_fields=["left_on"])
