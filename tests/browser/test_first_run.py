"""A new user's first hour in a real browser, on a fresh ``paritas serve --demo`` started as the README does:
sign in, upload an export and accept it, see the dashboard, and read every PDF the pages offer — the report
(cover, contents, method notes, page numbers), the award certificate and the application — as text
(pdftotext, as a person would copy it)."""

from __future__ import annotations

import re
import shutil
import subprocess
import time
from datetime import date
from pathlib import Path

import pytest

from paritas.analytics import synthetic
from tests.browser.conftest import ARTIFACTS
from tests.browser.test_platform import _shot

pytestmark = pytest.mark.slow
PDFTOTEXT = shutil.which("pdftotext")


def _pdf_text(path: Path) -> list[str]:
    """The text of every page (pdftotext; pages are separated by form feeds)."""
    if PDFTOTEXT is None:
        from pypdf import PdfReader

        return [p.extract_text() or "" for p in PdfReader(path).pages]
    out = subprocess.run([PDFTOTEXT, str(path), "-"], capture_output=True, text=True, check=True).stdout
    return [page for page in out.split("\f") if page.strip()]


def _download(page, link_name: str, target: Path) -> Path:
    with page.expect_download() as info:
        page.get_by_role("link", name=link_name).first.click()
    info.value.save_as(str(target))
    return target


def test_a_new_user_uploads_on_a_fresh_demo_and_reads_every_pdf(demo_server, browser_page, tmp_path):
    base, _process, log = demo_server
    page = browser_page
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("E-Mail-Adresse").fill("owner@herne.example")
    page.get_by_label("Passwort").fill("paritas-demo")
    page.get_by_role("button", name="Anmelden").click()
    page.wait_for_url(f"{base}/o/herne/")
    _shot(page, "first-run-01-snapshots")
    assert page.locator("figure svg").count() >= 1  # the trend over six snapshots

    export = synthetic.write(synthetic.generate(700, seed=21, style="de", reference_date=date(2025, 12, 31)),
                             tmp_path / "personal-2025.csv", "csv", "de")
    page.get_by_role("link", name="Personaldaten hochladen").first.click()
    assert page.get_by_label("Stichtag").input_value() == f"{date.today().year - 1}-12-31"  # the default shows
    page.get_by_label("Personaldaten-Export").set_input_files(str(export))
    page.get_by_label("Stichtag").fill("2025-12-31")
    started = time.monotonic()
    page.get_by_role("button", name="Datei prüfen").click()
    page.wait_for_selector("text=Wie die Spalten verstanden wurden", timeout=30_000)
    _shot(page, "first-run-02-preview")
    assert "base_pay" not in page.content() and "Grundentgelt" in page.content()
    page.get_by_role("button", name="speichern").first.click()
    page.wait_for_selector("text=Die Verwaltung hat 700 Mitarbeitende", timeout=30_000)
    assert time.monotonic() - started < 30, log.read_text(errors="replace")[-2000:]
    _shot(page, "first-run-03-dashboard")

    report = _download(page, "PDF-Bericht (DE)", tmp_path / "report.pdf")
    pages = _pdf_text(report)
    cover = pages[0]
    assert "Stadt Herne (Demo)" in cover and "Stichtag 31. Dezember 2025" in cover
    assert "personal-2025.csv" in cover and "Inhalt" in cover and "Erstellt von" in cover
    text = " ".join(" ".join(pages).split())
    assert "Methode und Rechtsgrundlagen" in text and "Richtlinie (EU) 2023/970 Art. 9 Abs. 1 Buchst. b" in text
    for number, content in enumerate(pages, start=1):
        assert re.search(rf"Seite {number} von {len(pages)}\b", content), (number, content[-300:])

    page.goto(f"{base}/o/herne/awards/")
    _shot(page, "first-run-04-awards")
    certificate = _download(page, "Urkunde 2025–2027 (PDF)", tmp_path / "certificate.pdf")
    (sheet,) = _pdf_text(certificate)
    flat = " ".join(sheet.split())
    for expected in ("Stadt Herne (Demo)", "für die Jahre 2025–2027", "Essen, 15. Juli 2025", "Vorsitz der Jury"):
        assert expected in flat, (expected, flat)
    if "/documents/" in page.url:  # the job's page: it says the file is ready and leads back
        page.wait_for_selector("#job-ready:not([hidden])")
        assert "Das Dokument ist fertig" in page.content()
        page.get_by_role("link", name="Zurück zur Seite, von der Sie kamen").click()
        page.wait_for_url(f"{base}/o/herne/awards/")
    page.get_by_role("link", name="Prädikat Chancengleichheit").first.click()
    application = _download(page, "Die Bewerbung als PDF", tmp_path / "application.pdf")
    assert "Mentoring" in " ".join(_pdf_text(application))
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for pdf in (report, certificate, application):
        shutil.copy(pdf, ARTIFACTS / f"first-run-{pdf.name}")
