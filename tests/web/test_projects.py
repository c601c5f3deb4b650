"""Funded projects: the budget and the co-financing against hand computations, personal identity numbers,
the indicator sets' data minimisation, the CSV import, the monthly report's layout and correction rule,
the outcome's suppression, the final report in three languages, retention and erasure."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

import openpyxl
import pytest
from django.core.management import call_command
from pypdf import PdfReader

from paritas.analytics.privacy import SuppressionRule
from paritas.web.accounts.models import AuditEvent, User
from paritas.web.organisations.models import Membership, Organisation
from paritas.web.projects import indicators
from paritas.web.projects.models import (
    Activity,
    Attendance,
    BudgetLine,
    Contribution,
    MonthlyReport,
    Participant,
    Partner,
    Project,
    TargetGroup,
)
from paritas.web.projects.services import budget, outcome, reports
from paritas.web.projects.services import participants as people
from paritas.web.workforce.models import Snapshot

#: Valid Swedish personal identity numbers (check digit by the Luhn rule over the ten digits).
NUMBERS = ("19811218-9876", "19640823-3234", "19900101-0017")


@pytest.fixture
def project(db):
    owner_org = Organisation.objects.create(slug="lst", name="Länsstyrelsen Test", type="municipality")
    lead = User.objects.create_user("lead@lst.test", "pw-123456789")
    Membership.objects.create(user=lead, organisation=owner_org, role="owner")
    item = Project.objects.create(name="Jämställt test", slug="jamstallt-test", programme="esf_2014_2020",
                                  owner=owner_org, starts_on=date(2020, 11, 1), ends_on=date(2021, 6, 30),
                                  language="sv", indicator_set="esf_2014_2020_se", funder="Svenska ESF-rådet",
                                  number="2020/001")
    item.staff.add(lead)
    Partner.objects.create(project=item, organisation=owner_org, role="owner")
    orgs = {}
    for slug, name, basis, extra in (
            ("hedemora", "Hedemora kommun", "annual_cost", {"annual_cost": Decimal("498000")}),
            ("omsorg", "Omsorg AB", "hourly", {"hourly_cost": Decimal("265")}),
            ("falun", "Falu kommun", "snapshot", {"on_cost_rate": Decimal("31.42")})):
        org = Organisation.objects.create(slug=slug, name=name, type="municipality")
        orgs[slug] = Partner.objects.create(project=item, organisation=org, cost_basis=basis, **extra)
    group = TargetGroup.objects.create(project=item, name="Chefer")
    return {"project": item, "lead": lead, "partners": orgs, "group": group}


def _person(project: Project, partner: Partner, name: str, gender: str = "f", number: str | None = None,
            group: TargetGroup | None = None) -> Participant:
    person = Participant(project=project, partner=partner, name=name, gender=gender, birth_year=1980,
                         employment_status="employed", education="isced_5_8", joined_on=project.starts_on,
                         target_group=group)
    if number:
        people.set_personal_number(person, number)
    person.save()
    return person


def _activity(project: Project, start: date, end: date) -> Activity:
    return Activity.objects.create(project=project, title=f"Utbildning {start}", kind="training", starts_on=start,
                                   ends_on=end)


# -- co-financing and budget ----------------------------------------------------------------------------

def test_annual_hours_follow_the_programme_periods():
    assert budget.annual_hours(2020) == 1662 and budget.annual_hours(2021) == 1720


def test_co_financing_in_kind_against_a_hand_computation(project):
    p, parts = project["project"], project["partners"]
    anna = _person(p, parts["hedemora"], "Anna", number=NUMBERS[0])
    olle = _person(p, parts["omsorg"], "Olle", "m", number=NUMBERS[1])
    december, january = _activity(p, date(2020, 12, 1), date(2020, 12, 2)), _activity(p, date(2021, 1, 12),
                                                                                     date(2021, 1, 12))
    Attendance.objects.create(activity=december, participant=anna, on=date(2020, 12, 1), hours=Decimal("4.5"))
    Attendance.objects.create(activity=december, participant=anna, on=date(2020, 12, 2), hours=Decimal("3"))
    Attendance.objects.create(activity=january, participant=anna, on=date(2021, 1, 12), hours=Decimal("6"))
    Attendance.objects.create(activity=january, participant=olle, on=date(2021, 1, 12), hours=Decimal("10"))
    found = budget.in_kind(p)
    # Hedemora: 498,000 / 1,662 = 299.6390… → 299.64 per hour in 2020; 498,000 / 1,720 = 289.5349 → 289.53 in
    # 2021. 7.5 h × 299.64 = 2,247.30 and 6 h × 289.53 = 1,737.18: 3,984.48.
    assert found[parts["hedemora"].pk].value == Decimal("3984.48")
    assert found[parts["hedemora"].pk].hours == Decimal("13.5")
    # Omsorg: 10 h × 265.00 = 2,650.00.
    assert found[parts["omsorg"].pk].value == Decimal("2650.00")

    BudgetLine.objects.create(project=p, source="funder", amount=Decimal("10000"))
    BudgetLine.objects.create(project=p, source="in_kind", partner=parts["hedemora"], amount=Decimal("5000"))
    BudgetLine.objects.create(project=p, source="cash", partner=parts["omsorg"], amount=Decimal("1000"))
    Contribution.objects.create(project=p, source="funder", on=date(2021, 2, 1), amount=Decimal("4000"))
    Contribution.objects.create(project=p, source="cash", partner=parts["omsorg"], on=date(2021, 2, 1),
                                amount=Decimal("500"))
    result = budget.budget(p)
    rows = {(r.source, r.organisation): (r.planned, r.actual) for r in result.rows}
    assert rows[("funder", "")] == (Decimal("10000"), Decimal("4000"))
    assert rows[("in_kind", "Hedemora kommun")] == (Decimal("5000"), Decimal("3984.48"))
    assert rows[("in_kind", "Omsorg AB")] == (Decimal("0"), Decimal("2650.00"))
    assert rows[("cash", "Omsorg AB")] == (Decimal("1000"), Decimal("500"))
    assert result.planned == Decimal("16000") and result.actual == Decimal("11134.48")
    assert result.cofinancing_planned_share == pytest.approx(6000 / 16000)
    assert result.cofinancing_actual_share == pytest.approx((3984.48 + 2650 + 500) / 11134.48)


def test_the_snapshot_basis_needs_the_organisations_consent_and_uses_the_snapshot_in_force(project):
    p, falun = project["project"], project["partners"]["falun"]
    pay = {"eu": {"pay": {"women": 10, "men": 5, "mean_women": 200.0, "mean_men": 260.0}}}
    later = {"eu": {"pay": {"women": 10, "men": 10, "mean_women": 300.0, "mean_men": 300.0}}}
    Snapshot.objects.create(organisation=falun.organisation, reference_date=date(2020, 6, 30), source_name="a.csv",
                            rows=15, structure={}, paygap=pay)
    Snapshot.objects.create(organisation=falun.organisation, reference_date=date(2021, 1, 31), source_name="b.csv",
                            rows=20, structure={}, paygap=later)
    eva = _person(p, falun, "Eva", number=NUMBERS[2])
    december = _activity(p, date(2020, 12, 1), date(2020, 12, 1))
    Attendance.objects.create(activity=december, participant=eva, on=date(2020, 12, 1), hours=Decimal("8"))
    assert budget.in_kind(p)[falun.pk].value == 0 and budget.in_kind(p)[falun.pk].unvalued_hours == 8
    falun.shares_figures = True
    falun.save()
    # (10 × 200 + 5 × 260) / 15 = 220.00; × 1.3142 = 289.124 → 289.12; × 8 h = 2,312.96.
    assert budget.in_kind(p)[falun.pk].value == Decimal("2312.96")
    january = _activity(p, date(2021, 1, 5), date(2021, 1, 5))
    Attendance.objects.create(activity=january, participant=eva, on=date(2021, 1, 5), hours=Decimal("1"))
    # January: the snapshot of 31 January 2021 is in force: 300 × 1.3142 = 394.26.
    assert budget.in_kind(p)[falun.pk].value == Decimal("2312.96") + Decimal("394.26")


# -- personal identity numbers and minimisation -----------------------------------------------------------

def test_personal_numbers_are_checked_and_normalised():
    assert indicators.personal_number("19811218-9876") == "198112189876"
    assert indicators.personal_number("811218-9876", today=date(2026, 1, 1)) == "198112189876"
    assert indicators.personal_number("8112189876", today=date(2026, 1, 1)) == "198112189876"
    assert indicators.personal_number("121212+1212", today=date(2026, 1, 1)) == "191212121212"
    for bad in ("19811218-9875", "19811318-9873", "abc", "", "1981121898761"):
        with pytest.raises(indicators.InvalidPersonalNumber):
            indicators.personal_number(bad)


def test_a_personal_number_is_never_stored_or_shown_in_clear_text(project, client):
    p, lead = project["project"], project["lead"]
    client.force_login(lead)
    response = client.post(f"/projects/{p.slug}/participants/", {
        "action": "add", "person-name": "Karin Berg", "person-partner": project["partners"]["hedemora"].pk,
        "person-gender": "f", "person-birth_year": "1981", "person-employment_status": "employed",
        "person-education": "isced_5_8", "person-personal_number": "19811218-9876",
        "person-joined_on": "2020-11-02"})
    assert response.status_code == 302
    person = Participant.objects.get(name="Karin Berg")
    stored = " ".join(str(v) for v in Participant.objects.filter(pk=person.pk).values().first().values())
    assert "9876" not in stored and "811218" not in stored
    assert people.personal_number(person) == "198112189876"
    page = client.get(f"/projects/{p.slug}/participants/{person.pk}/").content.decode()
    assert "9876" not in page and "811218" not in page
    again = client.post(f"/projects/{p.slug}/participants/", {
        "action": "add", "person-name": "Karin Berg igen", "person-partner": project["partners"]["hedemora"].pk,
        "person-gender": "f", "person-birth_year": "1981", "person-employment_status": "employed",
        "person-education": "isced_5_8", "person-personal_number": "811218-9876", "person-joined_on": "2020-11-02"})
    assert again.status_code == 400 and Participant.objects.filter(project=p).count() == 1


def test_only_the_indicator_sets_facts_are_kept(project, client):
    p, lead = project["project"], project["lead"]
    person = _person(p, project["partners"]["hedemora"], "Anna", number=NUMBERS[0])
    client.force_login(lead)
    data = {"action": "facts", "facts-name": p.name, "facts-programme": "own", "facts-starts_on": "2020-11-01",
            "facts-ends_on": "2021-06-30", "facts-currency": "SEK", "facts-language": "sv",
            "facts-indicator_set": "minimal"}
    assert client.post(f"/projects/{p.slug}/", data).status_code == 302
    person.refresh_from_db()
    assert person.birth_year is None and person.education == "" and person.employment_status == ""
    assert person.personal_number_hash == "" and person.personal_number_encrypted is None
    # A minimal set's form has no such fields, and posted values are not stored.
    client.post(f"/projects/{p.slug}/participants/", {
        "action": "add", "person-name": "Olle", "person-partner": project["partners"]["omsorg"].pk,
        "person-gender": "m", "person-birth_year": "1970", "person-personal_number": NUMBERS[1],
        "person-joined_on": "2020-11-02"})
    olle = Participant.objects.get(name="Olle")
    assert olle.birth_year is None and olle.personal_number_hash == ""


def test_a_participant_list_is_imported_whole_or_not_at_all(project):
    p = project["project"]
    header = "name;organisation;target_group;gender;birth_year;employment_status;education;personal_number\n"
    good = header + ("Anna Berg;Hedemora kommun;Chefer;k;1980;employed;isced_5_8;19811218-9876\n"
                     "=HYPERLINK(\"x\");Omsorg AB;;m;1975;unemployed;isced_3_4;19640823-3234\n")
    bad = header + ("Eva;Hedemora kommun;Chefer;f;1980;employed;isced_5_8;19900101-0017\n"
                    "Per;Okänd AB;;m;1975;employed;isced_3_4;19640823-3234\n"
                    "Lisa;Omsorg AB;Nobody;q;19;nope;isced_3_4;19811218-9875\n"
                    "Nils;Omsorg AB;;m;1975;employed;isced_3_4;19900101-0017\n")
    added, problems = people.import_csv(p, bad.encode())
    assert added == 0 and Participant.objects.filter(project=p).count() == 0
    found = {(pr.row, pr.column) for pr in problems}
    assert {(3, "organisation"), (4, "target_group"), (4, "gender"), (4, "birth_year"), (4, "employment_status"),
            (4, "personal_number"), (5, "personal_number")} <= found
    missing = people.import_csv(p, b"name,gender\nAnna,f\n")[1]
    assert {pr.column for pr in missing} >= {"organisation", "personal_number"}
    assert people.import_csv(p, b"\xff\xfe\x00bad")[1][0].row == 0
    added, problems = people.import_csv(p, good.encode("utf-8-sig"))
    assert (added, problems) == (2, [])
    assert Participant.objects.get(gender="m").name.startswith("=HYPERLINK")  # stored as text, written as text


# -- the monthly report ---------------------------------------------------------------------------------

def _sheet(report: MonthlyReport):
    book = openpyxl.load_workbook(io.BytesIO(bytes(report.workbook)))
    return book.active


def _rows(ws) -> list[list[object]]:
    return [list(r) for r in ws.iter_rows(values_only=True)]


def test_the_monthly_report_layout_and_the_correction_rule(project):
    p, parts, lead = project["project"], project["partners"], project["lead"]
    anna = _person(p, parts["hedemora"], "Anna Berg", number=NUMBERS[0], group=project["group"])
    olle = _person(p, parts["omsorg"], "Olle Ek", "m", number=NUMBERS[1])
    march = _activity(p, date(2021, 3, 2), date(2021, 3, 3))
    april = _activity(p, date(2021, 4, 6), date(2021, 4, 6))
    Attendance.objects.create(activity=march, participant=anna, on=date(2021, 3, 2), hours=Decimal("3"))
    Attendance.objects.create(activity=march, participant=anna, on=date(2021, 3, 3), hours=Decimal("2.5"))
    Attendance.objects.create(activity=march, participant=olle, on=date(2021, 3, 3), hours=Decimal("4"))
    Attendance.objects.create(activity=april, participant=olle, on=date(2021, 4, 6), hours=Decimal("6"))
    today = date(2021, 5, 10)
    with pytest.raises(reports.NotDue):
        reports.report_month(p, date(2021, 5, 1), lead, today)  # not over
    with pytest.raises(reports.NotDue):
        reports.report_month(p, date(2021, 9, 1), lead, today)  # outside the period
    first = reports.report_month(p, date(2021, 3, 1), lead, today)
    april_report = reports.report_month(p, date(2021, 4, 1), lead, today)
    april_bytes = bytes(april_report.workbook)
    assert first.version == 1 and first.total_hours == Decimal("9.5")
    rows = _rows(_sheet(first))
    assert rows[0][0] == "Deltagarrapport 2021-03"
    preamble = {r[0]: r[1] for r in rows[2:8]}
    assert preamble["Projekt"] == "Jämställt test" and preamble["Månad"] == "2021-03"
    header = next(r for r in rows if r[0] == "Nr")
    assert header[1] == "Personnummer" and header[2] == "Namn"
    day_columns = [h for h in header if h and str(h).isdigit()]
    assert day_columns == [str(d) for d in range(1, 32)]
    at = {name: i for i, name in enumerate(header)}
    body = rows[rows.index(header) + 1:]
    anna_row = next(r for r in body if r[at["Namn"]] == "Anna Berg")
    assert anna_row[at["Personnummer"]] == "19811218-9876"
    assert anna_row[at["2"]] == 3 and anna_row[at["3"]] == 2.5 and anna_row[at["1"]] is None
    assert anna_row[at["Timmar i månaden"]] == 5.5
    assert anna_row[at["Kostnad per timme"]] == 289.53  # 498,000 / 1,720
    assert anna_row[at["Värde som medfinansiering"]] == pytest.approx(1592.42)  # 5.5 × 289.53 = 1,592.415 → .42
    total = next(r for r in body if r[0] == "Totalt")
    assert total[at["Timmar i månaden"]] == 9.5
    assert total[at["Värde som medfinansiering"]] == pytest.approx(1592.42 + 1060.00)
    assert all(c.data_type != "f" for row in _sheet(first).iter_rows() for c in row)

    with pytest.raises(reports.NotDue):
        reports.report_month(p, date(2021, 3, 1), lead, today)  # nothing changed
    assert [s.changed for s in reports.status(p, today) if s.month == date(2021, 3, 1)] == [False]
    Attendance.objects.filter(participant=olle, on=date(2021, 3, 3)).update(hours=Decimal("5"))
    assert [s.changed for s in reports.status(p, today) if s.month == date(2021, 3, 1)] == [True]
    correction = reports.report_month(p, date(2021, 3, 1), lead, today)
    assert correction.version == 2 and correction.total_hours == Decimal("10.5")
    rows = _rows(_sheet(correction))
    header = next(r for r in rows if r[0] == "Nr")
    at = {name: i for i, name in enumerate(header)}
    change = next(h for h in header if h and str(h).startswith("Ändring"))
    olle_row = next(r for r in rows if len(r) > at["Namn"] and r[at["Namn"]] == "Olle Ek")
    assert olle_row[at[change]] == 1 and olle_row[at["Timmar i månaden"]] == 5
    assert next(r for r in rows if r[0] == "Totalt")[at[change]] == 1
    # The other month was not touched: April's report is the same file, and still version 1.
    assert bytes(MonthlyReport.objects.get(pk=april_report.pk).workbook) == april_bytes
    assert list(p.monthly_reports.filter(month=date(2021, 4, 1)).values_list("version", flat=True)) == [1]
    # Personal identity numbers went out: that is logged.
    assert AuditEvent.objects.filter(organisation=p.owner, action="raw_accessed").count() == 3


# -- outcome -------------------------------------------------------------------------------------------

def test_no_hidden_cell_can_be_recovered_from_row_or_column_totals():
    rule = SuppressionRule(5)
    table = outcome._table([("A", {"f": 12, "m": 2}), ("B", {"f": 9, "m": 8}), ("C", {"f": 7, "m": 6})], rule)
    hidden = [(r.label, i) for r in table for i, v in enumerate(r.by_gender) if v is None]
    # A's 2 men are hidden, then A's women (its row total is shown), then the smallest other cell in each
    # of the two columns, then that row's partner: two cells in every row and column with hidden ones.
    assert ("A", 1) in hidden and ("A", 0) in hidden
    for r in table:
        assert sum(1 for v in r.by_gender if v is None) in (0, 2)
    for column in (0, 1):
        assert sum(1 for r in table if r.by_gender[column] is None) != 1
    assert [r.total for r in table] == [14, 17, 13]


def test_outcome_counts_people_per_year_and_once_for_the_period(project):
    p, parts = project["project"], project["partners"]
    persons = [_person(p, parts["hedemora"], f"P{i}", "f" if i < 6 else "m") for i in range(9)]
    winter = _activity(p, date(2020, 12, 1), date(2020, 12, 1))
    spring = _activity(p, date(2021, 2, 1), date(2021, 2, 1))
    for person in persons:
        Attendance.objects.create(activity=winter, participant=person, on=date(2020, 12, 1), hours=Decimal("2"))
    for person in persons[:7]:
        Attendance.objects.create(activity=spring, participant=person, on=date(2021, 2, 1), hours=Decimal("1"))
    periods = {x.year: x for x in outcome.periods(p, SuppressionRule(3))}
    assert periods[2020].participants.total == 9 and periods[2021].participants.total == 7
    assert periods[None].participants.total == 9 and periods[None].participants.by_gender == (6, 3, 0)
    assert periods[2021].participants.by_gender == (None, None, 0)  # one man: hidden, and the women with him
    assert periods[None].hours == Decimal("25") and periods[None].activities == 2


def test_full_time_share_of_women_at_the_start_and_the_end(project):
    p, falun = project["project"], project["partners"]["falun"]
    for on, rate in ((date(2019, 12, 31), 0.40), (date(2020, 12, 31), 0.35), (date(2021, 6, 30), 0.30),
                     (date(2022, 12, 31), 0.10)):
        Snapshot.objects.create(organisation=falun.organisation, reference_date=on, source_name="x.csv", rows=10,
                                structure={"part_time_rate": {"women": rate, "men": 0.1}})
    assert outcome.full_time(p) == []  # not shared
    falun.shares_figures = True
    falun.save()
    (found,) = outcome.full_time(p)
    assert (found.start, found.end) == (date(2019, 12, 31), date(2021, 6, 30))
    assert found.start_share == pytest.approx(0.60) and found.end_share == pytest.approx(0.70)
    assert found.change == pytest.approx(0.10)


def test_the_final_report_in_three_languages(project, client):
    p = project["project"]
    person = _person(p, project["partners"]["hedemora"], "Anna")
    winter = _activity(p, date(2020, 12, 1), date(2020, 12, 1))
    Attendance.objects.create(activity=winter, participant=person, on=date(2020, 12, 1), hours=Decimal("2"))
    client.force_login(project["lead"])
    for lang, heading in (("de", "Abschlussbericht"), ("sv", "Slutrapport"), ("en", "Final report")):
        response = client.get(f"/projects/{p.slug}/final-report.pdf?lang={lang}", follow=True)
        assert response.redirect_chain[0][0].startswith("/documents/")  # a job renders it
        assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
        text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
        assert heading in text and "Jämställt test" in text


def test_the_final_report_is_its_requesters_while_on_the_staff(project, client):
    """The report's job page and file: only for the user who asked, and only while on the project's staff;
    not through an organisation's document address either."""
    from paritas.web.jobs.models import Job

    p, lead = project["project"], project["lead"]
    client.force_login(lead)
    page = client.get(f"/projects/{p.slug}/final-report.pdf?lang=en")
    job = Job.objects.get(kind=Job.Kind.DOCUMENT)
    assert page["Location"] == f"/documents/{job.pk}/" and job.organisation == p.owner
    assert AuditEvent.objects.filter(action=AuditEvent.Action.EXPORTED, detail__contains="final report").exists()
    assert client.get(f"/documents/{job.pk}/download/")["Content-Type"] == "application/pdf"
    assert client.get(f"/o/{p.owner.slug}/documents/{job.pk}/download/").status_code == 404
    other = User.objects.create_user("other@lst.test", "pw-123456789")
    Membership.objects.create(user=other, organisation=p.owner, role="owner")
    client.force_login(other)
    for url in (f"/documents/{job.pk}/", f"/documents/{job.pk}/download/"):
        assert client.get(url).status_code == 404
    p.staff.remove(lead)
    client.force_login(lead)
    for url in (f"/documents/{job.pk}/", f"/documents/{job.pk}/download/"):
        assert client.get(url).status_code == 404
    client.logout()
    assert client.get(f"/documents/{job.pk}/")["Location"].startswith("/accounts/login/")
    # A job asked for by someone who is not on the staff renders nothing (the renderer asks too).
    from paritas.web.jobs import runner

    foreign = runner.submit(Job.Kind.DOCUMENT, user=other, params={
        "document": "project_final_report", "personal": True, "project": p.slug, "lang": "en"})
    foreign.refresh_from_db()
    assert foreign.state == Job.State.FAILED and not foreign.output


