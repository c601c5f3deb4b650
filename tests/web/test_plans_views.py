"""The plan pages as a browser client uses them: roles, forms, the yearly version with its changes, the
printed plan (its text read back) and the XLSX, the CSV import's problems."""

from __future__ import annotations

import io
from datetime import date

import openpyxl
import pytest

from paritas.web.plans.models import Measure, Plan, PlanVersion
from paritas.web.workforce.models import Snapshot
from tests.web.test_plans import _snapshot, _structure


@pytest.fixture
def snapshots(orgs):
    org = orgs["alpha"]["org"]
    Snapshot.objects.filter(organisation=org).delete()
    for year, women in ((2022, 60), (2023, 70), (2024, 84)):
        _snapshot(org, date(year, 12, 31), _structure(200, women, fte=180.0, women_fte=women * 0.85,
                                                      grades={"EG 12": (40, women // 8)}),
                  {"eu": {"mean_gap": 0.12 - (year - 2022) * 0.01}})
    return org


def _create(client, user):
    client.force_login(user)
    return client.post("/o/alpha/plans/", {"title": "Gleichstellungsplan", "kind": "equality_plan",
                                           "legal_basis": "lgg_nrw", "period_start": 2023, "period_end": 2027})


def test_roles_on_the_plan_pages(client, orgs, snapshots):
    assert _create(client, orgs["alpha"]["viewer"]).status_code == 403
    response = _create(client, orgs["alpha"]["analyst"])
    assert response.status_code == 302
    version = PlanVersion.objects.get()
    url = f"/o/alpha/plans/v/{version.pk}/"
    client.force_login(orgs["alpha"]["viewer"])
    page = client.get(url).content.decode()
    assert "Gleichstellungsplan" in page and "targets/new" not in page  # viewers read, do not edit
    assert client.get(f"{url}targets/new/").status_code == 403
    assert client.post(f"{url}action/", {"action": "submit"}).status_code == 403
    for action in ("snapshots", "library", "new_version", "statement", "approve"):
        assert client.post(f"{url}action/", {"action": action, "key": "mentoring", "snapshot": []}
                           ).status_code == 403, action
    version.refresh_from_db()
    assert version.snapshots.count() == 3 and not version.measures.exists()
    client.force_login(orgs["beta"]["owner"])
    assert client.get(url).status_code == 404
    assert client.get(f"/o/beta/plans/v/{version.pk}/").status_code == 404  # not beta's plan either


def test_from_a_new_plan_to_an_approved_second_version_with_its_pdf(client, orgs, snapshots):
    from pypdf import PdfReader

    _create(client, orgs["alpha"]["analyst"])
    version = PlanVersion.objects.get()
    url = f"/o/alpha/plans/v/{version.pk}/"
    assert client.post(f"{url}targets/new/", {"area": "leadership", "basis": "heads", "target": "50",
                                              "deadline": 2026, "interim_text": "2025: 45"}).status_code == 302
    assert client.post(f"{url}targets/new/", {"area": "pay_grade", "group": "", "basis": "heads", "target": "50",
                                              "deadline": 2026}).status_code == 200  # no group: the form says so
    assert client.post(f"{url}measures/new/", {"title": "Mentoring", "owner": "Personalamt", "status": "planned",
                                               "quantity": "12 Plätze", "budget": "25000"}).status_code == 302
    client.post(f"{url}action/", {"action": "library", "key": "leadership_coaching"})
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "on course" in page and "Coaching für weibliche Führungskräfte" in page and "12 Plätze" in page
    assert client.post(f"{url}action/", {"action": "submit"}).status_code == 302
    assert client.post(f"{url}action/", {"action": "approve", "board": "Rat"}).status_code == 403  # analyst
    client.force_login(orgs["alpha"]["owner"])
    client.post(f"{url}action/", {"action": "statement", "statement": "Die Gleichstellungsbeauftragte stimmt zu."})
    client.post(f"{url}action/", {"action": "approve", "board": "Rat der Stadt", "reference": "V/2023/12"})
    version.refresh_from_db()
    assert version.status == "approved" and version.board == "Rat der Stadt"
    response = client.post(f"{url}action/", {"action": "new_version"})
    second = PlanVersion.objects.get(number=2)
    assert response["Location"] == f"/o/alpha/plans/v/{second.pk}/"
    mentoring = second.measures.get(title="Mentoring")
    client.post(f"/o/alpha/plans/v/{second.pk}/measures/{mentoring.pk}/",
                {"title": "Mentoring", "owner": "Personalamt", "status": "in_progress", "quantity": "15 Plätze"})
    coaching = second.measures.get(library_key="leadership_coaching")
    client.post(f"/o/alpha/plans/v/{second.pk}/action/", {"action": "delete_measure", "measure": coaching.pk})
    client.post(f"/o/alpha/plans/v/{second.pk}/action/", {"action": "submit"})
    client.post(f"/o/alpha/plans/v/{second.pk}/action/", {"action": "approve", "board": "Rat der Stadt",
                                                           "reference": "V/2024/7"})
    second.refresh_from_db()
    assert second.status == "approved"
    page = client.get(f"/o/alpha/plans/v/{second.pk}/", HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert "Änderungen seit Fassung 1" in page and "15 Plätze" in page
    pdf = client.get(f"/o/alpha/plans/v/{second.pk}/plan.pdf?lang=de", follow=True)
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf.content)).pages)
    for expected in ("Gleichstellungsplan 2023–2027", "Fassung 2 für 2024", "Rat der Stadt", "V/2024/7",
                     "Strukturanalyse", "Führungspositionen", "Mentoring", "in Umsetzung", "Coaching",
                     "Änderungen seit Fassung 1", "15 Plätze", "auf Kurs", "entfernt"):
        assert expected in text, expected
    english = client.get(f"/o/alpha/plans/v/{second.pk}/plan.pdf?lang=en", follow=True)
    english_text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(english.content)).pages)
    assert "Version 2 for 2024" in english_text and "Changes since version 1" in english_text


