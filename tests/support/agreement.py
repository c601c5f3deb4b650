"""The agreement test's figures: every number Paritas computes from one seeded 1,000,000-row workforce, read
from its German CSV and from its Parquet file (structure, every pay-gap standard with the Logib model,
expected retirements). ``tests/data/agreement-1m.json`` holds them as the code computed them before the
reader and the statistics were made faster; ``python -m tests.support.agreement OUT`` writes them anew
(only to be run, from a checkout of the earlier code, where a figure is meant to change).

The regressions run on one BLAS thread (``ols.one_blas_thread``); before, OpenBLAS split their products
over the machine's cores, and the Logib figures moved in their last digits with the number of cores (at
most 1.5e-10, in the detailed decomposition's unexplained parts). The file was written anew from the earlier
code on one thread (``OPENBLAS_NUM_THREADS=1``), which the code now is on every machine; nothing else moved.
On a processor with other BLAS kernels the regression figures may differ by rounding, which the test
allows for them alone (docs/methodology.md)."""

from __future__ import annotations

import json
import sys
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

ROWS = 1_000_000
SEED = 1_000_003
REFERENCE = date(2024, 12, 31)
EXPECTED = Path(__file__).resolve().parents[1] / "data" / "agreement-1m.json"


def _without_paths(value: Any) -> Any:
    """The document without the source file's path (a temporary directory's name differs per run)."""
    if isinstance(value, dict):
        return {k: _without_paths(v) for k, v in value.items() if k != "path"}
    if isinstance(value, list):
        return [_without_paths(v) for v in value]
    return value


def figures_of(path: Path) -> dict[str, Any]:
    from paritas.analytics import io as hrio
    from paritas.analytics.paygap import STANDARDS, paygap
    from paritas.analytics.privacy import SuppressionRule
    from paritas.analytics.structure import structure
    from paritas.analytics.vacancies import retirements

    workforce = hrio.read(path, hrio.ReadOptions(reference_date=REFERENCE))
    rule = SuppressionRule(5)
    found = retirements(workforce, "DE", rule)
    return _without_paths({"rows": len(workforce), "structure": structure(workforce, rule).to_dict(),
                           "paygap": paygap(workforce, STANDARDS, None, rule).to_dict(),
                           "retirements": found.to_dict() if found else None})


def files(folder: Path) -> dict[str, Path]:
    """The workforce as a German CSV export and as Parquet (seeded: the same people every run)."""
    from paritas.analytics import synthetic

    frame = synthetic.generate(ROWS, seed=SEED, style="de", reference_date=REFERENCE)
    return {"csv": synthetic.write(frame, folder / "personal.csv", "csv", "de"),
            "parquet": synthetic.write(frame, folder / "personal.parquet", "parquet")}


def compute() -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        return {fmt: figures_of(path) for fmt, path in files(Path(tmp)).items()}


def canonical(document: dict[str, Any]) -> str:
    """JSON with every float as Python's shortest round-trip text: equal texts, identical numbers."""
    return json.dumps(document, sort_keys=True, indent=1, ensure_ascii=False, allow_nan=True)


if __name__ == "__main__":
    Path(sys.argv[1]).write_text(canonical(compute()) + "\n", encoding="utf-8")
