"""EU Pay Transparency Directive (EU) 2023/970, art. 9(1)(a)–(g) and the art. 10 flag.

The pay level is reported as the directive defines it (art. 3(1)(b)): gross hourly pay,
``(base_pay + allowances + bonus) / paid_hours``, and gross annual pay, ``base_pay + allowances + bonus``
(``eu.annual``, mean and median gap). Complementary or variable components are allowances and bonus
together; a file with only one of them says which (``variable_components``).

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
  remedied within six months). The flag is tested on every category with a woman and a man, also where
  the category's figures are hidden to protect individuals: the published output then says the
  assessment is required and the figures are withheld (``withheld_categories``); the gap itself is kept
  for the roles that may see it (:meth:`EUResult.restricted_dict`).

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
    receiving_share,
    variable_components,
)
from paritas.analytics.privacy import SuppressionRule
from paritas.analytics.structure import natural_key

#: art. 10(1)(a): "at least 5 %".
ASSESSMENT_THRESHOLD = 0.05
_EPSILON = 1e-12  # a gap of exactly 5 % computed in floating point must still count as 5 %


@dataclass(frozen=True, slots=True)
class CategoryGap:
    """art. 9(1)(g) for one category of workers, with the art. 10 flag.

    ``flag`` is the art. 10(1)(a) test on the category's own figures, whatever its size: the duty to assess
    does not depend on group size. Where the figures are hidden (``suppressed``), ``withheld`` says the
    category is flagged although its gap is not published; ``assessment`` keeps that gap for the roles that
    may see it (art. 10(2), art. 12(3)) and never enters :meth:`to_dict`.
    """

    category: str
    women: int | None
    men: int | None
    total: Gap
    basic: Gap
    variable: Gap
    flag: bool | None
    suppressed: bool
    assessment: Gap | None = None

    @property
    def withheld(self) -> bool:
        return bool(self.flag) and self.suppressed

    def to_dict(self) -> dict[str, object]:
        return {
            "category": self.category, "women": self.women, "men": self.men,
            "mean_gap": self.total.mean_gap, "median_gap": self.total.median_gap, "flag": self.flag,
            "suppressed": self.suppressed, "withheld": self.withheld,
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
    annual: Gap | None = None
    #: allowances, bonus, allowances_and_bonus, or None: what (b), (d), (e) and (g) compare
    variable_components: str | None = None

    @property
    def flagged(self) -> tuple[str, ...]:
        """Categories where art. 10 requires a joint pay assessment unless the gap is justified."""
        return tuple(c.category for c in self.categories if c.flag)

    @property
    def withheld(self) -> tuple[str, ...]:
        """Flagged categories whose figures the published report withholds to protect individuals."""
        return tuple(c.category for c in self.categories if c.withheld)

    def to_dict(self) -> dict[str, object]:
        variable = self.variable
        return {
            "mean_gap": self.pay.mean_gap,
            "median_gap": self.pay.median_gap,
            "variable_mean_gap": None if variable is None else variable.mean_gap,
            "variable_median_gap": None if variable is None else variable.median_gap,
            "variable_components": self.variable_components,
            "variable_pay_share": None if self.variable_pay_share is None else self.variable_pay_share.to_dict(),
            "quartiles": [q.to_dict() for q in self.quartiles],
            "categories": [c.to_dict() for c in self.categories],
            "category_column": self.category_column,
            "flagged_categories": list(self.flagged),
            "withheld_categories": list(self.withheld),
            "assessment_threshold": ASSESSMENT_THRESHOLD,
            "pay": self.pay.to_dict(),
            "annual": None if self.annual is None else self.annual.to_dict(),
            "variable": None if variable is None else variable.to_dict(),
            "population": self.population.to_dict(),
        }

    def restricted_dict(self) -> dict[str, object]:
        """The gaps of flagged categories withheld from publication, for the organisation's owners and
        analysts (and workers' representatives, art. 12(3)) only: never part of a published output."""
        return {"assessment": [{"category": c.category, **c.assessment.to_dict()}
                               for c in self.categories if c.withheld and c.assessment is not None]}


def category_column(workforce: Workforce, preferred: str | None = None) -> str | None:
    """The column that defines categories of workers: ``preferred``, else category, else pay_grade."""
    for name in ((preferred,) if preferred else ("category", "pay_grade")):
        if name and workforce.has(name):
            return name
    return None


def variable_share(frame: pl.DataFrame, rule: SuppressionRule) -> Shares:
    """art. 9(1)(e): the share of women and of men who receive complementary or variable components."""
    return receiving_share(frame, "variable_pay", rule)


def categories(frame: pl.DataFrame, column: str, rule: SuppressionRule) -> tuple[CategoryGap, ...]:
    """art. 9(1)(g) per category, hidden groups without any count (rules 1–2), and art. 10's flag on every
    category with at least one woman and one man, hidden or not."""
    frame = frame.with_columns(pl.col(column).cast(pl.Utf8).fill_null(""))
    # one aggregation, unsuppressed (the art. 10 test needs every category's gap), then the rule applied
    raw = compare_by(frame, ("hourly_pay", "basic_hourly", "variable_hourly"), column, SuppressionRule(1))
    total = {name: g["hourly_pay"].under(rule) for name, g in raw.items()}  # type: ignore[index]
    basic = {name: g["basic_hourly"].under(rule) for name, g in raw.items()}  # type: ignore[index]
    variable = {name: g["variable_hourly"].under(rule) for name, g in raw.items()}  # type: ignore[index]
    names = sorted(total, key=lambda name: (name == "", natural_key(name)))
    sizes = [(total[name].women or 0) + (total[name].men or 0) for name in names]
    hidden = rule.hidden_groups(sizes)
    out = []
    for i, name in enumerate(names):
        t, assessed = total[name], raw[name]["hourly_pay"]  # type: ignore[index]
        flag = (None if assessed.mean_gap is None  # type: ignore[union-attr]
                else abs(assessed.mean_gap) >= ASSESSMENT_THRESHOLD - _EPSILON)  # type: ignore[union-attr]
        if i in hidden:
            out.append(CategoryGap(name, None, None, Gap.withheld(), Gap.withheld(), Gap.withheld(), flag, True,
                                   assessed if flag else None))  # type: ignore[arg-type]
        else:
            out.append(CategoryGap(name, t.women, t.men, t, basic[name], variable[name], flag, t.suppressed,
                                   assessed if flag and t.suppressed else None))  # type: ignore[arg-type]
    return tuple(out)


def eu(workforce: Workforce, rule: SuppressionRule | None = None, category: str | None = None,
       prepared: tuple[pl.DataFrame, Population] | None = None) -> EUResult:
    """The art. 9(1) indicators of one workforce (EU 2023/970). ``prepared``: the result of
    :func:`binary_pay_frame` where the caller already has it."""
    rule = rule or SuppressionRule()
    frame, population = prepared or binary_pay_frame(workforce, rule)
    pay = compare(frame, "hourly_pay", rule)
    components = variable_components(workforce)
    has_variable = components is not None
    variable = compare(frame.filter(pl.col("variable_pay") > 0), "variable_hourly", rule) if has_variable else None
    share = variable_share(frame, rule) if has_variable else None
    column = category_column(workforce, category)
    cats = categories(frame, column, rule) if column else ()
    return EUResult(pay, variable, share, quartiles(frame, "hourly_pay", rule), cats, column, population,
                    annual=compare(frame, "annual_pay", rule), variable_components=components)
