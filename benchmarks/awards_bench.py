"""Awards under load, on loopback: the public register with 5,000 holders and the jury-meeting view of a
round with 500 applications reviewed by 5 jurors each.

    python benchmarks/awards_bench.py [--holders 5000] [--applications 500] [--jurors 5] [--users 20]

Targets: register p95 <= 100 ms with 20 concurrent visitors; jury meeting p95 <= 300 ms with the jury
(5 people) on it at once, and alone. References in the same run: a static file
from the same server (the floor of the server itself), and for the meeting table the straightforward
ORM computation (a query per application, per review and per criterion), timed in-process against
services.meeting.

Load from wrk (Debian's package), 20 connections, as web_bench.py does; set DATABASE_URL for PostgreSQL.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _measure import record
from web_bench import PASSWORD, serving, wrk_load


def prepare(data_dir: Path, holders: int, applications: int, jurors: int, users: int) -> tuple[str, int]:
    os.environ["PARITAS_DATA_DIR"] = str(data_dir)
    os.environ["DJANGO_SETTINGS_MODULE"] = "paritas.web.settings"
    import django

    django.setup()
    from django.core.management import call_command
    from django.utils import timezone

    from paritas.web.accounts.models import User
    from paritas.web.awards import services
    from paritas.web.awards.models import Application, Assignment, Award, Criterion, Round, Score, StageEntry
    from paritas.web.organisations.models import Organisation, Region

    call_command("migrate", interactive=False, verbosity=0)
    country = Region.objects.create(name="Deutschland", kind="country")
    states = [Region.objects.create(name=f"Land {i}", kind="state", parent=country) for i in range(16)]
    regions = [Region.objects.create(name=f"Region {i}", kind="region", parent=states[i % 16]) for i in range(40)]
    cities = Region.objects.bulk_create([Region(name=f"Stadt {i}", kind="city", parent=regions[i % 40])
                                         for i in range(400)])
    orgs = Organisation.objects.bulk_create([
        Organisation(slug=f"org-{i}", name=f"Organisation {i:05d}", type="company", size=50 + (i * 37) % 5000,
                     sector="industry" if i % 3 else "public_administration", region=cities[i % 400])
        for i in range(holders)])
    main = services.install_template("equal_opportunity", "praedikat")
    local = services.install_template("family_friendly", "familie")
    today = date.today()
    Award.objects.bulk_create([
        Award(organisation=org, programme=main if i % 2 else local, awarded_on=today - timedelta(days=i % 700),
              valid_from=services.validity((today - timedelta(days=i % 700)).year, 3)[0],
              valid_until=services.valid_until(today - timedelta(days=i % 700), 3), number=1 + i % 3)
        for i, org in enumerate(orgs)])

    people = [User.objects.create_user(f"user{i}@bench.test", PASSWORD) for i in range(users)]
    main.administrators.add(*people)
    jury = [User.objects.create_user(f"juror{i}@bench.test", PASSWORD) for i in range(jurors)]
    now = timezone.now()
    round_ = Round.objects.create(programme=main, title="Benchmark", opens_at=now - timedelta(days=60),
                                  closes_at=now - timedelta(days=1))
    round_.jurors.set(jury)
    apps = Application.objects.bulk_create([
        Application(round=round_, organisation=org, status=Application.Status.SUBMITTED, submitted_at=now)
        for org in orgs[:applications]])
    stage = round_.stages.get()  # the round's one stage: every submitted application is in it
    StageEntry.objects.bulk_create([StageEntry(stage=stage, application=a) for a in apps])
    assignments = Assignment.objects.bulk_create([
        Assignment(round=round_, stage=stage, application=a, juror=j, submitted_at=now) for a in apps for j in jury])
    criteria = list(Criterion.objects.filter(area__programme=main))
    Score.objects.bulk_create([
        Score(assignment=s, criterion=c, score=(s.pk * 7 + c.pk) % 6, comment="")
        for s in assignments for c in criteria], batch_size=5000)
    return f"/programmes/praedikat/rounds/{round_.pk}/meeting/", round_.pk


def naive_meeting(round_id: int) -> list[tuple[int, float | None]]:
    """The plain reference: per application, its reviews and their scores, query by query."""
    from paritas.web.awards.models import Application, Criterion, Round

    round_ = Round.objects.get(pk=round_id)
    criteria = list(Criterion.objects.filter(area__programme=round_.programme))
    out = []
    for application in Application.objects.filter(round=round_, status="submitted"):
        totals = []
        for assignment in application.assignments.filter(submitted_at__isnull=False, conflict_declared=False):
            got = {s.criterion_id: s.score for s in assignment.scores.all() if s.score is not None}
            top = sum(float(c.weight) * c.scale_max for c in criteria if c.pk in got)
            if top:
                totals.append(sum(float(c.weight) * got[c.pk] for c in criteria if c.pk in got) / top)
        out.append((application.pk, statistics.mean(totals) if totals else None))
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--holders", type=int, default=5000)
    parser.add_argument("--applications", type=int, default=500)
    parser.add_argument("--jurors", type=int, default=5)
    parser.add_argument("--users", type=int, default=20, help="concurrent visitors of the public register")
    parser.add_argument("--meeting-users", type=int, default=0,
                        help="concurrent users of the meeting view (default: the number of jurors)")
    parser.add_argument("--port", type=int, default=8798)
    parser.add_argument("--workers", type=int, default=0, help="server worker processes (default: paritas serve's)")
    args = parser.parse_args()

    data_dir = Path(tempfile.mkdtemp(prefix="paritas-awards-bench-"))
    start = time.perf_counter()
    meeting_path, round_id = prepare(data_dir, args.holders, args.applications, args.jurors, args.users)
    print(f"data: {args.holders:,} holders, {args.applications} applications x {args.jurors} jurors "
          f"({time.perf_counter() - start:.1f} s to create)")

    from paritas.web.awards import services
    from paritas.web.awards.models import Round

    round_ = Round.objects.get(pk=round_id)
    timings = {}
    for name, run in (("services.meeting", lambda: services.meeting(round_)),
                      ("naive ORM (reference)", lambda: naive_meeting(round_id))):
        run()
        begin = time.perf_counter()
        result = run()
        timings[name] = time.perf_counter() - begin
        assert len(result) == args.applications
    fast = {r.application.pk: r.mean for r in services.meeting(round_)}
    assert all(abs((fast[pk] or 0) - (mean or 0)) < 1e-12 for pk, mean in naive_meeting(round_id))
    print(f"meeting table in-process: {timings['services.meeting'] * 1000:6.1f} ms; the naive ORM loop "
          f"{timings['naive ORM (reference)'] * 1000:6.1f} ms "
          f"({timings['naive ORM (reference)'] / timings['services.meeting']:.0f}x slower); same means")
    record("awards", "meeting table in-process", timings["services.meeting"], "s",
           timings["naive ORM (reference)"])

    with serving(data_dir, args.port, args.workers) as base:
        static = wrk_load(base, args.users, 10, "/static/paritas/paritas.css")
        if static is None:
            raise SystemExit("wrk is missing: apt-get install wrk")
        register = wrk_load(base, args.users, 15, "/register/")
        in_room = args.meeting_users or args.jurors
        meeting = wrk_load(base, in_room, 15, meeting_path)
        single = wrk_load(base, 1, 10, meeting_path)
        assert register is not None and meeting is not None and single is not None
        print(f"wrk on loopback: {args.users} concurrent visitors of the register; the meeting view by the "
              f"{in_room} people in the jury meeting at once, and by one alone")
        for name, figures, target in (("static file (reference)", static, None),
                                      (f"register ({args.users} at once)", register, 0.100),
                                      (f"jury meeting ({in_room} at once)", meeting, 0.300),
                                      ("jury meeting (one user)", single, 0.300)):
            p50, p95, count = figures
            extra = ""
            if target is not None:
                verdict = "OK" if p95 <= target else f"OVER TARGET {target * 1000:.0f} ms"
                extra = f"   {p95 / static[1]:5.1f}x the static file   {verdict}"
            print(f"{name:<30} p50 {p50 * 1000:6.1f} ms   p95 {p95 * 1000:6.1f} ms   ({count} requests){extra}")
            if target is not None:
                record("awards", f"{name} p95", p95, "s", static[1], target)


if __name__ == "__main__":
    main()
