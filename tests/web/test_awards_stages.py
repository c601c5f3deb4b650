"""Award rounds in stages (docs/awards.md): the state machine with every transition and its refusals, the
selection rules, anonymised review (no name reaches a reviewer's page, attachment list or PDF), reminders
on the right day in the round's time zone, the message log, next year's round and the reviews export."""

from __future__ import annotations

import io
import re
import smtplib
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from paritas.web.accounts.models import User
from paritas.web.awards import communications, services
from paritas.web.awards import mail as award_mail
from paritas.web.awards.domain.stages import TRANSITIONS, Workflow
from paritas.web.awards.models import Assignment, Criterion, Message, Question, Round, Stage, StageEntry

BERLIN = ZoneInfo("Europe/Berlin")


@pytest.fixture(autouse=True)
def _english_services():
    """The services' messages in English (the pages choose their language per test)."""
    from django.utils import translation

    with translation.override("en"):
        yield


def _complete(application, user, now):
    for question in services.missing(application):
        value = {"text": "Erika Mustermann leitet das Mentoring in Wunderhausen.", "yes_no": True,
                 "number": 1}[question.kind]
        answer = application.answers.filter(question=question).first()
        services.save_answer(application, question, value, user, answer.version if answer else 0, now=now)


@pytest.fixture
def staged(db, orgs):
    """A closed round in three stages — screening (recommendation, by hand), jury review (scores,
    anonymised, best one moves on), final decision (no sheet) — with alpha and beta submitted."""
    now = timezone.now()
    programme = services.install_template("equal_opportunity", "praedikat")
    chair = User.objects.create_user("chair@jury.test", "chair-password-1")
    programme.administrators.add(chair)
    round_ = Round.objects.create(programme=programme, title="2026", opens_at=now - timedelta(days=60),
                                  closes_at=now - timedelta(days=10))
    jurors = [User.objects.create_user(f"juror{i}@jury.test", "juror-password-1") for i in range(3)]
    round_.jurors.set(jurors)
    screening = round_.stages.get()
    screening.name, screening.sheet = "Screening", Stage.Sheet.RECOMMENDATION
    screening.opens_at, screening.closes_at = now - timedelta(days=10), now + timedelta(days=5)
    screening.save()
    review = services.add_stage(round_, "Jury review", now - timedelta(days=9), now + timedelta(days=20),
                                sheet=Stage.Sheet.SCORES, rule=Stage.Rule.TOP, rule_value=1, anonymised=True)
    final = services.add_stage(round_, "Final decision", now - timedelta(days=8), now + timedelta(days=40),
                               sheet=Stage.Sheet.NONE)
    during = round_.opens_at + timedelta(days=1)
    applications = {}
    for slug, name in (("alpha", "Stadt Wunderhausen"), ("beta", "Gemeinde Kleinstetten")):
        org = orgs[slug]["org"]
        org.name, org.size = name, 400
        org.save()
        owner = orgs[slug]["owner"]
        owner.first_name, owner.last_name = ("Erika", "Mustermann") if slug == "alpha" else ("Jonas", "Beispiel")
        owner.save()
        application = services.start_application(round_, org, now=during)
        _complete(application, owner, during)
        services.submit(application, now=during)
        applications[slug] = application
    return {"round": round_, "stages": (screening, review, final), "jurors": jurors, "chair": chair,
            "applications": applications, "now": now}


# -- The state machine ----------------------------------------------------------------------------------

def test_every_transition_of_the_table_and_every_other_pair_refused(staged):
    """advance and drop leave "under review"; reopen leaves "moved on" and "did not move on"; every other
    (event, state) pair is refused with a message."""
    workflow = Workflow.of(staged["round"])
    screening = staged["stages"][0]
    now = staged["now"]
    for event in ("advance", "drop", "reopen"):
        for state in StageEntry.State.values:
            if (event, state) in TRANSITIONS:
                assert workflow.check(event, screening.pk, state, now) == TRANSITIONS[(event, state)]
            else:
                with pytest.raises(ValidationError, match="not possible"):
                    workflow.check(event, screening.pk, state, now)
    assert set(TRANSITIONS.values()) == set(StageEntry.State.values)


