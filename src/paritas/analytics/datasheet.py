"""The official Logib data sheet (module 1, "Datenblatt") as Swiss employers fill it in, in German, French,
Italian or English: found in the workbook, its columns recognised, Logib's own transformations and
plausibility checks applied, and handed to the reader as the HR data contract's columns.

Facts from the Confederation's ``logib`` R package (docs/methodology.md § Logib data sheet):

* columns, in this order: personnel number, age (or year or date of birth), sex, years of service (or
  year or date of entry), training (education code 1–8), function, level of requirements (1–8),
  professional position (1–5), activity rate (%), paid hours (a month, for people paid by the hour),
  basic wage, allowances, 13th monthly wage, special payments (the reference month's amounts), usual
  weekly hours, usual annual hours, statistical population, remarks;
* full-time equivalent = weekly hours × activity rate / (100 × the most frequent weekly hours), or, for
  people paid by the hour, 12 × paid hours / (52 × the most frequent weekly hours); the standardised
  salary = (basic wage + allowances + 13th monthly wage + special payments) / FTE;
* age from a year of birth = reference year − year; years of service from a year of entry = reference
  year − year, from a date of entry YEARFRAC (see :mod:`paritas.analytics.paygap.logib`);
* statistical population: 1 is analysed, 2–5 (apprentices, trainees, interns, expatriates …) are not;
* the plausibility checks of ``check_data``: errors refuse the file row by row, warnings are shown.

Mapping onto the contract: ``base_pay`` = 12 × (basic wage + 13th monthly wage), ``allowances`` = 12 ×
allowances, ``bonus`` = 12 × special payments, ``weekly_hours`` = FTE × the most frequent weekly hours,
full time = the most frequent weekly hours. Gross hourly pay is then the standardised salary times a
constant, so Logib's coefficients are the federal tool's.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import polars as pl

from paritas.analytics.problems import Problem, ProblemCollector
from paritas.analytics.schema import fold_header

#: Logib's column codes (logib ``all_column_names$code``) and their headers in the four languages of the
#: data sheet, with the variants employers' own exports use.
HEADERS: dict[str, tuple[str, ...]] = {
    "personal_number": ("Personalnummer", "Laufnummer", "Numéro du personnel", "Numéro de personnel",
                        "Numero del personale", "Numero di personale", "Personal number", "Personnel number"),
    "age": ("Alter", "Geburtsjahr", "Geburtsdatum", "Âge", "Age", "Année de naissance", "Date de naissance",
            "Età", "Anno di nascita", "Data di nascita", "Year of birth", "Date of birth"),
    "sex": ("Geschlecht", "Sexe", "Sesso", "Sex", "Gender"),
    "years_of_service": ("Dienstjahre", "Eintrittsjahr", "Eintrittsdatum", "Années de service", "Année d'entrée",
                         "Date d'entrée", "Anni di servizio", "Anno di entrata", "Data di entrata",
                         "Years of service", "Entry year", "Entry date"),
    "training": ("Ausbildung", "Formation", "Formazione", "Training", "Education"),
    "professional_function": ("Funktion", "Fonction", "Funzione", "Function", "Professional function"),
    "level_of_requirements": ("Anforderungsniveau", "Kompetenzniveau", "Betriebliches Kompetenzniveau",
                              "Niveau de compétences", "Niveau des exigences", "Niveau d'exigences",
                              "Livello di competenze", "Livello delle esigenze", "Level of requirements",
                              "Skill level", "Competence level"),
    "professional_position": ("Berufliche Stellung", "Position professionnelle", "Posizione professionale",
                              "Professional position"),
    "activity_rate": ("Beschäftigungsgrad", "Taux d'occupation", "Grado di occupazione", "Activity rate",
                      "Employment rate"),
    "paid_hours": ("Bezahlte Stunden", "Anzahl bezahlte Stunden", "Heures payées", "Nombre d'heures payées",
                   "Ore pagate", "Numero di ore pagate", "Paid hours", "Number of paid hours"),
    "basic_wage": ("Basislohn", "Grundlohn", "Salaire de base", "Salario di base", "Salario base", "Basic wage",
                   "Basic salary"),
    "allowances": ("Zulagen", "Indemnités", "Allocations", "Indennità", "Allowances"),
    "monthly_wage_13": ("13. Monatslohn", "13ème salaire mensuel", "13e salaire mensuel", "13e salaire",
                        "13a mensilità", "13° salario mensile", "13th monthly wage", "13th month salary"),
    "special_payments": ("Sonderzahlungen", "Paiements spéciaux", "Versements spéciaux", "Pagamenti speciali",
                         "Special payments"),
    "weekly_hours": ("Betriebsübliche Wochenarbeitszeit", "Wochenarbeitszeit", "Wochenstunden",
                     "Durée hebdomadaire du travail", "Heures hebdomadaires", "Orario settimanale",
                     "Ore settimanali", "Usual weekly hours", "Weekly hours"),
    "annual_hours": ("Betriebsübliche Jahresarbeitszeit", "Jahresarbeitszeit", "Jahresstunden",
                     "Durée annuelle du travail", "Heures annuelles", "Orario annuale", "Ore annuali",
                     "Usual annual hours", "Annual hours"),
    "population": ("Statistikpopulation", "Population", "Statistische Population", "Population statistique",
                   "Popolazione", "Popolazione statistica", "Statistical population"),
    "comments": ("Bemerkungen", "Bemerkung", "Remarques", "Osservazioni", "Commenti", "Remarks", "Comments"),
}
#: Without these a sheet is not a Logib data sheet.
REQUIRED = ("personal_number", "age", "sex", "years_of_service", "training", "level_of_requirements",
            "professional_position", "basic_wage")
#: Sheet names of the official workbooks (datalist and export file).
SHEET_NAMES = ("Vorlage_Datenblatt", "Datenblatt", "Individuelle_Angaben", "modèle_de_feuille_de_données",
               "feuille_de_données", "Données_individuelles", "modello_del_foglio_di_dati", "foglio_di_dati",
               "Dati_individuali", "data_sheet_template", "data_sheet", "Individual_information")
HEADER_SCAN_ROWS = 30

_INDEX = {key: code for code, aliases in HEADERS.items() for alias in (code, *aliases) for key in fold_header(alias)}
#: One-letter codes that mean a sex only in the sheet's language: French H(omme), Italian D(onna)/U(omo);
#: a German "d" stays "divers" (and Logib, which compares two sexes, leaves it out). Words (femme, donna …)
#: are the contract's own gender values.
_SEX_BY_LANGUAGE = {"sexe": {"h": "m"}, "sesso": {"d": "f", "u": "m"}}


def logib_code(header: str) -> str | None:
    """The Logib column a data-sheet header stands for, in any of the four languages, or None."""
    for key in sorted(fold_header(str(header))):
        if key in _INDEX:
            return _INDEX[key]
    return None


@dataclass(frozen=True)
class DataSheet:
    sheet: str
    header_index: int  # 0-based row of the header in the sheet
    columns: dict[str, str]  # Logib code → header
    body: pl.DataFrame  # the rows under the header, the file's headers


def find(path: Path) -> DataSheet | None:
    """The Logib data sheet of a workbook: the sheet (official name first) whose header row, within the
    first rows, names every required Logib column. None when the workbook has none."""
    import fastexcel

    try:
        workbook = fastexcel.read_excel(str(path))
        names = list(workbook.sheet_names)
    except Exception:  # not readable as a workbook: the general reader says why
        return None
    official = {s.lower() for s in SHEET_NAMES}
    for name in sorted(names, key=lambda n: (n.lower() not in official, names.index(n))):
        try:  # the first rows only: an ordinary export is not read twice
            head = workbook.load_sheet(name, header_row=None, n_rows=HEADER_SCAN_ROWS).to_polars()
        except Exception:
            continue
        for index, row in enumerate(head.cast(pl.String).iter_rows()):
            columns: dict[str, str] = {}
            for cell in row:
                code = logib_code(cell) if cell is not None else None
                if code and code not in columns:
                    columns[code] = str(cell).strip()
            if all(code in columns for code in REQUIRED):
                raw = pl.read_excel(path, sheet_name=name, has_header=False, infer_schema_length=0,
                                    drop_empty_rows=False)
                header = [str(c).strip() if c is not None else "" for c in raw.row(index)]
                keep = [i for i, h in enumerate(header) if h]
                body = raw.slice(index + 1).select([raw.columns[i] for i in keep])
                body.columns = [header[i] for i in keep]
                return DataSheet(name, index, columns, body)
    return None


def _number(column: str) -> pl.Expr:
    """A data-sheet cell as a number: Excel numbers arrive as text here, Swiss thousands marks (1'234.50)."""
    text = pl.col(column).cast(pl.String).str.strip_chars().str.replace_all(r"[\s'’]", "")
    return pl.when(text == "").then(None).otherwise(text.str.replace(",", ".", literal=True)).cast(
        pl.Float64, strict=False)


def _excel_date(column: str) -> pl.Expr:
    text = pl.col(column).cast(pl.String).str.strip_chars()
    serial = text.cast(pl.Float64, strict=False)
    from_serial = pl.when((serial > 2000) & (serial < 110_000)).then(
        pl.lit(date(1899, 12, 30)) + pl.duration(days=serial.floor().cast(pl.Int64, strict=False)))
    return pl.coalesce(text.str.strptime(pl.Date, "%d.%m.%Y", strict=False, exact=True),
                       text.str.strptime(pl.Date, "%Y-%m-%d", strict=False, exact=True),
                       text.str.strptime(pl.Date, "%Y-%m-%d %H:%M:%S", strict=False, exact=True),
                       text.str.strptime(pl.Date, "%d/%m/%Y", strict=False, exact=True), from_serial)


def _years_or_date(column: str, reference: date) -> tuple[pl.Expr, pl.Expr]:
    """(years, date) of an age or service column, as logib reads it: a four-digit number is a year
    (→ reference year − year), a smaller number the years themselves, anything else a date."""
    number = _number(column)
    is_date_text = pl.col(column).cast(pl.String).str.contains(r"[./-]")
    as_date = pl.when(is_date_text | (number > 9999)).then(_excel_date(column))
    years = (pl.when(is_date_text | (number > 9999)).then(None)
             .when(number >= 1000).then(pl.lit(float(reference.year)) - number)
             .otherwise(number))
    return years, as_date


def to_contract(sheet: DataSheet, reference: date, collector: ProblemCollector,
                first_row: int) -> tuple[pl.DataFrame, dict[str, str], float | None]:
    """The data sheet as the HR data contract's columns, Logib's checks added to ``collector``.

    Returns the frame (headers of the file where a column is the file's, or transformed from it), the
    mapping canonical → header for the reader, and the most frequent weekly hours (full time).
    ``first_row`` is the sheet row number (as Excel counts) of the first data row.
    """
    from paritas.analytics.paygap.logib import service_reference, yearfrac

    c = sheet.columns
    body = sheet.body.with_row_index("__row", offset=first_row)
    empty = body.select(pl.all_horizontal([pl.col(h).is_null() | (pl.col(h).cast(pl.String).str.strip_chars() == "")
                                           for h in sheet.body.columns])).to_series()
    age_years, birth_date = _years_or_date(c["age"], reference)
    service_years, entry_date = _years_or_date(c["years_of_service"], reference)
    end = service_reference(reference)

    def number(code: str) -> pl.Expr:
        return _number(c[code]) if code in c else pl.lit(None, dtype=pl.Float64)

    data = body.select(
        pl.col("__row"),
        age_years.alias("age"), birth_date.alias("birth_date"),
        service_years.alias("service"), entry_date.alias("entry_date"),
        *(number(code).alias(code) for code in ("training", "level_of_requirements", "professional_position",
                                               "activity_rate", "paid_hours", "basic_wage", "allowances",
                                               "monthly_wage_13", "special_payments", "weekly_hours",
                                               "population")),
    )
    entries = data["entry_date"].drop_nulls().unique().to_list()
    data = data.with_columns(
        pl.coalesce(pl.col("age"), (pl.lit(reference.year) - pl.col("birth_date").dt.year()).cast(pl.Float64))
        .alias("age"),
        pl.coalesce(pl.col("service"), pl.col("entry_date").replace_strict(
            {d: yearfrac(d, end) for d in entries}, default=None, return_dtype=pl.Float64)).alias("service"),
        *(pl.col(code).fill_null(0.0) for code in ("allowances", "monthly_wage_13", "special_payments",
                                                   "activity_rate", "paid_hours")),
        pl.col("population").fill_null(1.0),
    )
    hours = data["weekly_hours"].drop_nulls()
    mfww = float(hours.mode().sort()[-1]) if hours.len() else None  # the most frequent, the highest on a tie
    weekly = pl.col("weekly_hours").fill_null(mfww) if mfww is not None else pl.col("weekly_hours")
    fte = pl.when(pl.col("activity_rate") > 0).then(weekly * pl.col("activity_rate") / (100 * mfww or 1)).otherwise(
        12 * pl.col("paid_hours") / (52 * (mfww or 1)))
    data = data.with_columns(fte.alias("fte"))
    _checks(data.filter(~empty), c, collector)

    mapping: dict[str, str] = {"employee_id": c["personal_number"], "gender": c["sex"],
                               "education": c["training"], "skill_level": c["level_of_requirements"],
                               "leadership_level": c["professional_position"], "base_pay": c["basic_wage"],
                               "years_of_service": c["years_of_service"], "age": c["age"],
                               "statistical_population": c.get("population", "population")}
    frame = body.select(
        pl.col(c["personal_number"]).cast(pl.String),
        pl.col(c["sex"]).cast(pl.String).str.strip_chars().str.to_lowercase()
        .replace(next((codes for key, codes in _SEX_BY_LANGUAGE.items() if key in fold_header(c["sex"])), {}))
        .alias(c["sex"]),
        pl.col(c["training"]).cast(pl.String),
    ).with_columns(
        data["age"].alias(c["age"]), data["service"].alias(c["years_of_service"]),
        data["level_of_requirements"].alias(c["level_of_requirements"]),
        # professional position 5 (no management function) is leadership level 0; 1–4 stay
        pl.when(data["professional_position"] == 5).then(0.0).otherwise(data["professional_position"])
        .alias(c["professional_position"]),
        (12 * (data["basic_wage"] + data["monthly_wage_13"])).alias(c["basic_wage"]),
        (data["fte"] * (mfww or 0)).alias(_hours_header(c)),
        data["population"].alias(mapping["statistical_population"]),
    )
    mapping["weekly_hours"] = _hours_header(c)
    if "allowances" in c:
        frame = frame.with_columns((12 * data["allowances"]).alias(c["allowances"]))
        mapping["allowances"] = c["allowances"]
    if "special_payments" in c:
        frame = frame.with_columns((12 * data["special_payments"]).alias(c["special_payments"]))
        mapping["bonus"] = c["special_payments"]
    if "professional_function" in c:
        frame = frame.with_columns(body[c["professional_function"]].cast(pl.String).alias(c["professional_function"]))
        mapping["job_title"] = c["professional_function"]
    # an empty row stays empty (the reader skips it), so that row numbers stay those of the sheet
    frame = frame.with_columns(pl.when(pl.lit(empty)).then(None).otherwise(pl.col(h)).alias(h) for h in frame.columns)
    return frame, mapping, mfww


def _hours_header(c: Mapping[str, str]) -> str:
    """The header shown for the weekly hours worked out from the activity rate (or paid hours)."""
    parts = [c[code] for code in ("activity_rate", "paid_hours") if code in c]
    return " / ".join(parts) + (f" × {c['weekly_hours']}" if "weekly_hours" in c else "")


#: Logib's check_data: (code, severity, Logib column, condition over the prepared data).
def _rules(c: Mapping[str, str]) -> list[tuple[str, str, str, pl.Expr]]:
    age, service, entry_age = pl.col("age"), pl.col("service"), pl.col("age") - pl.col("service")
    level, position, training = pl.col("level_of_requirements"), pl.col("professional_position"), pl.col("training")
    rate, paid, basic = pl.col("activity_rate"), pl.col("paid_hours"), pl.col("basic_wage")
    thirteenth, weekly = pl.col("monthly_wage_13"), pl.col("weekly_hours")
    return [
            ("logib_age_range", "error", "age", age.is_not_null() & ((age < 13) | (age > 100))),
        ("logib_age_implausible", "warning", "age", age.is_between(13, 100) & ((age < 15) | (age > 70))),
        ("logib_service_range", "error", "years_of_service", service.is_not_null() & ((service < 0) | (service > 85))),
        ("logib_service_implausible", "warning", "years_of_service", (service > 55) & (service <= 85)),
        ("logib_entry_age", "error", "years_of_service", entry_age < 13),
        ("logib_entry_age_implausible", "warning", "years_of_service", (entry_age >= 13) & (entry_age < 16)),
        ("logib_training_range", "error", "training",
         training.is_not_null() & ~training.is_in([float(v) for v in range(1, 9)])),
        ("logib_rate_range", "error", "activity_rate", (rate < 0) | (rate > 150)),
        ("logib_rate_above_100", "warning", "activity_rate", (rate > 100) & (rate <= 150)),
        ("logib_paid_hours_range", "error", "paid_hours", (paid < 0) | (paid > 300)),
        ("logib_paid_hours_high", "warning", "paid_hours", (paid >= 220) & (paid <= 300)),
        ("logib_rate_and_hours", "error", "paid_hours", (rate > 0) & (paid > 0)),
        ("logib_no_workload", "error", "activity_rate", (rate == 0) & (paid == 0)),
        ("logib_basic_wage_zero", "error", "basic_wage", (basic == 0) & ((rate > 0) | (paid > 0))),
        # a negative basic wage, allowance or special payment: the reader's own negative_pay
        ("logib_negative", "error", "monthly_wage_13", thirteenth < 0),
        ("logib_13th_high", "warning", "monthly_wage_13", thirteenth > 0.25 * basic),
        ("logib_13th_low", "warning", "monthly_wage_13", (thirteenth > 0) & (thirteenth < 0.08 * basic)),
        ("logib_weekly_hours_range", "error", "weekly_hours", weekly.is_not_null() & ((weekly < 1) | (weekly > 100))),
        ("logib_weekly_hours_high", "warning", "weekly_hours", (weekly > 50) & (weekly <= 100)),
        ("logib_population_range", "error", "population", ~pl.col("population").is_in([1.0, 2.0, 3.0, 4.0, 5.0])),
        # a level of requirements outside 1–8: the reader's own skill_level_out_of_range
        ("logib_position_range", "error", "professional_position",
         position.is_not_null() & ~position.is_in([1.0, 2.0, 3.0, 4.0, 5.0])),
        ("logib_high_position_low_level", "warning", "level_of_requirements",
         level.is_in([6.0, 7.0, 8.0]) & position.is_in([1.0, 2.0])),
        ("logib_high_level_low_training", "warning", "level_of_requirements",
         level.is_in([1.0, 2.0, 3.0]) & training.is_in([7.0, 8.0])),
    ]


#: Columns logib's check_data requires in every row.
OBLIGATORY = ("age", "years_of_service", "training", "level_of_requirements", "professional_position",
              "basic_wage")
_PREPARED = {"years_of_service": "service"}


def _checks(data: pl.DataFrame, c: Mapping[str, str], collector: ProblemCollector) -> None:
    rules = _rules(c)
    rules += [("logib_missing", "error", code, pl.col(_PREPARED.get(code, code)).is_null()) for code in OBLIGATORY]
    masks = data.select([expr.fill_null(False).alias(f"__m{i}") for i, (*_x, expr) in enumerate(rules)])
    for i, (code, severity, column, _expr) in enumerate(rules):
        bad = masks[f"__m{i}"]
        n = int(bad.sum() or 0)
        if not n:
            continue
        header = c.get(column, column)
        value_column = _PREPARED.get(column, column)
        rows = data.filter(bad).head(2_000).select("__row", pl.col(value_column).cast(pl.String))
        collector.extend((Problem(severity, code, int(r), header, v) for r, v in rows.iter_rows()), total=n)
