"""Participants and their time: who took part, with only the facts the project's indicator set needs (a
personal identity number only as a keyed hash and encrypted), hours per activity and day, and the monthly
reports to the funder as they were sent (docs/projects.md)."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from paritas.web.projects.indicators import EDUCATION_CHOICES, EMPLOYMENT_CHOICES
from paritas.web.projects.models.projects import Activity, Partner, Project, TargetGroup


class Participant(models.Model):
    class Gender(models.TextChoices):
        WOMAN = "f", _("woman")
        MAN = "m", _("man")
        OTHER = "d", _("other")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="participants")
    partner = models.ForeignKey(Partner, on_delete=models.PROTECT, related_name="participants",
                                verbose_name=_("organisation"))
    target_group = models.ForeignKey(TargetGroup, null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="participants", verbose_name=_("target group"))
    name = models.CharField(_("name"), max_length=200)
    gender = models.CharField(_("gender"), max_length=1, choices=Gender.choices)
    birth_year = models.PositiveSmallIntegerField(_("year of birth"), null=True, blank=True)
    employment_status = models.CharField(_("employment status"), max_length=25, blank=True,
                                         choices=EMPLOYMENT_CHOICES)
    education = models.CharField(_("education"), max_length=12, blank=True, choices=EDUCATION_CHOICES)
    #: HMAC-SHA256 of the 12-digit number under the platform key: finds a person twice, reveals nobody
    personal_number_hash = models.CharField(max_length=64, blank=True, editable=False)
    personal_number_encrypted = models.BinaryField(null=True, blank=True, editable=False)
    joined_on = models.DateField(_("joined on"))
    anonymised = models.BooleanField(default=False, editable=False)

    class Meta:
        ordering = ["name", "pk"]
        constraints = [models.UniqueConstraint(fields=["project", "personal_number_hash"],
                                               condition=~models.Q(personal_number_hash=""),
                                               name="one_participant_per_personal_number")]
        indexes = [models.Index(fields=["project", "partner"])]

    def __str__(self) -> str:
        return self.name


class Attendance(models.Model):
    """Hours one participant spent in one activity on one day."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="attendances")
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="attendances")
    on = models.DateField(_("day"))
    hours = models.DecimalField(_("hours"), max_digits=5, decimal_places=2,
                                validators=[MinValueValidator(Decimal("0.25"))])

    class Meta:
        ordering = ["on", "pk"]
        unique_together = [("activity", "participant", "on")]
        indexes = [models.Index(fields=["on"])]


class MonthlyReport(models.Model):
    """A month's participant report as it went to the funder: the workbook, the hours per participant it
    stated, and its version (1 the report, 2 … corrections of that month alone)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="monthly_reports")
    month = models.DateField(_("month"))  # the first day
    version = models.PositiveSmallIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    hours = models.JSONField(default=dict)  # {participant pk: "hours"} as stated
    total_hours = models.DecimalField(max_digits=10, decimal_places=2)
    total_value = models.DecimalField(max_digits=14, decimal_places=2, null=True)
    workbook = models.BinaryField()

    class Meta:
        ordering = ["month", "version"]
        unique_together = [("project", "month", "version")]