# -- retention and erasure --------------------------------------------------------------------------------

def test_erasure_deletes_an_unreported_person_and_anonymises_a_reported_one(project, client):
    p, parts, lead = project["project"], project["partners"], project["lead"]
    anna = _person(p, parts["hedemora"], "Anna Berg", number=NUMBERS[0])
    olle = _person(p, parts["omsorg"], "Olle Ek", "m", number=NUMBERS[1])
    march = _activity(p, date(2021, 3, 2), date(2021, 3, 2))
    Attendance.objects.create(activity=march, participant=anna, on=date(2021, 3, 2), hours=Decimal("3"))
    reports.report_month(p, date(2021, 3, 1), lead, date(2021, 5, 1))
    client.force_login(lead)
    exported = client.post(f"/projects/{p.slug}/participants/{anna.pk}/", {"action": "export"})
    assert exported.status_code == 200 and b"Anna Berg" in exported.content and b"9876" not in exported.content
    assert client.post(f"/projects/{p.slug}/participants/{olle.pk}/", {"action": "erase"}).status_code == 302
    assert not Participant.objects.filter(pk=olle.pk).exists()
    assert client.post(f"/projects/{p.slug}/participants/{anna.pk}/", {"action": "erase"}).status_code == 302
    anna.refresh_from_db()
    assert anna.anonymised and "Anna" not in anna.name and anna.personal_number_hash == ""
    assert anna.attendances.count() == 1  # the reported hours stay


def test_participants_are_anonymised_after_the_retention_period(project, settings):
    p, lead = project["project"], project["lead"]
    anna = _person(p, project["partners"]["hedemora"], "Anna Berg", number=NUMBERS[0])
    march = _activity(p, date(2021, 3, 2), date(2021, 3, 2))
    Attendance.objects.create(activity=march, participant=anna, on=date(2021, 3, 2), hours=Decimal("3"))
    reports.report_month(p, date(2021, 3, 1), lead, date(2021, 5, 1))
    settings.PROJECT_RETENTION_YEARS = 5
    assert people.due_for_anonymisation(date(2026, 12, 31)) == []  # ended 2021: kept until the end of 2026
    assert people.due_for_anonymisation(date(2027, 1, 1)) == [p]
    settings.PROJECT_RETENTION_YEARS = 0
    call_command("anonymise_projects", verbosity=0)
    anna.refresh_from_db()
    p.refresh_from_db()
    assert anna.anonymised and anna.name != "Anna Berg" and p.anonymised_on is not None
    assert all(not bytes(r.workbook) for r in p.monthly_reports.all())
    assert p.monthly_reports.get().total_hours == Decimal("3")


def test_goals_count_people_not_their_days(project):
    from paritas.web.projects.models import Goal

    p, parts = project["project"], project["partners"]
    anna, olle = _person(p, parts["hedemora"], "Anna"), _person(p, parts["omsorg"], "Olle", "m")
    course = _activity(p, date(2021, 2, 1), date(2021, 2, 3))
    for day in (1, 2, 3):
        Attendance.objects.create(activity=course, participant=anna, on=date(2021, 2, day), hours=Decimal("2"))
    Attendance.objects.create(activity=course, participant=olle, on=date(2020, 12, 1), hours=Decimal("1"))
    goals = [Goal.objects.create(project=p, title=t, measure=m, target=Decimal(n), year=y) for t, m, n, y in (
        ("people", "participants", 2, None), ("women", "women", 1, None), ("people 2021", "participants", 2, 2021),
        ("organisations", "organisations", 2, None), ("hours", "hours", 7, None),
        ("activities", "activities", 1, 2021))]
    values = {g.goal.title: (g.value, g.reached) for g in outcome.goal_values(p)}
    assert values == {"people": (2, True), "women": (1, True), "people 2021": (1, False), "organisations": (2, True),
                      "hours": (7, True), "activities": (1, True)}
    assert len(goals) == 6


