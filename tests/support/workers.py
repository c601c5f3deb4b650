"""Real job workers for the tests: ``django-admin paritas_worker`` processes on the test database."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

DATABASE_BACKEND = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def database_url() -> str:
    """The URL of the database the test runs on (the test database, not the configured one)."""
    from django.db import connection

    s = connection.settings_dict
    if s["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{s['NAME']}"
    user = s.get("USER") or "postgres"
    password = f":{s['PASSWORD']}" if s.get("PASSWORD") else ""
    return f"postgres://{user}{password}@{s.get('HOST') or '127.0.0.1'}:{s.get('PORT') or 5432}/{s['NAME']}"


class Workers:
    """Worker processes started on demand; each can be killed like a machine that goes away."""

    def __init__(self, lease_seconds: int):
        self.lease_seconds = lease_seconds
        self.processes: list[subprocess.Popen[bytes]] = []

    def start(self) -> subprocess.Popen[bytes]:
        from django.conf import settings

        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tests.settings", "PARITAS_TEST_WORKER": "1",
               "DATABASE_URL": database_url(), "PARITAS_DATA_DIR": str(settings.DATA_DIR),
               "PARITAS_ENCRYPTION_KEY": settings.ENCRYPTION_KEY, "PARITAS_SECRET_KEY": settings.SECRET_KEY,
               "PARITAS_JOB_LEASE_SECONDS": str(self.lease_seconds)}
        process = subprocess.Popen([sys.executable, "-m", "django", "paritas_worker", "--interval", "0.1"],
                                   env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL)
        self.processes.append(process)
        return process

    def kill(self, process: subprocess.Popen[bytes]) -> None:
        """SIGKILL: the worker dies mid-job, as with a lost machine or the kernel's out-of-memory killer."""
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)

    def stop(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                process.terminate()
        for process in self.processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()


@contextmanager
def real_workers(settings: Any, lease_seconds: int = 2) -> Iterator[Workers]:
    """Jobs go to the database queue (not run eagerly) and real worker processes run them."""
    settings.TASKS = DATABASE_BACKEND
    settings.JOB_LEASE_SECONDS = lease_seconds
    workers = Workers(lease_seconds)
    try:
        yield workers
    finally:
        workers.stop()


def wait_for(predicate: Any, timeout: float = 60, every: float = 0.02) -> Any:
    """Poll until ``predicate()`` is true (its value is returned); fail after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(every)
    raise AssertionError(f"not within {timeout} s")
