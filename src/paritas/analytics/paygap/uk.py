"""UK: the Equality Act 2010 (Gender Pay Gap Information) Regulations 2017 (SI 2017/172), the six figures.

* reg. 8, 9: mean and median gap in the hourly rate of pay of full-pay relevant employees;
* reg. 10, 11: mean and median gap in bonus pay, over the relevant employees who were paid bonus pay in
  the 12 months ending with the snapshot date; the amounts are the bonus paid, neither pro-rated for
  part-time work nor divided by hours;
* reg. 12: the proportions of male and of female relevant employees who were paid bonus pay;
* reg. 13: the proportions of men and women in the lower, lower middle, upper middle and upper quartile
  pay bands, with reg. 13(2)'s rule for equal pay at a band boundary (:func:`common.quartile_bands`).

Mapping from an HR export (docs/methodology.md): the hourly rate of pay is gross hourly pay
``(base_pay + variable_pay) / paid_hours`` (reg. 6 includes bonus pay, pro-rated, in the hourly rate);
bonus pay is ``variable_pay``. An export carries annual figures, not the snapshot pay period, and does not
say who was on reduced pay because of leave; everyone with pay counts as a full-pay relevant employee,
and the result says so.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from paritas.analytics.io import Workforce
from paritas.analytics.paygap.common import Gap, Population, Quartile, Shares, binary_pay_frame, compare, quartiles
from paritas.analytics.paygap.eu import variable_share
from paritas.analytics.privacy import SuppressionRule


@dataclass(frozen=True)
class UKResult:
    hourly: Gap
    bonus: Gap | None
    bonus_share: Shares | None
    quartiles: tuple[Quartile, ...]
    population: Population

    def to_dict(self) -> dict[str, object]:
        return {
            "mean_gap": self.hourly.mean_gap,
            "median_gap": self.hourly.median_gap,
            "bonus_mean_gap": None if self.bonus is None else self.bonus.mean_gap,
            "bonus_median_gap": None if self.bonus is None else self.bonus.median_gap,
            "bonus_share": None if self.bonus_share is None else self.bonus_share.to_dict(),
            "quartiles": [q.to_dict() for q in self.quartiles],
            "hourly": self.hourly.to_dict(),
            "bonus": None if self.bonus is None else self.bonus.to_dict(),
            "population": self.population.to_dict(),
            "assumptions": ["everyone_full_pay", "annual_figures"],
        }


def uk(workforce: Workforce, rule: SuppressionRule | None = None,
       prepared: tuple[pl.DataFrame, Population] | None = None,
       bands: tuple[Quartile, ...] | None = None) -> UKResult:
    """The six figures of SI 2017/172 reg. 2(1)(a)–(f). ``prepared`` and ``bands`` (the EU art. 9(1)(f)
    bands, which reg. 13 defines the same way) may be passed where the caller already has them."""
    rule = rule or SuppressionRule()
    frame, population = prepared or binary_pay_frame(workforce, rule)
    has_bonus = workforce.has("variable_pay")
    bonus = compare(frame.filter(pl.col("variable_pay") > 0), "variable_pay", rule) if has_bonus else None
    share = variable_share(frame, rule) if has_bonus else None
    return UKResult(compare(frame, "hourly_pay", rule), bonus, share, bands or quartiles(frame, "hourly_pay", rule),
                    population)