def test_guards_open_round_upcoming_stage_last_stage_and_decided_stage(staged):
    round_, (screening, review, final) = staged["round"], staged["stages"]
    workflow = Workflow.of(round_)
    with pytest.raises(ValidationError, match="still open"):
        workflow.check("advance", screening.pk, StageEntry.State.REVIEW, round_.closes_at - timedelta(seconds=1))
    with pytest.raises(ValidationError, match="has not begun"):
        workflow.check("drop", review.pk, StageEntry.State.REVIEW, review.opens_at - timedelta(seconds=1))
    with pytest.raises(ValidationError, match="last stage"):
        workflow.check("advance", final.pk, StageEntry.State.REVIEW, staged["now"])
    assert workflow.check("drop", final.pk, StageEntry.State.REVIEW, staged["now"]) == StageEntry.State.OUT
    services.apply_selection(screening, {staged["applications"]["alpha"].pk}, staged["chair"])
    decided = Workflow.of(round_)
    with pytest.raises(ValidationError, match="reopen the stage first"):
        decided.check("drop", screening.pk, StageEntry.State.REVIEW, staged["now"])
    other = Round.objects.create(programme=round_.programme, title="other", opens_at=round_.opens_at,
                                 closes_at=round_.closes_at)
    with pytest.raises(ValidationError, match="another round"):
        Workflow.of(other).check("drop", screening.pk, StageEntry.State.REVIEW, staged["now"])


def test_submitted_applications_enter_the_first_stage_and_move_on_one_stage_at_a_time(staged):
    screening, review, final = staged["stages"]
    alpha, beta = staged["applications"]["alpha"], staged["applications"]["beta"]
    entered = set(StageEntry.objects.filter(stage=screening).values_list("application_id", flat=True))
    assert entered == {alpha.pk, beta.pk}
    assert services.apply_selection(screening, {alpha.pk, beta.pk}, staged["chair"]) == (2, 0)
    assert StageEntry.objects.filter(stage=review, state="review").count() == 2
    assert not StageEntry.objects.filter(stage=final).exists()
    with pytest.raises(ValidationError, match="Only applications under review"):
        services.apply_selection(review, {alpha.pk, 999999}, staged["chair"])
    assert services.apply_selection(review, {alpha.pk}, staged["chair"]) == (1, 1)
    assert StageEntry.objects.get(stage=review, application=beta).state == "out"
    assert list(StageEntry.objects.filter(stage=final).values_list("application_id", flat=True)) == [alpha.pk]
    with pytest.raises(ValidationError, match="last stage"):
        services.apply_selection(final, {alpha.pk}, staged["chair"])
    # Only an application in the last stage can be awarded.
    with pytest.raises(ValidationError, match="did not reach the round's last stage"):
        services.decide(beta, "award", "gut", staged["chair"])
    services.decide(alpha, "award", "gut", staged["chair"])
    services.decide(beta, "not_this_time", "knapp", staged["chair"])


