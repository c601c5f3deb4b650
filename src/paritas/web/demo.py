"""Demo data for ``paritas serve --demo``: four organisations shaped like the seeds, their snapshots made
from the seeded synthetic generator through the real reader, and a user for every role."""

from __future__ import annotations

import functools
import tempfile
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from django.db import transaction

from paritas.analytics import io as hrio
from paritas.analytics import synthetic
from paritas.web.accounts.models import User
from paritas.web.organisations.models import Membership, Organisation, Region
from paritas.web.workforce import services

#: Demo only: printed on start; never used outside a demo database.
DEMO_PASSWORD = "paritas-demo"

ORGANISATIONS = [
    # slug, name, type, sector, region path, employees, style, language, snapshot years, seed
    ("herne", "Stadt Herne (Demo)", "municipality", "public_administration",
     ("Deutschland", "Nordrhein-Westfalen", "Metropole Ruhr", "Herne"), 2984, "de", "de",
     (2019, 2020, 2021, 2022, 2023, 2024), 1),
    ("dortmund", "Stadt Dortmund (Demo)", "municipality", "public_administration",
     ("Deutschland", "Nordrhein-Westfalen", "Metropole Ruhr", "Dortmund"), 11000, "de", "de", (2024,), 2),
    ("falun", "Falu kommun (Demo)", "municipality", "public_administration",
     ("Sverige", "Dalarnas län", "Dalarna", "Falun"), 3000, "sv", "sv", (2023, 2024), 3),
    ("muster", "Muster Technik GmbH (Demo)", "company", "industry",
     ("Deutschland", "Nordrhein-Westfalen", "Metropole Ruhr", "Duisburg"), 850, "de", "de", (2024,), 4),
]
KINDS = (Region.Kind.COUNTRY, Region.Kind.STATE, Region.Kind.REGION, Region.Kind.CITY)


def _region(path: tuple[str, ...]) -> Region:
    parent = None
    for name, kind in zip(path, KINDS, strict=True):
        parent, _ = Region.objects.get_or_create(name=name, parent=parent, defaults={"kind": kind})
    assert parent is not None
    return parent


@functools.cache
def password_hash() -> str:
    """:data:`DEMO_PASSWORD` hashed once, for every demo account (the demo prints it for all of them)."""
    from django.contrib.auth.hashers import make_password

    return make_password(DEMO_PASSWORD)


def _user(email: str, first: str, last: str, **extra: object) -> User:
    user = User.objects.filter(email=email).first()
    return user or User.objects.create_user(email, password_hash=password_hash(), first_name=first, last_name=last,
                                            **extra)


def logins() -> list[tuple[str, str, str]]:
    """(e-mail, role, organisation) of every demo user."""
    rows = [("admin@paritas.example", "platform staff", "–")]
    rows += [(u.email, "juror", "–") for u in User.objects.filter(email__startswith="jury").order_by("email")]
    rows += [(u.email, "library editor", "–") for u in User.objects.filter(email__startswith="editor@")]
    for m in Membership.objects.select_related("user", "organisation").order_by("organisation__name", "role"):
        rows.append((m.user.email, m.role, m.organisation.name))
    from paritas.web.paytransparency.models import DeskRole

    for d in DeskRole.objects.select_related("user", "organisation").order_by("organisation__name", "role"):
        rows.append((d.user.email, d.role, d.organisation.name))
    return rows


#: How the demo workforces change from one snapshot to the next, so the trend chart tells a story: a few
#: more staff each year and, from measures like mentoring and leading part-time, one to two percentage
#: points more women in leadership (Herne: 34 % in 2019, the jury statement's figure, to about 42 % in 2024).
GROWTH_PER_YEAR = 0.006
LEADERSHIP_STEP = 0.016


def workforce_of(slug: str, index: int, scale: float = 1.0) -> Any:
    """The seeded workforce of a demo organisation at its ``index``-th snapshot (0 = the first).

    The first snapshot is the organisation's profile as it is (Herne 2019 is exactly the seed-001 jury
    statement: 2,984 staff, 58 % women, 130 men and 67 women in leadership, four men and 15 women leading
    part-time); each later one has more staff, a higher women's share in leadership and other people hired,
    promoted and leaving (another seed)."""
    from dataclasses import replace

    _slug, _name, _kind, _sector, _path, size, style, _lang, years, seed = next(o for o in ORGANISATIONS
                                                                             if o[0] == slug)
    profile = synthetic.PROFILES[style]
    if index:
        profile = replace(profile, women_share_in_leadership=min(0.9, profile.women_share_in_leadership
                                                                 + LEADERSHIP_STEP * index))
    employees = round(size * (1 + GROWTH_PER_YEAR * index))
    frame = synthetic.generate(max(100, round(employees * scale)), style=style,
                               reference_date=date(years[index], 12, 31), seed=seed + 100 * index, profile=profile)
    return _segregated(frame, seed + 100 * index) if style == "sv" else frame


