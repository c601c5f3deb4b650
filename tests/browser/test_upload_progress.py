"""An upload's progress in the browser, with a real job worker: the page waits for a worker, follows the
job's steps by itself (its small script asks for the job's state), and lands on the preview; accepting
goes through a second job to the dashboard; a bad file's problems appear as soon as the check has run."""

from __future__ import annotations

import os

from tests.browser.conftest import ARTIFACTS, sign_in, skip_without_chromium
from tests.browser.test_platform import PASSWORD, organisation  # noqa: F401 - Stadt Herne and its owner
from tests.support.workers import real_workers

skip_without_chromium()
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def test_the_upload_page_follows_its_job_to_the_preview_and_the_dashboard(live_server, browser_page, organisation,  # noqa: F811
                                                                          small_csv, settings, tmp_path):
    page = browser_page
    sign_in(page, live_server.url, "gleichstellung@herne.test", PASSWORD, "/o/herne/")
    with real_workers(settings) as workers:
        page.goto(f"{live_server.url}/o/herne/upload/")
        page.get_by_label("Personaldaten-Export").set_input_files(str(small_csv))
        page.get_by_label("Stichtag").fill("2024-12-31")
        page.get_by_role("button", name="Datei prüfen").click()
        page.wait_for_url("**/upload/job/**")
        page.wait_for_selector("text=Wartet auf einen Worker")  # no worker yet
        assert page.locator("ol.steps li").all_inner_texts() == [
            "Datei wird gelesen", "Zeilen werden geprüft", "Wird gespeichert"]
        page.screenshot(path=str(ARTIFACTS / "upload-01-waiting.png"), full_page=True)
        workers.start()
        page.wait_for_selector("text=Wie die Spalten verstanden wurden", timeout=60_000)  # by itself
        page.get_by_role("button", name="speichern").first.click()
        page.wait_for_selector("text=Die Verwaltung hat 400 Mitarbeitende", timeout=60_000)
        assert "/o/herne/s/" in page.url

        bad = tmp_path / "bad.csv"
        bad.write_bytes("Personalnummer;Geschlecht;Grundentgelt\n1;w;-5\n2;q;30000\n".encode("cp1252"))
        page.goto(f"{live_server.url}/o/herne/upload/")
        page.get_by_label("Personaldaten-Export").set_input_files(str(bad))
        page.get_by_role("button", name="Datei prüfen").click()
        page.wait_for_selector("section.problems table", timeout=60_000)
        rows = page.locator("section.problems tbody tr").all_inner_texts()
        assert any(r.startswith("2\t") for r in rows) and any(r.startswith("3\t") for r in rows)
        page.screenshot(path=str(ARTIFACTS / "upload-02-problems.png"), full_page=True)
