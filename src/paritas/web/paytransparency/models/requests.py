"""Requests for information on pay (art. 7): recorded by the HR team, or filed in the platform by a
worker or by workers' representatives on a worker's behalf; the answer's figures, the letter, its
approval and sending; and the yearly notice of this right (art. 7(3))."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from paritas.analytics.directive import months_after
from paritas.web.paytransparency.models.evaluation import Job


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
    own_basic = models.DecimalField(_("the worker's basic hourly pay"), max_digits=10, decimal_places=2,
                                    null=True, blank=True)
    own_variable = models.DecimalField(_("the worker's complementary or variable pay per hour"), max_digits=10,
                                       decimal_places=2, default=0)
    # filed in the platform: by whom (a worker for themself, or a representative), and the worker's account
    filed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+")
    worker = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="pay_information_requests")
    message = models.TextField(_("the request in the worker's words"), blank=True, max_length=2000)
    snapshot = models.ForeignKey("workforce.Snapshot", null=True, on_delete=models.SET_NULL, related_name="+")
    figures = models.JSONField(default=dict)  # the answer as computed (jobs.Answer)
    # the figures withheld from the worker (art. 12(3)): for representatives and the HR team only
    restricted = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    approved_at = models.DateTimeField(null=True, blank=True)
    sent_on = models.DateField(_("sent on"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    anonymised_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["received_on", "pk"]

    @property
    def deadline(self) -> Any:
        """art. 7(4): "no later than two months from the date on which the request is submitted"."""
        return months_after(self.received_on, 2)


class Notice(models.Model):
    """The yearly information of all workers of their right to request information (art. 7(3))."""

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE,
                                     related_name="pay_information_notices")
    given_on = models.DateField(_("given on"))
    how = models.CharField(_("how"), max_length=200, help_text=_("For example: intranet and notice board."))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-given_on"]
