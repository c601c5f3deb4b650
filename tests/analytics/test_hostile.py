"""Issue 13, item 4: files that cannot take the reader down. Each hostile file is refused with a problem
that names what is wrong (and the limit), the CLI exits 2, and generated hostile files (hypothesis) never
make the reader fail otherwise."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from paritas.analytics import io as hrio
from paritas.analytics import limits
from paritas.analytics.problems import HRDataError
from paritas.cli import main

REFERENCE = date(2024, 12, 31)
HEADER = "Personalnummer;Geschlecht;Grundentgelt;Wochenstunden;Organisationseinheit"


def _csv(tmp_path: Path, rows: list[str], header: str = HEADER, name: str = "export.csv") -> Path:
    path = tmp_path / name
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


def _good_rows(n: int = 12) -> list[str]:
    return [f"{i};{'w' if i % 2 else 'm'};{40000 + 100 * i};39;Amt {i % 3}" for i in range(1, n + 1)]


def _errors(path: Path) -> list:
    with pytest.raises(HRDataError) as refused:
        hrio.read(path, hrio.ReadOptions(reference_date=REFERENCE))
    return list(refused.value.report.errors)


def _workbook(tmp_path: Path, name: str = "export.xlsx") -> Path:
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(HEADER.split(";"))
    for row in _good_rows():
        ws.append([int(v) if v.isdigit() else v for v in row.split(";")])
    path = tmp_path / name
    book.save(path)
    return path


# --- Workbooks that inflate ----------------------------------------------------------------------------

def _with_member(source: Path, target: Path, name: str, size_mb: int) -> Path:
    """A copy of a workbook with one more member of ``size_mb`` MB of zeros (deflated to almost nothing)."""
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for item in src.infolist():
            out.writestr(item, src.read(item))
        with out.open(name, "w") as fh:
            chunk = bytes(1024 * 1024)
            for _ in range(size_mb):
                fh.write(chunk)
    return target


def test_a_workbook_that_inflates_600_times_its_size_is_refused_before_parsing(tmp_path, capsys):
    bomb = _with_member(_workbook(tmp_path), tmp_path / "bomb.xlsx", "xl/worksheets/sheet2.xml", 620)
    assert bomb.stat().st_size < 2 * 1024 * 1024
    errors = _errors(bomb)
    assert [e.code for e in errors] == ["workbook_ratio"]
    assert dict(errors[0].params)["ratio"] == str(limits.MAX_INFLATION_RATIO)
    assert main(["analyze", str(bomb), "--lang", "en"]) == 2
    assert "100 times its size" in capsys.readouterr().err


def test_a_workbook_over_the_absolute_limit_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "MAX_INFLATED_BYTES", 8 * 1024 * 1024)
    monkeypatch.setattr(limits, "RATIO_FLOOR_BYTES", 10**12)
    big = _with_member(_workbook(tmp_path), tmp_path / "big.xlsx", "xl/media/image.bin", 9)
    errors = _errors(big)
    assert [e.code for e in errors] == ["workbook_inflates"] and dict(errors[0].params)["limit"] == "8"


def test_an_ordinary_workbook_passes_the_limits(tmp_path):
    path = _workbook(tmp_path)
    scan = limits.scan_workbook(path)
    assert scan.formula_count == 0 and 0 < scan.inflated_bytes < 1024 * 1024
    assert len(hrio.read(path, hrio.ReadOptions(reference_date=REFERENCE))) == 12


def test_a_damaged_member_is_refused_as_damaged(tmp_path):
    path = _workbook(tmp_path)
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        member = archive.getinfo("xl/worksheets/sheet1.xml")
    start = member.header_offset + 30 + len(member.filename) + len(member.extra) + 10
    data[start:start + 40] = bytes(40)  # the deflated data is broken, the directory still says all is well
    path.write_bytes(bytes(data))
    assert [e.code for e in _errors(path)] == ["not_a_spreadsheet"]


# --- Password, formulas -----------------------------------------------------------------------------------

def test_a_password_protected_workbook_is_named_as_such(tmp_path, capsys):
    msoffcrypto = pytest.importorskip("msoffcrypto")
    from msoffcrypto.format.ooxml import OOXMLFile

    plain = _workbook(tmp_path)
    locked = tmp_path / "locked.xlsx"
    with plain.open("rb") as source, locked.open("wb") as target:
        OOXMLFile(source).encrypt("geheim", target)
    assert msoffcrypto.OfficeFile(locked.open("rb")).is_encrypted()
    assert [e.code for e in _errors(locked)] == ["password_protected"]
    assert main(["analyze", str(locked), "--lang", "de"]) == 2
    assert "Passwort" in capsys.readouterr().err


def test_formula_cells_without_a_calculated_value_are_reported(tmp_path):
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(HEADER.split(";"))
    for i, row in enumerate(_good_rows(), start=2):
        values = row.split(";")
        ws.append([int(values[0]), values[1], f"=40000+{i}*100", 39, values[4]])  # never calculated
    path = tmp_path / "formulas.xlsx"
    book.save(path)
    errors = _errors(path)
    assert [e.code for e in errors] == ["formula_without_value"]
    params = dict(errors[0].params)
    assert params["count"] == "12" and params["cells"].startswith("C2, C3, C4") and params["cells"].endswith("…")


def test_formula_cells_with_their_values_are_read(tmp_path):
    """A workbook saved by a spreadsheet program keeps each formula's result beside it: that is fine."""
    path = _workbook(tmp_path)
    with zipfile.ZipFile(path) as src:
        items = {i.filename: src.read(i) for i in src.infolist()}
    sheet = items["xl/worksheets/sheet1.xml"].decode()
    cell = sheet[sheet.index('<c r="C2"'):]
    cell = cell[:cell.index("</c>") + 4]
    value = cell[cell.index("<v>") + 3:cell.index("</v>")]
    items["xl/worksheets/sheet1.xml"] = sheet.replace(cell, f'<c r="C2"><f>40000+1*100</f><v>{value}</v></c>').encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for name, data in items.items():
            out.writestr(name, data)
    assert limits.scan_workbook(path).formula_count == 0
    assert len(hrio.read(path, hrio.ReadOptions(reference_date=REFERENCE))) == 12


