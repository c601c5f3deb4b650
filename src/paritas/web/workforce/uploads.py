"""An HR export received straight into the spool, encrypted as it arrives (docs/jobs.md, "The upload,
step by step"): Django's own handlers keep an upload in memory or write it, unencrypted, to a temporary
file, which the view then read back, encrypted whole and wrote to the spool again — three passes over a
150 MB file, and the plain rows on disk for the length of the request. Where there is no spool (the
blobs stay in PostgreSQL), Django's handlers are used as before.

The handler is set by the upload view before the body is read, after the user's membership has been
checked (so only an organisation's analysts can have a file written); its CSRF check runs after it,
and a file the view does not hand on to a job (an invalid form, a refused CSRF token, a file too large)
is deleted before the response goes.
"""

from __future__ import annotations

import io
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler
from django.http import HttpRequest

from paritas.web import crypto, spool


class SealedUpload(UploadedFile):
    """An uploaded file that is in the spool, encrypted, under :attr:`spooled`; reading it decrypts it
    (for code that wants the bytes). A job that takes the file over marks it :attr:`adopted`."""

    def __init__(self, spooled: str, name: str, content_type: str | None, size: int, charset: str | None,
                 content_type_extra: dict[str, Any] | None = None):
        self._plain: io.BytesIO | None = None
        super().__init__(None, name, content_type, size, charset, content_type_extra)
        self.spooled = spooled
        self.adopted = False

    @property  # type: ignore[override]
    def file(self) -> io.BytesIO:
        if self._plain is None:
            self._plain = io.BytesIO(crypto.decrypt(spool.get(self.spooled)))
        return self._plain

    @file.setter
    def file(self, value: Any) -> None:
        self._plain = value

    def close(self) -> None:
        self._plain = None


class SpoolUploadHandler(FileUploadHandler):
    """Writes each uploaded file to the spool as its chunks arrive (spool.Writer), encrypted."""

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        super().new_file(*args, **kwargs)
        self.writer: spool.Writer | None = spool.Writer()

    def receive_data_chunk(self, raw_data: bytes, start: int) -> None:
        assert self.writer is not None
        self.writer.write(raw_data)

    def file_complete(self, file_size: int) -> SealedUpload:
        assert self.writer is not None
        key, self.writer = self.writer.close(), None
        upload = SealedUpload(key, self.file_name or "upload", self.content_type, file_size, self.charset,
                              self.content_type_extra)
        received(self.request).append(upload)
        return upload

    def upload_interrupted(self) -> None:
        if getattr(self, "writer", None) is not None:
            self.writer.abandon()
            self.writer = None


def receive_into_spool(request: HttpRequest) -> None:
    """Have the request's files received into the spool (where there is one); before its body is read."""
    if spool.enabled() and request.method == "POST":
        request.upload_handlers = [SpoolUploadHandler(request)]


def received(request: HttpRequest) -> list[SealedUpload]:
    """The files this request received into the spool."""
    found: list[SealedUpload] = request.__dict__.setdefault("_paritas_sealed_uploads", [])
    return found


def discard_unadopted(request: HttpRequest) -> None:
    """Delete the spool files of this request that no job took over."""
    spool.discard([upload.spooled for upload in received(request) if not upload.adopted])
