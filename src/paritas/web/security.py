"""Two middlewares of the platform's defences (docs/security.md).

:class:`TrustedProxyMiddleware` believes a proxy's ``X-Forwarded-Proto`` only when the connection comes
from a configured trusted proxy (``PARITAS_TRUSTED_PROXIES``), so that ``PARITAS_HTTPS=1`` behind a TLS
proxy neither loops on redirects nor lets any client claim HTTPS. It runs before Django's
SecurityMiddleware. (Django's ``SECURE_PROXY_SSL_HEADER`` would believe the header from anyone.)

:class:`SecurityHeadersMiddleware` sends a Content-Security-Policy that allows scripts, styles, images
and fonts from the platform itself only — no inline script anywhere, no other host — and a
Permissions-Policy that turns off the browser features the platform never uses. Written by hand: the
headers are fixed strings, and django-csp's nonces are not needed where no page has an inline script.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from paritas.web.accounts.throttle import _trusted

CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:", "font-src 'self'",
    "connect-src 'self'", "object-src 'none'", "base-uri 'none'", "form-action 'self'", "frame-ancestors 'none'"])
#: Swagger UI (/api/docs) sets styles from its script; its page alone allows inline styles (never scripts).
API_DOCS_POLICY = CONTENT_SECURITY_POLICY.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
PERMISSIONS_POLICY = ", ".join(f"{feature}=()" for feature in (
    "accelerometer", "autoplay", "camera", "display-capture", "geolocation", "gyroscope", "magnetometer",
    "microphone", "midi", "payment", "usb", "interest-cohort", "browsing-topics"))


class TrustedProxyMiddleware:
    def __init__(self, get_response: Any):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        spec = settings.TRUSTED_PROXIES
        if spec and _trusted(str(request.META.get("REMOTE_ADDR", "")), spec):
            header = "HTTP_" + settings.PROTO_HEADER.upper().replace("-", "_")
            proto = str(request.META.get(header, "")).split(",")[0].strip().lower()
            if proto in ("http", "https"):
                request.META["wsgi.url_scheme"] = proto
        return self.get_response(request)


class SecurityHeadersMiddleware:
    def __init__(self, get_response: Any):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        policy = API_DOCS_POLICY if request.path.startswith("/api/docs") else CONTENT_SECURITY_POLICY
        response.headers.setdefault("Content-Security-Policy", policy)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        return response


#: Besides the largest export, what a request may carry: the form's other fields and multipart's framing.
REQUEST_MARGIN = 1024 * 1024


class RequestSizeMiddleware:
    """A request whose Content-Length exceeds the largest upload (PARITAS_MAX_UPLOAD_MB) plus a margin is
    answered 413 from its headers, before its body is read — not after a gigabyte has been streamed to a
    temporary file. Placed before the CSRF check, which would read the body for its token."""

    def __init__(self, get_response: Any):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        from django.conf import settings
        from django.shortcuts import render

        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        limit = settings.MAX_UPLOAD_MB * 1024 * 1024
        if length > limit + REQUEST_MARGIN:
            return render(request, "413.html", {"limit": settings.MAX_UPLOAD_MB,
                                                "size": round(length / 1024 / 1024)}, status=413)
        return self.get_response(request)


class NulInQueryMiddleware:
    """A request whose query parameters hold a NUL character (``%00``) is refused (400, the translated
    error page) before any view reads them. No parameter of the platform holds one; PostgreSQL cannot
    compare a text with one (a DataError: a 500); and Django's form fields refuse it, but views read some
    query parameters (a register's filters, a page number) straight from the request."""

    def __init__(self, get_response: Any):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        from django.core.exceptions import SuspiciousOperation

        if "%00" in request.META.get("QUERY_STRING", "") and any(
                "\x00" in key or any("\x00" in value for value in values) for key, values in request.GET.lists()):
            raise SuspiciousOperation("a NUL character in the query")
        return self.get_response(request)