def test_reopening_takes_the_selection_back_until_the_next_stage_has_a_submitted_review(staged):
    screening, review, _final = staged["stages"]
    alpha, beta = staged["applications"]["alpha"], staged["applications"]["beta"]
    services.apply_selection(screening, {alpha.pk}, staged["chair"])
    assert services.reopen_stage(screening, staged["chair"]) == 2
    screening.refresh_from_db()
    assert screening.decided_at is None
    assert not StageEntry.objects.filter(stage=review).exists()
    assert set(screening.entries.values_list("state", flat=True)) == {"review"}
    services.apply_selection(screening, {alpha.pk, beta.pk}, staged["chair"])
    juror = staged["jurors"][0]
    assignment = services.assign(alpha, juror, review)
    for criterion in Criterion.objects.filter(area__programme=alpha.round.programme):
        services.save_score(assignment, criterion, 3, "", 0)
    services.submit_review(assignment)
    entry = StageEntry.objects.get(stage=screening, application=alpha)
    with pytest.raises(ValidationError, match="next stage are submitted"):
        services.move(entry, "reopen", staged["chair"])
    # Beta's unreviewed move can still be taken back, and its open assignment goes with it.
    services.assign(beta, staged["jurors"][1], review)
    services.move(StageEntry.objects.get(stage=screening, application=beta), "reopen", staged["chair"])
    assert not Assignment.objects.filter(stage=review, application=beta).exists()


def test_the_rules_propose_the_top_n_with_ties_the_minimum_and_the_majority_by_hand(staged):
    screening, review, _final = staged["stages"]
    alpha, beta = staged["applications"]["alpha"], staged["applications"]["beta"]
    # By hand: proposed where more than half of the submitted reviews recommend it.
    for juror, (a_rec, b_rec) in zip(staged["jurors"], [("yes", "no"), ("yes", "yes"), ("no", "no")], strict=True):
        for application, rec in ((alpha, a_rec), (beta, b_rec)):
            assignment = services.assign(application, juror, screening)
            services.save_recommendation(assignment, rec, "")
            services.submit_review(assignment)
    proposed = {c.entry.application_id: c.proposed for c in services.candidates(screening)}
    assert proposed == {alpha.pk: True, beta.pk: False}
    services.apply_selection(screening, {alpha.pk, beta.pk}, staged["chair"])
    criteria = list(Criterion.objects.filter(area__programme=alpha.round.programme))
    top = sum(float(c.weight) * c.scale_max for c in criteria)

    def score(application, juror, value):
        assignment = services.assign(application, juror, review)
        for criterion in criteria:
            services.save_score(assignment, criterion, value, "", 0)
        services.submit_review(assignment)

    score(alpha, staged["jurors"][0], 4)
    score(beta, staged["jurors"][1], 4)
    means = {c.entry.application_id: c.mean for c in services.candidates(review)}
    expected = sum(float(c.weight) * 4 for c in criteria) / top  # the hand computation
    assert means == {alpha.pk: pytest.approx(expected), beta.pk: pytest.approx(expected)}
    assert all(c.proposed for c in services.candidates(review))  # a tie at place 1: both move on
    score(beta, staged["jurors"][2], 2)
    assert {c.entry.application_id: c.proposed for c in services.candidates(review)} == {alpha.pk: True, beta.pk: False}
    review.rule, review.rule_value = Stage.Rule.MINIMUM, 70
    review.save()
    beta_mean = (expected + sum(float(c.weight) * 2 for c in criteria) / top) / 2
    assert {c.entry.application_id: c.proposed for c in services.candidates(review)} == {
        alpha.pk: expected * 100 >= 70, beta.pk: beta_mean * 100 >= 70}


def test_stage_rules_are_validated_and_a_reached_stage_stays(staged):
    screening, review, final = staged["stages"]
    review.rule, review.rule_value = Stage.Rule.TOP, None
    with pytest.raises(ValidationError, match="how many"):
        services.save_stage(review)
    review.closes_at = review.opens_at
    with pytest.raises(ValidationError, match="closes after it opens"):
        services.save_stage(review)
    with pytest.raises(ValidationError, match="Applications have reached"):
        services.remove_stage(screening)
    services.remove_stage(final)
    with pytest.raises(ValidationError, match="no earlier than"):
        services.add_stage(staged["round"], "Visit", screening.opens_at - timedelta(days=30),
                           screening.opens_at, sheet=Stage.Sheet.NONE)


