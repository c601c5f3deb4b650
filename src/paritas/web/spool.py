"""The spool: large encrypted blobs on their way through the platform — an uploaded file waiting for its
check job, the checked rows (Parquet) waiting for the user's decision — kept as files in a directory
instead of as database rows (docs/jobs.md, "Where the files wait").

Why by hand and not Django's storage API: these are a few whole-file writes, reads and deletes of
ciphertext in one private directory, with an atomic rename; a storage backend adds nothing here but a
setting to get wrong, and an S3 bucket as spool would be slower than the database it replaces.

SQLite writes a 150 MB blob in 0.6 s, reads it in 0.19 s and needs 0.38 s to free its pages again (a chain
it walks); a file takes a fraction of that, and the job's and the pending upload's rows stay small.
``settings.SPOOL_DIR`` is the directory (``PARITAS_SPOOL_DIR``): by default ``<data dir>/spool`` where
the database is SQLite (one machine), and none — the blobs stay in the database — where it is
PostgreSQL, whose workers may run on other machines; there, a directory all of them mount may be set.

Every file is ciphertext (paritas.web.crypto), created 0600, named by a random key; it is deleted with
its row, and :func:`sweep` (hourly, with the housekeeping) deletes the files no row names any longer (a
row deleted by a cascade, a transaction rolled back after the file was written).
"""

from __future__ import annotations

import os
import secrets
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from django.conf import settings

#: A file no row names is deleted by :func:`sweep` once it is this old: younger, its row may not be
#: committed yet (the file is written first).
GRACE_SECONDS = 15 * 60

_SUFFIX = ".sealed"


def enabled() -> bool:
    """Whether blobs go to the spool directory (else they stay in the database)."""
    return bool(settings.SPOOL_DIR)


def _directory() -> Path:
    directory = Path(settings.SPOOL_DIR)
    if not directory.is_dir():
        directory.mkdir(parents=True, mode=0o700, exist_ok=True)
    return directory


def _path(key: str) -> Path:
    if not key or not key.isalnum():  # a key is ours (hex); never a path from elsewhere
        raise ValueError(f"not a spool key: {key!r}")
    return _directory() / (key + _SUFFIX)


class _Partial:
    """A spool file being written under another name (``.partial``): :meth:`publish` renames it to its
    key's name, so that it appears whole or not at all; :meth:`remove` deletes what was written."""

    def __init__(self) -> None:
        self.key = secrets.token_hex(16)
        self._target = _path(self.key)
        self._partial = self._target.with_suffix(".partial")
        self.out = os.fdopen(os.open(self._partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb")

    def write(self, data: bytes) -> None:
        """Append ``data``; where that fails (a full disk), what was written is deleted."""
        try:
            self.out.write(data)
        except BaseException:
            self.remove()
            raise

    def publish(self) -> str:
        try:
            self.out.close()
            os.replace(self._partial, self._target)
        except BaseException:
            self.remove()
            raise
        return self.key

    def remove(self) -> None:
        self.out.close()
        self._partial.unlink(missing_ok=True)


def put(sealed: bytes) -> str:
    """Write an encrypted blob to the spool; its key (to keep in the row that owns it). The file appears
    whole or not at all."""
    partial = _Partial()
    partial.write(sealed)
    return partial.publish()


class Writer:
    """A blob written to the spool as it arrives, encrypted piece by piece (crypto.Sealing): an upload
    received in chunks is never whole in memory, nor on disk unencrypted. :meth:`close` makes the file
    appear whole, as :func:`put` does, and gives its key; :meth:`abandon` deletes what was written."""

    def __init__(self) -> None:
        from paritas.web import crypto

        self._partial = _Partial()
        self.key = self._partial.key
        self._sealing = crypto.Sealing()
        self._partial.write(self._sealing.header)

    def write(self, data: bytes) -> None:
        self._partial.write(self._sealing.update(data))

    def close(self) -> str:
        self._partial.write(self._sealing.finish())
        return self._partial.publish()

    def abandon(self) -> None:
        self._partial.remove()


def get(key: str) -> bytes:
    """The blob kept under ``key``; ``FileNotFoundError`` where it is gone."""
    return _path(key).read_bytes()


def sealed(key: str, in_row: bytes | memoryview) -> bytes:
    """A row's encrypted blob: from the spool where the row names a file (``key``), b"" where that file is
    gone; else the bytes kept in the row itself."""
    if not key:
        return bytes(in_row)
    try:
        return get(key)
    except FileNotFoundError:
        return b""


def discard(keys: Iterable[str]) -> None:
    """Delete the blobs of these keys (those already gone are skipped); empty keys are ignored."""
    for key in keys:
        if key:
            _path(key).unlink(missing_ok=True)


def delete_with_files(queryset: Any) -> int:
    """Delete the rows of ``queryset`` (a model with a ``spooled`` key field) and, once that has committed,
    their files (a rolled-back delete keeps the files its rows still name); the number of rows deleted."""
    from django.db import transaction

    keys = list(queryset.exclude(spooled="").values_list("spooled", flat=True))
    deleted, _by_model = queryset.delete()
    transaction.on_commit(lambda: discard(keys))
    return deleted


def sweep(referenced: set[str], now: float | None = None) -> int:
    """Delete the spool's files whose key is not in ``referenced`` and that are older than
    :data:`GRACE_SECONDS` (half-written ones too); the number deleted. Nothing where there is no spool."""
    if not enabled() or not Path(settings.SPOOL_DIR).is_dir():
        return 0
    now = time.time() if now is None else now
    deleted = 0
    for path in Path(settings.SPOOL_DIR).iterdir():
        if path.suffix not in (_SUFFIX, ".partial") or path.stem in referenced:
            continue
        try:
            if now - path.stat().st_mtime > GRACE_SECONDS:
                path.unlink()
                deleted += 1
        except FileNotFoundError:  # deleted meanwhile by its owner
            continue
    return deleted
