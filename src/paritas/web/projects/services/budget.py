"""The budget by source and the co-financing in kind: participants' working time valued at a cost per hour
(docs/projects.md, "Co-financing").

An hour of a participant's time is worth, by the organisation's chosen basis:

* ``annual_cost``: the annual employment cost of a full-time post divided by the annual working hours of
  the hour's year: 1,720 from 2021 (Regulation (EU) 2021/1060 art. 55(2)(a), as the Swedish ESF Council
  applies it), 1,662 before (the Swedish ESF model of 2014–2020: 1,862 hours a year including leave,
  Delegated Regulation (EU) 2015/2195, less 25 days of leave);
* ``hourly``: a fixed cost per hour (a funder's standard unit cost);
* ``snapshot``: the mean gross hourly pay of all women and men in the organisation's HR snapshot in force
  at the end of the hour's month (the latest on or before it, else the first one), plus the employer's
  contributions; only where the organisation shares its figures with the project.

The rate is rounded to öre/cents first; the value of each organisation's hours in a month is rounded
again, and the totals are sums of those (half up, as a bookkeeper rounds).
"""

from __future__ import annotations

import calendar
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Sum

from paritas.web.projects.models import Attendance, BudgetLine, Contribution, Partner, Project
from paritas.web.workforce.models import Snapshot

CENT = Decimal("0.01")


def annual_hours(year: int) -> int:
    """Annual working hours of a full-time post in the year (see the module docstring)."""
    return 1720 if year >= 2021 else 1662