# --- Text files: lines, cells, columns -------------------------------------------------------------------------

def test_an_overlong_line_is_refused_with_the_limit(tmp_path, capsys):
    path = _csv(tmp_path, [*_good_rows(), "13;w;40000;39;" + "x" * (limits.MAX_LINE_BYTES + 10)])
    errors = _errors(path)
    assert [e.code for e in errors] == ["line_too_long"] and dict(errors[0].params)["limit"] == "1048576"
    assert main(["analyze", str(path), "--lang", "en"]) == 2
    assert "the limit is 1,048,576" in capsys.readouterr().err


def test_too_many_columns_are_refused(tmp_path):
    header = HEADER + ";" + ";".join(f"Spalte {i}" for i in range(limits.MAX_COLUMNS))
    path = _csv(tmp_path, _good_rows(), header=header)
    errors = _errors(path)
    assert [e.code for e in errors] == ["too_many_columns"]
    assert dict(errors[0].params) == {"width": str(limits.MAX_COLUMNS + 5), "limit": str(limits.MAX_COLUMNS)}


def test_a_cell_longer_than_excels_limit_is_a_row_level_error(tmp_path):
    rows = _good_rows()
    rows[3] = rows[3].rsplit(";", 1)[0] + ";" + "Amt " * 9000
    errors = _errors(_csv(tmp_path, rows))
    assert [(e.code, e.row, e.column) for e in errors] == [("cell_too_long", 5, "Organisationseinheit")]
    assert len(errors[0].value) <= 80


def test_a_nul_character_is_a_row_level_error_in_any_column(tmp_path):
    rows = _good_rows()
    rows[1] = rows[1].replace("Amt", "A\x00mt")
    header = HEADER + ";Bemerkung"
    rows = [r + (";frei\x00text" if i == 6 else ";") for i, r in enumerate(rows)]
    errors = _errors(_csv(tmp_path, rows, header=header))
    assert sorted((e.code, e.row, e.column) for e in errors) == [("nul_character", 3, "Organisationseinheit"),
                                                                  ("nul_character", 8, "Bemerkung")]
    assert "\x00" not in "".join(e.value or "" for e in errors) and "\u2400" in errors[0].value


