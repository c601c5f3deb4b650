"""``paritas analyze --format json`` on a 1,000,000-row German CSV against a hand-written polars script that
reads the same file with the schema known in advance and computes the same structure figures.

    python benchmarks/analyze_bench.py [--employees 1000000] [--runs 3]

The reference knows what Paritas must find out: the encoding (Windows-1252), the separator, the decimal
comma with the point as thousands separator, which column is what; it checks nothing, and counts by
gender overall, in leadership, part-time, leadership part-time, trainees, hires, promotions and leavers,
and by pay grade, department, category of workers, contract, leadership level, age band and working time
— the structure's tables. Both run as fresh
processes, as a user runs them: median wall time of ``--runs`` runs, and the peak resident memory of the
child. Targets (issue 19, item 1): ≤ 1.5 × the reference's time, peak memory ≤ the reference's + 20 %.
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
from datetime import date
import polars as pl

text = open(sys.argv[1], encoding="cp1252").read()
numbers = ["Wochenstunden", "Regelarbeitszeit", "Grundentgelt", "Zulagen", "Leistungsentgelt"]
df = pl.read_csv(io.StringIO(text), separator=";", schema_overrides={c: pl.String for c in numbers})
df = df.with_columns([pl.col(c).str.replace_all(".", "", literal=True).str.replace(",", ".", literal=True)
                      .cast(pl.Float64) for c in numbers])
reference = date(2024, 12, 31)
yes = ["ja", "j", "1", "yes", "x"]
df = df.with_columns(
    is_leader=pl.col("Führungsebene").cast(pl.String).str.extract(r"(\d+)", 1).cast(pl.Int64).fill_null(0) >= 1,
    is_part_time=pl.col("Wochenstunden") < pl.col("Regelarbeitszeit"),
    age=reference.year - pl.col("Geburtsjahr"),
    trainee=pl.col("Auszubildende(r)").cast(pl.String).str.to_lowercase().is_in(yes),
    hired=pl.col("Neueinstellung").cast(pl.String).str.to_lowercase().is_in(yes),
    promoted=pl.col("Beförderung").cast(pl.String).str.to_lowercase().is_in(yes),
    left=pl.col("Austritt").cast(pl.String).str.to_lowercase().is_in(yes))
count = [pl.len().alias("total"), (pl.col("Geschlecht") == "w").sum().alias("women"),
         (pl.col("Geschlecht") == "m").sum().alias("men")]
lazy = df.lazy()
plans = [lazy.select(count)] + [lazy.filter(f).select(count) for f in (
    pl.col("is_leader"), pl.col("is_part_time"), pl.col("is_leader") & pl.col("is_part_time"), pl.col("trainee"),
    pl.col("hired"), pl.col("promoted"), pl.col("left"))]
band = pl.when(pl.col("age") < 30).then(pl.lit("<30")).when(pl.col("age") < 50).then(pl.lit("30-49")).otherwise(
    pl.lit("50+"))
for key in (pl.col("Entgeltgruppe"), pl.col("Organisationseinheit"), pl.col("Tätigkeitsgruppe"),
            pl.col("Befristung"), pl.col("Führungsebene").cast(pl.String), band, pl.col("is_part_time")):
    plans.append(lazy.group_by(key.alias("group")).agg(count))
out = [frame.to_dicts() for frame in pl.collect_all(plans)]
json.dump(out, sys.stdout, default=str)
'''


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--employees", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    paritas = [sys.executable, "-m", "paritas"]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "personal.csv"
        subprocess.run([*paritas, "demo-data", "--employees", str(args.employees), "--out", str(path),
                        "--reference-date", "2024-12-31"], check=True, stderr=subprocess.DEVNULL)
        script = Path(tmp) / "reference.py"
        script.write_text(REFERENCE_SCRIPT, encoding="utf-8")
        ours, _cpu, ours_memory = fresh_process([*paritas, "analyze", "--format", "json", "--reference-date",
                                                 "2024-12-31", str(path)], args.runs)
        reference, _cpu, reference_memory = fresh_process([sys.executable, str(script), str(path)], args.runs)
    print(f"paritas analyze --format json, {args.employees:,} rows: {ours:6.2f} s, peak {ours_memory / 1e9:4.2f} GB")
    print(f"hand-written polars reference:            {reference:6.2f} s, peak {reference_memory / 1e9:4.2f} GB")
    print(f"ratio: time {ours / reference:4.2f} × (target ≤ 1.5 ×), memory {ours_memory / reference_memory:4.2f} × "
          f"(target ≤ 1.2 ×)")
    record("analyze", f"analyze json, CSV, {args.employees:,} rows", ours, "s", reference, 1.5 * reference)
    record("analyze", "analyze peak memory", ours_memory / 1e9, "GB", reference_memory / 1e9,
           1.2 * reference_memory / 1e9)


if __name__ == "__main__":
    main()
