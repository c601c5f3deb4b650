"""Pay ranges for job postings and the criteria for pay setting and progression (art. 5, 6;
docs/paytransparency.md § Pay ranges): a suggestion per job from current pay, the range the HR team sets,
and what is published."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from paritas.web.organisations.models import Organisation
from paritas.web.paytransparency.models import Job, PayCriteria, PayRange
from paritas.web.paytransparency.services.survey import pay_by_job
from paritas.web.workforce.models import Snapshot

WEEKS_PER_YEAR = Decimal(52)


def criteria_of(organisation: Organisation) -> PayCriteria:
    return PayCriteria.objects.get_or_create(organisation=organisation)[0]


def convert(hourly: float, period: str, full_time_hours: Decimal) -> Decimal:
    """An hourly amount per period at full time: × weekly hours × 52 a year, ÷ 12 a month; rounded to whole
    currency units for months and years, to cents for hours."""
    value = Decimal(str(hourly))
    if period == PayRange.Period.HOUR:
        return value.quantize(Decimal("0.01"), ROUND_HALF_UP)
    yearly = value * full_time_hours * WEEKS_PER_YEAR
    return (yearly if period == PayRange.Period.YEAR else yearly / 12).quantize(Decimal(1), ROUND_HALF_UP)


@dataclass(frozen=True, slots=True)
class Suggestion:
    job: Job
    low: Decimal | None
    high: Decimal | None
    range: PayRange | None


def suggestions(organisation: Organisation, user: Any, period: str) -> list[Suggestion]:
    """Every job with the range its current basic pay suggests (10th to 90th percentile of the latest
    snapshot with pay by job, where it has at least ten people) and the range set, if any."""
    snapshot = (Snapshot.objects.filter(organisation=organisation, job_pay__isnull=False)
                .order_by("-reference_date", "-pk").first())
    hours = criteria_of(organisation).full_time_hours
    pay = pay_by_job(organisation, snapshot, user) if snapshot else {}
    out = []
    for job in Job.objects.filter(organisation=organisation).select_related("pay_range"):
        low, high = pay[job.title].basic_range if job.title in pay else (None, None)
        out.append(Suggestion(job, None if low is None else convert(low, period, hours),
                              None if high is None else convert(high, period, hours),
                              getattr(job, "pay_range", None)))
    return out


def set_range(job: Job, user: Any, *, low: Decimal, high: Decimal, period: str, basis: str,
              published: bool) -> PayRange:
    if low <= 0 or high < low:
        raise ValidationError(_("The range runs from an amount above 0 to one at least as high."))
    if period not in PayRange.Period.values:
        raise ValidationError(_("Choose a period."))
    found, _created = PayRange.objects.update_or_create(job=job, defaults={
        "low": low, "high": high, "period": period, "basis": basis.strip()[:300], "published": published,
        "updated_by": user})
    return found


def published(organisation: Organisation) -> tuple[PayCriteria | None, list[PayRange]]:
    """What the organisation's public pay page shows: the criteria if published, the published ranges."""
    criteria = PayCriteria.objects.filter(organisation=organisation, published=True).first()
    ranges = list(PayRange.objects.filter(job__organisation=organisation, published=True).select_related("job")
                  .order_by("job__title"))
    return criteria, ranges
