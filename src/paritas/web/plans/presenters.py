"""What the plan pages and the printed plan show: the structure analysis over the chosen reference dates,
the targets with their progress, the measures — labelled and formatted in the reader's language.

Called inside ``translation.override(lang)`` (the models' choice labels are Django's lazy translations);
``t`` formats numbers and dates for the same language."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from paritas.reports import labels
from paritas.reports.i18n import Translator
from paritas.web.plans import progress, services
from paritas.web.plans.models import Measure, PlanVersion, Target


def _(message: str) -> str:
    """Marks a message for extraction; ``t`` translates it where it is shown."""
    return message


#: The breakdowns an equality plan's structure analysis shows, in this order.
ANALYSIS = (("pay_grade", _("By pay grade")), ("career_group", _("By career group")),
            ("leadership_level", _("By leadership level")))
STATUS_LABELS = {progress.MET: _("met"), progress.MISSED: _("missed"), progress.ON_COURSE: _("on course"),
                 progress.OFF_COURSE: _("off course"), progress.NO_DATA: _("no data yet")}


@dataclass
class Table:
    caption: str
    header: list[str]
    rows: list[list[str]]


def _share(t: Translator, value: float | None) -> str:
    return "–" if value is None else t.percent(value)


def date_labels(t: Translator, dates: list[Any]) -> list[str]:
    """Column heads for reference dates: the year where every date is a 31 December of its own year (as
    equality plans count), else the short date of the reader's locale (31.12.24, 2024-12-31)."""
    from babel.dates import format_date

    if all((d.month, d.day) == (12, 31) for d in dates) and len({d.year for d in dates}) == len(dates):
        return [str(d.year) for d in dates]
    return [format_date(d, format="short", locale=t.locale) for d in dates]


def analysis(version: PlanVersion, t: Translator, points: list[progress.Point] | None = None) -> list[Table]:
    """Women's share over the reference dates: the workforce and leadership, then each breakdown, by heads
    and (where the exports allow) by full-time equivalents."""
    points = points if points is not None else services.points(version)
    if not points:
        return []
    dates = date_labels(t, [p.date for p in points])
    header = [t("Group"), *[f"{d} ({t('heads')})" for d in dates], *[f"{d} ({t('FTE')})" for d in dates]]
    with_fte = any(progress.observe(p, "workforce", "", "fte").value is not None for p in points)
    if not with_fte:
        header = [t("Group"), *dates]

    def row(label: str, area: str, group: str = "") -> list[str]:
        heads = [_share(t, progress.observe(p, area, group, "heads").value) for p in points]
        fte = [_share(t, progress.observe(p, area, group, "fte").value) for p in points] if with_fte else []
        return [label, *heads, *fte]

    tables = [Table(t("Women's share overall and in leadership"), header,
                    [row(t("all employees"), "workforce"), row(t("leadership positions"), "leadership")])]
    for dimension, caption in ANALYSIS:
        groups: list[str] = []
        for p in points:
            for r in ((p.structure.get("breakdowns") or {}).get(dimension) or {}).get("rows", []):
                if r.get("group") not in groups and r.get("group") not in (None, ""):
                    groups.append(str(r["group"]))
        if not groups:
            continue
        from paritas.analytics.structure import natural_key

        if dimension != "leadership_level":
            groups.sort(key=natural_key)
        else:
            groups.sort(key=lambda g: int(g) if g.isdigit() else 99)
        label = (lambda g: t("level {n}", n=g) if g != "0" else t("no leadership role")) \
            if dimension == "leadership_level" else (lambda g: g)
        tables.append(Table(t(caption), header, [row(label(g), dimension, g) for g in groups]))
    tables += retirement_tables(points[-1], t)
    return tables


def retirement_tables(point: progress.Point, t: Translator) -> list[Table]:
    """Expected retirements after the latest reference date (paritas.analytics.vacancies): by year, with
    those in leadership, and by pay grade over the years."""
    expected = point.structure.get("expected_retirements")
    if not expected:
        return []

    def n(value: Any) -> str:
        return "–" if value is None else t.integer(int(value))

    years = sorted(expected.get("by_year", {}))
    lead = expected.get("leadership_by_year", {})
    caption = t("Expected retirements after {date} (retirement age: {source})", date=t.date(point.date),
                source=expected.get("source", ""))
    header = [t("Year"), t("People"), t("of them women"), t("in leadership"), t("of them women")]
    rows = [[y, n(expected["by_year"][y]["total"]), n(expected["by_year"][y]["women"]),
             n((lead.get(y) or {}).get("total")), n((lead.get(y) or {}).get("women"))] for y in years]
    leaving = expected.get("leaving_by_year") or {}
    if leaving:  # the export has end dates: employments ending by their date, retirements apart
        header += [t("employments ending"), t("of them women")]
        rows = [[*row, n((leaving.get(y) or {}).get("total")), n((leaving.get(y) or {}).get("women"))]
                for row, y in zip(rows, years, strict=True)]
    tables = [Table(caption, header, rows)]
    grades = expected.get("by_pay_grade") or {}
    if grades:
        from paritas.analytics.structure import natural_key

        tables.append(Table(t("Expected retirements by pay grade, {first}–{last}", first=years[0], last=years[-1]),
                            [t("Pay grade"), t("People"), t("of them women")],
                            [[g, n(c["total"]), n(c["women"])] for g, c in sorted(grades.items(),
                                                                                   key=lambda kv: natural_key(kv[0]))]))
    return tables


