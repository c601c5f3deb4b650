"""Links from plan measures and award criteria to the library: the published entries an entry's editor
related to them (docs/library.md)."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import translation

from paritas.web.library import services
from paritas.web.library.models import Entry

register = template.Library()


def _found(entries: Any) -> list[services.Found]:
    language = translation.get_language() or "de"
    return [services.Found(e, services._text_for(e, language))
            for e in entries.filter(status=Entry.Status.PUBLISHED).prefetch_related("texts").distinct()
            if e.texts.all()]


@register.simple_tag
def library_for_criterion(criterion: Any) -> list[services.Found]:
    """Published entries related to an award criterion."""
    return _found(Entry.objects.filter(criteria=criterion))


@register.simple_tag
def library_for_measures(measures: Any) -> list[services.Found]:
    """Published entries related to the library measures that a plan's measures were taken from."""
    keys = {getattr(m, "library_key", "") for m in measures} - {""}
    if not keys:
        return []
    return [f for f in _found(Entry.objects.all()) if keys & set(f.entry.measure_keys)]
