"""A project with 8 organisations, 400 activities and 3,000 participants (about 36,000 attendance rows),
in-process as plans_bench.py measures: the project page, the participants page, the outcome page and the
monthly-report list, signed in as the project's staff; and making one month's report.

    python benchmarks/projects_bench.py [--organisations 8] [--activities 400] [--participants 3000]

Target: the project page p95 <= 150 ms. Reference in the same run: the same budget computed by a plain
loop over every attendance row in Python (what a page without grouped queries would do). Set DATABASE_URL
for PostgreSQL (the suite's database is then used: run it on an empty one).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from decimal import Decimal

from _measure import p95, record, timed_get


def prepare(organisations: int, activities: int, participants: int) -> str:
    import django

    django.setup()
    from django.core.management import call_command

    from paritas.web.accounts.models import User
    from paritas.web.organisations.models import Membership, Organisation
    from paritas.web.projects.models import (
        Activity,
        Attendance,
        BudgetLine,
        Participant,
        Partner,
        Project,
        TargetGroup,
    )

    call_command("migrate", interactive=False, verbosity=0)
    rng = random.Random(8)
    owner = Organisation.objects.create(slug="bench-owner", name="Bench owner", type="municipality")
    user = User.objects.create_user("bench@projects.test", "bench-password-123")
    Membership.objects.create(user=user, organisation=owner, role="owner")
    project = Project.objects.create(name="Bench project", slug="bench", programme="esf_2014_2020", owner=owner,
                                     starts_on=date(2015, 2, 1), ends_on=date(2018, 12, 31), indicator_set="minimal")
    project.staff.add(user)
    Partner.objects.create(project=project, organisation=owner, role="owner")
    groups = [TargetGroup.objects.create(project=project, name=n) for n in ("officials", "managers", "staff")]
    partners = []
    for i in range(organisations):
        org = Organisation.objects.create(slug=f"bench-{i}", name=f"Bench organisation {i}", type="municipality")
        partner = Partner.objects.create(project=project, organisation=org, planned_participants=participants //
                                         organisations, annual_cost=Decimal(480000 + 5000 * i))
        partner.target_groups.set(groups)
        partners.append(partner)
        BudgetLine.objects.create(project=project, source="in_kind", partner=partner, amount=Decimal("900000"))
    BudgetLine.objects.create(project=project, source="funder", amount=Decimal("7500000"))
    people = Participant.objects.bulk_create([
        Participant(project=project, partner=rng.choice(partners), target_group=rng.choice(groups),
                    name=f"Person {i}", gender=rng.choice("ffffmmm"), joined_on=project.starts_on)
        for i in range(participants)])
    days = (project.ends_on - project.starts_on).days
    made = Activity.objects.bulk_create([
        Activity(project=project, title=f"Activity {i}", kind=rng.choice(["training", "workshop", "coaching"]),
                 starts_on=(start := project.starts_on + timedelta(days=rng.randint(0, days - 1))), ends_on=start)
        for i in range(activities)])
    rows = []
    for activity in made:
        for person in rng.sample(people, 90):
            rows.append(Attendance(activity=activity, participant=person, on=activity.starts_on,
                                   hours=Decimal(rng.choice(("2", "3", "4", "6")))))
    Attendance.objects.bulk_create(rows, batch_size=5000)
    from django.db import connection

    if connection.vendor == "postgresql":  # what autovacuum does after a bulk load, at once
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return project.slug


def naive_budget(slug: str) -> Decimal:
    """The co-financing in kind the plain way: every attendance row with its participant's organisation."""
    from paritas.web.projects.models import Attendance
    from paritas.web.projects.services.budget import annual_hours, money

    total = Decimal(0)
    for row in Attendance.objects.filter(activity__project__slug=slug).select_related("participant__partner"):
        rate = money(row.participant.partner.annual_cost / annual_hours(row.on.year))
        total += money(row.hours * rate)
    return total


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--organisations", type=int, default=8)
    parser.add_argument("--activities", type=int, default=400)
    parser.add_argument("--participants", type=int, default=3000)
    parser.add_argument("--requests", type=int, default=40)
    args = parser.parse_args()
    os.environ.setdefault("PARITAS_DATA_DIR", tempfile.mkdtemp(prefix="paritas-projects-bench-"))
    os.environ["DJANGO_SETTINGS_MODULE"] = "paritas.web.settings"
    start = time.perf_counter()
    slug = prepare(args.organisations, args.activities, args.participants)
    from paritas.web.projects.models import Attendance

    print(f"data: {args.organisations} organisations, {args.activities} activities, {args.participants:,} "
          f"participants, {Attendance.objects.count():,} attendance rows ({time.perf_counter() - start:.1f} s)")
    from django.test import Client

    from paritas.web.accounts.models import User
    from paritas.web.projects.models import Project
    from paritas.web.projects.services import budget, reports

    client = Client()
    client.force_login(User.objects.get(email="bench@projects.test"))
    results = [(name, timed_get(client, url, args.requests)) for name, url in (
        ("project page", f"/projects/{slug}/"), ("participants page", f"/projects/{slug}/participants/"),
        ("outcome page", f"/projects/{slug}/outcome/"), ("monthly reports", f"/projects/{slug}/reports/"))]
    project = Project.objects.get(slug=slug)
    begin = time.perf_counter()
    reference_value = naive_budget(slug)
    reference = time.perf_counter() - begin
    begin = time.perf_counter()
    grouped = sum(item.value for item in budget.in_kind(project).values())
    ours = time.perf_counter() - begin
    assert abs(grouped - reference_value) < Decimal("0.01") * Attendance.objects.count(), (grouped, reference_value)
    begin = time.perf_counter()
    reports.report_month(project, date(2016, 3, 1), None, date(2019, 1, 31))
    report_time = time.perf_counter() - begin
    for name, times in results:
        target = " (target 150 ms: " + ("OK" if p95(times) <= 0.150 else "OVER") + ")" if name == "project page" else ""
        print(f"{name:<20} p50 {statistics.median(times) * 1000:6.1f} ms   p95 {p95(times) * 1000:6.1f} ms{target}")
    print(f"co-financing in kind grouped by organisation and month {ours * 1000:6.1f} ms; reference: a loop over "
          f"every row {reference * 1000:6.1f} ms ({reference / ours:4.1f}x); the values agree to the cent per row")
    print(f"one month's report to the funder {report_time * 1000:6.1f} ms")
    for name, times in results:
        record("projects", f"{name} p95", p95(times), "s", None, 0.150 if name == "project page" else None)
    record("projects", "co-financing in kind", ours, "s", reference)
    return 0 if p95(results[0][1]) <= 0.150 else 1


if __name__ == "__main__":
    sys.exit(main())
