"""Problems of an HR export as sentences in the user's language (row, column, value, what was expected)."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby
from typing import Any

from paritas.analytics.problems import Problem, ProblemReport
from paritas.reports import labels
from paritas.reports.i18n import Translator


def _(message: str) -> str:
    """Marks a message for extraction; it is translated where it is rendered."""
    return message


def _n(singular: str, plural: str) -> tuple[str, str]:
    """Marks a plural pair for extraction; ``t.n(*pair, count)`` translates it where it is rendered."""
    return singular, plural


MESSAGES: dict[str, str] = {
    "file_not_found": _("The file {path} does not exist."),
    "cannot_open": _("The file {path} cannot be opened ({detail})."),
    "empty_file": _("The file is empty."),
    "no_rows": _("The file has a header but no data rows."),
    "no_columns": _("No table with columns was found in the file."),
    "csv_parse": _("The file cannot be read as a table ({detail}). Is it a CSV file with one row per person?"),
    "not_a_spreadsheet": _("The file ends in {suffix} but is not a readable spreadsheet of that kind. "
                           "Save it again from Excel or LibreOffice as .xlsx, .ods or .csv."),
    "legacy_xls": _("The file is an old Excel 97–2003 workbook (.xls). Save it as .xlsx or .csv and upload "
                    "it again."),
    "no_such_sheet": _("The workbook has no sheet named {sheet}."),
    "password_protected": _("The workbook is protected by a password, so it cannot be read. Remove the password "
                            "(in Excel: File › Info › Protect Workbook › Encrypt with Password, leave it empty), "
                            "save and upload it again."),
    "workbook_inflates": _("The workbook unpacks to more than {limit} MB ({inflated} MB so far), the limit for "
                           "one export. Leave out columns Paritas does not need, or save it as .csv."),
    "workbook_ratio": _("The workbook of {size} MB unpacks to {inflated} MB, more than {ratio} times its size: "
                        "that is not an HR export but a packed file built to exhaust memory, and it is refused."),
    "workbook_too_many_parts": _("The workbook consists of more than {limit} parts, the limit; save it again "
                                 "from Excel or LibreOffice."),
    "formula_without_value": _("The workbook has {count} formula cells without a calculated value ({cells}): "
                               "they would be read as empty. Open it in Excel or LibreOffice, let it calculate, "
                               "save and upload it again."),
    "line_too_long": _("A line of the file is {length} bytes long; the limit is {limit}. Is it a CSV export with "
                       "one row per person?"),
    "too_many_columns": _("The table has {width} columns; the limit is {limit}. Leave out columns Paritas does "
                          "not need."),
    "mapped_column_missing": _("The mapping names the column {column} for {canonical}, but the file has "
                               "no such column."),
    "duplicate_column": _("The column {column} also looks like {canonical}; the column {used} is used."),
    "no_gender_column": _("No gender column was found. Name it one of: {expected}, or give a mapping."),
    "no_usable_column": _("Besides gender, no known pay or structure column was found (columns in the file: "
                          "{found}). Rename the columns as in the HR data guide, or give a mapping."),
    "unknown_gender": _("unknown gender code; expected w/f/weiblich/female/K/kvinna (women), m/männlich/male/"
                        "man (men), d/divers/x/o/annat (other), or empty/ohne Angabe/okänt (not stated)"),
    "not_yes_no": _("not a yes/no value; expected ja/nein, j/n, yes/no, 1/0, true/false, or x/empty"),
    "unknown_contract": _("unknown contract type; expected permanent/unbefristet/tillsvidare or "
                          "fixed_term/befristet/visstid"),
    "not_a_level": _("not a leadership level; expected a whole number: 0 = no leadership role, 1 = top "
                     "level, 2, 3 …"),
    "not_a_date": _("not a date; expected a date such as {formats}"),
    "not_a_number": _("not a number"),
    "not_finite": _("not a finite number (NaN or infinity)"),
    "implausible_pay": _("10 billion or more is not a plausible amount of pay for one person (another column's "
                         "values in the pay column?)"),
    "mixed_decimal_marks": _("written as {kind}, while other rows of the column use the other convention: "
                             "export the column with one decimal mark"),
    "nul_character": _("contains a NUL character, which cannot be stored; export the file again"),
    "cell_too_long": _("longer than {limit} characters, the limit for a cell"),
    "not_a_whole_number": _("not a whole number"),
    "negative_pay": _("pay cannot be negative"),
    "hours_too_high": _("more than {max} hours a week is not possible for one employment"),
    "negative_hours": _("hours cannot be negative"),
    "zero_full_time": _("full-time hours cannot be 0"),
    "rate_out_of_range": _("the employment rate must lie between 0 and 100 %"),
    "annual_hours_out_of_range": _("annual hours must lie between 0 and 4,240"),
    "skill_level_out_of_range": _("the level of requirements must be a whole number from 1 (highest) to 8"),
    "period_days_out_of_range": _("a pay period must last between 1 and 366 days"),
    # The official Logib data sheet: the federal tool's plausibility checks (docs/methodology.md)
    "logib_missing": _("Logib needs this value in every row"),
    "logib_age_range": _("Logib: the age must lie between 13 and 100"),
    "logib_age_implausible": _("Logib: an age below 15 or above 70 is implausible"),
    "logib_service_range": _("Logib: the years of service must lie between 0 and 85"),
    "logib_service_implausible": _("Logib: more than 55 years of service is implausible"),
    "logib_entry_age": _("Logib: the age at entry (age − years of service) is below 13"),
    "logib_entry_age_implausible": _("Logib: an age at entry (age − years of service) below 16 is implausible"),
    "logib_training_range": _("Logib: the training code must be a whole number from 1 to 8"),
    "logib_rate_range": _("Logib: the activity rate must lie between 0 % and 150 %"),
    "logib_rate_above_100": _("Logib: an activity rate above 100 %"),
    "logib_paid_hours_range": _("Logib: the paid hours of the month must lie between 0 and 300"),
    "logib_paid_hours_high": _("Logib: 220 or more paid hours in a month"),
    "logib_rate_and_hours": _("Logib: give either an activity rate or paid hours, not both"),
    "logib_no_workload": _("Logib: neither an activity rate nor paid hours is given"),
    "logib_basic_wage_zero": _("Logib: the basic wage is 0 although the person works"),
    "logib_negative": _("Logib: the amount cannot be negative"),
    "logib_13th_high": _("Logib: the 13th monthly wage exceeds 25 % of the basic wage"),
    "logib_13th_low": _("Logib: the 13th monthly wage is below 8 % of the basic wage"),
    "logib_weekly_hours_range": _("Logib: the usual weekly hours must lie between 1 and 100"),
    "logib_weekly_hours_high": _("Logib: more than 50 usual weekly hours"),
    "logib_population_range": _("Logib: the statistical population must be 1, 2, 3, 4 or 5"),
    "logib_position_range": _("Logib: the professional position must be a whole number from 1 to 5"),
    "logib_high_position_low_level": _("Logib: an unusual combination of a high professional position (1–2) and "
                                       "a low level of requirements (6–8)"),
    "logib_high_level_low_training": _("Logib: an unusual combination of a high level of requirements (1–3) and "
                                       "little training (7–8)"),
    "birth_year_out_of_range": _("a year of birth must lie between 1900 and {max}"),
    "missing_id": _("the personnel number is empty"),
    "duplicate_id": _("the personnel number occurs more than once (first in row {first_row})"),
    "implausible_age": _("implausible age (below 14 or above 75)"),
    "hire_after_reference": _("the date of entry lies after the reference date {reference}"),
    "zero_hours": _("0 contractual hours: this person is left out of hourly pay figures"),
    "file_too_large": _("The file is {size} MB; the limit is {limit} MB. Leave out columns Paritas does not "
                        "need, or save it as .parquet or .xlsx, which are smaller."),
    "paygap_needs_pay": _("Pay-gap figures need gross hourly pay: the columns basic pay and weekly hours (or "
                          "employment rate or annual hours). Missing: {columns}."),
    "paygap_needs_columns": _("This figure needs the column(s) {columns}, which the file lacks."),
    "model_no_outcome": _("The model {formula} has no “~”: write the pay on the left and the factors on the "
                          "right, e.g. log(hourly_pay) ~ education + years_of_service."),
    "model_syntax": _("The model {formula} cannot be read: {detail}"),
    "model_has_gender": _("Leave gender out of the model {formula}: Paritas adds it itself, with men as the "
                          "reference group."),
    "model_unknown_column": _("The model names columns the file does not have: {columns}. Columns you can use: "
                              "{known}."),
    "model_gender_collinear": _("The model cannot separate gender from the other factors (a factor is the same "
                                "as gender). Remove that factor."),
    "pay_below_minimum": _("gross hourly pay {hourly} is below the minimum wage of {minimum} in force on "
                           "{in_force_on}; is the pay annual pay for the contractual hours?"),
    "several_reference_dates": _("The reference-date column holds several dates ({dates}); {used}, the latest, "
                                 "is used."),
}

#: One sentence for a whole group of rows with the same warning ({n}: how many rows).
GROUP_MESSAGES: dict[str, tuple[str, str]] = {
    "pay_below_minimum": _n("{n} row below the minimum wage of {minimum} in force on {in_force_on}",
                            "{n} rows below the minimum wage of {minimum} in force on {in_force_on}"),
    "implausible_age": _n("{n} row with an implausible age (below 14 or above 75)",
                          "{n} rows with an implausible age (below 14 or above 75)"),
    "hire_after_reference": _n("{n} row whose date of entry lies after the reference date {reference}",
                               "{n} rows whose date of entry lies after the reference date {reference}"),
    "zero_hours": _n("{n} row with 0 contractual hours, left out of hourly pay figures",
                     "{n} rows with 0 contractual hours, left out of hourly pay figures"),
}
#: Parameters that are amounts of money (formatted with the parameter ``currency``) or dates.
MONEY_PARAMS = frozenset({"minimum", "hourly"})
DATE_PARAMS = frozenset({"in_force_on", "reference"})
#: Parameters that are plain numbers (sizes, counts, limits), shown in the reader's locale (1.048.576).
NUMBER_PARAMS = frozenset({"size", "inflated", "limit", "length", "width", "count", "ratio"})
#: Parameters that name canonical columns (shown with their labels).
COLUMN_PARAMS = frozenset({"columns", "canonical"})
#: Rows named in a group's sentence; the rest are counted.
ROWS_LISTED = 20


def _formatted(params: dict[str, str], t: Translator) -> dict[str, str]:
    """Numbers and dates of a problem's parameters in the reader's locale ('11,76 €', '31. Dezember 2019')."""
    from datetime import date

    out = dict(params)
    for key, value in params.items():
        try:
            if key in MONEY_PARAMS:
                out[key] = t.money(float(value), params.get("currency") or None)
            elif key in DATE_PARAMS:
                out[key] = t.date(date.fromisoformat(value))
            elif key in COLUMN_PARAMS:
                out[key] = labels.column_list(value, t)
            elif key in NUMBER_PARAMS:
                out[key] = t.integer(int(value)) if value.isdigit() else t.decimal(float(value), 1)
        except ValueError:
            pass
    return out


def message(problem: Problem, t: Translator) -> str:
    """What is wrong, without where: 'unknown gender code; expected …' (for tables with row and column)."""
    params = _formatted(dict(problem.params), t)
    params.setdefault("column", problem.column or "")
    template = MESSAGES.get(problem.code, problem.code)
    return t(template, **params)


def describe(problem: Problem, t: Translator) -> str:
    """One problem as a sentence: 'Row 17, column “Geschlecht”, value “q”: unknown gender code; …'."""
    text = message(problem, t)
    where = []
    if problem.row is not None:
        where.append(t("row {row}", row=problem.row))
    if problem.column is not None and problem.row is not None:
        where.append(t("column “{column}”", column=problem.column))
    if problem.value is not None and problem.row is not None:
        where.append(t("value “{value}”", value=problem.value))
    if not where:
        return text
    lead = ", ".join(where)
    return f"{lead[0].upper()}{lead[1:]}: {text}"


@dataclass(frozen=True)
class Group:
    """The rows that share one warning in one column: how many, which (the first ones kept), one example."""

    severity: str
    code: str
    column: str | None
    count: int
    rows: tuple[int, ...]
    first: Problem

    def to_dict(self) -> dict[str, object]:
        return {"severity": self.severity, "code": self.code, "column": self.column, "count": self.count,
                "rows": list(self.rows), "first": self.first.to_dict()}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Group:
        first = dict(data["first"])
        first["params"] = tuple(dict(first.get("params") or {}).items())
        return cls(data["severity"], data["code"], data["column"], int(data["count"]),
                   tuple(int(r) for r in data["rows"]), Problem(**first))


def groups(report: ProblemReport, severity: str = "warning", rows_kept: int = 200) -> list[Group]:
    """The report's problems of one severity, one group per (code, column), in the order of first rows."""
    counts = {key: n for key, n in report.counts}
    out = []
    ordered = sorted((p for p in report.problems if p.severity == severity),
                     key=lambda p: (p.code, p.column or "", p.row or 0))
    for (sev, code, column), items in groupby(ordered, key=lambda p: (p.severity, p.code, p.column)):
        shown = list(items)
        rows = tuple(p.row for p in shown if p.row is not None)[:rows_kept]
        out.append(Group(sev, code, column, max(counts.get((sev, code, column), 0), len(shown)), rows, shown[0]))
    return sorted(out, key=lambda g: (g.rows[0] if g.rows else 0, g.code))


