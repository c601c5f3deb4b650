"""Public pages of the awards app: the register (HTML, CSV, JSON) and embeddable badges. Signed-in pages
for applicants, jurors and administrators are still to come (see the issue note)."""

from __future__ import annotations

import csv
import io
from html import escape

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import cache_control

from paritas.web.awards import register
from paritas.web.awards.models import Award, Programme
from paritas.web.organisations.models import Organisation, Region


def _filtered(request: HttpRequest):  # type: ignore[no-untyped-def]
    def number(name: str) -> int | None:
        value = request.GET.get(name, "")
        return int(value) if value.isdigit() else None

    return register.holders(year=number("year"), region=number("region"), sector=request.GET.get("sector", ""),
                            size=request.GET.get("size", ""), programme=request.GET.get("programme", ""))


def register_page(request: HttpRequest) -> HttpResponse:
    awards = list(_filtered(request))
    return render(request, "awards/register.html", {
        "awards": register.rows(awards), "ranking": register.region_ranking(awards),
        "programmes": Programme.objects.filter(add_on_to__isnull=True).order_by("name"),
        "regions": Region.objects.exclude(kind=Region.Kind.CITY).order_by("kind", "name"),
        "sectors": Organisation.Sector.choices, "query": request.GET.urlencode(), "filters": request.GET})


def register_csv(request: HttpRequest) -> HttpResponse:
    data = register.rows(_filtered(request))
    buffer = io.StringIO()
    fields = ["organisation", "programme", "place", "region", "sector", "awarded_on", "valid_until", "validity",
              "award_number"]
    writer = csv.DictWriter(buffer, fieldnames=fields, extrasaction="ignore")
    writer.writeheader()
    writer.writerows(data)
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="register.csv"'
    return response


def register_json(request: HttpRequest) -> JsonResponse:
    awards = list(_filtered(request))
    return JsonResponse({"holders": register.rows(awards),
                         "regions": [{"rank": r, "region": n, "holders": c} for r, n, c in
                                     register.region_ranking(awards)]}, json_dumps_params={"ensure_ascii": False})


@cache_control(public=True, max_age=3600)
def badge(request: HttpRequest, pk: int) -> HttpResponse:
    """An SVG badge an award holder can embed: programme, organisation and validity, readable text."""
    award = get_object_or_404(Award.objects.select_related("organisation", "programme"), pk=pk)
    programme, organisation = escape(award.programme.name), escape(award.organisation.name)
    validity = f"{award.awarded_on.year}–{award.valid_until.year}"
    svg = (f'<svg xmlns="http://www.w3.org/2000/svg" width="320" height="96" role="img" '
           f'aria-label="{programme} {validity}: {organisation}">'
           f'<rect width="320" height="96" rx="8" fill="#1F3A5F"/>'
           f'<text x="16" y="32" fill="#fff" font-family="sans-serif" font-size="16" font-weight="700">'
           f"{programme}</text>"
           f'<text x="16" y="56" fill="#fff" font-family="sans-serif" font-size="13">{organisation}</text>'
           f'<text x="16" y="80" fill="#fff" font-family="sans-serif" font-size="13">{validity}</text></svg>')
    return HttpResponse(svg, content_type="image/svg+xml")


