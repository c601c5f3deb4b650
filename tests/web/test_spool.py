"""The spool (paritas.web.spool, docs/jobs.md): an upload and its checked rows wait as encrypted files,
not database rows, where the platform has a spool directory; every way out of the pending state deletes
them; files no row names are swept; without a spool directory everything stays in the database."""

from __future__ import annotations

import os
import stat
import time
from datetime import date

import pytest

from paritas.web import crypto, spool
from paritas.web.jobs.models import Job, JobInput
from paritas.web.workforce import services
from paritas.web.workforce.models import PendingUpload, Snapshot


@pytest.fixture
def spool_dir(settings, tmp_path):
    settings.SPOOL_DIR = tmp_path / "spool"
    return settings.SPOOL_DIR


def _files(directory) -> list:
    return sorted(directory.iterdir()) if directory.is_dir() else []


def _file(name: str, content: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content)


def test_an_upload_waits_in_the_spool_encrypted_and_private_and_its_row_holds_only_the_key(orgs, small_csv,
                                                                                           spool_dir):
    check = services.check_upload(orgs["alpha"]["org"], orgs["alpha"]["analyst"], "personal.csv",
                                  small_csv.read_bytes(), date(2023, 12, 31))
    pending = PendingUpload.objects.get(pk=check.pending.pk)
    assert bytes(pending.content) == b"" and len(pending.spooled) == 32
    [path] = _files(spool_dir)
    assert path.name == pending.spooled + ".sealed"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600 and stat.S_IMODE(spool_dir.stat().st_mode) == 0o700
    stored = path.read_bytes()
    assert stored.startswith(b"\x00PG1") and b"PAR1" not in stored  # ciphertext, not the Parquet file
    assert b"Geschlecht" not in stored and small_csv.read_bytes()[:100] not in stored
    assert len(services.checked_workforce(pending)) == 400


def test_a_job_input_is_spooled_and_goes_when_its_job_ends(client, orgs, small_csv, spool_dir,
                                                           django_capture_on_commit_callbacks, monkeypatch):
    """The upload is received into the spool as it arrives, encrypted (workforce.uploads): no temporary
    file of Django's, nothing spooled twice; the job takes it over and deletes it when it ends."""
    client.force_login(orgs["alpha"]["analyst"])
    content = small_csv.read_bytes()
    seen = []
    original_put, original_close = spool.put, spool.Writer.close

    def put(sealed: bytes) -> str:
        key = original_put(sealed)
        seen.append(("put", key, sealed))
        return key

    def close(writer: spool.Writer) -> str:
        key = original_close(writer)
        seen.append(("received", key, spool.get(key)))
        return key

    monkeypatch.setattr(spool, "put", put)
    monkeypatch.setattr(spool.Writer, "close", close)
    temporary = []
    monkeypatch.setattr("django.core.files.uploadhandler.TemporaryUploadedFile.__init__",
                        lambda *a, **k: temporary.append(a))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/o/alpha/upload/", {"file": _file("personal.csv", content),
                                                    "reference_date": "2023-12-31"})
    assert response.status_code == 302 and not temporary
    # the file as it was received, for the job, then the checked rows
    (how, input_key, sealed_input), (how_rows, rows_key, _sealed_rows) = seen
    assert (how, how_rows) == ("received", "put")
    assert content[:100] not in sealed_input and crypto.decrypt(sealed_input) == content
    job = Job.objects.get(kind=Job.Kind.CHECK_UPLOAD)
    assert job.state == Job.State.DONE and not JobInput.objects.filter(job_id=job.pk).exists()
    pending = PendingUpload.objects.get()
    assert pending.spooled == rows_key
    # the job's input is gone with the job, the checked rows wait
    assert input_key != rows_key and [p.name for p in _files(spool_dir)] == [rows_key + ".sealed"]


