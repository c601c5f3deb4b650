"""Co-applicants: several organisations applying as one (a local alliance). The applicant's owner invites
another organisation by its address on the platform; one of that organisation's owners accepts; from then
its analysts and owners edit the application, its members read it, and an award is recorded for it too.

An organisation is in at most one application per round, as applicant or as co-applicant. Invitations are
made, accepted and ended while the application is a draft in an open round.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from paritas.web.awards.domain.applications import _require_open
from paritas.web.awards.models import Application, Partnership
from paritas.web.organisations.models import Organisation


def applications_of(organisation: Organisation) -> Any:
    """The organisation's own applications and those it accepted to be a co-applicant of."""
    return Application.objects.filter(
        Q(organisation=organisation)
        | Q(partnerships__organisation=organisation, partnerships__accepted_at__isnull=False)).distinct()


def _require_draft(application: Application, now: datetime | None) -> None:
    if application.status != Application.Status.DRAFT:
        raise ValidationError(_("Co-applicants can be changed only while the application is a draft."))
    _require_open(application.round, now)


def _already_applying(application: Application, organisation: Organisation) -> bool:
    round_ = application.round
    return (round_.applications.filter(organisation=organisation).exclude(status=Application.Status.WITHDRAWN).exists()
            or round_.applications.filter(partnerships__organisation=organisation).exclude(pk=application.pk).exists())


@transaction.atomic
def invite(application: Application, slug: str, by: Any, now: datetime | None = None) -> Partnership:
    """Invite the organisation whose address is ``slug``; the same answer for an unknown address as for one
    that cannot be invited, so that the form discloses no organisation."""
    _require_draft(application, now)
    organisation = Organisation.objects.filter(slug=(slug or "").strip().lower()).first()
    if organisation is None or organisation.pk == application.organisation_id or _already_applying(
            application, organisation):
        raise ValidationError(_("No organisation with this address can be invited: check the address, or the "
                                "organisation already applies in this round."))
    partnership, created = Partnership.objects.get_or_create(application=application, organisation=organisation,
                                                             defaults={"invited_by": by})
    if not created:
        raise ValidationError(_("This organisation is already invited."))
    from paritas.web.awards.mail import partner_invited

    partner_invited(partnership)
    return partnership


@transaction.atomic
def accept(partnership: Partnership, now: datetime | None = None) -> Partnership:
    """An owner of the invited organisation accepts: it becomes a co-applicant."""
    partnership = Partnership.objects.select_for_update().select_related("application__round").get(pk=partnership.pk)
    _require_draft(partnership.application, now)
    if partnership.accepted_at is not None:
        return partnership
    if partnership.application.round.applications.filter(organisation=partnership.organisation).exclude(
            status=Application.Status.WITHDRAWN).exists():
        raise ValidationError(_("Your organisation has its own application in this round; withdraw it first."))
    partnership.accepted_at = now or timezone.now()
    partnership.save(update_fields=["accepted_at"])
    return partnership


def end(partnership: Partnership, now: datetime | None = None) -> None:
    """The applicant takes the invitation back, or the co-applicant declines or leaves (drafts only)."""
    _require_draft(partnership.application, now)
    partnership.delete()


def pending_for(organisation: Organisation) -> Any:
    """Invitations the organisation has not yet answered, in rounds still open."""
    return (Partnership.objects.filter(organisation=organisation, accepted_at__isnull=True,
                                       application__status=Application.Status.DRAFT,
                                       application__round__closes_at__gt=timezone.now())
            .select_related("application__organisation", "application__round__programme"))
