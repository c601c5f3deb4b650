"""Statutory minimum wages by country and date: the plausibility floor of gross hourly pay.

Germany (Mindestlohngesetz, MiLoG § 1(2), then the Mindestlohnanpassungsverordnungen under § 11): every
step since the minimum wage was introduced on 1 January 2015, each in force from the date given; the
12.00 € step of 1 October 2022 was set by the law itself (Mindestlohnerhöhungsgesetz). Trainees are exempt
(MiLoG § 22(3)); the reader never checks them. Sweden has no statutory minimum wage: pay floors are set by
collective agreements, so Swedish files are not checked against one. docs/methodology.md lists the sources.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from datetime import date

#: (in force from, € gross per hour, legal source), oldest first.
GERMANY: tuple[tuple[date, float, str], ...] = (
    (date(2015, 1, 1), 8.50, "MiLoG § 1(2) (2014)"),
    (date(2017, 1, 1), 8.84, "MiLoV 2016"),
    (date(2019, 1, 1), 9.19, "MiLoV2 2018"),
    (date(2020, 1, 1), 9.35, "MiLoV2 2018"),
    (date(2021, 1, 1), 9.50, "MiLoV3 2020"),
    (date(2021, 7, 1), 9.60, "MiLoV3 2020"),
    (date(2022, 1, 1), 9.82, "MiLoV3 2020"),
    (date(2022, 7, 1), 10.45, "MiLoV3 2020"),
    (date(2022, 10, 1), 12.00, "Mindestlohnerhöhungsgesetz 2022"),
    (date(2024, 1, 1), 12.41, "MiLoV4 2023"),
    (date(2025, 1, 1), 12.82, "MiLoV4 2023"),
    (date(2026, 1, 1), 13.90, "MiLoV5 2025"),
    (date(2027, 1, 1), 14.60, "MiLoV5 2025"),
)

#: Countries whose law sets no general minimum wage (pay floors by collective agreement).
#: Sweden: wages by collective agreement; Switzerland: no federal minimum wage (cantonal ones, e.g. Geneva's
#: or Neuchâtel's, are not checked).
NO_STATUTORY_MINIMUM = frozenset({"SE", "CH"})
CURRENCY = {"DE": "EUR", "SE": "SEK", "CH": "CHF"}


@dataclass(frozen=True)
class MinimumWage:
    """The statutory minimum gross hourly pay of ``country`` on ``on``; ``hourly`` is None where there
    is none (``reason``: ``no_statutory_minimum`` for a country without one, ``before_introduction``
    for a date before it, ``unknown_country``)."""

    country: str | None
    on: date
    hourly: float | None
    currency: str | None = None
    in_force_since: date | None = None
    source: str | None = None
    reason: str | None = None


def statutory_minimum(country: str | None, on: date) -> MinimumWage:
    """The minimum wage in force in ``country`` (ISO 3166 alpha-2) on the day ``on``."""
    code = (country or "").upper() or None
    if code == "DE":
        index = bisect_right([since for since, _h, _s in GERMANY], on) - 1
        if index < 0:
            return MinimumWage(code, on, None, "EUR", reason="before_introduction")
        since, hourly, source = GERMANY[index]
        return MinimumWage(code, on, hourly, "EUR", since, source)
    if code in NO_STATUTORY_MINIMUM:
        return MinimumWage(code, on, None, CURRENCY.get(code), reason="no_statutory_minimum")
    return MinimumWage(code, on, None, reason="unknown_country")
