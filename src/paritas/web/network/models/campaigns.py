"""Campaigns and alliances: their organisations (initiators and members), goals with figures, coaching and
advice offers with bookable slots, news and recognitions (docs/network.md)."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def token() -> str:
    """A secret link's key: a person's only way back to a registration or a slot request."""
    return secrets.token_urlsafe(24)


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
                                     related_name="participations", verbose_name=_("organisation"))
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    joined_on = models.DateField(_("joined on"), null=True, blank=True)
    left_on = models.DateField(_("left on"), null=True, blank=True)
    shown_publicly = models.BooleanField(_("shown on the public page"), default=False)

    class Meta:
        unique_together = [("campaign", "organisation")]
        ordering = ["role", "organisation__name"]


class Goal(models.Model):
    """A goal with a figure: counted by Paritas (award holders in the region from the register, members,
    events, participants, organisations reached in a year) or entered by hand."""

    class Measure(models.TextChoices):
        HOLDERS = "holders", _("award holders in the region")
        MEMBERS = "members", _("member organisations")
        EVENTS = "events", _("events in the year")
        PARTICIPANTS = "participants", _("participants in the year")
        ORGANISATIONS = "organisations", _("organisations reached in the year")
        NEW_APPLICANTS = "new_applicants", _("new award applicants reached in the year")
        MANUAL = "manual", _("entered by hand")

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="goals")
    title = models.CharField(_("goal"), max_length=200)
    measure = models.CharField(_("figure"), max_length=20, choices=Measure.choices, default=Measure.HOLDERS)
    target = models.PositiveIntegerField(_("target"))
    year = models.PositiveSmallIntegerField(_("year"), help_text=_("The year the target is for."))
    manual_value = models.PositiveIntegerField(_("value reached (entered by hand)"), null=True, blank=True)

    class Meta:
        ordering = ["year", "pk"]


class Offer(models.Model):
    """A coaching or advice offer: what, for whom, whom to ask, and slots to request."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="offers")
    title = models.CharField(_("offer"), max_length=200)
    audience = models.CharField(_("for whom"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    contact = models.CharField(_("contact"), max_length=200)

    class Meta:
        ordering = ["title", "pk"]


class OfferSlot(models.Model):
    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="slots")
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    place = models.CharField(_("place or online link"), max_length=300, blank=True)

    class Meta:
        ordering = ["starts_at", "pk"]


class SlotRequest(models.Model):
    """A request for a slot: personal data, seen by the coordinators only and anonymised after the retention
    period. A slot has at most one accepted request."""

    class Status(models.TextChoices):
        REQUESTED = "requested", _("requested")
        ACCEPTED = "accepted", _("accepted")
        DECLINED = "declined", _("declined")

    slot = models.ForeignKey(OfferSlot, on_delete=models.CASCADE, related_name="requests")
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail address"))
    organisation_name = models.CharField(_("organisation"), max_length=200, blank=True)
    message = models.TextField(_("what you would like to talk about"), blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.REQUESTED)
    token = models.CharField(max_length=40, unique=True, default=token, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    anonymised = models.BooleanField(default=False)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["slot"], condition=models.Q(status="accepted"),
                                               name="one_accepted_request_per_slot")]


class NewsItem(models.Model):
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="news")
    title = models.CharField(_("headline"), max_length=200)
    body = models.TextField(_("text"))
    published_on = models.DateField(_("date"))

    class Meta:
        ordering = ["-published_on", "-pk"]


class Recognition(models.Model):
    """A public recognition of a campaign or alliance (seed 003: "alliance of the month"), shown on its page."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="recognitions")
    title = models.CharField(_("recognition"), max_length=200)
    awarded_by = models.CharField(_("awarded by"), max_length=200, blank=True)
    on = models.DateField(_("date"))

    class Meta:
        ordering = ["-on"]
