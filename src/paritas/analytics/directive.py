"""The calendar of the Pay Transparency Directive (EU) 2023/970 (docs/methodology.md § Pay transparency
desk): which employers report the art. 9 figures when, and the periods it sets — two months for an art. 7
answer, six months to justify or remedy a gap before the joint pay assessment of art. 10."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

#: art. 9(2)–(4): (smallest number of workers, first report year, years between reports)
REPORTING_DUTIES = ((250, 2027, 1), (150, 2027, 3), (100, 2031, 3))
#: art. 9(2)–(4): every report is due by 7 June of its year
REPORT_DAY = (6, 7)


def months_after(day: date, months: int) -> date:
    """The same day ``months`` later, or the last day of that month where it has no such day (the
    directive's "within two months" of art. 7(4) and "within six months" of art. 10(1)(c), counted as the
    EU rule on periods, Regulation 1182/71 art. 3(2)(c), counts months)."""
    month = day.month - 1 + months
    year = day.year + month // 12
    month = month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True, slots=True)
class ReportingDuty:
    """Whether an employer of ``workers`` must report the art. 9 figures, how often, and the next
    report's due date on or after a day; ``every`` is None for an employer below 100 workers (reporting
    is voluntary, art. 9(5))."""

    workers: int
    every: int | None
    first_year: int | None
    next_due: date | None


def reporting_duty(workers: int, on: date) -> ReportingDuty:
    """art. 9(2)–(4): 250 or more workers every year from 7 June 2027; 150–249 every three years from
    7 June 2027; 100–149 every three years from 7 June 2031; the next due date on or after ``on``."""
    for least, first, every in REPORTING_DUTIES:
        if workers >= least:
            year = max(first, on.year)
            year += (-(year - first)) % every
            due = date(year, *REPORT_DAY)
            if due < on:
                due = date(year + every, *REPORT_DAY)
            return ReportingDuty(workers, every, first, due)
    return ReportingDuty(workers, None, None, None)
