"""Uploads, snapshots and memberships as services, without HTTP."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from paritas.web.accounts.models import AuditEvent
from paritas.web.organisations import services as org_services
from paritas.web.organisations.models import Membership
from paritas.web.workforce import services
from paritas.web.workforce.models import PendingUpload, Snapshot
from tests.web.conftest import REFERENCE


def test_a_snapshot_keeps_statistics_not_rows(orgs):
    snapshot = orgs["alpha"]["snapshot"]
    assert snapshot.rows == 400
    assert snapshot.structure["employees"]["total"] == 400
    assert snapshot.paygap["eu"]["mean_gap"] is not None
    assert set(snapshot.summary) == {"de", "sv", "en"} and snapshot.summary["de"][0].startswith("Die Verwaltung")
    assert snapshot.raw_rows is None
    assert services.raw_rows(snapshot, orgs["alpha"]["owner"]) is None


def test_rows_are_kept_encrypted_when_the_organisation_chooses_and_access_is_logged(orgs, small_csv):
    from paritas.analytics import io as hrio
    from paritas.web import crypto

    org, owner = orgs["alpha"]["org"], orgs["alpha"]["owner"]
    org.keep_raw_rows = True
    org.save()
    snapshot = services.create_snapshot(org, hrio.read(small_csv, hrio.ReadOptions(reference_date=REFERENCE)),
                                        owner, "p.csv")
    stored = bytes(snapshot.raw_rows)
    # encrypted, not plain Parquet (a three-byte text such as b"EG " turns up in 0.3 % of ciphertexts)
    assert b"Geschlecht" not in stored and not stored.startswith(b"PAR1")
    assert crypto.decrypt(stored).startswith(b"PAR1")
    rows = services.raw_rows(snapshot, owner)
    assert rows.height == 400
    assert AuditEvent.objects.filter(action="raw_accessed", snapshot_id=snapshot.pk, user=owner).exists()


def test_a_bad_upload_keeps_nothing_and_reports_every_problem(orgs):
    org, analyst = orgs["alpha"]["org"], orgs["alpha"]["analyst"]
    content = "Personalnummer;Geschlecht;Grundentgelt\n1;w;-5\n1;q;30000\n".encode("cp1252")
    check = services.check_upload(org, analyst, "bad.csv", content, REFERENCE)
    assert check.pending is None
    codes = {p.code for p in check.report.errors}
    assert {"negative_pay", "duplicate_id", "unknown_gender"} <= codes
    assert PendingUpload.objects.count() == 0
    assert Snapshot.objects.filter(organisation=org).count() == 1


def test_a_clean_upload_waits_encrypted_then_becomes_a_snapshot(orgs, small_csv):
    org, analyst = orgs["alpha"]["org"], orgs["alpha"]["analyst"]
    check = services.check_upload(org, analyst, "personal.csv", small_csv.read_bytes(), REFERENCE.replace(year=2023))
    assert check.pending is not None
    assert small_csv.read_bytes()[:200] not in check.pending.sealed_content
    snapshot = services.accept(check.pending, analyst)
    assert snapshot.rows == 400 and snapshot.organisation == org
    assert PendingUpload.objects.count() == 0
    assert AuditEvent.objects.filter(action="uploaded", snapshot_id=snapshot.pk).exists()


def test_a_second_upload_for_a_reference_date_replaces_the_first_only_when_asked(orgs, small_csv):
    import pytest

    org, analyst = orgs["alpha"]["org"], orgs["alpha"]["analyst"]
    first = orgs["alpha"]["snapshot"]
    check = services.check_upload(org, analyst, "again.csv", small_csv.read_bytes(), first.reference_date)
    with pytest.raises(services.SnapshotExists):
        services.accept(check.pending, analyst)
    assert PendingUpload.objects.filter(pk=check.pending.pk).exists()  # nothing changed, the upload still waits
    assert list(org.snapshots.values_list("pk", flat=True)) == [first.pk]
    replaced = services.accept(check.pending, analyst, replace=True)
    assert list(org.snapshots.values_list("pk", flat=True)) == [replaced.pk] and replaced.source_name == "again.csv"
    assert AuditEvent.objects.filter(action="deleted", snapshot_id=first.pk).exists()


def test_a_file_over_the_limit_is_refused(orgs, settings):
    settings.MAX_UPLOAD_MB = 1
    check = services.check_upload(orgs["alpha"]["org"], orgs["alpha"]["analyst"], "big.csv", b"x" * (2 * 1024 * 1024),
                                  REFERENCE)
    assert check.pending is None and check.report.errors[0].code == "file_too_large"


@pytest.mark.parametrize(("name", "content", "code"), [
    ("export.xlsx", b"this is not a zip archive", "not_a_spreadsheet"),
    ("utf16.csv", "Geschlecht;Grundentgelt\nw;abc\n".encode("utf-16"), "not_a_number"),
    ("types.csv", b"Geschlecht;Wochenstunden;Grundentgelt\nw;vierzig;30000\n", "not_a_number"),
])
def test_upload_error_paths(orgs, name, content, code):
    check = services.check_upload(orgs["alpha"]["org"], orgs["alpha"]["analyst"], name, content, REFERENCE)
    assert check.pending is None
    assert code in {p.code for p in check.report.errors}


def test_deleting_a_snapshot_deletes_what_was_derived_and_logs_it(orgs):
    snapshot, owner = orgs["alpha"]["snapshot"], orgs["alpha"]["owner"]
    pk = snapshot.pk
    services.delete_snapshot(snapshot, owner)
    assert not Snapshot.objects.filter(pk=pk).exists()
    assert AuditEvent.objects.filter(action="deleted", snapshot_id=pk).exists()


def test_memberships_keep_an_owner(orgs):
    org, owner = orgs["alpha"]["org"], orgs["alpha"]["owner"]
    with pytest.raises(ValidationError):
        org_services.remove_member(Membership.objects.get(user=owner, organisation=org), owner)
    with pytest.raises(ValidationError):
        org_services.add_member(org, owner, "nobody@nowhere.test", "viewer")
    m = org_services.add_member(org, owner, "viewer@beta.test", "analyst")
    assert m.role == "analyst" and m.organisation == org


def test_trend_lists_snapshots_oldest_first(orgs, small_csv):
    from datetime import date

    from paritas.analytics import io as hrio

    org, owner = orgs["alpha"]["org"], orgs["alpha"]["owner"]
    services.create_snapshot(org, hrio.read(small_csv, hrio.ReadOptions(reference_date=date(2020, 12, 31))),
                             owner, "old.csv")
    points = services.trend(org)
    assert [p["date"] for p in points] == ["2020-12-31", "2024-12-31"]
    assert all(0 < p["women_share"] < 1 for p in points)


def test_the_official_logib_data_sheet_uploads_as_it_comes(orgs, tmp_path):
    # An Italian data sheet: the warnings (Logib's plausibility checks) wait for the analyst, then the
    # snapshot carries Logib's analysis on Logib's education codes.
    from tests.analytics.test_datasheet import sheet_rows, write_sheet

    org, analyst = orgs["alpha"]["org"], orgs["alpha"]["analyst"]
    path = write_sheet(tmp_path / "foglio.xlsx", "it", sheet_rows())
    check = services.check_upload(org, analyst, "foglio.xlsx", path.read_bytes(), REFERENCE.replace(year=2022))
    assert not check.report.errors and check.pending is not None
    assert {p.code for p in check.report.warnings} <= {"logib_high_position_low_level", "logib_high_level_low_training"}
    snapshot = services.accept(check.pending, analyst)
    logib = snapshot.paygap["logib"]
    assert logib["available"] and logib["trainees_excluded"] > 0  # population 2–5 left out


def _stored(snapshot: Snapshot) -> dict:
    """A snapshot's figures as stored, read back from the database (its encrypted parts decrypted)."""
    import io

    import polars as pl

    from paritas.web import crypto

    row = Snapshot.objects.get(pk=snapshot.pk)
    out = {name: getattr(row, name) for name in ("reference_date", "source_name", "rows", "min_group_size",
                                                 "warnings_accepted", "columns", "structure", "paygap",
                                                 "assessment", "summary", "job_counts")}
    out["created_by"] = row.created_by_id
    out["job_pay"] = crypto.decrypt(bytes(row.job_pay)) if row.job_pay else None
    out["raw_rows"] = pl.read_parquet(io.BytesIO(crypto.decrypt(bytes(row.raw_rows)))) if row.raw_rows else None
    out["xlsx"] = {lang: _cells(text) for lang, text in row.xlsx.items()}
    return out


