"""Workforce structure (Strukturdaten / personalstruktur): headcounts and women's shares.

Definitions (as equality plans under state equality laws such as LGG NRW § 5a and award questionnaires
such as TOTAL E-QUALITY's structural-data section use them):

* headcount: people (rows), not full-time equivalents; gender as in hr-data.md (women, men, other, not
  stated), every count includes all four;
* women's share: women / all employees of the group (the denominator includes "other" and "not stated");
* full-time equivalents (FTE), where the export has weekly and full-time hours or an employment rate: the
  sum of each person's weekly hours over full-time hours, at most 1 each
  (:func:`paritas.analytics.io.full_time_equivalent`); the women's FTE share is women's FTE / all FTE of
  the group — the measure equality plans under LGG NRW § 6 and BGleiG § 13 count beside heads;
* leadership: ``leadership_level >= 1``; part-time: ``weekly_hours < full_time_weekly_hours``;
* representation ratio: women's share in leadership ÷ women's share overall (1 = parity with the
  workforce; below 1 women are under-represented in leadership).

Every figure passes :mod:`paritas.analytics.privacy`.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from datetime import date

import polars as pl

from paritas.analytics.io import SourceInfo, Workforce
from paritas.analytics.privacy import SuppressionRule
from paritas.analytics.schema import MAN, NOT_STATED, OTHER, WOMAN

AGE_BANDS: tuple[tuple[str, int, int], ...] = (
    ("<25", 0, 24), ("25-34", 25, 34), ("35-44", 35, 44), ("45-54", 45, 54), ("55-64", 55, 64), ("65+", 65, 200),
)


@dataclass(frozen=True, slots=True)
class GenderCount:
    """People of one group by gender. A hidden figure is ``None``; ``suppressed`` says the whole group is."""

    total: int | None
    women: int | None
    men: int | None
    other: int | None
    not_stated: int | None
    women_share: float | None
    suppressed: bool = False
    fte: float | None = None
    women_fte: float | None = None
    women_fte_share: float | None = None

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class BreakdownRow:
    group: str
    counts: GenderCount

    def to_dict(self) -> dict[str, object]:
        return {"group": self.group, **self.counts.to_dict()}


@dataclass(frozen=True, slots=True)
class Breakdown:
    """Headcount by gender for each value of one column (pay grade, department, …)."""

    dimension: str
    rows: tuple[BreakdownRow, ...]
    hidden_groups: int

    def to_dict(self) -> dict[str, object]:
        return {"dimension": self.dimension, "hidden_groups": self.hidden_groups,
                "rows": [r.to_dict() for r in self.rows]}


@dataclass(frozen=True, slots=True)
class Skipped:
    """A statistic that could not be computed, and why (the columns it needs)."""

    statistic: str
    needs: tuple[str, ...]

    def to_dict(self) -> dict[str, object]:
        return {"statistic": self.statistic, "needs": list(self.needs)}


@dataclass(frozen=True)
class Structure:
    """The workforce structure of one HR export. Shares are fractions (0.58 = 58 %)."""

    reference_date: date
    employees: GenderCount
    leadership: GenderCount | None
    part_time: GenderCount | None
    leadership_part_time: GenderCount | None
    trainees: GenderCount | None
    events: dict[str, GenderCount]
    part_time_rate: dict[str, float | None]
    representation_ratio: float | None
    breakdowns: tuple[Breakdown, ...]
    skipped: tuple[Skipped, ...]
    rule: SuppressionRule
    source: SourceInfo
    assumptions: tuple[tuple[str, str], ...] = ()
    warnings: int = 0
    definitions: dict[str, str] = field(default_factory=dict)

    @property
    def women_share(self) -> float | None:
        return self.employees.women_share

    def breakdown(self, dimension: str) -> Breakdown | None:
        return next((b for b in self.breakdowns if b.dimension == dimension), None)

    def to_dict(self) -> dict[str, object]:
        """The stable JSON form documented in docs/json-schema.md (schema ``paritas.structure/1``)."""

        def short(c: GenderCount | None) -> dict[str, object] | None:
            return None if c is None else c.to_dict()

        return {
            "schema": "paritas.structure/1",
            "reference_date": self.reference_date.isoformat(),
            "source": self.source.to_dict(),
            "suppression": self.rule.to_dict(),
            "employees": {k: v for k, v in self.employees.to_dict().items() if k not in ("women_share",)},
            "women_share": self.employees.women_share,
            "leadership": short(self.leadership),
            "representation_ratio": self.representation_ratio,
            "part_time": short(self.part_time),
            "part_time_rate": self.part_time_rate,
            "leadership_part_time": short(self.leadership_part_time),
            "trainees": short(self.trainees),
            "events": {k: v.to_dict() for k, v in self.events.items()},
            "breakdowns": {b.dimension: b.to_dict() for b in self.breakdowns},
            "skipped": [s.to_dict() for s in self.skipped],
            "assumptions": dict(self.assumptions),
            "warnings": self.warnings,
            "definitions": self.definitions,
        }

    def _repr_html_(self) -> str:
        from html import escape

        def pct(x: float | None) -> str:
            return "–" if x is None else f"{x:.1%}"

        lead = self.leadership
        rows = [("Employees", self.employees.total, pct(self.employees.women_share))]
        if lead is not None:
            rows.append(("Leadership", lead.total, pct(lead.women_share)))
        body = "".join(f"<tr><th scope='row'>{escape(a)}</th><td>{b if b is not None else '–'}</td><td>{c}</td></tr>"
                       for a, b, c in rows)
        return ("<table><caption>Workforce structure</caption><thead><tr><th scope='col'></th>"
                f"<th scope='col'>people</th><th scope='col'>women's share</th></tr></thead><tbody>{body}"
                "</tbody></table>")


DEFINITIONS = {
    "headcount": "people (rows of the export), not full-time equivalents",
    "fte": "sum of weekly hours / full-time weekly hours, at most 1 per person (or the employment rate)",
    "women_fte_share": "women's FTE / all FTE of the group",
    "women_share": "women / all employees of the group, including 'other' and 'not stated'",
    "leadership": "leadership_level >= 1",
    "part_time": "weekly_hours < full_time_weekly_hours",
    "representation_ratio": "women's share in leadership / women's share overall",
    "age": "reference year - birth year (or exact age from birth date)",
}


def _count_expr(with_fte: bool = False) -> list[pl.Expr]:
    g = pl.col("gender")
    counts = [pl.len().alias("total"), (g == WOMAN).sum().alias("women"), (g == MAN).sum().alias("men"),
              (g == OTHER).sum().alias("other"), (g == NOT_STATED).sum().alias("not_stated")]
    if with_fte:
        counts += [pl.col("fte").sum().alias("fte"), pl.col("fte").filter(g == WOMAN).sum().alias("women_fte")]
    return counts


def _gender_count(total: int, women: int, men: int, other: int, not_stated: int, fte: float | None = None,
                  women_fte: float | None = None, *, rule: SuppressionRule, hidden: bool | None = None) -> GenderCount:
    hide = rule.hides_group(total) if hidden is None else hidden
    if hide:
        return GenderCount(None, None, None, None, None, None, True)
    rare_hidden = rule.hides_cell(other) or rule.hides_cell(not_stated)
    # Sums rounded to 1e-6 FTE (a few seconds a week): the same figures whatever the order of the rows.
    fte = None if fte is None else round(fte, 6)
    women_fte = None if women_fte is None else round(women_fte, 6)
    fte_share = round(women_fte / fte, 9) if fte and women_fte is not None else None
    return GenderCount(total, women, men, None if rare_hidden else other, None if rare_hidden else not_stated,
                       women / total if total else None, False, fte, women_fte, fte_share)


def _count(counted: pl.DataFrame, rule: SuppressionRule) -> GenderCount:
    """The gender count of a group from its one-row frame of :func:`_count_expr`."""
    return _gender_count(*counted.row(0), rule=rule)


#: German career groups (Laufbahngruppen of the civil service, BBesG/LBesG) by rank, lowest first, by
#: their first word: einfacher, mittlerer, gehobener, höherer Dienst.
CAREER_GROUP_RANK = {"einfacher": 1, "mittlerer": 2, "gehobener": 3, "höherer": 4, "hoeherer": 4}


def natural_key(text: str) -> tuple[object, ...]:
    """'EG 2' before 'EG 10', 'A 9' before 'A 13': pay grades sort as people read them; career groups by
    rank ('Einfacher Dienst' … 'Höherer Dienst'), not alphabetically."""
    first = text.split(" ", 1)[0].lower()
    if first in CAREER_GROUP_RANK:
        return ("", CAREER_GROUP_RANK[first], text.lower())
    return tuple(int(p) if p.isdigit() else p.lower() for p in re.split(r"(\d+)", text))


def _breakdown(grouped: pl.DataFrame, dimension: str, rule: SuppressionRule,
               order: list[str] | None = None) -> Breakdown:
    """A breakdown from its grouped frame (a ``group`` column and the columns of :func:`_count_expr`)."""
    rows = [(str(g) if g is not None else "", *rest) for g, *rest in grouped.iter_rows()]
    if order is not None:
        rank = {g: i for i, g in enumerate(order)}
        rows.sort(key=lambda r: (r[0] == "", rank.get(r[0], len(rank)), natural_key(r[0])))
    else:
        rows.sort(key=lambda r: (r[0] == "", natural_key(r[0])))
    hidden = rule.hidden_groups([r[1] for r in rows])
    result = tuple(BreakdownRow(r[0], _gender_count(*r[1:], rule=rule, hidden=i in hidden))
                   for i, r in enumerate(rows))
    return Breakdown(dimension, result, len(hidden))


def structure(workforce: Workforce, rule: SuppressionRule | None = None) -> Structure:
    """Compute the workforce structure of a validated export (see the module docstring for definitions).

    Every count and every breakdown is one query of a single lazy plan, collected once: polars shares the
    scan and runs the group-bys side by side.
    """
    rule = rule or SuppressionRule()
    frame = workforce.frame
    lazy = frame.lazy()
    counted = _count_expr("fte" in frame.columns)
    skipped: list[Skipped] = []
    has_leader = "is_leader" in frame.columns
    has_part_time = "is_part_time" in frame.columns
    part_time = pl.col("is_part_time").fill_null(False)

    # The groups counted by gender: name → filter (None: everyone), or the prerequisite columns it lacks.
    groups: dict[str, pl.Expr | None] = {"employees": None}
    for name, condition, needs in (
            ("leadership", pl.col("is_leader") if has_leader else None, ("leadership_level",)),
            ("part_time", part_time if has_part_time else None, ("weekly_hours", "full_time_weekly_hours")),
            ("leadership_part_time", pl.col("is_leader") & part_time if has_leader and has_part_time else None,
             ("leadership_level", "weekly_hours")),
            ("trainees", pl.col("trainee").fill_null(False) if "trainee" in frame.columns else None, ("trainee",)),
            *((event, pl.col(event).fill_null(False) if event in frame.columns else None, (event,))
              for event in ("hired", "promoted", "left"))):
        if condition is None:
            skipped.append(Skipped(name, needs))
        else:
            groups[name] = condition

    # The breakdowns: dimension → (key, order of its groups or None for the natural order).
    dimensions: dict[str, tuple[pl.Expr, list[str] | None]] = {}
    for dimension in ("pay_grade", "career_group", "leadership_level", "department", "category", "contract"):
        if dimension in frame.columns:
            dimensions[dimension] = (pl.col(dimension).cast(pl.String), None)
        else:
            skipped.append(Skipped(f"by_{dimension}", (dimension,)))
    if "age" in frame.columns:
        band = pl.lit(None, pl.String)
        for label, low, high in reversed(AGE_BANDS):
            band = pl.when(pl.col("age").is_between(low, high)).then(pl.lit(label)).otherwise(band)
        dimensions["age_band"] = (band, [b[0] for b in AGE_BANDS])
    else:
        skipped.append(Skipped("by_age_band", ("birth_year",)))
    if has_part_time:
        working_time = pl.when(pl.col("is_part_time")).then(pl.lit("part_time")).otherwise(pl.lit("full_time"))
        dimensions["working_time"] = (working_time, ["full_time", "part_time"])

    plans = [lazy.select(counted) if condition is None else lazy.filter(condition).select(counted)
             for condition in groups.values()]
    plans += [lazy.group_by(key.alias("group")).agg(counted) for key, _order in dimensions.values()]
    if has_part_time:
        plans.append(_part_time_plan(lazy))
    results = iter(pl.collect_all(plans))
    counts = {name: _count(next(results), rule) for name in groups}
    breakdowns = tuple(_breakdown(next(results), dimension, rule, order)
                       for dimension, (_key, order) in dimensions.items())
    part_time_rate = _part_time_rate(next(results), rule) if has_part_time else {}

    employees, leadership = counts["employees"], counts.get("leadership")
    ratio = None
    if leadership is not None and leadership.women_share is not None and employees.women_share:
        ratio = leadership.women_share / employees.women_share

    return Structure(
        reference_date=workforce.reference_date, employees=employees, leadership=leadership,
        part_time=counts.get("part_time"), leadership_part_time=counts.get("leadership_part_time"),
        trainees=counts.get("trainees"),
        events={event: counts[event] for event in ("hired", "promoted", "left") if event in counts},
        part_time_rate=part_time_rate, representation_ratio=ratio, breakdowns=breakdowns,
        skipped=tuple(skipped), rule=rule, source=workforce.source, assumptions=workforce.assumptions,
        warnings=len(workforce.warnings), definitions=dict(DEFINITIONS),
    )


def _part_time_plan(lazy: pl.LazyFrame) -> pl.LazyFrame:
    """People and part-time people by gender."""
    return lazy.group_by("gender").agg(pl.len().alias("n"), pl.col("is_part_time").fill_null(False).sum().alias("pt"))


def _part_time_rate(stats: pl.DataFrame, rule: SuppressionRule) -> dict[str, float | None]:
    """Share of each gender working part-time (women part-time / women), rule 1 on each gender group; from
    the frame of :func:`_part_time_plan`."""
    result: dict[str, float | None] = {}
    by_gender = {g: (n, pt) for g, n, pt in stats.iter_rows()}
    for key, code in (("women", WOMAN), ("men", MAN)):
        n, pt = by_gender.get(code, (0, 0))
        result[key] = None if n == 0 or rule.hides_group(n) else pt / n
    return result
