"""Seed 004's project as demo data: "Jämställt hela tiden", Länsstyrelsen Dalarna with Stiftelsen Minerva and
Hedemora Näringsliv AB, 2015-02-01 to 2018-12-31, ESF 2014–2020, eight participating municipalities and
companies, elected officials, managers and staff as target groups, 7.5 M SEK from the ESF and 7.5 M SEK
co-financing in kind; activities over the four years with their participants' hours (seeded, so every
load is the same), monthly reports with one correction, and Falu kommun sharing its figures: two
snapshots around the period show its women's full-time share rising."""

from __future__ import annotations

import random
import tempfile
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from paritas.analytics import io as hrio
from paritas.analytics import synthetic
from paritas.web.organisations.models import Membership, Organisation, Region
from paritas.web.projects.models import (
    Activity,
    Attendance,
    BudgetLine,
    Contribution,
    Goal,
    Participant,
    Partner,
    Project,
    TargetGroup,
)
from paritas.web.projects.services import participants as people
from paritas.web.projects.services import reports

SLUG = "jamstallt-hela-tiden"
#: The library entries the project published (the demo library's 4R method, staircase, norm-critical
#: exercise and full-time checklist).
PUBLISHED = ("4r-metoden", "jamstalldhetstrappan", "normspaning", "heltid-checklista")
#: name, slug, type, employees, cost basis, annual cost of a full-time post (SEK, with social fees)
PARTICIPATING = [
    ("Falu kommun (Demo)", "falun", "municipality", 3000, "snapshot", None),
    ("Hedemora kommun (Demo)", "hedemora", "municipality", 1100, "annual_cost", 498000),
    ("Avesta kommun (Demo)", "avesta", "municipality", 1700, "annual_cost", 505000),
    ("Säters kommun (Demo)", "sater", "municipality", 800, "annual_cost", 489000),
    ("Smedjebackens kommun (Demo)", "smedjebacken", "municipality", 700, "annual_cost", 492000),
    ("Dalabygg AB (Demo)", "dalabygg", "company", 140, "annual_cost", 540000),
    ("Siljans Omsorg AB (Demo)", "siljan-omsorg", "company", 260, "hourly", None),
    ("Bergslagens Verkstad AB (Demo)", "bergslagens-verkstad", "company", 320, "annual_cost", 560000),
]
GROUPS = ("Förtroendevalda", "Chefer", "Medarbetare")
FIRST = {"f": ("Anna", "Eva", "Karin", "Maria", "Lena", "Sara", "Ingrid", "Kerstin", "Elin", "Maja", "Sofia", "Linnea"),
         "m": ("Erik", "Lars", "Anders", "Johan", "Per", "Karl", "Nils", "Olof", "Jonas", "Mikael", "Björn", "Gustav")}
LAST = ("Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson", "Persson", "Svensson",
        "Gustafsson", "Pettersson", "Jonsson", "Lindberg", "Forsberg", "Berg", "Holm", "Dahl", "Ek")


def _number(rng: random.Random, year: int) -> str:
    """A made-up personal identity number with a correct check digit (no real person's)."""
    body = f"{year % 100:02d}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}{rng.randint(900, 999)}"
    total = 0
    for i, c in enumerate(body):
        product = int(c) * (2 if i % 2 == 0 else 1)
        total += product - 9 if product > 9 else product
    return f"19{body[:6]}-{body[6:]}{(10 - total % 10) % 10}"


def _snapshots(falun: Organisation, owner: Any, scale: float) -> None:
    """Falu kommun at the end of 2014 and of 2018: fewer women working part-time after the project."""
    from paritas.web.workforce import services

    with tempfile.TemporaryDirectory() as tmp:
        for year, part_time in ((2014, 0.42), (2018, 0.31)):
            profile = replace(synthetic.PROFILES["sv"], part_time_women=part_time)
            frame = synthetic.generate(max(100, round(3000 * scale)), style="sv", reference_date=date(year, 12, 31),
                                       seed=40 + year, profile=profile)
            file = synthetic.write(frame, Path(tmp) / f"falun-{year}.csv", "csv", "sv")
            workforce = hrio.read(file, hrio.ReadOptions(reference_date=date(year, 12, 31)))
            services.create_snapshot(falun, workforce, owner, f"personal-{year}.csv", via="demo")