def _cells(encoded: str) -> list:
    """Every sheet's cell values of a base64 XLSX workbook (its zip dates aside)."""
    import base64
    import io

    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(base64.b64decode(encoded)))
    return [(sheet.title, [list(row) for row in sheet.iter_rows(values_only=True)]) for sheet in book.worksheets]


@pytest.mark.parametrize("from_memory", [False, True])
@pytest.mark.parametrize("keep_rows", [False, True])
def test_figures_prepared_while_the_preview_is_read_are_the_ones_accepting_would_compute(orgs, small_csv,
                                                                                       monkeypatch, keep_rows,
                                                                                       from_memory):
    """Prepared from the rows read back from the pending upload, or from those the check job still holds
    in memory (as its worker does), the figures are the ones accepting computes from the stored rows."""
    org, analyst = orgs["alpha"]["org"], orgs["alpha"]["analyst"]
    org.keep_raw_rows = keep_rows
    org.save()
    content = small_csv.read_bytes()
    at_once = services.check_upload(org, analyst, "personal.csv", content, REFERENCE.replace(year=2022)).pending
    computed = _stored(services.accept(at_once, analyst))

    checked = services.check_upload(org, analyst, "personal.csv", content, REFERENCE.replace(year=2022))
    ahead = checked.pending
    if from_memory:
        monkeypatch.setattr(services, "checked_workforce", lambda pending: pytest.fail("the rows were read back"))
    assert services.prepare(ahead, checked.workforce if from_memory else None)
    monkeypatch.undo()
    kept = PendingUpload.objects.get(pk=ahead.pk)
    assert kept.figures_basis == services.figures_basis(org) and b"structure" not in bytes(kept.sealed_figures)

    def not_again(*args, **kwargs):
        raise AssertionError("the figures were computed again")

    monkeypatch.setattr(services, "snapshot_fields", not_again)
    prepared = _stored(services.accept(kept, analyst, replace=True))
    rows, computed_rows = prepared.pop("raw_rows"), computed.pop("raw_rows")
    assert prepared == computed
    assert rows.equals(computed_rows) and rows.height == 400 if keep_rows else rows is computed_rows is None


