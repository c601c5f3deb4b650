"""The job evaluation in the platform: job titles from the snapshot, merging, scoring with history, the
plan's validation, bands, the weight check, the category new snapshots get, and who may do what."""

from __future__ import annotations

from datetime import date

import pytest

from paritas.analytics import io as hrio
from paritas.analytics import jobs
from paritas.web import crypto
from paritas.web.paytransparency import services
from paritas.web.paytransparency.models import Job, Score
from paritas.web.workforce import services as workforce_services


def _top(levels: int = 5) -> dict[str, int]:
    return {k: levels for k, _f in jobs.DEFAULT_SUBFACTORS}


def test_snapshots_keep_job_counts_open_and_pay_by_job_encrypted(orgs):
    snapshot = orgs["alpha"]["snapshot"]
    assert snapshot.job_counts and all(len(v) == 2 for v in snapshot.job_counts.values())
    title = next(iter(snapshot.job_counts))
    assert title.encode() not in bytes(snapshot.job_pay)  # cipher text
    figures = workforce_services.job_pay(snapshot, orgs["alpha"]["owner"])
    assert (figures[title].women, figures[title].men) == tuple(snapshot.job_counts[title])


def test_jobs_come_from_the_latest_snapshot_and_merge(client, orgs):
    alpha = orgs["alpha"]
    client.force_login(alpha["analyst"])
    assert client.post("/o/alpha/jobs/", {"action": "sync"}).status_code == 302
    titles = set(alpha["snapshot"].job_counts)
    assert set(Job.objects.filter(organisation=alpha["org"]).values_list("title", flat=True)) == titles
    assert client.post("/o/alpha/jobs/", {"action": "sync"}).status_code == 302  # nothing twice
    assert Job.objects.filter(organisation=alpha["org"]).count() == len(titles)
    first, second = Job.objects.filter(organisation=alpha["org"])[:2]
    response = client.post("/o/alpha/jobs/", {"action": "merge", "job": [first.pk, second.pk], "title": "Merged"})
    assert response.status_code == 302
    merged = Job.objects.get(organisation=alpha["org"], title="Merged")
    assert sorted(merged.titles) == sorted(first.titles + second.titles)
    page = client.get("/o/alpha/jobs/").content.decode()
    counts = alpha["snapshot"].job_counts
    women = sum(counts[t][0] for t in merged.titles)
    assert f'<td class="num">{women}</td>' in page
    # One job is not a merge; nobody else's job can be merged in.
    beta_job = Job.objects.create(organisation=orgs["beta"]["org"], title="Beta job", titles=["Beta job"])
    assert client.post("/o/alpha/jobs/", {"action": "merge", "job": [merged.pk, beta_job.pk],
                                          "title": "Stolen"}).status_code == 400
    assert Job.objects.filter(pk=beta_job.pk, organisation=orgs["beta"]["org"]).exists()


def test_scoring_points_bands_history_and_the_category_of_new_snapshots(client, orgs, small_csv):
    alpha = orgs["alpha"]
    services.sync_jobs(alpha["org"])
    job = Job.objects.filter(organisation=alpha["org"]).first()
    client.force_login(alpha["analyst"])
    levels = {k: 3 for k, _f in jobs.DEFAULT_SUBFACTORS}
    response = client.post(f"/o/alpha/jobs/{job.pk}/", {**levels, "note": "first reading"})
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.levels == levels and job.scored_by == alpha["analyst"] and job.scored_at is not None
    (score,) = Score.objects.filter(job=job)
    assert score.points == pytest.approx(600) and score.note == "first reading"  # 3/5 of 1,000
    client.post(f"/o/alpha/jobs/{job.pk}/", {**levels, "knowledge": 5})
    assert Score.objects.filter(job=job).count() == 2  # the history keeps both
    assert client.post(f"/o/alpha/jobs/{job.pk}/", {**levels, "knowledge": 9}).status_code == 400
    view = services.overview(alpha["org"])
    row = next(r for r in view.rows if r.job.pk == job.pk)
    assert row.points == pytest.approx(600 + 1000 * 0.30 / 3 * 2 / 5) and row.band.label == "600–700"
    # A new snapshot takes the band as the category of workers for art. 9(1)(g).
    workforce = hrio.read(small_csv, hrio.ReadOptions(reference_date=date(2025, 12, 31)))
    snapshot = workforce_services.create_snapshot(alpha["org"], workforce, alpha["owner"], "next.csv")
    categories = {c["category"] for c in snapshot.paygap["eu"]["categories"]}
    assert "600–700" in categories