def group_summary(group: Group, t: Translator) -> str:
    """'90 rows below the minimum wage of 9,19 € in force on 31. Dezember 2019' (the group's sentence)."""
    if group.count == 1 or group.first.row is None:
        return describe(group.first, t) if group.count == 1 else message(group.first, t)
    params = _formatted(dict(group.first.params), t)
    if group.code in GROUP_MESSAGES:
        singular, plural = GROUP_MESSAGES[group.code]
        text = t.n(singular, plural, group.count, **{**params, "n": t.integer(group.count)})
    else:
        text = t.n("{n} row: {message}", "{n} rows: {message}", group.count, n=t.integer(group.count),
                   message=message(group.first, t))
    return text + (" " + t("(column “{column}”)", column=group.column) if group.column else "")


def group_rows(group: Group, t: Translator, listed: int = ROWS_LISTED) -> str:
    """'rows 38, 41, 57, … (70 more not listed)'; empty for a single row or a file-level problem."""
    if group.count <= 1 or not group.rows:
        return ""
    named = ", ".join(str(r) for r in group.rows[:listed])
    left_out = group.count - min(len(group.rows), listed)
    text = t("rows {rows}", rows=named)
    if left_out > 0:
        text += ", … " + t.n("({n} more not listed)", "({n} more not listed)", left_out, n=t.integer(left_out))
    return text


