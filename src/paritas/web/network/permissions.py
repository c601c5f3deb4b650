"""Who may organise what in a network: a campaign's coordinators manage it and its events; the host of a
network meeting (an owner or analyst of the host organisation) edits that meeting. Everyone else gets 404
for a campaign's organiser pages, as for another organisation's data."""

from __future__ import annotations

from typing import Any

from django.http import Http404

from paritas.web.network.models import Campaign, Event
from paritas.web.organisations.models import Membership


def coordinated(user: Any, slug: str) -> Campaign:
    if not getattr(user, "is_authenticated", False):
        raise Http404
    campaign = Campaign.objects.filter(slug=slug, coordinators=user).first()
    if campaign is None:
        raise Http404
    return campaign


def organised_event(user: Any, pk: int) -> Event:
    """An event the user may organise: as a coordinator of its campaign, or as its host."""
    if not getattr(user, "is_authenticated", False):
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
