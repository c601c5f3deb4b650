"""Who besides the organisation's members uses its pay-transparency desk (docs/paytransparency.md): workers,
who file their own requests for information and read the answers and what is made available to them, and
workers' representatives, who file on a worker's behalf and see what art. 12(3) allows them — the figures
withheld from workers — and take part in the joint pay assessment (art. 10). Neither is a membership:
nothing else of the organisation opens to them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class DeskRole(models.Model):
    class Role(models.TextChoices):
        WORKER = "worker", _("worker")
        REPRESENTATIVE = "representative", _("workers' representative")

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE, related_name="desk_roles")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="desk_roles")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    body = models.CharField(_("representing body"), max_length=200, blank=True,
                            help_text=_("For example: the staff council or the trade union's local branch."))
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["role", "user__email"]
        constraints = [models.UniqueConstraint(fields=["organisation", "user"], name="one_desk_role_per_person")]
