"""The library of methods and exercises (seed 004's published material for gender mainstreaming): entries
with their texts in one or more languages, themes, form, audience, group size and duration, published by a
campaign (or a project) and reviewed by an editor before the public sees them (docs/library.md)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Theme(models.Model):
    """A theme an entry is tagged with; the codes are fixed (Themes), their names translated."""

    class Code(models.TextChoices):
        PAY = "pay", _("pay")
        RECRUITMENT = "recruitment", _("recruitment")
        LEADERSHIP = "leadership", _("leadership")
        NORMS = "norms", _("norms")
        FULL_TIME = "full_time", _("full-time work")
        INTEGRATION = "integration", _("integration")

    code = models.CharField(max_length=20, unique=True, choices=Code.choices)

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return str(self.get_code_display())


class Entry(models.Model):
    class Form(models.TextChoices):
        EXERCISE = "exercise", _("exercise")
        METHOD = "method", _("method")
        CHECKLIST = "checklist", _("checklist")
        GUIDE = "guide", _("guide")

    class Audience(models.TextChoices):
        MANAGERS = "managers", _("managers")
        STAFF = "staff", _("staff")
        ELECTED = "elected", _("elected officials")
        HR = "hr", _("HR and equality officers")
        EVERYONE = "everyone", _("everyone in the organisation")

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SUBMITTED = "submitted", _("waiting for review")
        RETURNED = "returned", _("returned for changes")
        PUBLISHED = "published", _("published")

    class Licence(models.TextChoices):
        CC_BY = "CC BY 4.0", "CC BY 4.0"
        CC_BY_SA = "CC BY-SA 4.0", "CC BY-SA 4.0"
        CC0 = "CC0 1.0", "CC0 1.0"
        RESERVED = "reserved", _("all rights reserved")

    slug = models.SlugField(unique=True, max_length=80)
    form = models.CharField(_("form"), max_length=10, choices=Form.choices)
    themes = models.ManyToManyField(Theme, related_name="entries", verbose_name=_("themes"))
    audience = models.CharField(_("target group"), max_length=10, choices=Audience.choices)
    group_min = models.PositiveSmallIntegerField(_("smallest group"), null=True, blank=True)
    group_max = models.PositiveSmallIntegerField(_("largest group"), null=True, blank=True)
    duration_minutes = models.PositiveSmallIntegerField(_("duration (minutes)"))
    sources = models.TextField(_("sources"), blank=True)
    licence = models.CharField(_("licence"), max_length=20, choices=Licence.choices, default=Licence.CC_BY)
    campaign = models.ForeignKey("network.Campaign", null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="library_entries", verbose_name=_("published by"))
    project = models.ForeignKey("projects.Project", null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="library_entries", verbose_name=_("published by the project"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    review_note = models.TextField(blank=True)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    reviewed_at = models.DateTimeField(null=True, blank=True)
    criteria = models.ManyToManyField("awards.Criterion", blank=True, related_name="library_entries",
                                      verbose_name=_("related award criteria"))
    measure_keys = models.JSONField(_("related plan measures"), default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["slug"]
        permissions = [("review_entry", "Can review and publish library entries")]


class EntryText(models.Model):
    """An entry's text in one language; searched in that language's dictionary (search.py)."""

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="texts")
    language = models.CharField(_("language"), max_length=2, choices=settings.LANGUAGES)
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"))
    aim = models.TextField(_("aim"))
    materials = models.TextField(_("materials"), blank=True)
    steps = models.TextField(_("steps (one a line)"))

    class Meta:
        unique_together = [("entry", "language")]
        ordering = ["language"]

    def step_list(self) -> list[str]:
        return [line.strip() for line in self.steps.splitlines() if line.strip()]