# --- Numbers: inf, NaN, implausible, mixed conventions -------------------------------------------------------------

@pytest.mark.parametrize("value", ["inf", "-inf", "NaN", "nan", "Infinity"])
def test_a_pay_that_is_not_a_finite_number_is_a_row_level_error(tmp_path, value):
    rows = _good_rows()
    rows[2] = rows[2].replace("40300", value)
    errors = _errors(_csv(tmp_path, rows))
    assert [(e.row, e.column) for e in errors] == [(4, "Grundentgelt")]
    assert errors[0].code in ("not_finite", "not_a_number")


def test_nan_and_infinity_in_a_typed_file_are_row_level_errors(tmp_path):
    import polars as pl

    path = tmp_path / "typed.parquet"
    pl.DataFrame({"personnel_id": [str(i) for i in range(12)], "gender": ["f", "m"] * 6,
                  "base_pay": [float("nan"), float("inf"), *[40000.0] * 10], "weekly_hours": [39.0] * 12}
                 ).write_parquet(path)
    errors = _errors(path)
    assert [(e.code, e.row) for e in errors] == [("not_finite", 2), ("not_finite", 3)]


def test_an_implausible_pay_is_a_row_level_error(tmp_path):
    rows = _good_rows()
    rows[0] = rows[0].replace("40100", "1e12")
    errors = _errors(_csv(tmp_path, rows))
    assert [(e.code, e.row) for e in errors] == [("implausible_pay", 2)]


def test_a_column_mixing_decimal_conventions_is_refused_with_the_rows_of_each(tmp_path):
    rows = _good_rows()
    rows[0] = rows[0].replace("40100", '"40.100,50"')
    rows[1] = rows[1].replace("40200", '"40,200.50"')
    rows[2] = rows[2].replace("40300", '"40.300,00"')
    errors = _errors(_csv(tmp_path, rows))
    kinds = sorted((dict(e.params)["kind"], e.row) for e in errors)
    assert {e.code for e in errors} == {"mixed_decimal_marks"}
    assert kinds == [("1,234.56", 3), ("1.234,56", 2), ("1.234,56", 4)]


def test_one_convention_throughout_is_read(tmp_path):
    rows = [r.replace("40100", '"40.100,50"') for r in _good_rows()]
    workforce = hrio.read(_csv(tmp_path, rows), hrio.ReadOptions(reference_date=REFERENCE))
    assert workforce.frame.get_column("base_pay")[0] == pytest.approx(40100.5)


# --- Generated hostile files ------------------------------------------------------------------------------------

CELLS = st.one_of(
    st.sampled_from(["", "w", "m", "x", "nan", "inf", "-inf", "1e309", "-0", "1.234,56", "1,234.56", "=1+1",
                     "\x00", "\"", "\"\"", ";", "\r", "\t", "ä", "\ufeff", "9" * 400, "1" * 20, "31.02.2024",
                     "0000-00-00", "−5", "١٢٣"]),
    st.text(max_size=12), st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.integers(min_value=-(10**30), max_value=10**30).map(str))
HEADERS = st.lists(st.sampled_from(["Personalnummer", "Geschlecht", "Grundentgelt", "Wochenstunden",
                                     "Entgeltgruppe", "Eintrittsdatum", "Geburtsjahr", "Führungsebene",
                                     "Zulagen", "Befristet", "Stichtag", "", "?", "Geschlecht"]),
                   min_size=1, max_size=8)


def _event(name: str) -> None:
    """Count an outcome in hypothesis' statistics (outside a hypothesis test: nothing)."""
    from hypothesis.control import currently_in_test_context

    if currently_in_test_context():
        event(name)


