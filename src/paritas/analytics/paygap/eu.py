"""EU Pay Transparency Directive (EU) 2023/970, art. 9(1)(a)–(g) and the art. 10 flag.

All figures use gross hourly pay (docs/hr-data.md): ``(base_pay + variable_pay) / paid_hours``.

* (a) gender pay gap: mean gap of gross hourly pay;
* (b) gap in complementary or variable components: mean gap of hourly variable pay among the women and
  men who receive variable components (as the UK regulations and Ireland's 2021 regulations do; who
  receives them at all is figure (e));
* (c) median gender pay gap, (d) median gap in variable components (recipients, as in (b));
* (e) the proportion of women and of men receiving complementary or variable components;
* (f) the proportion of women and of men in each quartile pay band (ranked by gross hourly pay, ties at
  a band boundary spread as in UK SI 2017/172 reg. 13(2), see :func:`common.quartile_bands`);
* (g) the gap by category of workers (art. 3(1)(g) and art. 4: same work or work of equal value),
  broken down by ordinary basic pay and complementary or variable components; here the variable part
  is averaged over every worker of the category, so that the basic and variable pay levels add up to the
  total pay level.
* art. 10(1)(a): a category whose mean gap is 5 % or more in absolute value is flagged (a joint pay
  assessment is due unless the difference is justified by objective, gender-neutral criteria or
  remedied within six months).

Categories come from the ``category`` column; where a file has none, pay grades stand in (a pay grade of
a collective agreement groups work of equal value by the agreement's job evaluation) and the result says
so.
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
    compare_by,
    quartiles,
)
from paritas.analytics.privacy import SuppressionRule
from paritas.analytics.schema import MAN, WOMAN
from paritas.analytics.structure import natural_key

#: art. 10(1)(a): "at least 5 %".
ASSESSMENT_THRESHOLD = 0.05
_EPSILON = 1e-12  # a gap of exactly 5 % computed in floating point must still count as 5 %


@dataclass(frozen=True, slots=True)
class CategoryGap:
    """art. 9(1)(g) for one category of workers, with the art. 10 flag."""

    category: str
    women: int | None
    men: int | None
    total: Gap
    basic: Gap
    variable: Gap
    flag: bool | None
    suppressed: bool

    def to_dict(self) -> dict[str, object]:
        return {
            "category": self.category, "women": self.women, "men": self.men,
            "mean_gap": self.total.mean_gap, "median_gap": self.total.median_gap, "flag": self.flag,
            "suppressed": self.suppressed,
            "basic": {"mean_gap": self.basic.mean_gap, "median_gap": self.basic.median_gap},
            "variable": {"mean_gap": self.variable.mean_gap, "median_gap": self.variable.median_gap},
            "pay": self.total.to_dict(),
        }


@dataclass(frozen=True)
class EUResult:
    pay: Gap
    variable: Gap | None
    variable_pay_share: Shares | None
    quartiles: tuple[Quartile, ...]
    categories: tuple[CategoryGap, ...]
    category_column: str | None
    population: Population

    @property
    def flagged(self) -> tuple[str, ...]:
        """Categories where art. 10 requires a joint pay assessment unless the gap is justified."""
        return tuple(c.category for c in self.categories if c.flag)

    def to_dict(self) -> dict[str, object]:
        variable = self.variable
        return {
            "mean_gap": self.pay.mean_gap,
            "median_gap": self.pay.median_gap,
            "variable_mean_gap": None if variable is None else variable.mean_gap,
            "variable_median_gap": None if variable is None else variable.median_gap,
            "variable_pay_share": None if self.variable_pay_share is None else self.variable_pay_share.to_dict(),
            "quartiles": [q.to_dict() for q in self.quartiles],
            "categories": [c.to_dict() for c in self.categories],
            "category_column": self.category_column,
            "flagged_categories": list(self.flagged),
            "assessment_threshold": ASSESSMENT_THRESHOLD,
            "pay": self.pay.to_dict(),
            "variable": None if variable is None else variable.to_dict(),
            "population": self.population.to_dict(),
        }


def category_column(workforce: Workforce, preferred: str | None = None) -> str | None:
    """The column that defines categories of workers: ``preferred``, else category, else pay_grade."""
    for name in ((preferred,) if preferred else ("category", "pay_grade")):
        if name and workforce.has(name):
            return name
    return None


def variable_share(frame: pl.DataFrame, rule: SuppressionRule) -> Shares:
    """art. 9(1)(e) / UK reg. 12: the share of women and of men who receive variable pay (> 0)."""
    row = frame.select(
        (pl.col("gender") == WOMAN).sum().alias("w"), (pl.col("gender") == MAN).sum().alias("m"),
        ((pl.col("gender") == WOMAN) & (pl.col("variable_pay") > 0)).sum().alias("vw"),
        ((pl.col("gender") == MAN) & (pl.col("variable_pay") > 0)).sum().alias("vm"),
    ).row(0, named=True)
    if not rule.allows_comparison(row["w"], row["m"]):
        return Shares(None, None, True)
    return Shares(row["vw"] / row["w"], row["vm"] / row["m"])


def categories(frame: pl.DataFrame, column: str, rule: SuppressionRule) -> tuple[CategoryGap, ...]:
    frame = frame.with_columns(pl.col(column).cast(pl.Utf8).fill_null(""))
    gaps = compare_by(frame, ("hourly_pay", "basic_hourly", "variable_hourly"), column, rule)
    total = {name: g["hourly_pay"] for name, g in gaps.items()}  # type: ignore[index]
    basic = {name: g["basic_hourly"] for name, g in gaps.items()}  # type: ignore[index]
    variable = {name: g["variable_hourly"] for name, g in gaps.items()}  # type: ignore[index]
    names = sorted(total, key=lambda name: (name == "", natural_key(name)))
    sizes = [total[name].women + total[name].men for name in names]
    hidden = rule.hidden_groups(sizes)
    out = []
    for i, name in enumerate(names):
        t = total[name]
        flag = None if t.mean_gap is None else abs(t.mean_gap) >= ASSESSMENT_THRESHOLD - _EPSILON
        out.append(CategoryGap(name, None if i in hidden else t.women, None if i in hidden else t.men, t,
                               basic[name], variable[name], flag, t.suppressed))
    return tuple(out)


def eu(workforce: Workforce, rule: SuppressionRule | None = None, category: str | None = None,
       prepared: tuple[pl.DataFrame, Population] | None = None) -> EUResult:
    """The art. 9(1) indicators of one workforce (EU 2023/970). ``prepared``: the result of
    :func:`binary_pay_frame` where the caller already has it."""
    rule = rule or SuppressionRule()
    frame, population = prepared or binary_pay_frame(workforce, rule)
    pay = compare(frame, "hourly_pay", rule)
    has_variable = workforce.has("variable_pay")
    variable = compare(frame.filter(pl.col("variable_pay") > 0), "variable_hourly", rule) if has_variable else None
    share = variable_share(frame, rule) if has_variable else None
    column = category_column(workforce, category)
    cats = categories(frame, column, rule) if column else ()
    return EUResult(pay, variable, share, quartiles(frame, "hourly_pay", rule), cats, column, population)
