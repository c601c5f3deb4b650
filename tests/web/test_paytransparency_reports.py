"""The art. 9 pay report, its flagged categories and the six-month clock of art. 10(1), the joint pay
assessment with its art. 10(2) content, the workers' and the full version, and the files for the
monitoring body."""

from __future__ import annotations

import json
from datetime import date

import pytest

from paritas.web.paytransparency.models import FlaggedCategory, JointAssessment, PayReport
from paritas.web.paytransparency.services import reports

from .test_paytransparency_desk import desk  # noqa: F401  (the fixture)

#: A flagged category too small to publish: its gap reaches the snapshot's restricted part only
#: (paritas.analytics.paygap.eu.CategoryGap.withheld); set by hand so that the web layer's handling of it is
#: tested whatever the generated export holds.
SMALL = {"category": "Leitung", "women": None, "men": None, "mean_gap": None, "median_gap": None, "flag": True,
         "suppressed": True, "withheld": True, "basic": {"mean_gap": None, "median_gap": None},
         "variable": {"mean_gap": None, "median_gap": None}, "pay": {}}
SMALL_FIGURES = {"category": "Leitung", "women": 2, "men": 6, "mean_women": 44.0, "mean_men": 50.0,
                 "median_women": 44.0, "median_men": 50.0, "mean_gap": 0.12, "median_gap": 0.12, "suppressed": False}


@pytest.fixture
def report(client, orgs):
    alpha = orgs["alpha"]
    snapshot = alpha["snapshot"]
    snapshot.paygap["eu"]["categories"].append(SMALL)
    snapshot.assessment = {"assessment": [SMALL_FIGURES]}
    snapshot.save()
    client.force_login(alpha["analyst"])
    response = client.post("/o/alpha/pay-reports/", {"snapshot": snapshot.pk})
    assert response.status_code == 302
    return PayReport.objects.get(snapshot=snapshot)


def test_a_report_takes_every_flagged_category_with_its_figures(client, orgs, report):
    eu = orgs["alpha"]["snapshot"].paygap["eu"]
    flagged = {f.category: f for f in report.flagged.all()}
    expected = {c["category"] for c in eu["categories"] if c["flag"]}
    assert set(flagged) == expected and "Leitung" in expected and "Mittlerer Dienst" in expected
    middle = next(c for c in eu["categories"] if c["category"] == "Mittlerer Dienst")
    assert flagged["Mittlerer Dienst"].mean_gap == pytest.approx(middle["mean_gap"]) and middle["mean_gap"] >= 0.05
    assert (flagged["Leitung"].women, flagged["Leitung"].men, flagged["Leitung"].withheld) == (2, 6, True)
    assert flagged["Leitung"].mean_gap == pytest.approx(0.12)
    # A snapshot is reported once.
    assert client.post("/o/alpha/pay-reports/", {"snapshot": report.snapshot.pk}).status_code == 400
    assert PayReport.objects.count() == 1


def test_the_six_month_clock(client, orgs, report):
    assert reports.clock(report).deadline is None  # not yet submitted
    response = client.post(f"/o/alpha/pay-reports/{report.pk}/", {
        "action": "texts", "explanation": "Mostly seniority.", "submitted_on": "2025-08-31"})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.remedy_deadline == date(2026, 2, 28)  # six months, to the month's last day
    assert not reports.clock(report, date(2026, 2, 28)).assessment_due  # the last day still counts
    assert reports.clock(report, date(2026, 3, 1)).assessment_due
    assert reports.clock(report, date(2026, 2, 1)).days_left == 27
    middle = report.flagged.get(category="Mittlerer Dienst")
    small = report.flagged.get(category="Leitung")
    # A justification needs its criteria; then the category no longer counts.
    post = {"action": "decide", "flagged": middle.pk, "outcome": "justified", "justification": "",
            "decided_on": "2025-10-01"}
    assert client.post(f"/o/alpha/pay-reports/{report.pk}/", post).status_code == 400
    post["justification"] = "Years of service in the pay scale (TVöD § 16), the same for women and men."
    assert client.post(f"/o/alpha/pay-reports/{report.pk}/", post).status_code == 302
    # A remedy after the six months does not count; within them it does.
    late = {"action": "decide", "flagged": small.pk, "outcome": "remedied", "justification": "Raised.",
            "decided_on": "2026-03-15"}
    client.post(f"/o/alpha/pay-reports/{report.pk}/", late)
    assert reports.clock(report, date(2026, 3, 16)).assessment_due
    client.post(f"/o/alpha/pay-reports/{report.pk}/", {**late, "decided_on": "2026-01-15"})
    assert not reports.clock(report, date(2026, 3, 16)).assessment_due
    assert FlaggedCategory.objects.get(pk=small.pk).decided_by == orgs["alpha"]["analyst"]
    # Nothing in the future; nothing submitted before its reference date.
    assert client.post(f"/o/alpha/pay-reports/{report.pk}/", {**late, "decided_on": "2099-01-01"}).status_code == 400
    assert client.post(f"/o/alpha/pay-reports/{report.pk}/", {
        "action": "texts", "explanation": "", "submitted_on": "2020-01-01"}).status_code == 400


