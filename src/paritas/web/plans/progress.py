"""Progress of a plan's targets, computed from the statistics of its snapshots (no typing in by hand).

Pure functions over the stored JSON of snapshots (``paritas.structure/1``, ``paritas.paygap/1``), so that
they are tested without a database. Definitions (docs/plans.md):

* **observed value** of an area at a snapshot: the women's share of the group, by heads or by full-time
  equivalents, as the structure shows it (a group hidden by the suppression rule has none); for a pay-gap
  target, the EU mean or median gap (art. 9(1)(a), (c));
* **baseline**: the observed value at the earliest snapshot of the version; **latest**: at the newest;
* **path**: the straight line from the baseline to the target at 31 December of the deadline year,
  through the interim targets (each at 31 December of its year);
* **status**: *met* once the latest value has reached the target (in the target's direction: up for a
  share below its target, down for a gap); *missed* when the deadline has passed without that; *on
  course* when the latest value lies on or beyond the path at its date; *off course* otherwise; *no data*
  without a baseline or a latest value;
* **still needed**: for a share, the women (heads, or FTE) the group would need at its current size to
  reach the target: ⌈target × group⌉ − women for heads, target × FTE − women's FTE for FTE.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from itertools import pairwise
from typing import Any

#: Areas whose value is a group of a structure breakdown, by the breakdown's dimension.
BREAKDOWN_AREAS = {"leadership_level": "leadership_level", "pay_grade": "pay_grade", "career_group": "career_group",
                   "department": "department"}
MET, MISSED, ON_COURSE, OFF_COURSE, NO_DATA = "met", "missed", "on_course", "off_course", "no_data"


@dataclass(frozen=True)
class Point:
    """One snapshot as the plan sees it."""

    date: date
    structure: dict[str, Any]
    paygap: dict[str, Any] | None = None


@dataclass(frozen=True)
class Observation:
    """The value of an area at one snapshot: a share (0–1) or a gap; the group's size and its women
    (heads or FTE) where the value is a share."""

    date: date
    value: float | None
    size: float | None = None
    women: float | None = None


@dataclass(frozen=True)
class Progress:
    target: float
    deadline: date
    baseline: Observation | None
    latest: Observation | None
    series: tuple[Observation, ...]
    path: tuple[tuple[date, float], ...]
    expected: float | None
    status: str
    needed: float | None

    @property
    def direction(self) -> int:
        """+1 where the value must rise to the target, −1 where it must fall."""
        if self.baseline is None or self.baseline.value is None:
            return 1
        return 1 if self.target >= self.baseline.value else -1


def _count_object(structure: dict[str, Any], area: str, group: str) -> dict[str, Any] | None:
    if area == "workforce":
        employees = dict(structure.get("employees") or {})
        employees.setdefault("women_share", structure.get("women_share"))
        return employees
    if area == "leadership":
        return structure.get("leadership")
    dimension = BREAKDOWN_AREAS.get(area)
    if dimension is None:
        return None
    breakdown = (structure.get("breakdowns") or {}).get(dimension) or {}
    return next((row for row in breakdown.get("rows", []) if str(row.get("group")) == group), None)


def observe(point: Point, area: str, group: str = "", basis: str = "heads") -> Observation:
    """The observed value of an area at a snapshot (see the module docstring)."""
    if area == "pay_gap":
        eu = (point.paygap or {}).get("eu") or {}
        key = "median_gap" if group == "median" else "mean_gap"
        value = eu.get(key)
        if value is None and isinstance(eu.get("pay"), dict):
            value = eu["pay"].get(key)
        return Observation(point.date, value)
    counts = _count_object(point.structure, area, group)
    if not counts or counts.get("suppressed"):
        return Observation(point.date, None)
    if basis == "fte":
        return Observation(point.date, counts.get("women_fte_share"), counts.get("fte"), counts.get("women_fte"))
    return Observation(point.date, counts.get("women_share"), counts.get("total"), counts.get("women"))


def end_of(year: int) -> date:
    return date(year, 12, 31)


def path(baseline: Observation, target: float, deadline: int, interim: Sequence[tuple[int, float]] = ()
         ) -> tuple[tuple[date, float], ...]:
    """The path from the baseline through the interim targets to the target (dates and values)."""
    points = [(baseline.date, float(baseline.value or 0.0))]
    points += [(end_of(year), value) for year, value in sorted(interim) if end_of(year) > baseline.date
               and year < deadline]
    points.append((end_of(deadline), target))
    return tuple(points)


def on_path(points: Sequence[tuple[date, float]], when: date) -> float:
    """The path's value at ``when`` (linear between its points; the target after the last)."""
    if when <= points[0][0]:
        return points[0][1]
    for (d0, v0), (d1, v1) in pairwise(points):
        if when <= d1:
            span = (d1 - d0).days
            return v1 if span <= 0 else v0 + (v1 - v0) * (when - d0).days / span
    return points[-1][1]


def progress(points: Sequence[Point], area: str, group: str, basis: str, target: float, deadline: int,
             interim: Sequence[tuple[int, float]] = ()) -> Progress:
    """A target's progress over the snapshots ``points`` (any order); ``target`` and interim values are
    fractions (0.5 = 50 %)."""
    ordered = sorted(points, key=lambda p: p.date)
    series = tuple(observe(p, area, group, basis) for p in ordered)
    known = [o for o in series if o.value is not None]
    baseline = known[0] if known else None
    latest = known[-1] if known else None
    due = end_of(deadline)
    if baseline is None or latest is None:
        return Progress(target, due, baseline, latest, series, (), None, NO_DATA, None)
    route = path(baseline, target, deadline, interim)
    expected = on_path(route, latest.date)
    direction = 1 if target >= float(baseline.value or 0.0) else -1
    value = float(latest.value or 0.0)
    if direction * (value - target) >= -1e-9:
        status = MET
    elif latest.date >= due:
        status = MISSED
    elif direction * (value - expected) >= -1e-9:
        status = ON_COURSE
    else:
        status = OFF_COURSE
    return Progress(target, due, baseline, latest, series, route, expected, status, _needed(latest, target, basis,
                                                                                             area))


def _needed(latest: Observation, target: float, basis: str, area: str) -> float | None:
    if area == "pay_gap" or latest.size is None or latest.women is None:
        return None
    if basis == "fte":
        return max(0.0, round(target * latest.size - latest.women, 2))
    return float(max(0, math.ceil(target * latest.size - 1e-9) - int(latest.women)))
