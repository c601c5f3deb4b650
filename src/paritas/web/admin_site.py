"""Django's admin behind the platform's one door (docs/security.md, "Sign-in").

The admin has no sign-in of its own: its login page sends to the platform's, which checks the password,
the throttle and the second factor. It opens only to active staff whose session passed the second factor
at sign-in (staff cannot sign in without one). The audit log is read-only in it (accounts/admin.py), and
membership changes made in it are audited like any other (accounts/audit.py).
"""

from __future__ import annotations

from urllib.parse import quote

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig as DjangoAdminConfig
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse


class AdminSite(admin.AdminSite):
    site_header = "Paritas"
    site_title = "Paritas"

    def has_permission(self, request: HttpRequest) -> bool:
        from paritas.web.accounts.views import VERIFIED

        return super().has_permission(request) and request.session.get(VERIFIED) is True

    def login(self, request: HttpRequest, extra_context: object = None) -> HttpResponse:  # type: ignore[override]
        user = request.user
        if user.is_authenticated and not user.is_staff:
            raise PermissionDenied
        target = request.GET.get("next") or reverse("admin:index")
        return redirect(f"{reverse('accounts:login')}?next={quote(target)}")


class AdminConfig(DjangoAdminConfig):
    default_site = "paritas.web.admin_site.AdminSite"
