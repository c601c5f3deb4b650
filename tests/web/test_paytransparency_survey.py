"""The pay survey in the platform (its findings, analysis, actions into the plan, approval, report) and
pay ranges with the published page of criteria (art. 5, 6)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from paritas.analytics import jobs, paysurvey
from paritas.web.paytransparency import services
from paritas.web.paytransparency.models import Finding, Job, PayRange, PaySurvey
from paritas.web.paytransparency.services import ranges
from paritas.web.workforce import services as workforce_services


@pytest.fixture
def scored(orgs):
    """Alpha's jobs, scored: job n at level 1 + n mod 5 on every sub-factor (so bands hold several jobs)."""
    alpha = orgs["alpha"]
    services.sync_jobs(alpha["org"])
    for n, job in enumerate(Job.objects.filter(organisation=alpha["org"]).order_by("title")):
        services.score(job, {k: 1 + n % 5 for k, _f in jobs.DEFAULT_SUBFACTORS}, alpha["analyst"])
    return alpha


def test_a_survey_finds_each_difference_and_needs_every_one_analysed(client, scored):
    from paritas.web.plans.models import Measure, Plan, PlanVersion

    alpha = scored
    client.force_login(alpha["analyst"])
    response = client.post("/o/alpha/pay-surveys/", {"year": "2025", "snapshot": alpha["snapshot"].pk})
    assert response.status_code == 302
    survey = PaySurvey.objects.get(organisation=alpha["org"])
    pay = workforce_services.job_pay(alpha["snapshot"], alpha["owner"])
    expected = [d for d in paysurvey.equal_work(pay) if d.gap is not None]
    found = {f.key: f for f in survey.findings.filter(kind="equal_work")}
    assert set(found) == {d.key for d in expected}
    one = expected[0]
    assert found[one.key].figures["gap"] == pytest.approx(one.gap)
    assert found[one.key].figures["lower_pay"] == pytest.approx(pay[one.key].total[0])
    assert survey.findings.filter(kind="equal_value").exists()
    # The same year twice is refused.
    assert client.post("/o/alpha/pay-surveys/", {"year": "2025", "snapshot": alpha["snapshot"].pk}).status_code == 400
    finding = found[one.key]
    url = f"/o/alpha/pay-surveys/{survey.pk}/findings/{finding.pk}/"

    def analysis(**fields: str) -> dict[str, str]:
        values = {"analysis": "Two men on an old contract.", "justified_by": "", "cost": "", "deadline": "",
                  "action": "", **fields}
        return {"action": "analyse", **{f"finding-{k}": v for k, v in values.items()}}

    assert client.post(url, analysis(verdict="not_justified")).status_code == 400
    assert client.post(url, analysis(verdict="justified")).status_code == 400
    assert client.post(url, analysis(verdict="not_justified", action="Raise the women's pay", cost="-5",
                                     deadline="2026-04-01")).status_code == 400
    assert client.post(url, analysis(verdict="not_justified", action="Raise the women's pay", cost="8400",
                                     deadline="2026-04-01")).status_code == 302
    finding.refresh_from_db()
    assert finding.cost == Decimal("8400") and finding.analysed_by == alpha["analyst"]
    plan = Plan.objects.create(organisation=alpha["org"], title="Handlingsplan", kind="pay_survey_action_plan",
                               legal_basis="diskrimineringslagen_3", period_start=2025, period_end=2025)
    version = PlanVersion.objects.create(plan=plan, number=1, year=2025)
    assert client.post(url, {"action": "plan", "version": version.pk}).status_code == 302
    assert Measure.objects.get(version=version).budget == Decimal("8400")
    # Approval by an owner, once every difference is analysed.
    client.force_login(alpha["owner"])
    client.post(f"/o/alpha/pay-surveys/{survey.pk}/", {"action": "approve"})
    survey.refresh_from_db()
    assert survey.approved_at is None
    for rest in survey.findings.filter(verdict="open"):
        services.survey.analyse(rest, alpha["owner"], analysis="Seniority.", verdict="justified",
                                justified_by="Years of service", action="", cost=None, deadline=None)
    client.post(f"/o/alpha/pay-surveys/{survey.pk}/", {"action": "approve"})
    survey.refresh_from_db()
    assert survey.approved_by == alpha["owner"]
    assert client.post(url, analysis(verdict="justified", justified_by="x")).status_code == 400
    for lang in ("sv", "de", "en"):
        document = client.get(f"/o/alpha/pay-surveys/{survey.pk}/report.pdf?lang={lang}", follow=True)
        assert document.status_code == 200 and document.content.startswith(b"%PDF")
    assert "8.400" in client.get(f"/o/alpha/pay-surveys/{survey.pk}/").content.decode()  # the action plan's cost
    # Viewers and other organisations see nothing.
    client.force_login(alpha["viewer"])
    assert client.get(f"/o/alpha/pay-surveys/{survey.pk}/").status_code == 403
    assert Finding.objects.filter(survey=survey).count() == survey.findings.count()


