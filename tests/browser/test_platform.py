"""The platform in a real browser: Debian's Chromium driven by Playwright (no browser download).

Sign in, upload a German CSV, accept it, see the dashboard, download the PDF, switch the language.
Screenshots are kept in test-artifacts/browser/. Without /usr/bin/chromium the test is skipped, unless
PARITAS_REQUIRE_BROWSER=1 (CI) makes a missing browser a failure.
"""

from __future__ import annotations

import os

import pytest

from tests.browser.conftest import ARTIFACTS, CHROMIUM

PASSWORD = "browser-test-password"

if not CHROMIUM.exists():
    if os.environ.get("PARITAS_REQUIRE_BROWSER") == "1":
        raise RuntimeError(f"{CHROMIUM} is missing: install Debian's chromium package (apt-get install chromium)")
    pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium)", allow_module_level=True)

# Playwright's sync API runs an event loop in this thread; the Django ORM calls here are plain test setup.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


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


# ------------------------------------------------------------------------------------------------------
# An award round from the call to the public register, by its four kinds of user in their own browsers.


@pytest.fixture
def award_people(transactional_db, small_csv):
    from datetime import date

    from paritas.analytics import io as hrio
    from paritas.web.accounts.models import User
    from paritas.web.organisations.models import Membership, Organisation
    from paritas.web.workforce import services

    org = Organisation.objects.create(slug="herne", name="Stadt Herne", type="municipality", size=400)
    owner = User.objects.create_user("gleichstellung@herne.test", PASSWORD)
    Membership.objects.create(user=owner, organisation=org, role="owner")
    workforce = hrio.read(small_csv, hrio.ReadOptions(reference_date=date(2024, 12, 31)))
    services.create_snapshot(org, workforce, owner, "personal.csv")
    from paritas.web.accounts import totp

    User.objects.create_user("vorsitz@jury.test", PASSWORD, is_staff=True, totp_secret=totp.store(CHAIR_SECRET))
    for name in ("jana", "jonas"):
        User.objects.create_user(f"{name}@jury.test", PASSWORD)
    return org


#: The chair is platform staff, who sign in with a second factor (issue 13).
CHAIR_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def _sign_in(page, base: str, email: str) -> None:
    import pyotp

    page.context.clear_cookies()
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("E-Mail-Adresse").fill(email)
    page.get_by_label("Passwort").fill(PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    page.wait_for_load_state()
    if "/accounts/login/code/" in page.url:
        page.get_by_label("Sechsstelliger Code", exact=False).fill(pyotp.TOTP(CHAIR_SECRET).now())
        page.get_by_role("button", name="Bestätigen").click()
        page.wait_for_load_state()


UNLABELLED = """() => [...document.querySelectorAll('input, select, textarea, button')]
    .filter(el => el.type !== 'hidden')
    .filter(el => !(el.labels && el.labels.length) && !el.getAttribute('aria-label')
                  && !el.getAttribute('aria-labelledby') && !(el.tagName === 'BUTTON' && el.textContent.trim()))
    .map(el => el.outerHTML.slice(0, 120))"""


def _labelled(page) -> None:
    """WCAG 2.1 (1.3.1, 4.1.2): every control on the page has an accessible name."""
    assert page.evaluate(UNLABELLED) == [], page.url


def _wait_saved(page, fields: str) -> None:
    """Until every autosaved field matching ``fields`` says it was saved; else fail with what they say."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    statuses = f"""[...document.querySelectorAll('fieldset[data-autosave] .save-status')]
        .filter(p => p.closest('fieldset').querySelector('{fields}'))"""
    try:
        page.wait_for_function(f"() => {statuses}.every(p => p.textContent.startsWith('Gespeichert'))", timeout=60_000)
    except PlaywrightTimeout:
        raise AssertionError(page.evaluate(f"() => {statuses}.map(p => p.textContent)")) from None


def test_an_award_round_from_call_to_register(live_server, browser_page, award_people, tmp_path):
    from datetime import timedelta
    from zoneinfo import ZoneInfo

    from django.utils import timezone

    page, base = browser_page, live_server.url
    berlin = timezone.now().astimezone(ZoneInfo("Europe/Berlin"))

    # The chair sets up the programme from the template and opens a call.
    _sign_in(page, base, "vorsitz@jury.test")
    page.goto(f"{base}/programmes/")
    page.get_by_label("Vorlage").select_option("equal_opportunity")
    page.get_by_label("Name", exact=True).fill("Prädikat Chancengleichheit")
    page.get_by_label("Kurzname in Adressen").fill("praedikat")
    page.get_by_role("button", name="Anlegen").click()
    page.wait_for_url(f"{base}/programmes/praedikat/")
    page.get_by_text("Neue Runde (Ausschreibung)").click()
    page.get_by_label("Titel", exact=True).fill("2027")
    page.get_by_label("Beginnt (Datum und Uhrzeit)").fill((berlin - timedelta(days=1)).strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("Endet (Datum und Uhrzeit)").fill((berlin + timedelta(days=30)).strftime("%Y-%m-%dT%H:%M"))
    page.get_by_role("button", name="Runde anlegen").click()
    page.wait_for_selector("text=Die Runde wurde angelegt.")
    round_url = page.url
    for email in ("jana@jury.test", "jonas@jury.test"):
        page.get_by_label("E-Mail-Adresse des Jurymitglieds").fill(email)
        page.get_by_role("button", name="In die Jury aufnehmen").click()
        page.wait_for_selector(f"text=({email})")
    _labelled(page)
    _shot(page, "10-round")

    # The equality officer applies: snapshot figures, answers autosaved field by field, submission.
    _sign_in(page, base, "gleichstellung@herne.test")
    page.goto(f"{base}/o/herne/awards/")
    page.get_by_role("button", name="Bewerbung beginnen").click()
    page.get_by_role("button", name="Übernehmen").click()
    page.wait_for_selector("text=3 Zahlen wurden übernommen")
    page.wait_for_selector("html[data-autosave=ready]", state="attached")  # the script listens from here on
    for i, box in enumerate(page.locator("fieldset[data-autosave] textarea").all()):
        box.fill(f"Maßnahme {i + 1}: Mentoring, Führung in Teilzeit, Gleichstellungsplan.")
        box.press("Tab")
    for radio in page.get_by_label("ja", exact=True).all():
        radio.check()
    _wait_saved(page, "textarea, input[type=radio]")
    page.get_by_text("Alle Pflichtfragen sind beantwortet.").wait_for(state="visible")  # the list followed
    assert page.locator("#missing").is_hidden()
    _labelled(page)
    _shot(page, "11-application")
    page.reload()
    assert page.get_by_text("Alle Pflichtfragen sind beantwortet.").is_visible()  # nothing was lost
    page.get_by_role("button", name="Bewerbung einreichen").click()
    page.wait_for_selector("text=Bewerbung einreichen?")
    page.get_by_role("button", name="Ja, jetzt einreichen").click()
    page.wait_for_selector("text=Die Bewerbung wurde eingereicht.")
    assert page.locator("fieldset[data-autosave]").count() == 0

    # The chair assigns the jury, balanced.
    _sign_in(page, base, "vorsitz@jury.test")
    page.goto(round_url)
    page.get_by_role("button", name="Ausgewogen zuordnen").click()
    page.wait_for_selector("text=2 Zuordnungen wurden vorgenommen.")

    # Each juror scores blind and submits.
    for email, score in (("jana@jury.test", "4"), ("jonas@jury.test", "3")):
        _sign_in(page, base, email)
        page.goto(f"{base}/jury/")
        page.get_by_role("link", name="Stadt Herne").click()
        page.wait_for_selector("html[data-autosave=ready]", state="attached")
        assert page.get_by_text("Maßnahme 1: Mentoring").count() >= 1
        for select in page.locator("fieldset[data-autosave] select").all():
            select.select_option(score)
        page.locator("fieldset[data-autosave] textarea").first.fill(f"Überzeugend ({email}).")
        page.locator("fieldset[data-autosave] textarea").first.press("Tab")
        _wait_saved(page, "select, textarea")
        _labelled(page)
        _shot(page, f"12-review-{email.split('@')[0]}")
        page.get_by_role("button", name="Meine Bewertung einreichen").click()
        page.wait_for_selector("text=Ihre Bewertung wurde eingereicht")

    # The round closes (decisions are recorded only then); the jury meeting ranks, the chair decides and
    # approves the drafted statement.
    from django.utils import timezone

    from paritas.web.awards.models import Round

    Round.objects.filter(title="2027").update(closes_at=timezone.now() - timedelta(minutes=1))
    _sign_in(page, base, "vorsitz@jury.test")
    page.goto(round_url + "meeting/")
    row = page.locator("table.meeting tbody tr").first
    assert row.locator("td").first.inner_text() == "1" and "70 %" in row.inner_text()  # (80 % + 60 %) / 2
    _labelled(page)
    _shot(page, "13-meeting")
    row.get_by_role("link", name="Stadt Herne").click()
    page.get_by_role("combobox", name="Entscheidung").select_option("award")
    page.get_by_role("textbox", name="Begründung", exact=True).fill("Vorbildliche Vereinbarkeit von Beruf und Familie.")
    page.get_by_role("button", name="Entscheidung festhalten").click()
    page.wait_for_selector("text=Die Entscheidung wurde festgehalten.")
    statement = page.get_by_role("textbox", name="Jurybegründung").input_value()
    assert "erste Auszeichnung" in statement and "Überzeugend" in statement
    page.get_by_role("button", name="Begründung freigeben").click()
    page.wait_for_selector("text=Die Jurybegründung wurde freigegeben.")
    _labelled(page)
    _shot(page, "14-decision")

    # The organisation downloads its certificate; the public register lists it.
    _sign_in(page, base, "gleichstellung@herne.test")
    page.goto(f"{base}/o/herne/awards/")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="PDF").click()
    pdf = tmp_path / "urkunde.pdf"
    download_info.value.save_as(pdf)
    assert pdf.read_bytes().startswith(b"%PDF")
    page.context.clear_cookies()
    page.goto(f"{base}/register/")
    assert page.locator("table.data tbody tr", has_text="Stadt Herne").count() == 1
    _labelled(page)
    _shot(page, "15-register")
    page.goto(f"{base}/programmes/praedikat/catalogue/")
    _sign_in(page, base, "vorsitz@jury.test")
    page.goto(f"{base}/programmes/praedikat/catalogue/")
    page.locator("details summary").first.click()
    _labelled(page)
    page.goto(f"{base}/programmes/praedikat/")
    _labelled(page)
