"""``paritas serve``: the process that forks the workers has never used polars or opened a connection.

The demo load uses polars; a gunicorn master that had loaded the demo itself forked workers whose first
upload hung until the worker timeout killed them (a fresh ``paritas serve --demo`` took no upload). The
command now prepares the database and then replaces itself by a fresh master interpreter.
"""

from __future__ import annotations

import argparse
import subprocess
import sys

import pytest
from django.db import connections

from paritas.web import serve


@pytest.mark.django_db(transaction=True)
def test_the_command_closes_its_connections_and_replaces_itself_by_a_fresh_master(monkeypatch):
    events: list[object] = []
    close_all = connections.close_all

    def spy_close_all() -> None:
        events.append("close_all")
        close_all()

    monkeypatch.setattr(connections, "close_all", spy_close_all)
    monkeypatch.setattr(serve, "_exec", lambda command: events.append(command))
    monkeypatch.setattr(serve, "_start_housekeeping", lambda: events.append("housekeeping"))
    monkeypatch.setattr(serve, "_start_job_worker", lambda: events.append("job worker"))
    serve.cmd_serve(argparse.Namespace(demo=False, host="127.0.0.1", port=8123, workers=3, job_workers=2))
    assert events.index("housekeeping") < events.index("close_all")
    assert events.count("job worker") == 2 and events.index("job worker") < events.index("close_all")
    assert events[-2] == "close_all"
    command = events[-1]
    assert command[:3] == [sys.executable, "-m", "paritas.web.master"]
    assert command[3:] == ["--host", "127.0.0.1", "--port", "8123", "--workers", "3"]


def test_the_master_module_loads_neither_polars_nor_django_nor_a_thread():
    probe = ("import sys, paritas.web.master as m; m.refuse_fork_with_threads(); "
             "print(m.thread_count(), sorted(k for k in ('polars', 'django', 'numpy') if k in sys.modules))")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=True)
    assert out.stdout.split(maxsplit=1) == ["1", "[]\n"]


def test_the_master_refuses_to_fork_once_polars_has_started_its_threads():
    probe = ("import polars as pl, paritas.web.master as m; pl.DataFrame({'a': [1, 2]}).group_by('a').len(); "
             "m.refuse_fork_with_threads()")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert out.returncode != 0
    assert "ForkAfterThreadsError" in out.stderr
    assert "polars" in out.stderr


def test_importing_paritas_does_not_load_polars_until_a_name_is_used():
    probe = ("import sys, paritas; a = 'polars' in sys.modules; paritas.read; "
             "print(a, 'polars' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=True)
    assert out.stdout.split() == ["False", "True"]
