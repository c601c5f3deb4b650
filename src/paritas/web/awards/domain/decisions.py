"""Decisions and awards: recorded after the round's close, valid in calendar years from the round's year;
awards about to expire, for the renewal reminder."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from paritas.web.awards.domain.applications import clean_text, when
from paritas.web.awards.models import (
    Application,
    Award,
    Decision,
)


def validity(year: int, years: int) -> tuple[date, date]:
    """First and last day of an award of ``year`` valid ``years`` calendar years: the award of the 2019
    round valid three years is "2019–2021" (seed 001), 1 January 2019 to 31 December 2021, with
    re-application in 2022 — whatever day of 2019 the jury decided."""
    return date(year, 1, 1), date(year + years - 1, 12, 31)


def valid_until(awarded_on: date, years: int) -> date:
    """The last day of validity of an award given in the year of ``awarded_on`` (see :func:`validity`)."""
    return validity(awarded_on.year, years)[1]


@transaction.atomic
def decide(application: Application, outcome: str, reasons: str, by: Any, on: date | None = None,
           now: datetime | None = None) -> Decision:
    """Record the jury's decision; an award gets its validity (the calendar years from its round's year)
    and its number for the organisation.

    A decision is recorded only once the round has closed (every application is in); an award that would
    overlap one the organisation still holds in the programme is refused. The decision can be changed until
    the chair approves the statement (then it has been communicated); changing it away from "award" takes
    the award back."""
    application.refresh_from_db(fields=["status"])
    if application.status != Application.Status.SUBMITTED:
        raise ValidationError(_("Only submitted applications can be decided."))
    round_ = application.round
    if outcome == Decision.Outcome.AWARD and not reached_final_stage(application):
        raise ValidationError(_("This application did not reach the round's last stage; it cannot be awarded."))
    if (now or timezone.now()) < round_.closes_at:
        raise ValidationError(_("The round closes on %(date)s; decisions can be recorded after the close.")
                              % {"date": " ".join(when(round_.closes_at, round_.time_zone))})
    if outcome not in Decision.Outcome.values:
        raise ValidationError(_("Choose award, not this time or defer."))
    if not clean_text(reasons).strip():
        raise ValidationError(_("Give the reasons for the decision."))
    existing = Decision.objects.select_for_update().filter(application=application).first()
    if existing is not None and existing.statement_approved_at is not None and existing.outcome != outcome:
        raise ValidationError(_("The statement on this decision is approved and has been communicated; the decision "
                                "can no longer be changed."))
    decision, _created = Decision.objects.update_or_create(
        application=application, defaults={"outcome": outcome, "reasons": reasons, "decided_by": by})
    awards = Award.objects.filter(application=application)
    if outcome == Decision.Outcome.AWARD and not awards.exists():
        on = on or timezone.localdate()
        programme = round_.programme
        start, end = validity(round_.award_year, programme.validity_years)
        for organisation in application.organisations():  # a joint application: one award each
            held = Award.objects.filter(organisation=organisation, programme=programme,
                                        valid_from__lte=end, valid_until__gte=start).order_by("valid_from").first()
            if held is not None:
                raise ValidationError(_("%(organisation)s holds this award for %(held)s; an award for %(new)s would "
                                        "overlap it. Decide “not this time” or “defer”, or apply again when it ends.")
                                      % {"organisation": organisation.name, "held": held.validity,
                                         "new": f"{start.year}–{end.year}"})
            number = Award.objects.filter(organisation=organisation, programme=programme).count() + 1
            Award.objects.create(organisation=organisation, programme=programme, application=application,
                                 awarded_on=on, valid_from=start, valid_until=end, number=number)
    elif outcome != Decision.Outcome.AWARD:
        awards.delete()
    return decision


def reached_final_stage(application: Application) -> bool:
    """Whether the application is in the round's last stage (a round with one stage: once submitted)."""
    last = application.round.stages.order_by("-order", "-pk").first()
    return last is not None and last.entries.filter(application=application).exists()


def validity_label(award: Award) -> str:
    """'2019–2021' for an award of 2019 valid three years."""
    return award.validity


def expiring(today: date, within_days: int = 180) -> Any:
    """Awards that expire within ``within_days`` and have had no reminder yet (invite to re-apply)."""
    return Award.objects.filter(valid_until__gte=today, valid_until__lte=today + timedelta(days=within_days),
                                reminder_sent_on__isnull=True).select_related("organisation", "programme")
