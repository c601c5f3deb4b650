"""The art. 9 pay reporting and what follows from it (art. 10; docs/paytransparency.md § Joint pay
assessment): a report from a snapshot, its flagged categories, their justification or remedy within six
months of the report's submission, the joint pay assessment where that does not happen, and the report for
the monitoring body as JSON and CSV."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from paritas.analytics.directive import ReportingDuty, reporting_duty
from paritas.web.organisations.models import Organisation
from paritas.web.paytransparency.models import FlaggedCategory, JointAssessment, PayReport, Remedy
from paritas.web.workforce.models import Snapshot


def eu_figures(snapshot: Snapshot) -> dict[str, Any] | None:
    return (snapshot.paygap or {}).get("eu")


@transaction.atomic
def create_report(organisation: Organisation, snapshot: Snapshot, user: Any) -> PayReport:
    """A pay reporting of ``snapshot`` with every category art. 10(1)(a) flags (a gap of 5 % or more), its
    figures as computed — those withheld from publication from the snapshot's restricted part."""
    if snapshot.organisation_id != organisation.pk:
        raise ValidationError(_("Choose one of the organisation's snapshots."))
    eu = eu_figures(snapshot)
    if not eu:
        raise ValidationError(_("This snapshot has no pay figures: upload an export with pay."))
    if PayReport.objects.filter(snapshot=snapshot).exists():
        raise ValidationError(_("This snapshot is reported already."))
    report = PayReport.objects.create(organisation=organisation, snapshot=snapshot, created_by=user)
    restricted = {a["category"]: a for a in (snapshot.assessment or {}).get("assessment", [])}
    for c in eu.get("categories", []):
        if not c.get("flag"):
            continue
        figures = restricted.get(c["category"], c) if c.get("withheld") else c
        FlaggedCategory.objects.create(
            report=report, category=c["category"][:200], women=int(figures.get("women") or 0),
            men=int(figures.get("men") or 0), mean_gap=figures.get("mean_gap"), median_gap=figures.get("median_gap"),
            withheld=bool(c.get("withheld")))
    return report


def submit(report: PayReport, on: date) -> None:
    """The day the report went to the monitoring body: the six months of art. 10(1)(c) run from it."""
    if on > timezone.localdate():
        raise ValidationError(_("It cannot have been submitted in the future."))
    if on < report.snapshot.reference_date:
        raise ValidationError(_("It cannot have been submitted before the reference date of its figures."))
    report.submitted_on = on
    report.save(update_fields=["submitted_on"])


def decide(flagged: FlaggedCategory, user: Any, outcome: str, justification: str, on: date) -> None:
    """Record that a flagged category's gap is justified by objective, gender-neutral criteria, or was
    remedied (art. 10(1)(b), (c)); reopening clears the decision."""
    if outcome not in FlaggedCategory.Outcome.values:
        raise ValidationError(_("Choose an outcome."))
    if outcome != FlaggedCategory.Outcome.OPEN and not justification.strip():
        raise ValidationError(_("State the criteria, or what was done."))
    if on > timezone.localdate():
        raise ValidationError(_("The decision cannot be in the future."))
    flagged.outcome, flagged.justification = outcome, justification.strip()[:5000]
    flagged.decided_on, flagged.decided_by = (None, None) if outcome == FlaggedCategory.Outcome.OPEN else (on, user)
    flagged.save(update_fields=["outcome", "justification", "decided_on", "decided_by"])


@dataclass(frozen=True, slots=True)
class Clock:
    """Where a report stands under art. 10(1): the deadline, the days left, the categories still open,
    those remedied only after the deadline (which do not count), and whether a joint assessment is due."""

    deadline: date | None
    days_left: int | None
    open: tuple[FlaggedCategory, ...]
    late: tuple[FlaggedCategory, ...]
    assessment_due: bool


def clock(report: PayReport, today: date | None = None) -> Clock:
    """art. 10(1): a joint pay assessment is due when a category's gap is 5 % or more, is not justified,
    and was not remedied within six months of the report's submission. Before the deadline it is due only
    if the employer starts it; a remedy dated after the deadline does not count."""
    today = today or timezone.localdate()
    deadline = report.remedy_deadline
    flagged = list(report.flagged.all())
    still = tuple(f for f in flagged if f.outcome == FlaggedCategory.Outcome.OPEN)
    late = tuple(f for f in flagged if f.outcome == FlaggedCategory.Outcome.REMEDIED and deadline is not None
                 and f.decided_on is not None and f.decided_on > deadline)
    due = deadline is not None and today > deadline and bool(still or late)
    return Clock(deadline, None if deadline is None else (deadline - today).days, still, late, due)


