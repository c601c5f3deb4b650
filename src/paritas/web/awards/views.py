"""Public pages of the awards app: the register (HTML, CSV, JSON) and embeddable badges. The signed-in
pages are in views_applicant, views_jury and views_programme."""

from __future__ import annotations

import hashlib
from html import escape

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control

from paritas.web.awards import register
from paritas.web.awards.models import Programme
from paritas.web.downloads import csv_download
from paritas.web.ids import parse_id
from paritas.web.organisations.models import Organisation, Region

#: The levels the region ranking can count at (Germany's Länder and Sweden's län, or regions such as the Ruhr).
LEVELS = {"state": Region.Kind.STATE, "region": Region.Kind.REGION, "country": Region.Kind.COUNTRY}


def _level(request: HttpRequest) -> str:
    return LEVELS.get(request.GET.get("level", ""), Region.Kind.REGION)


def _filtered(request: HttpRequest):  # type: ignore[no-untyped-def]
    def number(name: str) -> int | None:
        return parse_id(request.GET.get(name))

    year = number("year")
    year = year if year is not None and 1900 <= year <= 9999 else None  # a date's year, else the current register
    return register.holders(year=year, region=number("region"), sector=request.GET.get("sector", ""),
                            size=request.GET.get("size", ""), programme=request.GET.get("programme", ""))


PAGE_SIZE = 100


def register_page(request: HttpRequest) -> HttpResponse:
    """Holders, 100 a page (the count and the region ranking cover all; CSV and JSON hold every row).

    The register itself is the same for everybody, so it is rendered once per filter, language and state
    of the register (see register.fingerprint) and kept for a minute in the shared cache; the page around
    it (navigation, sign-out, language switch) is rendered for each visitor."""
    key = "paritas:register:" + hashlib.sha256(repr((get_language(), sorted(request.GET.lists()),
                                                     register.fingerprint())).encode()).hexdigest()
    body = cache.get(key)
    if body is None:
        body = _register_html(request)
        cache.set(key, body, 60)
    return render(request, "awards/register.html", {"body": mark_safe(body)})  # rendered from our template


def _register_html(request: HttpRequest) -> str:
    awards = _filtered(request)
    regions = register.Regions()
    pages = max(1, -(-len(awards) // PAGE_SIZE))
    page = min(max(parse_id(request.GET.get("page")) or 1, 1), pages)
    shown = awards[(page - 1) * PAGE_SIZE:page * PAGE_SIZE]
    query = request.GET.copy()
    query.pop("page", None)
    return render_to_string("awards/_register_body.html", {
        "awards": register.rows(shown, regions), "total": len(register.unique_holders(awards)),
        "ranking": register.region_ranking(awards, _level(request), regions=regions),
        "levels": [("region", _("regions")), ("state", _("states (Länder, län)")), ("country", _("countries"))],
        "page": page, "pages": pages, "first": (page - 1) * PAGE_SIZE + 1 if awards else 0,
        "last": (page - 1) * PAGE_SIZE + len(shown),
        "programmes": Programme.objects.filter(add_on_to__isnull=True).order_by("name"),
        "regions": Region.objects.exclude(kind=Region.Kind.CITY).order_by("kind", "name"),
        "sectors": Organisation.Sector.choices, "query": query.urlencode(), "filters": request.GET,
        "sizes": [("-249", "< 250"), ("250-999", "250–999"), ("1000-", "≥ 1000")]}, request=None)


def register_csv(request: HttpRequest) -> HttpResponse:
    fields = ["organisation", "programme", "place", "region", "sector", "awarded_on", "valid_until", "validity",
              "award_number"]
    data = register.rows(_filtered(request), register.Regions())
    return csv_download(fields, ([row[f] for f in fields] for row in data), "register.csv")


def register_json(request: HttpRequest) -> JsonResponse:
    awards, regions = _filtered(request), register.Regions()
    return JsonResponse({"holders": register.rows(awards, regions),
                         "regions": [{"rank": r, "region": n, "holders": c} for r, n, c in
                                     register.region_ranking(awards, _level(request), regions=regions)]},
                        json_dumps_params={"ensure_ascii": False})


@cache_control(public=True, max_age=3600)
def badge(request: HttpRequest, pk: int) -> HttpResponse:
    """An SVG badge an award holder can embed: programme, organisation and validity, readable text."""
    award = get_object_or_404(register.published().select_related("organisation", "programme"), pk=pk)
    programme, organisation = escape(award.programme.name), escape(award.organisation.name)
    validity = award.validity
    svg = (f'<svg xmlns="http://www.w3.org/2000/svg" width="320" height="96" role="img" '
           f'aria-label="{programme} {validity}: {organisation}">'
           f'<rect width="320" height="96" rx="8" fill="#1F3A5F"/>'
           f'<text x="16" y="32" fill="#fff" font-family="sans-serif" font-size="16" font-weight="700">'
           f"{programme}</text>"
           f'<text x="16" y="56" fill="#fff" font-family="sans-serif" font-size="13">{organisation}</text>'
           f'<text x="16" y="80" fill="#fff" font-family="sans-serif" font-size="13">{validity}</text></svg>')
    return HttpResponse(svg, content_type="image/svg+xml")


