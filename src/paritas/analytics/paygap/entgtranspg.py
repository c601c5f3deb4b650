"""Germany: Entgelttransparenzgesetz (EntgTranspG), the comparison pay of the right to information.

* § 10, § 11(1): an employee may ask for the criteria and the comparison pay (Vergleichsentgelt) of a
  comparison activity carried out by employees of the other sex.
* § 11(3) sentence 2: the comparison pay (Vergleichsentgelt) of the comparison group is the statistical
  median of the average monthly gross pay, projected to full-time equivalents, for one calendar year,
  for the total pay and for up to two named pay components (here: ordinary basic pay and complementary
  or variable components: allowances and bonus);
* § 11(4): for employers bound by (or applying) a collective agreement, and for civil servants, the
  comparison group is the employees of the other sex in the same pay grade (Entgelt- oder
  Besoldungsgruppe); otherwise the same or equal-value activity (here: the category of workers).
* § 12(3): the comparison pay is not given when the comparison activity is carried out by fewer than
  six employees of the other sex.

Monthly full-time pay = gross hourly pay × full-time weekly hours × 52 / 12, i.e. the year's pay / 12
scaled by full-time hours / contractual hours.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import polars as pl

from paritas.analytics.io import Workforce
from paritas.analytics.paygap.common import Population, binary_pay_frame, require
from paritas.analytics.privacy import SuppressionRule
from paritas.analytics.schema import MAN, WOMAN
from paritas.analytics.structure import natural_key

#: § 12(3) EntgTranspG: "weniger als sechs Beschäftigten des jeweils anderen Geschlechts".
MINIMUM_COMPARISON_GROUP = 6


@dataclass(frozen=True, slots=True)
class ComparisonPay:
    """The answer to one request: the median monthly full-time pay of the other sex, or why it is refused.

    ``refused`` is ``None`` when the figure is given; ``"fewer_than_six"`` (§ 12(3) EntgTranspG) or
    ``"suppressed"`` (the Paritas suppression rule, where its threshold is above six) otherwise.
    """

    people: int | None
    monthly_pay: float | None
    basic: float | None
    variable: float | None
    refused: str | None

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class ComparisonGroup:
    group: str
    women: int | None
    men: int | None
    for_women: ComparisonPay
    for_men: ComparisonPay

    def to_dict(self) -> dict[str, object]:
        return {"group": self.group, "women": self.women, "men": self.men,
                "comparison_pay_for_women": self.for_women.to_dict(),
                "comparison_pay_for_men": self.for_men.to_dict()}


@dataclass(frozen=True)
class EntgTranspGResult:
    grouping: str
    full_time_hours: float | None
    groups: tuple[ComparisonGroup, ...]

    def to_dict(self) -> dict[str, object]:
        return {"grouping": self.grouping, "full_time_weekly_hours": self.full_time_hours,
                "minimum_comparison_group": MINIMUM_COMPARISON_GROUP,
                "groups": [g.to_dict() for g in self.groups]}


def _full_time(workforce: Workforce) -> tuple[pl.Expr, float | None]:
    if workforce.has("full_time_weekly_hours"):
        return pl.col("full_time_weekly_hours"), None
    assumed = dict(workforce.assumptions).get("full_time_weekly_hours")
    if assumed is not None:
        return pl.lit(float(assumed)), float(assumed)
    mode = workforce.frame["weekly_hours"].drop_nulls().mode().sort() if workforce.has("weekly_hours") else None
    hours = float(mode[-1]) if mode is not None and mode.len() else 39.0
    return pl.lit(hours), hours


def _answer(people: int, row: dict[str, object] | None, rule: SuppressionRule) -> ComparisonPay:
    if people < MINIMUM_COMPARISON_GROUP:
        return ComparisonPay(None, None, None, None, "fewer_than_six")
    if rule.hides_group(people):
        return ComparisonPay(None, None, None, None, "suppressed")
    assert row is not None
    return ComparisonPay(people, row["total"], row["basic"], row["variable"], None)  # type: ignore[arg-type]


def _without_people(answer: ComparisonPay) -> ComparisonPay:
    return ComparisonPay(None, answer.monthly_pay, answer.basic, answer.variable, answer.refused)


def entgtranspg(workforce: Workforce, rule: SuppressionRule | None = None, grouping: str | None = None,
                prepared: tuple[pl.DataFrame, Population] | None = None) -> EntgTranspGResult:
    """The comparison pay of every pay grade (or category) for a request by a woman and by a man."""
    rule = rule or SuppressionRule()
    grouping = grouping or ("pay_grade" if workforce.has("pay_grade") else "category")
    require(workforce, grouping)
    frame, _population = prepared or binary_pay_frame(workforce, rule)
    full_time, assumed = _full_time(workforce)
    month = full_time * 52 / 12
    stats = (frame.with_columns(pl.col(grouping).cast(pl.Utf8).fill_null(""))
             .group_by([grouping, "gender"])
             .agg(pl.len().alias("n"),
                  (pl.col("hourly_pay") * month).median().alias("total"),
                  (pl.col("basic_hourly") * month).median().alias("basic"),
                  (pl.col("variable_hourly") * month).median().alias("variable")))
    by_key = {(str(r[grouping]), r["gender"]): r for r in stats.iter_rows(named=True)}
    names = sorted({k[0] for k in by_key}, key=lambda n: (n == "", natural_key(n)))
    sizes = {name: (int(by_key[(name, WOMAN)]["n"]) if (name, WOMAN) in by_key else 0,
                    int(by_key[(name, MAN)]["n"]) if (name, MAN) in by_key else 0) for name in names}
    hidden = rule.hidden_groups([sum(sizes[name]) for name in names])
    groups = []
    for i, name in enumerate(names):
        women, men = sizes[name]
        # A woman's request is answered with the men's median, a man's with the women's.
        for_women = _answer(men, by_key.get((name, MAN)), rule)
        for_men = _answer(women, by_key.get((name, WOMAN)), rule)
        if i in hidden:  # hidden, if only to protect another group: the answers, never its people
            for_women, for_men = _without_people(for_women), _without_people(for_men)
            women_shown = men_shown = None
        else:
            women_shown, men_shown = women, men
        groups.append(ComparisonGroup(name, women_shown, men_shown, for_women, for_men))
    return EntgTranspGResult(grouping, assumed, tuple(groups))
