"""The main navigation shows "Jury" and "Award programmes" to the people who have them."""

from __future__ import annotations

from functools import cached_property
from typing import Any

from django.http import HttpRequest


class _Roles:
    """Asked only when a template reads it (one small query each)."""

    def __init__(self, user: Any):
        self.user = user

    @cached_property
    def juror(self) -> bool:
        from paritas.web.awards.models import Round

        return self.user.is_authenticated and Round.objects.filter(jurors=self.user).exists()

    @cached_property
    def coordinator(self) -> bool:
        from paritas.web.network.models import Campaign

        return self.user.is_authenticated and Campaign.objects.filter(coordinators=self.user).exists()

    @cached_property
    def administrator(self) -> bool:
        from paritas.web.awards.models import Programme

        return self.user.is_authenticated and (self.user.is_staff or
                                               Programme.objects.filter(administrators=self.user).exists())


def roles(request: HttpRequest) -> dict[str, Any]:
    return {"awards_roles": _Roles(getattr(request, "user", None))}