#: Swedish municipal jobs as segregated as they are (undersköterskor and barnskötare mostly women, brandmän
#: and vaktmästare mostly men): for each level of requirements, the chance that a woman, and that a man,
#: holds each of its jobs. The generator draws job titles regardless of gender; a pay survey of such a
#: workforce would find no women-dominated job to compare. Invented for the demo, in the spirit of SCB's
#: occupational statistics, not taken from them.
SEGREGATION = {
    ("Vaktmästare", "Lokalvårdare"): ((0.25, 0.75), (0.80, 0.20)),
    ("Undersköterska", "Barnskötare", "Brandman"): ((0.52, 0.44, 0.04), (0.25, 0.05, 0.70)),
    ("Socialsekreterare", "Förskollärare", "Handläggare"): ((0.40, 0.40, 0.20), (0.25, 0.10, 0.65)),
    ("Utredare", "Jurist", "Läkare"): ((0.20, 0.40, 0.40), (0.60, 0.20, 0.20)),
}


def _segregated(frame: Any, seed: int) -> Any:
    """The frame with job titles redrawn within each level by gender (SEGREGATION), from a generator of
    its own so that every other column stays as the seed made it."""
    import numpy as np
    import polars as pl

    rng = np.random.default_rng(seed + 7919)
    titles = frame["job_title"].to_numpy().astype(object)
    women = (frame["gender"] == "f").to_numpy()
    for group, (p_women, p_men) in SEGREGATION.items():
        mask = np.isin(titles, group)
        drawn_w = rng.choice(len(group), mask.sum(), p=p_women)
        drawn_m = rng.choice(len(group), mask.sum(), p=p_men)
        titles[mask] = np.array(group, dtype=object)[np.where(women[mask], drawn_w, drawn_m)]
    return frame.with_columns(pl.Series("job_title", titles.astype(str)))


@transaction.atomic
def load(scale: float = 1.0) -> bool:
    """Load the demo once; False when the database already has organisations. ``scale`` shrinks the
    workforces (tests use a twentieth)."""
    if Organisation.objects.exists():
        return False
    _user("admin@paritas.example", "Platform", "Admin", is_staff=True, is_superuser=True)
    with tempfile.TemporaryDirectory() as tmp:
        for slug, name, kind, sector, path, size, style, language, years, _seed in ORGANISATIONS:
            org = Organisation.objects.create(slug=slug, name=name, type=kind, sector=sector, region=_region(path),
                                              size=size, language=language)
            domain = f"{slug}.example"
            for role, first in (("owner", "Olivia"), ("analyst", "Anna"), ("viewer", "Victor")):
                user = _user(f"{role}@{domain}", first, slug.capitalize())
                Membership.objects.create(user=user, organisation=org, role=role)
            owner = User.objects.get(email=f"owner@{domain}")
            for i, year in enumerate(years):
                reference = date(year, 12, 31)
                frame = workforce_of(slug, i, scale)
                file = synthetic.write(frame, Path(tmp) / f"{slug}-{year}.csv", "csv", style)
                workforce = hrio.read(file, hrio.ReadOptions(reference_date=reference))
                services.create_snapshot(org, workforce, owner, f"personal-{year}.csv", via="demo")
    _finished_round()
    _open_calls()
    _plans()
    _networks()
    _library()
    _projects(scale)
    _job_evaluation()
    return True


def _job_evaluation() -> None:
    """Falu kommun's job evaluation with the default factor plan and Herne's requests for information on
    pay (paritas.web.paytransparency.demo)."""
    from paritas.web.paytransparency import demo as paytransparency_demo

    falun = Organisation.objects.get(slug="falun")
    paytransparency_demo.install(falun, User.objects.get(email="owner@falun.example"))
    paytransparency_demo.pay_survey(falun, User.objects.get(email="owner@falun.example"),
                                    User.objects.get(email="analyst@falun.example"))
    herne = Organisation.objects.get(slug="herne")
    owner, analyst = User.objects.get(email="owner@herne.example"), User.objects.get(email="analyst@herne.example")
    paytransparency_demo.requests(herne, owner, analyst)
    paytransparency_demo.desk(herne, owner, analyst, password_hash())


