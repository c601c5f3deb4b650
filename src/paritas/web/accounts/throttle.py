"""Throttling of sign-in failures and password-reset requests (docs/security.md, "Sign-in").

Every counted attempt is a row of :class:`ThrottleEvent` in the database, which no other traffic can
evict (a cache that the public register fills would forget them). Within ``LOGIN_FAILURE_WINDOW``:

* an **account from one client** pauses after ``LOGIN_FAILURE_LIMIT`` failures (5): the person who
  mistyped, or an attacker guessing one password, and nobody else behind the same proxy address;
* an **account from any client** pauses after ``LOGIN_ACCOUNT_FAILURE_LIMIT`` failures (20): guessing
  spread over many addresses;
* a **client for any account** pauses after ``LOGIN_CLIENT_FAILURE_LIMIT`` failures (100): one address
  trying many accounts (password spraying); high enough that an office behind one address is not
  locked out by a few people's typing mistakes.

Password-reset requests count per client (``PASSWORD_RESET_CLIENT_LIMIT`` an hour) and per account
(``PASSWORD_RESET_ACCOUNT_LIMIT`` an hour).

The client is the connecting address, or — only where that address is a configured trusted proxy
(``PARITAS_TRUSTED_PROXIES``) — the last address in the configured header (``PARITAS_CLIENT_IP_HEADER``,
default ``X-Forwarded-For``) that is not itself a trusted proxy. A header sent by anyone else is ignored,
so a client cannot pick its own address.
"""

from __future__ import annotations

import hashlib
import ipaddress
from datetime import timedelta
from functools import lru_cache

from django.conf import settings
from django.utils import timezone

from paritas.web.accounts.models import ThrottleEvent

PAIR, ACCOUNT, CLIENT = "login:pair", "login:account", "login:client"
RESET_CLIENT, RESET_ACCOUNT = "reset:client", "reset:account"


def _digest(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


def _account(email: str) -> str:
    return email.strip().lower()


def _count(scope: str, key: str, seconds: int) -> int:
    since = timezone.now() - timedelta(seconds=seconds)
    return ThrottleEvent.objects.filter(scope=scope, key=key, at__gte=since).count()


def _add(*entries: tuple[str, str]) -> None:
    now = timezone.now()
    ThrottleEvent.objects.bulk_create([ThrottleEvent(scope=scope, key=key, at=now) for scope, key in entries])


def _login_keys(email: str, client: str) -> dict[str, str]:
    account = _account(email)
    return {PAIR: _digest(account, client), ACCOUNT: _digest(account), CLIENT: _digest(client)}


def _limits() -> dict[str, int]:
    return {PAIR: settings.LOGIN_FAILURE_LIMIT, ACCOUNT: settings.LOGIN_ACCOUNT_FAILURE_LIMIT,
            CLIENT: settings.LOGIN_CLIENT_FAILURE_LIMIT}


def blocked(email: str, client: str) -> bool:
    """True while the account from this client, the account, or the client has too many recent failures."""
    keys, limits = _login_keys(email, client), _limits()
    return any(_count(scope, key, settings.LOGIN_FAILURE_WINDOW) >= limits[scope] for scope, key in keys.items())


def failed(email: str, client: str) -> None:
    """Count one failed sign-in (a wrong password or a wrong second-factor code)."""
    _add(*_login_keys(email, client).items())
    _prune()


def succeeded(email: str, client: str) -> None:
    """A successful sign-in forgets the failures of this account from this client (not the others: an
    attacker's failures from elsewhere keep counting)."""
    ThrottleEvent.objects.filter(scope=PAIR, key=_login_keys(email, client)[PAIR]).delete()


def reset_allowed(email: str, client: str) -> tuple[bool, bool]:
    """Whether a password-reset request may go on: (for the client, for the account). Counts it."""
    hour = 3600
    client_key, account_key = _digest(client), _digest(_account(email))
    client_ok = _count(RESET_CLIENT, client_key, hour) < settings.PASSWORD_RESET_CLIENT_LIMIT
    account_ok = _count(RESET_ACCOUNT, account_key, hour) < settings.PASSWORD_RESET_ACCOUNT_LIMIT
    if client_ok:
        _add((RESET_CLIENT, client_key), *([(RESET_ACCOUNT, account_key)] if account_ok else []))
    return client_ok, account_ok


def _prune() -> None:
    """Forget what no window counts any more (the longest window is the reset hour)."""
    horizon = max(settings.LOGIN_FAILURE_WINDOW, 3600)
    ThrottleEvent.objects.filter(at__lt=timezone.now() - timedelta(seconds=horizon)).delete()


@lru_cache(maxsize=8)
def _networks(spec: str) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    return tuple(ipaddress.ip_network(part.strip(), strict=False) for part in spec.split(",") if part.strip())


def _trusted(address: str, spec: str) -> bool:
    try:
        ip = ipaddress.ip_address(address.strip())
    except ValueError:
        return False
    return any(ip in network for network in _networks(spec))


def client_of(request: object) -> str:
    """The client's address: the connecting address, or the configured header's, behind a trusted proxy."""
    meta = getattr(request, "META", {})
    remote = str(meta.get("REMOTE_ADDR") or "unknown")
    spec = settings.TRUSTED_PROXIES
    if not spec or not _trusted(remote, spec):
        return remote
    header = "HTTP_" + settings.CLIENT_IP_HEADER.upper().replace("-", "_")
    hops = [h.strip() for h in str(meta.get(header, "")).split(",") if h.strip()]
    for hop in reversed(hops):  # the nearest hop first; the first one not a proxy of ours is the client
        if not _trusted(hop, spec):
            try:
                return str(ipaddress.ip_address(hop))
            except ValueError:
                return remote  # a malformed header: the proxy's own address, never the header's text
    return remote
