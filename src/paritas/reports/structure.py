"""The workforce structure as readable text: the sentences of a jury statement, then the tables.

The sentences follow the seed-001 jury statement (TOTAL E-QUALITY 2019, Stadt Herne): "Die Verwaltung hat
2.984 Mitarbeitende, darunter 58 Prozent Frauen. In Führungspositionen arbeiten 130 Männer und 67 Frauen,
der Frauenanteil liegt damit bei 34 Prozent. Vier Männer und 15 Frauen sind Führungskräfte in Teilzeit."
"""

from __future__ import annotations

import io
from types import SimpleNamespace
from typing import Any

from rich import box
from rich.console import Console
from rich.table import Table

from paritas.analytics.structure import Breakdown, GenderCount, Structure
from paritas.reports import labels
from paritas.reports.i18n import Translator
from paritas.reports.xlsx import Sheet


def _(message: str) -> str:
    return message


ORG_SUBJECTS = {
    "municipality": _("The administration"),
    "company": _("The company"),
    "university": _("The university"),
    "association": _("The association"),
    "organisation": _("The organisation"),
}
ORG_TYPES = tuple(ORG_SUBJECTS)

# Numbers up to twelve are written as words in running text (German and Swedish house style, and
# common English style); a table of 13 words a language needs no library.
NUMBER_WORDS = {
    "de": ("null", "ein", "zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun", "zehn", "elf", "zwölf"),
    "sv": ("noll", "en", "två", "tre", "fyra", "fem", "sex", "sju", "åtta", "nio", "tio", "elva", "tolv"),
    "en": ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"),
}
FEMININE_ONE = {"de": "eine", "sv": "en", "en": "one"}

DIMENSIONS = {
    "pay_grade": _("By pay grade"),
    "leadership_level": _("By leadership level"),
    "department": _("By department"),
    "category": _("By category of workers"),
    "career_group": _("By career group"),
    "contract": _("By contract type"),
    "age_band": _("By age band"),
    "working_time": _("By working time"),
}


def number_word(n: int, t: Translator, feminine: bool = False) -> str:
    if n == 1 and feminine:
        return FEMININE_ONE[t.lang]
    return NUMBER_WORDS[t.lang][n] if 0 <= n <= 12 else t.integer(n)


def people(n: int, noun: str, t: Translator) -> str:
    """'130 Männer', 'vier Männer', 'eine Frau' — a count with its noun, in running text."""
    word = number_word(n, t, feminine=noun == "women")
    if noun == "women":
        return t.n("{n} woman", "{n} women", n, n=word)
    return t.n("{n} man", "{n} men", n, n=word)


def whole_percent(fraction: float) -> str:
    """Shares in sentences are rounded to whole per cent, half up (58.01 % → 58)."""
    return str(int(fraction * 100 + 0.5))


def capitalise(sentence: str) -> str:
    return sentence[:1].upper() + sentence[1:]


def jury_sentences(result: Structure, t: Translator, org_type: str = "municipality") -> list[str]:
    """The sentences a jury statement uses for the workforce; figures hidden by the rule are left out."""
    return _sentences(result.employees, result.leadership, result.leadership_part_time, t, org_type)


def jury_sentences_from_dict(data: dict[str, Any], t: Translator, org_type: str = "municipality") -> list[str]:
    """The same sentences from the stored JSON form (schema paritas.structure/1) of a structure."""

    def counts(key: str) -> SimpleNamespace | None:
        value = data.get(key)
        return None if value is None else SimpleNamespace(**{f: value.get(f) for f in (
            "total", "women", "men", "other", "not_stated", "women_share", "suppressed")})

    employees = counts("employees")
    if employees is None:
        return []
    employees.women_share = data.get("women_share", employees.women_share)
    return _sentences(employees, counts("leadership"), counts("leadership_part_time"), t, org_type)


