"""Award programmes as services: a full round from call to award, and each rule with its negative case."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from paritas.web.accounts.models import User
from paritas.web.awards import services
from paritas.web.awards.models import Application, Award, Criterion, Decision, Question, Round
from paritas.web.organisations.models import Membership, Organisation

BERLIN = ZoneInfo("Europe/Berlin")
CLOSES = datetime(2026, 4, 30, 23, 59, 59, tzinfo=BERLIN)
OPEN = datetime(2026, 3, 1, 10, 0, tzinfo=BERLIN)


@pytest.fixture
def award_round(db, orgs):
    programme = services.install_template("equal_opportunity", "praedikat")
    round_ = Round.objects.create(programme=programme, title="2026", opens_at=datetime(2026, 1, 1, tzinfo=BERLIN),
                                  closes_at=CLOSES)
    jurors = [User.objects.create_user(f"juror{i}@jury.test", "juror-password-1") for i in range(3)]
    round_.jurors.set(jurors)
    for org in (orgs["alpha"]["org"], orgs["beta"]["org"]):
        org.size = 400
        org.save()
    return round_, jurors


def _fill(application, user, now=OPEN):
    for question in services.missing(application):
        value = {"text": "Unsere Maßnahmen …", "yes_no": True, "number": 1}[question.kind]
        answer = application.answers.filter(question=question).first()
        services.save_answer(application, question, value, user, answer.version if answer else 0, now=now)


def test_templates_ship_the_areas_the_issue_names(db):
    eo = services.install_template("equal_opportunity", "eo")
    assert [a.title for a in eo.areas.all()] == [
        "Personalbeschaffung", "Personalentwicklung", "Vereinbarkeit von Beruf und Familie",
        "Partnerschaftliches Verhalten am Arbeitsplatz", "Institutionalisierung von Chancengleichheit", "Strukturdaten"]
    assert eo.validity_years == 3
    ff = services.install_template("family_friendly", "ff")
    assert ff.checklist_threshold == 3
    assert Question.objects.filter(criterion__area__programme=ff, kind="yes_no").count() == 9


def test_a_full_round_from_call_to_award(award_round, orgs):
    round_, jurors = award_round
    alpha, owner = orgs["alpha"]["org"], orgs["alpha"]["owner"]
    application = services.start_application(round_, alpha, now=OPEN)
    # The structural-data section fills itself from the snapshot.
    assert services.attach_snapshot(application, orgs["alpha"]["snapshot"], owner, now=OPEN) == 3
    total = application.answers.get(question__structural_field="employees.total").value
    assert total == 400
    _fill(application, owner)
    assert services.missing(application) == []
    services.submit(application, now=OPEN)
    assert Application.objects.get(pk=application.pk).status == "submitted"

    made = services.assign_balanced(round_, per_application=2)
    assert len(made) == 2
    for assignment in made:
        for criterion in Criterion.objects.filter(area__programme=round_.programme):
            services.save_score(assignment, criterion, 4, "überzeugend", 0)
        services.submit_review(assignment)
    (row,) = services.meeting(round_)
    assert row.reviews == 2 and row.mean == pytest.approx(0.8) and row.spread == 0 and row.rank == 1

    services.decide(application, Decision.Outcome.AWARD, "Vorbildliche Vereinbarkeit.", jurors[0], on=date(2026, 7, 15))
    award = Award.objects.get(application=application)
    assert award.number == 1 and services.validity_label(award) == "2026–2028"  # like "2019–2021" in seed 001
    assert award.valid_until == date(2028, 12, 31)


def test_a_submission_one_second_after_the_close_is_refused(award_round, orgs):
    round_, _jurors = award_round
    owner = orgs["alpha"]["owner"]
    application = services.start_application(round_, orgs["alpha"]["org"], now=OPEN)
    _fill(application, owner)
    from django.utils import translation

    for lang, words in (("en", "closed on 30 April 2026 at 23:59 (Europe/Berlin)"),
                         ("de", "am 30. April 2026 um 23:59 (Europe/Berlin) geschlossen")):
        with translation.override(lang), pytest.raises(ValidationError) as e:
            services.submit(application, now=CLOSES + timedelta(seconds=1))
        assert words in str(e.value), str(e.value)
    services.submit(application, now=CLOSES - timedelta(seconds=1))


def test_two_editors_saving_the_same_answer_lose_nothing(award_round, orgs):
    round_, _jurors = award_round
    application = services.start_application(round_, orgs["alpha"]["org"], now=OPEN)
    question = Question.objects.filter(criterion__area__programme=round_.programme, kind="text").first()
    first = services.save_answer(application, question, "Text von Anna", orgs["alpha"]["owner"], 0, now=OPEN)
    with pytest.raises(services.Conflict) as e:  # the analyst started from version 0 too
        services.save_answer(application, question, "Text von Ali", orgs["alpha"]["analyst"], 0, now=OPEN)
    assert e.value.current == "Text von Anna" and e.value.version == first.version
    services.save_answer(application, question, "Text von Anna und Ali", orgs["alpha"]["analyst"], e.value.version,
                         now=OPEN)
    assert application.answers.get(question=question).value == "Text von Anna und Ali"


def test_two_jurors_saving_at_once_lose_nothing(award_round, orgs):
    round_, jurors = award_round
    application = services.start_application(round_, orgs["alpha"]["org"], now=OPEN)
    _fill(application, orgs["alpha"]["owner"])
    services.submit(application, now=OPEN)
    a, b = services.assign(application, jurors[0]), services.assign(application, jurors[1])
    criterion = Criterion.objects.filter(area__programme=round_.programme).first()
    services.save_score(a, criterion, 3, "A", 0)
    services.save_score(b, criterion, 5, "B", 0)
    assert sorted(s.score for s in a.scores.all()) + sorted(s.score for s in b.scores.all()) == [3, 5]
    with pytest.raises(services.Conflict):
        services.save_score(a, criterion, 4, "A again from a stale form", 0)


def test_jurors_are_blind_until_they_submit(award_round, orgs):
    round_, jurors = award_round
    application = services.start_application(round_, orgs["alpha"]["org"], now=OPEN)
    _fill(application, orgs["alpha"]["owner"])
    services.submit(application, now=OPEN)
    a, b = services.assign(application, jurors[0]), services.assign(application, jurors[1])
    for criterion in Criterion.objects.filter(area__programme=round_.programme):
        services.save_score(a, criterion, 2, "", 0)
        services.save_score(b, criterion, 4, "", 0)
    services.submit_review(b)
    assert services.scores_visible_to(a) == []  # a has not submitted: sees nothing of b
    services.submit_review(a)
    assert {s.score for s in services.scores_visible_to(a)} == {4}


def test_conflict_of_interest_hides_the_application(award_round, orgs):
    round_, jurors = award_round
    application = services.start_application(round_, orgs["alpha"]["org"], now=OPEN)
    _fill(application, orgs["alpha"]["owner"])
    services.submit(application, now=OPEN)
    assignment = services.assign(application, jurors[0])
    assert list(services.visible_applications(jurors[0], round_)) == [application]
    services.declare_conflict(assignment, "früher dort beschäftigt")
    assert list(services.visible_applications(jurors[0], round_)) == []
    with pytest.raises(PermissionDenied):
        services.save_score(assignment, Criterion.objects.first(), 3, "", 0)


def test_a_juror_never_reviews_their_own_organisation(award_round, orgs):
    round_, jurors = award_round
    Membership.objects.create(user=jurors[0], organisation=orgs["alpha"]["org"], role="viewer")
    application = services.start_application(round_, orgs["alpha"]["org"], now=OPEN)
    _fill(application, orgs["alpha"]["owner"])
    services.submit(application, now=OPEN)
    with pytest.raises(ValidationError):
        services.assign(application, jurors[0])
    made = services.assign_balanced(round_, per_application=2)
    assert jurors[0] not in [m.juror for m in made]


def test_balanced_assignment_spreads_the_load(award_round, orgs, db):
    round_, jurors = award_round
    for i in range(6):
        org = Organisation.objects.create(slug=f"o{i}", name=f"O{i}", type="municipality", size=100)
        application = services.start_application(round_, org, now=OPEN)
        _fill(application, orgs["alpha"]["owner"])
        services.submit(application, now=OPEN)
    services.assign_balanced(round_, per_application=2)
    loads = sorted(round_.assignments.filter(juror=j).count() for j in jurors)
    assert sum(loads) == 12 and loads[-1] - loads[0] <= 1


def test_eligibility_checklist_threshold_withdraw_and_copy_from_last_time(db, orgs):
    programme = services.install_template("family_friendly", "ff")
    first = Round.objects.create(programme=programme, title="2025", opens_at=datetime(2025, 1, 1, tzinfo=BERLIN),
                                 closes_at=datetime(2025, 6, 30, tzinfo=BERLIN))
    alpha, owner = orgs["alpha"]["org"], orgs["alpha"]["owner"]
    alpha.size = 5
    alpha.save()
    with pytest.raises(ValidationError):  # 5 employees, the programme asks for 15
        services.start_application(first, alpha, now=datetime(2025, 3, 1, tzinfo=BERLIN))
    alpha.size = 300
    alpha.save()
    application = services.start_application(first, alpha, now=datetime(2025, 3, 1, tzinfo=BERLIN))
    questions = list(Question.objects.filter(criterion__area__programme=programme))
    for q in questions[:2]:
        services.save_answer(application, q, True, owner, 0, now=datetime(2025, 3, 1, tzinfo=BERLIN))
    with pytest.raises(ValidationError) as e:
        services.submit(application, now=datetime(2025, 3, 2, tzinfo=BERLIN))
    assert "3" in str(e.value)
    services.save_answer(application, questions[2], True, owner, 0, now=datetime(2025, 3, 1, tzinfo=BERLIN))
    services.submit(application, now=datetime(2025, 3, 2, tzinfo=BERLIN))
    second = Round.objects.create(programme=programme, title="2026", opens_at=datetime(2026, 1, 1, tzinfo=BERLIN),
                                  closes_at=datetime(2026, 6, 30, tzinfo=BERLIN))
    again = services.start_application(second, alpha, now=datetime(2026, 2, 1, tzinfo=BERLIN))
    assert services.checklist_yes(again) == 3  # carried over from last year
    services.withdraw(again, now=datetime(2026, 2, 2, tzinfo=BERLIN))
    with pytest.raises(ValidationError):
        services.withdraw(again, now=datetime(2026, 7, 1, tzinfo=BERLIN))


def test_the_second_award_counts_and_expiring_awards_are_found(award_round, orgs):
    round_, jurors = award_round
    alpha = orgs["alpha"]["org"]
    application = services.start_application(round_, alpha, now=OPEN)
    _fill(application, orgs["alpha"]["owner"])
    services.submit(application, now=OPEN)
    Award.objects.create(organisation=alpha, programme=round_.programme, awarded_on=date(2023, 7, 1),
                         valid_from=date(2023, 1, 1), valid_until=date(2025, 12, 31), number=1)
    services.decide(application, "award", "Weiter so.", jurors[0], on=date(2026, 7, 15))
    assert Award.objects.get(application=application).number == 2
    assert [a.number for a in services.expiring(date(2028, 9, 1))] == [2]
    with pytest.raises(ValidationError):
        services.decide(application, "award", "   ", jurors[0])


def test_jury_statement_draft_approval_and_certificate(award_round, orgs):
    from django.utils import translation

    from paritas.web.awards import outcome
    from tests.web.test_views import _inflate

    round_, jurors = award_round
    owner = orgs["alpha"]["owner"]
    application = services.start_application(round_, orgs["alpha"]["org"], now=OPEN)
    services.attach_snapshot(application, orgs["alpha"]["snapshot"], owner, now=OPEN)
    _fill(application, owner)
    services.submit(application, now=OPEN)
    assignment = services.assign(application, jurors[0])
    for criterion in Criterion.objects.filter(area__programme=round_.programme):
        services.save_score(assignment, criterion, 4, "Überzeugende Teilzeitführung.", 0)
    services.submit_review(assignment)
    decision = services.decide(application, "award", "Die Jury würdigt die Fortschritte.", jurors[0],
                               on=date(2026, 9, 1))
    text = outcome.draft_statement(decision, "de")
    assert text.startswith("Die Verwaltung hat 400 Mitarbeitende, darunter")
    assert "Unsere Maßnahmen" in text and "Überzeugende Teilzeitführung." in text
    assert "2026 bis 2028" in text and "erste Auszeichnung" in text and "2029" in text  # the 2026 round
    assert "first award" in outcome.draft_statement(decision, "en")
    with pytest.raises(PermissionDenied):  # only the programme's administrators approve
        outcome.approve_statement(decision, jurors[1], text)
    round_.programme.administrators.add(jurors[0])
    with translation.override("en"), pytest.raises(ValidationError):
        outcome.approve_statement(decision, jurors[0], "  ")
    approved = outcome.approve_statement(decision, jurors[0], text + "\n\nRedigiert.")
    assert approved.statement_approved_by == jurors[0] and approved.statement.endswith("Redigiert.")
    pdf = outcome.certificate_pdf(Award.objects.get(application=application), "de")
    assert pdf.startswith(b"%PDF") and b"/StructTreeRoot" in _inflate(pdf) and b"/Lang (de)" in _inflate(pdf)


def test_mails_when_a_round_opens_a_week_before_it_closes_and_before_an_award_expires(award_round, orgs):
    from django.core import mail

    from paritas.web.awards import mail as award_mail

    round_, _jurors = award_round
    alpha, beta = orgs["alpha"]["org"], orgs["beta"]["org"]
    beta.language = "sv"
    beta.save()
    counts = award_mail.send_due(OPEN)
    assert counts["opened"] == 2  # the owners of both eligible organisations
    subjects = {m.to[0]: m.subject for m in mail.outbox}
    assert "Prädikat Chancengleichheit" in subjects["owner@alpha.test"]
    assert "utlysningen är öppen" in subjects["owner@beta.test"]  # in the organisation's language
    assert award_mail.send_due(OPEN)["opened"] == 0  # once only

    services.start_application(round_, alpha, now=OPEN)
    mail.outbox.clear()
    counts = award_mail.send_due(CLOSES - timedelta(days=3))
    assert counts["closing"] == 1 and mail.outbox[0].to == ["owner@alpha.test"]
    assert "30. April 2026" in mail.outbox[0].body

    Award.objects.create(organisation=alpha, programme=round_.programme, awarded_on=date(2024, 7, 1),
                         valid_from=date(2024, 1, 1), valid_until=date(2026, 12, 31), number=1)
    mail.outbox.clear()
    assert award_mail.send_due(datetime(2026, 9, 1, 9, 0, tzinfo=BERLIN))["expiring"] == 1
    assert "2024–2026" in mail.outbox[0].body
    assert award_mail.send_due(datetime(2026, 9, 2, 9, 0, tzinfo=BERLIN))["expiring"] == 0


def test_each_juror_gets_one_mail_with_their_new_assignments(award_round, orgs):
    from django.core import mail

    from paritas.web.awards import mail as award_mail

    round_, jurors = award_round
    jurors[1].language = "sv"
    jurors[1].save()
    applications = []
    for slug in ("alpha", "beta"):
        application = services.start_application(round_, orgs[slug]["org"], now=OPEN)
        _fill(application, orgs[slug]["owner"])
        services.submit(application, now=OPEN)
        applications.append(application)
    for application in applications:
        services.assign(application, jurors[0])
    services.declare_conflict(services.assign(applications[0], jurors[1]), "Nachbarstadt")
    services.assign(applications[1], jurors[1])
    mail.outbox.clear()
    assert award_mail.send_due(OPEN)["jurors"] == 2
    bodies = {m.to[0]: m.body for m in mail.outbox if m.to[0].startswith("juror")}
    assert "Alpha" in bodies["juror0@jury.test"] and "Beta" in bodies["juror0@jury.test"]
    assert "Alpha" not in bodies["juror1@jury.test"]  # declared a conflict: not told about it
    assert "tilldelats dig" in bodies["juror1@jury.test"]  # in the juror's language
    assert award_mail.send_due(OPEN)["jurors"] == 0  # once only


def test_a_decision_can_change_until_its_statement_is_approved(award_round, orgs):
    from paritas.web.awards import outcome

    round_, jurors = award_round
    application = services.start_application(round_, orgs["alpha"]["org"], now=OPEN)
    _fill(application, orgs["alpha"]["owner"])
    services.submit(application, now=OPEN)
    services.decide(application, Decision.Outcome.AWARD, "Vorbildlich.", jurors[0])
    assert Award.objects.filter(application=application).exists()
    with pytest.raises(ValidationError):  # decided: no withdrawing any more
        services.withdraw(application, now=OPEN)
    services.decide(application, Decision.Outcome.DEFER, "Erst die Zahlen von 2026 abwarten.", jurors[0])
    assert not Award.objects.filter(application=application).exists()  # the award is taken back
    with pytest.raises(ValidationError):
        services.decide(application, "gold", "?", jurors[0])
    decision = services.decide(application, Decision.Outcome.AWARD, "Vorbildlich.", jurors[0])
    assert Award.objects.get(application=application).number == 1
    round_.programme.administrators.add(jurors[0])
    outcome.approve_statement(decision, jurors[0], "Die Jury würdigt …")
    with pytest.raises(ValidationError):
        services.decide(application, Decision.Outcome.NOT_THIS_TIME, "Doch nicht.", jurors[0])
    assert Award.objects.filter(application=application).exists()


def test_text_with_a_nul_character_is_refused_with_a_message(award_round, orgs):
    round_, _jurors = award_round
    application = services.start_application(round_, orgs["alpha"]["org"], now=OPEN)
    question = Question.objects.filter(criterion__area__programme=round_.programme, kind="text").first()
    with pytest.raises(ValidationError) as refused:
        services.save_answer(application, question, "aus einem PDF\x00kopiert", orgs["alpha"]["owner"], 0, now=OPEN)
    assert "NUL" in str(refused.value)
    assert not application.answers.filter(question=question).exclude(value=None).exists()


def _submitted(award_round, orgs, slug="alpha"):
    round_, jurors = award_round
    application = services.start_application(round_, orgs[slug]["org"], now=OPEN)
    _fill(application, orgs[slug]["owner"])
    services.submit(application, now=OPEN)
    return application, jurors


def test_a_decision_before_the_round_has_closed_is_refused(award_round, orgs):
    from django.utils import translation

    application, jurors = _submitted(award_round, orgs)
    with translation.override("en"), pytest.raises(ValidationError, match="decisions can be recorded after the close"):
        services.decide(application, "award", "Vorbildlich.", jurors[0], now=CLOSES - timedelta(minutes=1))
    assert not Award.objects.exists()
    services.decide(application, "award", "Vorbildlich.", jurors[0], now=CLOSES + timedelta(seconds=1))
    assert Award.objects.filter(application=application).exists()


def test_the_validity_follows_the_round_not_the_day_of_the_decision(award_round, orgs):
    application, jurors = _submitted(award_round, orgs)
    # the 2026 round (closing 30 April 2026), decided in February of the next year
    services.decide(application, "award", "Vorbildlich.", jurors[0], on=date(2027, 2, 3),
                    now=datetime(2027, 2, 3, 12, 0, tzinfo=BERLIN))
    award = Award.objects.get(application=application)
    assert (award.valid_from, award.valid_until) == (date(2026, 1, 1), date(2028, 12, 31))
    assert award.validity == "2026–2028"
    assert award.awarded_on == date(2027, 2, 3)


def test_an_award_that_would_overlap_one_still_valid_is_refused_with_a_message(award_round, orgs):
    application, jurors = _submitted(award_round, orgs)
    alpha = orgs["alpha"]["org"]
    Award.objects.create(organisation=alpha, programme=application.round.programme, awarded_on=date(2025, 7, 1),
                         valid_from=date(2025, 1, 1), valid_until=date(2027, 12, 31), number=1)
    with pytest.raises(ValidationError) as refused:
        services.decide(application, "award", "Vorbildlich.", jurors[0])
    assert "2025–2027" in str(refused.value) and "2026–2028" in str(refused.value)
    assert Award.objects.filter(organisation=alpha).count() == 1
    assert not Decision.objects.filter(application=application).exists()  # nothing half-recorded
    services.decide(application, "not_this_time", "Läuft noch.", jurors[0])
