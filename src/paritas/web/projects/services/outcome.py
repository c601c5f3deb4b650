"""What a project achieved (docs/projects.md, "Outcome"): participants by gender, target group and
organisation per year and for the whole period (a participant counts in a year when they took part in an
activity that year; for the period once), hours, activities, the goals' values, and the share of full-time
work among women in the participating organisations that share their figures, at the start and the end.

Figures by organisation or target group and gender leave the system in the final report: the platform's
suppression rule (docs/privacy.md, rules 1 and 2) hides the small cells of each row and enough others that
none can be recovered from the row's total.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Sum

from paritas.analytics.privacy import SuppressionRule
from paritas.web.projects.models import Activity, Attendance, Goal, Partner, Project
from paritas.web.workforce.models import Snapshot

GENDERS = ("f", "m", "d")


@dataclass(frozen=True, slots=True)
class Row:
    """A group's participants: all, and by gender (women, men, other; None where hidden)."""

    label: str
    total: int
    by_gender: tuple[int | None, int | None, int | None]


@dataclass(frozen=True, slots=True)
class Period:
    """The figures of one year (``year``) or of the whole period (``year`` None)."""

    year: int | None
    participants: Row
    by_target_group: tuple[Row, ...]
    by_organisation: tuple[Row, ...]
    hours: Decimal
    activities: int


def _row(label: str, counts: dict[str, int], rule: SuppressionRule) -> Row:
    sizes = [counts.get(g, 0) for g in GENDERS]
    hidden = rule.hidden_groups(sizes)
    return Row(label, sum(sizes), tuple(None if i in hidden else n for i, n in enumerate(sizes)))  # type: ignore[arg-type]


def _table(rows: list[tuple[str, dict[str, int]]], rule: SuppressionRule) -> tuple[Row, ...]:
    """Rows by gender with the small cells of each row hidden (rules 1 and 2), then complementary cells so
    that no hidden cell can be recovered from a row's total or a column's total (the period's figure by
    gender is published too): while a row or a column has exactly one hidden non-empty cell, the smallest
    other non-empty cell of that row or column is hidden as well."""
    sizes = [[counts.get(g, 0) for g in GENDERS] for _label, counts in rows]
    hidden = {(r, c) for r, row in enumerate(sizes) for c in rule.hidden_groups(row)}

    def lines() -> list[list[tuple[int, int]]]:
        by_row = [[(r, c) for c in range(len(GENDERS))] for r in range(len(sizes))]
        by_column = [[(r, c) for r in range(len(sizes))] for c in range(len(GENDERS))]
        return by_row + by_column

    changed = bool(hidden)
    while changed:
        changed = False
        for line in lines():
            secret = [cell for cell in line if cell in hidden and sizes[cell[0]][cell[1]] > 0]
            if len(secret) != 1:
                continue
            others = sorted((sizes[r][c], r, c) for r, c in line if (r, c) not in hidden and sizes[r][c] > 0)
            if others:
                _n, r, c = others[0]
                hidden.add((r, c))
                changed = True
    return tuple(Row(label, sum(sizes[r]), tuple(None if (r, c) in hidden else sizes[r][c]  # type: ignore[arg-type]
                                                 for c in range(len(GENDERS))))
                 for r, (label, _counts) in enumerate(rows))