def test_next_years_survey_keeps_the_texts_and_earlier_analyses_as_drafts(client, scored):
    alpha = scored
    first = services.survey.create_survey(alpha["org"], 2025, alpha["snapshot"], alpha["analyst"])
    first.rules = "Pay policy 2025"
    first.save()
    finding = first.findings.first()
    finding.analysis = "Known cause"
    finding.save()
    second = services.survey.create_survey(alpha["org"], 2026, alpha["snapshot"], alpha["analyst"])
    assert second.rules == "Pay policy 2025"
    again = second.findings.get(kind=finding.kind, key=finding.key)
    assert again.analysis == "Known cause" and again.verdict == "open"


def test_pay_ranges_are_suggested_set_and_published_with_the_criteria(client, scored):
    alpha = scored
    client.force_login(alpha["analyst"])
    assert client.get("/pay/alpha/").status_code == 404  # nothing published yet
    page = client.get("/o/alpha/pay-ranges/?period=month").content.decode()
    suggestions = ranges.suggestions(alpha["org"], alpha["analyst"], "month")
    with_range = [s for s in suggestions if s.low is not None]
    assert with_range
    s = with_range[0]
    pay = workforce_services.job_pay(alpha["snapshot"], alpha["owner"])[s.job.title]
    assert s.low == round(Decimal(str(pay.basic_range[0])) * 39 * 52 / 12)
    assert str(s.low) in page
    response = client.post("/o/alpha/pay-ranges/?period=month", {
        "action": "range", "job": s.job.pk, "low": "3100", "high": "2900", "basis": ""})
    assert response.status_code == 400
    client.post("/o/alpha/pay-ranges/?period=month", {"action": "range", "job": s.job.pk, "low": "2900",
                                                       "high": "3400", "basis": "TVöD E 6", "published": "on"})
    saved = PayRange.objects.get(job=s.job)
    assert (saved.low, saved.high, saved.period, saved.published) == (2900, 3400, "month", True)
    client.post("/o/alpha/pay-ranges/", {"action": "criteria", "setting": "Pay group by the tasks (TVöD § 12).",
                                         "progression": "Steps by years of experience.", "full_time_hours": "39",
                                         "published": "on"})
    client.logout()
    public = client.get("/pay/alpha/").content.decode()
    assert s.job.title in public and "TVöD E 6" in public and "Steps by years of experience." in public
    # A job of another organisation cannot be given a range through alpha's page.
    beta_job = Job.objects.create(organisation=__import__("paritas.web.organisations.models", fromlist=["x"])
                                  .Organisation.objects.get(slug="beta"), title="B", titles=["B"])
    client.force_login(alpha["analyst"])
    assert client.post("/o/alpha/pay-ranges/", {"action": "range", "job": beta_job.pk, "low": "1",
                                                "high": "2"}).status_code == 404
    client.force_login(alpha["viewer"])
    assert client.get("/o/alpha/pay-ranges/").status_code == 403