def test_the_plan_must_add_up_and_viewers_cannot_change_anything(client, orgs):
    alpha = orgs["alpha"]
    evaluation = services.evaluation_of(alpha["org"])
    client.force_login(alpha["owner"])
    data = {f"w_{f}": str(round(w * 100, 1)) for f, w in jobs.DEFAULT_WEIGHTS.items()}
    for sub in evaluation.subfactors:
        data[f"s_{sub['key']}"] = str(round(sub["weight"] * 100, 1))
        data[f"l_{sub['key']}"] = "4"
    data["band_width"] = "150"
    wrong = {**data, "w_skills": "50"}
    assert client.post("/o/alpha/jobs/plan/", wrong).status_code == 400
    data["s_knowledge"], data["s_problem_solving"], data["s_communication"] = "50", "25", "25"
    assert client.post("/o/alpha/jobs/plan/", data).status_code == 302
    evaluation.refresh_from_db()
    assert evaluation.band_width == 150 and all(s["levels"] == 4 for s in evaluation.subfactors)
    assert evaluation.plan().subfactors[0].weight == pytest.approx(0.5)
    assert client.post("/o/alpha/jobs/plan/", {**data, "boundaries": "450, 300"}).status_code == 302
    evaluation.refresh_from_db()
    assert evaluation.boundaries == [300.0, 450.0]
    client.force_login(alpha["viewer"])
    assert client.get("/o/alpha/jobs/").status_code == 200
    assert client.post("/o/alpha/jobs/", {"action": "sync"}).status_code == 403
    assert client.post("/o/alpha/jobs/plan/", data).status_code == 403
    client.force_login(orgs["beta"]["owner"])
    assert client.get("/o/alpha/jobs/").status_code == 404


def test_pay_by_job_is_decrypted_only_with_a_logged_access(orgs):
    from paritas.web.accounts.models import AuditEvent

    snapshot = orgs["alpha"]["snapshot"]
    before = AuditEvent.objects.filter(organisation=orgs["alpha"]["org"], action="raw_accessed").count()
    workforce_services.job_pay(snapshot, orgs["alpha"]["owner"])
    assert AuditEvent.objects.filter(organisation=orgs["alpha"]["org"], action="raw_accessed").count() == before + 1
    assert crypto.decrypt(snapshot.job_pay)  # Fernet, as the kept rows


def test_two_months_after():
    from paritas.analytics.directive import months_after

    assert months_after(date(2026, 1, 15), 2) == date(2026, 3, 15)
    assert months_after(date(2026, 12, 31), 2) == date(2027, 2, 28)
    assert months_after(date(2027, 12, 31), 2) == date(2028, 2, 29)
    assert months_after(date(2026, 11, 30), 2) == date(2027, 1, 30)


def test_a_request_from_record_to_sent_with_the_answer_by_hand(client, orgs):
    from paritas.analytics.privacy import SuppressionRule
    from paritas.web.paytransparency.models import InformationRequest

    alpha = orgs["alpha"]
    services.sync_jobs(alpha["org"])
    counts = alpha["snapshot"].job_counts
    big = max(counts, key=lambda t: min(counts[t]))  # a job with enough women and men
    job = Job.objects.get(organisation=alpha["org"], title=big)
    client.force_login(alpha["analyst"])
    response = client.post("/o/alpha/pay-requests/", {
        "action": "request", "received_on": "2026-11-02", "via": "worker", "requester": "Erika Muster",
        "language": "de", "job": job.pk, "own_basic": "21.50", "own_variable": "0.80"})
    assert response.status_code == 302
    item = InformationRequest.objects.get(requester="Erika Muster")
    assert item.deadline == date(2027, 1, 2)
    pay = workforce_services.job_pay(alpha["snapshot"], alpha["owner"])[big]
    expected = jobs.answer([pay], None, SuppressionRule(alpha["org"].min_group_size))
    same = item.figures["same_work"]
    assert not same["withheld"] and same["women"] == pay.women
    assert same["total"][0] == pytest.approx(expected.same_work.total[0])
    assert item.figures["equal_value"] is None  # not scored yet
    page = client.get(f"/o/alpha/pay-requests/{item.pk}/").content.decode()
    assert "Erika Muster" in page and f"{expected.same_work.basic[0]:.2f}".replace(".", ",") in page
    # Analysts compute, owners approve; sending needs approval.
    assert client.post(f"/o/alpha/pay-requests/{item.pk}/", {"action": "approve"}).status_code == 403
    client.post(f"/o/alpha/pay-requests/{item.pk}/", {"action": "sent", "on": "2026-11-20"})
    item.refresh_from_db()
    assert item.status == "open"
    client.force_login(alpha["owner"])
    client.post(f"/o/alpha/pay-requests/{item.pk}/", {"action": "approve"})
    client.post(f"/o/alpha/pay-requests/{item.pk}/", {"action": "sent", "on": "2026-11-20"})
    item.refresh_from_db()
    assert item.status == "sent" and item.sent_on == date(2026, 11, 20) and item.approved_by == alpha["owner"]
    letter = client.get(f"/o/alpha/pay-requests/{item.pk}/letter.pdf", follow=True)  # through its job's page
    assert letter.status_code == 200 and letter["Content-Type"] == "application/pdf"
    # Viewers and other organisations see nothing of it.
    client.force_login(alpha["viewer"])
    assert client.get(f"/o/alpha/pay-requests/{item.pk}/").status_code == 403
    client.force_login(orgs["beta"]["owner"])
    assert client.get(f"/o/alpha/pay-requests/{item.pk}/").status_code == 404
    assert client.get(f"/o/beta/pay-requests/{item.pk}/").status_code == 404


