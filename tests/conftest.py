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