@pytest.mark.parametrize("way", ["accept", "cancel", "expire", "api_accept", "api_warnings"])
def test_every_way_out_of_the_pending_state_deletes_the_spooled_rows(client, orgs, small_csv, spool_dir, way,
                                                                     django_capture_on_commit_callbacks):
    from django.core.management import call_command
    from django.utils import timezone

    org, analyst = orgs["alpha"]["org"], orgs["alpha"]["analyst"]
    if way.startswith("api"):  # the API's one request: checked, then accepted or refused, nothing left
        from paritas.web.accounts.models import ApiToken

        _token, key = ApiToken.issue(analyst, "spool")
        # the file has warnings on this date (hired after it): refused (422) unless they are accepted
        fields = {"file": _file("personal.csv", small_csv.read_bytes()), "reference_date": "2023-12-31"}
        if way == "api_accept":
            fields["accept_warnings"] = "true"
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post("/api/organisations/alpha/snapshots", fields, HTTP_AUTHORIZATION=f"Bearer {key}")
        assert response.status_code == (201 if way == "api_accept" else 422), response.content
        assert not PendingUpload.objects.exists() and _files(spool_dir) == []
        return
    check = services.check_upload(org, analyst, "personal.csv", small_csv.read_bytes(), date(2023, 12, 31))
    assert len(_files(spool_dir)) == 1
    with django_capture_on_commit_callbacks(execute=True):
        if way == "accept":
            services.accept(check.pending, analyst)
            assert Snapshot.objects.filter(organisation=org).count() == 2
        elif way == "cancel":
            client.force_login(analyst)
            response = client.post(f"/o/alpha/upload/{check.pending.pk}/", {"action": "cancel"})
            assert response.status_code == 302
        elif way == "expire":
            PendingUpload.objects.filter(pk=check.pending.pk).update(
                created_at=timezone.now() - PendingUpload.LIFETIME * 2)
            call_command("purge_pending", verbosity=0)
    assert not PendingUpload.objects.exists()
    assert _files(spool_dir) == []


def test_a_rolled_back_delete_keeps_the_file_its_row_still_names(orgs, small_csv, spool_dir,
                                                                 django_capture_on_commit_callbacks):
    from django.db import transaction

    check = services.check_upload(orgs["alpha"]["org"], orgs["alpha"]["analyst"], "personal.csv",
                                  small_csv.read_bytes(), date(2023, 12, 31))
    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                PendingUpload.discard(PendingUpload.objects.filter(pk=check.pending.pk))
                raise RuntimeError("the transaction fails after the delete")
        except RuntimeError:
            pass
    pending = PendingUpload.objects.get(pk=check.pending.pk)
    assert len(services.checked_workforce(pending)) == 400  # its rows are still there to be read


def test_the_sweep_deletes_old_files_no_row_names_and_keeps_the_rest(orgs, small_csv, spool_dir):
    from paritas.web.jobs.retention import sweep_spool

    check = services.check_upload(orgs["alpha"]["org"], orgs["alpha"]["analyst"], "personal.csv",
                                  small_csv.read_bytes(), date(2023, 12, 31))
    named = spool_dir / (check.pending.spooled + ".sealed")
    orphan_old, orphan_new = spool.put(b"\x00PG1old"), spool.put(b"\x00PG1new")
    half_written = spool_dir / ("d" * 32 + ".partial")
    half_written.write_bytes(b"\x00PG1")
    other = spool_dir / "README"
    other.write_text("not ours")
    long_ago = time.time() - 2 * spool.GRACE_SECONDS
    for path in (named, spool_dir / (orphan_old + ".sealed"), half_written, other):
        os.utime(path, (long_ago, long_ago))
    assert sweep_spool() == 2
    assert sorted(p.name for p in _files(spool_dir)) == sorted([named.name, orphan_new + ".sealed", "README"])


def test_a_spool_key_is_never_a_path(spool_dir):
    for key in ("../etc/passwd", "", "a/b", "a.b"):
        with pytest.raises(ValueError):
            spool.get(key)


class _FullDisk:
    """A file that takes ``room`` bytes and then fails as a full disk does."""

    def __init__(self, out, room: int):
        self.out, self.room = out, room

    def write(self, data: bytes) -> int:
        if len(data) > self.room:
            raise OSError(28, "No space left on device")
        self.room -= len(data)
        return self.out.write(data)

    def close(self) -> None:
        self.out.close()


def test_a_write_that_fails_half_way_leaves_no_file(spool_dir, monkeypatch):
    original = spool._Partial.__init__

    def on_a_full_disk(partial) -> None:
        original(partial)
        partial.out = _FullDisk(partial.out, room=40)

    monkeypatch.setattr(spool._Partial, "__init__", on_a_full_disk)
    with pytest.raises(OSError):
        spool.put(b"x" * 100)
    assert _files(spool_dir) == []
    writer = spool.Writer()
    with pytest.raises(OSError):
        for _ in range(10):
            writer.write(b"rows of an export;" * 4)
    assert _files(spool_dir) == []
    monkeypatch.setattr(spool._Partial, "__init__", original)
    writer = spool.Writer()
    writer.write(b"a;b\n1;2\n")
    key = writer.close()
    assert [p.name for p in _files(spool_dir)] == [key + ".sealed"]
    assert crypto.decrypt(spool.get(key)) == b"a;b\n1;2\n"