def _projects(scale: float) -> None:
    """Seed 004's ESF project in Dalarna (paritas.web.projects.demo)."""
    from paritas.web.library.models import Entry
    from paritas.web.projects import demo as projects_demo

    project = projects_demo.install(Region.objects.get(name="Dalarna"), User, password_hash(), scale)
    # The project published seed 004's kind of material: these four library entries are its own.
    Entry.objects.filter(slug__in=projects_demo.PUBLISHED).update(project=project, campaign=None)


def _library() -> None:
    """Ten entries of the library (seed 004's kind of material) in Swedish and German, published by the
    Metropole Ruhr campaign and reviewed by the demo's library editor."""
    from django.contrib.auth.models import Permission

    from paritas.web.library import demo as library_demo
    from paritas.web.network.models import Campaign

    editor = User.objects.create_user("editor@paritas.example", password_hash=password_hash())
    editor.user_permissions.add(Permission.objects.get(codename="review_entry", content_type__app_label="library"))
    library_demo.install(Campaign.objects.get(slug="metropole-ruhr"), User.objects.get(email="owner@herne.example"),
                         editor)


def _networks() -> None:
    """Seed 000's campaign "Total E-Quality in der Metropole Ruhr" (three initiators, the region's holders
    from the register, the tenth-anniversary event of 22 March 2022 with its programme) and seed 003's local
    alliance for families in Duisburg with two network meetings hosted by a member."""
    from datetime import datetime, time
    from zoneinfo import ZoneInfo

    from django.utils.text import slugify

    from paritas.web.network import services as network
    from paritas.web.network.models import Campaign, Event, Participation, ProgrammeItem, Recognition

    berlin = ZoneInfo("Europe/Berlin")
    ruhr = Region.objects.get(name="Metropole Ruhr")
    campaign = Campaign.objects.create(
        name="Total E-Quality in der Metropole Ruhr", slug="metropole-ruhr", kind=Campaign.Kind.AWARD_CAMPAIGN,
        region=ruhr, description="Gemeinsam mit Unternehmen, Hochschulen und Verwaltungen für Chancengleichheit: "
                                 "Beratung, Coaching und Vernetzung für Bewerberinnen und Bewerber um das Prädikat.")
    campaign.coordinators.add(User.objects.get(email="owner@herne.example"))
    for name, role in (("Unternehmerinnen-Forum Ruhr (Demo)", Participation.Role.LEAD),
                       ("Wirtschaftsförderung Herne (Demo)", Participation.Role.PARTNER)):
        org = Organisation.objects.create(slug=slugify(name.split(" (")[0]), name=name,
                                          type=Organisation.Type.ASSOCIATION, sector=Organisation.Sector.SERVICES,
                                          region=ruhr)
        Participation.objects.create(campaign=campaign, organisation=org, role=role, joined_on=date(2012, 1, 1))
    Participation.objects.create(campaign=campaign, organisation=Organisation.objects.get(slug="herne"),
                                 role=Participation.Role.PARTNER, joined_on=date(2012, 1, 1), shown_publicly=True)
    anniversary = Event.objects.create(
        campaign=campaign, title="10 Jahre Total E-Quality in der Metropole Ruhr", kind=Event.Kind.ANNIVERSARY,
        starts_at=datetime(2022, 3, 22, 17, 0, tzinfo=berlin), ends_at=datetime(2022, 3, 22, 20, 30, tzinfo=berlin),
        place="Herne, Kulturzentrum", capacity=120,
        description="Für Prädikatsträger, Pioniere, Multiplikatorinnen und interessierte Personalverantwortliche.")
    for at, title, kind, speakers in (
            (time(17, 0), "Begrüßung", "welcome", "Hans Beispiel; Stadt Herne (Demo); Oberbürgermeister"),
            (time(17, 20), "Zehn Jahre Chancengleichheit in der Region", "keynote",
             "Dr. Petra Muster; Unternehmerinnen-Forum Ruhr (Demo); Vorsitzende"),
            (time(18, 0), "Wie wir das Prädikat erreicht haben", "panel",
             "Anna Beispiel; Stadt Herne (Demo); Gleichstellungsbeauftragte\n"
             "Jonas Muster; Muster Technik GmbH (Demo); Personalleitung"),
            (time(19, 0), "Empfang und Austausch", "break", "")):
        ProgrammeItem.objects.create(event=anniversary, starts_at=at, title=title, kind=kind, speakers=speakers)
    _after_the_anniversary(anniversary)
    _campaign_work(campaign)
    duisburg = Region.objects.get(name="Duisburg")
    alliance = Campaign.objects.create(name="Lokales Bündnis für Familie Duisburg (Demo)", slug="buendnis-duisburg",
                                       kind=Campaign.Kind.LOCAL_ALLIANCE, region=duisburg)
    alliance.coordinators.add(User.objects.get(email="owner@muster.example"))
    muster = Organisation.objects.get(slug="muster")
    Participation.objects.create(campaign=alliance, organisation=muster, role=Participation.Role.MEMBER,
                                 joined_on=date(2019, 5, 1), shown_publicly=True)
    stadtwerke = Organisation.objects.create(slug="stadtwerke-duisburg", name="Stadtwerke Duisburg (Demo)",
                                             type=Organisation.Type.COMPANY, sector=Organisation.Sector.SERVICES,
                                             region=duisburg)
    Participation.objects.create(campaign=alliance, organisation=stadtwerke, role=Participation.Role.MEMBER,
                                 joined_on=date(2021, 3, 1), shown_publicly=True)
    Recognition.objects.create(campaign=alliance, title="Bündnis des Monats", awarded_by="Bundesprogramm Lokale "
                               "Bündnisse für Familie (Demo)", on=date(2023, 6, 1))
    for when, title, host, talk in (
            (datetime(2024, 11, 14, 16, 0, tzinfo=berlin), "Netzwerktreffen: Pflege und Beruf", stadtwerke,
             "Pflegelotsinnen im Betrieb"),
            (datetime(2027, 5, 20, 16, 0, tzinfo=berlin), "Netzwerktreffen: Väter im Betrieb", muster,
             "Elternzeit für Väter: was wir gelernt haben")):
        meeting = Event.objects.create(campaign=alliance, title=title, kind=Event.Kind.NETWORK_MEETING,
                                       starts_at=when, ends_at=when.replace(hour=18), host=host,
                                       place=f"Duisburg, {host.name}", capacity=40, audience=Event.Audience.MEMBERS)
        ProgrammeItem.objects.create(event=meeting, starts_at=time(16, 15), title=talk, kind="talk",
                                     speakers=f"Lea Beispiel; {host.name}; Personalentwicklung")
        if when.year > 2025:
            network.register(meeting, "Olivia Muster", "owner@muster.example", muster.name, "f")


