"""A three-stage award round in a real browser (Debian's Chromium): screening by recommendation, an
anonymised jury review with scores and the running total, a final decision; the chair assigns, reminds,
applies each selection, writes to the applicants who moved on (previewed first), and the applicant reads
the message in the platform."""

from __future__ import annotations

import os
import re
from datetime import timedelta

import pytest

from tests.browser.conftest import ARTIFACTS, sign_in, skip_without_chromium

PASSWORD = "browser-test-password"

skip_without_chromium()

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def _sign_in(page, base: str, email: str) -> None:
    sign_in(page, base, email, PASSWORD, None)


def _labelled(page) -> None:
    from tests.browser.test_platform import UNLABELLED

    assert page.evaluate(UNLABELLED) == [], page.url


def _shot(page, name: str) -> None:
    page.screenshot(path=str(ARTIFACTS / f"awards-stages-{name}.png"), full_page=True)


@pytest.fixture
def round_in_stages(transactional_db):
    from django.utils import timezone

    from paritas.web.accounts.models import User
    from paritas.web.awards import services
    from paritas.web.awards.models import Question, Round, Stage
    from paritas.web.organisations.models import Membership, Organisation

    now = timezone.now()
    programme = services.install_template("family_friendly", "familienfreundlich")
    chair = User.objects.create_user("vorsitz@jury.test", PASSWORD)
    programme.administrators.add(chair)
    round_ = Round.objects.create(programme=programme, title="2027", opens_at=now - timedelta(days=20),
                                  closes_at=now + timedelta(days=1))
    jurors = [User.objects.create_user(f"{n}@jury.test", PASSWORD) for n in ("jana", "jonas")]
    round_.jurors.set(jurors)
    screening = round_.stages.get()
    screening.name, screening.sheet = "Vorprüfung", Stage.Sheet.RECOMMENDATION
    screening.opens_at, screening.closes_at = now - timedelta(days=20), now + timedelta(days=10)
    screening.save()
    services.add_stage(round_, "Jurybewertung", now - timedelta(days=19), now + timedelta(days=30),
                       sheet=Stage.Sheet.SCORES, rule=Stage.Rule.TOP, rule_value=1, anonymised=True)
    services.add_stage(round_, "Entscheidung", now - timedelta(days=18), now + timedelta(days=40),
                       sheet=Stage.Sheet.NONE)
    owners = {}
    for slug, name in (("herne", "Stadt Herne"), ("bochum", "Stadt Bochum")):
        org = Organisation.objects.create(slug=slug, name=name, type="municipality", size=800)
        owner = User.objects.create_user(f"gleichstellung@{slug}.test", PASSWORD, first_name="Petra",
                                         last_name=f"Muster{slug}")
        Membership.objects.create(user=owner, organisation=org, role="owner")
        application = services.start_application(round_, org)
        for question in [*Question.objects.filter(criterion__area__programme=programme, kind="yes_no"),
                         *services.missing(application)]:
            value = True if question.kind == "yes_no" else (f"{name}: Teilzeit in Führung" if question.kind == "text"
                                                             else 1)
            answer = application.answers.filter(question=question).first()
            if answer is not None and answer.value not in (None, ""):
                continue
            services.save_answer(application, question, value, owner, answer.version if answer else 0)
        services.submit(application)
        owners[slug] = (owner, application)
    return {"round": round_, "owners": owners}


