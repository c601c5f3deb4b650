"""The official Logib data sheet in German, French, Italian and English: found, read with Logib's own
transformations and plausibility checks, and Logib's figures recomputed from the raw sheet with
statsmodels (our own test sheets, written here with a seeded generator)."""

from __future__ import annotations

import math
from datetime import date
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest
import statsmodels.formula.api as smf

from paritas.analytics import io
from paritas.analytics.paygap import paygap
from paritas.analytics.problems import HRDataError

REFERENCE = date(2025, 10, 31)  # Logib's usual reference month: October

HEADERS = {
    "de": ["Personalnummer", "Alter", "Geschlecht", "Dienstjahre", "Ausbildung", "Funktion", "Anforderungsniveau",
           "Berufliche Stellung", "Beschäftigungsgrad", "Bezahlte Stunden", "Basislohn", "Zulagen", "13. Monatslohn",
           "Sonderzahlungen", "Betriebsübliche Wochenarbeitszeit", "Betriebsübliche Jahresarbeitszeit",
           "Statistikpopulation", "Bemerkungen"],
    "fr": ["Numéro du personnel", "Âge", "Sexe", "Années de service", "Formation", "Fonction",
           "Niveau de compétences", "Position professionnelle", "Taux d'occupation", "Heures payées",
           "Salaire de base", "Indemnités", "13e salaire mensuel", "Paiements spéciaux",
           "Durée hebdomadaire du travail", "Durée annuelle du travail", "Population statistique", "Remarques"],
    "it": ["Numero del personale", "Età", "Sesso", "Anni di servizio", "Formazione", "Funzione",
           "Livello di competenze", "Posizione professionale", "Grado di occupazione", "Ore pagate",
           "Salario di base", "Indennità", "13a mensilità", "Pagamenti speciali", "Orario settimanale",
           "Orario annuale", "Popolazione statistica", "Osservazioni"],
    "en": ["Personal number", "Age", "Sex", "Years of service", "Training", "Function", "Level of requirements",
           "Professional position", "Activity rate", "Paid hours", "Basic wage", "Allowances", "13th monthly wage",
           "Special payments", "Usual weekly hours", "Usual annual hours", "Statistical population", "Comments"],
}
SHEETS = {"de": ("Allgemeine_Angaben", "Vorlage_Datenblatt"),
          "fr": ("Informations_générales", "modèle_de_feuille_de_données"),
          "it": ("Informazioni_generali", "modello_del_foglio_di_dati"),
          "en": ("General_information", "data_sheet_template")}
SEX = {"de": ("F", "M"), "fr": ("F", "H"), "it": ("D", "U"), "en": ("F", "M")}
TRAINING_YEARS = {1: 17, 2: 15, 3: 14, 4: 15, 5: 13, 6: 12, 7: 11, 8: 7}


def sheet_rows(n: int = 160, seed: int = 5) -> pd.DataFrame:
    """Employees as the data sheet holds them: monthly amounts, age or year of birth, service or entry."""
    rng = np.random.default_rng(seed)
    woman = rng.random(n) < 0.5
    level = rng.integers(1, 9, n)
    position = rng.choice([1, 2, 3, 4, 5, 5, 5], n)
    training = rng.choice([1, 2, 3, 5, 6, 6, 7, 8], n)
    age = rng.integers(22, 63, n)
    service = np.minimum(rng.integers(0, 30, n), age - 17)
    hourly_paid = rng.random(n) < 0.1
    rate = np.where(hourly_paid, 0, rng.choice([100, 100, 100, 80, 60, 50], n))
    paid_hours = np.where(hourly_paid, rng.integers(40, 160, n), 0)
    weekly = np.where(rng.random(n) < 0.9, 42.0, 40.0)
    fte = np.where(rate > 0, weekly * rate / (100 * 42.0), 12 * paid_hours / (52 * 42.0))
    full = np.exp(8.9 - 0.05 * level + 0.08 * (position < 5) + 0.01 * service - 0.04 * woman
                  + rng.normal(0, 0.06, n))
    basic = np.round(full * fte * 0.85, 2)
    allowances = np.round(np.where(rng.random(n) < 0.3, full * fte * 0.05, 0.0), 2)
    thirteenth = np.round(basic / 12, 2)
    special = np.round(np.where(rng.random(n) < 0.2, full * fte * 0.02, 0.0), 2)
    population = np.where(rng.random(n) < 0.05, 2, 1)
    return pd.DataFrame({"id": [f"P{i:04d}" for i in range(n)], "age": age, "woman": woman,
                         "service": service, "training": training, "level": level, "position": position,
                         "rate": rate, "paid_hours": paid_hours, "basic": basic, "allowances": allowances,
                         "thirteenth": thirteenth, "special": special, "weekly": weekly, "population": population})


def write_sheet(path: Path, lang: str, df: pd.DataFrame, *, birth_years: bool = False,
                preamble: bool = False) -> Path:
    wb = openpyxl.Workbook()
    info = wb.active
    info.title = SHEETS[lang][0]
    info.append(["Logib", "Modul 1"])
    info.append(["Referenzmonat", 10, "Referenzjahr", 2025])
    data = wb.create_sheet(SHEETS[lang][1])
    if preamble:
        data.append(["Bitte ab Zeile 3 ausfüllen"])
    data.append(HEADERS[lang])
    female, male = SEX[lang]
    for r in df.itertuples():
        age = REFERENCE.year - int(r.age) if birth_years else int(r.age)
        data.append([r.id, age, female if r.woman else male, int(r.service), int(r.training), "Sachbearbeitung",
                     int(r.level), int(r.position), int(r.rate) or None, int(r.paid_hours) or None, float(r.basic),
                     float(r.allowances) or None, float(r.thirteenth), float(r.special) or None, float(r.weekly),
                     None, int(r.population), None])
    wb.save(path)
    return path