def _after_the_anniversary(event: Any) -> None:
    """The anniversary event afterwards: who came (checked in), their feedback, a summary."""
    from paritas.web.network import services as network

    people = [("Anna Beispiel", "Stadt Herne (Demo)", "f"), ("Jonas Muster", "Muster Technik GmbH (Demo)", "m"),
              ("Dr. Petra Muster", "Unternehmerinnen-Forum Ruhr (Demo)", "f"),
              ("Eva Roth", "Stadt Dortmund (Demo)", "f"), ("Mehmet Yilmaz", "Stadt Dortmund (Demo)", "m"),
              ("Sabine Klein", "Sparkasse Herne (Demo)", "f"),
              ("Lena Weiß", "Stadt Herne (Demo)", "f"), ("Tobias Kraus", "Wirtschaftsförderung Herne (Demo)", "m")]
    for i, (name, organisation, gender) in enumerate(people):
        registration = network.register(event, name, f"gast{i + 1}@ruhr.example", organisation, gender,
                                        now=event.starts_at - timedelta(days=14))
        network.check_in(registration, now=event.starts_at)
        if i < 4:
            network.give_feedback(registration, 5 - i % 2, "Gern wieder mit mehr Zeit für den Austausch." if i == 0
                                  else "", now=event.ends_at)
    event.minutes = ("Rund 120 Gäste feierten zehn Jahre Total E-Quality in der Metropole Ruhr. Im Podium "
                     "berichteten zwei Prädikatsträger, wie sie das Prädikat erreicht haben.")
    event.minutes_public = True
    event.save(update_fields=["minutes", "minutes_public"])