def start_assessment(report: PayReport, on: date) -> JointAssessment:
    if not report.flagged.exists():
        raise ValidationError(_("No category of this report has a gap of 5 % or more."))
    if report.submitted_on is None:
        raise ValidationError(_("Record the day the report was submitted first."))
    if on < report.submitted_on or on > timezone.localdate():
        raise ValidationError(_("The assessment starts after the report was submitted, and not in the future."))
    return JointAssessment.objects.get_or_create(report=report, defaults={"started_on": on})[0]


def add_remedy(assessment: JointAssessment, data: dict[str, Any]) -> Remedy:
    if assessment.approved_at:
        raise ValidationError(_("An approved assessment cannot be changed."))
    return Remedy.objects.create(assessment=assessment, **data)


def carry_into_plan(remedy: Remedy, version: Any, user: Any) -> Any:
    """The remedy as a measure of an equality plan's editable version (plans app), linked both ways."""
    from paritas.web.plans import services as plans

    measure = plans.measure_from(
        version, user, remedy.assessment.report.organisation, title=remedy.description[:200],
        description=_("From the joint pay assessment of %(d)s (art. 10 of the Pay Transparency Directive).")
        % {"d": remedy.assessment.started_on.isoformat()},
        target_group=remedy.category, end=remedy.deadline, budget=remedy.cost)
    remedy.measure = measure
    remedy.save(update_fields=["measure"])
    return measure


def approve(assessment: JointAssessment, user: Any) -> None:
    if not assessment.reasons.strip():
        raise ValidationError(_("Write the reasons for the differences (art. 10(2)(d)) first."))
    assessment.approved_by, assessment.approved_at = user, timezone.now()
    assessment.save(update_fields=["approved_by", "approved_at"])


def make_available(assessment: JointAssessment, on: date) -> None:
    """art. 10(3): the approved assessment goes to the workers, their representatives, the monitoring body
    and, on request, the labour inspectorate; from this day workers see it in their desk."""
    if not assessment.approved_at:
        raise ValidationError(_("Approve the assessment first."))
    if on > timezone.localdate():
        raise ValidationError(_("It cannot have been made available in the future."))
    assessment.made_available_on = on
    assessment.save(update_fields=["made_available_on"])


# -- the content of the assessment (art. 10(2)) ---------------------------------------------------------

@dataclass(frozen=True, slots=True)
class CategoryRow:
    """One category's (a)–(c): women and men and their shares, mean pay by sex (basic, complementary or
    variable, total), the gaps; ``hidden`` where the group is below the suppression rule for this reader."""

    category: str
    women: int | None
    men: int | None
    women_share: float | None
    pay: tuple[float | None, float | None]
    basic_gap: float | None
    variable_gap: float | None
    mean_gap: float | None
    median_gap: float | None
    flag: bool
    hidden: bool


def category_rows(report: PayReport, full: bool) -> list[CategoryRow]:
    """art. 10(2)(a)–(c) for every category of the report's snapshot; ``full`` adds the flagged categories'
    figures withheld from publication (for representatives, the monitoring body, the inspectorate; art.
    12(3)). Categories below the rule that are not flagged stay hidden in both."""
    eu = eu_figures(report.snapshot) or {}
    restricted = {a["category"]: a for a in (report.snapshot.assessment or {}).get("assessment", [])} if full else {}
    rows = []
    for c in eu.get("categories", []):
        figures = restricted.get(c["category"])
        if figures is not None:
            w, m = figures.get("women"), figures.get("men")
            pay = (figures.get("mean_women"), figures.get("mean_men"))
            row = CategoryRow(c["category"], w, m, w / (w + m) if w is not None and m and w + m else None, pay,
                              None, None, figures.get("mean_gap"), figures.get("median_gap"), True, False)
        elif c.get("suppressed"):
            row = CategoryRow(c["category"], None, None, None, (None, None), None, None, None, None,
                              bool(c.get("flag")), True)
        else:
            w, m = c.get("women") or 0, c.get("men") or 0
            pay = c.get("pay") or {}
            row = CategoryRow(c["category"], w, m, w / (w + m) if w + m else None,
                              (pay.get("mean_women"), pay.get("mean_men")), (c.get("basic") or {}).get("mean_gap"),
                              (c.get("variable") or {}).get("mean_gap"), c.get("mean_gap"), c.get("median_gap"),
                              bool(c.get("flag")), False)
        rows.append(row)
    return rows


