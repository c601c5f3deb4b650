"""The monthly participant report to the funder (docs/projects.md, "Monthly report").

Layout, after the Swedish ESF Council's attendance summary: a header block (project, reference number,
project owner, month, version), then one row per participant with hours in the month: number, personal
identity number where the indicator set has it, name, gender, organisation, target group, the hours of each
day of the month, the month's hours, the cost per hour and the value as co-financing, and a total row.
Texts are in the project's report language; no cell is a formula.

The correction rule: a month that is over is reported once (version 1). When hours of a reported month
change afterwards, that month alone is reported again as a correction (version 2, 3, …) stating the new
hours and the change against the previous version of that month. Reports of other months are never
regenerated: each states only its own month, so correcting March leaves April's report as it was sent.
"""

from __future__ import annotations

import io
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F, Sum
from django.utils import translation
from django.utils.translation import gettext as _

from paritas.reports.xlsx import Sheet, write_workbook
from paritas.web.accounts import audit
from paritas.web.accounts.models import AuditEvent
from paritas.web.projects import indicators
from paritas.web.projects.models import Attendance, MonthlyReport, Participant, Project
from paritas.web.projects.services import budget as budget_service
from paritas.web.projects.services import participants as people


def months(project: Project) -> list[date]:
    """The first day of every month of the project's period."""
    found, current = [], date(project.starts_on.year, project.starts_on.month, 1)
    while current <= project.ends_on:
        found.append(current)
        current = date(current.year + current.month // 12, current.month % 12 + 1, 1)
    return found


def month_hours(project: Project, month: date) -> dict[str, str]:
    """Hours per participant (pk as text) in the month, as the report states them."""
    end = budget_service.month_end(month.year, month.month)
    rows = (Attendance.objects.filter(activity__project=project, on__gte=month, on__lte=end)
            .values("participant_id").annotate(h=Sum("hours")).order_by())
    return {str(r["participant_id"]): str(Decimal(r["h"]).quantize(Decimal("0.01"))) for r in rows}


@dataclass(frozen=True, slots=True)
class MonthStatus:
    month: date
    over: bool
    latest: MonthlyReport | None
    hours_now: Decimal
    changed: bool  # reported, and the hours differ from what was stated


def status(project: Project, today: date | None = None) -> list[MonthStatus]:
    today = today or date.today()
    latest: dict[date, MonthlyReport] = {}
    for report in project.monthly_reports.defer("workbook").order_by("month", "version"):
        latest[report.month] = report
    # Per day in the database (a plain column), per month here: the hours and two weighted sums of the
    # participants' ids, which tell whether anyone's hours differ from what a report stated without loading
    # every row (a change that keeps all three equal would need hours moved between people in a way that
    # keeps both Σ id·h and Σ id²·h; month_hours() is exact and is what a correction states).
    sums: dict[date, list[Decimal]] = defaultdict(lambda: [Decimal(0), Decimal(0), Decimal(0)])
    for on, h, first, second in (Attendance.objects.filter(activity__project=project).values("on")
                                 .annotate(h=Sum("hours"), first=Sum(F("participant_id") * F("hours")),
                                           second=Sum(F("participant_id") * F("participant_id") * F("hours")))
                                 .order_by().values_list("on", "h", "first", "second")):
        entry = sums[date(on.year, on.month, 1)]
        entry[0] += Decimal(str(h))
        entry[1] += Decimal(str(first))
        entry[2] += Decimal(str(second))
    result = []
    for month in months(project):
        report = latest.get(month)
        now = sums.get(month, [Decimal(0)] * 3)
        changed = False
        if report is not None:
            stated = [Decimal(0)] * 3
            for pid, hours in report.hours.items():
                h = Decimal(hours)
                stated = [stated[0] + h, stated[1] + int(pid) * h, stated[2] + int(pid) ** 2 * h]
            changed = any(abs(a - b) > Decimal("1e-6") * max(Decimal(1), abs(b)) for a, b in zip(now, stated,
                                                                                                  strict=True))
        result.append(MonthStatus(month, budget_service.month_end(month.year, month.month) < today, report,
                                  now[0], changed))
    return result


class NotDue(ValueError):
    pass


def report_month(project: Project, month: date, user: Any, today: date | None = None) -> MonthlyReport:
    """Report a month that is over (version 1) or correct it (the next version); raises NotDue when the
    month is not over, outside the period, or nothing changed since its last version."""
    today = today or date.today()
    month = date(month.year, month.month, 1)
    if month not in months(project):
        raise NotDue(_("The month is outside the project's period."))
    if budget_service.month_end(month.year, month.month) >= today:
        raise NotDue(_("A month can be reported once it is over."))
    hours = month_hours(project, month)
    with transaction.atomic():
        previous = project.monthly_reports.filter(month=month).order_by("-version").first()
        if previous is not None and previous.hours == hours:
            raise NotDue(_("Nothing has changed since this month was reported."))
        version = 1 if previous is None else previous.version + 1
        content, total_hours, total_value = workbook(project, month, version, hours, previous)
        try:
            report = MonthlyReport.objects.create(project=project, month=month, version=version, created_by=user,
                                                  hours=hours, total_hours=total_hours, total_value=total_value,
                                                  workbook=content)
        except IntegrityError:  # two people reported the same month at once
            raise NotDue(_("This month has just been reported by someone else.")) from None
        if indicators.PERSONAL_NUMBER in people.required(project):
            audit.record(project.owner, user, AuditEvent.Action.RAW_ACCESSED,
                         detail=f"project {project.slug}: personal identity numbers in the report {month:%Y-%m} "
                                f"v{version}")
    return report


def workbook(project: Project, month: date, version: int, hours: dict[str, str],
             previous: MonthlyReport | None) -> tuple[bytes, Decimal, Decimal | None]:
    """The report's workbook in the project's language, its total hours and total value."""
    end = budget_service.month_end(month.year, month.month)
    days = end.day
    daily: dict[int, dict[int, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    for row in Attendance.objects.filter(activity__project=project, on__gte=month, on__lte=end).values(
            "participant_id", "on", "hours"):
        daily[row["participant_id"]][row["on"].day] += row["hours"]
    ids = {int(k) for k in hours} | ({int(k) for k in previous.hours} if previous else set())
    people_rows = list(Participant.objects.filter(pk__in=ids).select_related("partner__organisation", "target_group")
                       .order_by("partner__organisation__name", "name", "pk"))
    partners = list(project.partners.select_related("organisation"))
    rates = budget_service.Rates(partners)
    with_number = indicators.PERSONAL_NUMBER in people.required(project)
    with translation.override(project.language):
        header = [_("No."), *([_("Personal identity number")] if with_number else []), _("Name"), _("Gender"),
                  _("Organisation"), _("Target group"), *[str(d) for d in range(1, days + 1)], _("Hours in the month"),
                  _("Cost per hour"), _("Value as co-financing")]
        if previous is not None:
            header.append(_("Change against version %(v)d") % {"v": previous.version})
        rows: list[list[Any]] = []
        total_hours, total_value, valued = Decimal(0), Decimal(0), True
        for n, person in enumerate(people_rows, start=1):
            h = Decimal(hours.get(str(person.pk), "0"))
            rate = rates.rate(person.partner_id, month.year, month.month)
            value = None if rate is None else budget_service.money(h * rate)
            total_hours += h
            if value is None:
                valued = valued and h == 0
            else:
                total_value += value
            number = people.personal_number(person)
            row: list[Any] = [n, *([f"{number[:8]}-{number[8:]}" if number else ""] if with_number else []),
                              person.name,
                              person.get_gender_display(), person.partner.organisation.name,
                              person.target_group.name if person.target_group else ""]
            row += [float(daily[person.pk][d]) if daily[person.pk].get(d) else None for d in range(1, days + 1)]
            row += [float(h), None if rate is None else float(rate), None if value is None else float(value)]
            if previous is not None:
                row.append(float(h - Decimal(previous.hours.get(str(person.pk), "0"))))
            rows.append(row)
        totals: list[Any] = [_("Total"), *([""] if with_number else []), "", "", "", "", *[None] * days,
                             float(total_hours), None, float(total_value) if valued else None]
        if previous is not None:
            totals.append(float(total_hours - previous.total_hours))
        rows.append(totals)
        kind = _("Correction") if previous is not None else _("Report")
        preamble = [(_("Project"), project.name), (_("Reference number"), project.number),
                    (_("Project owner"), project.owner.name), (_("Funder"), project.funder),
                    (_("Month"), f"{month:%Y-%m}"), (_("Version"), f"{version} ({kind})")]
        notes = [_("Hours of participation per day; the value is hours × cost per hour (docs/projects.md).")]
        if previous is not None:
            notes.append(_("This correction replaces version %(v)d of this month only; the reports of other months "
                           "stay as they were sent.") % {"v": previous.version})
        sheet = Sheet(name=f"{month:%Y-%m}", header=header, rows=rows, preamble=preamble, notes=notes,
                      title=_("Participant report") + f" {month:%Y-%m}")
    stream = io.BytesIO()
    write_workbook(stream, [sheet])
    return stream.getvalue(), total_hours, (total_value if valued else None)
