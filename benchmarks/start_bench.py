"""How fast the command line starts and answers: ``paritas --help`` (CPU time) and ``paritas paygap
--standard eu --format json`` on 10,000 employees against a hand-written polars script that reads the same
German CSV and computes the same art. 9 figures (mean and median gaps, variable pay, quartiles, categories).

    python benchmarks/start_bench.py [--employees 10000] [--runs 7]

Both run as fresh processes, as a user runs them; the figure is the median wall time of ``--runs`` runs and
the CPU time (user + system) of the child. Targets (issue 19): ``--help`` ≤ 0.15 s of CPU, the pay gap ≤ 1.5 ×
the reference.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

from _measure import fresh_process, record

REFERENCE_SCRIPT = r'''
import io, json, sys
import polars as pl

text = open(sys.argv[1], encoding="cp1252").read()
money = ["Grundentgelt", "Zulagen", "Leistungsentgelt", "Wochenstunden"]
df = pl.read_csv(io.StringIO(text), separator=";", schema_overrides={c: pl.String for c in money})
df = df.with_columns([pl.col(c).str.replace_all(".", "", literal=True).str.replace(",", ".").cast(pl.Float64)
                      for c in money]).filter(pl.col("Geschlecht").is_in(["f", "m"]))
hours = pl.col("Wochenstunden") * 52
df = df.with_columns(((pl.col("Grundentgelt") + pl.col("Zulagen") + pl.col("Leistungsentgelt")) / hours)
                     .alias("hourly"), ((pl.col("Zulagen") + pl.col("Leistungsentgelt")) / hours).alias("variable"))
def gaps(frame, column):
    g = frame.group_by("Geschlecht").agg(pl.col(column).mean().alias("mean"), pl.col(column).median().alias("median"))
    by = {r["Geschlecht"]: r for r in g.iter_rows(named=True)}
    if "f" not in by or "m" not in by:
        return None
    return {k: (by["m"][k] - by["f"][k]) / by["m"][k] for k in ("mean", "median")}
out = {"pay": gaps(df, "hourly"), "variable": gaps(df.filter(pl.col("variable") > 0), "variable"),
       "variable_share": {r["Geschlecht"]: r["share"] for r in df.group_by("Geschlecht").agg(
           (pl.col("variable") > 0).mean().alias("share")).iter_rows(named=True)}}
ranked = df.sort("hourly").with_row_index("i").with_columns((pl.col("i") * 4 // pl.len()).alias("band"))
out["quartiles"] = ranked.group_by("band").agg((pl.col("Geschlecht") == "f").mean()).sort("band").to_dicts()
out["categories"] = {str(k[0]): gaps(part, "hourly") for k, part in df.group_by("Tätigkeitsgruppe")}
json.dump(out, sys.stdout)
'''


def timed(command: list[str], runs: int) -> tuple[float, float]:
    """Median wall time and median CPU time (user + system) of ``command`` as a fresh process."""
    wall, cpu, _peak = fresh_process(command, runs)
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--employees", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    paritas = [sys.executable, "-m", "paritas"]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "staff.csv"
        subprocess.run([*paritas, "demo-data", "--employees", str(args.employees), "--out", str(path)],
                       check=True, stderr=subprocess.DEVNULL)
        script = Path(tmp) / "reference.py"
        script.write_text(REFERENCE_SCRIPT, encoding="utf-8")
        help_wall, help_cpu = timed([*paritas, "--help"], args.runs)
        bare_wall, bare_cpu = timed([sys.executable, "-c", "pass"], args.runs)
        ours_wall, ours_cpu = timed([*paritas, "paygap", "--standard", "eu", "--format", "json",
                                     "--reference-date", "2025-12-31", str(path)], args.runs)
        ref_wall, ref_cpu = timed([sys.executable, str(script), str(path)], args.runs)
    print(f"python itself:            {bare_wall * 1000:6.0f} ms wall, {bare_cpu * 1000:6.0f} ms CPU")
    print(f"paritas --help:           {help_wall * 1000:6.0f} ms wall, {help_cpu * 1000:6.0f} ms CPU "
          f"(target ≤ 150 ms CPU)")
    print(f"paritas paygap eu, {args.employees:,}: {ours_wall * 1000:6.0f} ms wall, {ours_cpu * 1000:6.0f} ms CPU")
    print(f"polars reference:         {ref_wall * 1000:6.0f} ms wall, {ref_cpu * 1000:6.0f} ms CPU")
    print(f"ratio (wall):             {ours_wall / ref_wall:6.2f} × (target ≤ 1.5 ×)")
    record("start", "paritas --help, CPU", help_cpu, "s", bare_cpu, 0.15)
    record("start", f"paygap eu json, {args.employees:,} employees", ours_wall, "s", ref_wall, 1.5 * ref_wall)


if __name__ == "__main__":
    main()
