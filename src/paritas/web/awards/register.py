"""The public register of award holders: filters, counts by region with the ranking of regions, and the
same data as CSV and JSON. Only what the award makes public: organisation, place, programme, validity."""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Any

from django.db.models import Q

from paritas.web.awards.models import Award
from paritas.web.organisations.models import Region


def holders(year: int | None = None, region: int | None = None, sector: str = "", size: str = "",
            programme: str = "", today: date | None = None) -> Any:
    """Awards valid in ``year`` (default: today), optionally in a region (any level of the hierarchy),
    sector, size band (``-249``, ``250-999``, ``1000-``) or programme."""
    today = today or date.today()
    qs = Award.objects.select_related("organisation", "organisation__region", "programme")
    if year:
        qs = qs.filter(awarded_on__year__lte=year, valid_until__year__gte=year)
    else:
        qs = qs.filter(awarded_on__lte=today, valid_until__gte=today)
    if region:
        ids = _region_and_below(region)
        qs = qs.filter(organisation__region_id__in=ids)
    if sector:
        qs = qs.filter(organisation__sector=sector)
    if programme:
        qs = qs.filter(programme__slug=programme)
    if size:
        low, _, high = size.partition("-")
        if low:
            qs = qs.filter(organisation__size__gte=int(low))
        if high:
            qs = qs.filter(Q(organisation__size__lte=int(high)))
    return qs.order_by("organisation__name", "-awarded_on")


def _region_and_below(region_id: int) -> set[int]:
    ids, frontier = {region_id}, {region_id}
    while frontier:
        frontier = set(Region.objects.filter(parent_id__in=frontier).values_list("id", flat=True)) - ids
        ids |= frontier
    return ids


def region_ranking(awards: Any, kind: str = Region.Kind.REGION) -> list[tuple[int, str, int]]:
    """(rank, region, holders) for regions of ``kind`` (e.g. "Metropole Ruhr"), most holders first; equal
    counts share a rank."""
    counts: Counter[str] = Counter()
    for award in awards:
        node = award.organisation.region
        while node is not None and node.kind != kind:
            node = node.parent
        if node is not None:
            counts[node.name] += 1
    rows, rank, previous = [], 0, None
    for i, (name, n) in enumerate(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])), start=1):
        if n != previous:
            rank, previous = i, n
        rows.append((rank, name, n))
    return rows


def rows(awards: Any) -> list[dict[str, Any]]:
    out = []
    for a in awards:
        region = a.organisation.region
        out.append({"organisation": a.organisation.name, "programme": a.programme.name,
                    "place": region.name if region else "", "region": str(region) if region else "",
                    "sector": a.organisation.sector, "awarded_on": a.awarded_on.isoformat(),
                    "valid_until": a.valid_until.isoformat(),
                    "validity": f"{a.awarded_on.year}–{a.valid_until.year}", "award_number": a.number,
                    "badge": f"/register/badge/{a.pk}.svg"})
    return out
