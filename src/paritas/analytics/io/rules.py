"""The rules on typed values (plausible pay, hours, ages, unique ids, the minimum wage) and the columns
derived from them (age, full-time equivalent, paid hours, variable and hourly pay; docs/hr-data.md)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date

import polars as pl

from paritas.analytics import schema
from paritas.analytics.io.model import ReadOptions
from paritas.analytics.minimum_wage import MinimumWage
from paritas.analytics.problems import Problem, ProblemCollector

MAX_WEEKLY_HOURS = 80.0
WEEKS_PER_YEAR = 52
#: No pay amount of one person reaches this, for any period in any currency of the EU, the UK, Switzerland
#: or Sweden (a year's pay of a Hungarian chief executive is some 10⁹ forints): beyond it, a value is an
#: export mistake (a personnel number in the pay column, 1e308).
MAX_PAY = 10_000_000_000


def _problem_rows(frame: pl.DataFrame, bad: pl.Series, header: str, limit: int = 2_000) -> pl.DataFrame:
    """Row numbers and raw cell text of the first ``limit`` rows a mask marks: text only where needed."""
    return frame.filter(bad).head(limit).select("row", pl.col(header).cast(pl.String).alias("value"))


#: A check of the reader: the canonical column, the mask of the rows it finds, its problem code and params.
Check = tuple[str, pl.Expr, str, tuple[tuple[str, str], ...]]


def _flagged(frame: pl.DataFrame, checks: list[Check]
             ) -> Iterator[tuple[str, str, tuple[tuple[str, str], ...], pl.Series, int]]:
    """The checks that mark rows of ``frame`` — (canonical, code, params, mask, count) — with every mask
    computed in one select; checks that mark no row are left out."""
    if not checks:
        return
    masks = frame.select([mask.fill_null(False).alias(f"__m{i}") for i, (_c, mask, _code, _p) in enumerate(checks)])
    for i, (canonical, _mask, code, params) in enumerate(checks):
        bad = masks[f"__m{i}"]
        n = int(bad.sum() or 0)
        if n:
            yield canonical, code, params, bad, n



def _derive(typed: pl.DataFrame, options: ReadOptions, reference: date, collector: ProblemCollector,
            columns: Mapping[str, str]) -> pl.DataFrame:
    exprs: list[pl.Expr] = []
    names = set(typed.columns)
    # age: from birth_date, birth_year or age itself (reference year − birth year).
    if "age" not in names:
        if "birth_date" in names:
            exprs.append((pl.lit(reference.year) - pl.col("birth_date").dt.year()
                          - ((pl.col("birth_date").dt.month() * 100 + pl.col("birth_date").dt.day())
                             > reference.month * 100 + reference.day).cast(pl.Int32))
                         .cast(pl.Int64, strict=False).alias("age"))
        elif "birth_year" in names:
            exprs.append((pl.lit(reference.year) - pl.col("birth_year")).cast(pl.Int64, strict=False).alias("age"))
    else:
        exprs.append(pl.col("age").cast(pl.Int64, strict=False))
    if "birth_year" not in names and "birth_date" in names:
        exprs.append(pl.col("birth_date").dt.year().cast(pl.Float64).alias("birth_year"))
    if "years_of_service" not in names and "hire_date" in names:
        exprs.append(((pl.lit(reference) - pl.col("hire_date")).dt.total_days() / 365.25).alias("years_of_service"))
    typed = typed.with_columns(exprs) if exprs else typed
    names = set(typed.columns)

    # Employment rate → weekly hours where only the rate is given; rate as % or as fraction.
    if "employment_rate" in names:
        max_rate = typed["employment_rate"].max()
        scale = 1.0 if (max_rate is not None and max_rate <= 1.5) else 100.0  # type: ignore[operator]
        typed = typed.with_columns((pl.col("employment_rate") / scale).alias("employment_rate"))
    full_time = _full_time_hours(typed, options)
    if "weekly_hours" not in names and "employment_rate" in names and full_time is not None:
        ft = pl.col("full_time_weekly_hours") if "full_time_weekly_hours" in names else pl.lit(full_time)
        typed = typed.with_columns((pl.col("employment_rate") * ft).alias("weekly_hours"))
        names.add("weekly_hours")

    derived: list[pl.Expr] = []
    if "leadership_level" in names:
        derived.append((pl.col("leadership_level") >= 1).alias("is_leader"))
    if "employment_rate" in names and "weekly_hours" not in columns:
        derived.append((pl.col("employment_rate") < 1.0).alias("is_part_time"))
        derived.append(pl.col("employment_rate").clip(0.0, 1.0).alias("fte"))
    elif "weekly_hours" in names and full_time is not None:
        ft = pl.col("full_time_weekly_hours") if "full_time_weekly_hours" in names else pl.lit(full_time)
        derived.append((pl.col("weekly_hours") < ft).alias("is_part_time"))
        derived.append(full_time_equivalent(pl.col("weekly_hours"), ft).alias("fte"))
    components = [c for c in schema.VARIABLE_COMPONENTS if c in names]
    if components:  # EU 2023/970 art. 9(1)(b): complementary or variable components = allowances + bonus
        derived.append(pl.sum_horizontal(pl.col(c).fill_null(0.0) for c in components).alias("variable_pay"))
    if "base_pay" in names:
        pay = pl.col("base_pay") + (pl.sum_horizontal(pl.col(c).fill_null(0.0) for c in components)
                                    if components else 0.0)
        if "annual_hours" in names:
            hours = pl.col("annual_hours")
        elif "weekly_hours" in names:
            hours = pl.col("weekly_hours") * WEEKS_PER_YEAR
        else:
            hours = None
        if hours is not None:
            derived.append(pl.when(hours > 0).then(hours).otherwise(None).alias("paid_hours"))
            derived.append(pl.when(hours > 0).then(pay / hours).otherwise(None).alias("hourly_pay"))
    return typed.with_columns(derived) if derived else typed


def full_time_equivalent(weekly_hours: pl.Expr, full_time_hours: pl.Expr) -> pl.Expr:
    """A person's full-time equivalent (Vollzeitäquivalent, heltidsekvivalent): contractual weekly hours over
    full-time weekly hours, at most 1 (a contract above full time is one full-time post), empty where the
    full-time hours are 0 or unknown. With only an employment rate, the FTE is that rate (at most 1)."""
    return pl.when(full_time_hours > 0).then((weekly_hours / full_time_hours).clip(0.0, 1.0)).otherwise(None)


def _full_time_hours(typed: pl.DataFrame, options: ReadOptions) -> float | None:
    """Full-time weekly hours where no column gives them: the option, else the most common weekly hours."""
    if options.full_time_weekly_hours is not None:
        return options.full_time_weekly_hours
    if "full_time_weekly_hours" in typed.columns:
        return float(typed["full_time_weekly_hours"].median() or 0) or None
    if "weekly_hours" in typed.columns and typed["weekly_hours"].drop_nulls().len():
        mode = typed["weekly_hours"].drop_nulls().mode().sort()
        return float(mode[-1])
    return None


def _assumptions(typed: pl.DataFrame, columns: Mapping[str, str], options: ReadOptions) -> list[tuple[str, str]]:
    notes: list[tuple[str, str]] = []
    if "full_time_weekly_hours" not in columns and "is_part_time" in typed.columns and "weekly_hours" in columns:
        hours = _full_time_hours(typed, options)
        notes.append(("full_time_weekly_hours", f"{hours:g}"))
    if "base_pay" in columns and not any(c in columns for c in schema.VARIABLE_COMPONENTS):
        notes.append(("variable_pay", "0"))
    return notes


def _rules(typed: pl.DataFrame, frame: pl.DataFrame, columns: Mapping[str, str], options: ReadOptions,
           reference: date, collector: ProblemCollector, minimum: MinimumWage | None = None) -> None:
    names = set(typed.columns)
    rules: list[Check] = []
    errors: list[Check] = []
    for pay in (*schema.PAY_COLUMNS, "period_ordinary_pay", "period_bonus_pay"):
        if pay in columns:
            errors.append((pay, pl.col(pay) < 0, "negative_pay", ()))
            errors.append((pay, pl.col(pay) >= MAX_PAY, "implausible_pay", ()))
    for hours in ("weekly_hours", "full_time_weekly_hours"):
        if hours in columns:
            errors.append((hours, pl.col(hours) > MAX_WEEKLY_HOURS, "hours_too_high",
                           (("max", f"{MAX_WEEKLY_HOURS:g}"),)))
            errors.append((hours, pl.col(hours) < 0, "negative_hours", ()))
    if "full_time_weekly_hours" in columns:
        errors.append(("full_time_weekly_hours", pl.col("full_time_weekly_hours") == 0, "zero_full_time", ()))
    if "employment_rate" in columns:
        errors.append(("employment_rate", (pl.col("employment_rate") > 1.0) | (pl.col("employment_rate") < 0),
                       "rate_out_of_range", ()))
    if "annual_hours" in columns:
        errors.append(("annual_hours", (pl.col("annual_hours") < 0) | (pl.col("annual_hours") > 80 * 53),
                       "annual_hours_out_of_range", ()))
    if "skill_level" in columns:
        valid_skill = pl.col("skill_level").is_in([float(level) for level in range(1, 9)])
        errors.append(("skill_level", pl.col("skill_level").is_not_null() & ~valid_skill,
                       "skill_level_out_of_range", ()))
    if "leadership_level" in columns:
        errors.append(("leadership_level", pl.col("leadership_level") < 0, "not_a_level", ()))
    if "birth_year" in columns:
        errors.append(("birth_year", pl.col("birth_year").is_not_null() & (
            (pl.col("birth_year") < 1900) | (pl.col("birth_year") > reference.year)), "birth_year_out_of_range",
            (("max", str(reference.year)),)))
    if "age" in names:
        age_col = "age" if "age" in columns else ("birth_year" if "birth_year" in columns else "birth_date")
        if age_col in columns:
            rules.append((age_col, pl.col("age").is_not_null() & ((pl.col("age") < 14) | (pl.col("age") > 75)),
                          "implausible_age", ()))
    if "employee_id" in columns:
        errors.append(("employee_id", pl.col("employee_id").is_null(), "missing_id", ()))
        errors.append(("employee_id", pl.col("employee_id").is_not_null() & ~pl.col("employee_id").is_first_distinct(),
                       "duplicate_id", ()))
    if "hire_date" in columns:
        rules.append(("hire_date", pl.col("hire_date") > pl.lit(reference), "hire_after_reference",
                      (("reference", reference.isoformat()),)))
    if "weekly_hours" in columns:
        rules.append(("weekly_hours", pl.col("weekly_hours") == 0, "zero_hours", ()))
    for days in ("pay_period_days", "bonus_period_days"):
        if days in columns:
            errors.append((days, (pl.col(days) <= 0) | (pl.col(days) > 366), "period_days_out_of_range", ()))
    if "hourly_pay" in names and minimum is not None and minimum.hourly:
        not_trainee = ~pl.col("trainee").fill_null(False) if "trainee" in names else pl.lit(True)
        rules.append(("base_pay", (pl.col("hourly_pay") < minimum.hourly) & not_trainee, "pay_below_minimum",
                      (("minimum", f"{minimum.hourly:.2f}"), ("currency", minimum.currency or ""),
                       ("in_force_on", reference.isoformat()))))

    for severity, items in (("error", errors), ("warning", rules)):
        for canonical, code, params, bad, n in _flagged(typed, items):
            header = columns.get(canonical, canonical)
            rows = _problem_rows(frame, bad, header)
            detail = typed.filter(bad).head(2_000)
            first_rows: dict[object, int] = {}
            if code == "duplicate_id":  # name the row of the first occurrence
                ids = detail["employee_id"].unique()
                firsts = typed.filter(pl.col("employee_id").is_in(ids.implode()) & pl.col("employee_id")
                                      .is_first_distinct()).select("employee_id", "row")
                first_rows = dict(firsts.iter_rows())
            problems = []
            for (row, value), record in zip(rows.iter_rows(), detail.iter_rows(named=True), strict=True):
                p = params
                if code == "duplicate_id":
                    p = (("first_row", str(first_rows[record["employee_id"]])),)
                elif code == "pay_below_minimum":
                    p = (*params, ("hourly", f"{record['hourly_pay']:.2f}"))
                problems.append(Problem(severity, code, row, header, value, p))  # type: ignore[arg-type]
            collector.extend(problems, total=n)
