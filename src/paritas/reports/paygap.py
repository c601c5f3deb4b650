"""Pay-gap results as readable text and XLSX sheets: every figure with the provision it implements and a
plain-words reading, in German, Swedish or English."""

from __future__ import annotations

import io

from rich import box
from rich.console import Console
from rich.table import Table

from paritas.analytics.paygap import PayGapReport
from paritas.analytics.paygap.common import Gap, Quartile, Shares
from paritas.analytics.paygap.entgtranspg import ComparisonPay, EntgTranspGResult
from paritas.analytics.paygap.eu import ASSESSMENT_THRESHOLD, EUResult
from paritas.analytics.paygap.logib import LogibResult
from paritas.analytics.paygap.model import ModelResult
from paritas.analytics.paygap.oaxaca import Decomposition
from paritas.analytics.paygap.uk import UKResult
from paritas.reports.i18n import Translator
from paritas.reports.structure import assumption_lines
from paritas.reports.xlsx import Cell, Sheet


def _(message: str) -> str:
    return message


MEASURES = {"hourly": _("pay per hour"), "variable": _("variable pay per hour"), "bonus": _("bonus pay"),
            "annual": _("gross annual pay"), "allowances": _("allowances per hour"),
            "allowances_and_bonus": _("complementary and variable pay per hour")}
#: What the directive's complementary or variable components are in a file (EUResult.variable_components).
COMPONENTS = {"allowances": _("allowances (complementary components)"),
              "bonus": _("variable components (bonus)"),
              "allowances_and_bonus": _("complementary or variable components (allowances and bonus)")}
NO_COMPONENTS = _("not computed: the file has neither allowances nor bonus")
BONUS_REASONS = {
    "allowances_only": _("not computed: the file has allowances but no bonus; allowances are ordinary pay "
                         "(reg. 3(1)(b)), not bonus pay (reg. 4)"),
    "no_bonus_column": _("not computed: the file has no bonus column"),
}
WITHHELD = _("joint pay assessment required; figures withheld to protect individuals")
BANDS = (_("lower"), _("lower middle"), _("upper middle"), _("upper"))
FACTOR_NAMES = {
    "education": _("education (column education)"),
    "age": _("age (column birth_year, birth_date or age)"),
    "years_of_service": _("years of service (column hire_date or years_of_service)"),
    "skill_level": _("skill level (column skill_level)"),
    "professional_position": _("professional position (column leadership_level)"),
    "pay": _("pay (columns base_pay and weekly_hours)"),
}
RATINGS = {
    "not_significant": _("The value is not statistically significant: the method cannot establish a gender "
                         "effect."),
    "within_target": _("The value is statistically significant and within the target value of 2.5 %."),
    "above_target": _("The value is statistically significant and above the target value of 2.5 %, but within "
                      "the limit value of 5 % that the Gender Equality Act's review and federal procurement "
                      "check."),
    "above_limit": _("The value is statistically significant and above the limit value of 5 % that the Gender "
                     "Equality Act's review and federal procurement check: the method establishes a substantial "
                     "gender effect."),
    "significant": _("The value is statistically significant, and not significantly above the tolerance "
                     "threshold of 5 %."),
    "above_threshold": _("The value is significantly above the tolerance threshold of 5 %: the method "
                         "establishes a substantial gender effect."),
}
REFUSALS = {
    "fewer_than_six": _("not given (§ 12(3))"),
    "suppressed": _("hidden"),
}


def _console(buffer: io.StringIO, width: int) -> Console:
    return Console(file=buffer, width=width, color_system=None, emoji=False, highlight=False)


def _table(title: str, header: list[str], rows: list[list[str]]) -> Table:
    table = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD)
    for i, name in enumerate(header):
        table.add_column(name, justify="left" if i == 0 else "right", no_wrap=i == 0)
    for row in rows:
        table.add_row(*row)
    return table


def components_label(kind: str | None, t: Translator) -> str:
    """What (b), (d), (e) and (g) compare in this file: allowances, bonus, or both."""
    return t(COMPONENTS.get(kind or "allowances_and_bonus", COMPONENTS["allowances_and_bonus"]))