@dataclass
class TargetRow:
    target: Target
    area: str
    basis: str
    baseline: str
    latest: str
    expected: str
    goal: str
    deadline: int
    status: str
    status_key: str
    needed: str
    progress: progress.Progress


def target_area(target: Target, t: Translator) -> str:
    area = str(Target.Area(target.area).label)
    if target.area == "pay_gap":
        return f"{area} ({t('median') if target.group == 'median' else t('mean')})"
    if target.area == "leadership_level" and target.group:
        return f"{area} {target.group}"
    return f"{area}: {target.group}" if target.group else area


def _observed(t: Translator, observation: progress.Observation | None) -> str:
    """'34,0 % (31.12.2022)': a value with its reference date."""
    if observation is None:
        return "–"
    return f"{_share(t, observation.value)} ({t.date(observation.date)})"


def target_rows(version: PlanVersion, t: Translator, points: list[progress.Point] | None = None) -> list[TargetRow]:
    points = points if points is not None else services.points(version)
    rows = []
    for target in version.targets.all():
        p = services.target_progress(target, points)
        needed = "–"
        if p.needed is not None:
            needed = t.decimal(p.needed, 1) if target.basis == "fte" else t.integer(int(p.needed))
        rows.append(TargetRow(
            target, target_area(target, t), str(Target.Basis(target.basis).label), _observed(t, p.baseline),
            _observed(t, p.latest),
            _share(t, p.expected), _share(t, p.target), target.deadline, t(STATUS_LABELS[p.status]), p.status,
            needed, p))
    return rows


TARGET_HEADER = (_("Area"), _("Counted by"), _("Baseline"), _("Latest"), _("Path now"), _("Target"),
                 _("By the end of"), _("Status"), _("Still needed"))


def target_header(t: Translator) -> list[str]:
    return [t(h) for h in TARGET_HEADER]


def target_table(rows: list[TargetRow]) -> list[list[str]]:
    return [[r.area, r.basis, r.baseline, r.latest, r.expected, r.goal, str(r.deadline), r.status, r.needed]
            for r in rows]


def progress_chart(rows: list[TargetRow], t: Translator, lang: str) -> Any:
    """How far each target has come from its baseline (0 %) to its target (100 %): one bar per target, with
    the targets table as its data table."""
    from paritas.web.workforce import charts

    data = []
    for r in rows:
        p = r.progress
        if p.baseline is None or p.latest is None or p.baseline.value is None or p.latest.value is None:
            share = None
        elif p.target == p.baseline.value:
            share = 1.0
        else:
            share = max(0.0, min(1.0, (p.latest.value - p.baseline.value) / (p.target - p.baseline.value)))
        data.append({"group": f"{r.area} {r.deadline}", "share": share})
    if not any(d["share"] is not None for d in data):
        return None
    return charts.share_bars(t("Way from the baseline to the target"), data, t("Target"),
                             t("share of the way covered"), lambda v: _share(t, v), lang)


MEASURE_HEADER = (_("Measure"), _("Responsible"), _("Target group"), _("Quantity"), _("Start"), _("End"), _("Budget"),
                  _("Status"), _("Indicator"))


def measure_header(t: Translator) -> list[str]:
    return [t(h) for h in MEASURE_HEADER]


def measure_table(version: PlanVersion, t: Translator) -> list[list[str]]:
    out = []
    for m in version.measures.all():
        status = str(Measure.Status(m.status).label) + (f" ({m.status_reason})" if m.status_reason else "")
        latest = m.reported[-1] if m.reported else None
        indicator = m.indicator + (f": {t.decimal(float(latest['value']), 1)} ({latest['date']})" if latest else "")
        out.append([m.title, m.owner or "–", m.target_group or "–", m.quantity or "–",
                    t.date(m.start) if m.start else "–", t.date(m.end) if m.end else "–",
                    t.decimal(float(m.budget), 2) if m.budget is not None else "–", status, indicator or "–"])
    return out


def column_label(name: str, t: Translator) -> str:
    return labels.column_label(name, t)