def install(region: Region, user_model: Any, password_hash: str, scale: float = 1.0) -> Project:
    """The demo's funded project; its lead signs in with the demo password (``password_hash``, its hash)."""
    rng = random.Random(2015)
    owner_org = Organisation.objects.create(name="Länsstyrelsen Dalarna (Demo)", slug="lansstyrelsen-dalarna",
                                            type=Organisation.Type.MUNICIPALITY, sector=Organisation.Sector.PUBLIC,
                                            region=region, language="sv")
    lead = user_model.objects.create_user("owner@lansstyrelsen-dalarna.example", password_hash=password_hash,
                                          first_name="Ulla", last_name="Projektledare")
    Membership.objects.create(user=lead, organisation=owner_org, role=Membership.Role.OWNER)
    project = Project.objects.create(
        name="Jämställt hela tiden", slug=SLUG, number="2014/00513", funder="Svenska ESF-rådet",
        programme=Project.Programme.ESF_2014_2020, owner=owner_org, starts_on=date(2015, 2, 1),
        ends_on=date(2018, 12, 31), currency="SEK", language="sv", indicator_set="esf_2014_2020_se",
        aim="Kompetensutveckling för att arbeta med jämställdhet och icke-diskriminering, och för att fler kvinnor "
            "ska arbeta heltid.")
    project.staff.add(lead)
    Partner.objects.create(project=project, organisation=owner_org, role=Partner.Role.OWNER)
    for name, slug, kind in (("Stiftelsen Minerva (Demo)", "stiftelsen-minerva", Organisation.Type.ASSOCIATION),
                             ("Hedemora Näringsliv AB (Demo)", "hedemora-naringsliv", Organisation.Type.COMPANY)):
        org = Organisation.objects.create(name=name, slug=slug, type=kind, region=region, language="sv")
        Partner.objects.create(project=project, organisation=org, role=Partner.Role.PARTNER)
    groups = [TargetGroup.objects.create(project=project, name=g) for g in GROUPS]
    partners = []
    for name, slug, kind, size, basis, annual in PARTICIPATING:
        org = Organisation.objects.filter(slug=slug).first() or Organisation.objects.create(
            name=name, slug=slug, type=kind, region=region, size=size, language="sv")
        partner = Partner.objects.create(
            project=project, organisation=org, planned_participants=16, cost_basis=basis,
            annual_cost=Decimal(annual) if annual else None,
            hourly_cost=Decimal("265.00") if basis == "hourly" else None,
            on_cost_rate=Decimal("31.42") if basis == "snapshot" else Decimal("0"), shares_figures=slug == "falun")
        partner.target_groups.set(groups)
        partners.append(partner)
        BudgetLine.objects.create(project=project, source=BudgetLine.Source.IN_KIND, partner=partner,
                                  amount=Decimal("937500"))
    BudgetLine.objects.create(project=project, source=BudgetLine.Source.FUNDER, amount=Decimal("7500000"))
    for year, amount in ((2015, "1500000"), (2016, "2100000"), (2017, "2100000"), (2018, "1425000")):
        Contribution.objects.create(project=project, source=BudgetLine.Source.FUNDER, on=date(year, 12, 15),
                                    amount=Decimal(amount), note="Utbetalning")
    falun = partners[0].organisation
    falun_owner = (Membership.objects.filter(organisation=falun, role=Membership.Role.OWNER)
                   .select_related("user").first())
    if falun_owner is not None:
        _snapshots(falun, falun_owner.user, scale)

    # Sixteen participants per organisation: two elected officials, four managers, ten staff.
    staff: list[Participant] = []
    for partner in partners:
        for i, group in enumerate([groups[0]] * 2 + [groups[1]] * 4 + [groups[2]] * 10):
            gender = "f" if rng.random() < (0.55 if i < 6 else 0.75) else "m"
            born = rng.randint(1955, 1992)
            person = Participant(project=project, partner=partner, target_group=group,
                                 name=f"{rng.choice(FIRST[gender])} {rng.choice(LAST)}", gender=gender,
                                 birth_year=born, employment_status="employed",
                                 education=rng.choice(("isced_3_4", "isced_5_8", "isced_5_8")),
                                 joined_on=date(2015, 2, 1) + timedelta(days=rng.randint(0, 300)))
            people.set_personal_number(person, _number(rng, born))
            staff.append(person)
    Participant.objects.bulk_create(staff)
    staff = list(project.participants.all())

    plan = [("Utbildning i jämställdhetsintegrering", "training", 6),
            ("Workshop: 4R-metoden i verksamheten", "workshop", 5),
            ("Coachning av chefer: heltid som norm", "coaching", 4),
            ("Processtöd: handlingsplan för heltid", "process_support", 5)]
    attendances: list[Attendance] = []
    for year in (2015, 2016, 2017, 2018):
        for half, month in enumerate((3, 9)):
            for n, (title, kind, hours) in enumerate(plan):
                day = date(year, month + n // 2, 8 + 7 * (n % 2))
                if day < project.starts_on:
                    day = project.starts_on + timedelta(days=30)
                activity = Activity.objects.create(project=project, title=f"{title} {year}:{half + 1}", kind=kind,
                                                   starts_on=day, ends_on=day + timedelta(days=1),
                                                   hours=Decimal(2 * hours))
                for person in (p for p in staff if p.joined_on <= day and rng.random() < 0.6):
                    for offset in (0, 1):
                        attendances.append(Attendance(activity=activity, participant=person,
                                                      on=day + timedelta(days=offset),
                                                      hours=Decimal(hours) - Decimal(rng.choice((0, 0, 0, 1)))))
    Attendance.objects.bulk_create(attendances)
    for title, measure, target, group in (
            ("128 deltagare under projekttiden", Goal.Measure.PARTICIPANTS, 128, None),
            ("Minst 80 kvinnor deltar", Goal.Measure.WOMEN, 80, None),
            ("Alla åtta organisationer deltar", Goal.Measure.ORGANISATIONS, 8, None),
            ("16 förtroendevalda utbildade", Goal.Measure.TARGET_GROUP, 16, groups[0])):
        Goal.objects.create(project=project, title=title, measure=measure, target=Decimal(target), target_group=group)

    # Every month reported; then an hour found missing in March 2016 and that month corrected alone.
    for month in reports.months(project):
        if Attendance.objects.filter(activity__project=project, on__year=month.year, on__month=month.month).exists():
            reports.report_month(project, month, lead, today=date(2019, 1, 31))
    missed = Attendance.objects.filter(activity__project=project, on__year=2016, on__month=3).first()
    if missed is not None:
        missed.hours += 1
        missed.save()
        reports.report_month(project, date(2016, 3, 1), lead, today=date(2019, 1, 31))
    _running(owner_org, lead, groups_of=GROUPS)
    return project


def _running(owner_org: Organisation, lead: Any, groups_of: tuple[str, ...], today: date | None = None) -> Project:
    """A project under way (ESF+ 2025–2027, three of the organisations): the seed's project ended in 2018
    and its participants have been anonymised by law since (docs/projects.md, "Retention"); this one shows
    names, hours and workbooks as the staff see them while a project runs."""
    today = today or date.today()
    rng = random.Random(2025)
    project = Project.objects.create(
        name="Heltid som norm i Dalarna", slug="heltid-som-norm", number="2024/00917", funder="Svenska ESF-rådet",
        programme=Project.Programme.ESF_PLUS, owner=owner_org, starts_on=date(2025, 1, 1),
        ends_on=date(2027, 12, 31), currency="SEK", language="sv", indicator_set="esf_plus_se",
        aim="Fler kvinnor ska arbeta heltid i vård och omsorg: chefer och medarbetare planerar scheman tillsammans.")
    project.staff.add(lead)
    Partner.objects.create(project=project, organisation=owner_org, role=Partner.Role.OWNER)
    groups = [TargetGroup.objects.create(project=project, name=g) for g in groups_of[1:]]
    partners = []
    for slug, annual in (("falun", None), ("hedemora", 512000), ("avesta", 518000)):
        org = Organisation.objects.get(slug=slug)
        partner = Partner.objects.create(
            project=project, organisation=org, planned_participants=8,
            cost_basis=Partner.CostBasis.SNAPSHOT if annual is None else Partner.CostBasis.ANNUAL_COST,
            annual_cost=Decimal(annual) if annual else None,
            on_cost_rate=Decimal("31.42") if annual is None else Decimal("0"), shares_figures=slug == "falun")
        partner.target_groups.set(groups)
        partners.append(partner)
        BudgetLine.objects.create(project=project, source=BudgetLine.Source.IN_KIND, partner=partner,
                                  amount=Decimal("400000"))
    BudgetLine.objects.create(project=project, source=BudgetLine.Source.FUNDER, amount=Decimal("1200000"))
    Contribution.objects.create(project=project, source=BudgetLine.Source.FUNDER, on=date(2025, 12, 15),
                                amount=Decimal("400000"), note="Utbetalning")
    people_: list[Participant] = []
    for partner in partners:
        for i in range(8):
            gender = "f" if rng.random() < 0.6 else "m"
            born = rng.randint(1960, 1998)
            person = Participant(project=project, partner=partner, target_group=groups[0 if i < 2 else 1],
                                 name=f"{rng.choice(FIRST[gender])} {rng.choice(LAST)}", gender=gender,
                                 birth_year=born, employment_status="employed",
                                 education=rng.choice(("isced_3_4", "isced_3_4", "isced_5_8")),
                                 joined_on=project.starts_on)
            people.set_personal_number(person, _number(rng, born))
            people_.append(person)
    Participant.objects.bulk_create(people_)
    people_ = list(project.participants.all())
    attendances = []
    for n, (title, kind, day) in enumerate((
            ("Uppstart: heltid som norm", "training", date(2025, 2, 11)),
            ("Workshop: schemaläggning tillsammans", "workshop", date(2025, 4, 8)),
            ("Coachning av chefer", "coaching", date(2025, 9, 16)),
            ("Processtöd: heltidsplan", "process_support", date(2025, 11, 18)),
            ("Workshop: uppföljning av heltidsplanen", "workshop", date(2026, 3, 10)),
            ("Coachning av chefer, del 2", "coaching", date(2026, 9, 15)),
            ("Processtöd: utvärdering", "process_support", date(2027, 3, 9)))):
        activity = Activity.objects.create(project=project, title=title, kind=kind, starts_on=day, ends_on=day,
                                           hours=Decimal(4 + n % 3))
        if day < today:
            attendances += [Attendance(activity=activity, participant=person, on=day,
                                       hours=Decimal(4 + n % 3) - Decimal(rng.choice((0, 0, 1))))
                            for person in people_ if rng.random() < 0.75]
    Attendance.objects.bulk_create(attendances)
    Goal.objects.create(project=project, title="24 deltagare", measure=Goal.Measure.PARTICIPANTS, target=Decimal(24))
    Goal.objects.create(project=project, title="Alla chefer deltar", measure=Goal.Measure.TARGET_GROUP,
                        target_group=groups[0], target=Decimal(6))
    for month in reports.months(project):
        if reports.budget_service.month_end(month.year, month.month) < today and Attendance.objects.filter(
                activity__project=project, on__year=month.year, on__month=month.month).exists():
            reports.report_month(project, month, lead, today=today)
    return project
