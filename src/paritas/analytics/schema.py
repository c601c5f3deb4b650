"""The HR data contract: canonical columns, their German and Swedish aliases, value vocabularies.

Source of truth: ``docs/hr-data.md``. One file is one organisation at one reference date,
one row per employment. Everything here is data plus two small pure functions (header folding and
alias lookup); the reader in :mod:`paritas.analytics.io` applies it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum


class Kind(StrEnum):
    """How a column's values are parsed and validated."""

    TEXT = "text"
    GENDER = "gender"
    NUMBER = "number"
    INTEGER = "integer"
    DATE = "date"
    YES_NO = "yes_no"
    CONTRACT = "contract"
    LEVEL = "level"  # leadership level: 0 = none, 1 = top, 2, 3 ...


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    kind: Kind
    aliases: tuple[str, ...]
    description: str


# Canonical columns (hr-data.md § Columns) plus a few alternatives that real exports carry instead:
# age instead of birth_year, years_of_service instead of hire_date, birth_date (SAP "Geburtsdatum"),
# employment_rate (Swedish "sysselsättningsgrad", Swiss "Beschäftigungsgrad") instead of weekly_hours,
# annual_hours (hr-data.md § Values: used for gross hourly pay where given).
COLUMNS: tuple[Column, ...] = (
    Column("employee_id", Kind.TEXT,
           ("Personalnummer", "Pers.-Nr.", "PersNr", "Personal-Nr.", "Mitarbeiter-ID", "Mitarbeiternummer",
            "Anställningsnummer", "Anst.nr", "Anstnr", "Employee number", "ID"),
           "unique per row"),
    Column("gender", Kind.GENDER, ("Geschlecht", "Kön", "Sex"), "gender (see hr-data.md § Values)"),
    Column("birth_year", Kind.INTEGER, ("Geburtsjahr", "Födelseår", "Year of birth"), "year of birth"),
    Column("birth_date", Kind.DATE, ("Geburtsdatum", "Födelsedatum", "Date of birth"), "date of birth"),
    Column("age", Kind.INTEGER, ("Alter", "Ålder", "Lebensalter"), "age in years at the reference date"),
    Column("hire_date", Kind.DATE,
           ("Eintrittsdatum", "Eintritt", "Anställningsdatum", "Date of entry", "Start date"), "date of entry"),
    Column("exit_date", Kind.DATE,
           ("Austrittsdatum", "Vertragsende", "Befristet bis", "Slutdatum", "Anställd till", "Exit date", "End date"),
           "date the employment ends (a fixed term, a notice given)"),
    Column("years_of_service", Kind.NUMBER,
           ("Dienstjahre", "Betriebszugehörigkeit", "Anställningsår", "Tenure"), "years of service"),
    Column("weekly_hours", Kind.NUMBER,
           ("Wochenstunden", "Arbeitszeit", "Wöchentliche Arbeitszeit", "Veckoarbetstid", "Hours per week"),
           "contractual weekly hours"),
    Column("full_time_weekly_hours", Kind.NUMBER,
           ("Regelarbeitszeit", "Vollzeitstunden", "Heltidsmått", "Heltid", "Full-time hours"),
           "full-time weekly hours of this job"),
    Column("employment_rate", Kind.NUMBER,
           ("Beschäftigungsgrad", "Teilzeitgrad", "Sysselsättningsgrad", "Tjänstgöringsgrad", "FTE"),
           "share of full time, in % (100) or as a fraction (1.0)"),
    Column("annual_hours", Kind.NUMBER, ("Jahresarbeitsstunden", "Årsarbetstid"), "paid hours in the year"),
    Column("pay_grade", Kind.TEXT,
           ("Entgeltgruppe", "Besoldungsgruppe", "Tarifgruppe", "Lönegrupp", "Grade"), "pay grade or band"),
    Column("job_title", Kind.TEXT, ("Stellenbezeichnung", "Tätigkeit", "Befattning", "Job"), "job title"),
    Column("category", Kind.TEXT,
           ("Tätigkeitsgruppe", "Vergleichsgruppe", "Arbetsgrupp", "Likvärdig grupp", "Category of workers"),
           "category of workers: equal work or work of equal value (EU 2023/970 art. 3, 4)"),
    Column("career_group", Kind.TEXT, ("Laufbahngruppe", "Laufbahn", "Beschäftigtengruppe", "Personalkategori",
                                       "Career group"),
           "career group (Laufbahngruppe: einfacher, mittlerer, gehobener, höherer Dienst; or the employer's own)"),
    Column("department", Kind.TEXT,
           ("Organisationseinheit", "Fachbereich", "Amt", "Abteilung", "Förvaltning", "Avdelning"),
           "organisational unit"),
    Column("leadership_level", Kind.LEVEL,
           ("Führungsebene", "Führungsfunktion", "Chefsnivå", "Management level"),
           "0 = no leadership role, 1 = top, 2, 3 …"),
    Column("base_pay", Kind.NUMBER,
           ("Grundentgelt", "Jahresgrundgehalt", "Grundgehalt", "Grundlön", "Årslön", "Basic pay"),
           "ordinary basic gross pay for the reference year, at contractual hours"),
    # Pay components as the laws split them (docs/methodology.md § Pay components): allowances are
    # ordinary pay under UK SI 2017/172 reg. 3(1)(b) and complementary components under EU 2023/970;
    # bonus is UK reg. 4 bonus pay and the directive's variable components.
    Column("allowances", Kind.NUMBER,
           ("Zulagen", "Zulage", "Zuschläge", "Zulagen und Zuschläge", "Schichtzulage", "Erschwerniszulage",
            "Tillägg", "Lönetillägg", "OB-tillägg", "Allowances", "Allowance", "Shift allowance"),
           "allowances for the year: shift, night, hardship and similar supplements"),
    Column("bonus", Kind.NUMBER,
           ("variable_pay", "variable Vergütung", "Variable Vergütung", "Bonus", "Boni", "Bonuszahlung", "Prämie",
            "Prämien", "Leistungsentgelt", "Leistungsprämie", "Tantieme", "Provision", "Rörlig lön", "Bonus pay",
            "Variable pay", "Provisioner", "Prestationslön"),
           "bonus for the 12 months to the reference date: profit sharing, performance, incentive, commission"),
    Column("education", Kind.TEXT,
           ("Bildungsabschluss", "Ausbildung", "Utbildningsnivå", "Utbildning"),
           "highest education (ISCED 2011 level 0–8, or Logib's categories)"),
    Column("skill_level", Kind.INTEGER, ("Anforderungsniveau", "Kompetenzniveau", "Kravnivå", "Level of requirements"),
           "Logib's level of requirements of the job, 1 (highest) – 8 (logib 0.2.0; the earlier scale had 4)"),
    Column("contract", Kind.CONTRACT,
           ("Befristung", "befristet", "Vertragsart", "Anställningsform", "Contract type"),
           "permanent or fixed_term"),
    Column("trainee", Kind.YES_NO,
           ("Auszubildende", "Auszubildender", "Auszubildende(r)", "Azubi", "Lärling", "Praktikant",
            "Apprentice"), "apprentice or trainee"),
    Column("hired", Kind.YES_NO, ("Neueinstellung", "Nyanställd", "New hire"), "hired in the reference year"),
    Column("promoted", Kind.YES_NO, ("Beförderung", "Höhergruppierung", "Befordrad", "Promotion"),
           "promoted in the reference year"),
    Column("left", Kind.YES_NO, ("Austritt", "Ausgeschieden", "Avslutad", "Leaver"), "left in the reference year"),
    Column("reference_date", Kind.DATE,
           ("Stichtag", "Referenzdatum", "Auswertungsstichtag", "Referensdatum", "Mätdatum", "Reference date"),
           "the day the export describes (the same in every row)"),
    Column("statistical_population", Kind.INTEGER, ("Statistikpopulation", "Statistical population"),
           "Logib's statistical population: 1 is analysed, 2–5 (apprentices, trainees, expatriates …) are not"),
    # UK SI 2017/172 reg. 6: the relevant pay period (the one the snapshot date falls in), where given.
    Column("period_ordinary_pay", Kind.NUMBER,
           ("Ordinary pay in pay period", "Ordinary pay (relevant pay period)", "Ordinary pay period"),
           "ordinary pay paid in the relevant pay period (reg. 3)"),
    Column("period_bonus_pay", Kind.NUMBER,
           ("Bonus pay in pay period", "Bonus pay (relevant pay period)", "Bonus pay period"),
           "bonus pay paid in the relevant pay period (reg. 4)"),
    Column("pay_period_days", Kind.NUMBER, ("Pay period days", "Days in pay period", "Pay period (days)"),
           "length of the relevant pay period in days (reg. 5)"),
    Column("bonus_period_days", Kind.NUMBER, ("Bonus period days", "Bonus period (days)"),
           "length in days of the period the bonus paid in the pay period relates to (reg. 6(2))"),
    Column("full_pay", Kind.YES_NO, ("Full pay", "Full-pay relevant employee", "Full-pay employee"),
           "not on reduced or nil pay because of leave in the relevant pay period (reg. 1(2))"),
)

