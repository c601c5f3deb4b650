"""The library of methods and exercises: search in each language with its stemming (on whichever database
the suite runs: SQLite's FTS5 or PostgreSQL's text search), filters, the review before publication, who
reaches which page, the printed card, and the demo's entries."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied, ValidationError

from paritas.web.accounts.models import User
from paritas.web.library import search, services
from paritas.web.library.models import Entry, EntryText, Theme
from paritas.web.network.models import Campaign


def _entry(slug: str, texts: dict[str, tuple[str, str]], status: str = "published", themes=("pay",),
           form: str = "exercise", audience: str = "hr", minutes: int = 60, campaign=None, author=None) -> Entry:
    entry = Entry.objects.create(slug=slug, form=form, audience=audience, duration_minutes=minutes, status=status,
                                 campaign=campaign, author=author)
    entry.themes.set(Theme.objects.filter(code__in=themes))
    for language, (title, body) in texts.items():
        EntryText.objects.create(entry=entry, language=language, title=title, summary=body, aim="–", steps="–")
    return entry


@pytest.fixture
def people(db):
    coordinator = User.objects.create_user("coord@ruhr.test", "pw-123456789")
    campaign = Campaign.objects.create(name="Ruhr", slug="ruhr", kind="award_campaign")
    campaign.coordinators.add(coordinator)
    editor = User.objects.create_user("editor@paritas.test", "pw-123456789")
    editor.user_permissions.add(Permission.objects.get(codename="review_entry"))
    second_editor = User.objects.create_user("editor2@paritas.test", "pw-123456789")
    second_editor.user_permissions.add(Permission.objects.get(codename="review_entry"))
    stranger = User.objects.create_user("stranger@elsewhere.test", "pw-123456789")
    return {"coordinator": coordinator, "campaign": campaign, "editor": User.objects.get(pk=editor.pk),
            "second_editor": User.objects.get(pk=second_editor.pk), "stranger": stranger}


def _find(language: str, *args, **kwargs) -> list[str]:
    """Titles of what the library finds, as a page shows them in ``language``."""
    return [f.text.title for f in services.shown(services.find(language, *args, **kwargs), language)]


def test_search_stems_each_language(db):
    _entry("loen", {"sv": ("Lön och kön", "Hur lönen sätts i kommunen"),
                    "de": ("Entgelt und Geschlecht", "Wie das Entgelt festgelegt wird")})
    _entry("heltid", {"sv": ("Heltid som norm", "Fler ska arbeta heltid"),
                      "de": ("Vollzeit als Regel", "Mehr Beschäftigte in Vollzeit")})
    _entry("salary", {"en": ("Salaries and gender", "How salaries are set")})
    assert _find("sv", "löner") == ["Lön och kön"]  # "löner" finds "lön"
    assert _find("de", "Entgelte") == ["Entgelt und Geschlecht"]  # "Entgelte" finds "Entgelt"
    assert _find("en", "salary") == ["Salaries and gender"]
    assert _find("de", "löner") == []  # searched in the reader's language only
    assert _find("sv", "heltid norm") == ["Heltid som norm"]  # every word
    assert _find("sv", "heltid lön") == []
    assert services.find("sv", "\"*) OR 1=1 --") == [] and services.find("sv", "   ") != []  # no query: all


def test_the_index_follows_every_change(db):
    entry = _entry("e", {"de": ("Mentoring", "Tandems für Frauen")})
    assert _find("de", "Frau") == ["Mentoring"]
    text = entry.texts.get()
    text.summary = "Begleitung durch erfahrene Führungskräfte"
    text.save()
    assert _find("de", "Frauen") == [] and _find("de", "Führungskraft") == ["Mentoring"]
    text.delete()
    assert _find("de", "Führungskraft") == []
    assert search.stems("Führungskräfte löner", "de")[0] == search.stems("Führungskraft", "de")[0]


def test_title_matches_rank_first(db):
    _entry("a", {"de": ("Checkliste Vollzeit", "Fragen an Führungskräfte")})
    _entry("b", {"de": ("Fragen an Führungskräfte", "Auch zur Vollzeit")})
    assert _find("de", "Vollzeit") == ["Checkliste Vollzeit", "Fragen an Führungskräfte"]


def test_filters_by_theme_form_audience_and_duration(db):
    _entry("a", {"de": ("A", "x")}, themes=("pay",), form="exercise", audience="hr", minutes=30)
    _entry("b", {"de": ("B", "x")}, themes=("norms", "pay"), form="guide", audience="managers", minutes=120)
    _entry("c", {"de": ("C", "x")}, status="submitted")
    assert _find("de") == ["A", "B"]  # published only
    assert _find("de", theme="norms") == ["B"] and _find("de", theme="pay") == [
        "A", "B"]
    assert _find("de", form="exercise") == ["A"]
    assert _find("de", audience="managers") == ["B"]
    assert _find("de", max_minutes=60) == ["A"]
    assert _find("sv") == ["A", "B"]  # shown in another language where sv is missing


def test_an_entry_is_reviewed_before_the_public_sees_it(client, people):
    coordinator, editor = people["coordinator"], people["editor"]
    client.force_login(coordinator)
    response = client.post("/library/new/", {
        "text-language": "sv", "text-title": "Normspaning", "text-summary": "Övning", "text-aim": "Syfte",
        "text-steps": "Ett\nTvå", "form": "exercise", "themes": [Theme.objects.get(code="norms").pk],
        "audience": "staff", "duration_minutes": "45", "licence": "CC BY 4.0",
        "campaign": people["campaign"].pk})
    assert response.status_code == 302
    entry = Entry.objects.get(slug="normspaning")
    assert entry.status == "draft" and entry.author == coordinator
    client.logout()
    assert client.get("/library/normspaning/").status_code == 404  # not public yet
    assert "Normspaning" not in client.get("/library/?q=normspaning").content.decode()
    with pytest.raises(ValidationError):
        services.review(entry, editor, True)  # not submitted yet
    services.submit(entry, coordinator)
    with pytest.raises(PermissionDenied):
        services.review(entry, coordinator, True)  # not an editor
    with pytest.raises(ValidationError):
        services.review(entry, editor, False, "")  # returning needs a note
    services.review(entry, editor, False, "Lägg till material.")
    assert Entry.objects.get(pk=entry.pk).status == "returned"
    services.submit(entry, coordinator)
    client.force_login(editor)
    assert client.post("/library/normspaning/review/", {"decision": "publish"}).status_code == 302
    assert Entry.objects.get(pk=entry.pk).status == "published"
    client.logout()
    assert client.get("/library/normspaning/").status_code == 200
    client.force_login(coordinator)  # a change by the author is reviewed again
    client.post("/library/normspaning/edit/", {"action": "text", "text-language": "sv", "text-title": "Normspaning",
                                               "text-summary": "Ändrad", "text-aim": "Syfte", "text-steps": "Ett"})
    assert Entry.objects.get(pk=entry.pk).status == "submitted"


def test_an_editor_does_not_review_their_own_entry(people):
    entry = _entry("own", {"de": ("Eigen", "x")}, status="submitted", author=people["editor"])
    with pytest.raises(ValidationError):
        services.review(entry, people["editor"], True)
    services.review(entry, people["second_editor"], True)
    assert Entry.objects.get(pk=entry.pk).status == "published"


def test_who_reaches_which_page(client, people):
    draft = _entry("draft", {"de": ("Entwurf", "geheimer Entwurf")}, status="submitted", campaign=people["campaign"],
                   author=people["coordinator"])
    _entry("public", {"de": ("Öffentlich", "x")})
    for who in (None, people["stranger"]):
        client.logout()
        if who is not None:
            client.force_login(who)
        assert client.get("/library/").status_code == 200 and client.get("/library/public/").status_code == 200
        assert client.get("/library/public/card.pdf").status_code == 200
        for url in ("/library/draft/", "/library/draft/card.pdf", "/library/draft/edit/", "/library/review/",
                    "/library/new/", "/library/public/edit/"):
            response = client.get(url)
            assert response.status_code in (302, 404), (who, url)
            assert "geheimer Entwurf" not in response.content.decode()
        assert client.post("/library/draft/review/", {"decision": "publish"}).status_code in (302, 404)
        assert client.post("/library/draft/edit/", {"action": "submit"}).status_code in (302, 404)
    assert Entry.objects.get(pk=draft.pk).status == "submitted"
    client.force_login(people["editor"])
    assert "Entwurf" in client.get("/library/review/").content.decode()
    assert client.get("/library/draft/").status_code == 200
    client.force_login(people["coordinator"])
    assert client.get("/library/draft/edit/").status_code == 200 and client.get("/library/new/").status_code == 200
    assert client.get("/library/review/").status_code == 404


def test_the_exercise_card(client, db):
    from pypdf import PdfReader

    entry = _entry("card", {"de": ("Die Gleichstellungstreppe", "Eine Übung mit fünf Stufen")})
    text = entry.texts.get()
    text.steps = "Die Stufen erklären\nAufstellen\nNächsten Schritt vereinbaren"
    text.save()
    response = client.get("/library/card/card.pdf?lang=de")
    assert response["Content-Type"] == "application/pdf"
    pages = PdfReader(io.BytesIO(response.content)).pages
    words = " ".join(pages[0].extract_text().split())
    assert len(pages) == 1 and "Die Gleichstellungstreppe" in words and "Nächsten Schritt vereinbaren" in words
    assert "Ziel" in words and "Dauer" in words


def test_the_demo_entries_are_found_in_swedish_and_german(db):
    from paritas.web.library import demo

    campaign = Campaign.objects.create(name="Ruhr", slug="ruhr", kind="award_campaign")
    assert demo.install(campaign, None, None) == 10
    assert "Lönekartläggning i fem steg" in _find("sv", "löner")
    assert "Entgeltanalyse in fünf Schritten" in _find("de", "Entgelte")
    assert _find("sv", theme="full_time") == ["Checklista: heltid som norm", "Delat ledarskap"]


def test_plan_measures_and_award_criteria_link_to_entries(client, orgs):
    from paritas.web.awards import services as awards
    from paritas.web.awards.models import Criterion

    programme = awards.install_template("equal_opportunity", "eo")
    criterion = Criterion.objects.filter(area__programme=programme).first()
    linked = _entry("mentoring-guide", {"de": ("Mentoring aufbauen", "x")})
    linked.criteria.add(criterion)
    linked.measure_keys = ["mentoring"]
    linked.save()
    _entry("hidden", {"de": ("Noch nicht geprüft", "x")}, status="submitted").criteria.add(criterion)
    from django.template import Context, Template

    rendered = Template("{% load library %}{% library_for_criterion c as m %}{% for f in m %}{{ f.text.title }};"
                        "{% endfor %}").render(Context({"c": criterion}))
    assert rendered == "Mentoring aufbauen;"  # published entries only

    class Measure:
        library_key = "mentoring"

    rendered = Template("{% load library %}{% library_for_measures ms as m %}{% for f in m %}{{ f.text.title }}"
                        "{% endfor %}").render(Context({"ms": [Measure()]}))
    assert rendered == "Mentoring aufbauen"
    page = client.get("/library/mentoring-guide/", HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert criterion.title in page


def test_a_projects_staff_publishes_entries_for_it(client, db):
    from datetime import date

    from paritas.web.accounts.models import User
    from paritas.web.library.models import Entry, Theme
    from paritas.web.organisations.models import Organisation
    from paritas.web.projects.models import Project

    staff = User.objects.create_user("staff@project.test", "pw-123456789")
    outsider = User.objects.create_user("outsider@project.test", "pw-123456789")
    owner = Organisation.objects.create(slug="lst", name="Länsstyrelsen", type="municipality")
    project = Project.objects.create(name="Jämställt hela tiden", slug="jht", programme="esf_2014_2020", owner=owner,
                                     starts_on=date(2015, 2, 1), ends_on=date(2018, 12, 31))
    project.staff.add(staff)
    theme = Theme.objects.get_or_create(code="norms")[0]
    client.force_login(outsider)
    assert client.get("/library/new/").status_code == 404
    client.force_login(staff)
    data = {"form": "exercise", "themes": [theme.pk], "audience": "everyone", "duration_minutes": "45",
            "licence": "CC BY 4.0", "project": project.pk, "text-language": "sv",
            "text-title": "Normspaning i projektet",
            "text-summary": "En övning.", "text-aim": "Att se normer.", "text-materials": "", "text-steps": "Gör så."}
    response = client.post("/library/new/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    entry = Entry.objects.get(project=project)
    assert entry.status == "draft" and entry.campaign is None
    assert client.get(f"/library/{entry.slug}/edit/").status_code == 200
    # Neither a campaign nor a project: refused with the reason.
    data.pop("project")
    data["text-title"] = "Utan utgivare"
    assert client.post("/library/new/", data).status_code == 422
