"""Every URL of funded projects, requested by people who are not on the project's staff: anonymous
visitors, the owner of another organisation, the staff of another project, a viewer of the project
owner's own organisation, and the owner of a participating organisation (who may decide on sharing their
figures and nothing else). The URLs come from the URL configuration, so a new one cannot escape. No
participant's name or hours show anywhere."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest
from django.urls import get_resolver

from paritas.web.accounts.models import User
from paritas.web.organisations.models import Membership, Organisation
from paritas.web.projects.models import Activity, Attendance, Participant, Partner, Project
from paritas.web.projects.services import reports

SECRET = "Secretia Participant"


def _routes() -> list[str]:
    out = []
    for pattern in get_resolver().url_patterns:
        if getattr(pattern, "namespace", None) == "projects":
            out += [str(p.pattern) for p in pattern.url_patterns]
    return sorted(out)


ROUTES = _routes()
SCOPED = {"projects/", "projects/new/"}  # each person's own list and form


def test_every_project_route_is_here():
    assert len(ROUTES) >= 13 and "projects/<slug:slug>/participants/<int:pk>/" in ROUTES


def _user(email: str, organisation: Organisation | None = None, role: str = "viewer") -> User:
    user = User.objects.create_user(email, "pw-123456789")
    if organisation is not None:
        Membership.objects.create(user=user, organisation=organisation, role=role)
    return user


@pytest.fixture
def world(db):
    owner_org = Organisation.objects.create(slug="owner", name="Owner Org", type="municipality")
    taking_part = Organisation.objects.create(slug="part", name="Part Org", type="company")
    foreign = Organisation.objects.create(slug="foreign", name="Foreign Org", type="company")
    staff = _user("staff@owner.test", owner_org, "owner")
    project = Project.objects.create(name="Victim project", slug="victim", programme="own", owner=owner_org,
                                     starts_on=date(2020, 1, 1), ends_on=date(2020, 12, 31))
    project.staff.add(staff)
    Partner.objects.create(project=project, organisation=owner_org, role="owner")
    partner = Partner.objects.create(project=project, organisation=taking_part)
    person = Participant.objects.create(project=project, partner=partner, name=SECRET, gender="f",
                                        joined_on=date(2020, 1, 1))
    activity = Activity.objects.create(project=project, title="Secret activity", kind="training",
                                       starts_on=date(2020, 3, 1), ends_on=date(2020, 3, 1))
    Attendance.objects.create(activity=activity, participant=person, on=date(2020, 3, 1), hours=Decimal("3"))
    report = reports.report_month(project, date(2020, 3, 1), staff, date(2020, 5, 1))
    other = Project.objects.create(name="Other project", slug="other", programme="own", owner=foreign,
                                   starts_on=date(2020, 1, 1), ends_on=date(2020, 12, 31))
    other.staff.add(_user("staff@foreign.test", foreign, "owner"))
    return {"project": project, "values": {"slug": "victim", "pk": 0}, "activity": activity.pk, "person": person.pk,
            "report": report.pk, "partner": partner.pk,
            "people": {"foreign owner": User.objects.get(email="staff@foreign.test"),
                       "viewer of the owner": _user("viewer@owner.test", owner_org),
                       "owner of a participating organisation": _user("owner@part.test", taking_part, "owner"),
                       "analyst of a participating organisation": _user("analyst@part.test", taking_part, "analyst"),
                       "nobody's": _user("lonely@nowhere.test")}}


def _fill(route: str, world: dict) -> str:
    pk = (world["activity"] if "activities" in route else world["person"] if "participants" in route
          else world["partner"] if "organisations" in route else world["report"])
    return "/" + re.sub(r"<(\w+):(\w+)>", lambda m: str("victim" if m.group(2) == "slug" else pk), route)


def _closed(response, route: str, who: str) -> None:
    body = response.content.decode("utf-8", "replace")
    assert SECRET not in body and "Secret activity" not in body, f"{who} sees a participant at {route}"
    if route in SCOPED:
        return
    if response.status_code in (301, 302):
        assert "login" in response.headers.get("Location", ""), f"{who}: {route} redirects elsewhere"
        return
    assert response.status_code in (403, 404, 405), f"{who}: {route} answered {response.status_code}"


@pytest.mark.parametrize("route", ROUTES)
def test_nobody_outside_the_staff_gets_anything(client, world, route):
    for who, user in [("anonymous", None), *world["people"].items()]:
        client.logout()
        if user is not None:
            client.force_login(user)
        url = _fill(route, world)
        if who == "owner of a participating organisation" and route == "projects/<slug:slug>/share/":
            page = client.get(url)
            assert page.status_code == 200 and SECRET not in page.content.decode()
            continue
        for method in ("get", "post"):
            _closed(getattr(client, method)(url, {"action": "export", "month": "2020-03"}), route, who)


def test_the_staff_sees_it_all(client, world):
    client.force_login(User.objects.get(email="staff@owner.test"))
    for route in ROUTES:
        if route in SCOPED or route.endswith("share/"):
            continue
        response = client.get(_fill(route, world), follow=route.endswith(".pdf"))  # a PDF: through its job page
        assert response.status_code == 200, route


def test_sharing_is_decided_by_the_participating_organisations_owner_only(client, world):
    partner = Partner.objects.get(organisation__slug="part")
    client.force_login(world["people"]["owner of a participating organisation"])
    assert client.post("/projects/victim/share/", {"partner_id": partner.pk, "shares": "yes"}).status_code == 302
    partner.refresh_from_db()
    assert partner.shares_figures
    owner = Partner.objects.get(organisation__slug="owner")
    assert client.post("/projects/victim/share/", {"partner_id": owner.pk, "shares": "no"}).status_code == 404
    # The staff cannot switch it on for them: the details form has no such field.
    client.force_login(User.objects.get(email="staff@owner.test"))
    saved = client.post(f"/projects/victim/organisations/{partner.pk}/", {
        "action": "details", "shares_figures": "off", "cost_basis": "hourly", "hourly_cost": "100",
        "planned_participants": "3", "on_cost_rate": "0"})
    assert saved.status_code == 302
    partner.refresh_from_db()
    assert partner.shares_figures and partner.hourly_cost == Decimal("100")
