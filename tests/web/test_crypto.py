"""Encryption at rest (paritas.web.crypto, docs/security.md): AES-256-GCM for binary columns, Fernet tokens
written before still readable, a damaged token or another key refused, text secrets as ASCII."""

from __future__ import annotations

import os

import pytest
from cryptography.exceptions import InvalidTag
from cryptography.fernet import InvalidToken
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from paritas.web import crypto


def test_a_token_is_aes_gcm_under_the_derived_key_and_decrypts_to_the_data(settings):
    import hashlib

    settings.ENCRYPTION_KEY = "test-key"
    data = os.urandom(1000) + "Müller;w;41.000,00".encode()
    token = crypto.encrypt(data)
    assert token.startswith(crypto.MAGIC) and data not in token and len(token) == 4 + 12 + len(data) + 16
    assert crypto.decrypt(token) == data
    # the same token, opened independently with the key the module documents
    key = hashlib.sha256(b"paritas-rows-aes-gcm:test-key").digest()
    assert AESGCM(key).decrypt(token[4:16], token[16:], b"paritas rows") == data
    assert crypto.encrypt(data) != token  # a fresh nonce each time


def test_tokens_written_with_fernet_before_still_decrypt(settings):
    settings.ENCRYPTION_KEY = "test-key"
    legacy = crypto._fernet().encrypt(b"rows of 2025")
    assert legacy.startswith(b"gAAAAA")
    assert crypto.decrypt(legacy) == b"rows of 2025"
    assert crypto.decrypt(memoryview(legacy)) == b"rows of 2025"  # as a BinaryField may hand it over


@pytest.mark.parametrize("damage", ["flip", "truncate", "other_key", "other_context"])
def test_a_damaged_or_foreign_token_is_refused(settings, damage):
    settings.ENCRYPTION_KEY = "test-key"
    token = bytearray(crypto.encrypt(b"personal data"))
    if damage == "flip":
        token[20] ^= 1
    elif damage == "truncate":
        token = token[:-1]
    elif damage == "other_key":
        settings.ENCRYPTION_KEY = "another-key"
    else:
        nonce = os.urandom(12)
        token = bytearray(crypto.MAGIC + nonce + crypto._aesgcm().encrypt(nonce, b"personal data", b"other use"))
    with pytest.raises(InvalidToken):
        crypto.decrypt(bytes(token))
    with pytest.raises(InvalidToken):
        crypto.decrypt(b"")
    assert not issubclass(InvalidTag, InvalidToken)  # the module turns one into the other


def test_a_text_secret_is_an_ascii_token(settings):
    settings.ENCRYPTION_KEY = "test-key"
    token = crypto.encrypt_text("JBSWY3DPEHPK3PXP")
    assert token.isascii() and "JBSWY3DPEHPK3PXP" not in token
    assert crypto.decrypt_text(token) == "JBSWY3DPEHPK3PXP"
