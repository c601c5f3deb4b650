"""Run every benchmark and print all figures in one table: the figure, its plain reference from the same
run, the ratio, the target and whether it is met.

    python benchmarks/run_all.py            # small sizes: a few minutes, for a quick look at every ratio
    python benchmarks/run_all.py --full     # the sizes the targets are set for (benchmarks/README.md)
    python benchmarks/run_all.py --only start structure

Each script runs in its own process with ``PARITAS_BENCH_RESULTS`` naming a file to which it appends one
JSON line per figure (``_measure.record``); its own output goes to ``--log`` (default: a temporary file).
The server benchmarks need ``wrk`` (apt-get install wrk) and a free port each.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent

#: (script, arguments for the quick run, arguments for the full run)
BENCHES = (
    ("start", ["--employees", "10000", "--runs", "3"], []),
    ("structure", ["--employees", "100000", "--repeat", "1"], []),
    ("analyze", ["--employees", "100000", "--runs", "1"], []),
    ("paygap", ["--employees", "100000", "--repeat", "1"], []),
    ("web", ["--users", "10", "--rows", "20000"], []),
    ("awards", ["--holders", "500", "--applications", "60", "--jurors", "3", "--users", "10"], []),
    ("network", ["--holders", "60", "--events", "10", "--users", "10", "--registrations", "20"], []),
    ("library", ["--entries", "500", "--requests", "20"], []),
    ("plans", ["--employees", "2000", "--targets", "10", "--measures", "20", "--requests", "20"], []),
    ("projects", ["--organisations", "4", "--activities", "80", "--participants", "400", "--requests", "20"], []),
)


def _cell(value: float | None, unit: str) -> str:
    if value is None:
        return "–"
    if unit == "s":
        return f"{value * 1000:.0f} ms" if value < 10 else f"{value:.1f} s"
    return f"{value:.2f} {unit}"


def table(rows: list[dict]) -> str:  # type: ignore[type-arg]
    """The figures as a fixed-width table; the ratio is figure ÷ reference (1.0 = as fast as the reference)."""
    header = ("benchmark", "figure", "value", "reference", "ratio", "target", "")
    lines = [header]
    for r in rows:
        ratio = f"{r['value'] / r['reference']:.2f} ×" if r.get("reference") else "–"
        verdict = "" if r.get("target") is None else ("OK" if r["value"] <= r["target"] else "OVER")
        lines.append((r["bench"], r["figure"], _cell(r["value"], r["unit"]), _cell(r.get("reference"), r["unit"]),
                      ratio, _cell(r.get("target"), r["unit"]), verdict))
    widths = [max(len(str(line[i])) for line in lines) for i in range(len(header))]
    out = []
    for n, line in enumerate(lines):
        out.append("  ".join(str(c).ljust(w) if i < 2 else str(c).rjust(w) for i, (c, w) in enumerate(zip(line, widths,
                                                                                                          strict=True))))
        if n == 0:
            out.append("  ".join("-" * w for w in widths))
    return "\n".join(out)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--full", action="store_true", help="the sizes the targets are set for")
    parser.add_argument("--only", nargs="+", metavar="NAME", choices=[b[0] for b in BENCHES])
    parser.add_argument("--log", type=Path, help="where the scripts' own output goes")
    args = parser.parse_args()
    results = Path(tempfile.mkstemp(prefix="paritas-bench-", suffix=".jsonl")[1])
    log = args.log or Path(tempfile.mkstemp(prefix="paritas-bench-", suffix=".log")[1])
    failed = []
    with log.open("w", encoding="utf-8") as out:
        for name, quick, full in BENCHES:
            if args.only and name not in args.only:
                continue
            command = [sys.executable, str(HERE / f"{name}_bench.py"), *(full if args.full else quick)]
            print(f"running {name} …", file=sys.stderr, flush=True)
            out.write(f"\n$ {' '.join(command)}\n")
            out.flush()
            begin = time.perf_counter()
            code = subprocess.run(command, stdout=out, stderr=subprocess.STDOUT, cwd=HERE.parent,
                                  env={**os.environ, "PARITAS_BENCH_RESULTS": str(results)}).returncode
            out.write(f"(exit {code}, {time.perf_counter() - begin:.0f} s)\n")
            if code:
                failed.append(f"{name} (exit {code})")
    rows = [json.loads(line) for line in results.read_text(encoding="utf-8").splitlines() if line.strip()]
    print(table(rows))
    print(f"\n{'full' if args.full else 'quick'} sizes; the scripts' output: {log}")
    if failed:
        print("missed a target or failed: " + ", ".join(failed) + " (see the output)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
