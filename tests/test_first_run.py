"""A new user's first hour: ``paritas serve --demo`` on a fresh data directory takes an upload at once.

Before the fix the server's master had loaded the demo with polars and then forked its workers; polars'
thread pool does not survive a fork, so every first upload hung until the worker was killed (120 s)."""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path

import pytest

from paritas.analytics import synthetic
from tests.support.http import Client

pytestmark = pytest.mark.slow


def _threads_and_maps(pid: int) -> tuple[int, str]:
    proc = Path(f"/proc/{pid}")
    return len(list((proc / "task").iterdir())), (proc / "maps").read_text()


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="reads the master's threads from /proc")
def test_the_forking_master_runs_one_thread_and_has_not_loaded_polars(demo_server):
    _base, process, _log = demo_server
    threads, maps = _threads_and_maps(process.pid)
    assert "gunicorn" in Path(f"/proc/{process.pid}/cmdline").read_text() or "master" in Path(
        f"/proc/{process.pid}/cmdline").read_text()
    assert threads == 1
    assert "polars" not in maps


def _outcome(client, base: str, response, timeout: float = 60):
    """Follow a job's progress page (the server's own job worker runs it) to where its outcome leads."""
    deadline = time.monotonic() + timeout
    while "/upload/job/" in response.url and time.monotonic() < deadline:
        time.sleep(0.2)
        response = client.get(response.url.removeprefix(base))
    return response


def test_a_fresh_demo_server_takes_an_upload_and_accepts_it_within_seconds(demo_server, tmp_path):
    base, _process, log = demo_server
    export = synthetic.write(synthetic.generate(600, seed=11, style="de", reference_date=date(2025, 6, 30)),
                             tmp_path / "personal-2025-06.csv", "csv", "de")
    client = Client(base, timeout=60)
    signed_in = client.sign_in("owner@herne.example", "paritas-demo")
    assert signed_in.status == 200 and "/o/herne/" in signed_in.url, signed_in.text[:500]

    client.get("/o/herne/upload/")
    started = time.monotonic()
    # a reference date no other test on this server uses (one snapshot per date)
    checked = _outcome(client, base, client.post("/o/herne/upload/", {"reference_date": "2025-06-30"},
                                                 files={"file": export}))
    assert checked.status == 200, log.read_text(errors="replace")[-2000:]
    assert "/o/herne/upload/" in checked.url and checked.url.rstrip("/").split("/")[-1].isdigit()
    accepted = _outcome(client, base, client.post(checked.url.removeprefix(base), {"action": "accept"}))
    elapsed = time.monotonic() - started
    assert accepted.status == 200
    assert "/o/herne/s/" in accepted.url
    assert "600" in accepted.text
    assert elapsed < 30, f"upload and accept took {elapsed:.1f} s"
