"""Plans as services: targets and their progress from snapshots (met, missed, on course, off course), the
yearly version and its differences, the approval states with their negative cases, the CSV import."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from paritas.web.accounts.models import AuditEvent
from paritas.web.plans import progress, services
from paritas.web.plans.models import Measure, PlanVersion
from paritas.web.workforce.models import Snapshot


def _structure(leaders: int, women_leaders: int, fte: float | None = None, women_fte: float | None = None,
               grades: dict[str, tuple[int, int]] | None = None) -> dict:
    lead = {"total": leaders, "women": women_leaders, "men": leaders - women_leaders, "other": 0, "not_stated": 0,
            "women_share": women_leaders / leaders, "suppressed": False, "fte": fte, "women_fte": women_fte,
            "women_fte_share": (women_fte / fte) if fte else None}
    rows = [{"group": g, "total": n, "women": w, "women_share": w / n, "suppressed": False}
            for g, (n, w) in (grades or {}).items()]
    return {"schema": "paritas.structure/1", "employees": {"total": 1000, "women": 580}, "women_share": 0.58,
            "leadership": lead, "breakdowns": {"pay_grade": {"dimension": "pay_grade", "rows": rows}}}


def _snapshot(org, on: date, structure: dict, paygap: dict | None = None) -> Snapshot:
    return Snapshot.objects.create(organisation=org, reference_date=on, source_name="p.csv", rows=1000,
                                   structure=structure, paygap=paygap)


# --- progress, pure --------------------------------------------------------------------------------------

def _points(*shares: tuple[date, float]) -> list[progress.Point]:
    return [progress.Point(d, _structure(200, round(200 * s))) for d, s in shares]


def test_a_target_on_course_follows_the_linear_path():
    # Baseline 34 % at the end of 2022, target 50 % by the end of 2026: the path rises 4 points a year.
    result = progress.progress(_points((date(2022, 12, 31), 0.34), (date(2024, 12, 31), 0.43)), "leadership", "",
                               "heads", 0.50, 2026)
    assert result.baseline.value == pytest.approx(0.34) and result.latest.value == pytest.approx(0.43)
    assert result.expected == pytest.approx(0.34 + 0.16 * 731 / 1461)
    assert result.status == progress.ON_COURSE
    assert result.needed == 100 - 86  # 50 % of 200 leaders are 100 women; 86 now


def test_a_target_behind_its_path_is_off_course_and_after_the_deadline_missed():
    slow = _points((date(2022, 12, 31), 0.34), (date(2024, 12, 31), 0.36))
    assert progress.progress(slow, "leadership", "", "heads", 0.50, 2026).status == progress.OFF_COURSE
    late = _points((date(2022, 12, 31), 0.34), (date(2027, 6, 30), 0.45))
    assert progress.progress(late, "leadership", "", "heads", 0.50, 2026).status == progress.MISSED


def test_a_target_reached_is_met_and_a_falling_gap_counts_down():
    met = _points((date(2022, 12, 31), 0.34), (date(2024, 12, 31), 0.505))
    assert progress.progress(met, "leadership", "", "heads", 0.50, 2026).status == progress.MET
    gaps = [progress.Point(date(2022, 12, 31), {}, {"eu": {"mean_gap": 0.12}}),
            progress.Point(date(2024, 12, 31), {}, {"eu": {"mean_gap": 0.084}})]
    result = progress.progress(gaps, "pay_gap", "mean", "heads", 0.05, 2026)
    assert result.direction == -1 and result.status == progress.ON_COURSE  # path value 0.12 − 0.07 × 731/1461
    assert result.expected == pytest.approx(0.12 - 0.07 * 731 / 1461)
    assert progress.progress(gaps, "pay_gap", "mean", "heads", 0.02, 2024).status == progress.MISSED


def test_interim_targets_bend_the_path():
    points = _points((date(2022, 12, 31), 0.30), (date(2023, 12, 31), 0.33))
    straight = progress.progress(points, "leadership", "", "heads", 0.50, 2026)
    assert straight.status == progress.OFF_COURSE  # needs 35 % after one of four years
    bent = progress.progress(points, "leadership", "", "heads", 0.50, 2026, interim=[(2024, 0.34)])
    assert bent.expected == pytest.approx(0.30 + 0.04 * 365 / 731) and bent.status == progress.ON_COURSE


def test_fte_targets_and_hidden_groups():
    point = progress.Point(date(2024, 12, 31), _structure(200, 80, fte=180.0, women_fte=64.5,
                                                          grades={"EG 12": (40, 10)}))
    result = progress.progress([point], "leadership", "", "fte", 0.5, 2026)
    assert result.latest.value == pytest.approx(64.5 / 180) and result.needed == pytest.approx(90 - 64.5)
    assert progress.observe(point, "pay_grade", "EG 12").value == 0.25
    hidden = progress.Point(date(2024, 12, 31), {"breakdowns": {"pay_grade": {"rows": [
        {"group": "EG 15", "total": None, "women": None, "women_share": None, "suppressed": True}]}}})
    assert progress.progress([hidden], "pay_grade", "EG 15", "heads", 0.5, 2026).status == progress.NO_DATA


# --- plans through the services ------------------------------------------------------------------------

@pytest.fixture
def plan(orgs):
    org = orgs["alpha"]["org"]
    Snapshot.objects.filter(organisation=org).delete()
    for year, women in ((2021, 60), (2022, 66), (2023, 72), (2024, 86)):
        _snapshot(org, date(year, 12, 31), _structure(200, women, grades={"EG 12": (40, women // 8)}),
                  {"eu": {"mean_gap": 0.14 - (year - 2021) * 0.01, "median_gap": 0.1}})
    _snapshot(org, date(2019, 12, 31), _structure(200, 50))  # older than the last four: not in the plan
    version = services.create_plan(org, orgs["alpha"]["analyst"], title="Gleichstellungsplan", kind="equality_plan",
                                   legal_basis="lgg_nrw", period_start=2022, period_end=2026)
    return version


def test_a_new_plan_takes_the_last_four_reference_dates(plan):
    assert [p.date.year for p in services.points(plan)] == [2021, 2022, 2023, 2024]


def test_targets_track_themselves_from_the_snapshots(plan, orgs):
    analyst = orgs["alpha"]["analyst"]
    lead = services.save_target(plan, analyst, {"area": "leadership", "target": "50", "deadline": 2026})
    gap = services.save_target(plan, analyst, {"area": "pay_gap", "group": "mean", "target": "5", "deadline": 2026})
    grade = services.save_target(plan, analyst, {"area": "pay_grade", "group": "EG 12", "target": "50",
                                                 "deadline": 2024})
    at = services.points(plan)
    # leadership 30 % (2021) → 43 % (2024), path to 50 % by 2026: 30 + 20 × 1096/1826 = 42.0 % → on course
    assert services.target_progress(lead, at).status == progress.ON_COURSE
    assert services.target_progress(gap, at).status == progress.OFF_COURSE  # 14 → 11 %, path at 2024: 8.6 %
    assert services.target_progress(grade, at).status == progress.MISSED  # 7/40 → 10/40, deadline 2024
    with pytest.raises(ValidationError):
        services.save_target(plan, analyst, {"area": "pay_grade", "target": "50", "deadline": 2026})  # no group
    with pytest.raises(ValidationError):
        services.save_target(plan, analyst, {"area": "leadership", "target": "150", "deadline": 2026})
    with pytest.raises(ValidationError):
        services.save_target(plan, analyst, {"area": "leadership", "target": "40", "deadline": 2040})
    with pytest.raises(PermissionDenied):
        services.save_target(plan, orgs["alpha"]["viewer"], {"area": "leadership", "target": "50", "deadline": 2026})


def test_submission_approval_and_return_with_their_negative_cases(plan, orgs):
    analyst, owner, viewer = orgs["alpha"]["analyst"], orgs["alpha"]["owner"], orgs["alpha"]["viewer"]
    with pytest.raises(ValidationError):  # nothing in it yet
        services.submit(plan, analyst)
    services.save_measure(plan, analyst, {"title": "Mentoring", "status": "planned"})
    with pytest.raises(ValidationError):  # not submitted yet
        services.decide(plan, owner, approve=True, board="Rat")
    with pytest.raises(PermissionDenied):
        services.submit(plan, viewer)
    services.submit(plan, analyst)
    with pytest.raises(ValidationError):  # read-only while submitted
        services.save_measure(plan, analyst, {"title": "Coaching"})
    with pytest.raises(PermissionDenied):  # analysts do not decide
        services.decide(plan, analyst, approve=True, board="Rat")
    with pytest.raises(ValidationError):
        services.decide(plan, owner, approve=False, note="  ")
    returned = services.decide(plan, owner, approve=False, note="Ziele für EG 12 fehlen")
    assert returned.status == PlanVersion.Status.RETURNED and returned.editable
    services.save_measure(returned, analyst, {"title": "Coaching"})
    services.submit(returned, analyst)
    with pytest.raises(ValidationError):
        services.decide(returned, owner, approve=True, board=" ")
    approved = services.decide(returned, owner, approve=True, board="Haupt- und Finanzausschuss", reference="0815/2025")
    assert approved.status == PlanVersion.Status.APPROVED and not approved.editable
    assert (approved.decided_by, approved.board, approved.decision_reference) == (owner, "Haupt- und Finanzausschuss",
                                                                                  "0815/2025")
    with pytest.raises(ValidationError):
        services.save_measure(approved, owner, {"title": "Noch eine"})
    with pytest.raises(ValidationError):
        services.submit(approved, analyst)
    events = list(AuditEvent.objects.filter(organisation=orgs["alpha"]["org"], action="plan").values_list("detail",
                                                                                                          flat=True))
    assert any("approved by Haupt- und Finanzausschuss (0815/2025)" in e for e in events)
    assert sum("submitted" in e for e in events) == 2 and any("returned" in e for e in events)


def test_the_statement_is_the_equality_officers(plan, orgs):
    owner, analyst = orgs["alpha"]["owner"], orgs["alpha"]["analyst"]
    with pytest.raises(PermissionDenied):  # no officer named: owners write it, not analysts
        services.set_statement(plan, analyst, "Stellungnahme")
    services.set_statement(plan, owner, "Die Gleichstellungsbeauftragte stimmt zu.")
    plan.plan.equality_officer = analyst
    plan.plan.save()
    with pytest.raises(PermissionDenied):
        services.set_statement(plan, owner, "…")
    assert services.set_statement(plan, analyst, "Zustimmung mit Hinweisen.").statement == "Zustimmung mit Hinweisen."


def test_the_next_version_copies_the_last_and_shows_what_changed(plan, orgs):
    analyst, owner = orgs["alpha"]["analyst"], orgs["alpha"]["owner"]
    lead = services.save_target(plan, analyst, {"area": "leadership", "target": "50", "deadline": 2026})
    mentoring = services.save_measure(plan, analyst, {"title": "Mentoring", "quantity": "12 Plätze"}, targets=[lead])
    services.save_measure(plan, analyst, {"title": "Quereinstieg", "quantity": "29 Plätze im Jahr"})
    with pytest.raises(ValidationError):  # the first version is still open
        services.new_version(plan, analyst)
    services.submit(plan, analyst)
    services.decide(plan, owner, approve=True, board="Rat")
    second = services.new_version(plan, analyst)
    assert (second.number, second.year, second.status) == (2, 2023, PlanVersion.Status.DRAFT)
    assert services.diff(second).empty
    copied = second.measures.get(title="Mentoring")
    assert copied.key == mentoring.key and [t.key for t in copied.targets.all()] == [lead.key]
    services.save_measure(second, analyst, {"title": "Mentoring", "quantity": "15 Plätze", "status": "in_progress"},
                          measure=copied)
    services.delete_measure(second.measures.get(title="Quereinstieg"), analyst)
    services.add_from_library(second, analyst, "leadership_coaching")
    services.save_target(second, analyst, {"area": "leadership", "target": "45", "deadline": 2026},
                         target=second.targets.get())
    changes = services.diff(second)
    kinds = sorted((c.kind, c.title) for c in changes.measures)
    from django.utils import translation

    with translation.override("en"):  # the fields' labels are shown in the reader's language
        # the library's measure comes in the organisation's language (German by default)
        assert kinds == [("added", "Coaching für weibliche Führungskräfte"), ("changed", "Mentoring"),
                         ("dropped", "Quereinstieg")]
        mentoring_change = next(c for c in changes.measures if c.kind == "changed")
        assert ("quantity", "12 Plätze", "15 Plätze") in mentoring_change.fields
        assert ("status", "planned", "in progress") in mentoring_change.fields
        assert [c.kind for c in changes.targets] == ["changed"]
        assert ("target (%)", "50.0", "45.0") in changes.targets[0].fields
    assert plan.measures.count() == 2  # the approved version is untouched
    assert second.changes.count() >= 4


def test_the_csv_import_names_every_problem_and_imports_nothing_then(plan, orgs):
    analyst = orgs["alpha"]["analyst"]
    bad = ("Maßnahme;Verantwortlich;Beginn;Ende;Mittel;Status;Begründung\n"
           "Mentoring;Personalamt;01.03.2025;31.12.2026;25.000,00;geplant;\n"
           ";Personalamt;;;;;\n"
           "Coaching;;2025-13-01;;viel;läuft;\n"
           "Teilzeitführung;;01.06.2025;01.01.2025;;aufgegeben;\n").encode()
    made, problems = services.import_measures(plan, analyst, bad)
    assert made == [] and plan.measures.count() == 0
    found = sorted((p.row, p.column) for p in problems)
    assert found == [(3, "Maßnahme"), (4, "Beginn"), (4, "Mittel"), (5, "Begründung"), (5, "Ende")]
    good = bad.decode().split("\n")[:2]
    made, problems = services.import_measures(plan, analyst, ("\n".join(good) + "\n").encode("cp1252"))
    assert problems == [] and [m.title for m in made] == ["Mentoring"]
    m = Measure.objects.get(pk=made[0].pk)
    assert (m.owner, str(m.budget), m.start, m.status) == ("Personalamt", "25000.00", date(2025, 3, 1), "planned")
    made, problems = services.import_measures(plan, analyst, b"Name;Wer\nx;y\n")
    assert made == [] and problems[0].row == 1


def test_a_snapshot_carries_its_expected_retirements_and_the_plan_shows_them(orgs):
    from paritas.reports.i18n import Translator
    from paritas.web.plans import presenters

    snapshot = orgs["alpha"]["snapshot"]
    expected = snapshot.structure["expected_retirements"]
    assert expected["source"].startswith("SGB VI") and set(expected["by_year"]) == {"2025", "2026", "2027", "2028",
                                                                                    "2029"}
    shown = [c["total"] for c in expected["by_year"].values() if c["total"] is not None]
    assert all(n == 0 or n >= 5 for n in shown)  # 1 to 4 are hidden
    tables = presenters.retirement_tables(progress.Point(snapshot.reference_date, snapshot.structure), Translator("de"))
    assert tables[0].caption.startswith("Erwartete Ruhestandseintritte nach dem 31. Dezember 2024")
    assert [row[0] for row in tables[0].rows] == ["2025", "2026", "2027", "2028", "2029"]


def test_an_award_application_shows_the_jury_a_plan_and_the_statement_cites_it(plan, orgs, client):
    from datetime import timedelta

    from django.utils import timezone

    from paritas.web.accounts.models import User
    from paritas.web.awards import outcome
    from paritas.web.awards import services as awards
    from paritas.web.awards.models import Round

    analyst = orgs["alpha"]["analyst"]
    lead = services.save_target(plan, analyst, {"area": "leadership", "target": "50", "deadline": 2026})
    services.save_target(plan, analyst, {"area": "pay_grade", "group": "EG 12", "target": "50", "deadline": 2024})
    services.save_measure(plan, analyst, {"title": "Mentoring", "status": "in_progress"}, targets=[lead])
    services.save_measure(plan, analyst, {"title": "Coaching", "status": "planned"})
    programme = awards.install_template("equal_opportunity", "praedikat")
    now = timezone.now()
    round_ = Round.objects.create(programme=programme, title="2027", opens_at=now - timedelta(days=1),
                                  closes_at=now + timedelta(days=30))
    orgs["alpha"]["org"].size = 400
    orgs["alpha"]["org"].save()
    application = awards.start_application(round_, orgs["alpha"]["org"])
    with pytest.raises(PermissionDenied):
        other = services.create_plan(orgs["beta"]["org"], orgs["beta"]["analyst"], title="Fremd",
                                     kind="action_plan", legal_basis="voluntary", period_start=2024, period_end=2026)
        awards.attach_plan(application, other, analyst)
    awards.attach_plan(application, plan, analyst)
    application.refresh_from_db()
    assert application.plan_version == plan
    from tests.web.test_awards_views import _complete

    _complete(application, orgs["alpha"]["owner"])
    awards.submit(application)
    with pytest.raises(ValidationError):  # submitted: read-only
        awards.attach_plan(application, plan, analyst)
    chair = User.objects.create_user("chair@jury.test", "chair-password-1")
    round_.jurors.add(chair)
    assignment = awards.assign(application, chair)
    client.force_login(chair)
    page = client.get(f"/jury/{assignment.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Gleichstellungsplan 2022–2026" in page and "Targets and their progress" in page and "Mentoring" in page
    decision = awards.decide(application, "award", "Vorbildlich.", chair, now=now + timedelta(days=31))
    text = outcome.draft_statement(decision, "de")
    # leadership 30 → 43 % on course, EG 12 missed; Mentoring under way, Coaching planned
    assert ("Gleichstellungsplan 2022–2026 (2022): 2 Maßnahmen, davon 1 in Umsetzung, verstetigt oder "
            "abgeschlossen; 1 von 2 Zielen erreicht oder auf Kurs.") in text
