from __future__ import annotations

from datetime import date
from pathlib import Path

import polars as pl
import pytest

from paritas.analytics import synthetic

REFERENCE = date(2024, 12, 31)


@pytest.fixture(scope="session")
def herne_frame() -> pl.DataFrame:
    """The seed-001-shaped workforce: 2,984 employees (seeded, so every run sees the same people)."""
    return synthetic.generate(2984, seed=1, style="de", reference_date=REFERENCE)


@pytest.fixture(scope="session")
def herne_csv(herne_frame: pl.DataFrame, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return synthetic.write(herne_frame, tmp_path_factory.mktemp("herne") / "personal.csv", "csv", "de")


def write_text(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


@pytest.fixture(scope="session")
def small_csv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """400 employees as a German CSV export (Windows-1252, ;, decimal comma): for the web and browser tests."""
    frame = synthetic.generate(400, seed=5, style="de", reference_date=REFERENCE)
    return synthetic.write(frame, tmp_path_factory.mktemp("web") / "personal.csv", "csv", "de")


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def demo_server(tmp_path_factory: pytest.TempPathFactory):
    """``paritas serve --demo`` as the README starts it, in a fresh data directory, on a free port.

    Yields (base URL, the server process, its log file). The process is gunicorn's master (the command
    replaces itself by it), so tests can look at what the forking process has loaded."""
    import os
    import shutil
    import subprocess
    import sys
    import time
    import urllib.request

    data = tmp_path_factory.mktemp("first-run") / "data"
    port = free_port()
    log = data.parent / "serve.log"
    command = shutil.which("paritas") or sys.executable
    args = [command] if command.endswith("paritas") else [command, "-m", "paritas"]
    env = {**os.environ, "PARITAS_DATA_DIR": str(data)}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env.pop("DATABASE_URL", None)  # the README's first command runs on the embedded SQLite
    with log.open("wb") as out:
        process = subprocess.Popen([*args, "serve", "--demo", "--port", str(port)], env=env, stdout=out,
                                   stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 240
    while True:
        try:
            urllib.request.urlopen(f"{base}/accounts/login/", timeout=5).read()
            break
        except OSError as exc:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                raise RuntimeError(f"paritas serve --demo did not answer:\n{log.read_text(errors='replace')}") from exc
            time.sleep(0.5)
    yield base, process, log
    import signal

    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
