"""Network events as services: places, the waiting list and cancellation (two people for the last place
at once), check-in, the iCalendar file read back with icalendar, the retention of personal data."""

from __future__ import annotations

import threading
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from paritas.web.network import services
from paritas.web.network.models import Campaign, Event, Registration

BERLIN = ZoneInfo("Europe/Berlin")


@pytest.fixture
def event(db):
    campaign = Campaign.objects.create(name="Total E-Quality in der Metropole Ruhr", slug="ruhr",
                                       kind="award_campaign")
    return Event.objects.create(campaign=campaign, title="10 Jahre Total E-Quality in der Metropole Ruhr",
                                kind="anniversary", starts_at=datetime(2030, 3, 22, 17, 0, tzinfo=BERLIN),
                                ends_at=datetime(2030, 3, 22, 20, 0, tzinfo=BERLIN), place="Essen, Zeche Zollverein",
                                capacity=2)


def test_places_waiting_list_and_cancellation(event):
    a = services.register(event, "Anna", "anna@example.org", "Stadt Herne", "f")
    b = services.register(event, "Ben", "ben@example.org")
    c = services.register(event, "Cem", "cem@example.org")
    assert [r.status for r in (a, b, c)] == ["confirmed", "confirmed", "waiting"]
    with pytest.raises(ValidationError):
        services.register(event, "Anna again", "ANNA@example.org")
    moved = services.cancel(b)
    assert moved == c and Registration.objects.get(pk=c.pk).status == "confirmed"
    assert services.cancel(b) is None  # cancelling twice changes nothing
    assert services.counts(event) == {"confirmed": 2, "waiting": 0, "free": 0, "attended": 0}
    services.check_in(Registration.objects.get(pk=c.pk))
    assert services.counts(event)["attended"] == 1
    with pytest.raises(ValidationError):
        services.check_in(Registration.objects.get(pk=b.pk))
    with pytest.raises(ValidationError):
        services.register(event, "Late", "late@example.org", now=event.ends_at + timedelta(minutes=1))
    with pytest.raises(ValidationError):
        services.register(event, "Nul\x00", "nul@example.org")