def periods(project: Project, rule: SuppressionRule) -> list[Period]:
    """One Period per year of the project with participation, then the whole period."""
    rows = Attendance.objects.filter(activity__project=project)
    fields = ("participant_id", "participant__gender", "participant__partner_id", "participant__target_group_id")
    partner_names = {p.pk: p.organisation.name for p in project.partners.select_related("organisation")}
    group_names = dict(project.target_groups.values_list("pk", "name"))
    # One query per year, by date range (a year lookup becomes BETWEEN; no date function per row).
    seen: dict[int | None, dict[int, tuple[str, int, int | None]]] = {}
    hours: dict[int | None, Decimal] = {}
    activities: dict[int | None, int] = {}
    for year in range(project.starts_on.year, project.ends_on.year + 1):
        in_year = rows.filter(on__year=year)
        found = {pid: rest for pid, *rest in in_year.values_list(*fields).order_by().distinct()}
        if found:
            seen[year] = found  # type: ignore[assignment]
            hours[year] = in_year.aggregate(h=Sum("hours"))["h"] or Decimal(0)
            activities[year] = Activity.objects.filter(project=project, starts_on__year=year).count()
    seen[None] = {pid: rest for pid, *rest in rows.values_list(*fields).order_by().distinct()}  # type: ignore[misc]
    hours[None] = sum((h for h in hours.values()), Decimal(0))
    activities[None] = Activity.objects.filter(project=project).count()
    result = []
    if not seen[None]:
        return []
    for year in [*sorted(y for y in seen if y is not None), None]:
        people = seen[year].values()
        total: dict[str, int] = defaultdict(int)
        groups: dict[int | None, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        orgs: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        for gender, partner, group in people:
            total[gender] += 1
            groups[group][gender] += 1
            orgs[partner][gender] += 1
        result.append(Period(
            year, _row("", total, rule),
            _table([(group_names.get(g, "–") if g else "–", c)
                    for g, c in sorted(groups.items(), key=lambda kv: (kv[0] is None, kv[0] or 0))], rule),
            _table([(partner_names[p], c) for p, c in sorted(orgs.items(), key=lambda kv: partner_names[kv[0]])], rule),
            Decimal(hours[year]), activities[year]))
    return result


@dataclass(frozen=True, slots=True)
class GoalValue:
    goal: Goal
    value: Decimal
    reached: bool


def goal_values(project: Project) -> list[GoalValue]:
    """Each goal's value: counted from the participation (in its year, or over the whole period), or as
    entered by hand."""
    found = []
    for goal in project.goals.select_related("target_group"):
        rows = Attendance.objects.filter(activity__project=project)
        if goal.year:
            rows = rows.filter(on__year=goal.year)
        people = rows.values("participant_id").order_by().distinct()
        measure = goal.measure
        if measure == Goal.Measure.MANUAL:
            value = goal.manual_value or Decimal(0)
        elif measure == Goal.Measure.PARTICIPANTS:
            value = Decimal(people.count())
        elif measure in (Goal.Measure.WOMEN, Goal.Measure.MEN):
            value = Decimal(people.filter(participant__gender="f" if measure == Goal.Measure.WOMEN else "m").count())
        elif measure == Goal.Measure.TARGET_GROUP:
            value = Decimal(people.filter(participant__target_group=goal.target_group).count())
        elif measure == Goal.Measure.ORGANISATIONS:
            value = Decimal(rows.values("participant__partner_id").order_by().distinct().count())
        elif measure == Goal.Measure.HOURS:
            value = rows.aggregate(h=Sum("hours"))["h"] or Decimal(0)
        else:
            activities = project.activities.all()
            value = Decimal((activities.filter(starts_on__year=goal.year) if goal.year else activities).count())
        found.append(GoalValue(goal, Decimal(value), Decimal(value) >= goal.target))
    return found


@dataclass(frozen=True, slots=True)
class FullTime:
    """Women's share of full-time work in an organisation at two snapshots around the project's period."""

    organisation: str
    start: date | None
    start_share: float | None
    end: date | None
    end_share: float | None

    @property
    def change(self) -> float | None:
        if self.start_share is None or self.end_share is None or self.start == self.end:
            return None
        return self.end_share - self.start_share


def women_full_time_share(structure: dict[str, Any]) -> float | None:
    """1 − the part-time rate of women (structure figure ``part_time_rate.women``; hidden when suppressed)."""
    rate = (structure.get("part_time_rate") or {}).get("women")
    return None if rate is None else 1 - rate


def full_time(project: Project) -> list[FullTime]:
    """For each participating organisation that shares its figures: the last snapshot on or before the
    start (else the first in the period) and the last one on or before the end (within the period)."""
    result = []
    for partner in (project.partners.filter(shares_figures=True).select_related("organisation")
                    .order_by("organisation__name")):
        points = list(Snapshot.objects.filter(organisation=partner.organisation, reference_date__lte=project.ends_on)
                      .order_by("reference_date").values_list("reference_date", "structure"))
        if not points:
            result.append(FullTime(partner.organisation.name, None, None, None, None))
            continue
        before = [p for p in points if p[0] <= project.starts_on]
        first = before[-1] if before else points[0]
        last = points[-1]
        result.append(FullTime(partner.organisation.name, first[0], women_full_time_share(first[1]),
                               last[0], women_full_time_share(last[1])))
    return result


def planned_participants(project: Project) -> int:
    return sum(Partner.objects.filter(project=project).values_list("planned_participants", flat=True))
