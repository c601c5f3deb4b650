"""A funded project in a real browser: from a new project over its organisation, target group, participant
and an activity's hours to the month's report to the funder, the outcome page and the final report's text
read back (Debian's Chromium, Playwright)."""

from __future__ import annotations

import io
import os
from datetime import date
from pathlib import Path

import pytest

from tests.browser.conftest import ARTIFACTS, sign_in, skip_without_chromium

PASSWORD = "browser-test-password"

skip_without_chromium()

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def owner(transactional_db):
    from paritas.web.accounts.models import User
    from paritas.web.organisations.models import Membership, Organisation

    org = Organisation.objects.create(slug="lst", name="Landesstelle Gleichstellung", type="municipality")
    Organisation.objects.create(slug="hedemora", name="Gemeinde Hedemora", type="municipality")
    user = User.objects.create_user("projekt@lst.test", PASSWORD)
    Membership.objects.create(user=user, organisation=org, role="owner")
    return user


def _labelled(page) -> None:
    from tests.browser.test_platform import UNLABELLED

    assert page.evaluate(UNLABELLED) == [], page.url


def test_a_new_project_to_its_final_report(live_server, browser_page, owner, tmp_path):
    from pypdf import PdfReader

    page = browser_page
    year = date.today().year - 1
    sign_in(page, live_server.url, "projekt@lst.test", PASSWORD, "/o/lst/")
    page.get_by_role("link", name="Projekte").click()
    page.get_by_role("link", name="Neues Projekt").click()
    _labelled(page)
    page.get_by_label("Name", exact=True).fill("Gleichstellung die ganze Zeit")
    page.get_by_label("Programm").select_option("national")
    page.get_by_label("Beginn").fill(f"{year}-01-01")
    page.get_by_label("Ende").fill(f"{year}-12-31")
    page.get_by_label("Währung").select_option("EUR")
    page.get_by_label("Sprache der Meldungen an den Fördergeber").select_option("de")
    page.get_by_role("button", name="Projekt anlegen").click()
    page.wait_for_selector("text=Das Projekt wurde angelegt")
    _labelled(page)

    page.locator("#id_group-name").fill("Führungskräfte")
    page.locator("section[aria-labelledby=target_group]").get_by_role("button", name="Hinzufügen").click()
    page.wait_for_selector("text=Führungskräfte (0 Teilnehmende)")
    page.get_by_text("Organisation hinzufügen", exact=True).click()
    page.locator("#id_partner-organisation_name").fill("Gemeinde Hedemora")
    page.locator("section[aria-labelledby=partner]").get_by_role("button", name="Hinzufügen").click()
    page.wait_for_selector("text=Gemeinde Hedemora ist jetzt im Projekt.")
    page.get_by_role("link", name="Gemeinde Hedemora").click()
    _labelled(page)
    page.get_by_label("Wert einer Stunde").select_option("hourly")
    page.get_by_label("Kosten je Stunde").fill("40")
    page.get_by_role("button", name="Speichern").click()
    page.wait_for_selector("text=Gespeichert.")
    page.get_by_text("Geplanten Betrag hinzufügen", exact=True).click()
    page.locator("#id_budget-source").select_option("in_kind")
    page.locator("#id_budget-partner").select_option(label="Gemeinde Hedemora")
    page.locator("#id_budget-amount").fill("1000")
    page.locator("section[aria-labelledby=budget]").get_by_role("button", name="Hinzufügen").first.click()
    page.wait_for_selector("text=Hinzugefügt.")

    page.get_by_role("link", name="Teilnehmende", exact=True).click()
    page.get_by_text("Teilnehmende:n hinzufügen", exact=True).click()
    _labelled(page)
    page.locator("#id_person-name").fill("Ingrid Holm")
    page.locator("#id_person-partner").select_option(label="Gemeinde Hedemora")
    page.locator("#id_person-target_group").select_option(label="Führungskräfte")
    page.locator("#id_person-gender").select_option("f")
    page.get_by_role("button", name="Hinzufügen").click()
    page.wait_for_selector("text=Ingrid Holm wurde hinzugefügt.")

    page.get_by_role("link", name="Aktivitäten").click()
    page.get_by_text("Neue Aktivität", exact=True).click()
    page.get_by_label("Titel").fill("Workshop Vollzeit")
    page.get_by_label("Art").select_option("workshop")
    page.get_by_label("erster Tag").fill(f"{year}-03-10")
    page.get_by_label("letzter Tag").fill(f"{year}-03-10")
    page.get_by_role("button", name="Aktivität hinzufügen").click()
    page.wait_for_selector("text=Die Aktivität wurde hinzugefügt.")
    _labelled(page)
    page.get_by_label("Ingrid Holm").fill("6")
    page.get_by_role("button", name="Stunden speichern").click()
    page.wait_for_selector(f"text=Die Stunden vom {year}-03-10 wurden gespeichert.")

    page.get_by_role("link", name="Monatsmeldungen").click()
    page.locator(f"form:has(input[name=month][value='{year}-03'])").get_by_role("button").click()
    page.wait_for_selector(f"text=Die Meldung für {year}-03 wurde erstellt.")
    with page.expect_download() as download:
        page.get_by_role("link", name="Version 1").first.click()
    import openpyxl

    sheet = openpyxl.load_workbook(io.BytesIO(Path(download.value.path()).read_bytes())).active
    values = [c for row in sheet.iter_rows(values_only=True) for c in row if c is not None]
    assert "Teilnehmendenmeldung 2026-03".replace("2026", str(year)) in values and "Ingrid Holm" in values
    assert 240 in values  # 6 h × 40 €

    page.get_by_role("link", name="Ergebnisse").click()
    page.wait_for_selector("text=Teilnehmende nach Jahr und Geschlecht")
    _labelled(page)
    page.screenshot(path=str(ARTIFACTS / "project-outcome.png"), full_page=True)
    with page.expect_download() as download:
        page.get_by_role("link", name="Deutsch").click()
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(Path(download.value.path()).read_bytes())).pages)
    assert "Gleichstellung die ganze Zeit" in text and "Gemeinde Hedemora" in text and "240,00" in text