def test_scores_in_a_recommendation_stage_and_reviews_of_a_decided_stage_are_refused(staged):
    screening, review, final = staged["stages"]
    alpha = staged["applications"]["alpha"]
    assignment = services.assign(alpha, staged["jurors"][0], screening)
    with pytest.raises(ValidationError, match="recommendation, not scores"):
        services.save_score(assignment, Criterion.objects.filter(area__programme=alpha.round.programme).first(), 3,
                            "", 0)
    with pytest.raises(ValidationError, match="move on"):
        services.submit_review(assignment)
    with pytest.raises(ValidationError, match="no review sheet"):
        services.assign(alpha, staged["jurors"][0], final)
    with pytest.raises(ValidationError, match="not under review"):
        services.assign(alpha, staged["jurors"][0], review)
    services.apply_selection(screening, {alpha.pk}, staged["chair"])
    with pytest.raises(ValidationError, match="is not open"):
        services.save_recommendation(assignment, "yes", "")


def test_other_reviews_are_shown_as_the_stage_says(staged):
    screening = staged["stages"][0]
    alpha = staged["applications"]["alpha"]
    first, second = (services.assign(alpha, j, screening) for j in staged["jurors"][:2])
    services.save_recommendation(second, "yes", "überzeugt")
    services.submit_review(second)
    assert services.recommendations_visible_to(first) == []  # after their own (the default)
    screening.other_reviews = Stage.OtherReviews.ALWAYS
    screening.save()
    first.stage.refresh_from_db()
    assert [a.pk for a in services.recommendations_visible_to(first)] == [second.pk]
    screening.other_reviews = Stage.OtherReviews.NEVER
    screening.save()
    first.stage.refresh_from_db()
    services.save_recommendation(first, "no", "")
    services.submit_review(first)
    assert services.recommendations_visible_to(first) == []


# -- Anonymised review ----------------------------------------------------------------------------------

def _secrets(staged, orgs):
    alpha = staged["applications"]["alpha"]
    owner = orgs["alpha"]["owner"]
    return ["Stadt Wunderhausen", "Wunderhausen", "wunderhausen", alpha.organisation.slug, "Erika", "Mustermann",
            owner.email, "Planung Wunderhausen.pdf"]


def _pdf_text(content: bytes) -> str:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(content))
    return " ".join(page.extract_text() for page in reader.pages) + str(reader.metadata or "")


