"""The one way to write the audit log (docs/security.md, "What is logged").

Every event is written at once, in the transaction of the request that caused it: a worker that is
killed after answering has written its events, and one killed before has neither answered nor written.
The log is append-only (see :class:`AuditEvent`).

Membership and role changes are recorded by signals, however they are made (the members page, the API,
the admin, a shell): the acting person is the one :func:`acting` names, which the middleware sets for
every request.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from contextvars import ContextVar
from typing import Any

from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse

from paritas.web.accounts.models import AuditEvent

#: (user, via) of the code running now: set per request by AuditMiddleware, or by acting().
_actor: ContextVar[tuple[Any, str]] = ContextVar("paritas_audit_actor", default=(None, "system"))


def record(organisation: Any, user: Any, action: str, snapshot_id: int | None = None, detail: str = "",
           via: str = "web") -> AuditEvent:
    return AuditEvent.objects.create(organisation=organisation, user=user if getattr(user, "pk", None) else None,
                                     action=action, snapshot_id=snapshot_id, detail=detail[:300], via=via)


def record_view(organisation: Any, user: Any, snapshot_id: int, via: str = "web") -> AuditEvent:
    """Record that ``user`` viewed the results of a snapshot."""
    return record(organisation, user, AuditEvent.Action.VIEWED, snapshot_id, via=via)


@contextlib.contextmanager
def acting(user: Any, via: str = "web") -> Iterator[None]:
    """Name who acts in the block (for the events that signals write)."""
    token = _actor.set((user, via))
    try:
        yield
    finally:
        _actor.reset(token)


class AuditMiddleware:
    """Names the signed-in person (or the API token's) as the actor of the request; ``via`` is ``admin``
    for the admin, ``api`` for the REST API."""

    def __init__(self, get_response: Any):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        via = "admin" if request.path.startswith("/admin/") else "api" if request.path.startswith("/api/") else "web"
        user = getattr(request, "user", None)
        with acting(user if getattr(user, "is_authenticated", False) else None, via):
            return self.get_response(request)


def _membership_changed(detail: str, organisation: Any) -> None:
    user, via = _actor.get()
    if getattr(user, "is_authenticated", True) is False:
        user = None
    record(organisation, user, AuditEvent.Action.MEMBERSHIP, detail=detail, via=via)


@receiver(pre_save, sender="organisations.Membership", dispatch_uid="paritas-audit-membership-before")
def _remember_role(sender: Any, instance: Any, **kwargs: Any) -> None:
    instance._paritas_previous_role = (sender.objects.filter(pk=instance.pk).values_list("role", flat=True).first()
                                       if instance.pk else None)


@receiver(post_save, sender="organisations.Membership", dispatch_uid="paritas-audit-membership-saved")
def _membership_saved(sender: Any, instance: Any, created: bool, **kwargs: Any) -> None:
    previous = getattr(instance, "_paritas_previous_role", None)
    if created or previous is None:
        _membership_changed(f"{instance.user.email}: {instance.role}", instance.organisation)
    elif previous != instance.role:
        _membership_changed(f"{instance.user.email}: {previous} → {instance.role}", instance.organisation)


@receiver(post_delete, sender="organisations.Membership", dispatch_uid="paritas-audit-membership-deleted")
def _membership_deleted(sender: Any, instance: Any, **kwargs: Any) -> None:
    from paritas.web.organisations.models import Organisation

    organisation = Organisation.objects.filter(pk=instance.organisation_id).first()
    if organisation is not None:  # an organisation being deleted takes its memberships with it
        _membership_changed(f"{instance.user.email}: removed", organisation)
