"""Every URL of networks, requested by people of another campaign: its coordinator, a member of its
organisations, the host of one of its meetings (for the rest of this campaign), a member of an organisation
that left, and anonymous visitors. The URLs come from the URL configuration, so a new one cannot escape.
Organiser pages answer 404 (or send to the sign-in), members-only events do not exist for them, and no
participant's name, address, answer, request or feedback shows anywhere."""

from __future__ import annotations

import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import get_resolver

from paritas.web.accounts.models import User
from paritas.web.network import services
from paritas.web.network.models import Campaign, Event, Offer, OfferSlot, Participation, Question
from paritas.web.organisations.models import Membership, Organisation

BERLIN = ZoneInfo("Europe/Berlin")
SECRETS = ("Secret Person", "secret.person@example.org", "Secret Requester", "Secret answer", "Secret comment",
           "secret-slides.pdf", "Secret minutes")


def _network_routes() -> list[str]:
    resolver = get_resolver()
    out = []
    for pattern in resolver.url_patterns:
        if getattr(pattern, "app_name", None) == "network" or getattr(pattern, "namespace", None) == "network":
            out += [str(p.pattern) for p in pattern.url_patterns]
    return sorted(out)


ROUTES = _network_routes()


def test_every_network_route_is_here():
    assert len(ROUTES) >= 15 and "network/e/<int:pk>/" in ROUTES and "campaigns/<slug:slug>/" in ROUTES


def _user(email: str, organisation: Organisation | None = None, role: str = "viewer") -> User:
    user = User.objects.create_user(email, "pw-123456789")
    if organisation is not None:
        Membership.objects.create(user=user, organisation=organisation, role=role)
    return user


@pytest.fixture
def world(db):
    victim = Campaign.objects.create(name="Victim alliance", slug="victim", kind="local_alliance")
    other = Campaign.objects.create(name="Other alliance", slug="other", kind="local_alliance")
    host = Organisation.objects.create(slug="host", name="Host GmbH", type="company")
    left = Organisation.objects.create(slug="left", name="Left GmbH", type="company")
    foreign = Organisation.objects.create(slug="foreign", name="Foreign GmbH", type="company")
    Participation.objects.create(campaign=victim, organisation=host, role="member")
    Participation.objects.create(campaign=victim, organisation=left, role="member", joined_on=date(2020, 1, 1),
                                 left_on=date(2021, 1, 1))
    Participation.objects.create(campaign=other, organisation=foreign, role="member")
    victim.coordinators.add(_user("coordinator@victim.test"))
    other.coordinators.add(other_coordinator := _user("coordinator@other.test"))
    meeting = Event.objects.create(campaign=victim, title="Members meeting", kind="network_meeting", host=host,
                                   audience="members", starts_at=datetime(2030, 5, 1, 17, tzinfo=BERLIN),
                                   ends_at=datetime(2030, 5, 1, 19, tzinfo=BERLIN), minutes="Secret minutes")
    public = Event.objects.create(campaign=victim, title="Open workshop", kind="workshop",
                                  starts_at=datetime(2030, 6, 1, 17, tzinfo=BERLIN),
                                  ends_at=datetime(2030, 6, 1, 19, tzinfo=BERLIN), minutes="Secret minutes")
    question = Question.objects.create(event=public, label="Wish", kind="text")
    registration = services.register(public, "Secret Person", "secret.person@example.org",
                                     answers={str(question.pk): "Secret answer"})
    services.register(meeting, "Secret Person", "secret.person@example.org")
    services.give_feedback(registration, 5, "Secret comment", now=public.ends_at)
    slides = services.add_attachment(public, "secret-slides.pdf", b"%PDF-1.7", None)
    slot = OfferSlot.objects.create(offer=Offer.objects.create(campaign=victim, title="Coaching", audience="all",
                                                               contact="x"),
                                    starts_at=datetime(2030, 2, 1, 10, tzinfo=BERLIN),
                                    ends_at=datetime(2030, 2, 1, 11, tzinfo=BERLIN))
    services.request_slot(slot, "Secret Requester", "requester@example.org")
    # The host's analyst organises the meeting only; its viewer, a member, sees the meeting but organises
    # nothing; the outsiders belong to other campaigns or left.
    outsiders = {"anonymous": None, "other coordinator": other_coordinator,
                 "member of another campaign": _user("viewer@foreign.test", foreign),
                 "member who left": _user("viewer@left.test", left)}
    host_analyst = _user("analyst@host.test", host, "analyst")
    host_viewer = _user("viewer@host.test", host)
    return {"host_viewer": host_viewer, "victim": victim, "meeting": meeting, "public": public, "slot": slot,
            "file": slides, "outsiders": outsiders, "host_analyst": host_analyst}


def _urls(route: str, world: dict) -> list[tuple[str, bool]]:
    """The route filled with the victim's objects: (url, whether it names the members-only meeting)."""
    out = []
    for event, members_only in ((world["public"], False), (world["meeting"], True)):
        values = {"slug": world["victim"].slug, "pk": event.pk, "file_pk": world["file"].pk,
                  "token": "guessed-token", "kind": "check-in"}
        if route.startswith("campaigns/<slug:slug>/slots/"):
            values["pk"] = world["slot"].pk
        url = "/" + re.sub(r"<(?:\w+:)?(\w+)>", lambda m, v=values: str(v[m.group(1)]), route)
        out.append((url, members_only and "<int:pk>" in route and not route.startswith("campaigns/")))
    return out


def _check(response, route: str, who: str, members_only: bool) -> None:
    body = response.content.decode("utf-8", "replace")
    for secret in SECRETS:
        assert secret not in body, f"{who} sees {secret!r} at {route}"
    if route.startswith("network/") and route != "network/":
        assert response.status_code in (302, 404, 405), f"{who}: {route} answered {response.status_code}"
        if response.status_code == 302:
            assert "login" in response["Location"]
    if members_only and not route.startswith("network/"):
        assert response.status_code in (404, 405), f"{who} reaches the members-only meeting at {route}"
    assert response.status_code < 500


@pytest.mark.parametrize("route", ROUTES)
def test_people_of_other_campaigns_get_nothing(client, world, route):
    for who, user in world["outsiders"].items():
        client.logout()
        if user is not None:
            client.force_login(user)
        for url, members_only in _urls(route, world):
            for method in ("get", "post"):
                _check(getattr(client, method)(url), route, who, members_only)


@pytest.mark.parametrize("route", [r for r in ROUTES if r.startswith("network/")])
def test_the_host_organises_its_meeting_and_nothing_else(client, world, route):
    client.force_login(world["host_analyst"])
    for url, _members_only in _urls(route, world):
        response = client.get(url)
        hosts_it = f"/network/e/{world['meeting'].pk}/" in url
        if route == "network/":
            assert response.status_code == 200
        elif hosts_it and "files" not in route:
            assert response.status_code == 200, url
        else:
            assert response.status_code in (302, 404), url


def test_a_member_sees_the_members_only_meeting_but_no_participant(client, world):
    client.force_login(world["host_viewer"])
    page = client.get(f"/events/{world['meeting'].pk}/")
    assert page.status_code == 200 and "Members meeting" in page.content.decode()
    assert not any(secret in page.content.decode() for secret in SECRETS)
    assert client.get(f"/network/e/{world['meeting'].pk}/").status_code == 404