def gap_sentence(g: Gap | None, t: Translator, measure: str, statistic: str = "mean",
                 missing: str = NO_COMPONENTS) -> str:
    """'Women earn on average 6.6 % less per hour than men.' — or why the figure is not shown."""
    if g is None:
        return t(missing)
    value = g.mean_gap if statistic == "mean" else g.median_gap
    if g.suppressed or value is None:
        return t("hidden: fewer than the minimum number of women or men")
    amount = t.percent(abs(value))
    if abs(value) < 0.0005:
        return t("{value}: women and men are paid the same", value=t.percent(value))
    if statistic == "mean":
        text = (t("{value}: on average, women receive {amount} less {measure} than men", value=t.percent(value),
                  amount=amount, measure=t(measure)) if value > 0 else
                t("{value}: on average, women receive {amount} more {measure} than men", value=t.percent(value),
                  amount=amount, measure=t(measure)))
    else:
        text = (t("{value}: the middle woman receives {amount} less {measure} than the middle man",
                  value=t.percent(value), amount=amount, measure=t(measure)) if value > 0 else
                t("{value}: the middle woman receives {amount} more {measure} than the middle man",
                  value=t.percent(value), amount=amount, measure=t(measure)))
    return text


def _shares(s: Shares | None, t: Translator, missing: str = NO_COMPONENTS) -> str:
    if s is None:
        return t(missing)
    if s.suppressed:
        return t("hidden: fewer than the minimum number of women or men")
    return t("{women} of women and {men} of men", women=t.percent(s.women), men=t.percent(s.men))


def _quartile_rows(quartiles: tuple[Quartile, ...], t: Translator) -> list[list[str]]:
    rows = []
    for q in quartiles:
        label = t(BANDS[q.band - 1])
        if q.suppressed:
            rows.append([label, t("hidden"), "", ""])
        else:
            rows.append([label, t.integer(q.people), t.percent(q.women), t.percent(q.men)])
    return rows


def _pct(value: float | None, t: Translator) -> str:
    return "–" if value is None else t.percent(value)


def _flag_text(flag: bool | None, withheld: bool, t: Translator) -> str:
    if flag is None:
        return ""
    if withheld:
        return t("≥ 5 %: assess (figures withheld)")
    return t("≥ 5 %: assess") if flag else t("below 5 %")


def eu_lines(r: EUResult, t: Translator) -> tuple[list[str], list[Table]]:
    kind = r.variable_components
    components = components_label(kind, t)
    measure = MEASURES.get(kind or "", MEASURES["variable"])
    lines = [
        t("(a) Gender pay gap, mean gross hourly pay (art. 9(1)(a)): {text}.",
          text=gap_sentence(r.pay, t, MEASURES["hourly"])),
        t("(b) Gap in {components}, mean, among those who receive them (art. 9(1)(b)): {text}.",
          components=components, text=gap_sentence(r.variable, t, measure)),
        t("(c) Median gender pay gap (art. 9(1)(c)): {text}.",
          text=gap_sentence(r.pay, t, MEASURES["hourly"], "median")),
        t("(d) Median gap in {components}, among those who receive them (art. 9(1)(d)): {text}.",
          components=components, text=gap_sentence(r.variable, t, measure, "median")),
        t("(e) Receiving {components} (art. 9(1)(e)): {text}.", components=components,
          text=_shares(r.variable_pay_share, t)),
    ]
    if r.annual is not None:
        lines.append(t("Pay level as gross annual pay (art. 3(1)(b)), mean: {mean}; median: {median}.",
                       mean=gap_sentence(r.annual, t, MEASURES["annual"]),
                       median=gap_sentence(r.annual, t, MEASURES["annual"], "median")))
    tables = [_table(t("(f) Women and men in each quartile pay band, lowest first (art. 9(1)(f))"),
                     [t("Pay band"), t("People"), t("Women"), t("Men")], _quartile_rows(r.quartiles, t))]
    if r.categories:
        rows = []
        for c in r.categories:
            flag = _flag_text(c.flag, c.withheld, t)
            rows.append([c.category, t.integer(c.women) if c.women is not None else "–",
                         t.integer(c.men) if c.men is not None else "–",
                         _pct(c.total.mean_gap, t), _pct(c.total.median_gap, t), _pct(c.basic.mean_gap, t),
                         _pct(c.variable.mean_gap, t), flag])
        column = t("category of workers") if r.category_column == "category" else t("pay grade")
        tables.append(_table(
            t("(g) Gap by category of workers ({column}), total and by basic pay and {components} (art. 9(1)(g))",
              column=column, components=components),
            [t("Category"), t("Women"), t("Men"), t("Mean gap"), t("Median gap"), t("Basic pay, mean gap"),
             t("Complementary or variable, mean gap"), t("Art. 10")], rows))
        flagged = r.flagged
        if flagged:
            lines.append(t.n(
                "Art. 10: in {n} category the mean gap is 5 % or more ({names}). Unless objective, gender-neutral "
                "criteria justify the difference, or it is remedied within six months, a joint pay assessment "
                "with the workers' representatives is required.",
                "Art. 10: in {n} categories the mean gap is 5 % or more ({names}). Unless objective, "
                "gender-neutral criteria justify the difference, or it is remedied within six months, a joint "
                "pay assessment with the workers' representatives is required.",
                len(flagged), n=t.integer(len(flagged)), names=", ".join(flagged)))
            if r.withheld:
                lines.append(t("Art. 10, {names}: {withheld}.", names=", ".join(r.withheld), withheld=t(WITHHELD)))
        else:
            lines.append(t("Art. 10: no category reaches a mean gap of {threshold}.",
                           threshold=t.percent(ASSESSMENT_THRESHOLD, 0)))
        if r.category_column == "pay_grade":
            lines.append(t("The file has no category of workers; pay grades stand in for categories of equal "
                           "value."))
    else:
        lines.append(t("(g) Not computed: the file has neither a category of workers nor a pay grade column."))
    return lines, tables


