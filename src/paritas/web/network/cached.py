"""A campaign's public page is the same for every visitor but its members-only events, so its parts are
rendered once per language and state and kept for a minute in the shared cache (as the register is). The
state is the register's fingerprint and the campaign's version, which every change of the campaign, its
organisations, goals, offers, slots, requests, news, recognitions, events or registrations renews
(signals below); a change made by a bulk update shows within the minute."""

from __future__ import annotations

import time
from typing import Any

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save

TTL = 60


def _key(campaign_id: int) -> str:
    return f"paritas:campaign-version:{campaign_id}"


def version(campaign_id: int) -> str:
    """The campaign's current version (made on first use)."""
    value = cache.get(_key(campaign_id))
    if value is None:
        value = str(time.time_ns())
        cache.set(_key(campaign_id), value, None)
    return value


def touch(campaign_id: int | None) -> None:
    """Renew the campaign's version: its cached page parts are not used again."""
    if campaign_id is not None:
        cache.set(_key(campaign_id), str(time.time_ns()), None)


def _campaign_of(instance: Any) -> int | None:
    from paritas.web.network.models import Campaign, Event, OfferSlot, ProgrammeItem, Registration, SlotRequest

    if isinstance(instance, Campaign):
        return instance.pk
    if hasattr(instance, "campaign_id"):
        return instance.campaign_id
    if isinstance(instance, (ProgrammeItem, Registration)):
        return Event.objects.filter(pk=instance.event_id).values_list("campaign_id", flat=True).first()
    if isinstance(instance, OfferSlot):
        return instance.offer.campaign_id if instance.offer_id else None
    if isinstance(instance, SlotRequest):
        return OfferSlot.objects.filter(pk=instance.slot_id).values_list("offer__campaign_id", flat=True).first()
    return None


def _changed(sender: Any, instance: Any, **kwargs: Any) -> None:
    touch(_campaign_of(instance))


def connect() -> None:
    """Renew a campaign's version whenever one of its parts is saved or deleted (called by the app)."""
    from paritas.web.network import models

    for model in (models.Campaign, models.Participation, models.Goal, models.Offer, models.OfferSlot,
                  models.SlotRequest, models.NewsItem, models.Recognition, models.Event, models.ProgrammeItem,
                  models.Registration):
        post_save.connect(_changed, sender=model, dispatch_uid=f"network-page-{model.__name__}")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"network-page-delete-{model.__name__}")


def get(key: str) -> Any:
    return cache.get(key)


def put(key: str, value: Any) -> None:
    cache.set(key, value, TTL)
