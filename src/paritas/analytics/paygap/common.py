"""What every pay-gap standard shares: who is compared, the gap formula, quartile pay bands.

Conventions (docs/methodology.md):

* A gap is ``(men − women) / men`` as a fraction: positive when women are paid less. This is the
  definition of "pay gap" and "median pay gap" in EU 2023/970 art. 3(1)(c), (d) and of the UK
  regulations (SI 2017/172 regs 8–11), expressed as a fraction instead of a percentage.
* Binary comparisons include women and men only. People of other or unstated gender are counted and
  reported (suppressed when few), never silently dropped.
* Only people with positive paid hours and pay are compared; the others are counted as "without pay".
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import polars as pl

from paritas.analytics.io import Workforce
from paritas.analytics.privacy import SuppressionRule
from paritas.analytics.problems import HRDataError, Problem, ProblemReport
from paritas.analytics.schema import MAN, NOT_STATED, OTHER, PERIOD_PAY_COLUMNS, VARIABLE_COMPONENTS, WOMAN

PERIOD_COLUMNS = (*PERIOD_PAY_COLUMNS, "weekly_hours", "full_pay")

__all__ = [
    "Gap",
    "Population",
    "Quartile",
    "Shares",
    "binary_pay_frame",
    "compare",
    "compare_by",
    "gap",
    "quartile_bands",
    "quartile_counts",
    "quartiles",
    "receiving_share",
    "require",
    "variable_components",
]


def require(workforce: Workforce, *columns: str, code: str = "paygap_needs_columns") -> None:
    """Refuse a workforce that lacks columns a standard cannot do without (an input error, exit code 2)."""
    missing = [c for c in columns if not workforce.has(c)]
    if missing:
        problem = Problem("error", code, params=(("columns", ", ".join(missing)),))
        raise HRDataError(ProblemReport((problem,), ((("error", code, None), 1),)))


def gap(men: float | None, women: float | None) -> float | None:
    """EU 2023/970 art. 3(1)(c): (men's pay level − women's pay level) / men's pay level."""
    if men is None or women is None or men == 0:
        return None
    return (men - women) / men


@dataclass(frozen=True, slots=True)
class Gap:
    """Mean and median of one pay measure for women and men, and the two gaps.

    Pay levels and gaps are ``None`` when suppressed: a comparison needs at least k women and k men
    (docs/privacy.md, rule 4).
    """

    women: int | None
    men: int | None
    mean_women: float | None
    mean_men: float | None
    median_women: float | None
    median_men: float | None
    mean_gap: float | None
    median_gap: float | None
    suppressed: bool

    def to_dict(self) -> dict[str, object]:
        return asdict(self)

    def under(self, rule: SuppressionRule) -> Gap:
        """This gap as it may be published: the figures hidden unless k women and k men are compared."""
        if rule.allows_comparison(self.women or 0, self.men or 0):
            return self
        return Gap(self.women, self.men, None, None, None, None, None, None, True)

    @classmethod
    def withheld(cls) -> Gap:
        """A gap of a hidden group: not even its counts are shown (docs/privacy.md, rules 1 and 2)."""
        return cls(None, None, None, None, None, None, None, None, True)

    @classmethod
    def of(cls, rule: SuppressionRule, women: int, men: int, mean_women: float | None, mean_men: float | None,
           median_women: float | None, median_men: float | None) -> Gap:
        if not rule.allows_comparison(women, men):
            return cls(women, men, None, None, None, None, None, None, True)
        return cls(women, men, mean_women, mean_men, median_women, median_men, gap(mean_men, mean_women),
                   gap(median_men, median_women), False)


def compare(frame: pl.DataFrame, value: str, rule: SuppressionRule) -> Gap:
    """The gap in ``value`` between women and men of ``frame`` (rows with a null value are left out)."""
    frame = frame.filter(pl.col(value).is_not_null())
    woman = pl.col("gender") == WOMAN
    row = frame.select(
        pl.col(value).filter(woman).len().alias("women"), pl.col(value).filter(~woman).len().alias("men"),
        pl.col(value).filter(woman).mean().alias("mean_w"), pl.col(value).filter(~woman).mean().alias("mean_m"),
        pl.col(value).filter(woman).median().alias("median_w"),
        pl.col(value).filter(~woman).median().alias("median_m")).row(0, named=True)

    def number(x: object) -> float | None:
        return None if x is None else float(x)  # type: ignore[arg-type]

    return Gap.of(rule, int(row["women"]), int(row["men"]), number(row["mean_w"]), number(row["mean_m"]),
                  number(row["median_w"]), number(row["median_m"]))