def test_hours_are_entered_one_organisation_and_one_page_at_a_time(project, client):
    from paritas.web.projects.views.people import HOURS_PAGE

    p, parts = project["project"], project["partners"]
    Participant.objects.bulk_create([Participant(project=p, partner=parts["hedemora"], name=f"H{i:04d}", gender="f",
                                                 joined_on=p.starts_on) for i in range(HOURS_PAGE + 20)])
    olle = _person(p, parts["omsorg"], "Olle", "m")
    course = _activity(p, date(2021, 2, 1), date(2021, 2, 1))
    client.force_login(project["lead"])
    page = client.get(f"/projects/{p.slug}/activities/{course.pk}/").content.decode()
    assert page.count('name="h') == HOURS_PAGE and "?page=2" in page
    response = client.post(f"/projects/{p.slug}/activities/{course.pk}/", {
        "action": "hours", "on": "2021-02-01", "partner": parts["omsorg"].pk, "page": "1", f"h{olle.pk}": "3.5"})
    assert response.status_code == 302 and f"partner={parts['omsorg'].pk}" in response["Location"]
    assert Attendance.objects.get(participant=olle).hours == Decimal("3.5")
    bad = client.post(f"/projects/{p.slug}/activities/{course.pk}/", {
        "action": "hours", "on": "2021-03-01", "partner": parts["omsorg"].pk, f"h{olle.pk}": "NaN"})
    assert bad.status_code == 400 and Attendance.objects.count() == 1


