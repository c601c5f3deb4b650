"""What a campaign achieved: attendance of an event by organisation and by gender (small groups
suppressed by the one rule of paritas.analytics.privacy), the figures of each year (events, participants,
organisations reached, new award applicants among them) and the value of each goal (docs/network.md)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from django.db.models import Avg, Count, Min
from django.utils.translation import gettext as _

from paritas.analytics.privacy import SuppressionRule
from paritas.web.awards import register as awards_register
from paritas.web.awards.models import Application
from paritas.web.network.models import Campaign, Event, Feedback, Goal, Participation, Registration


@dataclass(frozen=True, slots=True)
class Attendance:
    """Who came (checked in) to an event: the total, by organisation (as given), and by gender with groups
    below the threshold hidden (``None``) so that none can be recovered from the total."""

    total: int
    by_organisation: tuple[tuple[str, int], ...]
    by_gender: tuple[tuple[str, int | None], ...]
    rule: SuppressionRule


def attendance(event: Event, rule: SuppressionRule | None = None) -> Attendance:
    rule = rule or SuppressionRule()
    came = event.registrations.filter(status=Registration.Status.CONFIRMED, checked_in_at__isnull=False)
    by_org = Counter((r or _("not stated")) for r in came.values_list("organisation_name", flat=True))
    genders = Counter(came.values_list("gender", flat=True))
    labels = (("f", _("women")), ("m", _("men")), ("d", _("other")), ("", _("not stated")))
    sizes = [genders.get(code, 0) for code, _label in labels]
    hidden = rule.hidden_groups(sizes)
    return Attendance(sum(sizes), tuple(sorted(by_org.items(), key=lambda kv: (-kv[1], kv[0]))),
                      tuple((label, None if i in hidden else sizes[i]) for i, (_code, label) in enumerate(labels)),
                      rule)


def feedback_summary(event: Event) -> dict[str, Any]:
    """The feedback given, without names: how many, the average rating, the comments."""
    given = Feedback.objects.filter(registration__event=event)
    found = given.aggregate(n=Count("pk"), average=Avg("rating"))
    return {"count": found["n"], "average": found["average"],
            "comments": [c for c in given.order_by("created_at").values_list("comment", flat=True) if c]}


@dataclass(frozen=True, slots=True)
class YearFigures:
    year: int
    events: int
    registered: int
    participants: int
    organisations: int
    new_applicants: int


def _year_of(moment: datetime, zone: str) -> int:
    return moment.astimezone(ZoneInfo(zone)).year


def _organisation_key(registration: dict[str, Any]) -> str:
    if registration["organisation_id"]:
        return f"#{registration['organisation_id']}"
    return " ".join((registration["organisation_name"] or "").lower().split())


def figures_by_year(campaign: Campaign) -> list[YearFigures]:
    """Per year of the campaign's events (in each event's time zone): events held, people registered
    (confirmed), participants (checked in), organisations reached (registered, by the organisation on the
    platform or else by the name given), and new award applicants among them: organisations first reached
    in that year whose first application to any award programme was started after that first event."""
    events = list(campaign.events.values("pk", "starts_at", "time_zone"))
    year_of = {e["pk"]: _year_of(e["starts_at"], e["time_zone"]) for e in events}
    starts = {e["pk"]: e["starts_at"] for e in events}
    registrations = list(Registration.objects.filter(event__campaign=campaign, status=Registration.Status.CONFIRMED)
                         .values("event_id", "organisation_id", "organisation_name", "checked_in_at"))
    first_reached: dict[int, tuple[datetime, int]] = {}
    for r in registrations:
        if r["organisation_id"]:
            seen = (starts[r["event_id"]], year_of[r["event_id"]])
            first_reached[r["organisation_id"]] = min(first_reached.get(r["organisation_id"], seen), seen)
    first_application = dict(Application.objects.filter(organisation_id__in=first_reached).values("organisation_id")
                             .annotate(first=Min("created_at")).values_list("organisation_id", "first"))
    out = []
    for year in sorted(set(year_of.values())):
        in_year = [r for r in registrations if year_of[r["event_id"]] == year]
        organisations = {_organisation_key(r) for r in in_year} - {""}
        new = sum(1 for org, (first, first_year) in first_reached.items()
                  if first_year == year and org in first_application and first_application[org] > first)
        out.append(YearFigures(year, sum(1 for y in year_of.values() if y == year), len(in_year),
                               sum(1 for r in in_year if r["checked_in_at"]), len(organisations), new))
    return out


def _members_in(campaign: Campaign, year: int) -> int:
    start, end = date(year, 1, 1), date(year, 12, 31)
    members = campaign.participations.filter(role=Participation.Role.MEMBER)
    return sum(1 for joined, left in members.values_list("joined_on", "left_on")
               if (joined is None or joined <= end) and (left is None or left >= start))


def goal_value(goal: Goal, by_year: dict[int, YearFigures] | None = None) -> int | None:
    """The figure a goal is measured by, for its year: award holders valid in the campaign's region (the
    public register, each organisation once), member organisations at any time of the year, a yearly
    figure of :func:`figures_by_year`, or the value entered by hand."""
    measure = goal.measure
    if measure == Goal.Measure.MANUAL:
        return goal.manual_value
    if measure == Goal.Measure.HOLDERS:
        if goal.campaign.region_id is None:
            return None
        held = awards_register.holders(year=goal.year, region=goal.campaign.region_id)
        return len(awards_register.unique_holders(held))
    if measure == Goal.Measure.MEMBERS:
        return _members_in(goal.campaign, goal.year)
    by_year = by_year if by_year is not None else {f.year: f for f in figures_by_year(goal.campaign)}
    figures = by_year.get(goal.year)
    if figures is None:
        return 0
    return {Goal.Measure.EVENTS: figures.events, Goal.Measure.PARTICIPANTS: figures.participants,
            Goal.Measure.ORGANISATIONS: figures.organisations,
            Goal.Measure.NEW_APPLICANTS: figures.new_applicants}[Goal.Measure(measure)]


def goals_with_values(campaign: Campaign) -> list[dict[str, Any]]:
    """Each goal with its value and the share of its target reached (for the progress bar)."""
    by_year = {f.year: f for f in figures_by_year(campaign)}
    out = []
    for goal in campaign.goals.all():
        value = goal_value(goal, by_year)
        share = None if value is None or not goal.target else min(100, round(100 * value / goal.target))
        out.append({"goal": goal, "value": value, "share": share})
    return out