def compare_by(frame: pl.DataFrame, values: str | tuple[str, ...], by: str, rule: SuppressionRule
               ) -> dict[str, Gap] | dict[str, dict[str, Gap]]:
    """The gap in ``values`` per group of ``by``: ``{group: Gap}`` for one value column, else
    ``{group: {value: Gap}}`` (one pass over the rows for all of them)."""
    names = (values,) if isinstance(values, str) else values
    agg = frame.group_by([by, "gender"]).agg(
        *(e for v in names for e in (pl.col(v).count().alias(f"n:{v}"), pl.col(v).mean().alias(f"mean:{v}"),
                                      pl.col(v).median().alias(f"median:{v}"))))
    table: dict[str, dict[str, dict[str, object]]] = {}
    for row in agg.iter_rows(named=True):
        table.setdefault(str(row[by]), {})[row["gender"]] = row
    out: dict[str, dict[str, Gap]] = {}
    for group, rows in table.items():
        w, m = rows.get(WOMAN, {}), rows.get(MAN, {})
        out[group] = {v: Gap.of(rule, int(w.get(f"n:{v}") or 0), int(m.get(f"n:{v}") or 0),  # type: ignore[arg-type]
                                w.get(f"mean:{v}"), m.get(f"mean:{v}"), w.get(f"median:{v}"),  # type: ignore[arg-type]
                                m.get(f"median:{v}")) for v in names}  # type: ignore[arg-type]
    if isinstance(values, str):
        return {group: gaps[values] for group, gaps in out.items()}
    return out


@dataclass(frozen=True, slots=True)
class Population:
    """Who a standard compared: women and men with pay; who it left out, and why. All ``None`` when fewer
    than k people are compared (docs/privacy.md, rule 1)."""

    women: int | None
    men: int | None
    other: int | None
    not_stated: int | None
    without_pay: int | None

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Shares:
    """A proportion of women and of men (e.g. receiving variable pay), each of its own gender."""

    women: float | None
    men: float | None
    suppressed: bool = False

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


def binary_pay_frame(workforce: Workforce, rule: SuppressionRule) -> tuple[pl.DataFrame, Population]:
    """Women and men with positive gross hourly pay, with the pay measures every standard uses.

    Columns: ``gender``, ``hourly_pay``, ``basic_hourly`` (base_pay / paid_hours), ``variable_hourly``
    (complementary or variable components per hour: (allowances + bonus) / paid_hours), ``allowances``,
    ``bonus`` and ``variable_pay`` (annual amounts, 0 where not given), ``annual_pay`` (gross annual pay:
    base_pay + allowances + bonus, EU 2023/970 art. 3(1)(b)) and the grouping columns the standards use
    (``category``, ``pay_grade``, ``full_time_weekly_hours``) and ``job_title`` (pay by job) where present.
    """
    require(workforce, "hourly_pay")
    keep = [c for c in ("gender", "hourly_pay", "base_pay", "paid_hours", "allowances", "bonus", "category",
                        "pay_grade", "full_time_weekly_hours", "job_title", *PERIOD_COLUMNS)
            if c in workforce.frame.columns]
    frame = workforce.frame.select(keep)  # filter a few columns, not the whole export
    components = {c: (pl.col(c).fill_null(0.0) if c in frame.columns else pl.lit(0.0))
                  for c in VARIABLE_COMPONENTS}
    variable = components["allowances"] + components["bonus"]
    paid = pl.col("hourly_pay").is_not_null() & (pl.col("hourly_pay") > 0)
    counts = frame.select(
        (paid & (pl.col("gender") == WOMAN)).sum().alias("w"),
        (paid & (pl.col("gender") == MAN)).sum().alias("m"),
        (pl.col("gender") == OTHER).sum().alias("d"),
        (pl.col("gender") == NOT_STATED).sum().alias("u"),
        (~paid.fill_null(False) & pl.col("gender").is_in([WOMAN, MAN])).sum().alias("none"),
    ).row(0, named=True)
    other, not_stated = int(counts["d"]), int(counts["u"])
    if rule.hides_cell(other) or rule.hides_cell(not_stated):
        shown_other: int | None = None
        shown_not_stated: int | None = None
    else:
        shown_other, shown_not_stated = other, not_stated
    women, men = int(counts["w"]), int(counts["m"])
    if rule.hides_group(women + men):  # rule 1 for the whole table: its groups would follow from its total
        population = Population(None, None, None, None, None)
    else:
        population = Population(women, men, shown_other, shown_not_stated, int(counts["none"]))
    binary = frame.filter(paid & pl.col("gender").is_in([WOMAN, MAN])).with_columns(
        (pl.col("base_pay") / pl.col("paid_hours")).alias("basic_hourly"),
        (variable / pl.col("paid_hours")).alias("variable_hourly"),
        components["allowances"].alias("allowances"),
        components["bonus"].alias("bonus"),
        variable.alias("variable_pay"),
        (pl.col("base_pay") + variable).alias("annual_pay"),
    )
    return binary, population