@pytest.mark.parametrize("change", ["min_group_size", "keep_raw_rows", "type", "evaluation"])
def test_figures_prepared_on_other_settings_are_computed_anew_when_accepted(orgs, small_csv, change):
    org, analyst = orgs["alpha"]["org"], orgs["alpha"]["analyst"]
    pending = services.check_upload(org, analyst, "personal.csv", small_csv.read_bytes(),
                                    REFERENCE.replace(year=2022)).pending
    services.prepare(pending)
    if change == "min_group_size":
        org.min_group_size = 10
    elif change == "keep_raw_rows":
        org.keep_raw_rows = True
    elif change == "type":
        org.type = "company"
    org.save()
    if change == "evaluation":  # a job scored: its title's people now form a category of equal value
        from paritas.web.paytransparency.services import categories

        _score_a_job(org, orgs["alpha"]["owner"])
        assert categories(org)
    pending = PendingUpload.objects.get(pk=pending.pk)
    assert services.prepared_fields(pending, analyst) is None
    snapshot = Snapshot.objects.get(pk=services.accept(pending, analyst).pk)
    expected = services.snapshot_fields(org, services.checked_workforce(pending), analyst, "personal.csv")
    assert snapshot.min_group_size == expected["min_group_size"] and snapshot.structure == expected["structure"]
    assert snapshot.summary == expected["summary"] and bool(snapshot.raw_rows) == org.keep_raw_rows


def test_a_check_job_prepares_the_figures_and_the_accept_job_stores_them(orgs, small_csv):
    from paritas.web.jobs.models import Job
    from paritas.web.workforce import jobs

    org, analyst = orgs["alpha"]["org"], orgs["alpha"]["analyst"]
    check = jobs.submit_check(org, analyst, "personal.csv", small_csv.read_bytes(), REFERENCE.replace(year=2022))
    check.refresh_from_db()
    pending = PendingUpload.objects.get(pk=check.result["pending"])
    prepare = Job.objects.get(kind=Job.Kind.PREPARE_SNAPSHOT)  # run by the immediate backend of the tests
    assert prepare.state == Job.State.DONE and prepare.params == {"pending": pending.pk}
    assert prepare.step == Job.Step.COMPUTING
    assert pending.sealed_figures and pending.figures_basis == services.figures_basis(org)
    accept = jobs.submit_accept(pending, analyst, replace=False)
    accept.refresh_from_db()
    assert accept.step == Job.Step.STORING and Snapshot.objects.filter(pk=accept.result["snapshot"]).exists()
    # a prepare job whose upload was decided meanwhile keeps nothing and says so
    assert jobs.prepare(prepare) == {"decided": True}


def _score_a_job(org, user) -> None:
    """Score the organisation's first job title (the job evaluation of docs/paytransparency.md)."""
    from paritas.analytics import jobs
    from paritas.web.paytransparency import services as pay_services
    from paritas.web.paytransparency.models import Job

    pay_services.sync_jobs(org)
    job = Job.objects.filter(organisation=org).order_by("title").first()
    pay_services.score(job, {k: 3 for k, _f in jobs.DEFAULT_SUBFACTORS}, user)