def _sentences(e: Any, lead: Any, lpt: Any, t: Translator, org_type: str) -> list[str]:
    subject = t(ORG_SUBJECTS.get(org_type, ORG_SUBJECTS["organisation"]))
    sentences: list[str] = []
    if e.total is not None and e.women_share is not None:
        sentences.append(t("{subject} has {total} employees, {share} per cent of them women.",
                           subject=subject, total=t.integer(e.total), share=whole_percent(e.women_share)))
    if lead is not None and not lead.suppressed and lead.total:
        assert lead.men is not None and lead.women is not None and lead.women_share is not None
        sentences.append(capitalise(t("{men} and {women} work in leadership positions; women's share there is "
                                      "{share} per cent.", men=people(lead.men, "men", t),
                                      women=people(lead.women, "women", t), share=whole_percent(lead.women_share))))
    if lpt is not None and not lpt.suppressed and lpt.total:
        assert lpt.men is not None and lpt.women is not None
        sentences.append(capitalise(t("{men} and {women} lead part-time.", men=people(lpt.men, "men", t),
                                      women=people(lpt.women, "women", t))))
    return sentences


def _count_row(label: str, c: GenderCount | None, t: Translator) -> list[str]:
    if c is None:
        return [label, "", "", "", "", ""]
    if c.suppressed:
        return [label, t("hidden"), "", "", "", ""]
    rare = "–" if c.other is None or c.not_stated is None else t.integer(c.other + c.not_stated)
    return [label, t.integer(c.total), t.integer(c.women), t.integer(c.men), rare, t.percent(c.women_share)]


def group_label(dimension: str, group: str, t: Translator) -> str:
    if group == "":
        return t("(not given)")
    if dimension == "leadership_level":
        return t("no leadership role") if group == "0" else t("level {level}", level=group)
    if dimension == "contract":
        return {"permanent": t("permanent"), "fixed_term": t("fixed-term")}.get(group, group)
    if dimension == "working_time":
        return {"part_time": t("part-time"), "full_time": t("full-time")}.get(group, group)
    return group


def _table(title: str, rows: list[list[str]], t: Translator) -> Table:
    table = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD)
    table.add_column(t("Group"))
    for header in (t("People"), t("Women"), t("Men"), t("Other / not stated"), t("Women's share")):
        table.add_column(header, justify="right")
    for row in rows:
        table.add_row(*row)
    return table


def overview_rows(result: Structure, t: Translator) -> list[list[str]]:
    rows = [_count_row(t("All employees"), result.employees, t)]
    for label, value in ((t("Leadership positions"), result.leadership), (t("Part-time"), result.part_time),
                         (t("Leading part-time"), result.leadership_part_time), (t("Trainees"), result.trainees),
                         (t("Hired this year"), result.events.get("hired")),
                         (t("Promoted this year"), result.events.get("promoted")),
                         (t("Left this year"), result.events.get("left"))):
        if value is not None:
            rows.append(_count_row(label, value, t))
    return rows


def breakdown_rows(b: Breakdown, t: Translator) -> list[list[str]]:
    return [_count_row(group_label(b.dimension, r.group, t), r.counts, t) for r in b.rows]


def render(result: Structure, t: Translator, org_type: str = "municipality", width: int = 100) -> str:
    buffer = io.StringIO()
    console = Console(file=buffer, width=width, color_system=None, emoji=False, highlight=False)
    console.print(t("Workforce structure on {date}", date=t.date(result.reference_date)), style="bold")
    console.print()
    console.print(" ".join(jury_sentences(result, t, org_type)))
    console.print()
    if result.representation_ratio is not None:
        console.print(t("Representation of women in leadership: {ratio} (1.00 = the same share as in the whole "
                        "workforce).", ratio=t.decimal(result.representation_ratio, 2)))
    rate = result.part_time_rate
    if rate:
        console.print(t("Part-time rate: {women} of women and {men} of men work part-time.",
                        women=t.percent(rate.get("women")), men=t.percent(rate.get("men"))))
    console.print()
    console.print(_table(t("Overview"), overview_rows(result, t), t))
    for b in result.breakdowns:
        console.print(_table(t(DIMENSIONS.get(b.dimension, b.dimension)), breakdown_rows(b, t), t))
    console.print(notes(result, t))
    return buffer.getvalue()


def assumption_lines(assumptions: tuple[tuple[str, str], ...], t: Translator) -> list[str]:
    """What the reader assumed for a file (full-time hours, variable pay), as sentences; every report says it."""
    lines = []
    for name, value in assumptions:
        if name == "full_time_weekly_hours":
            lines.append(t("The file has no full-time hours; {hours} hours a week, the most common value, "
                           "counts as full time.", hours=value))
        elif name == "variable_pay":
            lines.append(t("The file has neither allowances nor bonus; complementary and variable components "
                           "count as 0."))
        elif name == "reference_date_source":
            lines.append(reference_date_line(dict(assumptions), t))
        elif name == "minimum_wage":
            lines.append(minimum_wage_line(value, t))
        elif name == "logib_datasheet":
            lines.append(t("Read as the official Logib data sheet (sheet {sheet}): monthly amounts as a year's, the "
                           "13th monthly wage with the basic pay, special payments as bonus, education as Logib's "
                           "codes 1–8; statistical populations 2–5 are not part of Logib's analysis.", sheet=value))
    return lines


