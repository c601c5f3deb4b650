"""All pay-gap standards plus the Logib model on 1,000,000 employees, against the way an analyst writes
the same figures: pandas groupby and a statsmodels formula OLS.

    python benchmarks/paygap_bench.py --employees 1000000

Both sides start from the same Parquet file; the figure that counts is the computation on data already in
memory (the reader has its own benchmark), printed together with the end-to-end time from the file.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _measure import measure, record, report

REFERENCE = date(2024, 12, 31)


def paritas_paygap(path: str) -> tuple[float, float, float]:
    from paritas.analytics.io import ReadOptions, read
    from paritas.analytics.paygap import paygap

    workforce = read(path, ReadOptions(reference_date=REFERENCE))
    start = time.perf_counter()
    result = paygap(workforce)
    elapsed = time.perf_counter() - start
    return elapsed, round(result.eu.pay.mean_gap, 10), round(result.logib.coefficient, 8)


def pandas_paygap(path: str) -> tuple[float, float, float]:
    """EU/UK gaps, quartiles, categories, EntgTranspG medians and Logib's regression, as an analyst would."""
    import numpy as np
    import pandas as pd
    import statsmodels.formula.api as smf

    df = pd.read_parquet(path)
    start = time.perf_counter()
    df = df[df.gender.isin(["f", "m"])].copy()
    hours = df.weekly_hours * 52
    df["variable_pay"] = df.allowances.fillna(0.0) + df.bonus.fillna(0.0)  # art. 9(1)(b): allowances + bonus
    df["hourly"] = (df.base_pay + df.variable_pay) / hours
    df["variable_hourly"] = df.variable_pay / hours
    df["basic_hourly"] = df.base_pay / hours
    stats = df.groupby("gender").hourly.agg(["mean", "median"])
    mean_gap = (stats.loc["m", "mean"] - stats.loc["f", "mean"]) / stats.loc["m", "mean"]
    recipients = df[df.variable_pay > 0]
    recipients.groupby("gender").variable_hourly.agg(["mean", "median"])
    recipients.groupby("gender").variable_pay.agg(["mean", "median"])
    (df.variable_pay > 0).groupby(df.gender).mean()
    df["band"] = pd.qcut(df.hourly.rank(method="first"), 4, labels=False)
    pd.crosstab(df.band, df.gender, normalize="index")
    df.groupby(["category", "gender"])[["hourly", "basic_hourly", "variable_hourly"]].agg(["mean", "median"])
    month = df.full_time_weekly_hours * 52 / 12
    df.assign(m=df.hourly * month).groupby(["pay_grade", "gender"]).m.agg(["median", "size"])
    d = df[~df.trainee.astype(bool)].copy()
    isced = {0: 8, 1: 8, 2: 8, 3: 5, 4: 5, 5: 3, 6: 2, 7: 1, 8: 1}  # docs/methodology.md (ISCED 3 general → 5)
    years = {1: 17, 2: 15, 3: 14, 4: 15, 5: 13, 6: 12, 7: 11, 8: 7}
    d["training"] = d.education.astype(int).map(isced).map(years)
    d["age"] = REFERENCE.year - d.birth_year
    # Logib counts service with Excel's YEARFRAC to the first of the month after the reference month (the
    # federal tool's rule; paritas.analytics.paygap.logib.yearfrac), once per distinct date of entry.
    from paritas.analytics.paygap.logib import service_reference, yearfrac

    end = service_reference(REFERENCE)
    hired = pd.to_datetime(d.hire_date).dt.date
    d["service"] = hired.map({day: yearfrac(day, end) for day in hired.unique()})
    d["earning"] = (d.age - d.training - 6).clip(lower=0)
    d["position"] = np.where(d.leadership_level == 0, 5, d.leadership_level.clip(1, 4))
    d["woman"] = (d.gender == "f").astype(float)
    fit = smf.ols("np.log(hourly) ~ training + service + earning + I(earning**2) + C(skill_level) + C(position) "
                  "+ woman", d).fit()
    elapsed = time.perf_counter() - start
    return elapsed, round(float(mean_gap), 10), round(float(fit.params["woman"]), 8)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--employees", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    from paritas.analytics import synthetic

    tmp = Path(tempfile.mkdtemp())
    parquet = synthetic.write(synthetic.generate(args.employees, seed=42), tmp / "personal.parquet", "parquet", "en")
    print(f"{args.employees:,} employees; all standards (EU, UK, EntgTranspG, Logib with Oaxaca-Blinder)")
    ref_total, ref_peak, (ref_compute, *ref_figures) = measure(pandas_paygap, str(parquet), repeat=args.repeat)
    total, peak, (compute, *figures) = measure(paritas_paygap, str(parquet), repeat=args.repeat)
    assert figures[0] == ref_figures[0], (figures, ref_figures)
    assert abs(figures[1] - ref_figures[1]) < 1e-6, (figures, ref_figures)
    report("pandas + statsmodels, computation", ref_compute, ref_peak)
    report("paritas paygap, computation", compute, peak, reference=ref_compute, target=3.0,
           memory_target=2_000_000_000)
    report("pandas + statsmodels, from Parquet", ref_total, ref_peak)
    report("paritas, read + paygap from Parquet", total, peak, reference=ref_total)
    record("paygap", "all standards, computation", compute, "s", ref_compute, 3.0)
    record("paygap", "read + all standards, Parquet", total, "s", ref_total)
    record("paygap", "peak memory", peak / 1e9, "GB", ref_peak / 1e9, 2.0)


if __name__ == "__main__":
    main()