def test_the_month_list_says_which_workbooks_are_gone(project, client):
    p, lead = project["project"], project["lead"]
    anna = _person(p, project["partners"]["hedemora"], "Anna")
    march = _activity(p, date(2021, 3, 2), date(2021, 3, 2))
    Attendance.objects.create(activity=march, participant=anna, on=date(2021, 3, 2), hours=Decimal("3"))
    report = reports.report_month(p, date(2021, 3, 1), lead, date(2021, 5, 1))
    client.force_login(lead)
    gone = "file deleted after the retention period"
    assert gone not in client.get(f"/projects/{p.slug}/reports/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    MonthlyReport.objects.filter(pk=report.pk).update(workbook=b"")
    assert gone in client.get(f"/projects/{p.slug}/reports/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert client.get(f"/projects/{p.slug}/reports/{report.pk}.xlsx").status_code == 404


def test_a_refused_removal_is_explained_in_the_readers_language(project, client):
    p, group = project["project"], project["group"]
    _person(p, project["partners"]["hedemora"], "Anna", group=group)
    client.force_login(project["lead"])
    response = client.post(f"/projects/{p.slug}/", {"action": "remove_group", "group_id": group.pk},
                           HTTP_ACCEPT_LANGUAGE="sv", follow=True)
    assert "Målgruppen har deltagare; den står kvar." in response.content.decode()
    assert TargetGroup.objects.filter(pk=group.pk).exists()
