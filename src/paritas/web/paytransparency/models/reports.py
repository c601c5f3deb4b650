"""The art. 9 pay reporting as submitted to the monitoring body, and what follows from it (art. 10): each
category whose gap is 5 % or more, justified by objective gender-neutral criteria or remedied within six
months of the report, or else the joint pay assessment with the workers' representatives."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from paritas.analytics.directive import months_after


class PayReport(models.Model):
    """One pay reporting (art. 9): the snapshot it reports, the employer's explanation, and the day it was
    submitted to the monitoring body (from which art. 10(1)(c)'s six months run)."""

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE, related_name="pay_reports")
    snapshot = models.ForeignKey("workforce.Snapshot", on_delete=models.PROTECT, related_name="pay_reports",
                                 verbose_name=_("snapshot"))
    explanation = models.TextField(_("the employer's explanation"), blank=True, max_length=10000,
                                   help_text=_("Why the gaps are as they are and what is done about them; it "
                                               "goes with the figures to the monitoring body."))
    submitted_on = models.DateField(_("submitted on"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-snapshot__reference_date", "-pk"]
        constraints = [models.UniqueConstraint(fields=["snapshot"], name="one_report_per_snapshot")]

    @property
    def remedy_deadline(self) -> Any:
        """art. 10(1)(c): six months from the date of submission of the pay reporting."""
        return months_after(self.submitted_on, 6) if self.submitted_on else None


class FlaggedCategory(models.Model):
    """A category of workers whose mean or median gap in basic or variable pay is 5 % or more (art. 10(1)(a)),
    with the gap as reported, and how the employer answers it."""

    class Outcome(models.TextChoices):
        OPEN = "open", pgettext_lazy("flagged category", "open")
        JUSTIFIED = "justified", _("justified by objective, gender-neutral criteria")
        REMEDIED = "remedied", _("remedied")

    report = models.ForeignKey(PayReport, on_delete=models.CASCADE, related_name="flagged")
    category = models.CharField(_("category of workers"), max_length=200)
    women = models.PositiveIntegerField()
    men = models.PositiveIntegerField()
    mean_gap = models.FloatField(null=True)
    median_gap = models.FloatField(null=True)
    withheld = models.BooleanField(default=False)  # its figures are not published (art. 12(3))
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices, default=Outcome.OPEN)
    justification = models.TextField(_("justification or remedy"), blank=True, max_length=5000,
                                     help_text=_("The objective, gender-neutral criteria that explain the gap, or "
                                                 "what was done to remove it."))
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")

    class Meta:
        ordering = ["category"]
        constraints = [models.UniqueConstraint(fields=["report", "category"], name="one_flag_per_category")]


class JointAssessment(models.Model):
    """The joint pay assessment of art. 10 with its content as art. 10(2) lists it; (a)–(c) come from the
    report's snapshot, (d)–(g) are written here, (f)'s measures are its remedies."""

    report = models.OneToOneField(PayReport, on_delete=models.CASCADE, related_name="joint_assessment")
    started_on = models.DateField(_("started on"))
    representatives = models.CharField(_("workers' representatives taking part"), max_length=400, blank=True)
    reasons = models.TextField(_("(d) reasons for the differences, established jointly"), blank=True,
                               max_length=10000)
    leave_women = models.PositiveIntegerField(_("women back from leave in the period"), null=True, blank=True)
    leave_women_improved = models.PositiveIntegerField(_("of whom with a pay improvement"), null=True, blank=True)
    leave_men = models.PositiveIntegerField(_("men back from leave in the period"), null=True, blank=True)
    leave_men_improved = models.PositiveIntegerField(_("of whom with a pay improvement"), null=True, blank=True)
    evaluation = models.TextField(_("(g) evaluation of the measures of earlier assessments"), blank=True,
                                  max_length=10000)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    approved_at = models.DateTimeField(null=True, blank=True)
    made_available_on = models.DateField(_("made available on"), null=True, blank=True)


class Remedy(models.Model):
    """A measure against a difference that is not justified (art. 10(2)(f)), with its cost and deadline;
    it may be carried into an equality plan as a measure."""

    assessment = models.ForeignKey(JointAssessment, on_delete=models.CASCADE, related_name="remedies")
    category = models.CharField(_("category of workers"), max_length=200, blank=True)
    description = models.CharField(_("measure"), max_length=400)
    cost = models.DecimalField(_("cost"), max_digits=12, decimal_places=2, null=True, blank=True)
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    measure = models.ForeignKey("plans.Measure", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["deadline", "pk"]


class Comment(models.Model):
    """The workers' representatives' statement on the assessment, in their own words."""

    assessment = models.ForeignKey(JointAssessment, on_delete=models.CASCADE, related_name="comments")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    text = models.TextField(_("statement"), max_length=5000)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "pk"]
