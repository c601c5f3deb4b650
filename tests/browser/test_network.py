"""A campaign's tenth-anniversary event in a real browser (seed 000): the coordinator creates it with its
programme, three people register for two places (the third waits), one cancels, the waiting one moves up
and is checked in at the door."""

from __future__ import annotations

import os
import re

import pytest

from tests.browser.conftest import ARTIFACTS, CHROMIUM

PASSWORD = "browser-test-password"

if not CHROMIUM.exists():
    if os.environ.get("PARITAS_REQUIRE_BROWSER") == "1":
        raise RuntimeError(f"{CHROMIUM} is missing: install Debian's chromium package (apt-get install chromium)")
    pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium)", allow_module_level=True)

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def campaign(transactional_db):
    from paritas.web.accounts.models import User
    from paritas.web.network.models import Campaign

    user = User.objects.create_user("koordination@ruhr.test", PASSWORD)
    item = Campaign.objects.create(name="Total E-Quality in der Metropole Ruhr", slug="ruhr", kind="award_campaign")
    item.coordinators.add(user)
    return item


def test_the_anniversary_event_from_creation_to_check_in(live_server, browser_page, campaign):
    from paritas.web.network.models import Event, Registration

    page = browser_page
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("E-Mail-Adresse").fill("koordination@ruhr.test")
    page.get_by_label("Passwort").fill(PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    page.get_by_role("link", name="Netzwerke").click()
    page.get_by_role("link", name="Total E-Quality in der Metropole Ruhr").click()
    page.get_by_text("Neue Veranstaltung", exact=True).click()  # the form is folded under its summary
    page.get_by_label("Titel", exact=True).fill("10 Jahre Total E-Quality in der Metropole Ruhr")
    page.get_by_label("Art", exact=True).select_option("anniversary")
    page.get_by_label("Beginn", exact=True).first.fill("2030-03-22T17:00")  # the first form: the new event
    page.get_by_label("Ende", exact=True).first.fill("2030-03-22T20:30")
    page.get_by_label("Ort", exact=True).fill("Herne, Kulturzentrum")
    page.get_by_label("Plätze").fill("2")
    page.get_by_role("button", name="Veranstaltung anlegen").click()
    page.wait_for_selector("text=Noch niemand hat sich angemeldet")
    page.locator("summary", has_text="Zum Programm hinzufügen").click()
    for at, title, kind in (("17:00", "Begrüßung durch den Oberbürgermeister", "welcome"),
                            ("17:20", "Impulsvortrag", "keynote"), ("18:00", "Podium der Prädikatsträger", "panel")):
        page.get_by_label("Uhrzeit").fill(at)
        page.get_by_label("Titel", exact=True).first.fill(title)
        page.get_by_label("Art", exact=True).first.select_option(kind)
        page.get_by_role("button", name="Zum Programm hinzufügen").click()
        page.wait_for_selector(f"text={title}")
        if page.locator("details[open] summary", has_text="Zum Programm hinzufügen").count() == 0:
            page.locator("summary", has_text="Zum Programm hinzufügen").click()
    event = Event.objects.get()

    links = []
    for name in ("Anna", "Ben", "Cem"):
        page.context.clear_cookies()
        page.goto(f"{live_server.url}/events/{event.pk}/")
        assert page.get_by_text("Podium der Prädikatsträger").count() == 1
        page.get_by_label("Name").fill(name)
        page.get_by_label("E-Mail-Adresse").fill(f"{name.lower()}@example.org")
        page.get_by_role("button", name="Anmelden").last.click()
        page.wait_for_selector("text=Bewahren Sie die Adresse")
        links.append(page.url)
    assert "Warteliste" in page.content()
    page.goto(links[1])
    page.get_by_role("button", name="Meine Anmeldung stornieren").click()
    page.wait_for_selector("text=storniert")
    assert Registration.objects.get(name="Cem").status == "confirmed"

    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("E-Mail-Adresse").fill("koordination@ruhr.test")
    page.get_by_label("Passwort").fill(PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    page.goto(f"{live_server.url}/network/e/{event.pk}/")
    page.get_by_role("button", name=re.compile(r"Einchecken\W+Cem")).click()
    page.wait_for_selector("text=2 bestätigt, 0 auf der Warteliste, 1 eingecheckt")
    page.screenshot(path=str(ARTIFACTS / "network-check-in.png"), full_page=True)
    assert Registration.objects.get(name="Cem").checked_in_at is not None
