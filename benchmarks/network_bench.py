"""Networks under load, on loopback: a campaign's public page with 300 award holders in its region and 50
upcoming events, and 50 people registering at once for an event with 2,000 places.

    python benchmarks/network_bench.py [--holders 300] [--events 50] [--users 20] [--registrations 50]

Targets: the campaign page p95 <= 100 ms with 20 concurrent visitors (the public, without a session; the
same with 20 signed-in people, who are also asked whether they are members, is shown beside it); 50
concurrent registrations (each a visitor who opens the event page and sends the form) all confirmed, none
lost or doubled. Reference in the
same run: a static file from the same server (the floor of the server itself). Load from wrk, as
web_bench.py does; set DATABASE_URL for PostgreSQL.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import os
import re
import statistics
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from datetime import date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _measure import record
from web_bench import PASSWORD, WRK_SCRIPT, serving, wrk_load


def prepare(data_dir: Path, holders: int, events: int, users: int) -> tuple[str, int]:
    os.environ["PARITAS_DATA_DIR"] = str(data_dir)
    os.environ["DJANGO_SETTINGS_MODULE"] = "paritas.web.settings"
    import django

    django.setup()
    from django.core.management import call_command

    from paritas.web.accounts.models import User
    from paritas.web.awards import services
    from paritas.web.awards.models import Award
    from paritas.web.network.models import Campaign, Event, Participation, ProgrammeItem
    from paritas.web.organisations.models import Organisation, Region

    call_command("migrate", interactive=False, verbosity=0)
    for i in range(users):  # wrk's visitors (signed in: the page then also asks whether they are members)
        User.objects.create_user(f"user{i}@bench.test", PASSWORD)
    country = Region.objects.create(name="Deutschland", kind="country")
    regions = [Region.objects.create(name=f"Region {i}", kind="region", parent=country) for i in range(10)]
    ruhr = regions[0]
    cities = Region.objects.bulk_create([Region(name=f"Stadt {i}", kind="city", parent=ruhr) for i in range(50)])
    orgs = Organisation.objects.bulk_create([
        Organisation(slug=f"org-{i}", name=f"Organisation {i:04d}", type="company", region=cities[i % 50])
        for i in range(holders)])
    others = Organisation.objects.bulk_create([
        Organisation(slug=f"other-{i}", name=f"Anderswo {i:04d}", type="company", region=regions[1 + i % 9])
        for i in range(holders)])
    programme = services.install_template("equal_opportunity", "praedikat")
    today = date.today()
    Award.objects.bulk_create([Award(organisation=org, programme=programme, awarded_on=today - timedelta(days=30),
                                     valid_from=today - timedelta(days=30),
                                     valid_until=services.valid_until(today - timedelta(days=30), 3), number=1)
                               for org in orgs + others])
    campaign = Campaign.objects.create(name="Total E-Quality in der Metropole Ruhr", slug="ruhr",
                                       kind="award_campaign", region=ruhr)
    Participation.objects.bulk_create([Participation(campaign=campaign, organisation=org, role="member",
                                                     shown_publicly=True) for org in orgs[:100]])
    start = datetime.now().astimezone() + timedelta(days=7)
    made = Event.objects.bulk_create([
        Event(campaign=campaign, title=f"Netzwerktreffen {i}", kind="network_meeting", place="Essen",
              starts_at=start + timedelta(days=7 * i), ends_at=start + timedelta(days=7 * i, hours=2))
        for i in range(events)])
    ProgrammeItem.objects.bulk_create([ProgrammeItem(event=e, starts_at=f"{17 + k}:00", title=f"Punkt {k}")
                                       for e in made for k in range(3)])
    big = Event.objects.create(campaign=campaign, title="Jubiläum", kind="anniversary", capacity=2000,
                               starts_at=start, ends_at=start + timedelta(hours=4))
    return "/campaigns/ruhr/", big.pk


def register_once(base: str, event: int, i: int, out: list[float], failures: list[str],
                  barrier: threading.Barrier) -> None:
    """One visitor: open the event page (for the CSRF cookie and token), wait for the others, send the form."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar),
                                         NoRedirect())
    page = opener.open(f"{base}/events/{event}/").read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    data = urllib.parse.urlencode({"csrfmiddlewaretoken": token, "name": f"Gast {i}",
                                   "email": f"gast{i}@bench.test", "organisation_name": "Bench GmbH"}).encode()
    barrier.wait()
    begin = time.perf_counter()
    try:
        response = opener.open(urllib.request.Request(f"{base}/events/{event}/", data=data,
                                                      headers={"Referer": f"{base}/events/{event}/"}))
        status = response.status
    except urllib.error.HTTPError as exc:
        status = exc.code
    out.append(time.perf_counter() - begin)
    if status != 302:
        failures.append(f"visitor {i}: {status}")


