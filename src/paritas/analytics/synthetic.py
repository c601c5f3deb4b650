"""Seeded generator of realistic municipal workforces for demos, tests and benchmarks.

The German profile is calibrated on seed 001 (Stadt Herne, TOTAL E-QUALITY 2019): with 2,984 employees
it yields exactly 58 % women, 130 men and 67 women in leadership and 4 men and 15 women leading part-time;
other sizes keep those proportions. Headcounts that a jury statement cites are allocated exactly (largest
remainder), everything else (departments, pay grades, hours, pay, dates) is drawn from the seed. Pay
follows TVöD-VKA / Besoldung NRW tables in shape (illustrative amounts, not a legal table).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Literal

import numpy as np
import polars as pl

Style = Literal["de", "sv", "en"]
FileFormat = Literal["csv", "xlsx", "parquet"]

DEFAULT_REFERENCE_DATE = date(2024, 12, 31)


@dataclass(frozen=True)
class Profile:
    name: str
    women_share: float
    other_share: float
    leadership_share: float
    women_share_in_leadership: float
    part_time_women_leaders: float   # share of women leaders working part-time
    part_time_men_leaders: float
    part_time_women: float           # share among non-leading women
    part_time_men: float
    trainee_share: float
    civil_servant_share: float
    full_time_hours: float
    civil_servant_hours: float
    currency_monthly_scale: float
    departments: tuple[tuple[str, float, float], ...]  # (name, weight, women's share in it)


# Herne 2019: 2,984 staff, 58 % women; 197 leaders of whom 67 women; part-time leaders 15 women, 4 men.
GERMAN_CITY = Profile(
    name="de-municipality", women_share=0.58, other_share=0.001, leadership_share=197 / 2984,
    women_share_in_leadership=67 / 197, part_time_women_leaders=15 / 67, part_time_men_leaders=4 / 130,
    part_time_women=0.52, part_time_men=0.09, trainee_share=0.045, civil_servant_share=0.27,
    full_time_hours=39.0, civil_servant_hours=41.0, currency_monthly_scale=1.0,
    departments=(
        ("Zentrale Dienste", 0.08, 0.62), ("Finanzen", 0.06, 0.66), ("Recht und Ordnung", 0.09, 0.50),
        ("Jugend und Familie", 0.16, 0.82), ("Soziales", 0.10, 0.74), ("Schule und Weiterbildung", 0.06, 0.70),
        ("Kultur und Sport", 0.05, 0.55), ("Stadtplanung und Bauen", 0.09, 0.42), ("Umwelt und Grün", 0.07, 0.30),
        ("Feuerwehr", 0.10, 0.08), ("Bürgerdienste", 0.08, 0.68), ("Gesundheit", 0.06, 0.72),
    ),
)

SWEDISH_MUNICIPALITY = Profile(
    name="sv-kommun", women_share=0.78, other_share=0.001, leadership_share=0.055, women_share_in_leadership=0.70,
    part_time_women_leaders=0.04, part_time_men_leaders=0.02, part_time_women=0.30, part_time_men=0.12,
    trainee_share=0.01, civil_servant_share=0.0, full_time_hours=40.0, civil_servant_hours=40.0,
    currency_monthly_scale=10.0,
    departments=(
        ("Kommunledningskontoret", 0.05, 0.62), ("Barn- och utbildningsförvaltningen", 0.30, 0.80),
        ("Socialförvaltningen", 0.12, 0.82), ("Omsorgsförvaltningen", 0.28, 0.88),
        ("Samhällsbyggnadsförvaltningen", 0.08, 0.42), ("Kultur- och fritidsförvaltningen", 0.05, 0.58),
        ("Räddningstjänsten", 0.04, 0.12), ("Tekniska förvaltningen", 0.08, 0.30),
    ),
)

PROFILES = {"de": GERMAN_CITY, "en": GERMAN_CITY, "sv": SWEDISH_MUNICIPALITY}

# Monthly full-time pay, step 3 (illustrative, shaped like TVöD-VKA 2025 and Besoldung NRW).
TVOED = {"EG 1": 2600, "EG 2": 2900, "EG 3": 3050, "EG 4": 3200, "EG 5": 3300, "EG 6": 3400, "EG 7": 3550,
         "EG 8": 3700, "EG 9a": 3800, "EG 9b": 4050, "EG 9c": 4300, "EG 10": 4500, "EG 11": 4700, "EG 12": 5100,
         "EG 13": 5300, "EG 14": 5700, "EG 15": 6300}
BESOLDUNG = {"A 6": 3000, "A 7": 3150, "A 8": 3300, "A 9": 3500, "A 10": 3800, "A 11": 4300, "A 12": 4700,
             "A 13": 5300, "A 14": 5700, "A 15": 6500, "A 16": 7200}
GRADES_BY_SKILL = {  # skill level 1 (highest) … 4 → (employee grades, civil-servant grades)
    4: (("EG 2", "EG 3", "EG 4"), ("A 6",)),
    3: (("EG 5", "EG 6", "EG 7", "EG 8"), ("A 7", "A 8", "A 9")),
    2: (("EG 9a", "EG 9b", "EG 9c", "EG 10", "EG 11"), ("A 10", "A 11", "A 12")),
    1: (("EG 12", "EG 13", "EG 14", "EG 15"), ("A 13", "A 14", "A 15", "A 16")),
}
SV_GRADES = {4: ("LG 1", "LG 2"), 3: ("LG 3", "LG 4"), 2: ("LG 5", "LG 6"), 1: ("LG 7", "LG 8")}
SV_MONTHLY = {"LG 1": 27500, "LG 2": 29500, "LG 3": 31500, "LG 4": 34000, "LG 5": 37500, "LG 6": 41000,
              "LG 7": 46000, "LG 8": 54000}
CAREER = {"de": {4: "Einfacher Dienst", 3: "Mittlerer Dienst", 2: "Gehobener Dienst", 1: "Höherer Dienst"},
          "sv": {4: "Arbetsgrupp 1", 3: "Arbetsgrupp 2", 2: "Arbetsgrupp 3", 1: "Arbetsgrupp 4"}}
TITLES = {"de": {4: ("Hausmeister*in", "Reinigungskraft", "Bot*in"), 3: ("Verwaltungsfachangestellte*r",
                 "Erzieher*in", "Brandmeister*in"), 2: ("Sachbearbeiter*in", "Sozialarbeiter*in", "Ingenieur*in"),
                 1: ("Referent*in", "Jurist*in", "Ärztin/Arzt")},
          "sv": {4: ("Vaktmästare", "Lokalvårdare"), 3: ("Undersköterska", "Barnskötare", "Brandman"),
                 2: ("Socialsekreterare", "Förskollärare", "Handläggare"), 1: ("Utredare", "Jurist", "Läkare")}}
ISCED_BY_SKILL = {4: (2, 3), 3: (3, 4), 2: (6, 5), 1: (7, 8)}


def _exact(total: int, share: float) -> int:
    return round(total * share)


def generate(employees: int, seed: int = 0, style: Style = "de", reference_date: date = DEFAULT_REFERENCE_DATE,
             profile: Profile | None = None) -> pl.DataFrame:
    """A canonical, typed workforce frame (see hr-data.md) of ``employees`` rows."""
    if employees < 1:
        raise ValueError("employees must be at least 1")
    p = profile or PROFILES[style]
    lang = "sv" if style == "sv" else "de"
    rng = np.random.default_rng(seed)
    n = employees

    # Gender: exact counts, then shuffled.
    n_other = _exact(n, p.other_share)
    n_women = _exact(n, p.women_share)
    n_men = n - n_women - n_other
    gender = np.array(["f"] * n_women + ["m"] * n_men + ["d"] * n_other)
    rng.shuffle(gender)

    # Leadership: exact numbers of women and men leaders, and of those working part-time.
    n_leaders = _exact(n, p.leadership_share)
    n_women_leaders = min(_exact(n_leaders, p.women_share_in_leadership), n_women)
    n_men_leaders = min(n_leaders - n_women_leaders, n_men)
    women_idx, men_idx = np.flatnonzero(gender == "f"), np.flatnonzero(gender == "m")
    women_leaders = rng.choice(women_idx, n_women_leaders, replace=False)
    men_leaders = rng.choice(men_idx, n_men_leaders, replace=False)
    level = np.zeros(n, dtype=np.int64)
    for group in (women_leaders, men_leaders):
        level[group] = rng.choice([1, 2, 3], size=group.size, p=[0.08, 0.30, 0.62])
    is_leader = level > 0

    part_time = np.zeros(n, dtype=bool)
    part_time[rng.choice(women_leaders, _exact(n_women_leaders, p.part_time_women_leaders), replace=False)] = True
    part_time[rng.choice(men_leaders, _exact(n_men_leaders, p.part_time_men_leaders), replace=False)] = True
    others = ~is_leader
    draw = rng.random(n)
    part_time |= others & (gender == "f") & (draw < p.part_time_women)
    part_time |= others & (gender != "f") & (draw < p.part_time_men)

    # Trainees: young, full-time, not leading.
    trainee = others & (rng.random(n) < p.trainee_share)
    part_time &= ~trainee

    # Department by gender-specific weights.
    names = [d[0] for d in p.departments]
    weights = np.array([d[1] for d in p.departments])
    shares = np.array([d[2] for d in p.departments])
    w_women = weights * shares / (weights * shares).sum()
    w_men = weights * (1 - shares) / (weights * (1 - shares)).sum()
    department = np.where(gender == "f", rng.choice(len(names), n, p=w_women), rng.choice(len(names), n, p=w_men))
    department_name = np.array(names)[department]

    # Skill level: leaders high, others spread; women slightly more often in level 3 (segregation).
    skill = np.where(rng.random(n) < np.where(gender == "f", 0.30, 0.22), 3,
                     rng.choice([4, 3, 2, 1], n, p=[0.14, 0.34, 0.36, 0.16]))
    skill = np.where(is_leader & (level == 1), 1, np.where(is_leader, np.minimum(skill, 2), skill))
    skill = np.where(trainee, 3, skill)

    civil = (~trainee) & (rng.random(n) < p.civil_servant_share) & (skill <= 3)
    if lang == "sv":
        civil[:] = False

    # Age, service, dates.
    age = np.clip(rng.normal(45, 11, n), 18, 66).astype(np.int64)
    age = np.where(trainee, rng.integers(16, 25, n), age)
    max_service = np.maximum(age - 17, 0)
    service = np.minimum((rng.random(n) ** 1.3 * max_service).astype(np.int64), max_service)
    service = np.where(trainee, rng.integers(0, 3, n), service)
    birth_year = reference_date.year - age
    hire_offset = service * 365 + rng.integers(0, 365, n)
    hire_date = np.datetime64(reference_date) - hire_offset.astype("timedelta64[D]")

    # Grades and pay.
    grade = np.empty(n, dtype=object)
    monthly = np.zeros(n)
    for s in (1, 2, 3, 4):
        mask = skill == s
        if lang == "sv":
            choices = SV_GRADES[s]
            picks = rng.choice(len(choices), mask.sum())
            picks = np.where(is_leader[mask], len(choices) - 1, picks)
            grade[mask] = np.array(choices)[picks]
            monthly[mask] = [SV_MONTHLY[g] for g in grade[mask]]
            continue
        employee_grades, civil_grades = GRADES_BY_SKILL[s]
        for grades, table, sub in ((employee_grades, TVOED, mask & ~civil), (civil_grades, BESOLDUNG, mask & civil)):
            if not sub.any():
                continue
            picks = rng.choice(len(grades), sub.sum())
            picks = np.where(is_leader[sub], np.minimum(picks + 1 + (level[sub] == 1), len(grades) - 1), picks)
            grade[sub] = np.array(grades)[picks]
            monthly[sub] = [table[g] for g in grade[sub]]
    grade = np.where(trainee, "Ausbildung" if lang == "de" else "Lärling", grade)
    monthly = np.where(trainee, 1250.0 if lang == "de" else 1250.0 * p.currency_monthly_scale, monthly)

    full_time_hours = np.where(civil, p.civil_servant_hours, p.full_time_hours)
    pt_fraction = rng.choice([0.5, 0.5, 0.6, 0.65, 0.75, 0.8, 0.9], n)
    weekly_hours = np.where(part_time, np.round(full_time_hours * pt_fraction * 4) / 4, full_time_hours)

    # Experience stages (+2 % a year of service, capped) and a small unexplained gap for women.
    stage = 1 + np.minimum(service, 15) * 0.018
    gender_effect = np.where(gender == "f", 0.985, 1.0)
    noise = np.exp(rng.normal(0, 0.03, n))
    annual_full_time = monthly * 12.8 * stage * gender_effect * noise
    base_pay = np.round(annual_full_time * weekly_hours / full_time_hours, 2)
    # Allowances (complementary components): concentrated in shift services (fire brigade) and leadership.
    allowance_rate = np.where(np.isin(department_name, ["Feuerwehr", "Räddningstjänsten"]), 0.12, 0.01)
    allowance_rate = allowance_rate + np.where(is_leader, 0.04, 0.0)
    has_variable = rng.random(n) < np.where(gender == "f", 0.55, 0.68)
    variable_pay = np.where(has_variable, np.round(base_pay * allowance_rate * rng.uniform(0.5, 1.5, n), 2), 0.0)
    variable_pay = np.where(trainee, 0.0, variable_pay)

    titles = TITLES[lang]
    job_title = np.array([titles[s][i % len(titles[s])] for s, i in zip(skill, rng.integers(0, 3, n), strict=True)],
                         dtype=object)
    if lang == "de":
        job_title = np.where(is_leader, np.where(level == 1, "Fachbereichsleitung", "Abteilungsleitung"), job_title)
        job_title = np.where(trainee, "Auszubildende*r", job_title)
    else:
        job_title = np.where(is_leader, np.where(level == 1, "Förvaltningschef", "Enhetschef"), job_title)
        job_title = np.where(trainee, "Lärling", job_title)
    career = np.array([CAREER[lang][s] for s in skill], dtype=object)
    education = np.array([ISCED_BY_SKILL[s][i] for s, i in zip(skill, rng.integers(0, 2, n), strict=True)])
    fixed_term = (rng.random(n) < np.where(age < 30, 0.25, 0.05)) | trainee
    hired = (service == 0) & (rng.random(n) < 0.8)
    promoted = (~trainee) & (rng.random(n) < 0.05)
    left = rng.random(n) < 0.05
    # Bonus (performance pay, TVöD § 18 Leistungsentgelt; rörlig lön): drawn last, so that the columns above
    # stay what they were for a given seed.
    has_bonus = (rng.random(n) < np.where(gender == "f", 0.40, 0.46)) & ~trainee
    bonus = np.where(has_bonus, np.round(base_pay * np.where(is_leader, 0.05, 0.02) * rng.uniform(0.5, 1.5, n), 2),
                     0.0)

    width = max(4, len(str(n)) + 1)
    return pl.DataFrame({
        "employee_id": [f"{100000 + i:0{width}d}" for i in range(n)],
        "gender": gender,
        "birth_year": birth_year,
        "hire_date": hire_date.astype("datetime64[D]"),
        "weekly_hours": weekly_hours,
        "full_time_weekly_hours": full_time_hours,
        "pay_grade": grade.astype(str),
        "job_title": job_title.astype(str),
        "category": career.astype(str),
        "department": department_name.astype(str),
        "leadership_level": level,
        "base_pay": base_pay,
        "allowances": variable_pay,
        "bonus": bonus,
        "education": education,
        "skill_level": skill.astype(np.int64),
        "contract": np.where(fixed_term, "fixed_term", "permanent"),
        "trainee": trainee,
        "hired": hired,
        "promoted": promoted,
        "left": left,
    }).with_columns(pl.col("hire_date").cast(pl.Date))


# ----------------------------------------------------------------------------------------------------
# Writing in the conventions of a German, Swedish or English export

HEADERS = {
    "de": {"employee_id": "Personalnummer", "gender": "Geschlecht", "birth_year": "Geburtsjahr",
           "hire_date": "Eintrittsdatum", "weekly_hours": "Wochenstunden", "full_time_weekly_hours": "Regelarbeitszeit",
           "pay_grade": "Entgeltgruppe", "job_title": "Stellenbezeichnung", "category": "Tätigkeitsgruppe",
           "department": "Organisationseinheit", "leadership_level": "Führungsebene", "base_pay": "Grundentgelt",
           "allowances": "Zulagen", "bonus": "Leistungsentgelt", "education": "Bildungsabschluss",
           "skill_level": "Anforderungsniveau",
           "contract": "Befristung", "trainee": "Auszubildende(r)", "hired": "Neueinstellung",
           "promoted": "Beförderung", "left": "Austritt"},
    "sv": {"employee_id": "Anställningsnummer", "gender": "Kön", "birth_year": "Födelseår",
           "hire_date": "Anställningsdatum", "weekly_hours": "Veckoarbetstid", "full_time_weekly_hours": "Heltidsmått",
           "pay_grade": "Lönegrupp", "job_title": "Befattning", "category": "Arbetsgrupp", "department": "Förvaltning",
           "leadership_level": "Chefsnivå", "base_pay": "Grundlön", "allowances": "Tillägg", "bonus": "Rörlig lön",
           "education": "Utbildningsnivå", "skill_level": "Kravnivå", "contract": "Anställningsform",
           "trainee": "Lärling", "hired": "Nyanställd", "promoted": "Befordrad", "left": "Avslutad"},
}
GENDER_LABELS = {"de": {"f": "w", "m": "m", "d": "d"}, "sv": {"f": "K", "m": "M", "d": "annat"},
                 "en": {"f": "f", "m": "m", "d": "d"}}
YES_NO = {"de": ("ja", "nein"), "sv": ("ja", "nej"), "en": ("yes", "no")}
CONTRACT_LABELS = {"de": {"permanent": "unbefristet", "fixed_term": "befristet"},
                   "sv": {"permanent": "tillsvidare", "fixed_term": "visstid"},
                   "en": {"permanent": "permanent", "fixed_term": "fixed_term"}}


def _localised(frame: pl.DataFrame, style: Style, as_text: bool) -> pl.DataFrame:
    """Values and headers as the style's HR system exports them."""
    yes, no = YES_NO[style]
    exprs = [
        pl.col("gender").replace_strict(GENDER_LABELS[style], return_dtype=pl.String),
        pl.col("contract").replace_strict(CONTRACT_LABELS[style], return_dtype=pl.String),
        *[pl.when(pl.col(c)).then(pl.lit(yes)).otherwise(pl.lit(no)).alias(c)
          for c in ("trainee", "hired", "promoted", "left")],
    ]
    if as_text and style in ("de", "sv"):
        thousands = "." if style == "de" else "\u00a0"
        exprs += [_decimal_comma(c, thousands) for c in ("base_pay", "allowances", "bonus")]
        exprs += [pl.col(c).round(2).cast(pl.String).str.replace(".", ",", literal=True).alias(c)
                  for c in ("weekly_hours", "full_time_weekly_hours")]
        if style == "de":
            exprs.append(pl.col("hire_date").dt.strftime("%d.%m.%Y"))
    out = frame.with_columns(exprs)
    if style in HEADERS:
        out = out.rename(HEADERS[style])
    return out