def test_no_name_reaches_any_page_a_reviewer_of_an_anonymised_stage_can_open(staged, orgs):
    """Every jury URL of the URL conf, filled with the reviewer's own assignment and the application's
    attachment, read as the reviewer: no organisation or person name in the HTML, the attachment list, the
    downloaded attachment's name, the PDF's text or its metadata, the e-mails. The administrators see them."""
    from django.urls import get_resolver

    screening, review, _final = staged["stages"]
    alpha = staged["applications"]["alpha"]
    owner = orgs["alpha"]["owner"]
    question = Question.objects.create(criterion=Criterion.objects.filter(area__programme=alpha.round.programme)
                                       .first(), text="Plan", kind="file", required=False)
    Question.objects.filter(pk=question.pk)  # the file question the applicant answered before the close
    from paritas.web.awards.models import Attachment

    attachment = Attachment.objects.create(application=alpha, question=question, name="Planung Wunderhausen.pdf",
                                           content_type="application/pdf", content=b"%PDF-1.4 Wunderhausen",
                                           size=21, uploaded_by=owner)
    alpha.answers.create(question=question, value={"attachment": attachment.pk, "name": attachment.name, "size": 21})
    services.apply_selection(screening, {alpha.pk, staged["applications"]["beta"].pk}, staged["chair"])
    juror = staged["jurors"][0]
    assignment = services.assign(alpha, juror, review)
    award_mail.jurors_assigned(timezone.now())
    criterion = Criterion.objects.filter(area__programme=alpha.round.programme).first()
    client = Client(raise_request_exception=False, HTTP_ACCEPT_LANGUAGE="de")
    client.force_login(juror)
    values = {"assignment_id": assignment.pk, "attachment_id": attachment.pk, "criterion_id": criterion.pk}
    routes = [str(p.pattern) for p in get_resolver("paritas.web.awards.urls").url_patterns
              if str(p.pattern).startswith("jury")]
    assert len(routes) >= 8
    secrets = _secrets(staged, orgs)
    reached = 0
    for route in routes:
        url = "/" + re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(values[m.group(1)]), route)
        got = client.get(url, follow=True)  # a PDF: through its job's page
        posted = client.post(url, {"score": "3", "version": "0", "recommendation": "", "reason": ""})
        for response in (got, posted):
            body = response.content
            text = _pdf_text(body) if body.startswith(b"%PDF") else body.decode("utf-8", "replace")
            text += response.get("Content-Disposition", "")
            for secret in secrets:
                assert secret.lower() not in text.lower(), f"{secret!r} at {url} ({response.status_code})"
            reached += response.status_code == 200
    assert reached >= 4
    page = client.get(f"/jury/{assignment.pk}/").content.decode()
    assert f"A-{alpha.pk}" in page and "[…]" in page and "von den Programmverantwortlichen geschwärzt" in page
    assert client.get(f"/jury/{assignment.pk}/file/{attachment.pk}/").status_code == 404  # no redacted copy yet
    for message in mail.outbox:
        for secret in secrets:
            assert secret not in message.subject + message.body
    # The administrator uploads a redacted copy: the reviewer gets that, under a name that says nothing.
    admin = Client(HTTP_ACCEPT_LANGUAGE="de")
    admin.force_login(staged["chair"])
    admin_page = f"/programmes/praedikat/applications/{alpha.pk}/"
    assert "Stadt Wunderhausen" in admin.get(admin_page).content.decode()
    upload = io.BytesIO(b"%PDF-1.4 [redacted]")
    upload.name = "geschwaerzt.pdf"
    admin.post(admin_page, {"action": "redacted", "attachment": attachment.pk, "file": upload})
    download = client.get(f"/jury/{assignment.pk}/file/{attachment.pk}/")
    assert download.status_code == 200 and b"[redacted]" in download.content
    assert "Wunderhausen" not in download["Content-Disposition"]
    # The same reviewer in a stage that is not anonymised reads the names.
    review.anonymised = False
    review.save()
    assert "Stadt Wunderhausen" in client.get(f"/jury/{assignment.pk}/").content.decode()


def test_hidden_questions_are_replaced_whole(staged):
    screening = staged["stages"][0]
    alpha = staged["applications"]["alpha"]
    question = alpha.answers.filter(question__kind="text").first().question
    screening.anonymised = True
    screening.save()
    screening.redacted_questions.add(question)
    assignment = services.assign(alpha, staged["jurors"][0], screening)
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(staged["jurors"][0])
    page = client.get(f"/jury/{assignment.pk}/").content.decode()
    assert "[hidden in this stage]" in page and "leitet das Mentoring" in page  # other answers, redacted


# -- Reviewers' workload and reminders --------------------------------------------------------------------

