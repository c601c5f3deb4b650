"""Who sees a project: its staff, and no one else (404, as for another organisation's data). Staff see
participants' names and hours; the owners of a participating organisation see only whether their
organisation shares its workforce figures with the project, and can change that."""

from __future__ import annotations

from typing import Any

from django.http import Http404

from paritas.web.organisations.models import Membership
from paritas.web.projects.models import Partner, Project


def staffed(user: Any, slug: str) -> Project:
    if not getattr(user, "is_authenticated", False):
        raise Http404
    project = Project.objects.select_related("owner").filter(slug=slug, staff=user).first()
    if project is None:
        raise Http404
    return project


def may_create(user: Any) -> bool:
    """Owners of an organisation may start a project it owns."""
    return bool(getattr(user, "is_authenticated", False)) and Membership.objects.filter(
        user=user, role=Membership.Role.OWNER).exists()


def owned_partnerships(user: Any, slug: str) -> list[Partner]:
    """The user's organisations (as owner) taking part in the project; 404 if none."""
    if not getattr(user, "is_authenticated", False):
        raise Http404
    owned = Membership.objects.filter(user=user, role=Membership.Role.OWNER).values("organisation_id")
    found = list(Partner.objects.select_related("organisation", "project")
                 .filter(project__slug=slug, organisation_id__in=owned))
    if not found:
        raise Http404
    return found
