"""A small HTTP client for tests against a real server: cookies, Django's CSRF token, multipart forms.

Only the standard library, so that the first-run test needs nothing beyond the README's install."""

from __future__ import annotations

import http.cookiejar
import re
import secrets
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path


@dataclass
class Response:
    status: int
    url: str
    body: bytes
    headers: dict[str, str]

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        return None


class Client:
    def __init__(self, base: str, timeout: float = 60):
        self.base = base
        self.timeout = timeout
        self.cookies = http.cookiejar.CookieJar()
        self._open = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies)).open

    def csrf(self) -> str:
        return next(c.value for c in self.cookies if c.name == "csrftoken")

    def _send(self, request: urllib.request.Request) -> Response:
        try:
            with self._open(request, timeout=self.timeout) as r:
                return Response(r.status, r.url, r.read(), dict(r.headers))
        except urllib.error.HTTPError as exc:
            return Response(exc.code, exc.url, exc.read(), dict(exc.headers))

    def get(self, path: str) -> Response:
        return self._send(urllib.request.Request(self.base + path))

    def post(self, path: str, fields: dict[str, str], files: dict[str, Path] | None = None) -> Response:
        fields = {"csrfmiddlewaretoken": self.csrf(), **fields}
        headers = {"Referer": self.base + path}
        if files:
            boundary = secrets.token_hex(16)
            parts = []
            for name, value in fields.items():
                parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'
                             .encode())
            for name, file in files.items():
                parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                             f'filename="{file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n'.encode()
                             + file.read_bytes() + b"\r\n")
            body = b"".join(parts) + f"--{boundary}--\r\n".encode()
            headers["Content-Type"] = f"multipart/form-data; boundary={boundary}"
        else:
            body = urllib.parse.urlencode(fields).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        return self._send(urllib.request.Request(self.base + path, data=body, headers=headers, method="POST"))

    def sign_in(self, email: str, password: str) -> Response:
        self.get("/accounts/login/")
        return self.post("/accounts/login/", {"email": email, "password": password})


def pending_upload_path(text: str) -> str | None:
    match = re.search(r'/o/[\w-]+/upload/\d+/', text)
    return match.group(0) if match else None