def test_the_xlsx_of_targets_and_measures_has_no_formula(client, orgs, snapshots):
    _create(client, orgs["alpha"]["analyst"])
    version = PlanVersion.objects.get()
    url = f"/o/alpha/plans/v/{version.pk}/"
    client.post(f"{url}targets/new/", {"area": "leadership", "basis": "fte", "target": "50", "deadline": 2026})
    client.post(f"{url}measures/new/", {"title": "=HYPERLINK(\"http://x\")", "status": "planned"})
    response = client.get(f"{url}plan.xlsx?lang=sv")
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Mål", "Åtgärder"]
    cells = [c for ws in book.worksheets for row in ws.iter_rows() for c in row if c.value is not None]
    assert all(c.data_type != "f" for c in cells)
    assert any(c.value == "=HYPERLINK(\"http://x\")" for c in cells)
    assert any("heltidsekvivalenter" in str(c.value) for c in cells)


def test_the_csv_import_shows_every_problem_and_keeps_nothing(client, orgs, snapshots):
    from django.core.files.uploadedfile import SimpleUploadedFile

    _create(client, orgs["alpha"]["analyst"])
    version = PlanVersion.objects.get()
    content = "Maßnahme;Beginn;Mittel\nMentoring;01.13.2025;viel\n;;\nCoaching;;\n;2025-01-01;\n".encode()
    response = client.post(f"/o/alpha/plans/v/{version.pk}/import/",
                           {"file": SimpleUploadedFile("m.csv", content)}, HTTP_ACCEPT_LANGUAGE="de")
    assert response.status_code == 422
    page = response.content.decode()
    assert "nichts wurde eingelesen" in page and "Beginn" in page and "Mittel" in page
    assert Measure.objects.count() == 0
    good = "Maßnahme;Status\nMentoring;geplant\nCoaching;läuft\n".encode()
    response = client.post(f"/o/alpha/plans/v/{version.pk}/import/", {"file": SimpleUploadedFile("m.csv", good)})
    assert response.status_code == 302
    assert sorted(Measure.objects.values_list("title", "status")) == [("Coaching", "in_progress"),
                                                                      ("Mentoring", "planned")]


def test_ids_that_are_not_numbers_or_not_this_plans_give_404(client, orgs, snapshots):
    _create(client, orgs["alpha"]["analyst"])
    version = PlanVersion.objects.get()
    url = f"/o/alpha/plans/v/{version.pk}/action/"
    assert client.post(url, {"action": "delete_target", "target": "²"}).status_code == 404
    assert client.post(url, {"action": "delete_measure", "measure": "abc"}).status_code == 404
    assert client.post(url, {"action": "nonsense"}).status_code == 404
    assert Plan.objects.count() == 1


