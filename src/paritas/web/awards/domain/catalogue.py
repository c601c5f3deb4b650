"""The criteria catalogue, edited in the browser: what may be removed, reworded or moved."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from paritas.web.awards.models import (
    Answer,
    Area,
    Criterion,
    Question,
    Score,
)


def catalogue_in_use(obj: Area | Criterion | Question) -> int:
    """How many answers or scores hang on this part of the catalogue: it can then be reworded, not removed."""
    if isinstance(obj, Question):
        return Answer.objects.filter(question=obj).exclude(value=None).count()
    if isinstance(obj, Criterion):
        return (Score.objects.filter(criterion=obj).count()
                + Answer.objects.filter(question__criterion=obj).exclude(value=None).count())
    return (Score.objects.filter(criterion__area=obj).count()
            + Answer.objects.filter(question__criterion__area=obj).exclude(value=None).count())


def remove_from_catalogue(obj: Area | Criterion | Question) -> None:
    used = catalogue_in_use(obj)
    if used:
        raise ValidationError(_("This is answered or scored %(n)s times in applications and cannot be removed; "
                                "change its wording instead.") % {"n": used})
    obj.delete()


def move_in_catalogue(obj: Area | Criterion | Question, step: int) -> None:
    """Move one place up (step −1) or down (+1) among its siblings; the order is renumbered 0, 1, 2 …"""
    if isinstance(obj, Area):
        siblings = list(Area.objects.filter(programme_id=obj.programme_id))
    elif isinstance(obj, Criterion):
        siblings = list(Criterion.objects.filter(area_id=obj.area_id))
    else:
        siblings = list(Question.objects.filter(criterion_id=obj.criterion_id))
    index = next(i for i, s in enumerate(siblings) if s.pk == obj.pk)
    target = index + step
    if 0 <= target < len(siblings):
        siblings[index], siblings[target] = siblings[target], siblings[index]
    with transaction.atomic():
        for order, sibling in enumerate(siblings):
            if sibling.order != order:
                type(sibling).objects.filter(pk=sibling.pk).update(order=order)