def uk_assumption_line(r: UKResult, t: Translator) -> str | None:
    """What the UK figures assume where the export does not say it (reg. 6 pay period, full pay)."""
    if r.hourly_basis == "annual_figures" and not r.full_pay_column:
        return t("Everyone with pay counts as a full-pay relevant employee, and the hourly rate is the year's "
                 "gross pay ÷ paid hours, not the pay period's (reg. 6): the file has neither the relevant pay "
                 "period's pay nor who was on reduced pay because of leave.")
    if r.hourly_basis == "annual_figures":
        return t("The hourly rate is the year's gross pay ÷ paid hours, not the pay period's (reg. 6): the file "
                 "has no pay for the relevant pay period.")
    if not r.full_pay_column:
        return t("Everyone with pay in the relevant pay period counts as a full-pay relevant employee: the file "
                 "does not say who was on reduced pay because of leave.")
    return None


def uk_lines(r: UKResult, t: Translator) -> tuple[list[str], list[Table]]:
    missing = BONUS_REASONS.get(r.bonus_reason or "", BONUS_REASONS["no_bonus_column"])
    lines = [
        t("Mean gender pay gap in hourly pay (reg. 8): {text}.", text=gap_sentence(r.hourly, t, MEASURES["hourly"])),
        t("Median gender pay gap in hourly pay (reg. 9): {text}.",
          text=gap_sentence(r.hourly, t, MEASURES["hourly"], "median")),
        t("Mean bonus gap, among those paid a bonus (reg. 10): {text}.",
          text=gap_sentence(r.bonus, t, MEASURES["bonus"], missing=missing)),
        t("Median bonus gap (reg. 11): {text}.",
          text=gap_sentence(r.bonus, t, MEASURES["bonus"], "median", missing=missing)),
        t("Paid a bonus (reg. 12): {text}.", text=_shares(r.bonus_share, t, missing)),
    ]
    if r.hourly_basis == "pay_period":
        lines.append(t("Hourly rate of pay from the relevant pay period (reg. 6): ordinary pay plus the bonus paid "
                       "in the period, pro rata, per weekly working hour."))
    assumption = uk_assumption_line(r, t)
    if assumption:
        lines.append(assumption)
    tables = [_table(t("Quartile pay bands (reg. 13)"), [t("Pay band"), t("People"), t("Women"), t("Men")],
                     _quartile_rows(r.quartiles, t))]
    return lines, tables


def _money(p: ComparisonPay, t: Translator, value: float | None) -> str:
    if p.refused:
        return t(REFUSALS[p.refused])
    return t.decimal(value, 2)