def expected_logib(df: pd.DataFrame) -> dict[str, float]:
    """Logib's standard analysis from the raw sheet, by its definitions, with statsmodels."""
    d = df[df.population == 1].copy()
    mfww = d.weekly.mode().max()
    d["fte"] = np.where(d.rate > 0, d.weekly * d.rate / (100 * mfww), 12 * d.paid_hours / (52 * mfww))
    d["salary"] = (d.basic + d.allowances + d.thirteenth + d.special) / d.fte
    d["years"] = d.training.map(TRAINING_YEARS)
    d["earning"] = np.maximum(d.age - d.years - 6, 0)
    d["sex"] = d.woman.astype(float)
    fit = smf.ols("np.log(salary) ~ years + service + earning + I(earning**2) + C(level, Treatment(8)) "
                  "+ C(position, Treatment(5)) + sex", d).fit()
    b, se = fit.params["sex"], fit.bse["sex"]
    return {"b": b, "se": se, "kennedy": math.exp(b) / math.exp(se ** 2 / 2) - 1, "n": len(d)}


@pytest.mark.parametrize("lang", ["de", "fr", "it", "en"])
def test_the_data_sheet_reads_in_each_language_and_logib_matches_the_definition(tmp_path, lang):
    df = sheet_rows()
    path = write_sheet(tmp_path / f"datenblatt-{lang}.xlsx", lang, df, preamble=lang == "de")
    w = io.read(path, io.ReadOptions(reference_date=REFERENCE))
    assumptions = dict(w.assumptions)
    assert assumptions["logib_datasheet"] == SHEETS[lang][1] and assumptions["education_coding"] == "logib"
    assert w.columns["gender"] == HEADERS[lang][2] and w.columns["skill_level"] == HEADERS[lang][6]
    # every column the preview lists has a label and a header of the file, never an internal id
    from paritas.reports.labels import COLUMN_LABELS

    assert set(w.columns) <= set(COLUMN_LABELS)
    assert not set(w.columns.values()) & set(COLUMN_LABELS)
    assert w.columns["weekly_hours"] == f"{HEADERS[lang][8]} / {HEADERS[lang][9]} × {HEADERS[lang][14]}"
    r = paygap(w, ("logib",)).logib
    want = expected_logib(df)
    assert r.available and r.n == want["n"]
    assert r.trainees == int((df.population != 1).sum())  # population 2–5 is not analysed
    assert r.coefficient == pytest.approx(want["b"], rel=1e-6)
    assert r.std_error == pytest.approx(want["se"], rel=1e-6)
    assert r.gender_effect == pytest.approx(want["kennedy"], rel=1e-6)


def test_years_of_birth_count_as_logib_counts_them(tmp_path):
    df = sheet_rows(seed=9)
    by_age = io.read(write_sheet(tmp_path / "a.xlsx", "en", df), io.ReadOptions(reference_date=REFERENCE))
    by_year = io.read(write_sheet(tmp_path / "b.xlsx", "en", df, birth_years=True),
                      io.ReadOptions(reference_date=REFERENCE))
    assert by_year.frame["age"].to_list() == by_age.frame["age"].to_list()
    assert paygap(by_year, ("logib",)).logib.coefficient == pytest.approx(
        paygap(by_age, ("logib",)).logib.coefficient, rel=1e-12)


def test_logibs_plausibility_checks_name_the_row_and_the_column(tmp_path):
    df = sheet_rows(n=60, seed=2)
    df.loc[3, ["age", "service"]] = [25, 14]      # entry at 11: an error
    df.loc[7, "rate"] = 120                       # above 100 %: a warning
    df.loc[9, ["rate", "paid_hours"]] = [100, 80]  # both a rate and paid hours: an error
    df.loc[11, "level"] = 9                        # level of requirements 1–8: an error
    path = write_sheet(tmp_path / "bad.xlsx", "de", df)
    with pytest.raises(HRDataError) as caught:
        io.read(path, io.ReadOptions(reference_date=REFERENCE))
    problems = caught.value.report.problems
    found = {(p.code, p.row, p.column) for p in problems}
    # data start in row 2 of the sheet: df row i is sheet row i + 2
    assert ("logib_entry_age", 5, "Dienstjahre") in found
    assert ("logib_rate_and_hours", 11, "Bezahlte Stunden") in found
    assert ("skill_level_out_of_range", 13, "Anforderungsniveau") in found
    assert any(p.code == "logib_rate_above_100" and p.row == 9 and p.severity == "warning" for p in problems)


def test_an_ordinary_workbook_is_not_taken_for_a_data_sheet(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Personalnummer", "Geschlecht", "Grundentgelt", "Wochenstunden"])
    ws.append(["1", "w", 40000, 39])
    ws.append(["2", "m", 41000, 39])
    wb.save(tmp_path / "plain.xlsx")
    w = io.read(tmp_path / "plain.xlsx", io.ReadOptions(reference_date=REFERENCE, minimum_hourly_pay=None))
    assert "logib_datasheet" not in dict(w.assumptions)


def test_french_and_italian_gender_words_are_the_contracts_own(tmp_path):
    path = tmp_path / "fr.csv"
    path.write_text("Personalnummer;Geschlecht;Grundentgelt;Wochenstunden\n1;femme;40000;40\n2;Homme;40000;40\n"
                    "3;donna;40000;40\n4;uomo;40000;40\n", encoding="utf-8")
    w = io.read(path, io.ReadOptions(reference_date=REFERENCE, minimum_hourly_pay=None))
    assert w.frame.sort("row")["gender"].to_list() == ["f", "m", "f", "m"]