def test_a_three_stage_round_from_screening_to_the_decision(live_server, browser_page, round_in_stages):
    from babel.numbers import format_percent
    from django.core import mail
    from django.utils import timezone
    from playwright.sync_api import expect

    from paritas.web.awards.models import Criterion, Round

    page, base = browser_page, live_server.url
    round_ = round_in_stages["round"]
    round_url = f"{base}/programmes/familienfreundlich/rounds/{round_.pk}/"
    herne_app = round_in_stages["owners"]["herne"][1]
    criteria = list(Criterion.objects.filter(area__programme=round_.programme))

    # The chair sees the three stages and assigns the screening, balanced.
    _sign_in(page, base, "vorsitz@jury.test")
    page.goto(round_url)
    stages = page.locator("#stages + p + table tbody tr")
    assert stages.count() == 3 and "Vorprüfung" in stages.first.inner_text()
    page.get_by_role("button", name="Ausgewogen zuordnen").click()
    page.wait_for_selector("text=4 Zuordnungen wurden vorgenommen.")
    _labelled(page)
    _shot(page, "01-round")

    # Each juror recommends: both Herne, one Bochum.
    for email, bochum in (("jana@jury.test", "weiter"), ("jonas@jury.test", "nicht weiter")):
        _sign_in(page, base, email)
        page.goto(f"{base}/jury/")
        assert re.search(r"Zugewiesen\s*2", page.locator("dl.figures").first.inner_text())
        _labelled(page)
        for org, choice in (("Stadt Herne", "weiter"), ("Stadt Bochum", bochum)):
            page.goto(f"{base}/jury/")
            page.get_by_role("link", name=org).click()
            page.get_by_label(choice, exact=True).check()
            page.get_by_label("Ihre Notiz").fill(f"{org}: überzeugend ({email})")
            page.get_by_role("button", name="Meine Empfehlung speichern").click()
            page.wait_for_selector("text=Ihre Empfehlung wurde gespeichert.")
            page.get_by_role("button", name="Meine Bewertung einreichen").click()
            page.wait_for_selector("text=Ihre Bewertung wurde eingereicht")
        _shot(page, f"02-jury-{email.split('@')[0]}")

    # The call closes; the chair applies the proposed selection (Herne: two of two; Bochum: one of two).
    Round.objects.filter(pk=round_.pk).update(closes_at=timezone.now() - timedelta(minutes=1))
    _sign_in(page, base, "vorsitz@jury.test")
    page.goto(round_url)
    page.get_by_role("link", name="1. Vorprüfung").click()
    assert page.get_by_label("Stadt Herne kommt weiter").is_checked()
    assert not page.get_by_label("Stadt Bochum kommt weiter").is_checked()
    page.get_by_label("Stadt Bochum kommt weiter").check()  # the jury decides both move on
    _labelled(page)
    _shot(page, "03-selection")
    page.get_by_role("button", name="Auswahl übernehmen").click()
    page.wait_for_selector("text=2 Bewerbungen kommen weiter, 0 nicht.")

    # Stage two is anonymised: the chair assigns it, reminds, and the juror sees codes, not names.
    page.goto(round_url)
    page.get_by_role("link", name="2. Jurybewertung").click()
    page.get_by_role("button", name="Ausgewogen zuordnen").click()
    page.wait_for_selector("text=4 Zuordnungen wurden vorgenommen.")
    mail.outbox.clear()
    page.get_by_role("button", name="Alle mit ausstehenden Bewertungen erinnern").click()
    page.wait_for_selector("text=2 Erinnerungen wurden gesendet.")
    assert all("Stadt Herne" not in m.body and "Stadt Bochum" not in m.body for m in mail.outbox)
    for email, herne, bochum in (("jana@jury.test", "3", "1"), ("jonas@jury.test", "2", "2")):
        _sign_in(page, base, email)
        page.goto(f"{base}/jury/")
        anonymised = page.locator("section").filter(has_text="Jurybewertung")
        body = anonymised.inner_html()  # the screening stage above showed the names: it was not anonymised
        assert "Stadt Herne" not in body and "Stadt Bochum" not in body and f"A-{herne_app.pk}" in body
        for code, score in ((f"A-{herne_app.pk}", herne), (None, bochum)):
            page.goto(f"{base}/jury/")
            links = page.locator("section").filter(has_text="Jurybewertung").get_by_role("link")
            (links.filter(has_text=code) if code else links.filter(has_not_text=f"A-{herne_app.pk}")).first.click()
            page.wait_for_selector("html[data-autosave=ready]", state="attached")
            text = page.content()
            assert "Stadt Herne" not in text and "Stadt Bochum" not in text and "Muster" not in text
            for select in page.locator("fieldset[data-autosave] select").all():
                select.select_option(score)
            # The running total follows the saved scores: Σ weight × score ÷ Σ weight × highest score.
            expected = sum(float(c.weight) * min(int(score), c.scale_max) for c in criteria) / sum(
                float(c.weight) * c.scale_max for c in criteria)
            expect(page.locator("#running-total")).to_have_text(format_percent(expected, locale="de"))
            _labelled(page)
            page.get_by_role("button", name="Meine Bewertung einreichen").click()
            page.wait_for_selector("text=Ihre Bewertung wurde eingereicht")
        _shot(page, f"04-review-{email.split('@')[0]}")

    # The chair applies the rule (the best one moves on), then decides in the final stage.
    _sign_in(page, base, "vorsitz@jury.test")
    page.goto(round_url)
    page.get_by_role("link", name="2. Jurybewertung").click()
    assert page.get_by_label("Stadt Herne kommt weiter").is_checked()
    assert not page.get_by_label("Stadt Bochum kommt weiter").is_checked()
    page.get_by_role("button", name="Auswahl übernehmen").click()
    page.wait_for_selector("text=1 Bewerbungen kommen weiter, 1 nicht.")
    _shot(page, "05-second-selection")
    page.goto(f"{base}/programmes/familienfreundlich/applications/{herne_app.pk}/")
    page.get_by_role("combobox", name="Entscheidung").select_option("award")
    page.get_by_role("textbox", name="Begründung", exact=True).fill("Vorbildliche Vereinbarkeit.")
    page.get_by_role("button", name="Entscheidung festhalten").click()
    page.wait_for_selector("text=Die Entscheidung wurde festgehalten.")

    # One message to those who moved on from the jury review: previewed, then sent and logged.
    page.goto(round_url + "messages/")
    page.get_by_label("Mit einer Vorlage beginnen").select_option("advanced")
    page.get_by_role("button", name="Diese Vorlage verwenden").click()
    page.get_by_label("An", exact=True).select_option(label="aus „Jurybewertung“ weitergekommen")
    page.get_by_role("button", name="Vorschau").click()
    preview = page.locator("section.preview").inner_text()
    assert "Stadt Herne" in preview and "„Jurybewertung“" in preview and "{" not in preview
    _labelled(page)
    _shot(page, "06-message-preview")
    page.get_by_role("button", name="An 1 Bewerbung senden").click()
    page.wait_for_selector("text=1 Nachrichten wurden gesendet.")
    assert "gleichstellung@herne.test" in page.locator("#log + div table").inner_text()
    _shot(page, "07-message-log")

    # Herne reads the message in the platform.
    _sign_in(page, base, "gleichstellung@herne.test")
    page.goto(f"{base}/o/herne/awards/a/{herne_app.pk}/")
    assert page.get_by_text("Familienfreundliches Unternehmen: Stadt Herne kommt weiter").count() == 1
    _shot(page, "08-applicant-messages")
