"""An equality plan in a real browser: from a new plan over its first approved version to an approved
second version with what changed, and the printed plan's text read back (Debian's Chromium, Playwright)."""

from __future__ import annotations

import os
import re
from datetime import date

import pytest

from tests.browser.conftest import ARTIFACTS, sign_in, skip_without_chromium

PASSWORD = "browser-test-password"

skip_without_chromium()

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def city(transactional_db, small_csv):
    from paritas.analytics import io as hrio
    from paritas.web.accounts.models import User
    from paritas.web.organisations.models import Membership, Organisation
    from paritas.web.workforce import services

    org = Organisation.objects.create(slug="herne", name="Stadt Herne", type="municipality")
    user = User.objects.create_user("gleichstellung@herne.test", PASSWORD)
    Membership.objects.create(user=user, organisation=org, role="owner")
    services.create_snapshot(org, hrio.read(small_csv, hrio.ReadOptions(reference_date=date(2024, 12, 31))), user,
                             "personal.csv")
    return org


def _labelled(page) -> None:
    from tests.browser.test_platform import UNLABELLED

    assert page.evaluate(UNLABELLED) == [], page.url


def test_a_new_plan_to_an_approved_second_version_with_its_printed_text(live_server, browser_page, city, tmp_path):
    from pypdf import PdfReader

    page = browser_page
    sign_in(page, live_server.url, "gleichstellung@herne.test", PASSWORD, "/o/herne/")
    page.get_by_role("link", name="Pläne").click()
    _labelled(page)
    page.get_by_label("Titel").fill("Gleichstellungsplan")
    page.get_by_label("Erstes Jahr").fill("2024")
    page.get_by_label("Letztes Jahr").fill("2028")
    page.get_by_role("button", name="Plan anlegen").click()
    page.wait_for_selector("text=Strukturanalyse")
    _labelled(page)

    page.get_by_role("link", name="Ziel hinzufügen").click()
    page.get_by_label("Bereich").select_option("leadership")
    page.get_by_label("Ziel (%)").fill("50")
    page.get_by_label("Bis Ende").fill("2028")
    page.get_by_role("button", name="Speichern").click()
    page.wait_for_selector("text=Ziele und ihr Fortschritt")
    page.get_by_text("Aus der Maßnahmenbibliothek wählen").click()
    page.get_by_label("Maßnahme", exact=True).select_option("mentoring")
    page.get_by_role("button", name="Zum Plan hinzufügen").click()
    page.wait_for_selector("text=Mentoring-Programm für Frauen")
    page.get_by_role("button", name="Dem Gremium vorlegen").click()
    page.wait_for_selector("text=Beschluss eintragen")
    page.get_by_label("Gremium").fill("Rat der Stadt Herne")
    page.get_by_label("Beschlussnummer").fill("V/2024/1")
    page.get_by_role("button", name="Beschluss eintragen").click()
    page.wait_for_selector("text=beschlossen von Rat der Stadt Herne")
    page.screenshot(path=str(ARTIFACTS / "plan-01-approved.png"), full_page=True)

    page.get_by_role("button", name="Fortschreibung für das nächste Jahr beginnen").click()
    page.wait_for_selector("text=Fassung 2 für 2025")
    page.get_by_role("link", name=re.compile(r"Bearbeiten\W+Mentoring-Programm für Frauen")).click()
    page.get_by_label("Umfang").fill("20 Tandems im Jahr")
    page.get_by_label("Status").select_option("in_progress")
    page.get_by_role("button", name="Speichern").click()
    page.wait_for_selector("text=Änderungen seit Fassung 1")
    page.get_by_role("button", name="Dem Gremium vorlegen").click()
    page.get_by_label("Gremium").fill("Rat der Stadt Herne")
    page.get_by_label("Beschlussnummer").fill("V/2025/7")
    page.get_by_role("button", name="Beschluss eintragen").click()
    page.wait_for_selector("text=V/2025/7")
    _labelled(page)
    page.screenshot(path=str(ARTIFACTS / "plan-02-second-version.png"), full_page=True)

    with page.expect_download() as download:
        page.get_by_role("link", name="PDF (DE)").click()
    pdf = tmp_path / "plan.pdf"
    download.value.save_as(pdf)
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(str(pdf)).pages)
    for expected in ("Gleichstellungsplan 2024–2028", "Fassung 2 für 2025", "Rat der Stadt Herne", "V/2025/7",
                     "Strukturanalyse", "Ziele und ihr Fortschritt", "Mentoring-Programm für Frauen",
                     "20 Tandems im Jahr", "Änderungen seit Fassung 1", "in Umsetzung"):
        assert expected in text, expected
