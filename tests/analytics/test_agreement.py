"""The agreement test: on 1,000,000 employees, read from a German CSV and from Parquet, every figure —
the structure, every pay-gap standard with the Logib model and its decomposition, the expected
retirements — is identical to what the code computed before the reader and the statistics were made
faster (tests/data/agreement-1m.json, written by tests/support/agreement.py from that earlier code)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.support import agreement

pytestmark = pytest.mark.slow


def _differences(expected: Any, got: Any, path: str = "") -> list[str]:
    if isinstance(expected, dict) and isinstance(got, dict):
        return [d for key in sorted(set(expected) | set(got))
                for d in _differences(expected.get(key, "<missing>"), got.get(key, "<missing>"), f"{path}.{key}")]
    if isinstance(expected, list) and isinstance(got, list) and len(expected) == len(got):
        return [d for i, (e, g) in enumerate(zip(expected, got, strict=True))
                for d in _differences(e, g, f"{path}[{i}]")]
    return [] if json.dumps(expected) == json.dumps(got) else [f"{path}: {expected!r} then, {got!r} now"]


def test_every_figure_of_a_million_employees_is_identical_to_before():
    expected = json.loads(agreement.EXPECTED.read_text(encoding="utf-8"))
    got = json.loads(agreement.canonical(agreement.compute()))
    assert got["csv"]["rows"] == got["parquet"]["rows"] == agreement.ROWS
    differences = _differences(expected, got)
    assert not differences, "\n".join(differences[:40])
