"""UK: the Equality Act 2010 (Gender Pay Gap Information) Regulations 2017 (SI 2017/172), the six figures.

* reg. 8, 9: mean and median gap in the hourly rate of pay of full-pay relevant employees;
* reg. 10, 11: mean and median gap in bonus pay, over the relevant employees who were paid bonus pay in
  the 12 months ending with the snapshot date; the amounts are the bonus paid, neither pro-rated for
  part-time work nor divided by hours;
* reg. 12: the proportions of male and of female relevant employees who were paid bonus pay; every
  relevant employee counts, also one with no hours or no pay in the pay period;
* reg. 13: the proportions of men and women in the lower, lower middle, upper middle and upper quartile
  pay bands, with reg. 13(2)'s rule for equal pay at a band boundary (:func:`common.quartile_bands`).

Pay components (docs/methodology.md § Pay components): ordinary pay (reg. 3) is basic pay and allowances
(shift, night, hardship …; reg. 3(1)(b)); bonus pay (reg. 4) is the ``bonus`` column only. A file with
allowances but no bonus has no bonus figures, and the result says why (``bonus_reason``).

Hourly rate of pay (reg. 6): where the export carries the relevant pay period (``period_ordinary_pay``,
``pay_period_days`` and the weekly hours, optionally ``period_bonus_pay`` and ``bonus_period_days``), it is
ordinary pay plus the bonus paid in the period — pro rata where the bonus relates to a longer period
(reg. 6(2): divided by the bonus period's days, times the pay period's days) — times 7 / the pay period's
days, divided by the weekly working hours. Where it carries only the year's sums, the hourly rate is the
year's gross pay / paid hours, and the result states the assumption (``annual_figures``). Full-pay
relevant employees are those not marked ``full_pay = no``; without the column everyone with pay counts
(``everyone_full_pay``).
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from paritas.analytics.io import Workforce
from paritas.analytics.paygap.common import (
    Gap,
    Population,
    Quartile,
    Shares,
    binary_pay_frame,
    compare,
    quartiles,
    receiving_share,
)
from paritas.analytics.privacy import SuppressionRule
from paritas.analytics.schema import MAN, WOMAN

#: reg. 6(1): the hourly rate is a weekly figure divided by weekly working hours.
DAYS_PER_WEEK = 7


@dataclass(frozen=True)
class UKResult:
    hourly: Gap
    bonus: Gap | None
    bonus_share: Shares | None
    quartiles: tuple[Quartile, ...]
    population: Population
    #: ``pay_period`` (reg. 6 from the relevant pay period) or ``annual_figures``
    hourly_basis: str = "annual_figures"
    full_pay_column: bool = False
    #: why there are no bonus figures: ``allowances_only`` or ``no_bonus_column``; None when there are
    bonus_reason: str | None = None

    @property
    def assumptions(self) -> list[str]:
        out = [] if self.full_pay_column else ["everyone_full_pay"]
        return out + (["annual_figures"] if self.hourly_basis == "annual_figures" else [])

    def to_dict(self) -> dict[str, object]:
        return {
            "mean_gap": self.hourly.mean_gap,
            "median_gap": self.hourly.median_gap,
            "bonus_mean_gap": None if self.bonus is None else self.bonus.mean_gap,
            "bonus_median_gap": None if self.bonus is None else self.bonus.median_gap,
            "bonus_share": None if self.bonus_share is None else self.bonus_share.to_dict(),
            "bonus_reason": self.bonus_reason,
            "quartiles": [q.to_dict() for q in self.quartiles],
            "hourly": self.hourly.to_dict(),
            "bonus": None if self.bonus is None else self.bonus.to_dict(),
            "population": self.population.to_dict(),
            "hourly_basis": self.hourly_basis,
            "assumptions": self.assumptions,
        }


def period_hourly_rate(frame: pl.DataFrame) -> pl.Expr:
    """reg. 6(1)–(2): (ordinary pay + bonus pay of the pay period, pro rata) × 7 / days ÷ weekly hours."""
    bonus = pl.col("period_bonus_pay").fill_null(0.0) if "period_bonus_pay" in frame.columns else pl.lit(0.0)
    if "bonus_period_days" in frame.columns:
        longer = pl.col("bonus_period_days").is_not_null() & (pl.col("bonus_period_days") > pl.col("pay_period_days"))
        bonus = pl.when(longer).then(bonus / pl.col("bonus_period_days") * pl.col("pay_period_days")).otherwise(bonus)
    weekly = (pl.col("period_ordinary_pay") + bonus) * DAYS_PER_WEEK / pl.col("pay_period_days")
    return pl.when(pl.col("weekly_hours") > 0).then(weekly / pl.col("weekly_hours")).otherwise(None)


def _has_pay_period(workforce: Workforce) -> bool:
    return workforce.has("period_ordinary_pay", "pay_period_days", "weekly_hours")


def relevant_employees(workforce: Workforce) -> pl.DataFrame:
    """Every woman and man employed on the snapshot date (reg. 1(2)), with hours or not, with ``bonus``
    (0 where not given)."""
    bonus = pl.col("bonus").fill_null(0.0) if "bonus" in workforce.frame.columns else pl.lit(0.0)
    return (workforce.frame.filter(pl.col("gender").is_in([WOMAN, MAN]))
            .select(pl.col("gender"), bonus.alias("bonus")))


def bonus_share(relevant: pl.DataFrame, rule: SuppressionRule) -> Shares:
    """reg. 12: the proportion of male and of female relevant employees who were paid bonus pay."""
    return receiving_share(relevant, "bonus", rule)


def uk(workforce: Workforce, rule: SuppressionRule | None = None,
       prepared: tuple[pl.DataFrame, Population] | None = None,
       bands: tuple[Quartile, ...] | None = None) -> UKResult:
    """The six figures of SI 2017/172 reg. 2(1)(a)–(f). ``prepared`` and ``bands`` (the EU art. 9(1)(f)
    bands, the same as reg. 13's when the hourly rate is the year's) may be passed where the caller has
    them."""
    rule = rule or SuppressionRule()
    frame, population = prepared or binary_pay_frame(workforce, rule)
    full_pay = "full_pay" in workforce.frame.columns
    if _has_pay_period(workforce):
        # reg. 6 from the relevant pay period: everyone with that period's pay and hours
        rated = (workforce.frame.filter(pl.col("gender").is_in([WOMAN, MAN]))
                 .with_columns(period_hourly_rate(workforce.frame).alias("uk_hourly"))
                 .filter(pl.col("uk_hourly") > 0))
        basis = "pay_period"
    else:
        rated, basis = frame.with_columns(pl.col("hourly_pay").alias("uk_hourly")), "annual_figures"
    if full_pay:  # binary_pay_frame keeps the column; reg. 8–9, 13 count full-pay relevant employees only
        rated = rated.filter(pl.col("full_pay").fill_null(True))
    hourly = compare(rated, "uk_hourly", rule)
    if basis == "annual_figures" and not full_pay and bands is not None:
        band_figures = bands
    else:
        band_figures = quartiles(rated, "uk_hourly", rule)
    if workforce.has("bonus"):
        relevant = relevant_employees(workforce)
        bonus: Gap | None = compare(relevant.filter(pl.col("bonus") > 0), "bonus", rule)
        share: Shares | None = bonus_share(relevant, rule)
        reason = None
    else:
        bonus = share = None
        reason = "allowances_only" if workforce.has("allowances") else "no_bonus_column"
    return UKResult(hourly, bonus, share, band_figures, population, basis, full_pay, reason)
