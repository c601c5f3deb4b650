"""The job evaluation (docs/paytransparency.md): an organisation's factor plan with the bands of equal
value, and its jobs (export job titles merged by hand) with their scores and the history of who scored
what when."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

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

    def names(self) -> dict[str, str]:
        """The names of the organisation's own sub-factors (the default plan's are translated)."""
        return {s["key"]: s["name"] for s in self.subfactors if s.get("name")}

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
