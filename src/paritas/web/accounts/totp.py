"""Optional second factor: time-based one-time passwords (RFC 6238) with pyotp; the secret is kept
encrypted."""

from __future__ import annotations

import pyotp

from paritas.web import crypto


def new_secret() -> str:
    return pyotp.random_base32()


def store(secret: str) -> str:
    return crypto.encrypt_text(secret)


def secret_of(user: object) -> str:
    return crypto.decrypt_text(user.totp_secret)


def verify(secret: str, code: str) -> bool:
    code = "".join(ch for ch in code if ch.isdigit())
    return len(code) == 6 and pyotp.TOTP(secret).verify(code, valid_window=1)


def uri(secret: str, email: str) -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=email, issuer_name="Paritas")