def test_the_api_reads_plans_and_analysts_write_targets_and_measures(client, orgs, snapshots):
    from paritas.web.accounts.models import ApiToken

    _create(client, orgs["alpha"]["analyst"])
    version = PlanVersion.objects.get()
    _t, viewer = ApiToken.issue(orgs["alpha"]["viewer"], "v")
    _t, analyst = ApiToken.issue(orgs["alpha"]["analyst"], "a")
    _t, stranger = ApiToken.issue(orgs["beta"]["owner"], "s")
    base = f"/api/organisations/alpha/plans/versions/{version.pk}"

    def post(path, body, key):
        return client.post(base + path, body, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {key}")

    assert post("/targets", {"area": "leadership", "target_percent": 50, "deadline": 2026}, viewer).status_code == 403
    assert post("/targets", {"area": "leadership", "target_percent": 50, "deadline": 2026}, stranger).status_code == 404
    made = post("/targets", {"area": "leadership", "target_percent": 50, "deadline": 2026}, analyst)
    assert made.status_code == 201 and made.json()["status"] == "on_course"
    bad = post("/measures", {"title": "Mentoring", "budget": -5, "status": "dropped"}, analyst)
    assert bad.status_code == 422
    assert {p["column"] for p in bad.json()["problems"]} == {"budget", "status_reason"}
    assert post("/measures", {"title": "Mentoring", "quantity": "12"}, analyst).status_code == 201
    read = client.get(base, HTTP_AUTHORIZATION=f"Bearer {viewer}").json()
    assert read["targets"][0]["latest"] == pytest.approx(0.42) and read["measures"][0]["title"] == "Mentoring"
    assert [p["title"] for p in client.get("/api/organisations/alpha/plans",
                                           HTTP_AUTHORIZATION=f"Bearer {viewer}").json()] == ["Gleichstellungsplan"]
    assert client.get(base, HTTP_AUTHORIZATION=f"Bearer {stranger}").status_code == 404


def test_the_dashboard_shows_the_plans_targets_beside_the_figures(client, orgs, snapshots):
    _create(client, orgs["alpha"]["analyst"])
    version = PlanVersion.objects.get()
    client.post(f"/o/alpha/plans/v/{version.pk}/targets/new/", {"area": "leadership", "basis": "heads",
                                                                "target": "50", "deadline": 2026})
    snapshot = Snapshot.objects.filter(organisation=orgs["alpha"]["org"]).order_by("-reference_date").first()
    client.force_login(orgs["alpha"]["viewer"])
    page = client.get(f"/o/alpha/s/{snapshot.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Targets of the plans" in page and "leadership positions" in page and "50.0" in page
    assert f"/o/alpha/plans/v/{version.pk}/" in page


def test_a_checklist_as_self_assessment_becomes_measures_and_prefills_the_application(client, orgs, snapshots):
    from datetime import timedelta

    from django.utils import timezone

    from paritas.web.awards import services as awards
    from paritas.web.awards.models import Answer, Round
    from paritas.web.plans import services as plans

    programme = awards.install_template("family_friendly", "familie")
    items = plans.checklist(programme)
    assert len(items) >= 4
    _create(client, orgs["alpha"]["analyst"])
    version = PlanVersion.objects.get()
    url = f"/o/alpha/plans/checklists/{programme.pk}/"
    assert "Selbsteinschätzung" in client.get("/o/alpha/plans/", HTTP_ACCEPT_LANGUAGE="de").content.decode()
    client.post(url, {"item": [items[0].pk, items[1].pk, "²"]})
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "2 items are ticked" in page and "Make it a measure" in page
    client.post(url, {"action": "measure", "question": items[2].pk, "version": version.pk})
    assert Measure.objects.get(version=version).title == items[2].text[:200]
    client.force_login(orgs["alpha"]["viewer"])
    assert client.post(url, {"item": [items[3].pk]}).status_code == 403
    client.force_login(orgs["beta"]["analyst"])  # beta cannot turn alpha's items into measures of alpha's plan
    client.post(url, {"action": "measure", "question": items[3].pk, "version": version.pk})
    assert Measure.objects.filter(version=version).count() == 1
    now = timezone.now()
    round_ = Round.objects.create(programme=programme, title="2027", opens_at=now - timedelta(days=1),
                                  closes_at=now + timedelta(days=30))
    orgs["alpha"]["org"].size = 400
    orgs["alpha"]["org"].save()
    application = awards.start_application(round_, orgs["alpha"]["org"])
    answers = dict(Answer.objects.filter(application=application).values_list("question_id", "value"))
    assert answers[items[0].pk] is True and answers[items[1].pk] is True and answers[items[2].pk] is False


def test_the_owner_of_a_measure_reports_its_indicator(client, orgs, snapshots):
    _create(client, orgs["alpha"]["analyst"])
    version = PlanVersion.objects.get()
    url = f"/o/alpha/plans/v/{version.pk}/measures/new/"
    client.post(url, {"title": "Quereinstieg", "status": "in_progress", "indicator": "besetzte Plätze"})
    measure = Measure.objects.get()
    edit = f"/o/alpha/plans/v/{version.pk}/measures/{measure.pk}/"
    assert client.post(edit, {"title": "Quereinstieg", "status": "in_progress", "indicator": "besetzte Plätze",
                              "reported_on": "2025-06-30"}).status_code == 200  # a date without a value
    client.post(edit, {"title": "Quereinstieg", "status": "in_progress", "indicator": "besetzte Plätze",
                       "reported_on": "2025-06-30", "reported_value": "24"})
    measure.refresh_from_db()
    assert measure.reported == [{"date": "2025-06-30", "value": 24.0}]
    page = client.get(f"/o/alpha/plans/v/{version.pk}/", HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert "besetzte Plätze: 24,0 (2025-06-30)" in page