def receiving_share(frame: pl.DataFrame, amount: str, rule: SuppressionRule) -> Shares:
    """The proportion of the women and of the men of ``frame`` whose ``amount`` is above 0: EU 2023/970
    art. 9(1)(e) (complementary or variable components), UK SI 2017/172 reg. 12 (bonus pay)."""
    row = frame.select(
        (pl.col("gender") == WOMAN).sum().alias("w"), (pl.col("gender") == MAN).sum().alias("m"),
        ((pl.col("gender") == WOMAN) & (pl.col(amount) > 0)).sum().alias("rw"),
        ((pl.col("gender") == MAN) & (pl.col(amount) > 0)).sum().alias("rm"),
    ).row(0, named=True)
    if not rule.allows_comparison(row["w"], row["m"]):
        return Shares(None, None, True)
    return Shares(row["rw"] / row["w"], row["rm"] / row["m"])


def variable_components(workforce: Workforce) -> str | None:
    """Which complementary or variable components the file carries: ``allowances``, ``bonus``,
    ``allowances_and_bonus``, or None (neither)."""
    has = [c for c in VARIABLE_COMPONENTS if workforce.has(c)]
    return "_and_".join(has) if has else None


# ----------------------------------------------------------------------------------------------------
# Quartile pay bands


def quartile_bands(pay: pl.Series, woman: pl.Series) -> pl.Series:
    """The quartile pay band (1 = lowest … 4 = highest) of each person, in input order.

    UK SI 2017/172 reg. 13(1) steps 1–2: rank by hourly pay from lowest to highest and divide into four
    sections of (so far as possible) equal size: the person ranked i (0-based) of n is in band
    ⌊4i/n⌋ + 1, so band sizes differ by at most one. Reg. 13(2): where people with the same hourly pay
    fall into more than one band, they are ordered so that women and men with that pay are spread in the
    same proportion over those bands: the j-th of the c women (or men) of a tie sits at the point
    (j + ½)/c of the tie, a proportional interleave (two stable sorts; no library does this). In polars
    alone, so that the EU figures need no numpy (a quarter of their start-up, benchmarks/start_bench.py).
    """
    n = pay.len()
    if n == 0:
        return pl.Series("band", [], dtype=pl.Int8)
    people = pl.DataFrame({"p": pay, "w": woman.cast(pl.Boolean)}).with_row_index("i")
    # By pay, then gender (men first), stable: input order decides within a tie of one gender …
    ordered = people.sort(["p", "w"], maintain_order=True).with_columns(
        ((pl.int_range(pl.len()).over(["p", "w"]) + 0.5) / pl.len().over(["p", "w"])).alias("key"))
    # … then each tie interleaved by the point of each person in their gender's row (women first at a
    # shared point), and the bands cut from the rank.
    ranked = ordered.sort(["p", "key", "w"], descending=[False, False, True], maintain_order=True).with_columns(
        (pl.int_range(pl.len(), dtype=pl.Int64) * 4 // n + 1).cast(pl.Int8).alias("band"))
    return ranked.sort("i")["band"]


def quartile_counts(pay: pl.Series, woman: pl.Series) -> dict[int, tuple[int, int]]:
    """People and women in each quartile pay band ({band: (people, women)}), as :func:`quartile_bands`
    would count them, without ranking every person.

    The bands' sizes follow from n alone (band b holds the ranks i with ⌊4i/n⌋ + 1 = b). A tie of equal
    pay that lies within one band puts all its women there; only a tie across a band boundary (at most
    three) is ordered person by person with reg. 13(2)'s interleave. One group-by instead of three sorts.
    """
    n = pay.len()
    if n == 0:
        return {}
    ties = (pl.DataFrame({"p": pay, "w": woman.cast(pl.Boolean)}).group_by("p")
            .agg(pl.len().cast(pl.Int64).alias("size"), pl.col("w").sum().cast(pl.Int64).alias("women"))
            .sort("p").with_columns((pl.col("size").cum_sum() - pl.col("size")).alias("start")))
    band = (lambda rank: rank * 4 // n + 1)  # noqa: E731 - the rule of reg. 13(1) step 2, on ranks
    ties = ties.with_columns(band(pl.col("start")).alias("first"), band(pl.col("start") + pl.col("size") - 1)
                             .alias("last"))
    women = dict.fromkeys((1, 2, 3, 4), 0)
    for b, count in ties.filter(pl.col("first") == pl.col("last")).group_by("first").agg(
            pl.col("women").sum()).iter_rows():
        women[b] += count
    for start, size, tie_women in ties.filter(pl.col("first") != pl.col("last")).select(
            "start", "size", "women").iter_rows():
        men = size - tie_women
        # The same keys and order as quartile_bands: the j-th of c women (or men) at (j + ½)/c, women first.
        # (A count column, not a literal divisor: polars multiplies by the reciprocal of a literal, which
        # rounds differently and would break the ties between equal keys.)
        order = pl.DataFrame({
            "j": pl.concat([pl.int_range(tie_women, eager=True), pl.int_range(men, eager=True)]),
            "c": pl.concat([pl.repeat(tie_women, tie_women, eager=True), pl.repeat(men, men, eager=True)]),
            "w": pl.concat([pl.repeat(True, tie_women, eager=True), pl.repeat(False, men, eager=True)]),
        }).with_columns(((pl.col("j") + 0.5) / pl.col("c")).alias("key")).sort(
            ["key", "w"], descending=[False, True], maintain_order=True)
        placed = order.with_columns(band(pl.int_range(start, start + size, dtype=pl.Int64)).alias("band"))
        for b, count in placed.group_by("band").agg(pl.col("w").sum()).iter_rows():
            women[b] += int(count)
    first_rank = [-(-b * n // 4) for b in range(5)]  # the first rank of band b + 1: ⌈b·n/4⌉
    return {b: (first_rank[b] - first_rank[b - 1], women[b]) for b in (1, 2, 3, 4)}


@dataclass(frozen=True, slots=True)
class Quartile:
    """One quartile pay band: its size and the proportions of women and men in it (fractions of the band)."""

    band: int
    people: int | None
    women: float | None
    men: float | None
    suppressed: bool = False

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


def quartiles(frame: pl.DataFrame, pay: str, rule: SuppressionRule) -> tuple[Quartile, ...]:
    """EU 2023/970 art. 9(1)(f) / UK SI 2017/172 reg. 13: women and men in each quartile pay band.

    A band smaller than k people is suppressed, and so are all four when fewer than k women or k men are
    ranked (rule 4 of docs/privacy.md: the shares would say in which band the few are).
    """
    frame = frame.filter(pl.col(pay).is_not_null())
    woman = frame["gender"] == WOMAN
    women_total = int(woman.sum())
    if not rule.allows_comparison(women_total, frame.height - women_total):
        # Rule 4: with fewer than k women or k men, a band's shares would place them (one man among 100).
        return tuple(Quartile(band, None, None, None, True) for band in (1, 2, 3, 4))
    counts = quartile_counts(frame[pay], woman)
    out = []
    for band in (1, 2, 3, 4):
        size, women = counts.get(band, (0, 0))
        if size == 0 or rule.hides_group(size):
            out.append(Quartile(band, None, None, None, True))
            continue
        out.append(Quartile(band, size, women / size, (size - women) / size))
    return tuple(out)
