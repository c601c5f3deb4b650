"""The demo data: every role can sign in, and the award programme has a finished round and open calls."""

from __future__ import annotations

import pytest

from paritas.web import demo
from paritas.web.awards import services
from paritas.web.awards.models import Application, Award, Decision, Round


@pytest.fixture
def loaded(db):
    assert demo.load(scale=0.05)
    assert not demo.load(scale=0.05)  # once only


def test_the_demo_round_of_2025_is_finished_through_the_platform(client, loaded):
    finished = Round.objects.get(programme__slug="praedikat-chancengleichheit", title="2025")
    applications = finished.applications.all()
    assert {a.organisation.slug for a in applications} == {"herne", "dortmund", "falun"}
    assert all(a.status == Application.Status.SUBMITTED and a.snapshot_id for a in applications)
    rows = services.meeting(finished)
    assert [r.reviews for r in rows] == [3, 3, 3] and sorted(r.rank for r in rows)[0] == 1
    herne = Award.objects.get(application__organisation__slug="herne")
    assert herne.number == 3 and services.validity_label(herne) == "2025–2027"  # after 2019 and 2022
    decision = Decision.objects.get(application=herne.application)
    assert decision.statement_approved_at and "dritte Auszeichnung" in decision.statement
    text = client.get("/register/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Stadt Herne (Demo)" in text and "Falu kommun (Demo)" in text


def test_the_demo_has_open_calls_for_applicants_and_logins_for_every_role(client, loaded):
    from django.utils import timezone

    now = timezone.now()
    assert Round.objects.filter(opens_at__lte=now, closes_at__gt=now).count() == 2
    roles = {role for _email, role, _org in demo.logins()}
    assert {"platform staff", "juror", "owner", "analyst", "viewer"} <= roles
    from django.contrib.auth import authenticate

    from paritas.web.accounts.models import User

    # every account the demo made (those it lists, the desk's, the project's, the library's editor) signs
    # in with the one password it prints, hashed once for all of them; a wrong one signs in none
    emails = {email for email, _role, _org in demo.logins()} | set(User.objects.values_list("email", flat=True))
    assert len(emails) >= 20 and {"worker@herne.example", "owner@lansstyrelsen-dalarna.example"} <= emails
    assert all(authenticate(email=email, password=demo.DEMO_PASSWORD) for email in emails)
    assert not any(authenticate(email=email, password=demo.DEMO_PASSWORD + "x") for email in sorted(emails)[:3])
    assert client.login(email="owner@herne.example", password=demo.DEMO_PASSWORD)
    page = client.get("/o/herne/awards/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Family-Friendly Employer" in page or "Familienfreundliches Unternehmen" in page
    assert "2025–2027" in page


def test_herne_2019_is_exactly_the_jury_statement_and_later_snapshots_tell_a_story():
    from paritas.analytics import io as hrio
    from paritas.analytics import synthetic
    from paritas.analytics.structure import structure
    from paritas.reports.i18n import Translator
    from paritas.reports.structure import jury_sentences

    shares, hires = [], []
    for index in range(6):
        frame = demo.workforce_of("herne", index)  # read as the demo reads it, through a German CSV
        result = structure(_as_workforce(frame, synthetic, hrio, 2019 + index))
        shares.append(result.leadership.women_share)
        hires.append(result.events["hired"].total)
        if index == 0:
            assert " ".join(jury_sentences(result, Translator("de"))) == (
                "Die Verwaltung hat 2.984 Mitarbeitende, darunter 58 Prozent Frauen. In Führungspositionen arbeiten "
                "130 Männer und 67 Frauen, der Frauenanteil liegt damit bei 34 Prozent. Vier Männer und 15 Frauen "
                "sind Führungskräfte in Teilzeit.")
    assert shares == sorted(shares) and shares[-1] - shares[0] > 0.05  # a rising share in leadership
    assert len(set(hires)) > 1  # other people hired each year


def _as_workforce(frame, synthetic, hrio, year):
    import tempfile
    from datetime import date
    from pathlib import Path

    with tempfile.TemporaryDirectory() as tmp:
        path = synthetic.write(frame, Path(tmp) / "herne.csv", "csv", "de")
        return hrio.read(path, hrio.ReadOptions(reference_date=date(year, 12, 31)))


def test_the_demo_answers_fit_their_questions(loaded):
    herne = Application.objects.get(round__title="2025", organisation__slug="herne")
    texts = {a.question.text: a.value for a in herne.answers.select_related("question") if a.question.kind == "text"}
    career = next(v for q, v in texts.items() if "Führungspositionen" in q or "leadership" in q)
    assert "Mentoring" in career
    family = next(v for q, v in texts.items() if "Vereinbarkeit" in q)
    assert "Telearbeit" in family


def test_the_demo_pay_desk_pages_open_for_each_role(client, loaded):
    """Falu kommun's pay survey and Herne's pay report, joint assessment, ranges and desk, page by page."""
    from paritas.web.accounts.models import User
    from paritas.web.paytransparency.models import JointAssessment, PayReport, PaySurvey

    survey = PaySurvey.objects.get(organisation__slug="falun")
    assert survey.findings.filter(kind="women_dominated").exists()
    assert survey.findings.exclude(verdict="open").exists() and survey.findings.filter(measure__isnull=False)
    client.force_login(User.objects.get(email="analyst@falun.example"))
    finding = survey.findings.first()
    for url in ("/o/falun/pay-surveys/", f"/o/falun/pay-surveys/{survey.pk}/",
                f"/o/falun/pay-surveys/{survey.pk}/findings/{finding.pk}/", "/o/falun/jobs/", "/o/falun/pay-ranges/"):
        assert client.get(url).status_code == 200, url
    assert client.get(f"/o/falun/pay-surveys/{survey.pk}/report.pdf?lang=sv", follow=True).content.startswith(b"%PDF")
    report = PayReport.objects.get(organisation__slug="herne")
    client.force_login(User.objects.get(email="analyst@herne.example"))
    urls = ["/o/herne/pay-reports/", f"/o/herne/pay-reports/{report.pk}/", "/o/herne/pay-requests/",
            "/o/herne/pay-ranges/"]
    assessment = JointAssessment.objects.filter(report=report).first()
    if assessment is not None:
        urls.append(f"/o/herne/pay-reports/{report.pk}/assessment/")
    for url in urls:
        assert client.get(url).status_code == 200, url
    assert client.get("/pay/herne/").status_code == 200
    client.force_login(User.objects.get(email="worker@herne.example"))
    desk = client.get("/o/herne/my-pay/").content.decode()
    assert "Petra Schulz" in desk
    client.force_login(User.objects.get(email="personalrat@herne.example"))
    assert client.get("/o/herne/my-pay/").status_code == 200
    if assessment is not None:
        assert client.get(f"/o/herne/my-pay/assessments/{assessment.pk}/").status_code == 200