def leave_shares(assessment: JointAssessment) -> tuple[float | None, float | None]:
    """art. 10(2)(e): the share of the women and of the men back from leave who had a pay improvement."""
    def share(back: int | None, improved: int | None) -> float | None:
        return improved / back if back and improved is not None else None

    return (share(assessment.leave_women, assessment.leave_women_improved),
            share(assessment.leave_men, assessment.leave_men_improved))


# -- the report for the monitoring body (art. 9) ---------------------------------------------------------

def duty(organisation: Organisation, snapshot: Snapshot, on: date | None = None) -> ReportingDuty:
    """The organisation's reporting cycle by its number of workers in the snapshot (art. 9(2)–(4)): every
    row of the export is a worker, with pay or without."""
    return reporting_duty(snapshot.rows, on or timezone.localdate())


INDICATORS = (  # art. 9(1) (a)–(g), the keys of the published figures (schema paritas.paygap/1, "eu")
    ("a", "mean_gap"), ("b", "variable_mean_gap"), ("c", "median_gap"), ("d", "variable_median_gap"))


def monitoring_body(report: PayReport) -> dict[str, Any]:
    """The art. 9 report as a machine-readable document (schema ``paritas.art9/1``, docs/paytransparency.md
    § Reporting): only the published, suppressed figures, the employer's explanation, and the cycle. No
    member state has published a format of its own yet; this generic one is what Paritas writes."""
    snapshot, organisation = report.snapshot, report.organisation
    eu = eu_figures(snapshot) or {}
    cycle = duty(organisation, snapshot)
    return {
        "schema": "paritas.art9/1",
        "employer": {"name": organisation.name, "country": organisation.country},
        "reference_date": snapshot.reference_date.isoformat(),
        "submitted_on": report.submitted_on.isoformat() if report.submitted_on else None,
        "reporting_cycle_years": cycle.every,
        "workers": cycle.workers,
        "suppression": {"min_group_size": snapshot.min_group_size},
        "indicators": {
            "a_mean_gap": eu.get("mean_gap"), "b_variable_mean_gap": eu.get("variable_mean_gap"),
            "c_median_gap": eu.get("median_gap"), "d_variable_median_gap": eu.get("variable_median_gap"),
            "e_variable_pay_share": eu.get("variable_pay_share"),
            "f_quartiles": eu.get("quartiles"),
            "g_categories": [{k: c.get(k) for k in ("category", "women", "men", "mean_gap", "median_gap", "basic",
                                                     "variable", "flag", "suppressed")}
                             for c in eu.get("categories", [])],
        },
        "variable_components": eu.get("variable_components"),
        "explanation": report.explanation,
    }


def monitoring_body_json(report: PayReport) -> bytes:
    return json.dumps(monitoring_body(report), ensure_ascii=False, indent=2).encode()


def monitoring_body_rows(report: PayReport) -> tuple[list[str], list[list[Any]]]:
    """The same figures one per line (indicator, category, quartile, measure, value): a long table any
    spreadsheet or an authority's import reads. Written through paritas.reports.cells (no live formulas)."""
    data = monitoring_body(report)
    ind = data["indicators"]
    rows: list[list[Any]] = []
    for key in ("a_mean_gap", "b_variable_mean_gap", "c_median_gap", "d_variable_median_gap"):
        rows.append([key, "", "", "gap", ind[key]])
    shares = ind["e_variable_pay_share"] or {}
    rows += [["e_variable_pay_share", "", "", "women", shares.get("women")],
             ["e_variable_pay_share", "", "", "men", shares.get("men")]]
    for n, q in enumerate(ind["f_quartiles"] or [], start=1):
        rows += [["f_quartiles", "", q.get("band", n), "women_share", q.get("women")],
                 ["f_quartiles", "", q.get("band", n), "men_share", q.get("men")]]
    for c in ind["g_categories"]:
        rows += [["g_categories", c["category"], "", measure, c.get(measure)]
                 for measure in ("women", "men", "mean_gap", "median_gap")]
    rows.append(["explanation", "", "", "text", data["explanation"]])
    return ["indicator", "category", "quartile", "measure", "value"], rows
