"""Numbers from forms and query strings (ids, pages, years, counts): one parser, so that no text a client
sends can reach ``int()`` unchecked (a superscript "²" passes ``str.isdigit`` and fails ``int``) or the
database out of range (PostgreSQL's bigint ends at 2⁶³ − 1)."""

from __future__ import annotations

from typing import Any

MAX_ID = 2**63 - 1


def parse_id(raw: object) -> int | None:
    """The non-negative whole number ``raw`` spells in ASCII digits, or None (empty, other characters, or
    beyond a database id)."""
    text = str(raw or "").strip()
    if not text or len(text) > 19 or not text.isascii() or not text.isdecimal():
        return None
    value = int(text)
    return value if value <= MAX_ID else None


def unique_slug(model: Any, text: str, fallback: str, length: int = 40) -> str:
    """A slug for a new row of ``model`` from ``text`` ('stadt-herne', then 'stadt-herne-2', …)."""
    from django.utils.text import slugify

    base = slugify(text)[:length] or fallback
    slug, n = base, 1
    while model.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug
