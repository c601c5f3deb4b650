"""Expected vacancies: how many people reach the statutory retirement age in each of the next years after
the reference date, overall, in leadership and by pay grade, and — where the export has an end date of the
employment (a fixed term, a notice) — how many leave by that date; what an equality plan sets its targets
in heads against (LGG NRW § 6(3): the posts expected to become vacant in the plan's period).

Retirement ages, by country (docs/methodology.md, "Expected retirements"):

* **DE** — the standard retirement age (Regelaltersgrenze), SGB VI § 35 sentence 2 and § 235(2): 65 for
  those born before 1947, then one month more per year of birth up to 66 (born 1958), two months more per
  year up to 66 and 10 months (born 1963), and 67 for those born in 1964 or later;
* **SE** — the target age for pension (riktålder, socialförsäkringsbalken 2 kap. 10 a–10 c §§), 67 for
  2026 (förordning 2019:780) and 2028 (2022:1441);
* **CH** — the reference age of the old-age insurance (AHVG art. 21), 65 for men; for women 64 if born
  before 1961, then three months more per year of birth up to 65 for those born in 1964 or later (AHV 21);
* elsewhere: 67, stated as an assumption.

Where the export has only a year of birth, the birthday is taken as 1 July. People already past the age
at the reference date are counted apart (still working beyond it). Every count passes the suppression rule
(docs/privacy.md): a count between 1 and k − 1 is hidden, and in each table (the years, leadership by
year, the pay grades' sums over the years) as many more as keep a hidden one from being worked out; pay
grades with a hidden count are left out of their table.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import polars as pl

from paritas.analytics.io import Workforce
from paritas.analytics.privacy import SuppressionRule
from paritas.analytics.schema import WOMAN

YEARS_AHEAD = 5
SOURCES = {"DE": "SGB VI § 35, § 235(2)", "SE": "SFB 2 kap. 10 a–10 c §§, SFS 2019:780 (riktålder 67)",
           "CH": "AHVG Art. 21 (AHV 21)"}


def retirement_age_months(country: str | None, birth_year: int, woman: bool = False) -> int:
    """The statutory retirement age in months for a person born in ``birth_year`` (see the module docstring)."""
    if country == "DE":
        if birth_year < 1947:
            return 65 * 12
        if birth_year <= 1958:
            return 65 * 12 + (birth_year - 1946)
        if birth_year <= 1963:
            return 66 * 12 + 2 * (birth_year - 1958)
        return 67 * 12
    if country == "CH":
        if not woman or birth_year >= 1964:
            return 65 * 12
        return 64 * 12 + 3 * max(0, birth_year - 1960)
    return 67 * 12  # SE (riktålder 2026), and the stated assumption elsewhere


@dataclass(frozen=True)
class Count:
    total: int | None
    women: int | None

    def to_dict(self) -> dict[str, int | None]:
        return {"total": self.total, "women": self.women}


@dataclass(frozen=True)
class Retirements:
    """People reaching the retirement age in each year after the reference date."""

    country: str | None
    source: str
    by_year: dict[int, Count]
    leadership_by_year: dict[int, Count]
    by_pay_grade: dict[str, Count]
    beyond: Count
    assumptions: tuple[str, ...] = field(default_factory=tuple)
    #: Employments that end by their date (a fixed term, a notice) in each year, where the export says so;
    #: people who retire first are counted as retirements only.
    leaving_by_year: dict[int, Count] = field(default_factory=dict)

    def to_dict(self) -> dict[str, object]:
        return {"country": self.country, "source": self.source,
                "by_year": {str(y): c.to_dict() for y, c in self.by_year.items()},
                "leadership_by_year": {str(y): c.to_dict() for y, c in self.leadership_by_year.items()},
                "by_pay_grade": {g: c.to_dict() for g, c in self.by_pay_grade.items()},
                "beyond": self.beyond.to_dict(), "assumptions": list(self.assumptions),
                "leaving_by_year": {str(y): c.to_dict() for y, c in self.leaving_by_year.items()}}


def retirement_age_months_expr(country: str | None, birth_year: pl.Expr, woman: pl.Expr) -> pl.Expr:
    """:func:`retirement_age_months` as a polars expression over a column of years of birth."""
    if country == "DE":
        return (pl.when(birth_year < 1947).then(65 * 12)
                .when(birth_year <= 1958).then(65 * 12 + (birth_year - 1946))
                .when(birth_year <= 1963).then(66 * 12 + 2 * (birth_year - 1958))
                .otherwise(67 * 12))
    if country == "CH":
        return (pl.when(~woman.fill_null(False) | (birth_year >= 1964)).then(65 * 12)
                .otherwise(64 * 12 + 3 * pl.max_horizontal(birth_year - 1960, pl.lit(0))))
    return pl.lit(67 * 12)


def retirement_day(birthday: pl.Expr, country: str | None, woman: pl.Expr) -> pl.Expr:
    """The first day of the month after the one in which a person reaches the retirement age (the day
    the pension starts); null without a birthday."""
    year = birthday.dt.year().cast(pl.Int64)
    months = birthday.dt.month().cast(pl.Int64) - 1 + retirement_age_months_expr(country, year, woman)
    return pl.date(year + months // 12, months % 12 + 1, 1)


def _count(rule: SuppressionRule, total: int, women: int) -> Count:
    """A count between 1 and k − 1 is hidden with its women; a shown count shows its women, as the structure
    shows women and men inside a shown group (docs/privacy.md)."""
    if rule.hides_cell(total):
        return Count(None, None)
    return Count(total, women)


def _table(rule: SuppressionRule, counts: list[tuple[int, int]]) -> list[Count]:
    """Counts of one table (the years, or the pay grades) under rules 1 and 2: small counts hidden, and
    with them as many more as keep any hidden one from being worked out from the others."""
    hidden = rule.hidden_groups([total for total, _women in counts])
    return [Count(None, None) if i in hidden else Count(total, women) for i, (total, women) in enumerate(counts)]


def retirements(workforce: Workforce, country: str | None, rule: SuppressionRule | None = None,
                years: int = YEARS_AHEAD) -> Retirements | None:
    """Expected retirements in the ``years`` calendar years after the reference date; None without a
    date or year of birth."""
    rule = rule or SuppressionRule()
    frame = workforce.frame
    assumed: tuple[str, ...] = ()
    if "birth_date" in frame.columns:
        birthday = pl.col("birth_date")
    elif "birth_year" in frame.columns:
        birthday = pl.date(pl.col("birth_year").cast(pl.Int32, strict=False), 7, 1)
        assumed = ("birthday 1 July (only the year of birth is known)",)
    elif "exit_date" in frame.columns:
        birthday = pl.lit(None, pl.Date)
    else:
        return None
    if country not in SOURCES:
        assumed = (*assumed, "retirement age 67 (no statutory age known for the country)")
    reference = workforce.reference_date
    first, last = reference.year + 1, reference.year + years
    woman = pl.col("gender") == WOMAN
    # The people counted by what decides their retirement day (a few thousand groups for a million rows:
    # the day is then computed once per group, not per person), then small group-bys of those groups.
    people = (frame.lazy().select(
        birthday=birthday, woman=woman.fill_null(False),
        leader=pl.col("is_leader").fill_null(False) if "is_leader" in frame.columns else pl.lit(False),
        grade=pl.col("pay_grade") if "pay_grade" in frame.columns else pl.lit(None, pl.String),
        exit=pl.col("exit_date") if "exit_date" in frame.columns else pl.lit(None, pl.Date))
        .group_by("birthday", "woman", "leader", "grade", "exit").agg(people=pl.len().cast(pl.Int64))
        .with_columns(retire=retirement_day(pl.col("birthday"), country, pl.col("woman")),
                      grade=pl.col("grade").cast(pl.String)))
    retiring = people.filter(pl.col("retire").is_not_null())
    within = retiring.filter(pl.col("retire").dt.year().is_between(first, last))
    exits = people.filter(pl.col("exit").dt.year().is_between(first, last)
                          & (pl.col("retire").is_null() | (pl.col("retire") > pl.col("exit"))))
    counts = [pl.col("people").sum().alias("total"), pl.col("people").filter(pl.col("woman")).sum().alias("women")]
    by_retire_year, by_leader_year, by_grade_frame, past_frame, by_exit_year = pl.collect_all([
        within.group_by(pl.col("retire").dt.year().alias("year")).agg(counts),
        within.filter(pl.col("leader")).group_by(pl.col("retire").dt.year().alias("year")).agg(counts),
        within.filter(pl.col("grade").is_not_null()).group_by("grade").agg(counts),
        retiring.filter(pl.col("retire") <= reference).select(counts),
        exits.group_by(pl.col("exit").dt.year().alias("year")).agg(counts)])
    years_ahead = list(range(first, last + 1))

    def per_year(found: pl.DataFrame) -> list[tuple[int, int]]:
        known = {year: (total, women) for year, total, women in found.iter_rows()}
        return [known.get(year, (0, 0)) for year in years_ahead]

    by_year = dict(zip(years_ahead, _table(rule, per_year(by_retire_year)), strict=True))
    lead_by_year = dict(zip(years_ahead, _table(rule, per_year(by_leader_year)), strict=True))
    grade_counts = sorted(by_grade_frame.iter_rows())
    by_grade = {g: c for g, c in zip([g for g, _t, _w in grade_counts],
                                     _table(rule, [(t, w) for _g, t, w in grade_counts]), strict=True)
                if c.total is not None}
    past_total, past_women = past_frame.row(0)
    leaving: dict[int, Count] = {}
    if "exit_date" in frame.columns:
        leaving = dict(zip(years_ahead, _table(rule, per_year(by_exit_year)), strict=True))
    return Retirements(country, SOURCES.get(country or "", "assumed"), by_year, lead_by_year, by_grade,
                       _count(rule, past_total, past_women or 0), assumed, leaving)
