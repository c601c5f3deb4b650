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


def _svg(chart: alt.Chart) -> str:
    svg = vl_convert.vegalite_to_svg(chart.to_json())
    return svg.replace("<svg ", '<svg role="img" aria-hidden="true" focusable="false" ', 1)


def share_bars(title: str, rows: list[dict[str, Any]], label: str, share_label: str, fmt: Any) -> Chart:
    """Women's share per group as horizontal bars, with a 50 % rule."""
    data = [{"group": r["group"], "share": r["share"]} for r in rows if r.get("share") is not None]
    bars = alt.Chart(alt.Data(values=data)).mark_bar(color=WOMEN).encode(
        x=alt.X("share:Q", title=share_label, scale=alt.Scale(domain=[0, 1]), axis=alt.Axis(format="%")),
        y=alt.Y("group:N", title=label, sort=None))
    rule = alt.Chart(alt.Data(values=[{"x": 0.5}])).mark_rule(strokeDash=[4, 4], color="#333").encode(x="x:Q")
    chart = (bars + rule).properties(width=420, height=max(60, 18 * len(data)))
    table = [[r["group"], fmt(r.get("share"))] for r in rows]
    return Chart(title, _svg(chart), [label, share_label], table)


def stacked_bands(title: str, bands: list[dict[str, Any]], labels: dict[str, str], fmt: Any) -> Chart:
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
    return Chart(title, _svg(chart), [labels["band"], labels["women"], labels["men"]], table)


def trend_lines(title: str, points: list[dict[str, Any]], series: dict[str, str], labels: dict[str, str],
                fmt: Any, date_fmt: Any) -> Chart:
    """Shares over the snapshots' reference dates (e.g. women in leadership 2019 → 2025)."""
    data = [{"date": p["date"], "series": name, "value": p[key]} for p in points
            for key, name in series.items() if p.get(key) is not None]
    chart = alt.Chart(alt.Data(values=data)).mark_line(point=True).encode(
        x=alt.X("date:T", title=labels["date"]),
        y=alt.Y("value:Q", axis=alt.Axis(format="%"), scale=alt.Scale(domain=[0, 1]), title=labels["share"]),
        color=alt.Color("series:N", scale=alt.Scale(range=[WOMEN, MEN, "#5B5B00"]), title=None),
        strokeDash=alt.StrokeDash("series:N", title=None)).properties(width=420, height=200)
    table = [[date_fmt(p["date"]), *[fmt(p.get(key)) for key in series]] for p in points]
    return Chart(title, _svg(chart), [labels["date"], *series.values()], table)