def test_the_reminder_goes_on_the_right_day_in_the_rounds_time_zone_once(staged):
    """Closing on 10 June at 23:59 Berlin time with a reminder 3 days before: due from 7 June 00:00 Berlin
    time (6 June 22:00 UTC), not a second earlier, and sent once."""
    screening = staged["stages"][0]
    alpha, beta = staged["applications"]["alpha"], staged["applications"]["beta"]
    screening.opens_at = datetime(2026, 5, 1, tzinfo=BERLIN)
    screening.closes_at = datetime(2026, 6, 10, 23, 59, tzinfo=BERLIN)
    screening.reminder_days = 3
    screening.save()
    juror = staged["jurors"][0]
    for application in (alpha, beta):
        services.assign(application, juror, screening)
    before = datetime(2026, 6, 6, 21, 59, 59, tzinfo=ZoneInfo("UTC"))
    at = datetime(2026, 6, 6, 22, 0, tzinfo=ZoneInfo("UTC"))
    assert not award_mail.reminder_due(screening, before)
    assert award_mail.reminder_due(screening, at)
    mail.outbox.clear()
    assert award_mail.reviews_reminded(before) == 0
    assert award_mail.reviews_reminded(at) == 1
    assert award_mail.reviews_reminded(at + timedelta(hours=1)) == 0
    (message,) = mail.outbox
    assert message.to == [juror.email] and message.body.count("\n- ") == 2
    assert "10. Juni 2026, 23:59 (Europe/Berlin)" in message.body
    assert Message.objects.filter(kind="reminder", address=juror.email).count() == 1
    # In Tokyo the same closing instant is on 11 June, so the reminder is due
    # from 8 June 00:00 Tokyo time.
    round_ = screening.round
    round_.time_zone = "Asia/Tokyo"
    round_.save()
    screening.refresh_from_db()
    assert not award_mail.reminder_due(screening, datetime(2026, 6, 7, 14, 59, tzinfo=ZoneInfo("UTC")))
    assert award_mail.reminder_due(screening, datetime(2026, 6, 7, 15, 0, tzinfo=ZoneInfo("UTC")))


def test_the_chairs_reminder_and_the_jurors_dashboard(staged):
    screening = staged["stages"][0]
    alpha, beta = staged["applications"]["alpha"], staged["applications"]["beta"]
    juror = staged["jurors"][0]
    first = services.assign(alpha, juror, screening)
    services.assign(beta, juror, screening)
    services.save_recommendation(first, "yes", "gut")
    services.submit_review(first)
    chair = Client(HTTP_ACCEPT_LANGUAGE="en")
    chair.force_login(staged["chair"])
    url = f"/programmes/praedikat/rounds/{screening.round_id}/stages/{screening.pk}/"
    page = chair.get(url).content.decode()
    assert f"Remind {juror.email}" in page
    mail.outbox.clear()
    chair.post(url, {"action": "remind", "user": juror.pk})
    (message,) = mail.outbox
    assert "Gemeinde Kleinstetten" in message.body and "Stadt Wunderhausen" not in message.body  # outstanding only
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(juror)
    dashboard = client.get("/jury/").content.decode()
    figures = re.findall(r"<dt>(Assigned|Started|Submitted)</dt><dd>(\d+)</dd>", dashboard)
    assert figures == [("Assigned", "2"), ("Started", "0"), ("Submitted", "1")]
    assert "5" in re.search(r"<dt>Days left</dt><dd>([^<]*)</dd>", dashboard).group(1)


def test_the_running_total_follows_each_saved_score(staged):
    screening, review, _final = staged["stages"]
    alpha = staged["applications"]["alpha"]
    services.apply_selection(screening, {alpha.pk}, staged["chair"])
    review.anonymised = False
    review.save()
    assignment = services.assign(alpha, staged["jurors"][0], review)
    criteria = list(Criterion.objects.filter(area__programme=alpha.round.programme))
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(staged["jurors"][0])
    answer = client.post(f"/jury/{assignment.pk}/score/{criteria[0].pk}/", {"score": criteria[0].scale_max,
                                                                            "version": "0"}).json()
    assert answer["total"] == "100%"  # one criterion scored, at its highest
    answer = client.post(f"/jury/{assignment.pk}/score/{criteria[1].pk}/", {"score": "0", "version": "0"}).json()
    top0, top1 = float(criteria[0].weight) * criteria[0].scale_max, float(criteria[1].weight) * criteria[1].scale_max
    assert answer["total"] == f"{round(100 * top0 / (top0 + top1))}%"


# -- Messages ---------------------------------------------------------------------------------------------

