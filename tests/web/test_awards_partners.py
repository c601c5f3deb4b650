"""Co-applicants (docs/awards.md): invited by the applicant's owner, accepted by the partner's owner; then
the partner's members read and its analysts edit, only the applicant submits; an award for each. Every
applicant URL of the URL conf as the partner's owner, analyst and viewer, before and after accepting,
and as a stranger."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import get_resolver
from django.utils import timezone, translation

from paritas.web.accounts.models import User
from paritas.web.awards import services
from paritas.web.awards.models import Award, Criterion, Decision, Question


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def _routes() -> list[str]:
    return [str(p.pattern) for p in get_resolver("paritas.web.awards.urls").url_patterns
            if str(p.pattern).startswith("o/<slug:slug>/awards/a/")]


def _url(route: str, values: dict) -> str:
    return "/" + re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(values[m.group(1)]), route)


def test_an_invitation_discloses_nothing_and_is_accepted_by_the_partners_owner(joint, orgs):
    application = joint["application"]
    owner = orgs["alpha"]["owner"]
    for slug in ("nobody-here", "alpha"):  # unknown, or the applicant itself: the same answer
        with pytest.raises(ValidationError, match="No organisation with this address"):
            services.invite(application, slug, owner)
    mail.outbox.clear()
    partnership = services.invite(application, "beta", owner)
    assert [m.to for m in mail.outbox] == [[orgs["beta"]["owner"].email]]
    assert "Alpha lädt Beta ein" in mail.outbox[0].body  # in the invited organisation's language
    with pytest.raises(ValidationError, match="already invited"):
        services.invite(application, "beta", owner)
    assert list(application.organisations()) == [orgs["alpha"]["org"]]  # not before accepting
    services.accept(partnership)
    assert list(application.organisations()) == [orgs["alpha"]["org"], orgs["beta"]["org"]]
    # Beta cannot start its own application in the round now, nor be invited elsewhere in it.
    with pytest.raises(ValidationError, match="co-applicant of an application in this round"):
        services.start_application(joint["round"], orgs["beta"]["org"])


def test_every_applicant_url_as_the_partner_before_and_after_accepting_and_as_a_stranger(joint, orgs):
    application = joint["application"]
    partnership = services.invite(application, "beta", orgs["alpha"]["owner"])
    question = Question.objects.filter(criterion__area__programme=application.round.programme).first()
    values = {"slug": "beta", "application_id": application.pk, "question_id": question.pk, "attachment_id": 1}
    routes = _routes()
    assert len(routes) >= 10
    lead_only = ("submit/", "withdraw/", "partners/", "snapshot/", "plan/")

    def statuses(user, slug="beta"):
        client = Client(raise_request_exception=False, HTTP_ACCEPT_LANGUAGE="en")
        client.force_login(user)
        out = {}
        for route in routes:
            url = _url(route, {**values, "slug": slug})
            out[route] = (client.get(url).status_code, client.post(url, {"value": "x", "version": "0"}).status_code)
        return out

    # Invited, not accepted: nothing of the application, whatever the role (403 where the role alone
    # refuses, before the application is looked up).
    for role in ("owner", "analyst", "viewer"):
        assert {s for pair in statuses(orgs["beta"][role]).values() for s in pair} <= {403, 404, 405}, role
    services.accept(partnership)
    found = {role: statuses(orgs["beta"][role]) for role in ("owner", "analyst", "viewer")}
    for role, by_route in found.items():
        for route, (get, post) in by_route.items():
            if route.endswith(lead_only) or route.endswith("file/<int:attachment_id>/"):
                assert get in (403, 404, 405) and post in (403, 404, 405), (role, route, get, post)
            elif route == "o/<slug:slug>/awards/a/<int:application_id>/":
                assert get == 200, (role, route)
                assert post in ((302, 200) if role != "viewer" else (403,)), (role, route, post)
            elif route.endswith("answer/<int:question_id>/"):  # saved, or 409: another editor saved first
                assert post in ((403,) if role == "viewer" else (200, 409)), (role, route, post)
    # The editor of the partner saves an answer the applicant sees.
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(orgs["beta"]["analyst"])
    text = Question.objects.filter(criterion__area__programme=application.round.programme, kind="text").first()
    if text is not None:
        assert client.post(f"/o/beta/awards/a/{application.pk}/answer/{text.pk}/",
                           {"value": "Gemeinsam", "version": "0"}).status_code == 200
        assert application.answers.get(question=text).value == "Gemeinsam"
    # A stranger, even naming Alpha's or Beta's address, reaches nothing; nor through their own address.
    for slug in ("alpha", "beta", "gamma"):
        assert {s for pair in statuses(joint["stranger"], slug).values() for s in pair} <= {403, 404, 405}, slug


def test_the_award_is_recorded_for_each_organisation_and_a_partners_member_cannot_judge(joint, orgs):
    application = joint["application"]
    services.accept(services.invite(application, "beta", orgs["alpha"]["owner"]))
    round_ = joint["round"]
    during = timezone.now()
    for question in Question.objects.filter(criterion__area__programme=round_.programme, kind="yes_no"):
        answer = application.answers.filter(question=question).first()
        services.save_answer(application, question, True, orgs["alpha"]["owner"], answer.version if answer else 0)
    for question in services.missing(application):
        services.save_answer(application, question, "x" if question.kind == "text" else 1, orgs["alpha"]["owner"], 0)
    services.submit(application, now=during)
    beta_member = orgs["beta"]["viewer"]
    round_.jurors.add(beta_member)
    with pytest.raises(ValidationError, match="own organisation"):
        services.assign(application, beta_member)
    juror = User.objects.create_user("juror@jury.test", "juror-password-1")
    round_.jurors.add(juror)
    assignment = services.assign(application, juror)
    for criterion in Criterion.objects.filter(area__programme=round_.programme):
        services.save_score(assignment, criterion, 3, "gut", 0)
    services.submit_review(assignment)
    services.decide(application, Decision.Outcome.AWARD, "gemeinsam stark", joint["chair"],
                    now=round_.closes_at + timedelta(seconds=1))
    awards = Award.objects.filter(application=application).order_by("organisation__slug")
    assert [a.organisation.slug for a in awards] == ["alpha", "beta"]
    assert {a.number for a in awards} == {1}
    # Taking the decision back takes both awards back.
    services.decide(application, Decision.Outcome.NOT_THIS_TIME, "doch nicht", joint["chair"],
                    now=round_.closes_at + timedelta(seconds=1))
    assert not Award.objects.filter(application=application).exists()


def test_only_the_applicants_owner_invites_and_only_drafts_change(joint, orgs):
    application = joint["application"]
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(orgs["alpha"]["analyst"])
    assert client.post(f"/o/alpha/awards/a/{application.pk}/partners/", {"slug": "beta"}).status_code == 403
    client.force_login(orgs["alpha"]["owner"])
    client.post(f"/o/alpha/awards/a/{application.pk}/partners/", {"slug": "beta"})
    partnership = application.partnerships.get()
    beta = Client(HTTP_ACCEPT_LANGUAGE="en")
    beta.force_login(orgs["beta"]["analyst"])  # an analyst cannot accept for the organisation
    assert beta.post(f"/o/beta/awards/invitations/{partnership.pk}/", {"action": "accept"}).status_code == 403
    beta.force_login(orgs["beta"]["owner"])
    assert "Alpha invites you" in beta.get("/o/beta/awards/").content.decode()
    beta.post(f"/o/beta/awards/invitations/{partnership.pk}/", {"action": "accept"})
    partnership.refresh_from_db()
    assert partnership.accepted_at is not None
    application.status = "submitted"
    application.save()
    with pytest.raises(ValidationError, match="only while the application is a draft"):
        services.end(partnership)