def render(report: ProblemReport, t: Translator, per_kind: int = 20) -> str:
    """The whole report as text: errors one line each (at most ``per_kind`` per kind and column, then a
    count), warnings one line per kind and column, naming the first rows and how many were left out."""
    lines: list[str] = []
    errors, warnings = report.count("error"), report.count("warning")
    if errors:
        lines.append(t.n("The file has {n} error. Nothing was imported.",
                         "The file has {n} errors. Nothing was imported.", errors, n=t.integer(errors)))
    if warnings:
        lines.append(t.n("{n} warning (check the values; they can be accepted):",
                         "{n} warnings (check the values; they can be accepted):", warnings,
                         n=t.integer(warnings)))
    counts = {key: n for key, n in report.counts}
    for (severity, code, column), items in groupby(
            sorted(report.errors, key=lambda p: (p.code, p.column or "", p.row or 0)),
            key=lambda p: (p.severity, p.code, p.column)):
        shown = list(items)
        label = t("Error") if severity == "error" else t("Warning")
        for problem in shown[:per_kind]:
            lines.append(f"- {label}: {describe(problem, t)}")
        remaining = counts.get((severity, code, column), len(shown)) - min(len(shown), per_kind)
        if remaining > 0:
            lines.append("  " + t.n("… and {n} more row with the same problem.",
                                    "… and {n} more rows with the same problem.", remaining,
                                    n=t.integer(remaining)))
    label = t("Warning")
    for group in groups(report):
        rows = group_rows(group, t)
        lines.append(f"- {label}: {group_summary(group, t)}" + (f": {rows}" if rows else ""))
    return "\n".join(lines)