def money(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def snapshot_hourly_pay(points: list[tuple[date, dict[str, Any] | None]], on: date) -> Decimal | None:
    """The mean gross hourly pay of women and men together in the snapshot in force on ``on`` (``points``
    ordered by date), or None where it has no pay figures or they are suppressed."""
    if not points:
        return None
    chosen = next((p for d, p in reversed(points) if d <= on), points[0][1])
    pay = ((chosen or {}).get("eu") or {}).get("pay") or {}
    women, men = pay.get("women") or 0, pay.get("men") or 0
    if pay.get("mean_women") is None or pay.get("mean_men") is None or not (women + men):
        return None
    return (Decimal(str(pay["mean_women"])) * women + Decimal(str(pay["mean_men"])) * men) / (women + men)


class Rates:
    """The cost per hour of each partner's people, month by month (snapshots read once)."""

    def __init__(self, partners: list[Partner]):
        self.partners = {p.pk: p for p in partners}
        wanted = [p.organisation_id for p in partners
                  if p.cost_basis == Partner.CostBasis.SNAPSHOT and p.shares_figures]
        self.points: dict[int, list[tuple[date, dict[str, Any] | None]]] = defaultdict(list)
        for org, on, paygap in (Snapshot.objects.filter(organisation_id__in=wanted).order_by("reference_date")
                                .values_list("organisation_id", "reference_date", "paygap")):
            self.points[org].append((on, paygap))

    def rate(self, partner_id: int, year: int, month: int) -> Decimal | None:
        partner = self.partners[partner_id]
        if partner.cost_basis == Partner.CostBasis.HOURLY:
            return None if partner.hourly_cost is None else money(partner.hourly_cost)
        if partner.cost_basis == Partner.CostBasis.ANNUAL_COST:
            if partner.annual_cost is None:
                return None
            return money(partner.annual_cost / annual_hours(year))
        if not partner.shares_figures:
            return None
        pay = snapshot_hourly_pay(self.points.get(partner.organisation_id, []), month_end(year, month))
        return None if pay is None else money(pay * (1 + partner.on_cost_rate / 100))


@dataclass(frozen=True, slots=True)
class InKind:
    """A partner's co-financing in kind: hours, their value, and the hours that could not be valued (no
    cost set, or no snapshot with pay)."""

    partner_id: int
    hours: Decimal
    value: Decimal
    unvalued_hours: Decimal


def in_kind(project: Project, until: date | None = None, year: int | None = None) -> dict[int, InKind]:
    """Co-financing in kind of each partner with hours (up to ``until``, or in ``year``)."""
    partners = list(project.partners.all())
    rates = Rates(partners)
    rows = Attendance.objects.filter(activity__project=project)
    if until is not None:
        rows = rows.filter(on__lte=until)
    if year is not None:
        rows = rows.filter(on__year=year)
    # Grouped by day in the database (a plain column: no date function per row, which SQLite would call
    # in Python), then by month here.
    monthly: dict[tuple[int, int, int], Decimal] = defaultdict(Decimal)
    for pid, on, h in (rows.values("participant__partner_id", "on").annotate(h=Sum("hours")).order_by()
                       .values_list("participant__partner_id", "on", "h")):
        monthly[(pid, on.year, on.month)] += Decimal(h)
    hours: dict[int, Decimal] = defaultdict(Decimal)
    value: dict[int, Decimal] = defaultdict(Decimal)
    unvalued: dict[int, Decimal] = defaultdict(Decimal)
    for (pid, year_, month_), h in sorted(monthly.items()):
        hours[pid] += h
        rate = rates.rate(pid, year_, month_)
        if rate is None:
            unvalued[pid] += h
        else:
            value[pid] += money(h * rate)
    return {pid: InKind(pid, hours[pid], value[pid], unvalued[pid]) for pid in hours}


@dataclass(frozen=True, slots=True)
class BudgetRow:
    source: str
    source_label: str
    organisation: str
    planned: Decimal
    actual: Decimal


@dataclass(frozen=True, slots=True)
class Budget:
    rows: tuple[BudgetRow, ...]
    planned: Decimal
    actual: Decimal
    #: co-financing (cash and in kind, all organisations) as a share of the planned and of the actual total
    cofinancing_planned_share: float | None
    cofinancing_actual_share: float | None
    unvalued_hours: Decimal

    @property
    def cofinancing_planned_percent(self) -> float | None:
        return None if self.cofinancing_planned_share is None else 100 * self.cofinancing_planned_share

    @property
    def cofinancing_actual_percent(self) -> float | None:
        return None if self.cofinancing_actual_share is None else 100 * self.cofinancing_actual_share

    def by_source(self) -> list[tuple[str, Decimal, Decimal]]:
        totals: dict[str, list[Decimal]] = {}
        for row in self.rows:
            entry = totals.setdefault(row.source_label, [Decimal(0), Decimal(0)])
            entry[0] += row.planned
            entry[1] += row.actual
        return [(label, p, a) for label, (p, a) in totals.items()]


COFINANCING = {BudgetLine.Source.CASH, BudgetLine.Source.IN_KIND}


def budget(project: Project) -> Budget:
    """Planned and actual financing by source and organisation: planned from the budget lines; actual from
    the contributions (funder, cash, other) and from the valued hours (in kind)."""
    names = {p.pk: p.organisation.name for p in project.partners.select_related("organisation")}
    labels = dict(BudgetLine.Source.choices)
    planned: dict[tuple[str, int | None], Decimal] = defaultdict(Decimal)
    actual: dict[tuple[str, int | None], Decimal] = defaultdict(Decimal)
    for source, partner, amount in project.budget.values_list("source", "partner_id", "amount"):
        planned[(source, partner)] += amount
    for row in (Contribution.objects.filter(project=project).values("source", "partner_id")
                .annotate(total=Sum("amount")).order_by()):
        actual[(row["source"], row["partner_id"])] += row["total"]
    kind = in_kind(project)
    for pid, item in kind.items():
        actual[(BudgetLine.Source.IN_KIND, pid)] += item.value
    order = list(labels)
    keys = sorted(set(planned) | set(actual), key=lambda k: (order.index(k[0]), names.get(k[1] or 0, "")))
    rows = tuple(BudgetRow(source, str(labels[source]), names.get(pid, "") if pid else "",
                           planned.get((source, pid), Decimal(0)), actual.get((source, pid), Decimal(0)))
                 for source, pid in keys)
    total_planned = sum((r.planned for r in rows), Decimal(0))
    total_actual = sum((r.actual for r in rows), Decimal(0))
    co_planned = sum((r.planned for r in rows if r.source in COFINANCING), Decimal(0))
    co_actual = sum((r.actual for r in rows if r.source in COFINANCING), Decimal(0))
    return Budget(rows, total_planned, total_actual,
                  float(co_planned / total_planned) if total_planned else None,
                  float(co_actual / total_actual) if total_actual else None,
                  sum((i.unvalued_hours for i in kind.values()), Decimal(0)))
