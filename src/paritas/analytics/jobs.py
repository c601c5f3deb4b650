"""Job evaluation for work of equal value, and pay by job (docs/paytransparency.md).

Directive (EU) 2023/970 art. 4(4): work is of equal value by objective, gender-neutral criteria that
include skills, effort, responsibility and working conditions; the Swedish Diskrimineringslag (2008:567)
ch. 3 § 8 names the same ("kunskap och färdigheter, ansvar, ansträngning, arbetsförhållanden").

A **factor plan** gives each of the four factors a weight (the weights add up to 1), each factor sub-factors
with their own weights (adding up to 1 within the factor) and a number of levels. A job scored at level
``l`` of ``L`` on a sub-factor gets

    points = total × factor weight × sub-factor weight × l / L

and its points are the sum over the sub-factors (a job at the top level everywhere gets ``total``, 1,000
by default). Jobs whose points fall in the same **band** (fixed-width bands, or boundaries the
organisation chooses) form one category of work of equal value.

The **weight check** (a check, not a verdict): for each factor, the correlation across the scored jobs,
weighted by their headcount, between the points the factor gives a job and the share of men in it. A
strong positive correlation (0.5 or more) means the factor rewards mainly men's jobs; whether its weight
is justified is for the evaluation group to say.

Pay by job: the numbers of women and men with pay and their mean basic, complementary or variable and
total gross hourly pay (art. 3(1)(a)–(b), as for art. 9), the figures an art. 7 answer and a pay survey
compare.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import polars as pl

from paritas.analytics.io import Workforce
from paritas.analytics.paygap.common import MAN, WOMAN, binary_pay_frame
from paritas.analytics.privacy import SuppressionRule

#: The four factors of art. 4(4), in that order.
FACTORS = ("skills", "effort", "responsibility", "working_conditions")
#: Correlation from which the weight check flags a factor.
FLAG_CORRELATION = 0.5


class PlanError(ValueError):
    """A factor plan or a score that cannot be used, with the reason."""


@dataclass(frozen=True, slots=True)
class SubFactor:
    key: str
    factor: str
    weight: float  # within its factor
    levels: int


@dataclass(frozen=True, slots=True)
class FactorPlan:
    factor_weights: Mapping[str, float]
    subfactors: tuple[SubFactor, ...]
    total: float = 1000.0

    def check(self) -> None:
        """Raise PlanError unless the plan has the four factors with weights adding up to 1, each with
        sub-factors whose weights add up to 1 and at least two levels."""
        if set(self.factor_weights) != set(FACTORS):
            raise PlanError("a factor plan has exactly the four factors of art. 4(4): " + ", ".join(FACTORS))
        if any(w <= 0 for w in self.factor_weights.values()):
            raise PlanError("every factor needs a positive weight")
        if not math.isclose(sum(self.factor_weights.values()), 1.0, abs_tol=1e-6):
            raise PlanError("the factor weights must add up to 100 %")
        keys = [s.key for s in self.subfactors]
        if len(keys) != len(set(keys)):
            raise PlanError("sub-factor keys must be unique")
        for factor in FACTORS:
            subs = [s for s in self.subfactors if s.factor == factor]
            if not subs:
                raise PlanError(f"the factor {factor} needs at least one sub-factor")
            if any(s.weight <= 0 or s.levels < 2 for s in subs):
                raise PlanError(f"the sub-factors of {factor} need a positive weight and at least two levels")
            if not math.isclose(sum(s.weight for s in subs), 1.0, abs_tol=1e-6):
                raise PlanError(f"the sub-factor weights of {factor} must add up to 100 %")
        if self.total <= 0:
            raise PlanError("the total must be positive")

    def subfactor_points(self, sub: SubFactor, level: int) -> float:
        return self.total * self.factor_weights[sub.factor] * sub.weight * level / sub.levels


def _levels(plan: FactorPlan, levels: Mapping[str, int]) -> list[tuple[SubFactor, int]]:
    found = []
    for sub in plan.subfactors:
        level = levels.get(sub.key)
        if level is None:
            raise PlanError(f"no level for {sub.key}")
        if not (isinstance(level, int) and 1 <= level <= sub.levels):
            raise PlanError(f"the level of {sub.key} must be 1 to {sub.levels}")
        found.append((sub, level))
    return found


def points(plan: FactorPlan, levels: Mapping[str, int]) -> float:
    """A job's points: the sum over the sub-factors of total × factor weight × sub-factor weight × l / L."""
    return sum(plan.subfactor_points(sub, level) for sub, level in _levels(plan, levels))


def factor_points(plan: FactorPlan, levels: Mapping[str, int]) -> dict[str, float]:
    """A job's points by factor (they add up to :func:`points`)."""
    out = dict.fromkeys(FACTORS, 0.0)
    for sub, level in _levels(plan, levels):
        out[sub.factor] += plan.subfactor_points(sub, level)
    return out


