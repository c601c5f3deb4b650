"""Read + workforce structure of 1,000,000 employees, against a plain pandas implementation.

    python benchmarks/structure_bench.py --employees 1000000
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _measure import measure, record, report

REFERENCE = date(2024, 12, 31)


def paritas_structure(path: str) -> tuple[int, int, int]:
    from paritas.analytics.io import read
    from paritas.analytics.structure import structure

    result = structure(read(path, reference_date=REFERENCE))
    return result.employees.total, result.leadership.women, result.leadership_part_time.men


def pandas_structure(path: str) -> tuple[int, int, int]:
    """The same statistics as an analyst writes them in pandas (headcounts by gender and dimension)."""
    import pandas as pd

    if path.endswith(".parquet"):
        df = pd.read_parquet(path)
        df = df.rename(columns={})
    else:
        df = pd.read_csv(path, sep=";", decimal=",", thousands=".", encoding="cp1252")
        df = df.rename(columns={"Geschlecht": "gender", "Führungsebene": "leadership_level", "Wochenstunden":
                                "weekly_hours", "Regelarbeitszeit": "full_time_weekly_hours", "Entgeltgruppe":
                                "pay_grade", "Organisationseinheit": "department", "Geburtsjahr": "birth_year",
                                "Tätigkeitsgruppe": "category", "Befristung": "contract"})
        df["gender"] = df["gender"].map({"w": "f", "m": "m", "d": "d"}).fillna("u")
    leader = df["leadership_level"] >= 1
    part_time = df["weekly_hours"] < df["full_time_weekly_hours"]
    counts = pd.crosstab(df["gender"], [leader, part_time])
    for dim in ("pay_grade", "department", "category", "contract", "leadership_level"):
        pd.crosstab(df[dim], df["gender"])
    age = REFERENCE.year - df["birth_year"]
    pd.crosstab(pd.cut(age, [0, 24, 34, 44, 54, 64, 200]), df["gender"])
    women_leaders = int(counts.loc["f", True].sum())
    men_leading_part_time = int(counts.loc["m", (True, True)])
    return len(df), women_leaders, men_leading_part_time


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--employees", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    from paritas.analytics import synthetic

    tmp = Path(tempfile.mkdtemp())
    frame = synthetic.generate(args.employees, seed=42)
    csv = synthetic.write(frame, tmp / "personal.csv", "csv", "de")
    parquet = synthetic.write(frame, tmp / "personal.parquet", "parquet", "en")
    print(f"{args.employees:,} employees; CSV {csv.stat().st_size / 1e6:.0f} MB (German: ; decimal comma, "
          f"Windows-1252), Parquet {parquet.stat().st_size / 1e6:.0f} MB")
    for label, path, target in (("Parquet", parquet, 2.0), ("CSV", csv, 4.0)):
        ref_s, ref_peak, ref_result = measure(pandas_structure, str(path), repeat=args.repeat)
        s, peak, result = measure(paritas_structure, str(path), repeat=args.repeat)
        assert result == ref_result, (result, ref_result)
        report(f"pandas reference, {label}", ref_s, ref_peak)
        report(f"paritas read + structure, {label}", s, peak, reference=ref_s, target=target,
               memory_target=1_500_000_000)
        record("structure", f"read + structure, {label}", s, "s", ref_s, target)
        record("structure", f"peak memory, {label}", peak / 1e9, "GB", ref_peak / 1e9, 1.5)


if __name__ == "__main__":
    main()
