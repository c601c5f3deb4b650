"""The one way to write the audit log.

Everything is written at once, except views of aggregate results (a dashboard, API results), which a
busy platform records hundreds of times a second: those are queued in the worker and written together
every ``PARITAS_AUDIT_BATCH_SECONDS`` (default 0.5 s) and when the worker exits, each with the time of
the view. Access to raw rows, exports, uploads, deletions and membership changes are never deferred.
"""

from __future__ import annotations

import atexit
import threading
import time
from typing import Any

from django.conf import settings
from django.db import close_old_connections
from django.utils import timezone

from paritas.web.accounts.models import AuditEvent

_queue: list[AuditEvent] = []
_lock = threading.Lock()
_flusher: threading.Thread | None = None


def record(organisation: Any, user: Any, action: str, snapshot_id: int | None = None, detail: str = "",
           via: str = "web") -> AuditEvent:
    return AuditEvent.objects.create(organisation=organisation, user=user if getattr(user, "pk", None) else None,
                                     action=action, snapshot_id=snapshot_id, detail=detail[:300], via=via)


def record_view(organisation: Any, user: Any, snapshot_id: int, via: str = "web") -> None:
    """Record that ``user`` viewed the results of a snapshot (queued, see the module docstring)."""
    event = AuditEvent(organisation=organisation, user=user if getattr(user, "pk", None) else None,
                       action=AuditEvent.Action.VIEWED, snapshot_id=snapshot_id, via=via, at=timezone.now())
    interval = getattr(settings, "AUDIT_BATCH_SECONDS", 0.5)
    if interval <= 0:
        event.save()
        return
    with _lock:
        _queue.append(event)
    _start(interval)


def flush() -> int:
    """Write the queued views now; returns how many."""
    with _lock:
        items = _queue[:]
        _queue.clear()
    if items:
        AuditEvent.objects.bulk_create(items)
    return len(items)


def _start(interval: float) -> None:
    global _flusher
    if _flusher is not None and _flusher.is_alive():
        return
    with _lock:
        if _flusher is not None and _flusher.is_alive():
            return

        def loop() -> None:
            while True:
                time.sleep(interval)
                try:
                    flush()
                finally:
                    close_old_connections()

        _flusher = threading.Thread(target=loop, name="paritas-audit", daemon=True)
        _flusher.start()


atexit.register(flush)