def reference_date_line(assumptions: dict[str, str], t: Translator) -> str:
    """Which reference date a run used and why, when none was given."""
    from datetime import date

    day = t.date(date.fromisoformat(assumptions["reference_date"]))
    if assumptions.get("reference_date_source") == "file":
        return t("Reference date {date}, from the file's reference-date column.", date=day)
    return t("Reference date {date}: the file names none, so the last 31 December is used; give another with "
             "--reference-date.", date=day)


def minimum_wage_line(value: str, t: Translator) -> str:
    """Why pay was not checked against a minimum wage (``value``: 'country:reason')."""
    country, _sep, reason = value.partition(":")
    if reason == "no_statutory_minimum" and country == "SE":
        return t("Sweden has no statutory minimum wage (pay floors are set by collective agreements), so pay is "
                 "not checked against one.")
    if reason == "before_introduction":
        return t("Germany had no statutory minimum wage before 1 January 2015, so pay is not checked against one.")
    return t("The employer's country is not known, so pay is not checked against a statutory minimum wage "
             "(give --country DE).")


def notes(result: Structure, t: Translator) -> str:
    lines = [t("Privacy: groups with fewer than {k} people are hidden (–), together with as many further groups "
               "as needed so that no hidden figure can be worked out from the totals; small counts of 'other' "
               "and 'not stated' are hidden too.", k=result.rule.min_group_size)]
    hidden = sum(b.hidden_groups for b in result.breakdowns)
    if hidden:
        lines.append(t.n("{n} group is hidden in the tables.", "{n} groups are hidden in the tables.", hidden,
                         n=t.integer(hidden)))
    lines += assumption_lines(result.assumptions, t)
    for s in result.skipped:
        lines.append(t("Not computed: {statistic} (needs the column {needs}).",
                       statistic=labels.statistic_label(s.statistic, t), needs=labels.column_list(s.needs, t)))
    if result.warnings:
        lines.append(t.n("{n} warning about the file was accepted.", "{n} warnings about the file were accepted.",
                         result.warnings, n=t.integer(result.warnings)))
    return "\n".join(lines)


def _numeric_row(label: str, c: GenderCount | None) -> list[object]:
    if c is None or c.suppressed:
        return [label, None, None, None, None, None, None]
    return [label, c.total, c.women, c.men, c.other, c.not_stated, c.women_share]


def sheets(result: Structure, t: Translator) -> list[Sheet]:
    """The structure as XLSX sheets: overview, one per breakdown, and the notes (rule, assumptions)."""
    header = [t("Group"), t("People"), t("Women"), t("Men"), t("Other"), t("Not stated"), t("Women's share")]
    labels = [t("All employees"), t("Leadership positions"), t("Part-time"), t("Leading part-time"), t("Trainees"),
              t("Hired this year"), t("Promoted this year"), t("Left this year")]
    values = [result.employees, result.leadership, result.part_time, result.leadership_part_time, result.trainees,
              result.events.get("hired"), result.events.get("promoted"), result.events.get("left")]
    overview = [_numeric_row(label, v) for label, v in zip(labels, values, strict=True) if v is not None]
    note_lines = [t("Notes"), *notes(result, t).splitlines()]
    out = [Sheet(t("Overview"), header, overview, title=t("Workforce structure on {date}",
                                                           date=t.date(result.reference_date)),
                 percent_columns=frozenset({6}), notes=note_lines)]
    for b in result.breakdowns:
        rows = [_numeric_row(group_label(b.dimension, r.group, t), r.counts) for r in b.rows]
        out.append(Sheet(t(DIMENSIONS.get(b.dimension, b.dimension)), header, rows,
                         title=t(DIMENSIONS.get(b.dimension, b.dimension)), percent_columns=frozenset({6}),
                         notes=note_lines[:2]))
    return out
