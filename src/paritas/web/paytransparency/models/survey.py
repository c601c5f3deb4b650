"""The yearly pay survey (Swedish lönekartläggning, Diskrimineringslagen 3 kap. 8–12 §§; the same
comparison for any organisation): each difference found between women and men in equal work, in work of
equal value, and between women-dominated work and work valued equal or lower that is paid more — with its
analysis, and where it is not justified an action with cost and deadline that becomes a plan measure."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PaySurvey(models.Model):
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE, related_name="pay_surveys")
    year = models.PositiveSmallIntegerField(_("year"))
    snapshot = models.ForeignKey("workforce.Snapshot", on_delete=models.PROTECT, related_name="+",
                                 verbose_name=_("snapshot"))
    rules = models.TextField(_("rules and practice on pay and other terms"), blank=True, max_length=10000,
                             help_text=_("The pay policy, collective agreements and how pay is set and raised "
                                         "(3 kap. 8 § DL)."))
    cooperation = models.TextField(_("cooperation with the workers' organisations"), blank=True, max_length=5000)
    previous = models.TextField(_("evaluation of last year's actions"), blank=True, max_length=10000)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    approved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-year", "-pk"]
        constraints = [models.UniqueConstraint(fields=["organisation", "year"], name="one_pay_survey_a_year")]


class Finding(models.Model):
    class Kind(models.TextChoices):
        EQUAL_WORK = "equal_work", _("equal work")
        EQUAL_VALUE = "equal_value", _("work of equal value")
        WOMEN_DOMINATED = "women_dominated", _("women-dominated work paid less than work valued equal or lower")

    class Verdict(models.TextChoices):
        OPEN = "open", _("not yet analysed")
        JUSTIFIED = "justified", _("justified")
        PARTLY = "partly", _("partly justified")
        NOT_JUSTIFIED = "not_justified", _("not justified")

    survey = models.ForeignKey(PaySurvey, on_delete=models.CASCADE, related_name="findings")
    kind = models.CharField(_("comparison"), max_length=20, choices=Kind.choices)
    key = models.CharField(max_length=420)  # the job, the category, or "job ↔ job"
    figures = models.JSONField()            # paritas.analytics.paysurvey.Difference as a dict
    analysis = models.TextField(_("analysis: the causes"), blank=True, max_length=5000)
    verdict = models.CharField(_("verdict"), max_length=15, choices=Verdict.choices, default=Verdict.OPEN)
    justified_by = models.CharField(_("justified by (criterion)"), max_length=300, blank=True)
    action = models.CharField(_("action"), max_length=400, blank=True)
    cost = models.DecimalField(_("cost per year"), max_digits=12, decimal_places=2, null=True, blank=True)
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    measure = models.ForeignKey("plans.Measure", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    analysed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    analysed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["kind", "key"]
        constraints = [models.UniqueConstraint(fields=["survey", "kind", "key"], name="one_finding_per_comparison")]
