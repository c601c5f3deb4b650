"""The one way to write the audit log."""

from __future__ import annotations

from typing import Any

from paritas.web.accounts.models import AuditEvent


def record(organisation: Any, user: Any, action: str, snapshot_id: int | None = None, detail: str = "",
           via: str = "web") -> AuditEvent:
    return AuditEvent.objects.create(organisation=organisation, user=user if getattr(user, "pk", None) else None,
                                     action=action, snapshot_id=snapshot_id, detail=detail[:300], via=via)
