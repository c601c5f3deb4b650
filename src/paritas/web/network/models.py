"""Networks: campaigns and alliances that bring employers to equal-opportunity work (seed 000: "Total
E-Quality in der Metropole Ruhr"; seed 003: a local alliance for families), their organisations, and their
events with a programme, registrations, a waiting list and check-in (docs/network.md)."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Campaign(models.Model):
    class Kind(models.TextChoices):
        AWARD_CAMPAIGN = "award_campaign", _("award campaign")
        LOCAL_ALLIANCE = "local_alliance", _("local alliance")
        PROJECT_NETWORK = "project_network", _("project network")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    region = models.ForeignKey("organisations.Region", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="campaigns", verbose_name=_("region"))
    description = models.TextField(_("description"), blank=True)
    coordinators = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="coordinated_campaigns")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Participation(models.Model):
    """An organisation in a campaign: an initiator (lead, partner) or a member, since and until when."""

    class Role(models.TextChoices):
        LEAD = "lead", _("lead initiator")
        PARTNER = "partner", _("partner")
        MEMBER = "member", _("member")

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="participations")
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE,
                                     related_name="participations")
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    joined_on = models.DateField(_("joined on"), null=True, blank=True)
    left_on = models.DateField(_("left on"), null=True, blank=True)
    shown_publicly = models.BooleanField(_("shown on the public page"), default=False)

    class Meta:
        unique_together = [("campaign", "organisation")]


class Event(models.Model):
    class Kind(models.TextChoices):
        ANNIVERSARY = "anniversary", _("anniversary event")
        NETWORK_MEETING = "network_meeting", _("network meeting")
        WORKSHOP = "workshop", _("workshop")
        COACHING = "coaching", _("coaching session")

    class Audience(models.TextChoices):
        PUBLIC = "public", _("public")
        MEMBERS = "members", _("members only")

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="events")
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    time_zone = models.CharField(_("time zone"), max_length=50, default="Europe/Berlin")
    place = models.CharField(_("place"), max_length=300, blank=True)
    host = models.ForeignKey("organisations.Organisation", null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="hosted_events", verbose_name=_("host"))
    online_link = models.URLField(_("online link"), blank=True)
    audience = models.CharField(_("audience"), max_length=10, choices=Audience.choices, default=Audience.PUBLIC)
    capacity = models.PositiveIntegerField(_("places"), null=True, blank=True, help_text=_("Empty: no limit."))
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["starts_at"]

    def __str__(self) -> str:
        return self.title


class ProgrammeItem(models.Model):
    class Kind(models.TextChoices):
        WELCOME = "welcome", _("welcome")
        KEYNOTE = "keynote", _("keynote")
        PANEL = "panel", _("panel")
        TALK = "talk", _("talk")
        BREAK = "break", _("break")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="programme")
    starts_at = models.TimeField(_("time"))
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.TALK)
    speakers = models.TextField(_("speakers (name, organisation, role; one a line)"), blank=True)

    class Meta:
        ordering = ["starts_at", "pk"]


def _token() -> str:
    return secrets.token_urlsafe(24)


class Registration(models.Model):
    """A person registered for an event: confirmed, on the waiting list, or cancelled. Personal data, seen by
    the organisers only and anonymised after the retention period (services.anonymise_past)."""

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("confirmed")
        WAITING = "waiting", _("on the waiting list")
        CANCELLED = "cancelled", _("cancelled")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail address"))
    organisation_name = models.CharField(_("organisation"), max_length=200, blank=True)
    gender = models.CharField(_("gender"), max_length=1, blank=True,
                              choices=[("f", _("woman")), ("m", _("man")), ("d", _("other"))])
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.CONFIRMED)
    token = models.CharField(max_length=40, unique=True, default=_token, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    checked_in_at = models.DateTimeField(null=True, blank=True)
    anonymised = models.BooleanField(default=False)

    class Meta:
        ordering = ["created_at", "pk"]


class Recognition(models.Model):
    """A public recognition of a campaign or alliance (seed 003: "alliance of the month"), shown on its page."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="recognitions")
    title = models.CharField(_("recognition"), max_length=200)
    awarded_by = models.CharField(_("awarded by"), max_length=200, blank=True)
    on = models.DateField(_("date"))

    class Meta:
        ordering = ["-on"]
