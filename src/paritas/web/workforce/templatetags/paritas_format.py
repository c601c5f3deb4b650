"""Numbers in templates as the reader's language writes them (2.984 · 2 984 · 2,984; 58,0 %), through the
same Translator the reports use, so a page, a PDF and a workbook never disagree."""

from __future__ import annotations

from django import template
from django.utils.translation import get_language

from paritas.reports.i18n import LANGUAGES, Translator

register = template.Library()


def _translator() -> Translator:
    lang = (get_language() or "de")[:2]
    return Translator(lang if lang in LANGUAGES else "de")


@register.filter
def number(value: object) -> str:
    """A whole number with the language's thousands separator; anything else as it is."""
    try:
        return _translator().integer(int(value))  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return "" if value is None else str(value)


@register.filter
def percent(value: object, digits: int = 0) -> str:
    """A share (0.58) as a percentage in the language's format ('58 %', '58%'); '–' when hidden."""
    try:
        return _translator().percent(float(value), int(digits))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return "–"


@register.filter
def points(value: object, digits: int = 1) -> str:
    """A change of shares (0.052) in percentage points with its sign ('+5,2'); '–' when not known."""
    try:
        change = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return "–"
    text = _translator().decimal(abs(change) * 100, int(digits))
    return ("+" if change > 0 else "−" if change < 0 else "±") + text