@dataclass(frozen=True, slots=True)
class Band:
    index: int
    low: float
    high: float | None  # None: open upwards

    @property
    def label(self) -> str:
        return f"{self.low:g}–{self.high:g}" if self.high is not None else f"≥ {self.low:g}"


def bands(scores: Mapping[str, float], width: float | None = None,
          boundaries: Sequence[float] | None = None) -> dict[str, Band]:
    """The band (category of equal value) of each job: fixed ``width`` from 0 ([0, w), [w, 2w), …), or
    the lower ``boundaries`` chosen (ascending; below the first is band 0)."""
    if (width is None) == (boundaries is None):
        raise PlanError("give a band width or boundaries")
    if width is not None:
        if width <= 0:
            raise PlanError("the band width must be positive")
        return {job: Band(int(p // width), (p // width) * width, (p // width + 1) * width) for job, p in scores.items()}
    edges = [0.0, *sorted(float(b) for b in boundaries or ())]
    if len(set(edges)) != len(edges):
        raise PlanError("the band boundaries must be different and above 0")
    out = {}
    for job, p in scores.items():
        index = max(i for i, e in enumerate(edges) if p >= e) if p >= 0 else 0
        out[job] = Band(index, edges[index], edges[index + 1] if index + 1 < len(edges) else None)
    return out


@dataclass(frozen=True, slots=True)
class FactorCheck:
    factor: str
    correlation: float | None  # None: fewer than three jobs, or no variation
    flagged: bool


def _weighted_correlation(x: Sequence[float], y: Sequence[float], w: Sequence[float]) -> float | None:
    total = sum(w)
    if len(x) < 3 or total <= 0:
        return None
    mx = sum(a * b for a, b in zip(x, w, strict=True)) / total
    my = sum(a * b for a, b in zip(y, w, strict=True)) / total
    cov = sum(wi * (a - mx) * (b - my) for a, b, wi in zip(x, y, w, strict=True))
    vx = sum(wi * (a - mx) ** 2 for a, wi in zip(x, w, strict=True))
    vy = sum(wi * (b - my) ** 2 for b, wi in zip(y, w, strict=True))
    if vx <= 0 or vy <= 0:
        return None
    return cov / math.sqrt(vx * vy)


def weight_check(plan: FactorPlan, scores: Mapping[str, Mapping[str, int]],
                 people: Mapping[str, tuple[int, int]]) -> tuple[FactorCheck, ...]:
    """For each factor, the headcount-weighted correlation across jobs between the factor's points and the
    share of men (``people``: job → (women, men)); flagged from FLAG_CORRELATION. Jobs without people are
    left out."""
    jobs = [j for j in scores if sum(people.get(j, (0, 0))) > 0]
    by_job = {j: factor_points(plan, scores[j]) for j in jobs}
    men_share = [people[j][1] / sum(people[j]) for j in jobs]
    weights = [float(sum(people[j])) for j in jobs]
    out = []
    for factor in FACTORS:
        r = _weighted_correlation([by_job[j][factor] for j in jobs], men_share, weights)
        out.append(FactorCheck(factor, r, r is not None and r >= FLAG_CORRELATION))
    return tuple(out)


# -- the default plan ---------------------------------------------------------------------------------------

#: The default factor plan (editable): the four factors with sub-factors that name what women's jobs demand
#: as well as men's (emotional effort, responsibility for people, the psychosocial environment), after the
#: ILO's step-by-step guide to gender-neutral job evaluation (2008) and the Swedish Equality Ombudsman's
#: guidance on work of equal value; five levels each; weights skills 30 %, effort 25 %, responsibility
#: 30 %, working conditions 15 %, the sub-factors of a factor weighted equally.
DEFAULT_SUBFACTORS = (
    ("knowledge", "skills"), ("problem_solving", "skills"), ("communication", "skills"),
    ("physical_effort", "effort"), ("mental_effort", "effort"), ("emotional_effort", "effort"),
    ("people", "responsibility"), ("resources", "responsibility"), ("information", "responsibility"),
    ("physical_environment", "working_conditions"), ("psychosocial_environment", "working_conditions"),
)
DEFAULT_WEIGHTS = {"skills": 0.30, "effort": 0.25, "responsibility": 0.30, "working_conditions": 0.15}


def default_plan(levels: int = 5) -> FactorPlan:
    counts = {f: sum(1 for _k, g in DEFAULT_SUBFACTORS if g == f) for f in FACTORS}
    return FactorPlan(dict(DEFAULT_WEIGHTS),
                      tuple(SubFactor(k, f, 1 / counts[f], levels) for k, f in DEFAULT_SUBFACTORS))


# -- pay by job -------------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class JobPay:
    """Women and men with pay in one job and their mean gross hourly pay: basic, complementary or variable,
    total. Not suppressed: the caller applies art. 12(3) to what it shows."""

    job: str
    women: int
    men: int
    basic: tuple[float | None, float | None]
    variable: tuple[float | None, float | None]
    total: tuple[float | None, float | None]
    #: the 10th and 90th percentile of everyone's basic hourly pay (linear interpolation), where the job has
    #: at least RANGE_MIN_PEOPLE people: the suggestion for the pay range of its postings (art. 5)
    basic_range: tuple[float | None, float | None] = (None, None)


#: the fewest people in a job from whose pay a range is suggested: with fewer, the range would be two people's pay
RANGE_MIN_PEOPLE = 10


def job_pay(workforce: Workforce) -> dict[str, JobPay]:
    """Pay by job title, from the art. 9 pay frame (women and men with positive gross hourly pay)."""
    if "job_title" not in workforce.frame.columns:
        return {}
    frame, _population = binary_pay_frame(workforce, SuppressionRule(1))
    keyed = frame.with_columns(pl.col("job_title").cast(pl.String).fill_null("").alias("_job"))
    grouped = keyed.group_by("_job", "gender").agg(
        pl.len().alias("n"), pl.col("basic_hourly").mean().alias("basic"),
        pl.col("variable_hourly").mean().alias("variable"), pl.col("hourly_pay").mean().alias("total"))
    cells: dict[str, dict[str, dict[str, float]]] = {}
    for row in grouped.iter_rows(named=True):
        cells.setdefault(row["_job"], {})[row["gender"]] = row
    ranges = {row["_job"]: (row["p10"], row["p90"]) for row in keyed.group_by("_job").agg(
        pl.len().alias("n"), pl.col("basic_hourly").quantile(0.1, "linear").alias("p10"),
        pl.col("basic_hourly").quantile(0.9, "linear").alias("p90")).iter_rows(named=True)
        if row["n"] >= RANGE_MIN_PEOPLE}
    out = {}
    for job, by in sorted(cells.items()):
        w, m = by.get(WOMAN, {}), by.get(MAN, {})
        out[job] = JobPay(job, int(w.get("n", 0)), int(m.get("n", 0)),
                          (w.get("basic"), m.get("basic")), (w.get("variable"), m.get("variable")),
                          (w.get("total"), m.get("total")), ranges.get(job, (None, None)))
    return out


@dataclass(frozen=True, slots=True)
class GroupPay:
    """The pooled figures of several jobs (a category): counts and head-weighted means by sex."""

    women: int
    men: int
    basic: tuple[float | None, float | None]
    variable: tuple[float | None, float | None]
    total: tuple[float | None, float | None]


def pooled(jobs: Sequence[JobPay]) -> GroupPay:
    """The jobs' figures together: each mean weighted by the number of people behind it."""
    def mean(pick: str, i: int) -> float | None:
        pairs = [(getattr(j, pick)[i], j.women if i == 0 else j.men) for j in jobs]
        pairs = [(v, n) for v, n in pairs if v is not None and n]
        n = sum(n for _v, n in pairs)
        return sum(v * n for v, n in pairs) / n if n else None

    return GroupPay(sum(j.women for j in jobs), sum(j.men for j in jobs),
                    (mean("basic", 0), mean("basic", 1)), (mean("variable", 0), mean("variable", 1)),
                    (mean("total", 0), mean("total", 1)))


# -- the answer to a worker's request for information (art. 7) ----------------------------------------------

@dataclass(frozen=True, slots=True)
class Comparison:
    """Average pay levels by sex of a group (the same work, or work of equal value), or why they are
    withheld from the worker: fewer than k women or k men (art. 12(3): they then go only to workers'
    representatives, the labour inspectorate or the equality body)."""

    women: int
    men: int
    basic: tuple[float | None, float | None]
    variable: tuple[float | None, float | None]
    total: tuple[float | None, float | None]
    withheld: bool


@dataclass(frozen=True, slots=True)
class Answer:
    same_work: Comparison
    equal_value: Comparison | None  # None where the job is not (yet) in a category of equal value


def _comparison(group: GroupPay, rule: SuppressionRule) -> Comparison:
    if rule.allows_comparison(group.women, group.men):
        return Comparison(group.women, group.men, group.basic, group.variable, group.total, False)
    return Comparison(group.women, group.men, (None, None), (None, None), (None, None), True)


def answer(same_work: Sequence[JobPay], equal_value: Sequence[JobPay] | None, rule: SuppressionRule) -> Answer:
    """Art. 7(1): the average pay levels, broken down by sex, of the workers doing the same work (the
    jobs of ``same_work`` pooled) and work of equal value (the jobs of its category pooled), basic and
    complementary or variable components, each withheld under rule 4 of docs/privacy.md."""
    return Answer(_comparison(pooled(same_work), rule),
                  None if equal_value is None else _comparison(pooled(equal_value), rule))
