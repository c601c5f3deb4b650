"""Who may use which part of the pay-transparency desk (docs/paytransparency.md § Roles). The HR team are
the organisation's members (paritas.web.organisations.permissions); workers and workers' representatives
hold a desk role instead, which opens their own pages here and nothing else — a non-holder gets 404, as
for any tenant page."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse

from paritas.web.paytransparency.models import DeskRole


def desk_role_for(user: Any, slug: str) -> DeskRole:
    if not getattr(user, "is_authenticated", False):
        raise Http404
    role = DeskRole.objects.select_related("organisation").filter(user=user, organisation__slug=slug).first()
    if role is None:
        raise Http404
    return role


def desk_required(*roles: str) -> Callable[..., Any]:
    """View decorator: passes ``organisation`` and ``role`` (a DeskRole of one of ``roles``)."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @login_required
        @wraps(view)
        def wrapped(request: HttpRequest, slug: str, *args: Any, **kwargs: Any) -> HttpResponse:
            role = desk_role_for(request.user, slug)
            if role.role not in roles:
                raise Http404
            return view(request, role.organisation, role, *args, **kwargs)

        return wrapped

    return decorator


def add_role(organisation: Any, by: Any, email: str, role: str, body: str = "") -> DeskRole:
    """Give a registered person a desk role. A member of the organisation needs none: the HR team sees
    more already, and one person holding both would blur whose side they act on."""
    from django.contrib.auth import get_user_model
    from django.core.exceptions import ValidationError
    from django.utils.translation import gettext as _

    from paritas.web.accounts import audit
    from paritas.web.accounts.models import AuditEvent

    user = get_user_model().objects.filter(email__iexact=email.strip()).first()
    if user is None:
        raise ValidationError(_("No account uses the address %(email)s; the person must have an account first.")
                              % {"email": email})
    if organisation.memberships.filter(user=user).exists():
        raise ValidationError(_("%(email)s is a member of the organisation and needs no desk role.")
                              % {"email": email})
    found, _created = DeskRole.objects.update_or_create(organisation=organisation, user=user,
                                                        defaults={"role": role, "body": body[:200], "added_by": by})
    audit.record(organisation, by, AuditEvent.Action.MEMBERSHIP, None, f"desk role {role}: {user.email}")
    return found