@pytest.mark.django_db(transaction=True)
def test_two_people_for_the_last_place_at_once_get_one_place_and_one_waiting_place():
    campaign = Campaign.objects.create(name="Bündnis", slug="b", kind="local_alliance")
    event = Event.objects.create(campaign=campaign, title="Netzwerktreffen", kind="network_meeting",
                                 starts_at=datetime(2030, 5, 1, 17, tzinfo=BERLIN),
                                 ends_at=datetime(2030, 5, 1, 19, tzinfo=BERLIN), capacity=1)
    barrier, outcomes = threading.Barrier(2), []

    def take(i: int) -> None:
        barrier.wait()
        try:
            outcomes.append(services.register(event, f"P{i}", f"p{i}@example.org").status)
        finally:
            connection.close()

    threads = [threading.Thread(target=take, args=(i,)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["confirmed", "waiting"]


def test_the_icalendar_file_reads_back(event):
    from icalendar import Calendar

    calendar = Calendar.from_ical(services.ical(event))
    entry = next(c for c in calendar.walk("VEVENT"))
    assert str(entry["summary"]) == event.title and str(entry["location"]) == "Essen, Zeche Zollverein"
    start = entry.decoded("dtstart")
    assert start == event.starts_at and str(start.tzinfo) == "Europe/Berlin"
    assert entry.decoded("dtend") - start == timedelta(hours=3)


def test_personal_data_is_anonymised_after_the_retention_period(event):
    registration = services.register(event, "Anna", "anna@example.org", "Stadt Herne", "f")
    assert services.anonymise_past(now=event.ends_at + timedelta(days=179)) == 0
    assert services.anonymise_past(now=event.ends_at + timedelta(days=181)) == 1
    registration.refresh_from_db()
    assert (registration.name, registration.anonymised, registration.gender, registration.organisation_name) == (
        "–", True, "f", "Stadt Herne")  # counts by gender and organisation stay
    assert "anna" not in registration.email
    assert services.anonymise_past(now=event.ends_at + timedelta(days=400)) == 0


def test_the_public_event_page_registers_moves_the_waiting_list_and_cancels(client, event):
    from paritas.web.network.models import ProgrammeItem

    ProgrammeItem.objects.create(event=event, starts_at="17:00", title="Begrüßung durch den Oberbürgermeister",
                                 kind="welcome")
    page = client.get(f"/events/{event.pk}/", HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert "Begrüßung durch den Oberbürgermeister" in page and "2 von 2 Plätzen frei" in page
    urls = []
    for name in ("Anna", "Ben", "Cem"):
        response = client.post(f"/events/{event.pk}/", {"name": name, "email": f"{name.lower()}@example.org"},
                               HTTP_ACCEPT_LANGUAGE="en")
        assert response.status_code == 302
        urls.append(response["Location"])
    assert client.post(f"/events/{event.pk}/", {"name": "", "email": "x"}).status_code == 422
    assert "Warteliste" in client.get(urls[2], HTTP_ACCEPT_LANGUAGE="de").content.decode()
    from django.core import mail

    assert [m.to for m in mail.outbox] == [["anna@example.org"], ["ben@example.org"], ["cem@example.org"]]
    assert "waiting list" in mail.outbox[2].body and urls[2] in mail.outbox[2].body
    client.post(urls[0], {"action": "cancel"}, HTTP_ACCEPT_LANGUAGE="en")
    assert "bestätigt" in client.get(urls[2], HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert mail.outbox[-1].to == ["cem@example.org"] and "place has become free" in mail.outbox[-1].body
    assert client.get("/registrations/not-a-token/").status_code == 404
    ics = client.get(f"/events/{event.pk}.ics")
    assert ics["Content-Type"].startswith("text/calendar") and b"BEGIN:VEVENT" in ics.content
    campaign = client.get(f"/campaigns/{event.campaign.slug}/", HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert event.title in campaign
    event.audience = "members"
    event.save()
    assert client.get(f"/events/{event.pk}/").status_code == 404  # not public
    assert event.title not in client.get(f"/campaigns/{event.campaign.slug}/").content.decode()


def test_organisers_manage_their_events_and_nobody_else_reaches_them(client, event, orgs):
    from paritas.web.network.models import ProgrammeItem
    from paritas.web.organisations.models import Organisation

    coordinator, stranger = orgs["alpha"]["owner"], orgs["beta"]["owner"]
    event.campaign.coordinators.add(coordinator)
    anna = services.register(event, "Anna", "anna@example.org")
    services.register(event, "Ben", "ben@example.org")
    waiting = services.register(event, "Cem", "cem@example.org")
    base = f"/network/e/{event.pk}/"
    for user in (None, stranger, orgs["alpha"]["viewer"]):
        client.logout()
        if user is not None:
            client.force_login(user)
        assert client.get(base).status_code in (302, 404)
        assert client.get(f"{base}participants.csv").status_code in (302, 404)
        assert client.post(base, {"action": "check_in", "registration": anna.pk}).status_code in (302, 404)
        assert client.get(f"/network/c/{event.campaign.slug}/").status_code in (302, 404)
    assert Registration.objects.get(pk=anna.pk).checked_in_at is None
    client.force_login(coordinator)
    page = client.get(base, HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert "2 bestätigt, 1 auf der Warteliste, 0 eingecheckt" in page and "cem@example.org" not in page
    client.post(base, {"action": "check_in", "registration": anna.pk})
    client.post(base, {"action": "cancel", "registration": Registration.objects.get(name="Ben").pk})
    assert Registration.objects.get(pk=waiting.pk).status == "confirmed"
    csv_text = client.get(f"{base}participants.csv").content.decode("utf-8-sig")
    assert "anna@example.org" in csv_text and "cem@example.org" in csv_text and "ben@example.org" not in csv_text
    client.post(base, {"action": "programme", "item-starts_at": "17:00", "item-title": "Keynote",
                       "item-kind": "keynote"})
    assert ProgrammeItem.objects.filter(event=event, title="Keynote").exists()
    assert client.post(base, {"action": "check_in", "registration": "²"}).status_code == 404
    response = client.post(f"/network/c/{event.campaign.slug}/", {
        "action": "event", "title": "Netzwerktreffen", "kind": "network_meeting", "starts_at": "2030-06-01T17:00",
        "ends_at": "2030-06-01T16:00", "time_zone": "Europe/Berlin", "audience": "members"})
    assert response.status_code == 422 and Event.objects.count() == 1  # ends before it starts
    # The host of a network meeting edits that meeting (an owner or analyst of the host organisation).
    host = Organisation.objects.get(slug="beta")
    meeting = Event.objects.create(campaign=event.campaign, title="Treffen bei Beta", kind="network_meeting",
                                   starts_at=event.starts_at, ends_at=event.ends_at, host=host)
    client.force_login(orgs["beta"]["analyst"])
    assert client.get(f"/network/e/{meeting.pk}/").status_code == 200
    assert client.get(base).status_code == 404


def test_the_campaign_feed_recognitions_and_the_retention_command(client, event, settings):
    from datetime import date

    from django.core.management import call_command
    from icalendar import Calendar

    from paritas.web.network.models import Recognition

    Event.objects.create(campaign=event.campaign, title="Nur für Mitglieder", kind="workshop", audience="members",
                         starts_at=event.starts_at, ends_at=event.ends_at)
    feed = Calendar.from_ical(client.get(f"/campaigns/{event.campaign.slug}/events.ics").content)
    assert [str(e["summary"]) for e in feed.walk("VEVENT")] == [event.title]  # the public events only
    Recognition.objects.create(campaign=event.campaign, title="Bündnis des Monats", awarded_by="Bundesprogramm",
                               on=date(2024, 5, 1))
    assert "Bündnis des Monats" in client.get(f"/campaigns/{event.campaign.slug}/").content.decode()
    registration = services.register(event, "Anna", "anna@example.org")
    Event.objects.filter(pk=event.pk).update(ends_at=event.ends_at.replace(year=2020),
                                             starts_at=event.starts_at.replace(year=2020))
    settings.PARTICIPANT_RETENTION_DAYS = 30
    call_command("anonymise_participants", stdout=__import__("io").StringIO())
    registration.refresh_from_db()
    assert registration.anonymised and registration.name == "–"
