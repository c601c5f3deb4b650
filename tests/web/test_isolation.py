"""No URL leaks another organisation's data. The URLs come from the URL configuration itself, so a new
URL cannot escape this test: each is requested (GET and POST, and DELETE for the API) anonymously and by
an owner of *another* organisation, with the path filled in with the victim organisation's objects."""

from __future__ import annotations

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from paritas.web.accounts.models import ApiToken
from paritas.web.workforce.models import PendingUpload

#: Pages meant for people who are not signed in; they show no tenant data.
PUBLIC = {"accounts/login/", "accounts/login/code/", "accounts/password-reset/", "accounts/password-reset/sent/",
          "accounts/password-reset/<uidb64>/<token>/", "accounts/password-reset/done/", "i18n/setlang/",
          "api/docs", "api/openapi.json", "admin/login/", "admin/logout/",
          # The public register of award holders: what an award makes public, nothing else.
          "register/", "register.csv", "register.json", "register/badge/<int:pk>.svg",
          # Public pages of campaigns and their public events (docs/network.md); a registration's page is
          # reached only by its secret token.
          "campaigns/<slug:slug>/", "campaigns/<slug:slug>/events.ics", "events/<int:pk>/", "events/<int:pk>.ics",
          "registrations/<str:token>/", "campaigns/<slug:slug>/slots/<int:pk>/", "events/<int:pk>/flyer.pdf",
          "events/<int:pk>/files/<int:file_pk>/",
          # The library: published entries only; drafts reach their authors and the editors.
          "library/", "library/<slug:slug>/", "library/<slug:slug>/card.pdf",
          # An organisation's published criteria for pay and pay ranges (art. 5, 6); 404 until published.
          "pay/<slug:slug>/"}
#: Of those, the ones that publish award holders by name (what an award makes public, nothing more).
PUBLISHED = {"register/", "register.csv", "register.json", "register/badge/<int:pk>.svg"}
#: Pages every signed-in person has, scoped to that person (their own organisations, account, jury
#: assignments, administered programmes, coordinated campaigns and projects on whose staff they are).
OWN = {"", "accounts/settings/", "accounts/logout/", "api/organisations", "jury/", "programmes/", "network/",
       "projects/", "projects/new/"}
#: Never shown outside the victim's organisation, its jurors and its programme's administrators, whatever
#: the URL: an answer in its application, a juror's comment, the programme's name.
SECRETS = ("Beta Secret City", "Secret measure text", "Secret juror note", "Beta Secret Programme")


def _patterns(resolver: URLResolver, prefix: str = "") -> list[str]:
    out = []
    for p in resolver.url_patterns:
        route = prefix + str(p.pattern)
        if isinstance(p, URLResolver):
            out += _patterns(p, route)
        elif isinstance(p, URLPattern):
            out.append(route.lstrip("^").rstrip("$").replace("\\Z", ""))
    return out


ROUTES = sorted(set(_patterns(get_resolver())))


def _fill(route: str, victim: dict) -> str:
    values = {"slug": victim["org"].slug, "pk": victim["snapshot"].pk, "snapshot_id": victim["snapshot"].pk,
              "uidb64": "MQ", "token": "set-password", "object_id": victim["owner"].pk, "app_label": "accounts",
              "content_type_id": 1, "url": "x", **victim.get("awards", {})}

    if "jobs" in victim:  # the upload's job, a document's, or the award round's figures job, of Beta's owner
        values["job"] = victim["jobs"]["figures" if "rounds/" in route else "personal" if route.startswith(
            "documents/") else "document" if "documents/" in route else "upload"]

    def one(match: re.Match[str]) -> str:
        name = match.group(2)
        return str(values.get(name, 1))

    url = re.sub(r"<(?:(\w+):)?(\w+)>", one, route)
    url = re.sub(r"\(\?P<(\w+)>[^)]*\)", lambda m: str(values.get(m.group(1), 1)), url)
    return "/" + url.replace("^", "")