def _campaign_work(campaign: Any) -> None:
    """Goals, a coaching offer with slots, news and a registration question for the next workshop."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from paritas.web.network.models import Event, Goal, NewsItem, Offer, OfferSlot, Question

    berlin = ZoneInfo("Europe/Berlin")
    year = date.today().year
    Goal.objects.create(campaign=campaign, title="Die führende Region: 30 Prädikatsträger",
                        measure=Goal.Measure.HOLDERS, target=30, year=year)
    Goal.objects.create(campaign=campaign, title="Vier Veranstaltungen im Jahr", measure=Goal.Measure.EVENTS,
                        target=4, year=2022)
    offer = Offer.objects.create(campaign=campaign, title="Coaching zur Bewerbung um das Prädikat",
                                 audience="Unternehmen und Verwaltungen, die sich zum ersten Mal bewerben",
                                 contact="Unternehmerinnen-Forum Ruhr, coaching@ruhr.example",
                                 description="Eine Stunde zu den Kriterien, den Nachweisen und der Selbstbewertung.")
    for month in (2, 3):
        start = datetime(year + 1, month, 10, 10, 0, tzinfo=berlin)
        OfferSlot.objects.create(offer=offer, starts_at=start, ends_at=start + timedelta(hours=1),
                                 place="online")
    NewsItem.objects.create(campaign=campaign, title="Zwei neue Prädikatsträger in der Region",
                            body="Die Stadt Herne und die Stadt Dortmund tragen das Prädikat TOTAL E-QUALITY.",
                            published_on=date(2025, 7, 15))
    workshop = Event.objects.create(
        campaign=campaign, title="Werkstatt: Entgeltgleichheit prüfen", kind=Event.Kind.WORKSHOP,
        starts_at=datetime(year + 1, 4, 16, 14, 0, tzinfo=berlin),
        ends_at=datetime(year + 1, 4, 16, 17, 0, tzinfo=berlin),
        place="Herne, Rathaus", capacity=25,
        description="Für Personalverantwortliche: die Kennzahlen der EU-Entgelttransparenzrichtlinie mit "
                    "Paritas.")
    Question.objects.create(event=workshop, label="Welche Organisation vertreten Sie (Zahl der Beschäftigten)?",
                            kind=Question.Kind.CHOICE, choices="unter 100\n100–249\n250 und mehr", required=True)

#: Dortmund's action plan "Gute Arbeit" (seed 002): 13 measures, the first version for 2025, the second
#: for 2026 after the board's approval (two measures progressed, one dropped, one added).
GUTE_ARBEIT = [
    ("Qualifizierungsplätze für Quereinsteigende", "Personal- und Organisationsamt", "Quereinsteigende",
     "29 Plätze im Jahr", "2025-01-01", "in_progress", "lateral_entrants"),
    ("Inklusive Ausbildung", "Ausbildungsleitung", "junge Menschen mit Behinderung",
     "12 Plätze in Tiefbauamt, Grünflächenamt und Bürgerdiensten", "2024-08-01", "in_progress",
     "inclusive_apprenticeships"),
    ("Mentoring für Frauen in Führung", "Gleichstellungsbüro", "Frauen vor der ersten Führungsaufgabe",
     "20 Tandems im Jahr", "2023-03-01", "embedded", "mentoring"),
    ("Führen in Teilzeit und im Tandem", "Personal- und Organisationsamt", "Führungskräfte", "", "2025-04-01",
     "planned", "part_time_leadership"),
    ("Geschlechtergemischte Auswahlkommissionen", "Personal- und Organisationsamt", "Auswahlkommissionen",
     "alle Verfahren", "2022-01-01", "embedded", "mixed_panels"),
    ("Geschlechtergerechte Stellenausschreibungen", "Personal- und Organisationsamt", "Bewerbende",
     "alle Ausschreibungen", "2022-01-01", "embedded", "gender_neutral_ads"),
    ("Telearbeit und mobiles Arbeiten", "Personal- und Organisationsamt", "alle Beschäftigten", "", "2021-01-01",
     "embedded", "flexible_working"),
    ("Beratung zur Pflege von Angehörigen", "Betriebliches Gesundheitsmanagement", "Beschäftigte mit Pflegeaufgaben",
     "", "2025-01-01", "in_progress", "care_support"),
    ("Kontakthalten in der Elternzeit", "Gleichstellungsbüro", "Beschäftigte in Elternzeit", "", "2024-01-01",
     "in_progress", "parental_leave_contact"),
    ("Schulung zu unbewussten Vorurteilen", "Aus- und Fortbildung", "alle Führungskräfte", "8 Termine im Jahr",
     "2025-02-01", "planned", "leadership_training"),
    ("Beschwerdestelle nach dem AGG", "Antidiskriminierungsstelle", "alle Beschäftigten", "", "2020-01-01",
     "embedded", "harassment_protection"),
    ("Jährliche Entgeltanalyse", "Personal- und Organisationsamt", "Personalrat, Verwaltungsvorstand", "",
     "2025-06-01", "planned", "pay_review"),
    ("Jährlicher Bericht an den Verwaltungsvorstand", "Personal- und Organisationsamt", "Verwaltungsvorstand", "",
     "2025-01-01", "in_progress", "yearly_report"),
]


def _plans() -> None:
    """Herne's equality plan 2022–2026, whose leadership target follows from its snapshots (34 % in 2019
    against 58 % of all staff: 50 % by 2026, interim 42 % in 2024), approved by the council; Dortmund's
    action plan "Gute Arbeit" in two yearly versions."""
    from datetime import date as day

    from paritas.web.plans import services as plans

    herne = Organisation.objects.get(slug="herne")
    owner, analyst = User.objects.get(email="owner@herne.example"), User.objects.get(email="analyst@herne.example")
    version = plans.create_plan(herne, analyst, title="Gleichstellungsplan", kind="equality_plan",
                                legal_basis="lgg_nrw", period_start=2022, period_end=2026, equality_officer=owner)
    version.summary = ("Der Gleichstellungsplan schreibt den Plan 2019–2021 fort. Ziel ist, den Frauenanteil in "
                       "Führungspositionen an den Anteil an der Belegschaft heranzuführen.")
    version.save(update_fields=["summary"])
    lead = plans.save_target(version, analyst, {"area": "leadership", "target": "50", "deadline": 2026,
                                                "interim": [{"year": 2024, "target": "42"}]})
    plans.save_target(version, analyst, {"area": "leadership_level", "group": "1", "target": "40", "deadline": 2026})
    plans.save_target(version, analyst, {"area": "pay_gap", "group": "mean", "target": "3", "deadline": 2026})
    for key in ("mentoring", "part_time_leadership", "leadership_coaching", "mixed_panels"):
        measure = plans.add_from_library(version, analyst, key)
        measure.targets.set([lead])
    plans.set_statement(version, owner, "Die Gleichstellungsbeauftragte hat an der Aufstellung mitgewirkt und "
                                        "stimmt dem Plan zu.")
    plans.submit(version, analyst)
    plans.decide(version, owner, approve=True, board="Rat der Stadt Herne", reference="V/2022/0815")

    dortmund = Organisation.objects.get(slug="dortmund")
    owner = User.objects.get(email="owner@dortmund.example")
    analyst = User.objects.get(email="analyst@dortmund.example")
    first = plans.create_plan(dortmund, analyst, title="Aktionsplan „Gute Arbeit“", kind="action_plan",
                              legal_basis="lgg_nrw", period_start=2025, period_end=2029, year=2025)
    plans.save_target(first, analyst, {"area": "leadership", "target": "50", "deadline": 2029})
    for title, unit, group, quantity, start, status, key in GUTE_ARBEIT:
        plans.save_measure(first, analyst, {"title": title, "owner": unit, "target_group": group, "quantity": quantity,
                                            "start": start, "status": status, "library_key": key})
    plans.submit(first, analyst)
    plans.decide(first, owner, approve=True, board="Verwaltungsvorstand", reference="VV 2025/03")
    second = plans.new_version(first, analyst, year=2026)
    for measure in second.measures.all():
        if measure.title.startswith("Führen in Teilzeit"):
            plans.save_measure(second, analyst, {**_fields(measure), "status": "in_progress"}, measure=measure)
        elif measure.title.startswith("Schulung"):
            plans.save_measure(second, analyst, {**_fields(measure), "status": "dropped",
                                                 "status_reason": "ersetzt durch ein Pflichtmodul für alle"},
                               measure=measure)
    plans.save_measure(second, analyst, {"title": "Pflichtmodul Chancengleichheit für Führungskräfte",
                                         "owner": "Aus- und Fortbildung", "target_group": "alle Führungskräfte",
                                         "start": day(2026, 1, 1).isoformat(), "status": "planned"})


def _fields(measure: Any) -> dict[str, Any]:
    from paritas.web.plans.services import MEASURE_FIELDS

    return {name: getattr(measure, name) for name in MEASURE_FIELDS}


#: The demo applications' answers to the text questions of the equal-opportunity award, in catalogue order:
#: recruitment, career development, work and family, partnership culture, equality goals.
ANSWERS = {
    "herne": [
        "Jede Auswahlkommission ist paritätisch besetzt; die Gleichstellungsbeauftragte nimmt an allen "
        "Vorstellungsgesprächen teil. Stellenanzeigen sind geschlechtergerecht formuliert und nennen Teilzeit.",
        "Ein Mentoring-Programm für Frauen in Führung (bisher 46 Teilnehmerinnen), Führungskräfte-Nachwuchs-Pool "
        "mit 50 % Frauen, Führen in Teilzeit und im Tandem.",
        "Über 300 Arbeitszeitmodelle, Telearbeit für alle Beschäftigten, Beratung zur Pflege von Angehörigen, "
        "Kontakthalteprogramm in der Elternzeit.",
        "Dienstvereinbarung zum partnerschaftlichen Verhalten am Arbeitsplatz mit Beschwerdestelle; Pflichtschulung "
        "für Führungskräfte zum Schutz vor sexueller Belästigung.",
        "Gleichstellungsplan 2019–2023 mit Zielen je Besoldungs- und Entgeltgruppe; Ziel: 40 % Frauen in "
        "Führungspositionen bis 2024, jährlicher Bericht an den Rat.",
    ],
    "dortmund": [
        "Strukturierte Interviews mit festen Kriterien, geschlechtergemischte Kommissionen, anonymisierte "
        "Vorauswahl in zwei Fachbereichen.",
        "Qualifizierung für Quereinsteigerinnen (29 Plätze im Jahr), Coaching für neue Führungskräfte, "
        "Führungsfunktionen auch in Teilzeit ausgeschrieben.",
        "Telearbeit für alle, Belegplätze in Kitas, ein Väternetzwerk, Sabbatical-Modelle.",
        "Antidiskriminierungsstelle, Beschwerdeverfahren nach dem AGG, Workshops zu unbewussten Vorurteilen.",
        "Aktionsplan „Gute Arbeit“ mit 13 Maßnahmen, jährlich vom Verwaltungsvorstand fortgeschrieben.",
    ],
    "falun": [
        "Kompetensbaserad rekrytering med strukturerade intervjuer; alla annonser granskas ur "
        "jämställdhetsperspektiv.",
        "Chefsprogram för kvinnor och män, mentorskap och en plan för heltid som norm.",
        "Flexibel arbetstid, distansarbete, stöd vid föräldraledighet och återgång i arbete.",
        "Riktlinjer mot kränkande särbehandling och trakasserier, utbildning för alla chefer, visselblåsartjänst.",
        "Jämställdhetsplan med mätbara mål, årlig lönekartläggning och aktiva åtgärder enligt "
        "diskrimineringslagen.",
    ],
}
#: What each of the three jurors noted on each criterion (catalogue order), so the meeting reads like one.
JURY_NOTES = [
    ("Paritätische Kommissionen überzeugen.", "Anonymisierte Vorauswahl ausweiten.", "Anzeigen vorbildlich."),
    ("Mentoring mit messbarer Wirkung.", "Nachwuchs-Pool gut, Teilzeitführung stärken.", "Tandems überzeugen."),
    ("Breites Angebot für Familien.", "Pflege von Angehörigen stärker beachten.", "Telearbeit für alle: stark."),
    ("Klare Beschwerdewege.", "Schulungen auch für Beschäftigte anbieten.", "Dienstvereinbarung vorbildlich."),
    ("Ziele je Entgeltgruppe, gut verankert.", "Bericht an den Rat: vorbildlich.", "Indikatoren nachschärfen."),
    ("Frauenanteil in Führung steigt seit 2019.", "Entwicklung plausibel belegt.", "Daten vollständig."),
]


def _finished_round() -> None:
    """Finished rounds of the equal-opportunity award, so the register is not empty: Herne's first award of
    2019 (the seed-001 jury statement) and its renewal in 2022 as records; the 2025 round run through the
    platform from application to approved statement — Herne (third award), Dortmund and Falun applied with
    their latest snapshot, three jurors scored, the chair decided."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from paritas.web.awards import outcome
    from paritas.web.awards import services as awards
    from paritas.web.awards.models import Assignment, Award, Criterion, Decision, Round

    berlin = ZoneInfo("Europe/Berlin")
    programme = awards.install_template("equal_opportunity", "praedikat-chancengleichheit")
    programme.place = "Essen"
    programme.save(update_fields=["place"])
    chair = User.objects.get(email="admin@paritas.example")
    programme.administrators.add(chair)
    jurors = [_user(f"jury{i}@paritas.example", name, "Jury") for i, name in enumerate(("Jana", "Jonas", "Jelena"))]
    rounds = {}
    for year in (2019, 2022, 2025):
        rounds[year] = Round.objects.create(programme=programme, title=str(year),
                                            opens_at=datetime(year - 1, 10, 1, tzinfo=berlin),
                                            closes_at=datetime(year, 4, 30, 23, 59, tzinfo=berlin))
        rounds[year].jurors.set(jurors)
    herne = Organisation.objects.get(slug="herne")
    for year in (2019, 2022):
        start, end = awards.validity(year, programme.validity_years)
        Award.objects.create(organisation=herne, programme=programme, awarded_on=date(year, 7, 15),
                             valid_from=start, valid_until=end,
                             number=Award.objects.filter(organisation=herne).count() + 1)

    during = datetime(2025, 3, 15, 10, 0, tzinfo=berlin)
    criteria = list(Criterion.objects.filter(area__programme=programme).order_by("area__order", "order", "pk"))
    for n, slug in enumerate(("herne", "dortmund", "falun")):
        org = Organisation.objects.get(slug=slug)
        owner = User.objects.get(email=f"owner@{slug}.example")
        application = awards.start_application(rounds[2025], org, now=during)
        awards.attach_snapshot(application, org.snapshots.order_by("-reference_date").first(), owner, now=during)
        texts = iter(ANSWERS[slug])
        for question in awards.missing(application):
            value = next(texts) if question.kind == "text" else True
            awards.save_answer(application, question, value, owner, 0, now=during)
        awards.submit(application, now=during)
        base = (5, 4, 4)[n]
        for j, juror in enumerate(jurors):
            assignment = awards.assign(application, juror)
            for i, c in enumerate(criteria):
                # Jurors differ a little (spread), Falun's structural work is younger (lower on the last two).
                score = base - (j == 1 and i % 2 == 1) - (j == 2 and i == 0) - (n == 2 and i >= len(criteria) - 2)
                awards.save_score(assignment, c, score, JURY_NOTES[i % len(JURY_NOTES)][j], 0)
            awards.submit_review(assignment)
            # The 2025 jury was told of its assignments at the time: no mail for them now.
            Assignment.objects.filter(pk=assignment.pk).update(notified_at=during)
        decision = awards.decide(application, Decision.Outcome.AWARD, "Vorbildliche Gleichstellungsarbeit.", chair,
                                 on=date(2025, 7, 15))
        outcome.approve_statement(decision, chair, outcome.draft_statement(decision))