COLUMNS_BY_NAME: dict[str, Column] = {c.name: c for c in COLUMNS}

PAY_COLUMNS = ("base_pay", "allowances", "bonus")
#: The directive's complementary or variable components (EU 2023/970 art. 9(1)(b)): allowances + bonus.
VARIABLE_COMPONENTS = ("allowances", "bonus")
PERIOD_PAY_COLUMNS = ("period_ordinary_pay", "period_bonus_pay", "pay_period_days", "bonus_period_days")
STRUCTURE_COLUMNS = ("pay_grade", "career_group", "leadership_level", "department", "weekly_hours", "employment_rate",
                     "category", "contract", "trainee", "birth_year", "birth_date", "age")

# Gender (hr-data.md § Values). Stored codes: f = woman, m = man, d = other, u = not stated.
WOMAN, MAN, OTHER, NOT_STATED = "f", "m", "d", "u"
GENDER_VALUES: dict[str, str] = {
    **dict.fromkeys(("f", "w", "weiblich", "weibl.", "weibl", "frau", "female", "woman", "k", "kvinna",
                     "femme", "féminin", "feminin", "donna", "femminile"), WOMAN),
    **dict.fromkeys(("m", "männlich", "maennlich", "männl.", "männl", "mann", "male", "man",
                     "homme", "masculin", "uomo", "maschile"), MAN),
    **dict.fromkeys(("d", "divers", "x", "o", "annat", "other", "diverse", "inter"), OTHER),
    **dict.fromkeys(("", "ohne angabe", "keine angabe", "k.a.", "okänt", "not stated", "unknown", "-"), NOT_STATED),
}