def entgtranspg_lines(r: EntgTranspGResult, t: Translator) -> tuple[list[str], list[Table]]:
    grouping = t("pay grade") if r.grouping == "pay_grade" else t("category of workers")
    lines = [t("Comparison pay (§ 11(3) sentence 2 EntgTranspG): the median monthly gross pay, projected to full "
               "time, of the other sex in the same {grouping}. A woman who asks is told the men's figure, a man the "
               "women's. It is not given when fewer than six people of the other sex are in the group "
               "(§ 12(3)).", grouping=grouping)]
    if r.full_time_hours is not None:
        lines.append(t("Full time is taken as {hours} hours a week.", hours=t.decimal(r.full_time_hours, 1)))
    rows = []
    for g in r.groups:
        rows.append([g.group, "–" if g.women is None else t.integer(g.women), "–" if g.men is None else
                     t.integer(g.men), _money(g.for_women, t, g.for_women.monthly_pay),
                     _money(g.for_women, t, g.for_women.basic) if not g.for_women.refused else "",
                     _money(g.for_men, t, g.for_men.monthly_pay),
                     _money(g.for_men, t, g.for_men.basic) if not g.for_men.refused else ""])
    table = _table(t("Comparison pay by {grouping}", grouping=grouping),
                   [grouping, t("Women"), t("Men"), t("For a woman: men's median"), t("of which basic pay"),
                    t("For a man: women's median"), t("of which basic pay")], rows)
    return lines, [table]


def decomposition_lines(d: Decomposition | None, t: Translator) -> list[str]:
    if d is None:
        return []
    lines = [t("Oaxaca–Blinder decomposition of the mean gap in log pay ({gap} log points): explained by the "
               "factors {explained}, unexplained {unexplained} (pooled reference).",
               gap=t.decimal(d.gap * 100, 1), explained=t.decimal(d.explained * 100, 1),
               unexplained=t.decimal(d.unexplained * 100, 1))]
    if d.explained_share is not None:
        lines.append(t("{share} of the gap is explained by differences in the factors; the rest remains "
                       "unexplained.", share=t.percent(d.explained_share, 0)))
    if d.explained_se is not None and d.unexplained_se is not None:
        lines.append(t("Standard errors (bootstrap, {n} replicates): explained {e}, unexplained {u} log points.",
                       n=t.integer(d.replications), e=t.decimal(d.explained_se * 100, 1),
                       u=t.decimal(d.unexplained_se * 100, 1)))
    largest = sorted((c for c in d.detail if c.term != "Intercept"), key=lambda c: -abs(c.explained))[:3]
    if largest:
        parts = [t("{term} {value}", term=c.term, value=t.decimal(c.explained * 100, 1)) +
                 ("" if c.explained_se is None else " (± " + t.decimal(c.explained_se * 100, 1) + ")")
                 for c in largest]
        lines.append(t("Largest contributions to the explained part, in log points (standard error): {parts}.",
                       parts="; ".join(parts)))
    lines.append(t("Three-fold, from the women's point of view: endowments {e}, coefficients {c}, "
                   "interaction {i} log points.", e=t.decimal(d.endowments * 100, 1),
                   c=t.decimal(d.coefficients * 100, 1), i=t.decimal(d.interaction * 100, 1)))
    return lines


def decomposition_sheet(d: Decomposition, title: str, t: Translator) -> Sheet:
    """Each term's contribution to the explained and the unexplained gap, with its standard error."""
    rows: list[list[Cell]] = [[c.term, c.explained, c.explained_se, c.unexplained, c.unexplained_se]
                              for c in d.detail]
    rows.append([t("Total"), d.explained, d.explained_se, d.unexplained, d.unexplained_se])
    return Sheet(t("Oaxaca-Blinder"), [t("Term"), t("Explained"), t("Standard error"), t("Unexplained"),
                                       t("Standard error")], rows, title=title, notes=decomposition_lines(d, t))


