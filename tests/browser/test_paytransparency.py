"""The pay-transparency desk in a real browser: jobs scored in the job evaluation become a category of
equal value whose gap is flagged in the next pay report; the report is submitted, the six months pass, and
the joint pay assessment is written, approved and printed — its PDF read back (Debian's Chromium)."""

from __future__ import annotations

import os
from datetime import date

import pytest

from tests.browser.conftest import ARTIFACTS, sign_in, skip_without_chromium

PASSWORD = "browser-test-password"

skip_without_chromium()

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def _export(tmp_path, reference: date):
    """An export where women are educators and men caretakers, the men paid 15 % more: two jobs that the
    evaluation will find of equal value, so that their category's gap is flagged."""
    import polars as pl

    from paritas.analytics import io as hrio
    from paritas.analytics import synthetic

    frame = synthetic.generate(240, seed=3, style="de", reference_date=reference)
    frame = frame.with_columns(
        pl.when(pl.col("gender") == "f").then(pl.lit("Erzieher*in")).otherwise(pl.lit("Hausmeister*in"))
        .alias("job_title"),
        pl.when(pl.col("gender") == "m").then(pl.col("base_pay") * 1.15).otherwise(pl.col("base_pay"))
        .round(2).alias("base_pay"))
    path = synthetic.write(frame, tmp_path / f"personal-{reference.year}.csv", "csv", "de")
    return hrio.read(path, hrio.ReadOptions(reference_date=reference))


@pytest.fixture
def city(transactional_db, tmp_path):
    from paritas.web.accounts.models import User
    from paritas.web.organisations.models import Membership, Organisation
    from paritas.web.workforce import services

    org = Organisation.objects.create(slug="herne", name="Stadt Herne", type="municipality")
    user = User.objects.create_user("personal@herne.test", PASSWORD)
    Membership.objects.create(user=user, organisation=org, role="owner")
    services.create_snapshot(org, _export(tmp_path, date(2023, 12, 31)), user, "personal-2023.csv")
    return {"org": org, "user": user}


def _labelled(page) -> None:
    from tests.browser.test_platform import UNLABELLED

    assert page.evaluate(UNLABELLED) == [], page.url


def test_job_evaluation_to_a_flagged_category_to_an_approved_joint_assessment(live_server, browser_page, city,
                                                                            tmp_path):
    from pypdf import PdfReader

    from paritas.web.workforce import services

    page = browser_page
    sign_in(page, live_server.url, "personal@herne.test", PASSWORD, "/o/herne/")

    # The job evaluation: job titles from the snapshot, both jobs scored the same.
    page.get_by_role("link", name="Arbeitsbewertung").click()
    page.get_by_role("button", name="Stellenbezeichnungen aus dem letzten Datenstand übernehmen").click()
    for job in ("Erzieher*in", "Hausmeister*in"):
        page.get_by_role("link", name=job, exact=True).click()
        _labelled(page)
        for select in page.locator("main form select").all():
            select.select_option("3")
        page.get_by_role("button", name="Stufen speichern").click()
        page.wait_for_url(f"{live_server.url}/o/herne/jobs/")
    band = page.locator("table tbody tr").first.locator("td").nth(5).inner_text()
    assert band == "600–700"
    page.screenshot(path=str(ARTIFACTS / "paytransparency-01-jobs.png"), full_page=True)

    # The next export takes the band as its category of workers (an upload, as the upload page makes it).
    services.create_snapshot(city["org"], _export(tmp_path, date(2024, 12, 31)), city["user"], "personal-2024.csv")

    # The pay report flags the band; submitted in March 2025, its six months are over.
    page.get_by_role("link", name="Entgeltberichte").click()
    _labelled(page)
    page.get_by_label("Stichtag").select_option(index=1)  # the latest snapshot (0 is the empty choice)
    page.get_by_role("button", name="Bericht anlegen").click()
    page.wait_for_selector("text=Gruppen mit einer Lücke von 5 % oder mehr")
    assert page.get_by_role("heading", name="600–700").is_visible()
    page.get_by_label("der Überwachungsstelle übermittelt am").fill("2025-03-31")
    page.get_by_label("die Erläuterung des Arbeitgebers").fill("Die Zulage für Hausmeister wird geprüft.")
    page.get_by_role("button", name="Speichern").first.click()
    page.wait_for_selector("text=gemeinsame Entgeltbewertung fällig")
    _labelled(page)
    page.screenshot(path=str(ARTIFACTS / "paytransparency-02-report.png"), full_page=True)

    # The joint pay assessment, written, with a measure, approved by the owner, printed.
    page.get_by_role("button", name="Gemeinsame Entgeltbewertung beginnen").click()
    page.wait_for_selector("text=(a)–(c)")
    _labelled(page)
    page.get_by_label("beteiligte Arbeitnehmervertretung").fill("Personalrat")
    page.get_by_label("(d) Gründe für die Unterschiede, gemeinsam festgestellt").fill(
        "Die Hausmeisterzulage ist nicht durch die Tätigkeit begründet.")
    page.get_by_role("button", name="Speichern").click()
    page.wait_for_selector("text=Die Bewertung wurde gespeichert.")
    page.get_by_label("Maßnahme", exact=True).fill("Zulage für Erzieher*innen angleichen")
    page.get_by_label("Kosten").fill("36000")
    page.get_by_role("button", name="Maßnahme hinzufügen").click()
    page.wait_for_selector("text=Die Maßnahme wurde hinzugefügt.")
    page.get_by_role("button", name="Bewertung genehmigen").click()
    page.wait_for_selector("text=Die Bewertung wurde genehmigt.")
    page.screenshot(path=str(ARTIFACTS / "paytransparency-03-assessment.png"), full_page=True)
    with page.expect_download() as download:
        page.get_by_role("link", name="vollständig, Deutsch").click()
    path = tmp_path / "assessment.pdf"
    download.value.save_as(path)
    text = " ".join(p.extract_text() for p in PdfReader(path).pages)
    assert "Gemeinsame Entgeltbewertung" in text and "600–700" in text
    assert "Hausmeisterzulage" in text and "Zulage für Erzieher*innen angleichen" in text
