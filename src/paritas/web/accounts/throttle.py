"""Sign-in throttling: after LOGIN_FAILURE_LIMIT failures for one address, or from one client, within
LOGIN_FAILURE_WINDOW seconds, sign-in pauses for that address or client until the window has passed.
Counted in the cache (Redis in production), so it holds across processes."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache


def _keys(email: str, client: str) -> list[str]:
    digest = hashlib.sha256(email.strip().lower().encode("utf-8")).hexdigest()[:32]
    return [f"paritas:login:email:{digest}", f"paritas:login:client:{client}"]


def blocked(email: str, client: str) -> bool:
    return any((cache.get(key) or 0) >= settings.LOGIN_FAILURE_LIMIT for key in _keys(email, client))


def failed(email: str, client: str) -> None:
    for key in _keys(email, client):
        if not cache.add(key, 1, settings.LOGIN_FAILURE_WINDOW):
            try:
                cache.incr(key)
            except ValueError:
                cache.set(key, 1, settings.LOGIN_FAILURE_WINDOW)


def succeeded(email: str, client: str) -> None:
    cache.delete(_keys(email, client)[0])


def client_of(request: object) -> str:
    meta = getattr(request, "META", {})
    return str(meta.get("REMOTE_ADDR", "unknown"))