def logib_lines(r: LogibResult, t: Translator) -> list[str]:
    if r.reason == "missing_factors":
        names = ", ".join(t(FACTOR_NAMES[f]) for f in r.missing_factors)
        return [t("Not computed: Logib's standard model needs these factors, which the file lacks: {names}.",
                  names=names)]
    if r.reason == "too_few_employees":
        return [t("Not computed: Logib's standard analysis needs at least 50 employees with every factor, "
                  "women and men among them; the file has {n}.", n=t.integer(r.n))]
    if r.reason == "suppressed":
        return [t("Not computed: fewer than the minimum number of women or men.")]
    if r.reason == "collinear":
        return [t("Not computed: in this file gender follows from the model's factors (for example every woman "
                  "has another level of requirements than every man), so no gender effect can be separated.")]
    if r.reason == "no_variation":
        return [t("Not computed: the model explains pay completely (for example everyone is paid the same), so "
                  "the gender effect has no standard error and cannot be tested.")]
    assert r.gender_effect is not None and r.coefficient is not None
    rating = RATINGS[r.rating or "not_significant"]
    shown = r.kennedy_estimate if r.kennedy_estimate is not None else r.gender_effect  # truncated, as Logib
    direction = (t("Under otherwise equal circumstances, women earn {value} less than men.",
                   value=t.percent(abs(shown))) if r.gender_effect < 0 else
                 t("Under otherwise equal circumstances, women earn {value} more than men.",
                   value=t.percent(abs(shown))))
    lines = [
        t("Employees in the analysis: {n} ({women} women, {men} men); {trainees} trainees and {excluded} records "
          "with a missing factor are not part of it.", n=t.integer(r.n), women=t.integer(r.women),
          men=t.integer(r.men), trainees=t.integer(r.trainees), excluded=t.integer(r.excluded)),
        direction + " " + t("95 % confidence interval: {low} to {high}.", low=t.percent(r.ci_low),
                            high=t.percent(r.ci_high)),
        t(rating),
        t("Gender coefficient {b} (standard error {se}, t = {tv}); tolerance test t = {tt}; the model explains "
          "{r2} of the variation in pay.", b=t.decimal(r.coefficient, 4), se=t.decimal(r.std_error, 4),
          tv=t.decimal(r.t_value, 2), tt=t.decimal(r.threshold_t, 2), r2=t.percent(r.r2, 0))
        if r.method == "2021" else
        t("Gender coefficient {b} (standard error {se}, t = {tv}); the model explains {r2} of the variation in "
          "pay.", b=t.decimal(r.coefficient, 4), se=t.decimal(r.std_error, 4), tv=t.decimal(r.t_value, 2),
          r2=t.percent(r.r2, 0)),
    ]
    if r.unknown_education:
        lines.append(t("Education values not understood (records left out): {values}.",
                       values=", ".join(r.unknown_education)))
    return lines + decomposition_lines(r.oaxaca, t)


def model_lines(r: ModelResult, t: Translator) -> list[str]:
    lines = [t("Model: {formula} + woman (men are the reference group).", formula=r.formula)]
    if r.reason == "collinear":
        return [*lines, t("Not computed: in this file gender follows from the model's terms, so no gender effect "
                          "can be separated. Remove the term that stands in for gender.")]
    if r.reason == "no_variation":
        return [*lines, t("Not computed: the model explains pay completely (for example everyone is paid the "
                          "same), so the gender effect has no standard error and cannot be tested.")]
    if r.suppressed or r.gender_coefficient is None:
        return [*lines, t("Not computed: fewer than the minimum number of women or men.")]
    lines.append(t("Woman coefficient {b} (standard error {se}; 95 % confidence interval {low} to {high}); "
                   "n = {n}, R² = {r2}.", b=t.decimal(r.gender_coefficient, 4), se=t.decimal(r.std_error, 4),
                   low=t.decimal(r.ci_low, 4), high=t.decimal(r.ci_high, 4), n=t.integer(r.n),
                   r2=t.decimal(r.r2, 3)))
    if r.gender_effect is not None:
        lines.append(t("Effect exp(b) − 1: under otherwise equal characteristics women's pay differs by {effect} "
                       "from men's.", effect=t.percent(r.gender_effect)))
    if r.dropped_terms:
        lines.append(t("Left out because they are collinear with other terms: {terms}.",
                       terms=", ".join(r.dropped_terms)))
    if r.rows_left_out:
        lines.append(t.n("{n} row with a missing value is not part of the model.",
                         "{n} rows with a missing value are not part of the model.", r.rows_left_out,
                         n=t.integer(r.rows_left_out)))
    return lines + decomposition_lines(r.oaxaca, t)


