"""Pay transparency before and during employment (art. 5, 6): a pay range per job for its postings —
suggested from current pay, set by the HR team — and the criteria for pay setting and progression, each
published when the organisation chooses."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from paritas.web.paytransparency.models.evaluation import Job


class PayRange(models.Model):
    class Period(models.TextChoices):
        HOUR = "hour", _("per hour")
        MONTH = "month", _("per month (full time)")
        YEAR = "year", _("per year (full time)")

    job = models.OneToOneField(Job, on_delete=models.CASCADE, related_name="pay_range")
    low = models.DecimalField(_("from"), max_digits=12, decimal_places=2)
    high = models.DecimalField(_("to"), max_digits=12, decimal_places=2)
    period = models.CharField(_("period"), max_length=5, choices=Period.choices, default=Period.MONTH)
    basis = models.CharField(_("basis"), max_length=300, blank=True,
                             help_text=_("For example: TVöD pay group E 8, steps 1–6."))
    published = models.BooleanField(_("published"), default=False)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)


class PayCriteria(models.Model):
    organisation = models.OneToOneField("organisations.Organisation", on_delete=models.CASCADE,
                                        related_name="pay_criteria")
    setting = models.TextField(_("criteria for pay setting"), blank=True, max_length=10000)
    progression = models.TextField(_("criteria for pay progression"), blank=True, max_length=10000)
    published = models.BooleanField(_("published"), default=False)
    full_time_hours = models.DecimalField(_("full-time hours per week"), max_digits=4, decimal_places=1, default=39)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)