def test_the_chairs_message_fills_the_placeholders_per_recipient_and_is_logged(staged, orgs):
    round_ = staged["round"]
    screening = staged["stages"][0]
    alpha, _beta = staged["applications"]["alpha"], staged["applications"]["beta"]
    with pytest.raises(ValidationError, match="Unknown placeholder"):
        communications.check("Hallo {name}")
    with pytest.raises(ValidationError, match="Unknown placeholder"):
        communications.check("{organisation.__class__}")
    with pytest.raises(ValidationError, match="brace"):
        communications.check("Hallo {organisation")
    services.apply_selection(screening, {alpha.pk}, staged["chair"])
    mail.outbox.clear()
    subject, body = communications.template("advanced")
    sent = communications.message_round(round_, f"advanced:{screening.pk}", subject, body, staged["chair"])
    assert [m.application_id for m in sent] == [alpha.pk]
    (message,) = mail.outbox
    assert message.to == [orgs["alpha"]["owner"].email]
    assert "Stadt Wunderhausen" in message.body and "from “Screening” to “Jury review”" in message.body
    assert "{" not in message.body + message.subject
    communications.message_round(round_, f"out:{screening.pk}", *communications.template("not_advanced"),
                                 staged["chair"])
    assert mail.outbox[-1].to == [orgs["beta"]["owner"].email]
    with pytest.raises(ValidationError, match="receives"):
        communications.audience(round_, "everyone")
    # The applicant reads it in the platform, once, and not the other applicant's.
    client = Client(HTTP_ACCEPT_LANGUAGE="de")
    client.force_login(orgs["alpha"]["viewer"])
    page = client.get(f"/o/alpha/awards/a/{alpha.pk}/").content.decode()
    assert page.count(sent[0].subject) == 1
    assert mail.outbox[-1].subject not in page


def test_a_refused_address_is_logged_as_bounced_and_an_unreachable_server_as_not_sent(staged, monkeypatch):
    from django.core.mail import EmailMessage

    alpha = staged["applications"]["alpha"]
    calls = iter([smtplib.SMTPRecipientsRefused({"x@y": (550, b"no such user")}), OSError("connection refused")])

    def failing(self, fail_silently=False):
        raise next(calls)

    monkeypatch.setattr(EmailMessage, "send", failing)
    recipients = [communications.Recipient("x@y.test"), communications.Recipient("z@y.test")]
    logged = communications.send(alpha.round.programme, Message.Kind.ROUND, "s", "b", recipients,
                                 round_=alpha.round, application=alpha)
    assert [m.status for m in logged] == ["bounced", "failed"]
    assert "no such user" in logged[0].error and "connection refused" in logged[1].error
    chair = Client(HTTP_ACCEPT_LANGUAGE="en")
    chair.force_login(staged["chair"])
    log = chair.get(f"/programmes/praedikat/rounds/{alpha.round_id}/messages/").content.decode()
    assert "bounced" in log and "not sent" in log and "x@y.test" in log


def test_the_preview_shows_one_recipients_text_before_anything_is_sent(staged):
    round_ = staged["round"]
    chair = Client(HTTP_ACCEPT_LANGUAGE="en")
    chair.force_login(staged["chair"])
    url = f"/programmes/praedikat/rounds/{round_.pk}/messages/"
    mail.outbox.clear()
    beta = staged["applications"]["beta"]
    page = chair.post(url, {"action": "preview", "audience": "submitted", "template": "free",
                            "subject": "{programme}: {organisation}", "body": "Stage {stage}",
                            "recipient": beta.pk}).content.decode()
    assert "Gemeinde Kleinstetten" in page and "Stage Screening" in page and not mail.outbox
    sent = chair.post(url, {"action": "send", "audience": "submitted", "template": "free",
                            "subject": "{programme}: {organisation}", "body": "Stage {stage}"}, follow=True)
    assert sorted(m.subject.split(": ")[1] for m in mail.outbox) == ["Gemeinde Kleinstetten", "Stadt Wunderhausen"]
    # sent by a job (here run at once), whose page leads back to the log with what went
    assert f"/rounds/{round_.pk}/jobs/" in sent.redirect_chain[0][0] and sent.redirect_chain[-1][0].endswith("#log")
    assert "2 messages were sent." in sent.content.decode()