def population_line(report: PayGapReport, t: Translator) -> str:
    p = report.population
    if p.women is None or p.men is None:
        return t("Fewer than {k} women and men with pay: no figure is shown.", k=report.rule.min_group_size)
    text = t("Compared: {women} women and {men} men with pay.", women=t.integer(p.women), men=t.integer(p.men))
    rare = None if p.other is None or p.not_stated is None else p.other + p.not_stated
    if rare:
        text += " " + t.n("{n} person of other or unstated gender is counted in the workforce but not part of "
                          "the binary gap figures.",
                          "{n} people of other or unstated gender are counted in the workforce but not part of "
                          "the binary gap figures.", rare, n=t.integer(rare))
    elif rare is None:
        text += " " + t("A few people of other or unstated gender (fewer than {k}) are counted in the workforce "
                        "but not part of the binary gap figures.", k=report.rule.min_group_size)
    if p.without_pay:
        text += " " + t.n("{n} person without pay or hours is left out.",
                          "{n} people without pay or hours are left out.", p.without_pay,
                          n=t.integer(p.without_pay))
    return text


def notes(report: PayGapReport, t: Translator) -> list[str]:
    lines = [t("A gap is (men's pay − women's pay) ÷ men's pay: positive when women are paid less (EU 2023/970 "
               "art. 3). Gross hourly pay = (basic pay + allowances + bonus) ÷ paid hours."),
             t("Privacy: a pay comparison is shown only where at least {k} women and {k} men are compared; "
               "smaller groups are hidden (–).", k=report.rule.min_group_size)]
    lines += assumption_lines(report.assumptions, t)
    if report.warnings:
        lines.append(t.n("{n} warning about the file was accepted.", "{n} warnings about the file were accepted.",
                         report.warnings, n=t.integer(report.warnings)))
    return lines


def render(report: PayGapReport, t: Translator, width: int = 110) -> str:
    buffer = io.StringIO()
    console = _console(buffer, width)
    console.print(t("Pay gaps on {date}", date=t.date(report.reference_date)), style="bold")
    console.print(population_line(report, t))

    def section(title: str, lines: list[str], tables: list[Table] = ()) -> None:  # type: ignore[assignment]
        console.print()
        console.print(title, style="bold")
        for line in lines:
            console.print(line)
        for table in tables:  # the title as its own line: a long title would stretch a narrow table
            console.print(str(table.title))
            table.title = None
            console.print(table)

    if report.eu is not None:
        section(t("EU Pay Transparency Directive (EU) 2023/970, art. 9"), *eu_lines(report.eu, t))
    if report.uk is not None:
        section(t("UK: Equality Act 2010 (Gender Pay Gap Information) Regulations 2017"), *uk_lines(report.uk, t))
    if report.entgtranspg is not None:
        section(t("Germany: Entgelttransparenzgesetz (EntgTranspG)"), *entgtranspg_lines(report.entgtranspg, t))
    if report.logib is not None:
        section(t("Switzerland: Logib standard analysis (FOGE)"), logib_lines(report.logib, t))
    if report.model is not None:
        section(t("Your model"), model_lines(report.model, t))
    section(t("Notes"), notes(report, t))
    return buffer.getvalue()


# ----------------------------------------------------------------------------------------------------
# XLSX


def _gap_row(label: str, g: Gap | None) -> list[Cell]:
    if g is None or g.suppressed:
        return [label, None if g is None else g.women, None if g is None else g.men, None, None, None, None,
                None, None]
    return [label, g.women, g.men, g.mean_women, g.mean_men, g.median_women, g.median_men, g.mean_gap,
            g.median_gap]


