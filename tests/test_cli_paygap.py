"""``paritas paygap`` as a user runs it: the documented JSON keys, text in three languages, XLSX sheets,
exit codes for bad input."""

from __future__ import annotations

import json

import fastexcel
import pytest

from paritas.analytics import io
from paritas.analytics.paygap import paygap
from tests.test_cli import run


@pytest.fixture(scope="module")
def json_all(herne_csv):
    result = run("paygap", str(herne_csv), "--format", "json", "--reference-date", "2024-12-31",
                 "--model", "log(hourly_pay) ~ C(education) + age + I(age**2) + years_of_service")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_json_has_every_documented_key(json_all):
    eu = json_all["eu"]
    for key in ("mean_gap", "median_gap", "variable_mean_gap", "variable_median_gap"):
        assert isinstance(eu[key], float)
    assert set(eu["variable_pay_share"]) >= {"women", "men"}
    assert len(eu["quartiles"]) == 4
    for band in eu["quartiles"]:
        assert band["women"] + band["men"] == pytest.approx(1.0)
    assert all({"category", "mean_gap", "median_gap", "flag"} <= set(c) for c in eu["categories"])
    uk = json_all["uk"]
    assert set(uk) >= {"mean_gap", "median_gap", "bonus_mean_gap", "bonus_median_gap", "bonus_share", "quartiles"}
    assert set(json_all["model"]) >= {"gender_coefficient", "gender_effect", "std_error", "ci_low", "ci_high", "n",
                                      "r2"}
    assert json_all["model"]["ci_low"] < json_all["model"]["gender_coefficient"] < json_all["model"]["ci_high"]
    assert json_all["logib"]["available"] is True
    assert json_all["entgtranspg"]["grouping"] == "pay_grade"
    assert json_all["schema"] == "paritas.paygap/1"


def test_json_figures_are_the_library_figures(json_all, herne_csv):
    from datetime import date

    result = paygap(io.read(herne_csv, io.ReadOptions(reference_date=date(2024, 12, 31))))
    assert json_all["eu"]["mean_gap"] == result.eu.pay.mean_gap
    assert json_all["logib"]["gender_coefficient"] == pytest.approx(result.logib.coefficient, rel=1e-12)


def test_one_standard_only(herne_csv):
    result = run("paygap", str(herne_csv), "--format", "json", "--standard", "uk")
    data = json.loads(result.stdout)
    assert "uk" in data and "eu" not in data and "logib" not in data


@pytest.mark.parametrize(("lang", "phrases"), [
    ("de", ["Entgeltlücken zum", "Art. 9 Abs. 1 Buchst. a", "Vergleichsentgelt (§ 11 Abs. 3 Satz 2 EntgTranspG)",
            "Unter sonst gleichen Voraussetzungen verdienen Frauen"]),
    ("sv", ["Löneskillnader per", "art. 9.1 a", "Jämförelselön", "Under i övrigt lika förutsättningar"]),
    ("en", ["Pay gaps on", "art. 9(1)(a)", "Comparison pay (§ 11(3) sentence 2 EntgTranspG)", "reg. 13",
            "Under otherwise equal circumstances, women earn"]),
])
def test_text_explains_each_figure_in_the_language(herne_csv, lang, phrases):
    result = run("paygap", str(herne_csv), "--lang", lang)
    assert result.returncode == 0, result.stderr
    text = " ".join(result.stdout.split())
    for phrase in phrases:
        assert phrase in text, phrase


def test_xlsx_has_a_sheet_per_standard(herne_csv, tmp_path):
    out = tmp_path / "gap.xlsx"
    result = run("paygap", str(herne_csv), "--format", "xlsx", "--out", str(out), "--lang", "en",
                 "--model", "log(hourly_pay) ~ age")
    assert result.returncode == 0, result.stderr
    names = fastexcel.read_excel(out).sheet_names
    assert {"EU 2023-970", "UK GPG 2017", "EntgTranspG", "Logib", "Your model"} <= set(names)


@pytest.mark.parametrize(("model", "expected"), [
    ("log(hourly_pay) ~ education + gender", "Leave gender out"),
    ("log(hourly_pay) ~ schooling", "schooling"),
    ("log(hourly_pay) ~ age +", "cannot be read"),
])
def test_a_bad_model_is_refused_with_exit_code_2(herne_csv, model, expected):
    result = run("paygap", str(herne_csv), "--lang", "en", "--model", model)
    assert result.returncode == 2
    assert expected in result.stderr
    assert "Traceback" not in result.stderr


def test_a_file_without_pay_is_refused_with_exit_code_2(tmp_path):
    path = tmp_path / "no-pay.csv"
    path.write_text("Geschlecht;Entgeltgruppe\nw;EG 5\nm;EG 6\n", encoding="utf-8")
    result = run("paygap", str(path))
    assert result.returncode == 2
    assert "Grundentgelt" in result.stderr and "Traceback" not in result.stderr


def test_missing_logib_factors_are_named_in_the_text(tmp_path):
    lines = ["gender,base_pay,weekly_hours,pay_grade"] + [f"{'f' if i % 2 else 'm'},{30000 + 100 * i},39,EG {i % 3}"
                                                        for i in range(60)]
    path = tmp_path / "small.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run("paygap", str(path), "--standard", "logib", "--lang", "en")
    assert result.returncode == 0, result.stderr
    text = " ".join(result.stdout.split())
    for factor in ("education", "age", "years of service", "skill level", "professional position"):
        assert factor in text


def test_logib_is_rated_by_the_2024_method_unless_the_old_one_is_asked_for(herne_csv):
    new = run("paygap", str(herne_csv), "--standard", "logib", "--format", "json")
    old = run("paygap", str(herne_csv), "--standard", "logib", "--format", "json", "--logib-method", "2021")
    assert new.returncode == 0 and old.returncode == 0
    current, before = json.loads(new.stdout)["logib"], json.loads(old.stdout)["logib"]
    assert (current["target_value"], current["limit_value"], current["method"]) == (0.025, 0.05, "2024")
    assert current["rating"] in ("not_significant", "within_target", "above_target", "above_limit")
    assert current["threshold_p"] is None and before["threshold_p"] is not None
    assert before["rating"] in ("not_significant", "significant", "above_threshold")
    assert current["kennedy_estimate"] == int(current["gender_effect"] * 1000) / 1000