def test_without_a_spool_directory_the_blobs_stay_in_the_database(client, orgs, small_csv, settings, tmp_path,
                                                                  django_capture_on_commit_callbacks):
    settings.SPOOL_DIR = None
    settings.DATA_DIR = tmp_path
    client.force_login(orgs["alpha"]["analyst"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/o/alpha/upload/", {"file": _file("personal.csv", small_csv.read_bytes()),
                                                    "reference_date": "2023-12-31"})
    pending = PendingUpload.objects.get()
    assert pending.spooled == "" and bytes(pending.content).startswith(b"\x00PG1")
    response = client.post(response["Location"], {"action": "accept"})
    assert response.status_code == 302
    assert Snapshot.objects.filter(organisation=orgs["alpha"]["org"]).count() == 2
    assert not (tmp_path / "spool").exists()


def test_the_default_spool_is_beside_sqlite_and_in_the_database_with_postgresql(tmp_path):
    import subprocess
    import sys

    code = "from django.conf import settings; print(settings.SPOOL_DIR)"
    found = {}
    for name, extra in (("sqlite", {}), ("postgres", {"DATABASE_URL": "postgres://x@127.0.0.1:1/x"}),
                        ("shared", {"DATABASE_URL": "postgres://x@127.0.0.1:1/x", "PARITAS_SPOOL_DIR": "/mnt/spool"}),
                        ("off", {"PARITAS_SPOOL_DIR": "-"})):
        env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "PARITAS_SPOOL_DIR")}
        env.update({"PARITAS_DATA_DIR": str(tmp_path), "DJANGO_SETTINGS_MODULE": "paritas.web.settings", **extra})
        out = subprocess.run([sys.executable, "-c", f"import django; django.setup(); {code}"], env=env,
                             capture_output=True, text=True, timeout=120, check=True)
        found[name] = out.stdout.strip()
    assert found == {"sqlite": str(tmp_path / "spool"), "postgres": "None", "shared": "/mnt/spool", "off": "None"}


def test_a_token_sealed_in_pieces_is_the_one_encrypt_gives(monkeypatch, settings):
    """crypto.Sealing, which encrypts an upload as its chunks arrive: with the same nonce, byte for byte
    crypto.encrypt's token, which crypto.decrypt opens."""
    data = os.urandom(300_000)
    nonce = os.urandom(12)
    monkeypatch.setattr(crypto.os, "urandom", lambda n: nonce)
    sealing = crypto.Sealing()
    pieces = [sealing.header, *(sealing.update(data[i:i + 65_536]) for i in range(0, len(data), 65_536)),
              sealing.finish()]
    token = b"".join(pieces)
    assert token == crypto.encrypt(data) and crypto.decrypt(token) == data


@pytest.mark.parametrize("refused", ["no date", "csrf", "too large"])
def test_an_upload_no_job_takes_over_leaves_nothing_in_the_spool(orgs, small_csv, spool_dir, settings, refused):
    from django.test import Client

    client = Client(enforce_csrf_checks=refused == "csrf")
    client.force_login(orgs["alpha"]["analyst"])
    content = small_csv.read_bytes()
    fields = {"file": _file("personal.csv", content), "reference_date": "2023-12-31"}
    if refused == "no date":
        fields["reference_date"] = ""
    if refused == "too large":  # the file's own size, the request within the Content-Length allowance
        monkeypatch_limit = len(content) / 1024 / 1024 * 0.5
        settings.MAX_UPLOAD_MB = monkeypatch_limit
    response = client.post("/o/alpha/upload/", fields)
    assert response.status_code == {"no date": 200, "csrf": 403, "too large": 413}[refused]
    assert _files(spool_dir) == [] and not Job.objects.filter(kind=Job.Kind.CHECK_UPLOAD).exists()


@pytest.mark.parametrize("who", ["anonymous", "viewer", "other organisation"])
def test_an_upload_by_someone_who_may_not_upload_is_not_received(orgs, small_csv, spool_dir, client, monkeypatch,
                                                                 who):
    """The membership is checked before the body is read: nothing is written for them, not even for a
    moment."""
    written = []
    monkeypatch.setattr(spool.Writer, "__init__", lambda self: written.append(self) or pytest.fail("received"))
    if who == "viewer":
        client.force_login(orgs["alpha"]["viewer"])
    elif who == "other organisation":
        client.force_login(orgs["beta"]["analyst"])
    response = client.post("/o/alpha/upload/", {"file": _file("personal.csv", small_csv.read_bytes()),
                                                "reference_date": "2023-12-31"})
    assert response.status_code in (302, 403, 404) and not written and _files(spool_dir) == []