def wrk_anonymous(base: str, users: int, seconds: int, path: str) -> tuple[float, float, int]:
    """p50 and p95 (seconds) and the number of requests of ``users`` visitors without a session, as the
    public reaches a campaign page."""
    import subprocess

    script = Path(tempfile.mkdtemp()) / "anonymous.lua"
    script.write_text('COOKIES = {""}\n' + WRK_SCRIPT, encoding="utf-8")
    out = subprocess.run(["wrk", f"-t{min(2, users)}", f"-c{users}", f"-d{seconds}s", "-s", str(script), base + path],
                         capture_output=True, text=True, check=True).stdout
    _, p50, p95, count, errors = next(x for x in out.splitlines() if x.startswith("WRK ")).split()
    assert int(errors) == 0, out
    return float(p50), float(p95), int(count)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        return None


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--holders", type=int, default=300)
    parser.add_argument("--events", type=int, default=50)
    parser.add_argument("--users", type=int, default=20, help="concurrent visitors of the campaign page")
    parser.add_argument("--registrations", type=int, default=50)
    parser.add_argument("--port", type=int, default=8797)
    parser.add_argument("--workers", type=int, default=0, help="server worker processes (default: paritas serve's)")
    args = parser.parse_args()
    data_dir = Path(tempfile.mkdtemp(prefix="paritas-network-bench-"))
    page_path, event = prepare(data_dir, args.holders, args.events, args.users)
    from django.db import connections

    connections.close_all()
    with serving(data_dir, args.port, args.workers) as base:
        static = wrk_load(base, args.users, 10, "/static/paritas/paritas.css")
        if static is None:
            raise SystemExit("wrk is missing: apt-get install wrk")
        page = wrk_anonymous(base, args.users, 15, page_path)
        signed_in = wrk_load(base, args.users, 15, page_path)
        assert signed_in is not None
        times: list[float] = []
        failures: list[str] = []
        barrier = threading.Barrier(args.registrations)
        threads = [threading.Thread(target=register_once, args=(base, event, i, times, failures, barrier))
                   for i in range(args.registrations)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    from paritas.web.network.models import Registration

    rows = list(Registration.objects.filter(event_id=event).values_list("email", "status"))
    emails = [e for e, _s in rows]
    confirmed = sum(1 for _e, s in rows if s == "confirmed")
    print(f"data: {args.holders} holders in the campaign's region (and {args.holders} elsewhere), "
          f"{args.events} upcoming events")
    for name, figures, target in (("static file (reference)", static, None),
                                  (f"campaign page ({args.users} visitors)", page, 0.100),
                                  (f"  the same, {args.users} signed in", signed_in, None)):
        p50, p95, count = figures
        extra = ""
        if target is not None:
            verdict = "OK" if p95 <= target else f"OVER TARGET {target * 1000:.0f} ms"
            extra = f"   {p95 / static[1]:5.1f}x the static file   {verdict}"
        print(f"{name:<32} p50 {p50 * 1000:6.1f} ms   p95 {p95 * 1000:6.1f} ms   ({count} requests){extra}")
        if name != "static file (reference)":
            record("network", f"{name.strip()} p95", p95, "s", static[1], target)
    ok = not failures and len(rows) == len(set(emails)) == args.registrations and confirmed == args.registrations
    print(f"{args.registrations} registrations at once for 2,000 places: {len(rows)} stored, {len(set(emails))} "
          f"distinct, {confirmed} confirmed, {len(failures)} refused; p50 {statistics.median(times) * 1000:.0f} ms, "
          f"max {max(times) * 1000:.0f} ms   {'OK' if ok else 'LOST OR DOUBLED'}")
    for failure in failures[:5]:
        print("  ", failure)
    return 0 if ok and page[1] <= 0.100 else 1


if __name__ == "__main__":
    sys.exit(main())
