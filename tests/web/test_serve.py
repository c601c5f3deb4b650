"""``paritas serve`` hands gunicorn no open database connection: a connection inherited through fork
would be shared by every worker (on PostgreSQL, answers then reach the wrong request: found by the web
benchmark)."""

from __future__ import annotations

import argparse

import pytest
from django.db import connections

from paritas.web import serve


@pytest.mark.django_db(transaction=True)
def test_connections_are_closed_before_the_workers_fork(monkeypatch):
    events: list[str] = []
    close_all = connections.close_all

    def spy_close_all() -> None:
        events.append("close_all")
        close_all()

    monkeypatch.setattr(connections, "close_all", spy_close_all)
    monkeypatch.setattr(serve, "_gunicorn", lambda host, port, workers: events.append(f"gunicorn {workers}"))
    serve.cmd_serve(argparse.Namespace(demo=False, host="127.0.0.1", port=0, workers=3))
    assert events[-2:] == ["close_all", "gunicorn 3"]