def _outcome(path: Path) -> None:
    """The reader's promise: a workforce, or problems; never another exception. What it returns turns
    into JSON without NaN (the JSON a CLI or the API would print)."""
    from paritas.analytics.privacy import SuppressionRule
    from paritas.analytics.structure import structure

    workforce, report = hrio.try_read(path, hrio.ReadOptions(reference_date=REFERENCE))
    if workforce is None:
        _event("refused")
        assert report.errors
        json.dumps([p.to_dict() for p in report.problems], allow_nan=False)
        return
    rule = SuppressionRule(5)
    json.dumps(structure(workforce, rule).to_dict(), allow_nan=False)
    if workforce.has("hourly_pay"):
        from paritas.analytics.paygap import paygap

        try:
            result = paygap(workforce, rule=rule)
        except HRDataError as exc:  # a figure the file cannot give is a problem too, with its reason
            assert exc.report.errors
            return
        json.dumps(result.to_dict(), allow_nan=False)
        _event("pay-gap figures")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(headers=HEADERS, rows=st.lists(st.lists(CELLS, min_size=0, max_size=9), max_size=25),
       separator=st.sampled_from([";", ",", "\t"]), encoding=st.sampled_from(["utf-8", "utf-16", "cp1252"]))
def test_generated_hostile_csv_files_never_break_the_reader(tmp_path_factory, headers, rows, separator, encoding):
    text = "\n".join(separator.join(r) for r in [headers, *rows])
    path = tmp_path_factory.mktemp("csv") / "export.csv"
    path.write_bytes(text.encode(encoding, errors="replace"))
    _outcome(path)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(headers=HEADERS, rows=st.lists(st.lists(st.one_of(CELLS, st.floats(), st.integers(-(2**62), 2**62),
                                                           st.none()), max_size=9), max_size=15))
def test_generated_hostile_workbooks_never_break_the_reader(tmp_path_factory, headers, rows):
    book = openpyxl.Workbook()
    ws = book.active
    for row in [headers, *rows]:
        ws.append([_storable(v) for v in row])
    path = tmp_path_factory.mktemp("xlsx") / "export.xlsx"
    book.save(path)
    _outcome(path)


def _storable(value: object) -> object:
    """openpyxl refuses control characters in cells (as Excel does); everything else goes in as it is."""
    if isinstance(value, str):
        return "".join(ch for ch in value if ch in "\t\n\r" or ord(ch) >= 32)
    return value


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=2048), prefix=st.sampled_from([b"", b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
                                                              b"PAR1", b"\xef\xbb\xbf"]),
       suffix=st.sampled_from([".csv", ".xlsx", ".ods", ".parquet", ".txt"]))
def test_generated_bytes_never_break_the_reader(tmp_path_factory, data, prefix, suffix):
    path = tmp_path_factory.mktemp("bytes") / f"export{suffix}"
    path.write_bytes(prefix + data)
    _outcome(path)


def test_a_truncated_workbook_is_a_problem_not_a_crash(tmp_path):
    data = _workbook(tmp_path).read_bytes()
    for cut in (10, len(data) // 3, len(data) - 30):
        path = tmp_path / f"cut{cut}.xlsx"
        path.write_bytes(data[:cut])
        _outcome(path)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as out:
        out.writestr("[Content_Types].xml", "<Types/>")
    (tmp_path / "hollow.xlsx").write_bytes(buffer.getvalue())
    _outcome(tmp_path / "hollow.xlsx")


#: Values the reader accepts, the odd ones included (0, almost 0, empty, huge but possible): the figures
#: must cope with whatever passes the reader. The refused values have their own tests above.
NEARLY = st.one_of(st.integers(0, 200_000).map(str), st.floats(0, 1e6, allow_nan=False).map(lambda v: f"{v:.2f}"),
                   st.sampled_from(["", "0", "0,00", "1e-300", "0.0000001", "9999999999", "45000"]))


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.tuples(st.sampled_from(["w", "m", "d", ""]), NEARLY, st.sampled_from(["39", "0", "20,5", "80",
                                                                                               "", "1e-9"]),
                               NEARLY, NEARLY, st.sampled_from(["E 9", "E 10", "A 13", ""])), min_size=10, max_size=40))
