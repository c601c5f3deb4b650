"""Demo data for ``paritas serve --demo``: four organisations shaped like the seeds, their snapshots made
from the seeded synthetic generator through the real reader, and a user for every role."""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path

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
     ("Deutschland", "Nordrhein-Westfalen", "Metropole Ruhr", "Herne"), 2984, "de", "de", (2019, 2021, 2023, 2024), 1),
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


def _user(email: str, first: str, last: str, **extra: object) -> User:
    user = User.objects.filter(email=email).first()
    return user or User.objects.create_user(email, DEMO_PASSWORD, first_name=first, last_name=last, **extra)


def logins() -> list[tuple[str, str, str]]:
    """(e-mail, role, organisation) of every demo user."""
    rows = [("admin@paritas.example", "platform staff", "–")]
    rows += [(u.email, "juror", "–") for u in User.objects.filter(email__startswith="jury").order_by("email")]
    for m in Membership.objects.select_related("user", "organisation").order_by("organisation__name", "role"):
        rows.append((m.user.email, m.role, m.organisation.name))
    return rows


@transaction.atomic
def load(scale: float = 1.0) -> bool:
    """Load the demo once; False when the database already has organisations. ``scale`` shrinks the
    workforces (tests use a twentieth)."""
    if Organisation.objects.exists():
        return False
    _user("admin@paritas.example", "Platform", "Admin", is_staff=True, is_superuser=True)
    with tempfile.TemporaryDirectory() as tmp:
        for slug, name, kind, sector, path, size, style, language, years, seed in ORGANISATIONS:
            org = Organisation.objects.create(slug=slug, name=name, type=kind, sector=sector, region=_region(path),
                                              size=size, language=language)
            domain = f"{slug}.example"
            for role, first in (("owner", "Olivia"), ("analyst", "Anna"), ("viewer", "Victor")):
                user = _user(f"{role}@{domain}", first, slug.capitalize())
                Membership.objects.create(user=user, organisation=org, role=role)
            owner = User.objects.get(email=f"owner@{domain}")
            for i, year in enumerate(years):
                reference = date(year, 12, 31)
                frame = synthetic.generate(max(100, round(size * scale)), style=style, reference_date=reference,
                                           seed=seed + 100 * i if i < len(years) - 1 else seed)
                file = synthetic.write(frame, Path(tmp) / f"{slug}-{year}.csv", "csv", style)
                workforce = hrio.read(file, hrio.ReadOptions(reference_date=reference))
                services.create_snapshot(org, workforce, owner, f"personal-{year}.csv", via="demo")
    _finished_round()
    _open_calls()
    return True


def _finished_round() -> None:
    """Finished rounds of the equal-opportunity award, so the register is not empty: Herne's first award of
    2019 (the seed-001 jury statement) and its renewal in 2022 as records; the 2025 round run through the
    platform from application to approved statement — Herne (third award), Dortmund and Falun applied with
    their latest snapshot, three jurors scored, the chair decided."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from paritas.web.awards import outcome
    from paritas.web.awards import services as awards
    from paritas.web.awards.models import Award, Criterion, Decision, Round

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
    measures = {
        "herne": "Mentoring für Frauen in Führung, Führen in Teilzeit, ein Gleichstellungsplan mit jährlichen Zielen.",
        "dortmund": "Geschlechtergerechte Auswahlverfahren, Telearbeit für alle Beschäftigten, ein Väternetzwerk.",
        "falun": "Jämställdhetsplan med mål, chefsprogram för kvinnor, flexibel arbetstid för alla.",
    }
    criteria = list(Criterion.objects.filter(area__programme=programme))
    for n, slug in enumerate(("herne", "dortmund", "falun")):
        org = Organisation.objects.get(slug=slug)
        owner = User.objects.get(email=f"owner@{slug}.example")
        application = awards.start_application(rounds[2025], org, now=during)
        awards.attach_snapshot(application, org.snapshots.order_by("-reference_date").first(), owner, now=during)
        for question in awards.missing(application):
            value = {"text": measures[slug], "yes_no": True}.get(question.kind, 1)
            awards.save_answer(application, question, value, owner, 0, now=during)
        awards.submit(application, now=during)
        base = (5, 4, 4)[n]
        for j, juror in enumerate(jurors):
            assignment = awards.assign(application, juror)
            for i, c in enumerate(criteria):
                # Jurors differ a little (spread), Falun's structural work is younger (lower on the last two).
                score = base - (j == 1 and i % 2 == 1) - (j == 2 and i == 0) - (n == 2 and i >= len(criteria) - 2)
                note = ("Überzeugende Personalentwicklung." if j == 0 else "Gute Vereinbarkeit.") if i == 0 else ""
                awards.save_score(assignment, c, score, note, 0)
            awards.submit_review(assignment)
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
    Round.objects.create(programme=main, title=str(now.year + 1), opens_at=now - timedelta(days=30),
                         closes_at=now + timedelta(days=120), fee_note="Gebühr nach Größe: 500–2.500 €"
                         ).jurors.set(jurors)
    local = awards.install_template("family_friendly", "familienfreundlich")
    local.administrators.add(admin)
    Round.objects.create(programme=local, title=str(now.year + 1), opens_at=now - timedelta(days=7),
                         closes_at=now + timedelta(days=60)).jurors.set(jurors[:2])
