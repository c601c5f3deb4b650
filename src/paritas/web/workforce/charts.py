"""The one chart helper: Altair specifications rendered to SVG on the server with vl-convert, each with
the table of its data for screen readers and for copying (WCAG 2.1 1.1.1, 1.4.1: colour is never the only
carrier of meaning; every chart has its table)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import altair as alt
import vl_convert

WOMEN, MEN = "#8E2C48", "#1F5F8B"  # both ≥ 4.5:1 against white


@dataclass(frozen=True)
class Chart:
    title: str
    svg: str
    header: list[str]
    rows: list[list[str]]


#: d3 locales of the reports' languages: month names and dates on the axes ...
LOCALES = {"de": "de-DE", "sv": "sv-SE", "en": "en-GB"}
#: ... and numbers as the Translator writes them ('58 %' with a no-break space in German and Swedish).
NUMBER_LOCALES = {
    "de": {"decimal": ",", "thousands": ".", "grouping": [3], "currency": ["", "\u00a0€"], "percent": "\u00a0%"},
    "sv": {"decimal": ",", "thousands": "\u00a0", "grouping": [3], "currency": ["", "\u00a0kr"],
           "percent": "\u00a0%"},
    "en": {"decimal": ".", "thousands": ",", "grouping": [3], "currency": ["£", ""], "percent": "%"},
}


def _svg(chart: alt.Chart, lang: str) -> str:
    """The chart as SVG with the language's number and date formats; data is inline, nothing is fetched."""
    svg = vl_convert.vegalite_to_svg(chart.to_json(), format_locale=NUMBER_LOCALES.get(lang, NUMBER_LOCALES["en"]),
                                     time_format_locale=LOCALES.get(lang, "en-GB"), allowed_base_urls=[])
    return svg.replace("<svg ", '<svg role="img" aria-hidden="true" focusable="false" ', 1)


def share_bars(title: str, rows: list[dict[str, Any]], label: str, share_label: str, fmt: Any, lang: str) -> Chart:
    """Women's share per group as horizontal bars, with a 50 % rule."""
    data = [{"group": r["group"], "share": r["share"]} for r in rows if r.get("share") is not None]
    bars = alt.Chart(alt.Data(values=data)).mark_bar(color=WOMEN).encode(
        x=alt.X("share:Q", title=share_label, scale=alt.Scale(domain=[0, 1]), axis=alt.Axis(format="%")),
        y=alt.Y("group:N", title=label, sort=None))
    rule = alt.Chart(alt.Data(values=[{"x": 0.5}])).mark_rule(strokeDash=[4, 4], color="#333").encode(x="x:Q")
    chart = (bars + rule).properties(width=420, height=max(60, 18 * len(data)))
    table = [[r["group"], fmt(r.get("share"))] for r in rows]
    return Chart(title, _svg(chart, lang), [label, share_label], table)


def stacked_bands(title: str, bands: list[dict[str, Any]], labels: dict[str, str], fmt: Any, lang: str) -> Chart:
    """Women and men in each quartile pay band, lowest first."""
    data = []
    for b in bands:
        if b.get("suppressed"):
            continue
        data += [{"band": b["label"], "gender": labels["women"], "share": b["women"], "order": 0},
                 {"band": b["label"], "gender": labels["men"], "share": b["men"], "order": 1}]
    chart = alt.Chart(alt.Data(values=data)).mark_bar().encode(
        x=alt.X("share:Q", stack="normalize", axis=alt.Axis(format="%"), title=labels["share"]),
        y=alt.Y("band:N", sort=None, title=labels["band"]),
        color=alt.Color("gender:N", scale=alt.Scale(range=[WOMEN, MEN]), title=None),
        order="order:Q").properties(width=420, height=120)
    table = [[b["label"], fmt(b.get("women")), fmt(b.get("men"))] for b in bands]
    return Chart(title, _svg(chart, lang), [labels["band"], labels["women"], labels["men"]], table)


def trend_lines(title: str, points: list[dict[str, Any]], series: dict[str, str], labels: dict[str, str],
                fmt: Any, date_fmt: Any, lang: str) -> Chart:
    """Shares over the snapshots' reference dates (e.g. women in leadership 2019 → 2025); the time axis has
    a tick at each reference date, labelled as the language writes dates (31.12.2019, 2019-12-31)."""
    data = [{"date": p["date"], "series": name, "value": p[key]} for p in points
            for key, name in series.items() if p.get(key) is not None]
    chart = alt.Chart(alt.Data(values=data)).mark_line(point=True).encode(
        x=alt.X("date:T", title=labels["date"], axis=alt.Axis(values=sorted({p["date"] for p in points}),
                                                               format="%x", labelAngle=0)),
        y=alt.Y("value:Q", axis=alt.Axis(format="%"), scale=alt.Scale(domain=[0, 1]), title=labels["share"]),
        color=alt.Color("series:N", scale=alt.Scale(range=[WOMEN, MEN, "#5B5B00"]), title=None),
        strokeDash=alt.StrokeDash("series:N", title=None)).properties(width=420, height=200)
    table = [[date_fmt(p["date"]), *[fmt(p.get(key)) for key in series]] for p in points]
    return Chart(title, _svg(chart, lang), [labels["date"], *series.values()], table)


def grouped_bars(title: str, groups: list[str], series: list[tuple[str, str]], values: list[list[float | None]],
                 labels: dict[str, str], fmt: Any, lang: str) -> Chart:
    """Amounts of a few series (``series``: key, label; women and men get their colours) side by side for
    each group, as horizontal bars; ``values[i][j]`` is group i's amount of series j (None: hidden)."""
    palette = {"women": WOMEN, "men": MEN}
    colours = [palette.get(key, ("#4A4A4A", "#8A6D00", "#2E6B3A")[j % 3]) for j, (key, _l) in enumerate(series)]
    data = [{"group": g, "series": label, "value": v, "order": j}
            for i, g in enumerate(groups) for j, (_k, label) in enumerate(series)
            if (v := values[i][j]) is not None]
    chart = alt.Chart(alt.Data(values=data)).mark_bar().encode(
        x=alt.X("value:Q", title=labels["value"]),
        y=alt.Y("group:N", sort=None, title=labels["group"], axis=alt.Axis(labelLimit=240)),
        yOffset=alt.YOffset("series:N", sort=[label for _k, label in series]),
        color=alt.Color("series:N", scale=alt.Scale(domain=[label for _k, label in series], range=colours),
                        title=None)).properties(width=420, height=max(60, 14 * len(groups) * len(series)))
    table = [[g, *[fmt(v) for v in values[i]]] for i, g in enumerate(groups)]
    return Chart(title, _svg(chart, lang), [labels["group"], *[label for _k, label in series]], table)