def test_nearly_valid_files_with_hostile_values_never_break_the_figures(tmp_path_factory, rows):
    """Files that mostly read, so that the structure and every pay-gap standard run on what they keep."""
    header = "Personalnummer;Geschlecht;Grundentgelt;Wochenstunden;Zulagen;Leistungsentgelt;Entgeltgruppe"
    lines = [header, *(";".join([str(i), *row]) for i, row in enumerate(rows, start=1))]
    path = tmp_path_factory.mktemp("nearly") / "export.csv"
    path.write_text("\n".join(lines), encoding="utf-8")
    _outcome(path)


def test_a_text_that_starts_like_compressed_data_is_read_as_text_and_never_inflated(tmp_path):
    """polars decompresses input that starts with gzip/zlib/zstd magic: a CSV starting with those bytes
    (found by the fuzzer) failed with an OSError, and a compressed file would have been inflated past the
    size limits. Both are text here: a problem report, not an exception, and nothing inflated."""
    import base64
    import zlib
    from datetime import date

    from paritas.analytics import io as hrio

    options = hrio.ReadOptions(reference_date=date(2024, 12, 31))
    found = tmp_path / "export.csv"
    found.write_bytes(base64.b64decode("AHgBAAAAAAAANDAuMDAwLHQwOzQwCg==")[1:])
    workforce, report = hrio.try_read(found, options)
    assert workforce is None and report.errors
    body = b"Personalnummer;Geschlecht;Grundentgelt;Wochenstunden\n1;w;40000;39\n2;m;41000;40\n"
    found.write_bytes(zlib.compress(body * 1000))
    workforce, report = hrio.try_read(found, options)
    assert workforce is None and report.errors


@pytest.mark.parametrize("offset", [0, 1, 7, 262_143, 524_287, 524_288, 524_289, 1_000_003])
@pytest.mark.parametrize("extra", [-1, 0, 1, 2])
def test_the_long_line_check_finds_every_line_over_the_limit_wherever_it_starts(offset, extra):
    """The block check (one find per half-limit block) against the exact longest line: a line of limit +
    extra bytes, starting at any offset after other short lines, is refused exactly when extra > 0."""
    from paritas.analytics import limits

    limit = limits.MAX_LINE_BYTES
    head = (b"a;b\n" * (offset // 4 + 1))[:offset]
    head = head[:-1] + b"\n" if head else head
    data = head + b"x" * (limit + extra) + b"\n" + b"1;2\n" * 1000
    assert limits._longest_line(data) == max(limit + extra, 3)
    if extra > 0:
        with pytest.raises(limits.LimitExceeded):
            limits.check_text(data)
    else:
        limits.check_text(data)


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "parquet"])
def test_headers_that_polars_would_read_as_patterns_are_columns_like_any_other(tmp_path, fmt):
    """A header "*" (every column, to polars) or "^…$" (a regular expression) once made the text checks
    fail with polars' DuplicateError (found by the fuzzer: a CSV whose header row held "*")."""
    import polars as pl

    header = ["Personalnummer", "*", "Geschlecht", "^Bemerkung$", "Grundentgelt", "Wochenstunden"]
    rows = [[str(i), "x", "w" if i % 2 else "m", "y", str(40000 + i), "39"] for i in range(1, 13)]
    path = tmp_path / f"export.{fmt}"
    if fmt == "csv":
        path.write_text("\n".join(";".join(r) for r in [header, *rows]) + "\n", encoding="utf-8")
    elif fmt == "xlsx":
        book = openpyxl.Workbook()
        for r in [header, *rows]:
            book.active.append(r)
        book.save(path)
    else:
        pl.DataFrame({h: [r[i] for r in rows] for i, h in enumerate(header)}).write_parquet(path)
    workforce = hrio.read(path, reference_date=date(2024, 12, 31))
    assert workforce.extra_columns == ("* (column 2)", "^Bemerkung$ (column 4)")
    assert workforce.frame["* (column 2)"].to_list() == ["x"] * 12
    assert len(workforce) == 12


def test_the_fuzzers_crash_with_a_star_header_reads_to_problems():
    data = b"9\n2;*;Personalnummer;Geschlecht;Grundentgelt\n2;u;40.000,50\n2;m;inf\n"
    workforce, report = hrio.try_read(Path("export.csv"), hrio.ReadOptions(reference_date=date(2024, 12, 31)),
                                      content=data)
    assert workforce is not None or report.errors
