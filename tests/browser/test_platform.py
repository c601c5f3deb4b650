"""The platform in a real browser: Debian's Chromium driven by Playwright (no browser download).

Sign in, upload a German CSV, accept it, see the dashboard, download the PDF, switch the language.
Screenshots are kept in test-artifacts/browser/. Without /usr/bin/chromium the test is skipped, unless
PARITAS_REQUIRE_BROWSER=1 (CI) makes a missing browser a failure.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

CHROMIUM = Path(os.environ.get("PARITAS_CHROMIUM", "/usr/bin/chromium"))
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "browser"
PASSWORD = "browser-test-password"

if not CHROMIUM.exists():
    if os.environ.get("PARITAS_REQUIRE_BROWSER") == "1":
        raise RuntimeError(f"{CHROMIUM} is missing: install Debian's chromium package (apt-get install chromium)")
    pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium)", allow_module_level=True)

# Playwright's sync API runs an event loop in this thread; the Django ORM calls here are plain test setup.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def browser_page():
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=[
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync"])
        context = browser.new_context(accept_downloads=True, locale="de-DE")
        page = context.new_page()
        yield page
        context.close()
        browser.close()


@pytest.fixture
def organisation(transactional_db):
    from paritas.web.accounts.models import User
    from paritas.web.organisations.models import Membership, Organisation

    org = Organisation.objects.create(slug="herne", name="Stadt Herne", type="municipality")
    user = User.objects.create_user("gleichstellung@herne.test", PASSWORD)
    Membership.objects.create(user=user, organisation=org, role="owner")
    return org


def _shot(page, name: str) -> None:
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def test_sign_in_upload_dashboard_pdf_and_language(live_server, browser_page, organisation, small_csv, tmp_path):
    page = browser_page
    page.goto(f"{live_server.url}/accounts/login/")
    _shot(page, "01-login")
    page.get_by_label("E-Mail-Adresse").fill("gleichstellung@herne.test")
    page.get_by_label("Passwort").fill(PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    page.wait_for_url(f"{live_server.url}/o/herne/")

    page.get_by_role("link", name="Personaldaten hochladen").first.click()
    page.get_by_label("Personaldaten-Export").set_input_files(str(small_csv))
    page.get_by_label("Stichtag").fill("2024-12-31")
    _shot(page, "02-upload")
    page.get_by_role("button", name="Datei prüfen").click()
    page.wait_for_selector("text=Wie die Spalten verstanden wurden")
    _shot(page, "03-preview")
    page.get_by_role("button", name="speichern").first.click()

    page.wait_for_selector("text=Die Verwaltung hat 400 Mitarbeitende")
    assert page.locator("figure svg").count() >= 2
    assert page.locator("figure table").count() == page.locator("figure").count()
    _shot(page, "04-dashboard")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="PDF-Bericht (DE)").click()
    pdf = tmp_path / "report.pdf"
    download_info.value.save_as(pdf)
    assert pdf.read_bytes().startswith(b"%PDF")

    page.get_by_label("Sprache").select_option("sv")
    page.get_by_role("button", name="Wechseln").click()
    page.wait_for_selector("html[lang=sv]")
    assert page.get_by_text("Personalstruktur").count() >= 1
    _shot(page, "05-svenska")

    # Keyboard: the skip link is the first thing Tab reaches and moves focus to the main content.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
