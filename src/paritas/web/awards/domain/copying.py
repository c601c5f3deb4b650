"""Next year: a round's settings carried into the next year's round of the same programme (the catalogue
is the programme's, so it carries itself), and a programme duplicated with its catalogue and settings into
a new programme with that next round."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from paritas.web.awards.models import Area, Criterion, Programme, Question, Round, Stage


def a_year_later(moment: datetime, zone: str) -> datetime:
    """The same local date and time a year later in ``zone`` (29 February becomes 28 February)."""
    local = moment.astimezone(ZoneInfo(zone))
    try:
        shifted = local.replace(year=local.year + 1)
    except ValueError:
        shifted = local.replace(year=local.year + 1, day=28)
    return shifted.replace(tzinfo=None).replace(tzinfo=ZoneInfo(zone))


def _next_title(title: str) -> str:
    """'2026' → '2027', 'Runde 2026' → 'Runde 2027'; a title without a year gets the suffix " (+1)"."""
    import re

    years = list(re.finditer(r"(19|20)\d{2}", title))
    if not years:
        return f"{title} (+1)"
    last = years[-1]
    return title[:last.start()] + str(int(last.group()) + 1) + title[last.end():]


@transaction.atomic
def next_round(round_: Round, programme: Programme | None = None) -> Round:
    """The next year's round: title, call dates, time zone, fee and jury, and every stage with its dates,
    reviewers, sheet, rule and what each role sees, all a year later; in ``programme`` if given (a
    duplicated programme; then hidden questions are matched by position)."""
    programme = programme or round_.programme
    zone = round_.time_zone
    title = _next_title(round_.title)
    if programme.rounds.filter(title=title).exists():
        raise ValidationError(_("The programme already has a round “%(title)s”.") % {"title": title})
    new = Round.objects.create(programme=programme, title=title, opens_at=a_year_later(round_.opens_at, zone),
                               closes_at=a_year_later(round_.closes_at, zone), fee_note=round_.fee_note,
                               time_zone=zone)
    new.jurors.set(round_.jurors.all())
    new.stages.all().delete()  # the default stage; the old round's stages replace it
    questions = _question_map(round_.programme, programme)
    for stage in round_.stages.order_by("order", "pk"):
        copy = Stage.objects.create(
            round=new, order=stage.order, name=stage.name, opens_at=a_year_later(stage.opens_at, zone),
            closes_at=a_year_later(stage.closes_at, zone), sheet=stage.sheet, rule=stage.rule,
            rule_value=stage.rule_value, anonymised=stage.anonymised, redacted_terms="",
            other_reviews=stage.other_reviews, outcome_to_applicants=stage.outcome_to_applicants,
            reminder_days=stage.reminder_days)
        copy.reviewers.set(stage.reviewers.all())
        copy.redacted_questions.set([questions[q] for q in stage.redacted_questions.values_list("pk", flat=True)
                                     if q in questions])
    return new


def _question_map(old: Programme, new: Programme) -> dict[int, int]:
    if old.pk == new.pk:
        return {pk: pk for pk in Question.objects.filter(criterion__area__programme=old).values_list("pk", flat=True)}
    order = ["criterion__area__order", "criterion__area__pk", "criterion__order", "criterion__pk", "order", "pk"]
    a = Question.objects.filter(criterion__area__programme=old).order_by(*order).values_list("pk", flat=True)
    b = Question.objects.filter(criterion__area__programme=new).order_by(*order).values_list("pk", flat=True)
    return dict(zip(a, b, strict=False))


@transaction.atomic
def duplicate_programme(programme: Programme, slug: str, name: str, by: Any) -> Programme:
    """A new programme with the catalogue (areas, criteria with their rubric, questions) and settings of
    ``programme``, its administrators, and its latest round carried a year on. Awards and applications stay
    with the original."""
    if Programme.objects.filter(slug=slug).exists():
        raise ValidationError(_("This short name is taken."))
    copy = Programme.objects.create(
        name=name, slug=slug, awarding_body=programme.awarding_body, place=programme.place,
        chair_title=programme.chair_title, description=programme.description,
        eligible_types=list(programme.eligible_types), min_size=programme.min_size, max_size=programme.max_size,
        validity_years=programme.validity_years, languages=list(programme.languages), scoring=programme.scoring,
        checklist_threshold=programme.checklist_threshold)
    copy.administrators.set([*programme.administrators.all(), by])
    for area in programme.areas.prefetch_related("criteria__questions"):
        new_area = Area.objects.create(programme=copy, title=area.title, order=area.order)
        for criterion in area.criteria.all():
            new_criterion = Criterion.objects.create(area=new_area, title=criterion.title, order=criterion.order,
                                                     scale_max=criterion.scale_max, weight=criterion.weight,
                                                     minimum=criterion.minimum)
            Question.objects.bulk_create([
                Question(criterion=new_criterion, text=q.text, kind=q.kind, choices=list(q.choices),
                         required=q.required, order=q.order, structural_field=q.structural_field)
                for q in criterion.questions.all()])
    latest = programme.rounds.order_by("-closes_at").first()
    if latest is not None:
        next_round(latest, copy)
    return copy
