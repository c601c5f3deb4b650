"""Events of a campaign: the programme, the registration form's extra questions, registrations with the
waiting list, invitations, and what stays after the event (minutes, attachments, feedback)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from paritas.web.network.models.campaigns import Campaign, token


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
    minutes = models.TextField(_("minutes or summary"), blank=True)
    minutes_public = models.BooleanField(_("show the summary on the public page"), default=False)

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
    speakers = models.TextField(_("speakers (name; organisation; role – one a line)"), blank=True)

    class Meta:
        ordering = ["starts_at", "pk"]


class Question(models.Model):
    """A question the organiser adds to an event's registration form (dietary needs, workshop choice, …)."""

    class Kind(models.TextChoices):
        TEXT = "text", _("text")
        CHOICE = "choice", _("one of several options")
        YES_NO = "yes_no", _("yes or no")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="questions")
    label = models.CharField(_("question"), max_length=200)
    kind = models.CharField(_("kind of answer"), max_length=10, choices=Kind.choices, default=Kind.TEXT)
    choices = models.TextField(_("options (one a line)"), blank=True)
    required = models.BooleanField(_("required"), default=False)

    class Meta:
        ordering = ["pk"]

    def options(self) -> list[str]:
        return [line.strip() for line in self.choices.splitlines() if line.strip()]


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
    organisation = models.ForeignKey("organisations.Organisation", null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="event_registrations",
                                     help_text="The organisation on the platform the name was matched to.")
    gender = models.CharField(_("gender"), max_length=1, blank=True,
                              choices=[("f", _("woman")), ("m", _("man")), ("d", _("other"))])
    answers = models.JSONField(default=dict, blank=True)
    language = models.CharField(max_length=8, blank=True, help_text="The language later mails are written in.")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.CONFIRMED)
    token = models.CharField(max_length=40, unique=True, default=token, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    checked_in_at = models.DateTimeField(null=True, blank=True)
    anonymised = models.BooleanField(default=False)

    class Meta:
        ordering = ["created_at", "pk"]


class Invitee(models.Model):
    """An address an event's invitation went to (by audience: the region's award holders, the campaign's
    members or initiators, a list); nobody is invited to one event twice. Deleted with the participants'
    data after the retention period."""

    class Audience(models.TextChoices):
        HOLDERS = "holders", _("award holders in the region")
        MEMBERS = "members", _("members")
        INITIATORS = "initiators", _("initiators")
        LIST = "list", _("a list of addresses")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="invitees")
    email = models.EmailField()
    audience = models.CharField(max_length=12, choices=Audience.choices)
    organisation = models.ForeignKey("organisations.Organisation", null=True, blank=True, on_delete=models.SET_NULL)
    sent_at = models.DateTimeField(auto_now_add=True)
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        unique_together = [("event", "email")]
        ordering = ["sent_at", "pk"]


class EventAttachment(models.Model):
    """Slides and photos of an event, checked as the awards app checks applicants' files."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="attachments")
    name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    content = models.BinaryField()
    size = models.PositiveIntegerField()
    public = models.BooleanField(_("shown on the public page"), default=False)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "pk"]


class Feedback(models.Model):
    """A participant's feedback after the event: one per registration, shown to organisers without names."""

    registration = models.OneToOneField(Registration, on_delete=models.CASCADE, related_name="feedback")
    rating = models.PositiveSmallIntegerField(_("How useful was the event? (1 = not at all, 5 = very)"))
    comment = models.TextField(_("What should we keep or change?"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
