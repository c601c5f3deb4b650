"""The public register of award holders: filters, counts by region with the ranking of regions, and the
same data as CSV and JSON. Only what the award makes public: organisation, place, programme, validity."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.validators import slug_re
from django.db.models import Count, Max, Q

from paritas.web.awards.models import Award
from paritas.web.ids import parse_id
from paritas.web.organisations.models import Organisation, Region


@dataclass(frozen=True, slots=True)
class Holder:
    """One award in the register: only what the award makes public."""

    award_id: int
    awarded_on: date
    valid_from: date
    valid_until: date
    number: int
    organisation_id: int
    organisation: str
    region_id: int | None
    sector: str
    programme: str


def published() -> Any:
    """Awards the public may see: those whose jury statement the chair has approved (the decision is then
    final and communicated), and awards recorded without an application (earlier rounds, imported). A
    decision alone is not public: it can still change until its statement is approved."""
    return Award.objects.filter(Q(application__isnull=True)
                                | Q(application__decision__statement_approved_at__isnull=False))


def holders(year: int | None = None, region: int | None = None, sector: str = "", size: str = "",
            programme: str = "", today: date | None = None) -> list[Holder]:
    """Awards valid in ``year`` (default: today), optionally in a region (any level of the hierarchy),
    sector, size band (``-249``, ``250-999``, ``1000-``) or programme; sorted by organisation, newest
    award first. Plain tuples from one query: a register of thousands needs no model instances."""
    today = today or date.today()
    qs = published()
    if year:
        qs = qs.filter(valid_from__year__lte=year, valid_until__year__gte=year)
    else:
        qs = qs.filter(valid_from__lte=today, valid_until__gte=today)
    if region:
        ids = _region_and_below(region)
        qs = qs.filter(organisation__region_id__in=ids)
    if sector:  # a sector or programme that is none holds no award (and no garbage reaches the query)
        qs = qs.filter(organisation__sector=sector) if sector in Organisation.Sector.values else qs.none()
    if programme:
        qs = qs.filter(programme__slug=programme) if slug_re.match(programme) else qs.none()
    if size:
        low, _, high = size.partition("-")
        low_n, high_n = parse_id(low), parse_id(high)
        if low_n is not None:
            qs = qs.filter(organisation__size__gte=low_n)
        if high_n is not None:
            qs = qs.filter(Q(organisation__size__lte=high_n))
    fields = ("pk", "awarded_on", "valid_from", "valid_until", "number", "organisation_id", "organisation__name",
              "organisation__region_id",
              "organisation__sector", "programme__name")
    return [Holder(*row) for row in qs.order_by("organisation__name", "-awarded_on").values_list(*fields)]


def fingerprint() -> tuple[int, int, str, str]:
    """Changes whenever a published award is added or removed, a statement approved (and every day): part
    of the cache key of the page."""
    found = published().aggregate(n=Count("pk"), last=Max("pk"),
                                  approved=Max("application__decision__statement_approved_at"))
    return found["n"], found["last"] or 0, str(found["approved"]), date.today().isoformat()


def _region_and_below(region_id: int) -> set[int]:
    ids, frontier = {region_id}, {region_id}
    while frontier:
        frontier = set(Region.objects.filter(parent_id__in=frontier).values_list("id", flat=True)) - ids
        ids |= frontier
    return ids


class Regions:
    """The whole region hierarchy in memory (a few hundred nodes at most), so the register names each
    holder's region and counts per region without a query per holder."""

    def __init__(self) -> None:
        self.nodes = {r.pk: r for r in Region.objects.all()}
        self._paths: dict[int, str] = {}

    def chain(self, region_id: int | None) -> list[Region]:
        """The region and the ones above it, top first."""
        out = []
        while region_id is not None and region_id in self.nodes:
            node = self.nodes[region_id]
            out.append(node)
            region_id = node.parent_id
        return out[::-1]

    def path(self, region_id: int | None) -> str:
        if region_id is None:
            return ""
        if region_id not in self._paths:
            self._paths[region_id] = Region.label(self.chain(region_id))
        return self._paths[region_id]

    def of_kind(self, region_id: int | None, kind: str) -> Region | None:
        return next((r for r in self.chain(region_id) if r.kind == kind), None)


def region_ranking(awards: list[Holder], kind: str = Region.Kind.REGION, regions: Regions | None = None
                   ) -> list[tuple[int, str, int]]:
    """(rank, region, holders) for regions of ``kind`` (e.g. "Metropole Ruhr"), most holders first; equal
    counts share a rank (standard competition ranking: 1, 2, 2, 4)."""
    regions = regions or Regions()
    counts: Counter[str] = Counter()
    for award in unique_holders(awards):  # an organisation with two programmes' awards counts once
        node = regions.of_kind(award.region_id, kind)
        if node is not None:
            counts[node.name] += 1
    rows, rank, previous = [], 0, None
    for i, (name, n) in enumerate(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])), start=1):
        if n != previous:
            rank, previous = i, n
        rows.append((rank, name, n))
    return rows


def unique_holders(awards: list[Holder]) -> list[Holder]:
    """One entry per organisation (its first, i.e. newest, award): the register counts holders, not awards."""
    seen: set[int] = set()
    out = []
    for award in awards:
        if award.organisation_id not in seen:
            seen.add(award.organisation_id)
            out.append(award)
    return out


def rows(awards: list[Holder], regions: Regions | None = None) -> list[dict[str, Any]]:
    regions = regions or Regions()
    out = []
    for a in awards:
        place = regions.nodes[a.region_id].name if a.region_id in regions.nodes else ""
        out.append({"organisation": a.organisation, "programme": a.programme,
                    "place": place, "region": regions.path(a.region_id),
                    "sector": a.sector, "awarded_on": a.awarded_on.isoformat(),
                    "valid_until": a.valid_until.isoformat(),
                    "validity": f"{a.valid_from.year}–{a.valid_until.year}", "award_number": a.number,
                    "badge": f"/register/badge/{a.award_id}.svg"})
    return out
