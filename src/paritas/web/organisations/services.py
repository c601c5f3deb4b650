"""Memberships: who belongs to an organisation in which role. Tested without HTTP."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from paritas.web.accounts import audit
from paritas.web.organisations.models import Membership, Organisation


def add_member(organisation: Organisation, by: Any, email: str, role: str) -> Membership:
    """Give a registered person a role; an organisation always keeps at least one owner."""
    user = get_user_model().objects.filter(email__iexact=email.strip()).first()
    if user is None:
        raise ValidationError(_("No account uses the address %(email)s; the person must have an account first.")
                              % {"email": email})
    with audit.acting(by):  # the audit event is written by the membership signals (accounts/audit.py)
        membership, _created = Membership.objects.update_or_create(user=user, organisation=organisation,
                                                                   defaults={"role": role})
    _ensure_owner(organisation)
    return membership


def remove_member(membership: Membership, by: Any) -> None:
    organisation = membership.organisation
    if membership.role == Membership.Role.OWNER and organisation.memberships.filter(
            role=Membership.Role.OWNER).count() == 1:
        raise ValidationError(_("The last owner cannot be removed."))
    with audit.acting(by):
        membership.delete()


def _ensure_owner(organisation: Organisation) -> None:
    if not organisation.memberships.filter(role=Membership.Role.OWNER).exists():
        raise ValidationError(_("The last owner cannot be removed."))


def new_entry(name: str, kind: str, region_id: int | None, language: str = "de") -> Organisation:
    """An organisation new to the platform, entered by a campaign or a project (no members yet)."""
    from paritas.web.ids import unique_slug

    return Organisation.objects.create(name=name, slug=unique_slug(Organisation, name, "organisation"), type=kind,
                                       region_id=region_id, language=language)
