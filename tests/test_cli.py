"""The paritas command as a user runs it: outputs, languages, exit codes, never a traceback."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date

import polars as pl
import pytest

from paritas import cli
from tests.conftest import write_text


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "paritas", *args], capture_output=True, text=True, timeout=120)


def test_json_has_the_documented_top_level_and_reproduces_seed_001(herne_csv):
    result = run("analyze", str(herne_csv), "--format", "json", "--reference-date", "2024-12-31")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["employees"]["total"] == 2984
    assert set(data["employees"]) >= {"total", "women", "men", "other", "not_stated"}
    assert round(data["women_share"], 2) == 0.58
    assert {k: data["leadership"][k] for k in ("total", "women", "men")} == {"total": 197, "women": 67, "men": 130}
    assert round(data["leadership"]["women_share"], 2) == 0.34
    assert {k: data["part_time"][k] for k in ("women", "men")} == {"women": 825, "men": 109}
    assert {k: data["leadership_part_time"][k] for k in ("women", "men")} == {"women": 15, "men": 4}
    assert data["schema"] == "paritas.structure/1"


def test_german_text_contains_the_jury_statement_sentences(herne_csv):
    result = run("analyze", str(herne_csv), "--lang", "de", "--reference-date", "2024-12-31")
    assert result.returncode == 0, result.stderr
    text = " ".join(result.stdout.split())
    assert ("Die Verwaltung hat 2.984 Mitarbeitende, darunter 58 Prozent Frauen. In Führungspositionen arbeiten "
            "130 Männer und 67 Frauen, der Frauenanteil liegt damit bei 34 Prozent. Vier Männer und 15 Frauen "
            "sind Führungskräfte in Teilzeit.") in text


@pytest.mark.parametrize(("lang", "expected"), [
    ("sv", "Förvaltningen har 2\u00a0984 anställda, varav 58 procent kvinnor."),
    ("en", "The administration has 2,984 employees, 58 per cent of them women."),
])
def test_swedish_and_english_text(herne_csv, lang, expected):
    result = run("analyze", str(herne_csv), "--lang", lang)
    assert expected in " ".join(result.stdout.split(" \n"))


def test_the_language_follows_the_file_when_not_given(tmp_path):
    path = write_text(tmp_path / "sv.csv", "Kön;Grundlön\n" + "K;300000\n" * 6)
    assert "anställda" in run("analyze", str(path)).stdout


def test_xlsx_has_one_sheet_per_table(herne_csv, tmp_path):
    out = tmp_path / "struktur.xlsx"
    result = run("analyze", str(herne_csv), "--format", "xlsx", "--out", str(out), "--lang", "de")
    assert result.returncode == 0, result.stderr
    import openpyxl

    book = openpyxl.load_workbook(out)
    assert book.sheetnames[0] == "Überblick"
    assert {"Nach Entgeltgruppe", "Nach Führungsebene", "Nach Organisationseinheit", "Nach Altersgruppe"} <= set(
        book.sheetnames)
    overview = pl.read_excel(out, sheet_name="Überblick", read_options={"header_row": 2})
    first = overview.row(0, named=True)
    assert first["Personen"] == 2984 and first["Frauen"] == 1731 and first["Männer"] == 1250


def test_bad_input_exits_2_with_the_report_on_stderr_in_the_users_language(tmp_path):
    path = write_text(tmp_path / "bad.csv", "Personalnummer;Geschlecht;Grundentgelt\n1;w;-3\n2;q;100\n", "cp1252")
    result = run("analyze", str(path), "--lang", "de")
    assert result.returncode == 2
    assert result.stdout == ""
    assert "Zeile 2, Spalte „Grundentgelt“, Wert „-3“: ein Entgelt kann nicht negativ sein" in result.stderr
    assert "Zeile 3, Spalte „Geschlecht“, Wert „q“" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("args", [
    ("analyze", "/nonexistent/file.csv"),
    ("analyze", "{tmp}/fake.xlsx"),
    ("analyze", "{tmp}/ok.csv", "--format", "xlsx"),
    ("analyze", "{tmp}/ok.csv", "--map", "{tmp}/missing.toml"),
    ("analyze", "{tmp}/ok.csv", "--reference-date", "31.12.2024"),
])
def test_every_bad_invocation_exits_2_without_a_traceback(tmp_path, args):
    (tmp_path / "fake.xlsx").write_bytes(b"this is no zip")
    write_text(tmp_path / "ok.csv", "Geschlecht;Grundentgelt\n" + "w;50000\n" * 5)
    result = run(*(a.format(tmp=tmp_path) for a in args))
    assert result.returncode == 2, result.stderr
    assert result.stderr.strip()
    assert "Traceback" not in result.stderr


def test_warnings_are_shown_and_strict_refuses_them(tmp_path):
    path = write_text(tmp_path / "low.csv", "Geschlecht;Wochenstunden;Grundentgelt\n" + "w;39;50000\n" * 5 +
                      "m;39;1200\n")
    ok = run("analyze", str(path), "--lang", "en", "--format", "json")
    assert ok.returncode == 0 and "below the minimum wage" in ok.stderr
    assert json.loads(ok.stdout)["warnings"] == 1
    assert run("analyze", str(path), "--strict").returncode == 2


def test_an_internal_error_exits_1_with_one_paragraph(monkeypatch, tmp_path, capsys):
    path = write_text(tmp_path / "ok.csv", "Geschlecht;Grundentgelt\n" + "w;50000\n" * 5)

    def boom(*_a, **_k):
        raise RuntimeError("kaputt")

    monkeypatch.setattr("paritas.analytics.structure.structure", boom)
    assert cli.main(["analyze", str(path)]) == 1
    err = capsys.readouterr().err
    assert "internal error" in err and "kaputt" in err and "Traceback" not in err


@pytest.mark.parametrize(("fmt", "style"), [("csv", "de"), ("csv", "sv"), ("csv", "en"), ("xlsx", "de"),
                                            ("parquet", "en")])
def test_demo_data_round_trips_through_analyze(tmp_path, fmt, style):
    out = tmp_path / f"demo.{fmt}"
    made = run("demo-data", "--employees", "500", "--seed", "3", "--out", str(out), "--style", style)
    assert made.returncode == 0, made.stderr
    data = json.loads(run("analyze", str(out), "--format", "json").stdout)
    assert data["employees"]["total"] == 500


def test_min_group_size_is_configurable(herne_csv):
    strict = json.loads(run("analyze", str(herne_csv), "--format", "json", "--min-group-size", "200").stdout)
    assert strict["leadership"]["suppressed"] is True  # 197 leaders < 200
    assert strict["suppression"]["min_group_size"] == 200


def test_without_a_reference_date_the_cli_says_which_date_it_used_and_why(tmp_path):
    path = write_text(tmp_path / "plain.csv", "Geschlecht;Wochenstunden;Grundentgelt\n" + "w;39;50000\n" * 5)
    result = run("analyze", str(path), "--lang", "en")
    assert result.returncode == 0
    year = date.today().year - 1
    assert f"Reference date 31 December {year}: the file names none, so the last 31 December is used" in result.stderr


def test_many_low_paid_rows_are_one_grouped_warning_that_counts_what_it_left_out(tmp_path):
    rows = "".join(f"{i};w;39;{'5000' if i % 2 else '50000'}\n" for i in range(1, 101))
    path = write_text(tmp_path / "low.csv", "Personalnummer;Geschlecht;Wochenstunden;Grundentgelt\n" + rows)
    result = run("analyze", str(path), "--reference-date", "2019-12-31")
    assert result.returncode == 0
    lines = [line for line in result.stderr.splitlines() if "Mindestlohn" in line]
    assert len(lines) == 1
    assert lines[0].startswith("- Warnung: 50 Zeilen unter dem am 31. Dezember 2019 geltenden Mindestlohn von "
                               "9,19\u00a0€ (Spalte „Grundentgelt“): Zeilen 2, 4, 6,")
    assert lines[0].endswith("(30 weitere nicht aufgeführt)")


@pytest.mark.parametrize("lang", ["de", "sv", "en"])
def test_the_cli_names_columns_and_statistics_in_words_never_by_internal_id(tmp_path, lang):
    import re

    path = write_text(tmp_path / "few.csv", "Geschlecht;Grundentgelt\n" + "w;50000\nm;52000\n" * 4)
    for command in ("analyze", "paygap"):
        result = run(command, str(path), "--lang", lang, "--reference-date", "2024-12-31")
        assert result.returncode in (0, 2), result.stderr
        assert not re.findall(r"\b[a-z]+(?:_[a-z]+)+\b", result.stdout + result.stderr), result.stdout + result.stderr


def test_the_command_line_loads_only_what_a_command_needs(tmp_path):
    """``--help`` loads neither polars nor babel; the EU figures as JSON load neither numpy, scipy nor the
    reports (benchmarks/start_bench.py times both)."""
    import subprocess
    import sys

    from paritas.analytics import synthetic

    path = synthetic.write(synthetic.generate(300, seed=2), tmp_path / "staff.csv", "csv", "de")
    probe = ("import sys, contextlib, io\n"
             "from paritas import cli\n"
             "with contextlib.redirect_stdout(io.StringIO()):\n"
             "    try:\n"
             "        cli.main(sys.argv[1:])\n"
             "    except SystemExit:\n"
             "        pass\n"
             "names = ('polars', 'numpy', 'babel', 'scipy', 'scipy.stats', 'xlsxwriter', 'rich',\n"
             "         'paritas.reports.paygap', 'formulaic')\n"
             "print(' '.join(sorted(m for m in names if m in sys.modules)))\n")
    loaded = subprocess.run([sys.executable, "-c", probe, "--help"], capture_output=True, text=True, check=True)
    assert loaded.stdout.split() == []
    loaded = subprocess.run([sys.executable, "-c", probe, "paygap", "--standard", "eu", "--format", "json",
                             "--reference-date", "2024-12-31", str(path)], capture_output=True, text=True, check=True)
    assert loaded.stdout.split() == ["polars"]