# -- Next year and the export ------------------------------------------------------------------------------

def test_next_years_round_carries_every_setting_a_year_on(staged):
    round_ = staged["round"]
    review = staged["stages"][1]
    review.redacted_questions.add(Question.objects.filter(criterion__area__programme=round_.programme).first())
    new = services.next_round(round_)
    assert new.title == "2027" and list(new.jurors.all()) == list(round_.jurors.all())
    old_stages, new_stages = list(round_.stages.all()), list(new.stages.all())
    assert [s.name for s in new_stages] == [s.name for s in old_stages]
    for old, copy in zip(old_stages, new_stages, strict=True):
        assert copy.opens_at.astimezone(BERLIN).replace(tzinfo=None) == \
            old.opens_at.astimezone(BERLIN).replace(year=old.opens_at.astimezone(BERLIN).year + 1, tzinfo=None)
        assert (copy.sheet, copy.rule, copy.rule_value, copy.anonymised) == (old.sheet, old.rule, old.rule_value,
                                                                             old.anonymised)
        assert set(copy.redacted_questions.all()) == set(old.redacted_questions.all())
        assert copy.decided_at is None
    with pytest.raises(ValidationError, match="already has"):
        services.next_round(round_)
    copy = services.duplicate_programme(round_.programme, "praedikat-neu", "Prädikat neu", staged["chair"])
    assert Question.objects.filter(criterion__area__programme=copy).count() == \
        Question.objects.filter(criterion__area__programme=round_.programme).count()
    assert copy.rounds.get().stages.count() == 3
    assert not copy.rounds.get().stages.get(name="Jury review").redacted_questions.filter(
        criterion__area__programme=round_.programme).exists()  # its own questions, not the original's


def test_the_reviews_workbook_has_every_score_and_comment_and_no_formula(staged):
    from openpyxl import load_workbook

    screening, review, _final = staged["stages"]
    alpha = staged["applications"]["alpha"]
    services.apply_selection(screening, {alpha.pk}, staged["chair"])
    criteria = list(Criterion.objects.filter(area__programme=alpha.round.programme))
    assignment = services.assign(alpha, staged["jurors"][0], review)
    for i, criterion in enumerate(criteria):
        services.save_score(assignment, criterion, i % (criterion.scale_max + 1), f"=HYPERLINK(\"x\") {i}", 0)
    services.submit_review(assignment)
    chair = Client(HTTP_ACCEPT_LANGUAGE="en")
    chair.force_login(staged["chair"])
    response = chair.get(f"/programmes/praedikat/rounds/{alpha.round_id}/reviews.xlsx")
    book = load_workbook(io.BytesIO(response.content))
    scores = book.worksheets[0]
    rows = [[c.value for c in row] for row in scores.iter_rows() if row[0].value == "Jury review"]
    assert len(rows) == len(criteria)
    assert [r[7] for r in rows] == [i % (c.scale_max + 1) for i, c in enumerate(criteria)]
    assert all(str(r[8]).startswith("=HYPERLINK") for r in rows)  # kept as text ...
    assert all(cell.data_type != "f" for row in scores.iter_rows() for cell in row)  # ... never a formula
    assert book.sheetnames == ["Punkte", "Bewertungen"]  # in the programme's language
    reviews = book.worksheets[1]
    total = next(row for row in reviews.iter_rows(values_only=True) if row[0] == "Jury review")[5]
    assert total == pytest.approx(services.weighted_total(assignment))
