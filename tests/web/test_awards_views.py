"""The awards pages as applicants, jurors and administrators use them, each permission rule with its
negative case (the isolation test adds every URL against an outsider)."""

from __future__ import annotations

import threading
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from paritas.web.accounts.models import User
from paritas.web.awards import services
from paritas.web.awards.models import (
    Answer,
    Application,
    Area,
    Assignment,
    Award,
    Criterion,
    Decision,
    Programme,
    Question,
    Round,
)
from paritas.web.organisations.models import Membership, Organisation


@pytest.fixture(autouse=True)
def _english(client):
    """The pages in English unless a test asks for another language."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


@pytest.fixture
def call(db, orgs):
    """An open round of the equal-opportunity award; alpha and beta are eligible; two jurors, one admin."""
    now = timezone.now()
    programme = services.install_template("equal_opportunity", "praedikat")
    admin = User.objects.create_user("chair@jury.test", "chair-password-1")
    programme.administrators.add(admin)
    round_ = Round.objects.create(programme=programme, title="2027", opens_at=now - timedelta(days=1),
                                  closes_at=now + timedelta(days=30))
    jurors = [User.objects.create_user(f"juror{i}@jury.test", "juror-password-1") for i in range(2)]
    round_.jurors.set(jurors)
    for org in (orgs["alpha"]["org"], orgs["beta"]["org"]):
        org.size = 400
        org.save()
    return {"programme": programme, "round": round_, "jurors": jurors, "admin": admin}


def _complete(application, user):
    for question in services.missing(application):
        value = {"text": "Mentoring für Frauen in Führung", "yes_no": True, "number": 1}[question.kind]
        answer = application.answers.filter(question=question).first()
        services.save_answer(application, question, value, user, answer.version if answer else 0)


def _submitted(call, orgs, slug="alpha"):
    application = services.start_application(call["round"], orgs[slug]["org"])
    _complete(application, orgs[slug]["owner"])
    services.submit(application)
    return application


# ------------------------------------------------------------------------------------------------------
# Applicants


def test_an_applicant_starts_fills_autosaves_and_submits(client, orgs, call):
    client.force_login(orgs["alpha"]["analyst"])
    page = client.get("/o/alpha/awards/").content.decode()
    assert "Prädikat Chancengleichheit" in page and "2027" in page
    response = client.post("/o/alpha/awards/", {"round": call["round"].pk})
    application = Application.objects.get(organisation=orgs["alpha"]["org"])
    assert response.status_code == 302 and response["Location"].endswith(f"/a/{application.pk}/")
    editor = client.get(f"/o/alpha/awards/a/{application.pk}/").content.decode()
    assert "Personalbeschaffung" in editor and 'data-autosave="' in editor and "Still missing" in editor

    text = Question.objects.filter(criterion__area__programme=call["programme"], kind="text").first()
    url = f"/o/alpha/awards/a/{application.pk}/answer/{text.pk}/"
    saved = client.post(url, {"value": "Mentoring", "version": 0})
    assert saved.status_code == 200 and saved.json()["version"] == 1
    assert Answer.objects.get(application=application, question=text).value == "Mentoring"
    still = client.get(f"/o/alpha/awards/a/{application.pk}/missing/").json()["missing"]
    assert text.pk not in still and still == [q.pk for q in services.missing(application)] and still

    # The structural data fills itself from the snapshot.
    client.post(f"/o/alpha/awards/a/{application.pk}/snapshot/", {"snapshot": orgs["alpha"]["snapshot"].pk})
    assert application.answers.get(question__structural_field="employees.total").value == 400
    share = orgs["alpha"]["snapshot"].structure["women_share"]
    assert application.answers.get(question__structural_field="women_share").value == round(100 * share, 1)
    # A German number is read in German: "2.984" is two thousand nine hundred and eighty-four.
    number = Question.objects.get(criterion__area__programme=call["programme"], structural_field="employees.total")
    version = application.answers.get(question=number).version
    assert client.post(f"/o/alpha/awards/a/{application.pk}/answer/{number.pk}/",
                       {"value": "2.984", "version": version}, HTTP_ACCEPT_LANGUAGE="de").status_code == 200
    assert application.answers.get(question=number).value == 2984

    # Submitting with gaps names them; after completing, it is read-only.
    response = client.post(f"/o/alpha/awards/a/{application.pk}/submit/", {"confirm": "yes"}, follow=True)
    assert "Still missing: " in response.content.decode()
    _complete(application, orgs["alpha"]["owner"])
    client.post(f"/o/alpha/awards/a/{application.pk}/submit/", {"confirm": "yes"})
    application.refresh_from_db()
    assert application.status == "submitted"
    editor = client.get(f"/o/alpha/awards/a/{application.pk}/").content.decode()
    assert 'data-autosave="' not in editor and "Mentoring" in editor
    assert client.post(url, {"value": "changed after submission", "version": 1}).status_code == 400
    assert Answer.objects.get(application=application, question=text).value == "Mentoring"


def test_two_editors_at_once_through_the_autosave(client, orgs, call):
    application = services.start_application(call["round"], orgs["alpha"]["org"])
    text = Question.objects.filter(criterion__area__programme=call["programme"], kind="text").first()
    url = f"/o/alpha/awards/a/{application.pk}/answer/{text.pk}/"
    client.force_login(orgs["alpha"]["owner"])
    assert client.post(url, {"value": "Annas Fassung", "version": 0}).status_code == 200
    client.force_login(orgs["alpha"]["analyst"])  # loaded the page at version 0 too
    clash = client.post(url, {"value": "Alis Fassung", "version": 0})
    assert clash.status_code == 409
    assert clash.json()["current"] == "Annas Fassung" and clash.json()["version"] == 1
    assert Answer.objects.get(application=application, question=text).value == "Annas Fassung"
    # Having seen Anna's version, Ali saves on top of it.
    assert client.post(url, {"value": "Annas und Alis Fassung", "version": 1}).status_code == 200


@pytest.mark.django_db(transaction=True)
def test_concurrent_saves_from_the_same_version_keep_exactly_one(orgs, call):
    """Eight editors save the same answer at the same moment from version 0: one wins, seven are told."""
    from django.db import connection

    application = services.start_application(call["round"], orgs["alpha"]["org"])
    text = Question.objects.filter(criterion__area__programme=call["programme"], kind="text").first()
    barrier, outcomes = threading.Barrier(8), []

    def edit(i: int) -> None:
        barrier.wait()
        try:
            services.save_answer(application, text, f"Fassung {i}", orgs["alpha"]["owner"], 0)
            outcomes.append(("saved", i))
        except services.Conflict as exc:
            outcomes.append(("conflict", exc.current))
        finally:
            connection.close()

    threads = [threading.Thread(target=edit, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    winners = [i for kind, i in outcomes if kind == "saved"]
    assert len(winners) == 1 and len(outcomes) == 8
    answer = Answer.objects.get(application=application, question=text)
    assert answer.value == f"Fassung {winners[0]}" and answer.version == 1


def test_a_viewer_reads_but_does_not_write(client, orgs, call):
    application = services.start_application(call["round"], orgs["alpha"]["org"])
    text = Question.objects.filter(criterion__area__programme=call["programme"], kind="text").first()
    client.force_login(orgs["alpha"]["viewer"])
    page = client.get(f"/o/alpha/awards/a/{application.pk}/")
    assert page.status_code == 200 and 'data-autosave="' not in page.content.decode()
    assert client.post(f"/o/alpha/awards/a/{application.pk}/answer/{text.pk}/",
                       {"value": "x", "version": 0}).status_code == 403
    assert client.post(f"/o/alpha/awards/a/{application.pk}/submit/", {"confirm": "yes"}).status_code == 403
    assert client.post(f"/o/alpha/awards/a/{application.pk}/").status_code == 403
    assert client.post("/o/alpha/awards/", {"round": call["round"].pk}).status_code == 403


def test_applicants_see_only_their_own_applications(client, orgs, call):
    beta_application = services.start_application(call["round"], orgs["beta"]["org"])
    client.force_login(orgs["alpha"]["owner"])
    # Beta's application through Alpha's organisation address: not found, not forbidden.
    assert client.get(f"/o/alpha/awards/a/{beta_application.pk}/").status_code == 404
    assert client.get(f"/o/beta/awards/a/{beta_application.pk}/").status_code == 404
    assert "Beta" not in client.get("/o/alpha/awards/").content.decode()


def test_a_submission_one_second_after_the_close_is_refused_in_the_browser_flow(client, orgs, call):
    application = services.start_application(call["round"], orgs["alpha"]["org"])
    _complete(application, orgs["alpha"]["owner"])
    round_ = call["round"]
    round_.closes_at = timezone.now() - timedelta(seconds=1)
    round_.save()
    client.force_login(orgs["alpha"]["owner"])
    page = client.post(f"/o/alpha/awards/a/{application.pk}/submit/", {"confirm": "yes"}, follow=True,
                       HTTP_ACCEPT_LANGUAGE="en")
    assert "applications can no longer be submitted or changed" in page.content.decode()
    application.refresh_from_db()
    assert application.status == "draft"


def test_file_answers_are_checked_kept_and_downloadable(client, orgs, call):
    from django.core.files.uploadedfile import SimpleUploadedFile

    criterion = Criterion.objects.filter(area__programme=call["programme"]).first()
    question = Question.objects.create(criterion=criterion, text="Gleichstellungsplan", kind="file")
    application = services.start_application(call["round"], orgs["alpha"]["org"])
    client.force_login(orgs["alpha"]["owner"])
    url = f"/o/alpha/awards/a/{application.pk}/answer/{question.pk}/"
    refused = client.post(url, {"value": SimpleUploadedFile("plan.exe", b"MZ"), "version": 0})
    assert refused.status_code == 400 and "plan.exe" in refused.json()["error"]
    saved = client.post(url, {"value": SimpleUploadedFile("plan.pdf", b"%PDF-1.4 plan"), "version": 0})
    assert saved.status_code == 200
    answer = Answer.objects.get(application=application, question=question)
    download = client.get(f"/o/alpha/awards/a/{application.pk}/file/{answer.value['attachment']}/")
    assert download.content == b"%PDF-1.4 plan" and download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"] == 'attachment; filename="plan.pdf"'
    # Copied to the next application with the other answers.
    later = Round.objects.create(programme=call["programme"], title="2030", opens_at=timezone.now() - timedelta(1),
                                 closes_at=timezone.now() + timedelta(days=9))
    copy = services.start_application(later, orgs["alpha"]["org"])
    copied = copy.answers.get(question=question).value
    assert copied["attachment"] != answer.value["attachment"]
    assert bytes(copy.attachments.get(pk=copied["attachment"]).content) == b"%PDF-1.4 plan"


# ------------------------------------------------------------------------------------------------------
# Jurors


def test_a_juror_scores_blind_and_sees_the_others_after_submitting(client, orgs, call):
    application = _submitted(call, orgs)
    a, b = (services.assign(application, j) for j in call["jurors"])
    criteria = list(Criterion.objects.filter(area__programme=call["programme"]))
    for c in criteria:
        services.save_score(b, c, 4, "Note of juror B", 0)
    services.submit_review(b)

    client.force_login(call["jurors"][0])
    assert "Alpha" in client.get("/jury/").content.decode()
    page = client.get(f"/jury/{a.pk}/").content.decode()
    assert "Mentoring für Frauen in Führung" in page and "Note of juror B" not in page
    for c in criteria:
        response = client.post(f"/jury/{a.pk}/score/{c.pk}/", {"score": 3, "comment": "A", "version": 0})
        assert response.status_code == 200
    assert client.post(f"/jury/{a.pk}/score/{criteria[0].pk}/", {"score": 9, "version": 1}).status_code == 400
    client.post(f"/jury/{a.pk}/submit/")
    page = client.get(f"/jury/{a.pk}/").content.decode()
    assert "Note of juror B" in page and 'data-autosave="' not in page
    assert client.post(f"/jury/{a.pk}/score/{criteria[0].pk}/", {"score": 1, "version": 1}).status_code == 400


def test_a_juror_sees_only_assignments_and_a_conflict_hides_the_application(client, orgs, call):
    application = _submitted(call, orgs)
    assignment = services.assign(application, call["jurors"][0])
    client.force_login(call["jurors"][1])  # on the jury, not assigned
    assert client.get(f"/jury/{assignment.pk}/").status_code == 404
    assert "Alpha" not in client.get("/jury/").content.decode()
    client.force_login(call["jurors"][0])
    assert client.get(f"/jury/{assignment.pk}/").status_code == 200
    client.post(f"/jury/{assignment.pk}/conflict/", {"reason": "Ich war dort beschäftigt."})
    assert Assignment.objects.get(pk=assignment.pk).conflict_declared
    assert client.get(f"/jury/{assignment.pk}/").status_code == 404
    assert client.post(f"/jury/{assignment.pk}/score/1/", {"score": 1}).status_code == 404
    assert "Alpha" not in client.get("/jury/").content.decode()


def test_two_jurors_saving_at_once_through_the_score_sheet(client, orgs, call):
    application = _submitted(call, orgs)
    a, b = (services.assign(application, j) for j in call["jurors"])
    criterion = Criterion.objects.filter(area__programme=call["programme"]).first()
    client.force_login(call["jurors"][0])
    first = client.post(f"/jury/{a.pk}/score/{criterion.pk}/", {"score": 2, "comment": "A", "version": 0})
    assert first.status_code == 200
    client.force_login(call["jurors"][1])
    second = client.post(f"/jury/{b.pk}/score/{criterion.pk}/", {"score": 5, "comment": "B", "version": 0})
    assert second.status_code == 200
    assert {(s.assignment_id, s.score) for s in criterion_scores(criterion)} == {(a.pk, 2), (b.pk, 5)}
    # The same juror in a second tab with a stale version is told, and nothing is overwritten.
    assert client.post(f"/jury/{b.pk}/score/{criterion.pk}/", {"score": 1, "version": 0}).status_code == 409
    assert b.scores.get(criterion=criterion).score == 5


def criterion_scores(criterion):
    from paritas.web.awards.models import Score

    return Score.objects.filter(criterion=criterion)


# ------------------------------------------------------------------------------------------------------
# Programme administrators


ADMIN_PAGES = ("/programmes/praedikat/", "/programmes/praedikat/catalogue/", "/programmes/praedikat/rounds/{round}/",
               "/programmes/praedikat/rounds/{round}/meeting/", "/programmes/praedikat/applications/{application}/")


def test_administrators_reach_only_their_programme(client, orgs, call):
    application = _submitted(call, orgs)
    other = services.install_template("family_friendly", "other")
    other_admin = User.objects.create_user("other@jury.test", "other-password-1")
    other.administrators.add(other_admin)
    pages = [p.format(round=call["round"].pk, application=application.pk) for p in ADMIN_PAGES]
    client.force_login(call["admin"])
    for page in pages:
        assert client.get(page).status_code == 200, page
    assert client.get("/programmes/other/").status_code == 404
    for who in (other_admin, call["jurors"][0], orgs["alpha"]["owner"]):
        client.force_login(who)
        for page in pages:
            assert client.get(page).status_code == 404, (who.email, page)
            assert client.post(page, {"action": "settings"}).status_code == 404, (who.email, page)
    # A round or application of another programme through this programme's address: not found.
    client.force_login(other_admin)
    assert client.get(f"/programmes/other/rounds/{call['round'].pk}/").status_code == 404
    assert client.get(f"/programmes/other/applications/{application.pk}/").status_code == 404


def test_staff_create_a_programme_from_a_template_others_cannot(client, orgs):
    client.force_login(orgs["alpha"]["owner"])
    assert client.post("/programmes/", {"template": "family_friendly", "name": "X", "slug": "x"}).status_code == 403
    staff = User.objects.create_user("staff@paritas.test", "staff-password-1", is_staff=True)
    client.force_login(staff)
    response = client.post("/programmes/", {"template": "family_friendly", "name": "Familie 2027",
                                            "slug": "familie-2027", "language": "de"})
    programme = Programme.objects.get(slug="familie-2027")
    assert response["Location"] == "/programmes/familie-2027/" and programme.administrators.filter(pk=staff.pk)
    again = client.post("/programmes/", {"template": "family_friendly", "name": "Y", "slug": "familie-2027",
                                         "language": "de"})
    assert again.status_code == 200 and Programme.objects.filter(slug="familie-2027").count() == 1


def test_the_catalogue_is_edited_in_the_browser(client, orgs, call):
    programme = call["programme"]
    client.force_login(call["admin"])
    url = "/programmes/praedikat/catalogue/"
    client.post(url, {"action": "add_area", "title": "Diversität"})
    area = Area.objects.get(programme=programme, title="Diversität")
    assert area.order == 6
    client.post(url, {"action": "add_criterion", "pk": area.pk})
    criterion = area.criteria.get()
    response = client.post(url, {"action": "save", "kind": "criterion", "pk": criterion.pk,
                                 f"criterion{criterion.pk}-title": "Vielfalt im Team",
                                 f"criterion{criterion.pk}-scale_max": 5, f"criterion{criterion.pk}-weight": "2",
                                 f"criterion{criterion.pk}-minimum": 7})
    assert response.status_code == 200 and "The minimum is above the highest score." in response.content.decode()
    client.post(url, {"action": "save", "kind": "criterion", "pk": criterion.pk,
                      f"criterion{criterion.pk}-title": "Vielfalt im Team", f"criterion{criterion.pk}-scale_max": 5,
                      f"criterion{criterion.pk}-weight": "2", f"criterion{criterion.pk}-minimum": 3})
    criterion.refresh_from_db()
    assert (criterion.title, criterion.weight, criterion.minimum) == ("Vielfalt im Team", 2, 3)
    client.post(url, {"action": "add_question", "pk": criterion.pk})
    question = criterion.questions.get()
    bad = client.post(url, {"action": "save", "kind": "question", "pk": question.pk,
                            f"question{question.pk}-text": "Welche Sprachen?", f"question{question.pk}-kind": "single",
                            f"question{question.pk}-choices_text": "Deutsch"})
    assert "Give at least two options." in bad.content.decode()
    client.post(url, {"action": "save", "kind": "question", "pk": question.pk,
                      f"question{question.pk}-text": "Welche Sprachen?", f"question{question.pk}-kind": "multiple",
                      f"question{question.pk}-required": "on",
                      f"question{question.pk}-choices_text": "Deutsch\nTürkisch"})
    question.refresh_from_db()
    assert question.kind == "multiple" and question.choices == ["Deutsch", "Türkisch"]
    client.post(url, {"action": "up", "kind": "area", "pk": area.pk})
    assert [a.title for a in programme.areas.all()][-2:] == ["Diversität", "Strukturdaten"]
    # Answered questions stay; unanswered ones can go.
    answered = Question.objects.filter(criterion__area__programme=programme, kind="text").first()
    application = services.start_application(call["round"], orgs["alpha"]["org"])
    services.save_answer(application, answered, "Antwort", orgs["alpha"]["owner"], 0)
    page = client.post(url, {"action": "delete", "kind": "question", "pk": answered.pk}, follow=True)
    assert Question.objects.filter(pk=answered.pk).exists() and "cannot be removed" in page.content.decode()
    client.post(url, {"action": "delete", "kind": "question", "pk": question.pk})
    assert not Question.objects.filter(pk=question.pk).exists()
    # Another programme's parts cannot be reached through this catalogue.
    other = services.install_template("family_friendly", "other")
    foreign = Area.objects.filter(programme=other).first()
    assert client.post(url, {"action": "delete", "kind": "area", "pk": foreign.pk}).status_code == 404
    assert Area.objects.filter(pk=foreign.pk).exists()


def test_a_round_is_set_up_in_its_own_time_zone(client, orgs, call):
    client.force_login(call["admin"])
    response = client.post("/programmes/praedikat/", {
        "action": "round", "title": "Stockholm 2027", "time_zone": "Europe/Stockholm",
        "opens_local": "2027-01-10T09:00", "closes_local": "2027-04-30T23:59", "fee_note": "500 kr"})
    round_ = Round.objects.get(title="Stockholm 2027")
    assert response.status_code == 302
    assert round_.closes_at == datetime(2027, 4, 30, 21, 59, tzinfo=ZoneInfo("UTC"))  # CEST is UTC+2
    bad = client.post("/programmes/praedikat/", {"action": "round", "title": "Falsch", "time_zone": "Europe/Berlin",
                                                 "opens_local": "2027-05-01T00:00", "closes_local": "2027-04-30T00:00"})
    assert "The round must close after it opens." in bad.content.decode()
    page = client.get(f"/programmes/praedikat/rounds/{round_.pk}/").content.decode()
    assert 'value="2027-04-30T23:59"' in page


def test_jury_assignment_meeting_decision_statement_and_certificate(client, orgs, call):
    application = _submitted(call, orgs)
    client.force_login(call["admin"])
    round_url = f"/programmes/praedikat/rounds/{call['round'].pk}/"
    client.post(round_url, {"action": "add_juror", "email": orgs["alpha"]["analyst"].email})
    # Alpha's analyst joins the jury but is never given Alpha's application.
    client.post(round_url, {"action": "balanced", "per_application": 3})
    jurors = set(application.assignments.values_list("juror__email", flat=True))
    assert jurors == {"juror0@jury.test", "juror1@jury.test"}
    refused = client.post(round_url, {"action": "assign", "application": application.pk,
                                      "juror": orgs["alpha"]["analyst"].pk}, follow=True)
    assert "own organisation" in refused.content.decode()
    for assignment in application.assignments.all():
        for c in Criterion.objects.filter(area__programme=call["programme"]):
            services.save_score(assignment, c, 4 if assignment.juror.email.startswith("juror0") else 2, "gut", 0)
        services.submit_review(assignment)
    meeting = client.get(f"{round_url}meeting/").content.decode()
    # Mean of 80 % and 40 %, spread 40 points; criteria with minimum 2: mean 3 ≥ 2, none below.
    assert "<td>60 %</td>" in meeting and "<td>40</td>" in meeting and "Alpha" in meeting
    minutes = client.get(f"{round_url}meeting.csv").content.decode("utf-8-sig").splitlines()
    assert minutes[0].startswith("Rank,Organisation") and minutes[1] == "1,Alpha,2,60 %,40,–,–"

    app_url = f"/programmes/praedikat/applications/{application.pk}/"
    early = client.post(app_url, {"action": "decide", "outcome": "award", "reasons": "Vorbildlich."}, follow=True)
    assert "decisions can be recorded after the close" in early.content.decode()
    assert not Decision.objects.filter(application=application).exists()
    Round.objects.filter(pk=call["round"].pk).update(closes_at=timezone.now() - timedelta(minutes=1))
    client.post(app_url, {"action": "decide", "outcome": "award", "reasons": "Vorbildlich."})
    decision = Decision.objects.get(application=application)
    award = Award.objects.get(application=application)
    page = client.get(app_url).content.decode()
    assert "It is the first award of the organisation" in page or "erste Auszeichnung" in page  # the draft
    client.force_login(orgs["alpha"]["owner"])
    certificate = f"/o/alpha/awards/certificate/{award.pk}.pdf"
    assert client.get(certificate).status_code == 404  # not before the chair approves the statement
    client.force_login(call["admin"])
    client.post(app_url, {"action": "approve", "statement": "Die Jury würdigt …"})
    decision.refresh_from_db()
    assert decision.statement_approved_by == call["admin"] and decision.statement == "Die Jury würdigt …"
    client.force_login(orgs["alpha"]["owner"])
    pdf = client.get(certificate, follow=True)  # through the document job's page
    assert pdf.redirect_chain[0][0].startswith("/o/alpha/documents/")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert "Die Jury würdigt" in client.get("/o/alpha/awards/").content.decode()
    client.force_login(orgs["beta"]["owner"])
    assert client.get(f"/o/beta/awards/certificate/{award.pk}.pdf").status_code == 404


def test_a_juror_with_a_submitted_review_stays_on_the_jury(client, orgs, call):
    application = _submitted(call, orgs)
    assignment = services.assign(application, call["jurors"][0])
    for c in Criterion.objects.filter(area__programme=call["programme"]):
        services.save_score(assignment, c, 3, "", 0)
    services.submit_review(assignment)
    client.force_login(call["admin"])
    round_url = f"/programmes/praedikat/rounds/{call['round'].pk}/"
    client.post(round_url, {"action": "remove_juror", "user": call["jurors"][0].pk})
    client.post(round_url, {"action": "unassign", "assignment": assignment.pk})
    assert call["round"].jurors.filter(pk=call["jurors"][0].pk).exists()
    assert Assignment.objects.filter(pk=assignment.pk).exists()


def test_drafts_and_withdrawn_applications_stay_with_the_applicant(client, orgs, call):
    draft = services.start_application(call["round"], orgs["beta"]["org"])
    submitted = _submitted(call, orgs)
    client.force_login(call["admin"])
    assert client.get(f"/programmes/praedikat/applications/{draft.pk}/").status_code == 404
    page = client.get(f"/programmes/praedikat/rounds/{call['round'].pk}/").content.decode()
    assert "Beta" not in page and "Alpha" in page and "1 in preparation and 0 withdrawn" in page
    with pytest.raises(ValidationError):
        services.assign(draft, call["jurors"][0])
    assignment = services.assign(submitted, call["jurors"][0])
    # Withdrawn before the deadline: gone from jury and administrators, and the applicant can resume it.
    services.withdraw(submitted)
    client.force_login(call["jurors"][0])
    assert client.get(f"/jury/{assignment.pk}/").status_code == 404
    client.force_login(call["admin"])
    assert client.get(f"/programmes/praedikat/applications/{submitted.pk}/").status_code == 404
    client.force_login(orgs["alpha"]["owner"])
    assert "Resume the application" in client.get("/o/alpha/awards/").content.decode()
    client.post("/o/alpha/awards/", {"round": call["round"].pk})
    submitted.refresh_from_db()
    assert submitted.status == "draft" and submitted.answers.exclude(value=None).exists()


def test_an_add_on_is_open_to_holders_and_applicants_of_the_main_award(client, orgs, call):
    add_on = services.install_template("family_friendly", "diversitaet", name="Zusatzprädikat Diversität")
    add_on.add_on_to = call["programme"]
    add_on.save()
    now = timezone.now()
    extra = Round.objects.create(programme=add_on, title="2027", opens_at=now - timedelta(days=1),
                                 closes_at=now + timedelta(days=30))
    with pytest.raises(ValidationError) as refused:
        services.start_application(extra, orgs["alpha"]["org"])
    assert "Prädikat Chancengleichheit" in str(refused.value)
    services.start_application(call["round"], orgs["alpha"]["org"])  # applies for the main award now
    assert services.start_application(extra, orgs["alpha"]["org"]).round == extra
    Award.objects.create(organisation=orgs["beta"]["org"], programme=call["programme"],
                         awarded_on=now.date(), valid_from=now.date().replace(month=1, day=1),
                         valid_until=services.valid_until(now.date(), 3), number=1)
    assert services.eligibility_problems(add_on, orgs["beta"]["org"]) == []  # holds the main award
    client.force_login(orgs["alpha"]["owner"])
    assert "An add-on to Prädikat Chancengleichheit." in client.get("/o/alpha/awards/").content.decode()


def test_the_meeting_table_against_a_hand_computation(orgs, call):
    """Weights 2 and 1, three applications: totals, mean, spread, below-minimum and shared ranks."""
    gamma = Organisation.objects.create(slug="gamma", name="Gamma", type="municipality", size=400)
    member = User.objects.create_user("owner@gamma.test", "gamma-password-1")
    Membership.objects.create(user=member, organisation=gamma, role="owner")
    orgs["gamma"] = {"org": gamma, "owner": member}
    criteria = list(Criterion.objects.filter(area__programme=call["programme"]))
    criteria[0].weight = 2
    criteria[0].save()
    # Juror scores per application: (juror 0, juror 1), the same score on every criterion but the first.
    plan = {"alpha": ((5, 4), (3, 2)), "beta": ((4, 4), (4, 4)), "gamma": ((1, 1), (1, 1))}
    applications = {}
    for slug, per_juror in plan.items():
        application = _submitted(call, orgs, slug)
        applications[slug] = application
        for juror, (first, rest) in zip(call["jurors"], per_juror, strict=True):
            assignment = services.assign(application, juror)
            for c in criteria:
                services.save_score(assignment, c, first if c == criteria[0] else rest, "", 0)
            services.submit_review(assignment)
    n = len(criteria)

    def total(first: int, rest: int) -> float:  # Σ w·s ÷ Σ w·5 with weights 2, 1, 1, …
        return (2 * first + rest * (n - 1)) / (5 * (2 + n - 1))

    rows = {r.application.organisation.slug: r for r in services.meeting(call["round"])}
    for slug, per_juror in plan.items():
        totals = [total(*scores) for scores in per_juror]
        assert rows[slug].mean == pytest.approx(sum(totals) / 2)
        assert rows[slug].spread == pytest.approx(max(totals) - min(totals))
        assert rows[slug].reviews == 2
    # Minimum 2 on every criterion: gamma's means (1) fall below it everywhere; alpha's rest is 2.5 ≥ 2.
    assert rows["gamma"].below_minimum == [c.title for c in criteria] and rows["alpha"].below_minimum == []
    # beta's mean 28/35 beats alpha's (30/35 + 16/35) / 2 = 23/35; gamma last.
    assert (rows["beta"].rank, rows["alpha"].rank, rows["gamma"].rank) == (1, 2, 3)


def test_equal_means_share_a_rank(orgs, call):
    for slug in ("alpha", "beta"):
        application = _submitted(call, orgs, slug)
        assignment = services.assign(application, call["jurors"][0])
        for c in Criterion.objects.filter(area__programme=call["programme"]):
            services.save_score(assignment, c, 3, "", 0)
        services.submit_review(assignment)
    assert [r.rank for r in services.meeting(call["round"])] == [1, 1]


def test_damaged_posts_get_a_message_not_a_server_error(client, orgs, call):
    application = services.start_application(call["round"], orgs["alpha"]["org"])
    text = Question.objects.filter(criterion__area__programme=call["programme"], kind="text").first()
    client.force_login(orgs["alpha"]["owner"])
    response = client.post(f"/o/alpha/awards/a/{application.pk}/answer/{text.pk}/", {"value": "x", "version": "v1"})
    assert response.status_code == 400 and "reload" in response.json()["error"]
    number = Question.objects.filter(criterion__area__programme=call["programme"], kind="number").first()
    response = client.post(f"/o/alpha/awards/a/{application.pk}/answer/{number.pk}/", {"value": "viele"})
    assert response.status_code == 400 and response.json()["error"] == "Enter a number."
    client.force_login(call["admin"])
    page = client.post(f"/programmes/praedikat/rounds/{call['round'].pk}/",
                       {"action": "balanced", "per_application": "zwei"}, follow=True)
    assert "Between one and ten jurors per application." in page.content.decode()
    assert client.post("/programmes/praedikat/catalogue/", {"action": "nonsense"}).status_code == 404
    assert client.post("/programmes/praedikat/catalogue/", {"action": "delete", "kind": "area",
                                                            "pk": "1 OR 1=1"}).status_code == 404
    for action, field in (("assign", "application"), ("unassign", "assignment"), ("remove_juror", "user")):
        response = client.post(f"/programmes/praedikat/rounds/{call['round'].pk}/", {"action": action, field: "x"})
        assert response.status_code == 404, action
    client.force_login(orgs["alpha"]["owner"])
    assert client.post("/o/alpha/awards/", {"round": "erste"}).status_code == 404


def test_a_template_is_installed_in_the_programme_s_language(client, db):
    staff = User.objects.create_user("staff@paritas.test", "staff-password-1", is_staff=True)
    client.force_login(staff)
    client.post("/programmes/", {"template": "family_friendly", "name": "Familjevänlig arbetsgivare i Falun",
                                 "slug": "falun", "language": "sv"})
    programme = Programme.objects.get(slug="falun")
    assert programme.languages == ["sv", "de", "en"] and programme.awarding_body == "Lokal allians för familjer"
    assert programme.areas.get().title == "Checklista för familjevänliga åtgärder"
    assert Question.objects.filter(criterion__area__programme=programme, text="Flexibel arbetstid").exists()
    english = services.install_template("equal_opportunity", "eo-en", language="en")
    assert [a.title for a in english.areas.all()][:2] == ["Recruitment", "Career development"]


def test_a_file_name_with_quotes_and_umlauts_is_sent_safely(client, orgs, call):
    from django.core.files.uploadedfile import SimpleUploadedFile

    criterion = Criterion.objects.filter(area__programme=call["programme"]).first()
    question = Question.objects.create(criterion=criterion, text="Plan", kind="file")
    application = services.start_application(call["round"], orgs["alpha"]["org"])
    client.force_login(orgs["alpha"]["owner"])
    name = 'Plan "2027" für Köln.pdf'
    client.post(f"/o/alpha/awards/a/{application.pk}/answer/{question.pk}/",
                {"value": SimpleUploadedFile(name, b"%PDF-1.4"), "version": 0})
    attachment = Answer.objects.get(application=application, question=question).value["attachment"]
    header = client.get(f"/o/alpha/awards/a/{application.pk}/file/{attachment}/")["Content-Disposition"]
    assert header == "attachment; filename*=utf-8''Plan%20%222027%22%20f%C3%BCr%20K%C3%B6ln.pdf"


def test_the_application_as_pdf_for_applicant_juror_and_administrator(client, orgs, call):
    from tests.web.test_views import _inflate

    application = _submitted(call, orgs)
    assignment = services.assign(application, call["jurors"][0])
    for who, url in ((orgs["alpha"]["viewer"], f"/o/alpha/awards/a/{application.pk}.pdf"),
                     (call["jurors"][0], f"/jury/{assignment.pk}.pdf"),
                     (call["admin"], f"/programmes/praedikat/applications/{application.pk}.pdf")):
        client.force_login(who)
        response = client.get(url, follow=True)  # through the document job's page
        assert "/documents/" in response.redirect_chain[0][0], url
        assert response.status_code == 200 and response.content.startswith(b"%PDF"), url
        assert b"/StructTreeRoot" in _inflate(response.content)  # tagged (PDF/UA)
        assert b"/Lang (en)" in _inflate(response.content)  # in the reader's language
    client.force_login(call["jurors"][1])  # not assigned
    assert client.get(f"/jury/{assignment.pk}.pdf").status_code == 404
    # Each document job is its user's, while the page it came from would still let them in.
    from paritas.web.jobs.models import Job

    jobs = {j.params["document"]: j for j in Job.objects.filter(kind=Job.Kind.DOCUMENT)}
    assert set(jobs) == {"award_application", "jury_application", "programme_application"}
    for document in ("jury_application", "programme_application"):
        assert client.get(f"/documents/{jobs[document].pk}/download/").status_code == 404  # another juror
    client.force_login(call["jurors"][0])
    personal = f"/documents/{jobs['jury_application'].pk}/download/"
    assert client.get(personal).status_code == 200
    assignment.conflict_declared = True  # a conflict declared afterwards closes the file as it closes the page
    assignment.save()
    assert client.get(personal).status_code == 404
    client.force_login(call["admin"])
    programme = f"/documents/{jobs['programme_application'].pk}/download/"
    assert client.get(programme).status_code == 200
    call["programme"].administrators.remove(call["admin"])
    assert client.get(programme).status_code == 404


GARBAGE = [{}, {"action": "save", "kind": "question", "pk": "-1"}, {"action": "round", "opens_local": "gestern"},
           {"action": "call", "time_zone": "Mars/Olympus"}, {"action": "decide", "outcome": "gold"},
           {"action": "approve", "statement": ""}, {"value": "\x00", "version": "-1"},
           {"score": "9999", "version": "0"}, {"value": "a\x00b", "version": "0"}, {"comment": "\x00", "version": "0"},
           {"action": "balanced", "per_application": "-3"}, {"reason": "x" * 5000}, {"snapshot": "0"},
           {"action": "settings", "validity_years": "0", "languages": "xx"}, {"action": "admin", "email": "nobody"},
           {"action": "settings", "rule": "top", "rule_value": "-1", "opens_local": "x"},
           {"action": "select", "moving_on": ["x", "-1", "999999"]}, {"action": "advance", "entry": "x"},
           {"action": "remind", "user": "abc"}, {"action": "add_stage", "name": "\x00", "opens_local": "morgen"},
           {"action": "send", "audience": "out:x", "subject": "{nope}", "body": "{"},
           {"action": "preview", "audience": "submitted", "subject": "{organisation.__class__}", "body": "x"},
           {"action": "redacted", "attachment": "x"}, {"action": "invite", "slug": "../../etc"},
           {"action": "accept"}, {"recommendation": "maybe", "note": "\x00"}, {"slug": "", "name": ""}]


#: what each query parameter is given in turn: empty, negative, too large for any integer, a NUL, huge, a
#: format string, not a number, a valid "format"
QUERY_GARBAGE = ["", "-1", "999999999999999999999999", "\x00", "x" * 5000, "{nope}", "NaN", "json"]


def _query_parameters() -> set[str]:
    """The query parameters the awards views read (``GET.get("…")``, ``number("…")``, ``posted_id(request.GET,
    "…")``), found in their source: a page asked for with other parameters ignores them."""
    import re
    from pathlib import Path

    from paritas.web import awards

    source = "\n".join(p.read_text(encoding="utf-8") for p in Path(awards.__file__).parent.rglob("*.py"))
    names = set(re.findall(r'GET\.get\(\s*"(\w+)"|number\("(\w+)"\)|GET,\s*"(\w+)"', source))
    return {name for group in names for name in group if name}


def test_the_garbage_test_fills_the_query_parameters_the_views_read():
    assert {"page", "sector", "programme", "level", "year", "region", "template", "format", "download",
            "stage"} <= _query_parameters()


def test_no_awards_page_answers_garbage_with_a_server_error(orgs, call):
    """Every awards URL, filled with the signed-in person's own objects, POSTed garbage and asked for with
    garbage in every query parameter the views read: an answer, never a 500 (which would mean a form or
    parameter that is not validated)."""
    import re

    from django.test import Client
    from django.urls import get_resolver

    application = _submitted(call, orgs)
    assignment = services.assign(application, call["jurors"][0])
    criterion = Criterion.objects.filter(area__programme=call["programme"]).first()
    question = Question.objects.filter(criterion=criterion).first()
    services.decide(application, Decision.Outcome.AWARD, "gut", call["admin"],
                    now=call["round"].closes_at + timedelta(seconds=1))
    values = {"programme": "praedikat", "round_id": call["round"].pk, "application_id": application.pk,
              "assignment_id": assignment.pk, "criterion_id": criterion.pk, "question_id": question.pk,
              "attachment_id": 1, "award_id": Award.objects.get().pk, "slug": "alpha", "pk": 1,
              "stage_id": assignment.stage_id, "partnership_id": 1}
    from paritas.web.jobs.models import Job

    values["job"] = Job.objects.create(  # the administrator's finished figures job of the round
        kind=Job.Kind.FIGURES, user=call["admin"], state=Job.State.DONE, output=b"PK",
        params={"round": call["round"].pk, "name": "figures.zip", "snapshots": []},
        result={"organisations": 0, "snapshots": 0, "rows": 0}).pk
    routes = [str(p.pattern) for p in get_resolver("paritas.web.awards.urls").url_patterns]
    queries = [{}, *({name: value for name in _query_parameters()} for value in QUERY_GARBAGE)]

    draft = services.start_application(call["round"], orgs["beta"]["org"])  # beta is still writing
    people = [(orgs["alpha"]["owner"], values), (call["jurors"][0], values), (call["admin"], values),
              (orgs["beta"]["analyst"], {**values, "slug": "beta", "application_id": draft.pk})]
    for who, filled in people:
        client = Client(raise_request_exception=False, HTTP_ACCEPT_LANGUAGE="en")
        client.force_login(who)
        for route in routes:
            url = "/" + re.sub(r"<(?:\w+:)?(\w+)>", lambda m, f=filled: str(f[m.group(1)]), route)
            for data in GARBAGE:
                assert client.post(url, data).status_code < 500, (who.email, url, data)
            for query in queries:
                assert client.get(url, query).status_code < 500, (who.email, url, query)


def test_submitting_asks_for_confirmation_first(client, orgs, call):
    application = services.start_application(call["round"], orgs["alpha"]["org"])
    _complete(application, orgs["alpha"]["owner"])
    client.force_login(orgs["alpha"]["analyst"])
    url = f"/o/alpha/awards/a/{application.pk}/submit/"
    asked = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Submit the application?" in asked and "can no longer be changed" in asked
    assert 'name="confirm" value="yes"' in asked
    client.post(url, HTTP_ACCEPT_LANGUAGE="en")  # a POST without the confirmation only asks again
    application.refresh_from_db()
    assert application.status == Application.Status.DRAFT
    client.post(url, {"confirm": "yes"})
    application.refresh_from_db()
    assert application.status == Application.Status.SUBMITTED
