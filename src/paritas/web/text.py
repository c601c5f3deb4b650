"""Text as the databases can store it: one check for every form, service and import of the platform."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


def clean_text(text: str) -> str:
    """Text as it can be stored: a NUL character (pasted from some PDFs) is refused with a message, as
    Django's form fields do, instead of failing in the database (PostgreSQL refuses NUL in text)."""
    if "\x00" in text:
        raise ValidationError(_("The text contains a character that cannot be stored (NUL); remove it."))
    return text