def test_a_small_group_is_withheld_from_the_worker(client, orgs):
    from paritas.web.paytransparency.models import InformationRequest

    alpha = orgs["alpha"]
    services.sync_jobs(alpha["org"])
    counts = alpha["snapshot"].job_counts
    small = min(counts, key=lambda t: min(counts[t]))
    assert min(counts[small]) < alpha["org"].min_group_size
    job = Job.objects.get(organisation=alpha["org"], title=small)
    client.force_login(alpha["analyst"])
    client.post("/o/alpha/pay-requests/", {
        "action": "request", "received_on": "2026-11-02", "via": "worker", "requester": "Klein",
        "language": "en", "job": job.pk, "own_basic": "30", "own_variable": "0"})
    item = InformationRequest.objects.get(requester="Klein")
    assert item.figures["same_work"]["withheld"] and item.figures["same_work"]["total"] == [None, None]
    page = client.get(f"/o/alpha/pay-requests/{item.pk}/").content.decode()
    assert "labour inspectorate" in page
    # A request cannot come from the future, nor with negative pay.
    bad = client.post("/o/alpha/pay-requests/", {
        "action": "request", "received_on": "2099-01-01", "via": "worker", "requester": "Zukunft",
        "language": "en", "job": job.pk, "own_basic": "-1", "own_variable": "0"})
    assert bad.status_code == 400 and not InformationRequest.objects.filter(requester="Zukunft").exists()


def test_an_organisation_adds_and_removes_sub_factors_of_its_own(client, orgs):
    alpha = orgs["alpha"]
    evaluation = services.evaluation_of(alpha["org"])
    client.force_login(alpha["analyst"])
    response = client.post("/o/alpha/jobs/plan/", {"action": "add_sub", "factor": "effort",
                                                   "name": "Time pressure", "levels": "4"})
    assert response.status_code == 302
    evaluation.refresh_from_db()
    own = next(s for s in evaluation.subfactors if s.get("name") == "Time pressure")
    effort = [s for s in evaluation.subfactors if s["factor"] == "effort"]
    assert len(effort) == 4 and own["weight"] == pytest.approx(1 / 4) and own["levels"] == 4
    assert sum(s["weight"] for s in effort) == pytest.approx(1)
    evaluation.plan().check()
    assert "Time pressure" in client.get("/o/alpha/jobs/plan/").content.decode()
    assert client.post("/o/alpha/jobs/plan/", {"action": "add_sub", "factor": "effort", "name": "time  pressure",
                                               "levels": "4"}).status_code == 400  # the same name twice
    # A job scored before is scored anew: its old levels lack the new sub-factor.
    services.sync_jobs(alpha["org"])
    job = Job.objects.filter(organisation=alpha["org"]).first()
    levels = {s["key"]: 2 for s in evaluation.subfactors}
    assert client.post(f"/o/alpha/jobs/{job.pk}/", levels).status_code == 302
    assert "Time pressure" in client.get(f"/o/alpha/jobs/{job.pk}/").content.decode()
    # Removing gives its weight back; the last sub-factor of a factor stays.
    client.post("/o/alpha/jobs/plan/", {"action": "remove_sub", "key": own["key"]})
    evaluation.refresh_from_db()
    assert not any(s["key"] == own["key"] for s in evaluation.subfactors)
    assert sum(s["weight"] for s in evaluation.subfactors if s["factor"] == "effort") == pytest.approx(1)
    for key in ("physical_environment",):
        client.post("/o/alpha/jobs/plan/", {"action": "remove_sub", "key": key})
    evaluation.refresh_from_db()
    (last,) = [s for s in evaluation.subfactors if s["factor"] == "working_conditions"]
    client.post("/o/alpha/jobs/plan/", {"action": "remove_sub", "key": last["key"]})
    evaluation.refresh_from_db()
    assert any(s["factor"] == "working_conditions" for s in evaluation.subfactors)
    client.force_login(alpha["viewer"])
    assert client.post("/o/alpha/jobs/plan/", {"action": "remove_sub", "key": "knowledge"}).status_code == 403