YES_VALUES = ("1", "ja", "j", "yes", "y", "true", "wahr", "x", "sant")
NO_VALUES = ("0", "nein", "n", "nej", "no", "false", "falsch", "", "-", "falskt")

# contract (hr-data.md: Befristung befristet/unbefristet, Anställningsform tillsvidare/visstid). A column
# named "Befristung" often holds yes/no: yes means fixed-term.
CONTRACT_VALUES: dict[str, str] = {
    **dict.fromkeys(("permanent", "unbefristet", "tillsvidare", "tillsvidareanställning", "unbefr.",
                     "nein", "n", "no", "0", "open-ended"), "permanent"),
    **dict.fromkeys(("fixed_term", "fixed-term", "fixed term", "befristet", "befr.", "visstid",
                     "visstidsanställning", "temporary", "ja", "j", "yes", "1", "x"), "fixed_term"),
}

LEADERSHIP_NONE = ("", "0", "-", "nein", "keine", "ohne", "nej", "ingen", "no", "none", "n")

_FOOTNOTE = re.compile(r"[*¹²³⁴⁵⁶⁷⁸⁹⁰†‡]+|\s\d\)$")
_UNIT = re.compile(r"\s*[\(\[][^\)\]]*[\)\]]\s*$")
_UMLAUT = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "å": "aa", "é": "e"})


def fold_header(header: str) -> frozenset[str]:
    """Keys under which a header matches an alias: case, spacing, punctuation, footnote marks and a
    trailing unit in brackets are ignored; "Führungsebene", "Fuehrungsebene" and "Fuhrungsebene" meet.
    """
    text = unicodedata.normalize("NFC", str(header)).strip().lower()
    text = _FOOTNOTE.sub("", text).strip()
    keys = set()
    for candidate in {text, _UNIT.sub("", text)}:
        if not candidate:
            continue
        transliterated = re.sub(r"[^a-z0-9]", "", candidate.translate(_UMLAUT))
        stripped = "".join(ch for ch in unicodedata.normalize("NFKD", candidate) if not unicodedata.combining(ch))
        stripped = re.sub(r"[^a-z0-9]", "", stripped)
        keys.update(k for k in (transliterated, stripped) if k)
    return frozenset(keys)


def _alias_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for column in COLUMNS:
        for alias in (column.name, *column.aliases):
            for key in fold_header(alias):
                index.setdefault(key, column.name)
    return index


_ALIAS_INDEX = _alias_index()


def canonical_name(header: str) -> str | None:
    """The canonical column a header stands for, or None (an extra column, kept as it is)."""
    for key in sorted(fold_header(header)):
        if key in _ALIAS_INDEX:
            return _ALIAS_INDEX[key]
    return None


#: The gender header's language tells the language of the whole export (the one column every file has).
_HEADER_LANGUAGES = (("sv", "Kön"), ("de", "Geschlecht"), ("en", "gender"))
_LANGUAGE_COUNTRIES = {"de": "DE", "sv": "SE"}


def header_language(columns: Mapping[str, str]) -> str | None:
    """'de', 'sv' or 'en' by the file's gender header (``columns``: canonical → header), else None."""
    header = columns.get("gender")
    if not header:
        return None
    keys = fold_header(header)
    return next((lang for lang, alias in _HEADER_LANGUAGES if keys & fold_header(alias)), None)


def country_of_headers(columns: Mapping[str, str]) -> str | None:
    """The employer's country as the headers' language suggests: German → DE, Swedish → SE, else None."""
    return _LANGUAGE_COUNTRIES.get(header_language(columns) or "")
