"""A bounded coverage-guided fuzzing run of the reader (atheris), part of every CI run: see
tests/fuzzing/reader.py. It fails if any input makes the reader raise anything but its problems."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.fuzz
SCRIPT = Path(__file__).resolve().parents[1] / "fuzzing" / "reader.py"
SECONDS = int(os.environ.get("PARITAS_FUZZ_SECONDS", "45"))


def test_the_reader_survives_a_fuzzing_run(tmp_path):
    pytest.importorskip("atheris")
    out = subprocess.run([sys.executable, str(SCRIPT), f"-max_total_time={SECONDS}", "-rss_limit_mb=3072",
                          "-timeout=30", f"-artifact_prefix={tmp_path}/"], capture_output=True, text=True,
                         timeout=SECONDS + 240, cwd=tmp_path)
    report = out.stderr[-4000:]
    assert out.returncode == 0, report
    assert "Done" in out.stderr and "#" in out.stderr, report  # it ran and counted executions
