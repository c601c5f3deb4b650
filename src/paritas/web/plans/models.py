"""Equality plans and action plans (Gleichstellungsplan, Aktionsplan; jämställdhetsplan, handlingsplan):
a plan of an organisation, its yearly versions (Fortschreibung, revidering), and in each version the
targets and measures. A version is approved by a board and then read-only; the next year's version
starts as a copy. Targets and measures keep a ``key`` across versions, so that a version can say what
changed since the last one (docs/plans.md)."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Plan(models.Model):
    class Kind(models.TextChoices):
        EQUALITY_PLAN = "equality_plan", _("equality plan")
        ACTION_PLAN = "action_plan", _("action plan")
        PAY_SURVEY = "pay_survey_action_plan", _("action plan of the pay survey")

    class LegalBasis(models.TextChoices):
        LGG_NRW = "lgg_nrw", _("LGG NRW (equality plan of a public employer in North Rhine-Westphalia)")
        BGLEIG = "bgleig", _("BGleiG (federal administration)")
        HGLG = "hglg", _("HGlG (Hesse)")
        DISKL = "diskrimineringslagen_3", _("Diskrimineringslagen ch. 3 (active measures, pay survey)")
        VOLUNTARY = "voluntary", _("voluntary")

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE, related_name="plans")
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices, default=Kind.EQUALITY_PLAN)
    legal_basis = models.CharField(_("legal basis"), max_length=30, choices=LegalBasis.choices,
                                   default=LegalBasis.VOLUNTARY)
    period_start = models.PositiveSmallIntegerField(_("first year"))
    period_end = models.PositiveSmallIntegerField(_("last year"))
    departments = models.JSONField(_("departments"), default=list, blank=True,
                                   help_text=_("Empty: the whole organisation."))
    equality_officer = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                         related_name="+", verbose_name=_("equality officer"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-period_start", "title"]

    def __str__(self) -> str:
        return f"{self.title} {self.period_start}–{self.period_end}"

    @property
    def period(self) -> str:
        return f"{self.period_start}–{self.period_end}"


class PlanVersion(models.Model):
    """One year's version of a plan: draft → submitted → approved (read-only) or returned (editable)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SUBMITTED = "submitted", _("submitted")
        APPROVED = "approved", _("approved")
        RETURNED = "returned", _("returned")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField()
    year = models.PositiveSmallIntegerField(_("year"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    summary = models.TextField(_("summary"), blank=True)
    snapshots = models.ManyToManyField("workforce.Snapshot", blank=True, related_name="plan_versions",
                                       verbose_name=_("snapshots"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")
    submitted_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    board = models.CharField(_("board"), max_length=200, blank=True)
    decision_reference = models.CharField(_("decision reference"), max_length=100, blank=True)
    decision_note = models.TextField(_("note on the decision"), blank=True)
    statement = models.TextField(_("statement of the equality officer"), blank=True)
    statement_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")
    statement_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["plan", "-number"]
        unique_together = [("plan", "number")]

    def __str__(self) -> str:
        return f"{self.plan} ({self.year})"

    @property
    def editable(self) -> bool:
        return self.status in (self.Status.DRAFT, self.Status.RETURNED)


class Target(models.Model):
    """What the plan wants to reach in an area by a year: a women's share (by heads or FTE) or a pay gap."""

    class Area(models.TextChoices):
        WORKFORCE = "workforce", _("whole workforce")
        LEADERSHIP = "leadership", _("leadership positions")
        LEADERSHIP_LEVEL = "leadership_level", _("leadership level")
        PAY_GRADE = "pay_grade", _("pay grade")
        CAREER_GROUP = "career_group", _("career group")
        DEPARTMENT = "department", _("department")
        PAY_GAP = "pay_gap", _("pay gap")

    class Basis(models.TextChoices):
        HEADS = "heads", _("heads")
        FTE = "fte", _("full-time equivalents")

    version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="targets")
    key = models.UUIDField(default=uuid.uuid4, editable=False)
    area = models.CharField(_("area"), max_length=20, choices=Area.choices)
    group = models.CharField(_("group"), max_length=100, blank=True,
                             help_text=_("The level, pay grade, career group or department; for a pay gap: mean or "
                                         "median."))
    basis = models.CharField(_("counted by"), max_length=5, choices=Basis.choices, default=Basis.HEADS)
    target = models.DecimalField(_("target (%)"), max_digits=5, decimal_places=1)
    deadline = models.PositiveSmallIntegerField(_("by the end of"))
    interim = models.JSONField(_("interim targets"), default=list, blank=True)  # [{"year": 2026, "target": 40.0}]
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["area", "group", "pk"]


class Measure(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        IN_PROGRESS = "in_progress", _("in progress")
        EMBEDDED = "embedded", _("embedded in routine")
        COMPLETED = "completed", _("completed")
        DROPPED = "dropped", _("dropped")

    version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="measures")
    key = models.UUIDField(default=uuid.uuid4, editable=False)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    owner = models.CharField(_("responsible (person or unit)"), max_length=200, blank=True)
    target_group = models.CharField(_("target group"), max_length=200, blank=True)
    quantity = models.CharField(_("quantity"), max_length=100, blank=True, help_text=_("For example: 29 places a year"))
    start = models.DateField(_("start"), null=True, blank=True)
    end = models.DateField(_("end"), null=True, blank=True)
    budget = models.DecimalField(_("budget"), max_digits=12, decimal_places=2, null=True, blank=True)
    targets = models.ManyToManyField(Target, blank=True, related_name="measures", verbose_name=_("targets"))
    indicator = models.CharField(_("indicator"), max_length=200, blank=True)
    reported = models.JSONField(_("reported values"), default=list, blank=True)  # [{"date": "2025-06-30", "value": 12}]
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.PLANNED)
    status_reason = models.CharField(_("reason"), max_length=300, blank=True)
    library_key = models.CharField(max_length=50, blank=True)

    class Meta:
        ordering = ["pk"]


class ChangeRecord(models.Model):
    """Every change to a version, who made it and when (the version's history)."""

    version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="changes")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    what = models.CharField(max_length=300)

    class Meta:
        ordering = ["-at", "-pk"]


class SelfAssessment(models.Model):
    """An organisation's answers to a programme's checklist outside any award round (seed 003: the local
    alliance's family-friendly checklist): yes/no per question; what is not yet ticked can become a measure,
    and the answers prefill the next application to the programme."""

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE,
                                     related_name="self_assessments")
    programme = models.ForeignKey("awards.Programme", on_delete=models.CASCADE, related_name="self_assessments")
    answers = models.JSONField(default=dict)  # {question id: true/false}
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        unique_together = [("organisation", "programme")]
