"""A campaign's work as services and pages: invitation audiences, coaching slots, reminders on the right
day, the registration form's questions, events entered in their own time zone, files and feedback after
the event, attendance with small groups hidden, figures per year with new award applicants, goals, and a
person's data exported and erased on request."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import translation

from paritas.web.accounts.models import User
from paritas.web.awards import services as awards
from paritas.web.awards.models import Application, Award, Round
from paritas.web.network import mail as network_mail
from paritas.web.network import services
from paritas.web.network.models import (
    Campaign,
    Event,
    Feedback,
    Goal,
    Invitee,
    Offer,
    OfferSlot,
    Participation,
    Question,
    Registration,
    SlotRequest,
)
from paritas.web.organisations.models import Membership, Organisation, Region

BERLIN = ZoneInfo("Europe/Berlin")
STOCKHOLM = ZoneInfo("Europe/Stockholm")


@pytest.fixture
def ruhr(db):
    """Seed 000's campaign in its region: two award holders (one with an owner on the platform), a lead
    initiator and a member with owners, a member who left, and an event."""
    region = Region.objects.create(name="Metropole Ruhr", kind="region")
    programme = awards.install_template("equal_opportunity", "eo")
    campaign = Campaign.objects.create(name="Total E-Quality in der Metropole Ruhr", slug="ruhr",
                                       kind="award_campaign", region=region)
    people = {}
    for slug, name in (("herne", "Stadt Herne"), ("bochum", "Stadt Bochum"), ("forum", "Unternehmerinnen-Forum"),
                       ("muster", "Muster GmbH"), ("alt", "Alt GmbH")):
        org = Organisation.objects.create(slug=slug, name=name, type="company", region=region)
        owner = User.objects.create_user(f"owner@{slug}.test", "pw-123456789")
        Membership.objects.create(user=owner, organisation=org, role="owner")
        viewer = User.objects.create_user(f"viewer@{slug}.test", "pw-123456789")
        Membership.objects.create(user=viewer, organisation=org, role="viewer")
        people[slug] = org
    for slug in ("herne", "bochum"):
        Award.objects.create(organisation=people[slug], programme=programme, awarded_on=date(2025, 7, 1),
                             valid_from=date(2025, 1, 1), valid_until=date(2028, 7, 1), number=1)
    Participation.objects.create(campaign=campaign, organisation=people["forum"], role="lead")
    Participation.objects.create(campaign=campaign, organisation=people["muster"], role="member",
                                 joined_on=date(2020, 1, 1))
    Participation.objects.create(campaign=campaign, organisation=people["alt"], role="member",
                                 joined_on=date(2019, 1, 1), left_on=date(2023, 6, 30))
    event = Event.objects.create(campaign=campaign, title="10 Jahre", kind="anniversary",
                                 starts_at=datetime(2030, 3, 22, 17, tzinfo=BERLIN),
                                 ends_at=datetime(2030, 3, 22, 20, tzinfo=BERLIN), capacity=100)
    return {"campaign": campaign, "event": event, "programme": programme, **people}


def test_invitation_audiences_reach_the_owners_of_the_right_organisations_once(ruhr):
    event, sent = ruhr["event"], []
    holders = services.invite(event, "holders", "", None, sent.append)
    assert sorted(holders.sent) == ["owner@bochum.test", "owner@herne.test"]  # owners only, not viewers
    assert services.invite(event, "members", "", None, sent.append).sent == ("owner@muster.test",)  # not who left
    assert services.invite(event, "initiators", "", None, sent.append).sent == ("owner@forum.test",)
    again = services.invite(event, "holders", "", None, sent.append)
    assert again.sent == () and sorted(again.already) == ["owner@bochum.test", "owner@herne.test"]
    bad = services.invite(event, "list", "a@example.org\nno address here\nB <b@example.org>; c@example.org", None,
                          sent.append)
    assert bad.invalid == ((2, "no address here"),) and bad.sent == ()  # nobody invited until the list is right
    listed = services.invite(event, "list", "a@example.org\nB <B@example.org>; owner@herne.test", None, sent.append)
    assert listed.sent == ("a@example.org", "b@example.org") and listed.already == ("owner@herne.test",)
    assert len(sent) == Invitee.objects.filter(event=event).count() == 6
    with pytest.raises(ValidationError):
        services.invite(event, "everyone", "", None, sent.append)


def test_the_invitation_mail_carries_the_programme_and_the_link(client, ruhr):
    from paritas.web.network.models import ProgrammeItem

    event = ruhr["event"]
    ProgrammeItem.objects.create(event=event, starts_at="17:00", title="Begrüßung", kind="welcome")
    network_mail.invitation(None, event, "x@example.org", "Wir freuen uns auf Sie.")
    body = mail.outbox[-1].body
    assert "17:00 Begrüßung" in body and f"/events/{event.pk}/" in body and "Wir freuen uns" in body


def test_a_slot_goes_to_one_request_and_the_others_are_declined(ruhr):
    offer = Offer.objects.create(campaign=ruhr["campaign"], title="Coaching zur Bewerbung", audience="Bewerbende",
                                 contact="Unternehmerinnen-Forum")
    slot = OfferSlot.objects.create(offer=offer, starts_at=datetime(2030, 2, 1, 10, tzinfo=BERLIN),
                                    ends_at=datetime(2030, 2, 1, 11, tzinfo=BERLIN))
    first = services.request_slot(slot, "Anna", "anna@example.org", "Stadt Herne", "Kriterium Entgelt")
    second = services.request_slot(slot, "Ben", "ben@example.org")
    with pytest.raises(ValidationError):
        services.request_slot(slot, "Anna", "ANNA@example.org")  # asked already
    declined = services.accept(second)
    assert declined == [first] and SlotRequest.objects.get(pk=first.pk).status == "declined"
    assert not services.is_free(slot)
    with pytest.raises(ValidationError):
        services.request_slot(slot, "Cem", "cem@example.org")
    with pytest.raises(ValidationError):
        services.accept(SlotRequest.objects.get(pk=first.pk))
    past = OfferSlot.objects.create(offer=offer, starts_at=datetime(2020, 2, 1, 10, tzinfo=BERLIN),
                                    ends_at=datetime(2020, 2, 1, 11, tzinfo=BERLIN))
    with pytest.raises(ValidationError):
        services.request_slot(past, "Dora", "dora@example.org")


def test_reminders_go_once_on_the_right_day(ruhr, settings):
    settings.EVENT_REMINDER_HOURS = 48
    event = ruhr["event"]
    services.register(event, "Anna", "anna@example.org", language="sv")
    waiting = services.register(event, "Ben", "ben@example.org")
    Registration.objects.filter(pk=waiting.pk).update(status="waiting")
    sent = []
    assert services.send_reminders(sent.append, now=event.starts_at - timedelta(hours=49)) == 0
    assert services.send_reminders(sent.append, now=event.starts_at - timedelta(hours=47)) == 1
    assert services.send_reminders(sent.append, now=event.starts_at - timedelta(hours=2)) == 0  # once
    assert [r.email for r in sent] == ["anna@example.org"]
    network_mail.reminder(sent[0])
    message = mail.outbox[-1]
    assert message.to == ["anna@example.org"] and message.subject.startswith("Påminnelse")  # her language
    assert f"/registrations/{sent[0].token}/" in message.body and "22 mars 2030 17:00" in message.body


def test_the_reminder_command_runs(ruhr, settings):
    from io import StringIO

    from django.core.management import call_command

    settings.EVENT_REMINDER_HOURS = 24 * 365 * 10
    services.register(ruhr["event"], "Anna", "anna@example.org")
    out = StringIO()
    call_command("send_reminders", stdout=out)
    assert "1" in out.getvalue() and mail.outbox[-1].to == ["anna@example.org"]


def test_the_organisers_questions_are_asked_and_checked(client, ruhr):
    event = ruhr["event"]
    food = Question.objects.create(event=event, label="Essen", kind="choice", choices="vegetarisch\nvegan",
                                   required=True)
    photo = Question.objects.create(event=event, label="Fotos erlaubt?", kind="yes_no")
    with pytest.raises(ValidationError):
        services.register(event, "Anna", "anna@example.org")  # required
    with pytest.raises(ValidationError):
        services.register(event, "Anna", "anna@example.org", answers={str(food.pk): "Fleisch"})
    kept = services.register(event, "Anna", "anna@example.org", answers={str(food.pk): "vegan", "999": "x"})
    assert kept.answers == {str(food.pk): "vegan"}
    response = client.post(f"/events/{event.pk}/", {"name": "Ben", "email": "ben@example.org",
                                                    f"q_{food.pk}": "vegetarisch", f"q_{photo.pk}": "no"})
    assert response.status_code == 302
    assert Registration.objects.get(email="ben@example.org").answers == {str(food.pk): "vegetarisch",
                                                                         str(photo.pk): False}
    assert client.post(f"/events/{event.pk}/", {"name": "Cem", "email": "cem@example.org"}).status_code == 422


def test_an_event_is_entered_and_shown_in_its_own_time_zone(client, ruhr):
    campaign = ruhr["campaign"]
    campaign.coordinators.add(User.objects.get(email="owner@forum.test"))
    client.force_login(User.objects.get(email="owner@forum.test"))
    response = client.post(f"/network/c/{campaign.slug}/", {
        "action": "event", "title": "Nätverksträff", "kind": "network_meeting", "starts_at": "2030-06-01T17:00",
        "ends_at": "2030-06-01T19:00", "time_zone": "Europe/Stockholm", "audience": "public"})
    assert response.status_code == 302
    created = Event.objects.get(title="Nätverksträff")
    assert created.starts_at == datetime(2030, 6, 1, 17, tzinfo=STOCKHOLM)
    page = client.get(f"/network/e/{created.pk}/").content.decode()
    assert 'value="2030-06-01T17:00"' in page
    assert client.post(f"/network/c/{campaign.slug}/", {
        "action": "event", "title": "X", "kind": "workshop", "starts_at": "2030-06-01T17:00",
        "ends_at": "2030-06-01T19:00", "time_zone": "Mars/Olympus", "audience": "public"}).status_code == 422


def test_files_feedback_and_attendance_after_the_event(client, ruhr):
    event = ruhr["event"]
    with pytest.raises(ValidationError):
        services.add_attachment(event, "slides.pdf", b"MZ\x90\x00 not a pdf", None)  # renamed executable
    with pytest.raises(ValidationError):
        services.add_attachment(event, "run.exe", b"MZ", None)
    slides = services.add_attachment(event, "Folien.pdf", b"%PDF-1.7 slides", None, public=True)
    hidden = services.add_attachment(event, "Foto.jpg", b"\xff\xd8\xff\xe0 photo", None)
    people = [services.register(event, f"P{i}", f"p{i}@example.org", "Stadt Herne" if i < 6 else "Muster GmbH",
                                "f" if i < 6 else "m" if i < 8 else "d") for i in range(9)]
    for registration in people:
        services.check_in(registration)
    with translation.override("en"):
        seen = services.attendance(event)
    assert seen.total == 9 and seen.by_organisation == (("Stadt Herne", 6), ("Muster GmbH", 3))
    # Women 6 shown; men 2 and other 1 are hidden, and together they are 3 < 5, so the next smallest is
    # hidden too: no hidden group can be recovered from the total.
    assert dict(seen.by_gender) == {"women": None, "men": None, "other": None, "not stated": 0}
    with pytest.raises(ValidationError):
        services.give_feedback(people[0], 5, now=event.starts_at - timedelta(hours=1))  # not yet
    services.give_feedback(people[0], 5, "Sehr gut", now=event.ends_at)
    services.give_feedback(people[1], "2", now=event.ends_at)
    with pytest.raises(ValidationError):
        services.give_feedback(people[0], 4, now=event.ends_at)  # once
    with pytest.raises(ValidationError):
        services.give_feedback(people[2], 9, now=event.ends_at)
    assert services.feedback_summary(event) == {"count": 2, "average": 3.5, "comments": ["Sehr gut"]}
    assert client.get(f"/events/{event.pk}/files/{slides.pk}/").content == b"%PDF-1.7 slides"
    assert client.get(f"/events/{event.pk}/files/{hidden.pk}/").status_code == 404


def test_feedback_on_the_registration_page(client, ruhr):
    event = ruhr["event"]
    registration = services.register(event, "Anna", "anna@example.org")
    url = f"/registrations/{registration.token}/"
    assert "feedback" not in client.get(url).content.decode().lower()  # before the event
    Event.objects.filter(pk=event.pk).update(starts_at=datetime(2025, 1, 1, 17, tzinfo=BERLIN))
    assert client.post(url, {"action": "feedback", "rating": "7"}).status_code == 422
    assert client.post(url, {"action": "feedback", "rating": "4", "comment": "Gern wieder"}).status_code == 302
    assert Feedback.objects.get(registration=registration).rating == 4


def _apply(programme, organisation, on: datetime) -> None:
    round_ = Round.objects.first() or Round.objects.create(programme=programme, title="2031",
                                                           opens_at=datetime(2020, 1, 1, tzinfo=BERLIN),
                                                           closes_at=datetime(2040, 1, 1, tzinfo=BERLIN))
    application = Application.objects.create(round=round_, organisation=organisation)
    Application.objects.filter(pk=application.pk).update(created_at=on)


def test_figures_per_year_count_new_applicants_reached_by_the_campaign(ruhr):
    campaign, programme = ruhr["campaign"], ruhr["programme"]
    e2029 = Event.objects.create(campaign=campaign, title="Workshop", kind="workshop",
                                 starts_at=datetime(2029, 12, 31, 23, 30, tzinfo=BERLIN),  # 2029 in Berlin
                                 ends_at=datetime(2030, 1, 1, 1, tzinfo=BERLIN))
    for name, org in (("A", "Muster GmbH"), ("B", "muster gmbh"), ("C", "Alt GmbH"), ("D", "Kein Konto e.V."),
                      ("E", "")):
        r = services.register(e2029, name, f"{name}@example.org", org)
        if name in ("A", "C"):
            services.check_in(r)
    r = services.register(ruhr["event"], "F", "f@example.org", "Stadt Herne")
    services.check_in(r)
    services.register(ruhr["event"], "G", "g@example.org", "Muster GmbH")
    _apply(programme, ruhr["muster"], datetime(2030, 2, 1, tzinfo=BERLIN))  # after its first event: new
    _apply(programme, ruhr["alt"], datetime(2029, 1, 1, tzinfo=BERLIN))  # before: not new
    _apply(programme, ruhr["herne"], datetime(2030, 5, 1, tzinfo=BERLIN))  # after the 2030 event: new in 2030
    figures = {f.year: f for f in services.figures_by_year(campaign)}
    assert figures[2029] == services.figures.YearFigures(2029, 1, 5, 2, 3, 1)  # Muster counted once
    assert figures[2030] == services.figures.YearFigures(2030, 1, 2, 1, 2, 1)


def test_goals_are_measured(ruhr):
    campaign = ruhr["campaign"]
    holders = Goal.objects.create(campaign=campaign, title="30 Prädikatsträger", measure="holders", target=30,
                                  year=2026)
    members = Goal.objects.create(campaign=campaign, title="Mitglieder", measure="members", target=4, year=2023)
    manual = Goal.objects.create(campaign=campaign, title="Presse", measure="manual", target=10, year=2026,
                                 manual_value=3)
    events = Goal.objects.create(campaign=campaign, title="Veranstaltungen", measure="events", target=4, year=2030)
    assert services.goal_value(holders) == 2
    assert services.goal_value(members) == 2  # Alt GmbH left in 2023, so it counts for 2023
    assert services.goal_value(manual) == 3 and services.goal_value(events) == 1
    shares = {g["goal"].title: g["share"] for g in services.goals_with_values(campaign)}
    assert shares == {"Mitglieder": 50, "30 Prädikatsträger": 7, "Presse": 30, "Veranstaltungen": 25}


def test_organisations_join_and_leave(ruhr):
    campaign = ruhr["campaign"]
    joined = services.join(campaign, "stadt herne", "partner", date(2024, 1, 1), True)
    assert joined.organisation == ruhr["herne"]  # the one on the platform with this name
    new = services.join(campaign, "Bäckerei Beispiel", "member")
    assert new.organisation.region_id == campaign.region_id and new.organisation.memberships.count() == 0
    with pytest.raises(ValidationError):
        services.join(campaign, "Stadt Herne", "member")
    with pytest.raises(ValidationError):
        services.leave(joined, date(2023, 1, 1))  # before it joined
    services.leave(joined, date(2025, 1, 1))
    assert services.join(campaign, "Stadt Herne", "member").left_on is None  # joins again


def test_a_persons_data_is_exported_and_erased_on_request(client, ruhr):
    event = ruhr["event"]
    event.capacity = 1
    event.save()
    food = Question.objects.create(event=event, label="Essen", kind="text")
    anna = services.register(event, "Anna", "anna@example.org", "Stadt Herne", "f", answers={str(food.pk): "vegan"})
    ben = services.register(event, "Ben", "ben@example.org")
    services.invite(event, "list", "Anna@example.org", None, lambda a: None)
    coordinator = User.objects.get(email="owner@forum.test")
    ruhr["campaign"].coordinators.add(coordinator)
    client.force_login(coordinator)
    url = f"/network/c/{ruhr['campaign'].slug}/"
    response = client.post(url, {"action": "person", "what": "export", "person-email": "ANNA@example.org"})
    data = json.loads(response.content)
    assert data["registrations"][0]["answers"] == {"Essen": "vegan"} and len(data["invitations"]) == 1
    assert "ben@example.org" not in response.content.decode()
    client.post(url, {"action": "person", "what": "erase", "person-email": "anna@example.org"})
    anna.refresh_from_db()
    assert anna.anonymised and anna.status == "cancelled" and anna.answers == {}
    assert Registration.objects.get(pk=ben.pk).status == "confirmed"  # her place went to the waiting list
    assert mail.outbox[-1].to == ["ben@example.org"]
    assert not Invitee.objects.filter(email="anna@example.org").exists()
    assert services.person_data(ruhr["campaign"], "anna@example.org")["registrations"] == []


def test_members_see_members_only_events_and_others_do_not(client, ruhr):
    event = ruhr["event"]
    event.audience = "members"
    event.save()
    for email, status in (("viewer@muster.test", 200), ("viewer@forum.test", 200), ("viewer@alt.test", 404),
                          ("viewer@herne.test", 404)):
        client.force_login(User.objects.get(email=email))
        assert client.get(f"/events/{event.pk}/").status_code == status, email
        assert (event.title in client.get(f"/campaigns/{ruhr['campaign'].slug}/").content.decode()) == (status == 200)
    client.logout()
    assert client.get(f"/events/{event.pk}/").status_code == 404
    assert client.get(f"/events/{event.pk}/flyer.pdf").status_code == 404


def test_the_public_page_shows_news_goals_and_free_slots(client, ruhr):
    from paritas.web.network.models import NewsItem

    campaign = ruhr["campaign"]
    NewsItem.objects.create(campaign=campaign, title="Neue Prädikatsträger", body="…", published_on=date(2025, 1, 1))
    NewsItem.objects.create(campaign=campaign, title="Noch nicht", body="…", published_on=date(2099, 1, 1))
    Goal.objects.create(campaign=campaign, title="30 Prädikatsträger", measure="holders", target=30, year=2026)
    offer = Offer.objects.create(campaign=campaign, title="Coaching", audience="Bewerbende", contact="Forum")
    slot = OfferSlot.objects.create(offer=offer, starts_at=datetime(2030, 2, 1, 10, tzinfo=BERLIN),
                                    ends_at=datetime(2030, 2, 1, 11, tzinfo=BERLIN))
    page = client.get(f"/campaigns/{campaign.slug}/", HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert "Neue Prädikatsträger" in page and "Noch nicht" not in page and "30 Prädikatsträger" in page
    assert f"/campaigns/{campaign.slug}/slots/{slot.pk}/" in page
    response = client.post(f"/campaigns/{campaign.slug}/slots/{slot.pk}/", {"name": "Anna",
                                                                           "email": "anna@example.org"})
    assert response.status_code == 302 and mail.outbox[-1].to == ["anna@example.org"]
    assert client.post(f"/campaigns/{campaign.slug}/slots/{slot.pk}/", {"name": ""}).status_code == 422
    assert client.get(f"/campaigns/other/slots/{slot.pk}/").status_code == 404


def _pdf_text(content: bytes) -> str:
    import io

    from pypdf import PdfReader

    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(content)).pages)


def test_the_flyer_and_the_lists_as_pdf_and_csv(client, ruhr):
    from paritas.web.network.models import ProgrammeItem

    event = ruhr["event"]
    event.place = "Herne, Kulturzentrum"
    event.save()
    ProgrammeItem.objects.create(event=event, starts_at="17:20", title="Keynote zur Region", kind="keynote",
                                 speakers="Dr. Petra Muster; Stadt Herne; Gleichstellungsbeauftragte")
    wish = Question.objects.create(event=event, label="Wunsch", kind="text")
    services.register(event, "Anna Beispiel", "anna@example.org", "Stadt Herne", answers={str(wish.pk): "=1+1"})
    flyer = client.get(f"/events/{event.pk}/flyer.pdf?lang=de")
    assert flyer["Content-Type"] == "application/pdf"
    text = _pdf_text(flyer.content)
    assert "Keynote zur Region" in text and "Dr. Petra Muster, Stadt Herne" in text and "Prädikatsträger" in text
    assert "22.03.2030" in text.replace(" ", "") or "22. März 2030" in text
    assert f"/events/{event.pk}/" in text
    assert "Programme" in _pdf_text(client.get(f"/events/{event.pk}/flyer.pdf?lang=en").content)
    coordinator = User.objects.get(email="owner@forum.test")
    ruhr["campaign"].coordinators.add(coordinator)
    client.force_login(coordinator)
    check_in = _pdf_text(client.get(f"/network/e/{event.pk}/check-in.pdf?lang=de").content)
    assert "Check-in-Liste" in check_in and "Anna Beispiel" in check_in and "anna@example.org" not in check_in
    listed = _pdf_text(client.get(f"/network/e/{event.pk}/participants.pdf?lang=sv").content)
    assert "Deltagarlista" in listed and "anna@example.org" in listed
    assert client.get(f"/network/e/{event.pk}/other.pdf").status_code == 404
    csv_text = client.get(f"/network/e/{event.pk}/participants.csv").content.decode("utf-8-sig")
    assert "Wunsch" in csv_text.splitlines()[0] and "'=1+1" in csv_text  # no live formula


def test_the_organiser_pages_run_a_campaign(client, ruhr):
    campaign = ruhr["campaign"]
    coordinator = User.objects.get(email="owner@forum.test")
    campaign.coordinators.add(coordinator)
    client.force_login(coordinator)
    url = f"/network/c/{campaign.slug}/"
    ok = [
        {"action": "join", "org-organisation_name": "Stadt Herne", "org-type": "municipality",
         "org-role": "partner", "org-joined_on": "2024-01-01", "org-shown_publicly": "on"},
        {"action": "goal", "goal-title": "30 Prädikatsträger", "goal-measure": "holders", "goal-target": "30",
         "goal-year": "2026"},
        {"action": "offer", "offer-title": "Coaching", "offer-audience": "Bewerbende", "offer-contact": "Forum"},
        {"action": "news", "news-title": "Neu", "news-body": "Text", "news-published_on": "2025-01-01"},
        {"action": "recognition", "recognition-title": "Region des Jahres", "recognition-awarded_by": "Land",
         "recognition-on": "2025-01-01"}]
    for data in ok:
        assert client.post(url, data).status_code == 302, data
    offer = Offer.objects.get(campaign=campaign)
    assert client.post(url, {"action": "slot", "offer": offer.pk, "slot-starts_at": "2030-02-01T10:00",
                             "slot-ends_at": "2030-02-01T11:00"}).status_code == 302
    slot = OfferSlot.objects.get(offer=offer)
    assert slot.starts_at == datetime(2030, 2, 1, 10, tzinfo=BERLIN)
    asked = services.request_slot(slot, "Anna", "anna@example.org")
    client.post(url, {"action": "answer", "request": asked.pk, "answer": "accept"})
    assert (SlotRequest.objects.get(pk=asked.pk).status == "accepted" and "bestätigt" in mail.outbox[-1].body) \
        or "confirmed" in mail.outbox[-1].body
    bad = [{"action": "goal", "goal-title": "x", "goal-measure": "holders", "goal-target": "3", "goal-year": "3000"},
           {"action": "join", "org-organisation_name": "Stadt Herne", "org-type": "municipality",
            "org-role": "member"},
           {"action": "slot", "offer": offer.pk, "slot-starts_at": "2030-02-01T10:00",
            "slot-ends_at": "2030-02-01T09:00"}]
    for data in bad:
        assert client.post(url, data).status_code == 422, data
    assert client.post(url, {"action": "nonsense"}).status_code == 404
    assert client.post(url, {"action": "leave", "participation": "x"}).status_code == 404
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert "Stadt Herne" in page and "30 Prädikatsträger" in page and "Region des Jahres" in page
    public = client.get(f"/campaigns/{campaign.slug}/", HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert "Region des Jahres" in public and "Neu" in public
    figures = client.get(f"/network/c/{campaign.slug}/figures.csv").content.decode("utf-8-sig")
    assert figures.splitlines()[0].startswith("Jahr") or figures.splitlines()[0].startswith("Year")


def test_the_organiser_pages_run_an_event(client, ruhr):
    event = ruhr["event"]
    coordinator = User.objects.get(email="owner@forum.test")
    ruhr["campaign"].coordinators.add(coordinator)
    client.force_login(coordinator)
    url = f"/network/e/{event.pk}/"
    from django.core.files.uploadedfile import SimpleUploadedFile

    assert client.post(url, {"action": "question", "question-label": "Essen", "question-kind": "choice",
                             "question-choices": "vegan"}).status_code == 422  # one option is no choice
    assert client.post(url, {"action": "question", "question-label": "Essen", "question-kind": "choice",
                             "question-choices": "vegan\nvegetarisch", "question-required": "on"}).status_code == 302
    assert client.post(url, {"action": "invite", "invite-audience": "holders"}).status_code == 302
    assert sorted(m.to[0] for m in mail.outbox) == ["owner@bochum.test", "owner@herne.test"]
    assert client.post(url, {"action": "invite", "invite-audience": "list",
                             "invite-addresses": "kein@"}).status_code == 422
    assert client.post(url, {"action": "after", "after-minutes": "Gut besucht.",
                             "after-minutes_public": "on"}).status_code == 302
    assert client.post(url, {"action": "attach", "file-file": SimpleUploadedFile("a.pdf", b"%PDF-1.7 x"),
                             "file-public": "on"}).status_code == 302
    assert client.post(url, {"action": "attach",
                             "file-file": SimpleUploadedFile("a.pdf", b"<html>")}).status_code == 422
    public = client.get(f"/events/{event.pk}/", HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert "Gut besucht." in public and "a.pdf" in public and "vegetarisch" in public
    assert client.get(url, HTTP_ACCEPT_LANGUAGE="de").status_code == 200


def test_the_kept_campaign_page_changes_with_the_campaign(client, ruhr):
    from paritas.web.network.models import NewsItem

    campaign = ruhr["campaign"]
    url = f"/campaigns/{campaign.slug}/"
    assert "Neue Mitglieder" not in client.get(url).content.decode()
    NewsItem.objects.create(campaign=campaign, title="Neue Mitglieder", body="…", published_on=date(2025, 1, 1))
    assert "Neue Mitglieder" in client.get(url).content.decode()
    offer = Offer.objects.create(campaign=campaign, title="Coaching", audience="alle", contact="Forum")
    slot = OfferSlot.objects.create(offer=offer, starts_at=datetime(2030, 2, 1, 10, tzinfo=BERLIN),
                                    ends_at=datetime(2030, 2, 1, 11, tzinfo=BERLIN))
    assert f"/slots/{slot.pk}/" in client.get(url).content.decode()
    services.accept(services.request_slot(slot, "Anna", "anna@example.org"))
    assert f"/slots/{slot.pk}/" not in client.get(url).content.decode()  # given away: no longer offered
    Award.objects.filter(organisation=ruhr["bochum"]).delete()
    assert "Stadt Bochum" not in client.get(url).content.decode()  # the register's state is part of the key


def test_no_two_fields_of_a_page_share_an_id(client, ruhr):
    """Every label points at one field (WCAG 1.3.1, 4.1.1): the organiser pages hold many forms."""
    import re
    from collections import Counter

    event = ruhr["event"]
    Offer.objects.create(campaign=ruhr["campaign"], title="Coaching", audience="alle", contact="Forum")
    coordinator = User.objects.get(email="owner@forum.test")
    ruhr["campaign"].coordinators.add(coordinator)
    client.force_login(coordinator)
    for url in (f"/network/c/{ruhr['campaign'].slug}/", f"/network/e/{event.pk}/", f"/events/{event.pk}/"):
        ids = Counter(re.findall(r'\sid="([^"]+)"', client.get(url).content.decode()))
        assert not [i for i, n in ids.items() if n > 1], url