def test_the_url_configuration_is_fully_covered():
    assert any("o/<slug:slug>/s/<int:pk>/" in r for r in ROUTES)
    assert any(r.startswith("api/") for r in ROUTES)
    assert len(ROUTES) > 20


@pytest.fixture
def victim(orgs):
    beta = orgs["beta"]
    beta["org"].name = "Beta Secret City"
    beta["org"].save()
    pending = PendingUpload.objects.create(organisation=beta["org"], user=beta["owner"], file_name="secret.csv",
                                           content=b"x", reference_date=beta["snapshot"].reference_date)
    beta["pending"] = pending
    beta["awards"] = _victim_awards(beta, orgs["alpha"]["owner"])
    beta["jobs"] = _victim_jobs(beta)
    return beta


def _victim_jobs(beta: dict) -> dict:
    """Beta's owner's finished upload check, figures of Beta's round, report PDF and a project's final report
    (a personal document; all done, with their outcome)."""
    from paritas.web.jobs.models import Job

    upload = Job.objects.create(kind=Job.Kind.CHECK_UPLOAD, organisation=beta["org"], user=beta["owner"],
                                state=Job.State.DONE, result={"pending": beta["pending"].pk},
                                params={"file_name": "secret.csv", "reference_date": "2024-12-31"})
    figures = Job.objects.create(kind=Job.Kind.FIGURES, user=beta["owner"], state=Job.State.DONE,
                                 params={"round": beta["awards"]["round_id"], "name": "Beta Secret City.zip",
                                         "snapshots": []}, result={"organisations": 1}, output=b"Beta Secret City")
    from paritas.web import crypto

    document = Job.objects.create(kind=Job.Kind.DOCUMENT, organisation=beta["org"], user=beta["owner"],
                                  state=Job.State.DONE, result={"filename": "beta-secret-city.pdf", "size": 16},
                                  params={"document": "snapshot_report", "snapshot": beta["snapshot"].pk,
                                          "lang": "de", "role": "viewer"},
                                  output=crypto.encrypt(b"Beta Secret City"))
    personal = Job.objects.create(kind=Job.Kind.DOCUMENT, organisation=beta["org"], user=beta["owner"],
                                  state=Job.State.DONE, result={"filename": "beta-secret-city.pdf", "size": 16},
                                  params={"document": "project_final_report", "personal": True,
                                          "project": "beta-secret", "lang": "de"},
                                  output=crypto.encrypt(b"Beta Secret City"))
    return {"upload": upload.pk, "figures": figures.pk, "document": document.pk, "personal": personal.pk}


def _victim_awards(beta: dict, intruder) -> dict:
    """Beta's application in a programme Beta's owner administers, reviewed by Beta's juror, awarded, with
    an approved statement and a file. The intruder administers another programme and sits on the same
    jury, with a declared conflict on Beta's application."""
    from datetime import timedelta

    from django.utils import timezone

    from paritas.web.accounts.models import User
    from paritas.web.awards import outcome, services
    from paritas.web.awards.models import Assignment, Criterion, Decision, Question, Round

    now = timezone.now()
    programme = services.install_template("family_friendly", "victim-programme", name="Beta Secret Programme")
    programme.administrators.add(beta["owner"])
    services.install_template("equal_opportunity", "intruder-programme").administrators.add(intruder)
    criterion = Criterion.objects.filter(area__programme=programme).first()
    file_question = Question.objects.create(criterion=criterion, text="Plan", kind="file", required=False)
    text_question = Question.objects.create(criterion=criterion, text="Measures", kind="text", required=False)
    round_ = Round.objects.create(programme=programme, title="Victim round", opens_at=now - timedelta(days=1),
                                  closes_at=now + timedelta(days=30))
    juror = User.objects.create_user("juror@beta.test", "juror-password-1")
    round_.jurors.set([juror, intruder])
    beta["org"].size = 400
    beta["org"].save()
    application = services.start_application(round_, beta["org"])
    for question in Question.objects.filter(criterion__area__programme=programme, kind="yes_no"):
        services.save_answer(application, question, True, beta["owner"], 0)
    services.save_answer(application, text_question, "Secret measure text", beta["owner"], 0)
    answer = services.save_file(application, file_question, "plan.pdf", b"%PDF-1.4 secret", beta["owner"], 0)
    services.submit(application)
    assignment = services.assign(application, juror)
    for c in Criterion.objects.filter(area__programme=programme):
        services.save_score(assignment, c, 5, "Secret juror note", 0)
    services.submit_review(assignment)
    Assignment.objects.create(round=round_, stage=assignment.stage, application=application, juror=intruder,
                              conflict_declared=True, conflict_reason="former employee")
    decision = services.decide(application, Decision.Outcome.AWARD, "Secret juror note", beta["owner"],
                               now=round_.closes_at + timedelta(seconds=1))
    outcome.approve_statement(decision, beta["owner"], "Secret juror note")
    return {"programme": programme.slug, "round_id": round_.pk, "application_id": application.pk,
            "question_id": text_question.pk, "criterion_id": criterion.pk, "assignment_id": assignment.pk,
            "attachment_id": answer.value["attachment"], "award_id": application.awards.get().pk,
            "stage_id": assignment.stage_id, "partnership_id": application.pk}


