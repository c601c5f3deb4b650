"""The yearly pay survey (docs/paytransparency.md § Pay survey): its comparisons from a snapshot's pay by
job and the job evaluation (paritas.analytics.paysurvey), the analysis of each difference, and the actions
with cost and deadline that become measures of an equality plan."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from paritas.analytics import jobs, paysurvey
from paritas.web.organisations.models import Organisation
from paritas.web.paytransparency.models import Finding, PaySurvey
from paritas.web.paytransparency.services.evaluation import overview
from paritas.web.workforce.models import Snapshot


def pay_by_job(organisation: Organisation, snapshot: Snapshot, user: Any) -> dict[str, jobs.JobPay]:
    """The snapshot's pay by job title pooled into the organisation's jobs (titles merged by hand count
    as one job); the access to pay by job is logged."""
    from paritas.web.paytransparency.models import Job
    from paritas.web.workforce.services import job_pay

    pay = job_pay(snapshot, user)
    out = {}
    for job in Job.objects.filter(organisation=organisation):
        found = [pay[t] for t in job.titles if t in pay]
        if not found:
            continue
        group = jobs.pooled(found)
        lows = [p.basic_range[0] for p in found if p.basic_range[0] is not None]
        highs = [p.basic_range[1] for p in found if p.basic_range[1] is not None]
        out[job.title] = jobs.JobPay(job.title, group.women, group.men, group.basic, group.variable, group.total,
                                     (min(lows), max(highs)) if lows and len(lows) == len(found) else (None, None))
    return out


def comparisons(organisation: Organisation, snapshot: Snapshot, user: Any) -> list[paysurvey.Difference]:
    """The three comparisons of paritas.analytics.paysurvey for the organisation's jobs in ``snapshot``."""
    by_job = pay_by_job(organisation, snapshot, user)
    view = overview(organisation)
    points = {r.job.title: r.points for r in view.rows if r.points is not None}
    bands = {r.job.title: r.band for r in view.rows if r.band is not None}
    by_band: dict[str, list[jobs.JobPay]] = {}
    for title, band in bands.items():
        if title in by_job:
            by_band.setdefault(band.label, []).append(by_job[title])
    return [*paysurvey.equal_work(by_job), *paysurvey.equal_value(by_band),
            *paysurvey.women_dominated(by_job, points, bands)]


@transaction.atomic
def create_survey(organisation: Organisation, year: int, snapshot: Snapshot, user: Any) -> PaySurvey:
    """The year's survey of ``snapshot``: a finding for every difference found; the previous year's survey
    lends its rules and cooperation texts, and each finding the same comparison's analysis as a draft."""
    if snapshot.organisation_id != organisation.pk:
        raise ValidationError(_("Choose one of the organisation's snapshots."))
    if not snapshot.job_pay:
        raise ValidationError(_("This snapshot has no pay by job title: upload an export with job titles and pay."))
    if PaySurvey.objects.filter(organisation=organisation, year=year).exists():
        raise ValidationError(_("There is a pay survey for %(year)s already.") % {"year": year})
    previous = PaySurvey.objects.filter(organisation=organisation, year__lt=year).order_by("-year").first()
    survey = PaySurvey.objects.create(organisation=organisation, year=year, snapshot=snapshot, created_by=user,
                                      rules=previous.rules if previous else "",
                                      cooperation=previous.cooperation if previous else "")
    earlier = {(f.kind, f.key): f for f in previous.findings.all()} if previous else {}
    Finding.objects.bulk_create([
        Finding(survey=survey, kind=d.kind, key=d.key[:420], figures=d.to_dict(),
                analysis=earlier[(d.kind, d.key)].analysis if (d.kind, d.key) in earlier else "")
        for d in comparisons(organisation, snapshot, user) if d.gap is not None])
    return survey


def analyse(finding: Finding, user: Any, *, analysis: str, verdict: str, justified_by: str, action: str,
            cost: Decimal | None, deadline: date | None) -> None:
    """A finding's analysis: its causes, whether the difference is justified and by which criterion, and
    where it is not (or only partly) the action with its cost and deadline (3 kap. 10–11 §§ DL)."""
    if finding.survey.approved_at:
        raise ValidationError(_("An approved survey cannot be changed."))
    if verdict not in Finding.Verdict.values:
        raise ValidationError(_("Choose a verdict."))
    if verdict != Finding.Verdict.OPEN and not analysis.strip():
        raise ValidationError(_("Write the analysis of the causes."))
    if verdict in (Finding.Verdict.JUSTIFIED, Finding.Verdict.PARTLY) and not justified_by.strip():
        raise ValidationError(_("Name the criterion that justifies the difference."))
    if verdict in (Finding.Verdict.NOT_JUSTIFIED, Finding.Verdict.PARTLY) and not (action.strip() and deadline):
        raise ValidationError(_("A difference that is not justified needs an action with a deadline."))
    if cost is not None and cost < 0:
        raise ValidationError(_("The cost cannot be negative."))
    finding.analysis, finding.verdict, finding.justified_by = analysis.strip(), verdict, justified_by.strip()
    finding.action, finding.cost, finding.deadline = action.strip(), cost, deadline
    finding.analysed_by, finding.analysed_at = user, timezone.now()
    finding.save()


def carry_into_plan(finding: Finding, version: Any, user: Any) -> Any:
    """The finding's action as a measure of an equality plan's editable version, linked both ways."""
    from paritas.web.plans import services as plans

    if not finding.action:
        raise ValidationError(_("The finding has no action."))
    measure = plans.measure_from(
        version, user, finding.survey.organisation, title=finding.action[:200],
        description=_("From the pay survey %(year)s: %(key)s.") % {"year": finding.survey.year, "key": finding.key},
        target_group=finding.key, end=finding.deadline, budget=finding.cost)
    finding.measure = measure
    finding.save(update_fields=["measure"])
    return measure


def approve(survey: PaySurvey, user: Any) -> None:
    if survey.findings.filter(verdict=Finding.Verdict.OPEN).exists():
        raise ValidationError(_("Analyse every difference first."))
    survey.approved_by, survey.approved_at = user, timezone.now()
    survey.save(update_fields=["approved_by", "approved_at"])


def total_cost(survey: PaySurvey) -> Decimal:
    return sum((f.cost or Decimal(0) for f in survey.findings.all()), Decimal(0))
