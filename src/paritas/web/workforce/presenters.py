"""Snapshot statistics (stored JSON) as what a page or a PDF shows: labelled rows in the user's locale."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.utils.translation import gettext as _

from paritas.reports.i18n import Translator
from paritas.web import pdf
from paritas.web.workforce import charts
from paritas.web.workforce.models import Snapshot

DIMENSIONS = {"pay_grade": "By pay grade", "career_group": "By career group", "leadership_level": "By leadership level",
              "department": "By department",
              "category": "By category of workers", "contract": "By contract type", "age_band": "By age band",
              "working_time": "By working time"}


def _count_row(label: str, c: dict[str, Any] | None, t: Translator) -> list[str] | None:
    if c is None:
        return None
    if c.get("suppressed"):
        return [label, t("hidden"), "–", "–", "–", "–"]
    rare = None if c.get("other") is None or c.get("not_stated") is None else c["other"] + c["not_stated"]
    return [label, t.integer(c.get("total")), t.integer(c.get("women")), t.integer(c.get("men")),
            t.integer(rare) if rare is not None else "–", t.percent(c.get("women_share"))]


def _group_label(dimension: str, group: str, t: Translator) -> str:
    from paritas.reports.structure import group_label

    return group_label(dimension, group, t)


def ordered_breakdowns(data: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """The stored breakdowns in the order the structure computes them (pay grade, leadership level, …).
    PostgreSQL's jsonb keeps object keys in its own order, so the stored dict's order cannot be relied on."""
    breakdowns = data.get("breakdowns") or {}
    order = list(DIMENSIONS)
    return sorted(breakdowns.items(), key=lambda kv: order.index(kv[0]) if kv[0] in order else len(order))


def structure_tables(s: Snapshot, t: Translator) -> list[dict[str, Any]]:
    data = s.structure
    header = [t("Group"), t("People"), t("Women"), t("Men"), t("Other / not stated"), t("Women's share")]
    overview = [r for r in (
        # the schema keeps the whole workforce's share at the top level (paritas.structure/1)
        _count_row(t("All employees"), {**(data.get("employees") or {}), "women_share": data.get("women_share")}, t),
        _count_row(t("Leadership positions"), data.get("leadership"), t),
        _count_row(t("Part-time"), data.get("part_time"), t),
        _count_row(t("Leading part-time"), data.get("leadership_part_time"), t),
        _count_row(t("Trainees"), data.get("trainees"), t),
        _count_row(t("Hired this year"), (data.get("events") or {}).get("hired"), t),
        _count_row(t("Promoted this year"), (data.get("events") or {}).get("promoted"), t),
        _count_row(t("Left this year"), (data.get("events") or {}).get("left"), t),
    ) if r is not None]
    tables = [{"title": t("Overview"), "header": header, "rows": overview}]
    for dimension, b in ordered_breakdowns(data):
        rows = [_count_row(_group_label(dimension, r["group"], t), r, t) for r in b["rows"]]
        tables.append({"title": t(DIMENSIONS.get(dimension, dimension)), "header": header, "rows": rows})
    return tables


def structure_charts(s: Snapshot, t: Translator) -> list[charts.Chart]:
    out = []
    grades = (s.structure.get("breakdowns") or {}).get("pay_grade")
    if grades:
        rows = [{"group": r["group"] or t("(not given)"), "share": None if r.get("suppressed") else r["women_share"]}
                for r in grades["rows"]]
        out.append(charts.share_bars(t("Women's share by pay grade"), rows, t("Pay grade"), t("Women's share"),
                                     t.percent, t.lang))
    levels = (s.structure.get("breakdowns") or {}).get("leadership_level")
    if levels:
        rows = [{"group": _group_label("leadership_level", r["group"], t),
                 "share": None if r.get("suppressed") else r["women_share"]} for r in levels["rows"]]
        out.append(charts.share_bars(t("Women's share by leadership level"), rows, t("Leadership level"),
                                     t("Women's share"), t.percent, t.lang))
    return out


def paygap_view(s: Snapshot, t: Translator) -> dict[str, Any] | None:
    from paritas.reports.paygap import BANDS, RATINGS, WITHHELD, components_label

    g = s.paygap
    if not g or "eu" not in g:
        return None
    eu = g["eu"]
    components = components_label(eu.get("variable_components"), t)
    annual = eu.get("annual") or {}
    figures = [
        [t("(a) mean gap, gross hourly pay"), t.percent(eu.get("mean_gap"))],
        [t("(b) mean gap, {components} (recipients)", components=components), t.percent(eu.get("variable_mean_gap"))],
        [t("(c) median gap, gross hourly pay"), t.percent(eu.get("median_gap"))],
        [t("(d) median gap, {components} (recipients)", components=components),
         t.percent(eu.get("variable_median_gap"))],
    ]
    share = eu.get("variable_pay_share") or {}
    figures.append([t("(e) receiving {components}: women / men", components=components),
                    f"{t.percent(share.get('women'))} / {t.percent(share.get('men'))}"])
    if annual:
        figures += [[t("mean gap, gross annual pay (art. 3(1)(b))"), t.percent(annual.get("mean_gap"))],
                    [t("median gap, gross annual pay (art. 3(1)(b))"), t.percent(annual.get("median_gap"))]]
    band_names = [BANDS[b["band"] - 1] for b in eu.get("quartiles", [])]
    bands = [{**b, "label": t(name)} for b, name in zip(eu.get("quartiles", []), band_names, strict=True)]
    band_chart = charts.stacked_bands(
        t("(f) Women and men in each quartile pay band"), bands,
        {"women": t("Women"), "men": t("Men"), "share": t("Share of the band"), "band": t("Pay band")}, t.percent,
        t.lang)
    categories = [[c["category"], t.integer(c.get("women")) if c.get("women") is not None else "–",
                   t.integer(c.get("men")) if c.get("men") is not None else "–", t.percent(c.get("mean_gap")),
                   t.percent(c.get("median_gap")),
                   _flag(c, t)] for c in eu.get("categories", [])]
    logib = g.get("logib") or {}
    return {"figures": figures, "bands": band_chart, "categories": categories,
            "category_header": [t("Category"), t("Women"), t("Men"), t("Mean gap"), t("Median gap"), t("Art. 10")],
            "flagged": eu.get("flagged_categories", []),
            "withheld": eu.get("withheld_categories", []), "withheld_text": t(WITHHELD),
            "logib": logib if logib.get("available") else None,
            "logib_effect": t.percent(logib.get("kennedy_estimate", logib.get("gender_effect")))
            if logib.get("available") else None,
            "logib_rating": t(RATINGS[logib["rating"]]) if logib.get("rating") in RATINGS else "",
            "logib_missing": logib.get("missing_factors") or []}


def _flag(c: dict[str, Any], t: Translator) -> str:
    if c.get("flag") is None:
        return ""
    if c.get("withheld"):
        return t("≥ 5 %: assess (figures withheld)")
    return t("≥ 5 %: assess") if c["flag"] else t("below 5 %")


def assessment_rows(s: Snapshot, t: Translator) -> list[list[str]]:
    """The gaps of flagged categories withheld from publication (art. 10), for owners and analysts only."""
    rows = []
    for a in (s.assessment or {}).get("assessment", []):
        rows.append([a["category"], t.integer(a.get("women")), t.integer(a.get("men")), t.percent(a.get("mean_gap")),
                     t.percent(a.get("median_gap"))])
    return rows


def trend_chart(points: list[dict[str, Any]], t: Translator) -> charts.Chart | None:
    if len(points) < 2:
        return None
    return charts.trend_lines(
        t("Women's share over time"), points,
        {"women_share": t("Women's share, all employees"), "leadership_women_share": t("Women's share in leadership")},
        {"date": t("Reference date"), "share": t("Women's share")}, t.percent,
        lambda d: t.date(date.fromisoformat(d)), t.lang)


def dashboard_context(s: Snapshot, lang: str) -> dict[str, Any]:
    t = Translator(lang)
    return {"snapshot": s, "summary": s.summary.get(lang, []), "tables": structure_tables(s, t),
            "charts": structure_charts(s, t), "paygap": paygap_view(s, t),
            "rule": _("Groups with fewer than %(k)s people are hidden (–), together with as many further groups as "
                      "needed so that no hidden figure can be worked out from the totals.") % {"k": s.min_group_size},
            "reference_date": t.date(s.reference_date)}


def method_notes(s: Snapshot, t: Translator) -> list[list[str]]:
    """Each figure of the report with its definition and its source (law, article, or the method)."""
    notes = [
        [t("People"), t("Rows of the export, one per employment: heads, not full-time equivalents."),
         t("Paritas HR data contract (docs/hr-data.md)")],
        [t("Women's share"), t("Women divided by everyone in the group, including people of other or no stated "
                               "gender."), t("Paritas method (docs/methodology.md)")],
        [t("Leadership positions"), t("Everyone whose leadership level is 1 (top) or lower in the hierarchy."),
         t("Paritas HR data contract (docs/hr-data.md)")],
        [t("Part-time"), t("Contractual weekly hours below the full-time hours of the job."),
         t("Paritas HR data contract (docs/hr-data.md)")],
        [t("Hidden groups"), t("Groups with fewer than {k} people are hidden, with as many further groups as "
                               "needed so that no hidden figure follows from the totals.", k=s.min_group_size),
         t("GDPR art. 5(1)(c); Directive (EU) 2023/970 art. 12(3)")],
    ]
    if s.paygap and "eu" in s.paygap:
        notes += [
            [t("(a) mean gap, gross hourly pay"), t("(Men's mean gross hourly pay − women's) ÷ men's, with basic "
                                                    "pay and complementary or variable components."),
             t("Directive (EU) 2023/970 art. 3(1)(c), art. 9(1)(a)")],
            [t("(b) mean gap, complementary or variable components (recipients)"),
             t("The same for complementary or variable components (allowances and bonus), among the women and men "
               "who receive them."),
             t("Directive (EU) 2023/970 art. 9(1)(b)")],
            [t("(c) median gap, gross hourly pay"), t("(Men's median gross hourly pay − women's) ÷ men's."),
             t("Directive (EU) 2023/970 art. 3(1)(e), art. 9(1)(c)")],
            [t("(d) median gap, complementary or variable components (recipients)"),
             t("The same as a median, among recipients."), t("Directive (EU) 2023/970 art. 9(1)(d)")],
            [t("(e) receiving complementary or variable components: women / men"),
             t("Share of women and of men who receive complementary or variable components."),
             t("Directive (EU) 2023/970 art. 9(1)(e)")],
            [t("mean gap, gross annual pay (art. 3(1)(b))"),
             t("(Men's mean gross annual pay − women's) ÷ men's; the same as a median. Part-time work lowers "
               "annual pay, not hourly pay."), t("Directive (EU) 2023/970 art. 3(1)(b)")],
            [t("(f) Women and men in each quartile pay band"), t("Everyone ranked by gross hourly pay and cut into "
                                                                 "four bands of equal size; ties shared by gender."),
             t("Directive (EU) 2023/970 art. 3(1)(f), art. 9(1)(f)")],
            [t("(g) Gap by category of workers, with the art. 10 test"),
             t("The gaps within each category of workers doing the same work or work of equal value; a mean gap of "
               "5 % or more calls for a joint pay assessment unless justified or remedied within six months."),
             t("Directive (EU) 2023/970 art. 3(1)(h), art. 9(1)(g), art. 10(1)")],
            [t("Figures withheld"), t("A category flagged under art. 10 whose figures would single out people is "
                                      "named, and its figures are withheld from the report; its owners and analysts "
                                      "see them on the dashboard."),
             t("Directive (EU) 2023/970 art. 10(1), art. 12(3)")],
        ]
    if (s.paygap or {}).get("logib", {}).get("available"):
        notes.append([t("Logib standard analysis"), t("Regression of the logarithm of standardised pay on "
                                                      "education, experience, years of service, level of "
                                                      "requirements and position; the gender coefficient."),
                      t("Swiss Gender Equality Act (GlG) art. 13a–13c; federal Logib method")])
    return notes


def report_context(s: Snapshot, organisation: Any, user: Any, lang: str) -> dict[str, Any]:
    """Everything the printed report shows: the dashboard's figures plus a cover (organisation, reference
    date, data source, who produced it and when), contents and method notes with their sources."""
    from django.utils import timezone

    from paritas import __version__

    t = Translator(lang)
    context = dashboard_context(s, lang)
    author = (getattr(user, "get_full_name", lambda: "")() or getattr(user, "email", "")) if user else ""
    context.update(
        organisation=organisation, lang=lang, method_notes=method_notes(s, t),
        method_header=[t("Figure"), t("Definition"), t("Source")],
        source_name=s.source_name, uploaded_on=t.date(timezone.localtime(s.created_at).date()), rows=t.integer(s.rows),
        produced_by=author, produced_on=t.date(timezone.localdate()), version=__version__,
        **pdf.page_css(t, f"{organisation.name} · {context['reference_date']}"))
    return context
