"""``paritas analyze --format json`` and ``paritas paygap --format json`` (all standards) on a 1,000,000-row
German CSV, each against a hand-written polars script that reads the same file with the schema known in
advance and computes the same figures.

    python benchmarks/analyze_bench.py [--employees 1000000] [--runs 3]

The reference knows what Paritas must find out: the encoding (Windows-1252), the separator, the decimal
comma with the point as thousands separator, which column is what; it checks nothing, and counts by
gender overall, in leadership, part-time, leadership part-time, trainees, hires, promotions and leavers,
and by pay grade, department, category of workers, contract, leadership level, age band and working time
— the structure's tables. Both run as fresh
processes, as a user runs them: median wall time of ``--runs`` runs, and the peak resident memory of the
child. Targets (issue 19, item 1): ``analyze`` ≤ 1.5 × its reference's time, ``paygap`` ≤ 1.3 ×, peak memory
≤ the reference's + 20 %.

The pay-gap reference (polars and numpy, as an analyst who knows the rules would write it) computes the
EU figures (hourly pay of base pay, allowances and bonus; mean and median gaps overall, of variable pay
among recipients, the share receiving it, quartile bands, gaps by category of workers, annual pay), the
UK figures (ordinary hourly pay without bonus, bonus gaps and shares, quartile bands), EntgTranspG's
medians of monthly full-time pay by pay grade, and Logib's regression with its Oaxaca–Blinder
decomposition and 200 bootstrap replicates of 50,000 rows; where the rule is Paritas's own to get right
(Excel's YEARFRAC, the ISCED table) it calls Paritas's function once per distinct value, as the pandas
reference of paygap_bench.py does. Its EU mean gap and Logib coefficient are checked against Paritas's.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from _measure import fresh_process, record

#: Both references read the file as one who knows it: its encoding, separator, decimal comma and columns.
READ = r'''
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
'''

REFERENCE_SCRIPT = READ + r'''df = df.with_columns(
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


PAYGAP_SCRIPT = READ + r'''
import numpy as np
from paritas.analytics.paygap.logib import ISCED_TO_LOGIB, TRAINING_YEARS, service_reference, yearfrac
hours = pl.col("Wochenstunden") * 52
df = df.filter(pl.col("Geschlecht").is_in(["w", "m"])).with_columns(
    woman=pl.col("Geschlecht") == "w",
    variable=pl.col("Zulagen").fill_null(0) + pl.col("Leistungsentgelt").fill_null(0))
df = df.with_columns(hourly=(pl.col("Grundentgelt") + pl.col("variable")) / hours,
                     ordinary=(pl.col("Grundentgelt") + pl.col("Zulagen").fill_null(0)) / hours,
                     annual=pl.col("Grundentgelt") + pl.col("variable"))


def gaps(frame, value, by=None):
    stats = [pl.col(value).filter(~pl.col("woman")).mean().alias("mm"), pl.col(value).filter(pl.col("woman")).mean()
             .alias("mw"), pl.col(value).filter(~pl.col("woman")).median().alias("dm"),
             pl.col(value).filter(pl.col("woman")).median().alias("dw")]
    out = frame.group_by(by).agg(stats) if by else frame.select(stats)
    return out.with_columns(mean_gap=(pl.col("mm") - pl.col("mw")) / pl.col("mm"),
                            median_gap=(pl.col("dm") - pl.col("dw")) / pl.col("dm"))


def bands(frame, value):
    ranked = frame.select(value, "woman").sort(value).with_columns(
        band=pl.int_range(pl.len()) * 4 // pl.len() + 1)
    return ranked.group_by("band").agg(pl.len(), pl.col("woman").mean())


recipients = df.filter(pl.col("variable") > 0)
eu = {"pay": gaps(df, "hourly"), "annual": gaps(df, "annual"), "variable": gaps(recipients, "variable"),
      "share": df.group_by("woman").agg((pl.col("variable") > 0).mean()), "quartiles": bands(df, "hourly"),
      "categories": gaps(df, "hourly", "Tätigkeitsgruppe")}
bonus = df.filter(pl.col("Leistungsentgelt") > 0)
uk = {"hourly": gaps(df, "ordinary"), "bonus": gaps(bonus, "Leistungsentgelt"), "quartiles": bands(df, "ordinary"),
      "share": df.group_by("woman").agg((pl.col("Leistungsentgelt") > 0).mean())}
monthly = df.with_columns(month=pl.col("hourly") * pl.col("Regelarbeitszeit") * 52 / 12)
entgtranspg = monthly.group_by("Entgeltgruppe", "woman").agg(pl.col("month").median(), pl.len())

# Logib: ln hourly pay on training, service, experience and its square, skill and position dummies, woman.
trainee = pl.col("Auszubildende(r)").cast(pl.String).str.to_lowercase().is_in(yes)
d = df.filter(~trainee & (pl.col("hourly") > 0))
end = service_reference(reference)
hired = d["Eintrittsdatum"].str.strptime(pl.Date, "%d.%m.%Y")
service = {day: yearfrac(day, end) for day in hired.unique().to_list()}
level = pl.col("Führungsebene").cast(pl.Int64)
d = d.with_columns(training=pl.col("Bildungsabschluss").cast(pl.Int64).replace_strict(ISCED_TO_LOGIB)
                   .replace_strict(TRAINING_YEARS, return_dtype=pl.Float64),
                   service=hired.replace_strict(service, return_dtype=pl.Float64),
                   position=pl.when(level == 0).then(5).otherwise(level.clip(1, 4)))
d = d.with_columns(earning=(reference.year - pl.col("Geburtsjahr") - pl.col("training") - 6).clip(lower_bound=0))
dummies = d.select(pl.col("Anforderungsniveau").cast(pl.String), pl.col("position").cast(pl.String)).to_dummies(
    drop_first=True)
x = np.column_stack([np.ones(d.height), d["training"].to_numpy(), d["service"].to_numpy(), d["earning"].to_numpy(),
                     d["earning"].to_numpy() ** 2, dummies.to_numpy().astype(float)])
y = np.log(d["hourly"].to_numpy())
w = d["woman"].to_numpy()
xw = np.column_stack([x, w.astype(float)])
beta = np.linalg.solve(xw.T @ xw, xw.T @ y)
resid = y - xw @ beta
se = np.sqrt(np.diag(np.linalg.inv(xw.T @ xw)) * (resid @ resid) / (len(y) - xw.shape[1]))


def parts(xa, ya, wa, xb, yb, wb):
    def fit(x, y, weights):
        return np.linalg.solve(x.T @ (x * weights[:, None]), x.T @ (y * weights))
    pooled_x = np.vstack([np.column_stack([xa, np.zeros(len(ya))]), np.column_stack([xb, np.ones(len(yb))])])
    star = fit(pooled_x, np.concatenate([ya, yb]), np.concatenate([wa, wb]))[:-1]
    ma, mb = np.average(xa, axis=0, weights=wa), np.average(xb, axis=0, weights=wb)
    ba, bb = fit(xa, ya, wa), fit(xb, yb, wb)
    return np.concatenate([[np.average(ya, weights=wa) - np.average(yb, weights=wb)], (ma - mb) * star,
                           ma * (ba - star) + mb * (star - bb)])


men, women = np.flatnonzero(~w), np.flatnonzero(w)
estimate = parts(x[men], y[men], np.ones(len(men)), x[women], y[women], np.ones(len(women)))
rng = np.random.default_rng(20231970)
m = min(len(y), 50_000)
replicates = []
for _ in range(200):
    drawn = []
    for g in (men, women):
        idx, counts = np.unique(g[rng.integers(0, len(g), round(len(g) * m / len(y)))], return_counts=True)
        drawn += [x[idx], y[idx], counts.astype(float)]
    replicates.append(parts(*drawn))
spread = np.std(replicates, axis=0, ddof=1) * np.sqrt(m / len(y))
json.dump({"eu_mean_gap": float(eu["pay"]["mean_gap"][0]), "logib_coefficient": float(beta[-1]),
           "logib_se": float(se[-1]), "oaxaca": estimate.tolist(), "oaxaca_se": spread.tolist(),
           "tables": [frame.height for part in (eu, uk) for frame in part.values()] + [entgtranspg.height]},
          sys.stdout)
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
        pay_script = Path(tmp) / "paygap_reference.py"
        pay_script.write_text(PAYGAP_SCRIPT, encoding="utf-8")
        paygap_command = [*paritas, "paygap", "--format", "json", "--reference-date", "2024-12-31", str(path)]
        ours_pay = json.loads(subprocess.run(paygap_command, check=True, capture_output=True).stdout)
        reference_pay = json.loads(subprocess.run([sys.executable, str(pay_script), str(path)], check=True,
                                                  capture_output=True).stdout)
        assert abs(ours_pay["eu"]["pay"]["mean_gap"] - reference_pay["eu_mean_gap"]) < 1e-9, reference_pay
        assert abs(ours_pay["logib"]["gender_coefficient"] + reference_pay["logib_coefficient"]) < 1e-6 or abs(
            ours_pay["logib"]["gender_coefficient"] - reference_pay["logib_coefficient"]) < 1e-6, reference_pay
        pay_time, _cpu, pay_memory = fresh_process(paygap_command, args.runs)
        pay_reference, _cpu, pay_reference_memory = fresh_process([sys.executable, str(pay_script), str(path)],
                                                                  args.runs)
    print(f"paritas analyze --format json, {args.employees:,} rows: {ours:6.2f} s, peak {ours_memory / 1e9:4.2f} GB")
    print(f"hand-written polars reference:            {reference:6.2f} s, peak {reference_memory / 1e9:4.2f} GB")
    print(f"ratio: time {ours / reference:4.2f} × (target ≤ 1.5 ×), memory {ours_memory / reference_memory:4.2f} × "
          f"(target ≤ 1.2 ×)")
    print(f"paritas paygap --format json (all standards): {pay_time:6.2f} s, peak {pay_memory / 1e9:4.2f} GB")
    print(f"hand-written polars + numpy reference:        {pay_reference:6.2f} s, peak "
          f"{pay_reference_memory / 1e9:4.2f} GB")
    print(f"ratio: time {pay_time / pay_reference:4.2f} × (target ≤ 1.3 ×), memory "
          f"{pay_memory / pay_reference_memory:4.2f} × (target ≤ 1.2 ×)")
    record("analyze", f"analyze json, CSV, {args.employees:,} rows", ours, "s", reference, 1.5 * reference)
    record("analyze", "analyze peak memory", ours_memory / 1e9, "GB", reference_memory / 1e9,
           1.2 * reference_memory / 1e9)
    record("analyze", f"paygap json, all standards, CSV, {args.employees:,} rows", pay_time, "s", pay_reference,
           1.3 * pay_reference)
    record("analyze", "paygap peak memory", pay_memory / 1e9, "GB", pay_reference_memory / 1e9,
           1.2 * pay_reference_memory / 1e9)


if __name__ == "__main__":
    main()
