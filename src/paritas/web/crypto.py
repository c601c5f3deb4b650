"""Encryption at rest for HR rows (personal data): Fernet with a key derived from PARITAS_ENCRYPTION_KEY."""

from __future__ import annotations

import base64
import hashlib

from cryptography.fernet import Fernet
from django.conf import settings


def _fernet() -> Fernet:
    key = hashlib.sha256(("paritas-rows:" + settings.ENCRYPTION_KEY).encode("utf-8")).digest()
    return Fernet(base64.urlsafe_b64encode(key))


def encrypt(data: bytes) -> bytes:
    return _fernet().encrypt(data)


def decrypt(token: bytes) -> bytes:
    return _fernet().decrypt(bytes(token))
