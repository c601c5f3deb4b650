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
def load() -> bool:
    """Load the demo once; False when the database already has organisations."""
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
                frame = synthetic.generate(size, seed=seed + 100 * i if i < len(years) - 1 else seed, style=style,
                                           reference_date=reference)
                file = synthetic.write(frame, Path(tmp) / f"{slug}-{year}.csv", "csv", style)
                workforce = hrio.read(file, hrio.ReadOptions(reference_date=reference))
                services.create_snapshot(org, workforce, owner, f"personal-{year}.csv", via="demo")
    _finished_round()
    _open_calls()
    return True


def _finished_round() -> None:
    """A finished round of the equal-opportunity award, so the register is not empty: Herne's first award
    of 2019 (the seed-001 jury statement), renewed 2022 and 2025; Dortmund and Falun awarded 2025."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from paritas.web.awards import services as awards
    from paritas.web.awards.models import Award, Round

    berlin = ZoneInfo("Europe/Berlin")
    programme = awards.install_template("equal_opportunity", "praedikat-chancengleichheit")
    programme.administrators.add(User.objects.get(email="admin@paritas.example"))
    jurors = [_user(f"jury{i}@paritas.example", name, "Jury") for i, name in enumerate(("Jana", "Jonas", "Jelena"))]
    for year in (2019, 2022, 2025):
        Round.objects.create(programme=programme, title=str(year), opens_at=datetime(year - 1, 10, 1, tzinfo=berlin),
                             closes_at=datetime(year, 4, 30, 23, 59, 59, tzinfo=berlin)).jurors.set(jurors)
    holders = [("herne", (2019, 2022, 2025)), ("dortmund", (2025,)), ("falun", (2025,))]
    for slug, years in holders:
        org = Organisation.objects.get(slug=slug)
        for number, year in enumerate(years, start=1):
            Award.objects.create(organisation=org, programme=programme, awarded_on=date(year, 7, 15),
                                 valid_until=awards.valid_until(date(year, 7, 15), programme.validity_years),
                                 number=number)


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