def _open_calls() -> None:
    """Two calls open today, so applicants, jurors and administrators have something to do: the next
    round of the equal-opportunity award and a local family-friendly-employer label (checklist)."""
    from datetime import timedelta

    from django.utils import timezone

    from paritas.web.awards import services as awards
    from paritas.web.awards.models import Programme, Round

    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    admin = User.objects.get(email="admin@paritas.example")
    jurors = list(User.objects.filter(email__startswith="jury").order_by("email"))
    main = Programme.objects.get(slug="praedikat-chancengleichheit")
    upcoming = Round.objects.create(programme=main, title=str(now.year + 1), opens_at=now - timedelta(days=30),
                                    closes_at=now + timedelta(days=120), fee_note="Gebühr nach Größe: 500–2.500 €")
    upcoming.jurors.set(jurors)
    _stages(upcoming, jurors)
    local = awards.install_template("family_friendly", "familienfreundlich")
    local.administrators.add(admin)
    Round.objects.create(programme=local, title=str(now.year + 1), opens_at=now - timedelta(days=7),
                         closes_at=now + timedelta(days=60)).jurors.set(jurors[:2])


def _stages(round_: Any, jurors: list[Any]) -> None:
    """TOTAL E-QUALITY's steps as stages: a screening by the office (a recommendation), the jury's
    anonymised reading with scores (the best twelve move on), a talk on site, the decision in July."""
    from datetime import timedelta

    from paritas.web.awards import services as awards
    from paritas.web.awards.models import Stage

    closes = round_.closes_at
    screening = round_.stages.get()
    screening.name, screening.sheet = "Vorprüfung durch die Geschäftsstelle", Stage.Sheet.RECOMMENDATION
    screening.opens_at, screening.closes_at = closes, closes + timedelta(days=14)
    screening.save()
    screening.reviewers.set(jurors[:1])
    awards.add_stage(round_, "Jurybewertung", closes + timedelta(days=14), closes + timedelta(days=49),
                     sheet=Stage.Sheet.SCORES, rule=Stage.Rule.TOP, rule_value=12, anonymised=True,
                     redacted_terms="Gleichstellungsbeauftragte\nPersonalrat")
    awards.add_stage(round_, "Vor-Ort-Gespräch", closes + timedelta(days=49), closes + timedelta(days=63),
                     sheet=Stage.Sheet.RECOMMENDATION, outcome_to_applicants=True)
    awards.add_stage(round_, "Entscheidung der Jury", closes + timedelta(days=63), closes + timedelta(days=77),
                     sheet=Stage.Sheet.NONE)