def sheets(report: PayGapReport, t: Translator) -> list[Sheet]:
    """One sheet per standard (and the model), figures as numbers, gaps as Excel percentages."""
    out: list[Sheet] = []
    note_lines = [t("Notes"), population_line(report, t), *notes(report, t)]
    gap_header = [t("Figure"), t("Women"), t("Men"), t("Mean, women"), t("Mean, men"), t("Median, women"),
                  t("Median, men"), t("Mean gap"), t("Median gap")]
    if report.eu is not None:
        r = report.eu
        rows = [_gap_row(t("Gross hourly pay (art. 9(1)(a), (c))"), r.pay),
                _gap_row(t("{components} per hour, recipients (art. 9(1)(b), (d))",
                           components=components_label(r.variable_components, t)), r.variable),
                _gap_row(t("Gross annual pay (art. 3(1)(b))"), r.annual)]
        out.append(Sheet("EU 2023-970", gap_header, rows, title=t("EU Pay Transparency Directive (EU) 2023/970, "
                                                                    "art. 9"), percent_columns=frozenset({7, 8}),
                         notes=note_lines))
        share = r.variable_pay_share
        out.append(Sheet(t("EU quartiles"), [t("Pay band"), t("People"), t("Women"), t("Men")],
                         [[t(BANDS[q.band - 1]), q.people, q.women, q.men] for q in r.quartiles]
                         + [[t("Receiving {components} (art. 9(1)(e))",
                               components=components_label(r.variable_components, t)), None,
                             None if share is None else share.women, None if share is None else share.men]],
                         title=t("(f) Women and men in each quartile pay band, lowest first (art. 9(1)(f))"),
                         percent_columns=frozenset({2, 3})))
        out.append(Sheet(t("EU categories"),
                         [t("Category"), t("Women"), t("Men"), t("Mean gap"), t("Median gap"),
                          t("Basic pay, mean gap"), t("Basic pay, median gap"),
                          t("Complementary or variable, mean gap"), t("Complementary or variable, median gap"),
                          t("Art. 10")],
                         [[c.category, c.women, c.men, c.total.mean_gap, c.total.median_gap, c.basic.mean_gap,
                           c.basic.median_gap, c.variable.mean_gap, c.variable.median_gap,
                           _flag_text(c.flag, c.withheld, t) or None]
                          for c in r.categories],
                         title=t("(g) Gap by category of workers"), percent_columns=frozenset(range(3, 9))))
    if report.uk is not None:
        r2 = report.uk
        rows = [_gap_row(t("Hourly pay (reg. 8, 9)"), r2.hourly), _gap_row(t("Bonus pay (reg. 10, 11)"), r2.bonus)]
        if r2.bonus is None:
            rows[-1][3] = t(BONUS_REASONS.get(r2.bonus_reason or "", BONUS_REASONS["no_bonus_column"]))
        share = r2.bonus_share
        rows.append([t("Paid a bonus (reg. 12)"), None, None, None if share is None else share.women,
                     None if share is None else share.men, None, None, None, None])
        rows += [[t(BANDS[q.band - 1]) + " (reg. 13)", q.people, None, q.women, q.men, None, None, None, None]
                 for q in r2.quartiles]
        out.append(Sheet("UK GPG 2017", gap_header, rows, title=t("UK: Equality Act 2010 (Gender Pay Gap "
                                                                   "Information) Regulations 2017"),
                         percent_columns=frozenset({7, 8}),
                         notes=note_lines[:1] + [line for line in (uk_assumption_line(r2, t),) if line]))
    if report.entgtranspg is not None:
        r3 = report.entgtranspg
        header = [t("Group"), t("Women"), t("Men"), t("For a woman: men's median"), t("of which basic pay"),
                  t("of which variable pay"), t("For a man: women's median"), t("of which basic pay"),
                  t("of which variable pay")]
        rows3: list[list[Cell]] = []
        for g in r3.groups:
            row: list[Cell] = [g.group, g.women, g.men]
            for p in (g.for_women, g.for_men):
                row += ([t(REFUSALS[p.refused]), None, None] if p.refused else [p.monthly_pay, p.basic, p.variable])
            rows3.append(row)
        out.append(Sheet("EntgTranspG", header, rows3, title=t("Germany: Entgelttransparenzgesetz (EntgTranspG)"),
                         notes=entgtranspg_lines(r3, t)[0]))
    if report.logib is not None:
        r4 = report.logib
        rows4: list[list[Cell]] = [[name, b, se] for name, b, se in r4.terms]
        if r4.coefficient is not None:
            rows4.append(["woman", r4.coefficient, r4.std_error])
        out.append(Sheet("Logib", [t("Term"), t("Coefficient"), t("Standard error")], rows4,
                         title=t("Switzerland: Logib standard analysis (FOGE)"), notes=logib_lines(r4, t)))
        if r4.oaxaca is not None and r4.oaxaca.detail:
            out.append(decomposition_sheet(r4.oaxaca, t("Switzerland: Logib standard analysis (FOGE)"), t))
    if report.model is not None:
        r5 = report.model
        out.append(Sheet(t("Your model"), [t("Term"), t("Coefficient"), t("Standard error")],
                         [[name, b, se] for name, b, se in r5.terms], title=r5.formula, notes=model_lines(r5, t)))
        if r5.oaxaca is not None and r5.oaxaca.detail:
            out.append(decomposition_sheet(r5.oaxaca, r5.formula, t))
    return out
