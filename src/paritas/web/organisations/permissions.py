"""The one place that decides who may do what in an organisation.

A person sees an organisation only through a membership: a non-member gets 404 (the organisation's
existence is not disclosed), a member whose role is too low gets 403. Every view of tenant data goes
through :func:`member_required` or :func:`membership_for`.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse

from paritas.web.organisations.models import Membership, Organisation


def membership_for(user: Any, slug: str) -> Membership:
    """The user's membership of the organisation ``slug``; Http404 when there is none."""
    if not getattr(user, "is_authenticated", False):
        raise Http404
    membership = (Membership.objects.select_related("organisation")
                  .filter(user=user, organisation__slug=slug).first())
    if membership is None:
        raise Http404
    return membership


def require_role(membership: Membership, role: str) -> None:
    if not membership.allows(role):
        raise PermissionDenied


def member_required(role: str = Membership.Role.VIEWER) -> Callable[..., Any]:
    """View decorator: passes ``membership`` and ``organisation`` to the view for the URL's ``slug``."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @login_required
        @wraps(view)
        def wrapped(request: HttpRequest, slug: str, *args: Any, **kwargs: Any) -> HttpResponse:
            membership = membership_for(request.user, slug)
            require_role(membership, role)
            return view(request, membership.organisation, membership, *args, **kwargs)

        return wrapped

    return decorator


def organisations_of(user: Any) -> Any:
    return Organisation.objects.filter(memberships__user=user).distinct()