def _decimal_comma(col: str, thousands: str) -> pl.Expr:
    """1234567.5 → '1.234.567,50' (German) or '1 234 567,50' (Swedish, no-break space)."""
    cents = (pl.col(col) * 100).round(0).cast(pl.Int64)
    whole, frac = cents // 100, (cents % 100).cast(pl.String).str.zfill(2)
    millions, thousands_part, units = whole // 1_000_000, (whole // 1000) % 1000, whole % 1000
    groups = [millions.cast(pl.String), thousands_part.cast(pl.String).str.zfill(3), units.cast(pl.String).str.zfill(3)]
    text = (pl.when(millions > 0).then(pl.concat_str(groups, separator=thousands))
            .when(thousands_part > 0)
            .then(pl.concat_str([thousands_part.cast(pl.String), groups[2]], separator=thousands))
            .otherwise(units.cast(pl.String)))
    return (text + "," + frac).alias(col)


def write(frame: pl.DataFrame, path: str | Path, file_format: FileFormat = "csv", style: Style = "de") -> Path:
    """Write a generated workforce as the style's export: German CSV is Windows-1252 with ``;`` and decimal
    comma (German Excel's default), Swedish CSV UTF-8 with BOM, ``;`` and decimal comma, English CSV UTF-8
    with ``,``. XLSX and Parquet keep numbers and dates typed."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if file_format == "parquet":
        frame.write_parquet(path)
    elif file_format == "xlsx":
        _localised(frame, style, as_text=False).write_excel(path, worksheet="Personal" if style == "de" else "Data",
                                                            autofit=False)
    elif file_format == "csv":
        out = _localised(frame, style, as_text=True)
        if style == "de":
            path.write_bytes(out.write_csv(separator=";").encode("cp1252"))
        elif style == "sv":
            out.write_csv(path, separator=";", include_bom=True)
        else:
            out.write_csv(path)
    else:
        raise ValueError(f"unknown format {file_format!r}")
    return path