def test_the_files_for_the_monitoring_body_carry_only_published_figures(client, orgs, report):
    client.post(f"/o/alpha/pay-reports/{report.pk}/", {
        "action": "texts", "explanation": "=HYPERLINK(\"http://x\")", "submitted_on": "2025-08-31"})
    data = json.loads(client.get(f"/o/alpha/pay-reports/{report.pk}/art9.json").content)
    eu = orgs["alpha"]["snapshot"].paygap["eu"]
    assert data["schema"] == "paritas.art9/1" and data["indicators"]["a_mean_gap"] == pytest.approx(eu["mean_gap"])
    assert data["workers"] == 400 and data["reporting_cycle_years"] == 1 and data["submitted_on"] == "2025-08-31"
    small = next(c for c in data["indicators"]["g_categories"] if c["category"] == "Leitung")
    assert small["mean_gap"] is None and small["women"] is None  # withheld stays withheld
    assert "0.12" not in json.dumps(data)
    text = client.get(f"/o/alpha/pay-reports/{report.pk}/art9.csv").content.decode("utf-8-sig")
    assert "'=HYPERLINK" in text and "\n=HYPERLINK" not in text and ",=HYPERLINK" not in text
    assert "0.12" not in text
    quartile = eu["quartiles"][0]
    assert f"f_quartiles,,1,women_share,{quartile['women']!r}" in text.replace("\r\n", "\n")
    document = client.get(f"/o/alpha/pay-reports/{report.pk}/art9.pdf", follow=True)
    assert document.status_code == 200 and document.content.startswith(b"%PDF")
    from io import BytesIO

    from pypdf import PdfReader

    printed = " ".join(p.extract_text() for p in PdfReader(BytesIO(document.content)).pages)
    assert "HYPERLINK" in printed and "Leitung" in printed and "12,0" not in printed


def test_the_joint_assessment_from_start_to_the_pdf_workers_see(client, orgs, report, desk):  # noqa: F811
    from paritas.web.plans.models import Measure, Plan, PlanVersion

    alpha = orgs["alpha"]
    client.force_login(alpha["analyst"])
    url = f"/o/alpha/pay-reports/{report.pk}/"
    client.post(url, {"action": "start"})
    assert not JointAssessment.objects.exists()  # not before the report is submitted
    client.post(url, {"action": "texts", "explanation": "", "submitted_on": "2025-08-31"})
    assert client.post(url, {"action": "start"}).status_code == 302
    assessment = JointAssessment.objects.get(report=report)
    page = f"{url}assessment/"
    bad = {"action": "content", "representatives": "Personalrat", "reasons": "", "leave_women": "4",
           "leave_women_improved": "5", "leave_men": "", "leave_men_improved": "", "evaluation": ""}
    assert client.post(page, bad).status_code == 400
    good = {**bad, "leave_women_improved": "3", "leave_men": "2", "leave_men_improved": "2",
            "reasons": "Leitung: two women promoted recently start at the lowest step."}
    assert client.post(page, good).status_code == 302
    assessment.refresh_from_db()
    assert reports.leave_shares(assessment) == (0.75, 1.0)
    assert client.post(page, {"action": "remedy", "category": "Leitung", "description": "Step-up for recent promotions",
                              "cost": "12000", "deadline": "2026-06-30"}).status_code == 302
    remedy = assessment.remedies.get()
    # Into an equality plan's editable version.
    plan = Plan.objects.create(organisation=alpha["org"], title="Gleichstellungsplan", kind="equality_plan",
                               legal_basis="lgg_nrw", period_start=2025, period_end=2029)
    version = PlanVersion.objects.create(plan=plan, number=1, year=2025)
    assert client.post(page, {"action": "plan", "remedy": remedy.pk, "version": version.pk}).status_code == 302
    measure = Measure.objects.get(version=version)
    assert measure.title == "Step-up for recent promotions" and measure.budget == 12000
    # The representative adds a statement while it is written; the worker does not see it yet.
    client.force_login(desk["representative"])
    rep_page = f"/o/alpha/my-pay/assessments/{assessment.pk}/"
    full = client.get(rep_page).content.decode()
    assert "12,0" in full  # the withheld category's gap, for representatives (art. 12(3))
    assert client.post(rep_page, {"text": "We agree with the measure."}).status_code == 302
    client.force_login(desk["worker"])
    assert client.get(rep_page).status_code == 404
    # Owners approve; then it is made available and the worker sees it without the small group's figures.
    client.force_login(alpha["analyst"])
    assert client.post(page, {"action": "approve"}).status_code == 403
    client.force_login(alpha["owner"])
    client.post(page, {"action": "approve"})
    client.post(page, {"action": "available", "on": date.today().isoformat()})
    assessment.refresh_from_db()
    assert assessment.approved_by == alpha["owner"] and assessment.made_available_on == date.today()
    assert client.post(page, {**good, "reasons": "changed"}).status_code == 302
    assessment.refresh_from_db()
    assert assessment.reasons.startswith("Leitung")  # an approved assessment stays as approved
    for query in ("?lang=de", "?lang=sv&version=workers", "?lang=en"):
        document = client.get(f"{url}assessment.pdf{query}", follow=True)
        assert document.status_code == 200 and document.content.startswith(b"%PDF")
    client.force_login(desk["worker"])
    seen = client.get(rep_page).content.decode()
    assert "We agree with the measure." in seen and "Step-up for recent promotions" in seen
    assert "12,0" not in seen and "nicht gezeigt" in seen
    assert client.post(rep_page, {"text": "x"}).status_code == 404
    assert client.get(f"{rep_page}assessment.pdf", follow=True).content.startswith(b"%PDF")
    client.force_login(desk["representative"])
    assert client.post(rep_page, {"text": "too late"}).status_code == 404  # approved: closed for statements
