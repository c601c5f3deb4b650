"""Translations and locale formatting for everything outside Django (CLI, text, XLSX and PDF reports).

One catalogue serves the CLI and the web: ``src/paritas/locale/<lang>/LC_MESSAGES/django.po`` (the domain
Django's ``makemessages`` writes). Outside Django it is loaded straight from the ``.po`` file with Babel,
so the repository carries no compiled ``.mo`` files. English is the source language.
"""

from __future__ import annotations

import gettext
import io
from functools import cache
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.dates import format_date as _format_date
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_currency, format_decimal

from paritas.languages import LANGUAGES, default_language  # noqa: F401  (named here for the callers)

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
BABEL_LOCALES = {"de": "de_DE", "sv": "sv_SE", "en": "en_GB"}


@cache
def translation(lang: str) -> gettext.NullTranslations:
    """The catalogue for ``lang``; English (and any missing catalogue) falls back to the source text."""
    po = LOCALE_DIR / lang / "LC_MESSAGES" / "django.po"
    if lang == "en" or not po.exists():
        return gettext.NullTranslations()
    with po.open("rb") as fh:
        catalog = read_po(fh, locale=lang)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


class Translator:
    """gettext bound to one language, plus the locale's number and date formats."""

    def __init__(self, lang: str = "en"):
        if lang not in LANGUAGES:
            raise ValueError(f"unsupported language {lang!r}; choose one of {', '.join(LANGUAGES)}")
        self.lang = lang
        self._t = translation(lang)
        self.locale = Locale.parse(BABEL_LOCALES[lang])

    def __call__(self, message: str, /, **params: object) -> str:
        text = self._t.gettext(message)
        return text.format(**params) if params else text

    def n(self, singular: str, plural: str, count: int, /, **params: object) -> str:
        text = self._t.ngettext(singular, plural, count)
        return text.format(**params) if params else text

    def p(self, context: str, message: str, /, **params: object) -> str:
        text = self._t.pgettext(context, message)
        return text.format(**params) if params else text

    # -- numbers -----------------------------------------------------------------------------------
    def integer(self, value: int | None) -> str:
        """2984 → '2.984' (de), '2 984' (sv, no-break space), '2,984' (en)."""
        return "–" if value is None else format_decimal(value, locale=self.locale)

    def decimal(self, value: float | None, digits: int = 1) -> str:
        if value is None:
            return "–"
        return format_decimal(value, format=f"#,##0.{'0' * digits}" if digits else "#,##0", locale=self.locale)

    def percent(self, fraction: float | None, digits: int = 1) -> str:
        """0.5801 → '58,0 %' (de, sv) or '58.0%' (en); a hidden figure is '–'."""
        if fraction is None:
            return "–"
        number = self.decimal(fraction * 100, digits)
        return f"{number}%" if self.lang == "en" else f"{number}\u00a0%"

    def money(self, value: float | None, currency: str | None = None) -> str:
        """11.76 EUR → '11,76 €' (de, sv), '€11.76' (en); without a currency the plain number, 2 decimals."""
        if value is None:
            return "–"
        if not currency:
            return self.decimal(value, 2)
        return format_currency(value, currency, locale=self.locale)

    def date(self, value: object) -> str:
        return _format_date(value, format="long" if self.lang != "en" else "d MMMM y", locale=self.locale)


def language_of_locale(code: str) -> str | None:
    try:
        return Locale.parse(code.replace("-", "_")).language if code else None
    except (ValueError, UnknownLocaleError):
        return None
