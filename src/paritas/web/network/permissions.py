"""Who may see and organise what in a network: a campaign's coordinators manage it and its events; the host
of a network meeting (an owner or analyst of the host organisation) edits that meeting; people of the
campaign's organisations (initiators and current members) see its members-only events; the public sees
public pages only. Everyone else gets 404, as for another organisation's data."""

from __future__ import annotations

from typing import Any

from django.http import Http404

from paritas.web.network.models import Campaign, Event, Participation
from paritas.web.organisations.models import Membership


def _signed_in(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False))


def coordinated(user: Any, slug: str) -> Campaign:
    if not _signed_in(user):
        raise Http404
    campaign = Campaign.objects.select_related("region").filter(slug=slug, coordinators=user).first()
    if campaign is None:
        raise Http404
    return campaign


def is_member(user: Any, campaign: Campaign) -> bool:
    """A coordinator, or a member of an organisation that is in the campaign and has not left."""
    if not _signed_in(user):
        return False
    if campaign.coordinators.filter(pk=user.pk).exists():
        return True
    organisations = Participation.objects.filter(campaign=campaign, left_on__isnull=True).values("organisation_id")
    return Membership.objects.filter(user=user, organisation_id__in=organisations).exists()


def visible_event(user: Any, pk: int) -> Event:
    """An event's public page: every public event; a members-only one for the campaign's members."""
    event = Event.objects.select_related("campaign", "host").filter(pk=pk).first()
    if event is None or (event.audience != Event.Audience.PUBLIC and not is_member(user, event.campaign)):
        raise Http404
    return event


def organised_event(user: Any, pk: int) -> Event:
    """An event the user may organise: as a coordinator of its campaign, or as its host."""
    if not _signed_in(user):
        raise Http404
    event = Event.objects.select_related("campaign", "host").filter(pk=pk).first()
    if event is None:
        raise Http404
    if event.campaign.coordinators.filter(pk=user.pk).exists():
        return event
    if event.host_id is not None and Membership.objects.filter(
            user=user, organisation_id=event.host_id, role__in=[Membership.Role.OWNER, Membership.Role.ANALYST]
    ).exists():
        return event
    raise Http404
