"""The pay-transparency desk (docs/paytransparency.md): an organisation's job evaluation — its factor plan
with the bands of equal value, and its jobs (export job titles merged by hand) with their scores and the
history of who scored what when."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from paritas.analytics import jobs


def _default_weights() -> dict[str, float]:
    return dict(jobs.DEFAULT_WEIGHTS)


def _default_subfactors() -> list[dict[str, Any]]:
    return [{"key": s.key, "factor": s.factor, "weight": s.weight, "levels": s.levels}
            for s in jobs.default_plan().subfactors]


class Evaluation(models.Model):
    """An organisation's factor plan (the four factors of art. 4(4) with sub-factors, levels and weights)
    and how points become categories of equal value (bands of a width, or chosen boundaries)."""

    organisation = models.OneToOneField("organisations.Organisation", on_delete=models.CASCADE,
                                        related_name="job_evaluation")
    factor_weights = models.JSONField(default=_default_weights)
    subfactors = models.JSONField(default=_default_subfactors)
    band_width = models.PositiveIntegerField(_("band width (points)"), null=True, blank=True, default=100)
    boundaries = models.JSONField(default=list, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    def plan(self) -> jobs.FactorPlan:
        return jobs.FactorPlan(dict(self.factor_weights), tuple(
            jobs.SubFactor(s["key"], s["factor"], float(s["weight"]), int(s["levels"])) for s in self.subfactors))

    def bands(self, scores: dict[str, float]) -> dict[str, jobs.Band]:
        if self.boundaries:
            return jobs.bands(scores, boundaries=[float(b) for b in self.boundaries])
        return jobs.bands(scores, width=float(self.band_width or 100))


class Job(models.Model):
    """A job as the evaluation sees it: one or more job titles of the exports (merged by hand where the
    titles differ for the same work), with its levels per sub-factor once scored."""

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE, related_name="jobs")
    title = models.CharField(_("job"), max_length=200)
    titles = models.JSONField(default=list)  # the export's job titles this job stands for
    levels = models.JSONField(default=dict, blank=True)  # sub-factor key → level
    scored_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+")
    scored_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["title"]
        constraints = [models.UniqueConstraint(fields=["organisation", "title"], name="one_job_per_title")]

    def __str__(self) -> str:
        return self.title


class Score(models.Model):
    """Each scoring of a job, kept: who gave which levels when, and the points they made."""

    job = models.ForeignKey(Job, on_delete=models.CASCADE, related_name="scores")
    levels = models.JSONField()
    points = models.FloatField()
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    note = models.CharField(_("reason"), max_length=300, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]


def two_months_after(day: Any) -> Any:
    """The same day two months later, or the last day of that month where it has no such day (art. 7(4):
    "no later than two months from the date on which the request is submitted")."""
    import calendar
    from datetime import date

    month = day.month + 2
    year = day.year + (month - 1) // 12
    month = (month - 1) % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


class InformationRequest(models.Model):
    """A worker's request for information on pay (art. 7), received by mail or in person and recorded by
    the HR team: the answer's figures from the latest snapshot, the letter in the worker's language, its
    approval and when it was sent."""

    class Status(models.TextChoices):
        OPEN = "open", pgettext_lazy("pay request", "open")
        APPROVED = "approved", pgettext_lazy("pay request", "approved")
        SENT = "sent", pgettext_lazy("pay request", "sent")

    class Via(models.TextChoices):
        WORKER = "worker", _("the worker")
        REPRESENTATIVE = "representative", _("workers' representatives on the worker's behalf")
        EQUALITY_BODY = "equality_body", _("an equality body on the worker's behalf")

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE,
                                     related_name="information_requests")
    received_on = models.DateField(_("received on"))
    via = models.CharField(_("made by"), max_length=20, choices=Via.choices, default=Via.WORKER)
    requester = models.CharField(_("name of the worker"), max_length=200)
    address = models.TextField(_("address for the answer"), blank=True)
    language = models.CharField(_("language of the answer"), max_length=2, default="de",
                                choices=[("de", "Deutsch"), ("sv", "Svenska"), ("en", "English")])
    job = models.ForeignKey(Job, on_delete=models.PROTECT, related_name="information_requests",
                            verbose_name=_("the worker's job"))
    own_basic = models.DecimalField(_("the worker's basic hourly pay"), max_digits=10, decimal_places=2)
    own_variable = models.DecimalField(_("the worker's complementary or variable pay per hour"), max_digits=10,
                                       decimal_places=2, default=0)
    snapshot = models.ForeignKey("workforce.Snapshot", null=True, on_delete=models.SET_NULL, related_name="+")
    figures = models.JSONField(default=dict)  # the answer as computed (jobs.Answer)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    approved_at = models.DateTimeField(null=True, blank=True)
    sent_on = models.DateField(_("sent on"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["received_on", "pk"]

    @property
    def deadline(self) -> Any:
        return two_months_after(self.received_on)


class Notice(models.Model):
    """The yearly information of all workers of their right to request information (art. 7(3))."""

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE,
                                     related_name="pay_information_notices")
    given_on = models.DateField(_("given on"))
    how = models.CharField(_("how"), max_length=200, help_text=_("For example: intranet and notice board."))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-given_on"]