def _assert_closed(response, route: str, who: str) -> None:
    status = response.status_code
    body = response.content.decode("utf-8", "replace") if hasattr(response, "content") else ""
    for secret in SECRETS:
        if route in PUBLISHED and secret in ("Beta Secret City", "Beta Secret Programme"):
            continue  # holder and programme are what the register publishes
        assert secret not in body, f"{who} sees {secret!r} at {route}"
    if route in PUBLIC or route in OWN:
        return
    if status in (301, 302):
        target = response.headers.get("Location", "")
        assert "login" in target, f"{who}: {route} redirects to {target}"
        return
    assert status in (401, 403, 404, 405), f"{who}: {route} answered {status}"


@pytest.mark.parametrize("route", ROUTES)
def test_anonymous_gets_nothing(client, victim, route):
    url = _fill(route.replace("<int:pk>/", f"{victim['snapshot'].pk}/"), victim)
    for method in ("get", "post", "delete"):
        _assert_closed(getattr(client, method)(url), route, "anonymous")


@pytest.mark.parametrize("route", ROUTES)
def test_a_member_of_another_organisation_gets_nothing(client, orgs, victim, route):
    intruder = orgs["alpha"]["owner"]
    client.force_login(intruder)
    _token, key = ApiToken.issue(intruder, "intruder")
    url = _fill(route, victim)
    if "upload/<int:pk>" in route:
        url = url.rsplit("/", 2)[0] + f"/{victim['pending'].pk}/"
    for method in ("get", "post", "delete"):
        _assert_closed(getattr(client, method)(url, HTTP_AUTHORIZATION=f"Bearer {key}"), route, "intruder")


def test_own_snapshot_is_visible_to_its_members(client, orgs):
    alpha = orgs["alpha"]
    for role in ("owner", "analyst", "viewer"):
        client.force_login(alpha[role])
        response = client.get(f"/o/alpha/s/{alpha['snapshot'].pk}/")
        assert response.status_code == 200


def test_roles_inside_an_organisation(client, orgs):
    alpha = orgs["alpha"]
    client.force_login(alpha["viewer"])
    assert client.get("/o/alpha/upload/").status_code == 403
    assert client.get("/o/alpha/audit/").status_code == 403
    assert client.post(f"/o/alpha/s/{alpha['snapshot'].pk}/delete/").status_code == 403
    client.force_login(alpha["analyst"])
    assert client.get("/o/alpha/upload/").status_code == 200
    assert client.get("/o/alpha/members/").status_code == 403
    client.force_login(alpha["owner"])
    assert client.get("/o/alpha/audit/").status_code == 200
