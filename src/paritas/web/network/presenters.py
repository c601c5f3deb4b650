"""What the network pages show, prepared for the templates: a programme's speakers as people with their
organisation and role (marked when the organisation holds an award), and an event's times in its own time
zone."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from paritas.web.awards import register as awards_register
from paritas.web.network.models import Event, ProgrammeItem


@dataclass(frozen=True, slots=True)
class Speaker:
    name: str
    organisation: str
    role: str
    holder: bool


def speakers(item: ProgrammeItem, holders: set[str]) -> list[Speaker]:
    """The item's speakers, one a line as "name; organisation; role" (commas where no semicolon is used);
    ``holders`` are the lower-cased names of organisations holding an award."""
    out = []
    for line in item.speakers.splitlines():
        if not line.strip():
            continue
        parts = [p.strip() for p in (line.split(";") if ";" in line else line.split(","))]
        name, organisation, role = [*parts, "", ""][:3]
        if len(parts) > 3:
            role = ", ".join(parts[2:])
        out.append(Speaker(name, organisation, role, organisation.lower() in holders))
    return out


def holder_names() -> set[str]:
    """Names of organisations with a valid, published award (lower case)."""
    return {h.organisation.lower() for h in awards_register.holders()}


def programme(event: Event) -> list[dict[str, Any]]:
    holders = holder_names()
    return [{"item": item, "speakers": speakers(item, holders)} for item in event.programme.all()]
