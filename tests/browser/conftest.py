"""Browser tests run a live server whose request threads hold their own database connections; on PostgreSQL
one can still be open when the session ends, and the test database could then not be dropped."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

CHROMIUM = Path(os.environ.get("PARITAS_CHROMIUM", "/usr/bin/chromium"))
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "browser"


@pytest.fixture(scope="session", autouse=True)
def _live_server_connections_closed(django_db_setup, django_db_blocker):
    yield
    from django.db import connection

    with django_db_blocker.unblock():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                               "WHERE datname = current_database() AND pid <> pg_backend_pid()")
        connection.close()


@pytest.fixture
def browser_page():
    """Debian's Chromium, headless, in German (the platform's default), through Playwright; no download."""
    if not CHROMIUM.exists():
        if os.environ.get("PARITAS_REQUIRE_BROWSER") == "1":
            raise RuntimeError(f"{CHROMIUM} is missing: install Debian's chromium package (apt-get install chromium)")
        pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
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


def skip_without_chromium() -> None:
    """At a browser test module's top: skip it where Debian's Chromium is missing, unless CI requires it."""
    if not CHROMIUM.exists():
        if os.environ.get("PARITAS_REQUIRE_BROWSER") == "1":
            raise RuntimeError(f"{CHROMIUM} is missing: install Debian's chromium package (apt-get install chromium)")
        pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium)", allow_module_level=True)


def sign_in(page, base_url: str, email: str, password: str, landing: str | None) -> None:
    """Sign in through the German sign-in page (as nobody else: the cookies are cleared first) and wait
    for ``landing`` (a path; None: wherever the sign-in leads)."""
    page.context.clear_cookies()
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label("E-Mail-Adresse").fill(email)
    page.get_by_label("Passwort").fill(password)
    page.get_by_role("button", name="Anmelden").click()
    if landing is None:
        page.wait_for_load_state()
    else:
        page.wait_for_url(f"{base_url}{landing}")
