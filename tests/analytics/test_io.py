"""The reader: every convention of hr-data.md, every error path, rows numbered as Excel shows them."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import polars as pl
import pytest

from paritas.analytics import io as hrio
from paritas.analytics import synthetic
from paritas.analytics.problems import HRDataError
from paritas.analytics.structure import structure
from tests.conftest import REFERENCE, write_text

SMALL = synthetic.generate(60, seed=7, style="de", reference_date=REFERENCE)


def read(path: Path, **kwargs) -> hrio.Workforce:
    return hrio.read(path, reference_date=REFERENCE, **kwargs)


def errors_of(path: Path, **kwargs) -> list[tuple[str, int | None, str | None]]:
    with pytest.raises(HRDataError) as info:
        read(path, **kwargs)
    return [(p.code, p.row, p.column) for p in info.value.report.errors]


def canonical(workforce: hrio.Workforce) -> pl.DataFrame:
    cols = ["employee_id", "gender", "birth_year", "hire_date", "weekly_hours", "full_time_weekly_hours",
            "pay_grade", "department", "leadership_level", "base_pay", "allowances", "bonus", "contract", "trainee"]
    return workforce.frame.select(cols).sort("employee_id")


# --- conventions ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(("style", "fmt", "encoding", "delimiter"), [
    ("de", "csv", "windows-1252", ";"),
    ("sv", "csv", "utf-8-sig", ";"),
    ("en", "csv", "utf-8", ","),
    ("de", "xlsx", None, None),
    ("sv", "xlsx", None, None),
    ("en", "parquet", None, None),
])
def test_every_generated_convention_reads_to_the_same_canonical_data(tmp_path, style, fmt, encoding, delimiter):
    path = synthetic.write(SMALL, tmp_path / f"export.{fmt}", fmt, style)
    workforce = read(path)
    assert workforce.source.encoding == encoding
    assert workforce.source.delimiter == delimiter
    expected = SMALL.select(canonical(read(synthetic.write(SMALL, tmp_path / "ref.parquet", "parquet", "en"))).columns)
    got = canonical(workforce)
    assert got.height == 60
    assert got["gender"].to_list() == expected.sort("employee_id")["gender"].to_list()
    assert got["base_pay"].to_list() == pytest.approx(expected.sort("employee_id")["base_pay"].to_list())
    assert got["hire_date"].to_list() == expected.sort("employee_id")["hire_date"].to_list()
    assert got["weekly_hours"].to_list() == pytest.approx(expected.sort("employee_id")["weekly_hours"].to_list())
    assert got["contract"].to_list() == expected.sort("employee_id")["contract"].to_list()
    assert got["trainee"].to_list() == expected.sort("employee_id")["trainee"].to_list()


def test_german_sap_export_windows_1252_semicolon_decimal_comma(tmp_path):
    text = ("Personalnummer;Geschlecht;Wochenstunden;Regelarbeitszeit;Grundentgelt;Zulagen;Führungsebene;"
            "Eintrittsdatum;Organisationseinheit\n"
            "00017;weiblich;19,5;39;22.345,50;1.000,00;0;01.04.2001;Jugendamt Süd\n"
            "00018;männlich;39,0;39;51.200,00;0,00;1;2019-11-05;Straßenbau\n"
            "00019;w;39;39;48.000;;2;2019-11-05 00:00:00;Bürgerbüro\n")
    path = write_text(tmp_path / "sap.csv", text, "cp1252")
    w = read(path)
    assert w.source.encoding == "windows-1252" and w.source.delimiter == ";"
    f = w.frame.sort("row")
    assert f["employee_id"].to_list() == ["00017", "00018", "00019"]  # leading zeros kept: ids are text
    assert f["gender"].to_list() == ["f", "m", "f"]
    assert f["base_pay"].to_list() == [22345.5, 51200.0, 48000.0]
    assert f["allowances"].to_list() == [1000.0, 0.0, None]
    assert f["variable_pay"].to_list() == [1000.0, 0.0, 0.0]  # allowances + bonus, missing counts as 0
    assert f["weekly_hours"].to_list() == [19.5, 39.0, 39.0]
    assert f["hire_date"].to_list() == [date(2001, 4, 1), date(2019, 11, 5), date(2019, 11, 5)]
    assert f["department"].to_list() == ["Jugendamt Süd", "Straßenbau", "Bürgerbüro"]
    assert f["is_part_time"].to_list() == [True, False, False]
    assert f["is_leader"].to_list() == [False, True, True]
    # gross hourly pay, hr-data.md: (base + variable) / (weekly hours × 52)
    assert f["hourly_pay"][0] == pytest.approx((22345.5 + 1000) / (19.5 * 52))


@pytest.mark.parametrize(("style", "fmt"), [("de", "csv"), ("sv", "csv"), ("en", "csv"), ("de", "xlsx"),
                                          ("en", "parquet")])
def test_an_export_in_memory_reads_as_the_same_file_on_disk(tmp_path, style, fmt):
    """read(name, content=…), as an upload is read: the same rows, conventions and warnings as the file."""
    path = synthetic.write(SMALL, tmp_path / f"export.{fmt}", fmt, style)
    on_disk = read(path)
    in_memory = read(Path(f"upload.{fmt}"), content=path.read_bytes())
    assert in_memory.frame.equals(on_disk.frame)
    assert (in_memory.source.encoding, in_memory.source.delimiter, in_memory.source.format) == (
        on_disk.source.encoding, on_disk.source.delimiter, on_disk.source.format)
    assert in_memory.warnings == on_disk.warnings and in_memory.source.path == f"upload.{fmt}"


def test_bytes_that_are_not_what_their_name_says_are_refused_in_memory_as_on_disk(tmp_path):
    path = write_text(tmp_path / "export.xlsx", "Personalnummer;Geschlecht\n1;w\n")
    assert [c for c, _r, _col in errors_of(path)] == ["not_a_spreadsheet"]
    with pytest.raises(HRDataError) as info:
        read(Path("upload.xlsx"), content=path.read_bytes())
    assert [p.code for p in info.value.report.errors] == ["not_a_spreadsheet"]


def test_a_utf8_export_whose_first_64_kib_end_inside_a_character_is_read_as_utf8(tmp_path):
    text = "Personalnummer;Geschlecht;Grundentgelt;Wochenstunden;Organisationseinheit\n"
    i = 0
    while len(text) < 65535 - 60:
        i += 1
        text += f"{i};{'wm'[i % 2]};{40000 + i};39;Amt {i}\n"
    row = f"{i + 1};w;40000;39;"
    text += row + "y" * (65535 - len(text) - len(row)) + "ä\n" + f"{i + 2};m;41000;39;Bürgeramt\n"
    data = text.encode("utf-8")
    assert data[65535:65537] == "ä".encode()  # the head's last byte is the first of "ä"
    path = tmp_path / "cut.csv"
    path.write_bytes(data)
    workforce = read(path)
    assert workforce.source.encoding == "utf-8"
    departments = workforce.frame["department"].to_list()
    assert departments[-2].endswith("yä") and departments[-1] == "Bürgeramt"


@pytest.mark.parametrize("high_share", [0.0, 0.001, 0.05, 0.5, 1.0])
def test_windows_1252_is_transcoded_byte_for_byte_as_pythons_codecs_do(high_share, monkeypatch):
    """Every byte value, the five undefined ones (U+FFFD) and the three-byte ones (€, „, …) among them,
    sparse as in an export and dense as in a file of names; with and without the leading newline. (The
    size from which numpy transcodes is lowered, so that these small samples go its way.)"""
    import numpy as np

    from paritas.analytics.io import loading
    from paritas.analytics.io.loading import cp1252_as_utf8

    monkeypatch.setattr(loading, "NUMPY_TRANSCODING_BYTES", 0)

    rng = np.random.default_rng(1252)
    data = rng.integers(0, 128, 20_000).astype(np.uint8)
    high = rng.random(data.size) < high_share
    data[high] = rng.integers(128, 256, int(high.sum()))
    for sample in (data.tobytes(), bytes(range(256)) * 3, b"", b"\x80", b"a\x9d"):
        for prefix in (b"", b"\n"):
            assert cp1252_as_utf8(sample, prefix) == prefix + sample.decode("cp1252", "replace").encode("utf-8")


def test_a_windows_1252_export_reads_its_umlauts_and_euro_signs(tmp_path):
    text = ("Personalnummer;Geschlecht;Grundentgelt;Stellenbezeichnung;Organisationseinheit\n"
            + "".join(f"{i};{'wm'[i % 2]};{40000 + i};Sachbearbeiter/in „Bürgerbüro“;Amt für Straßen €{i}\n"
                      for i in range(1, 200)))
    path = write_text(tmp_path / "ansi.csv", text, "cp1252")
    workforce = read(path)
    assert workforce.source.encoding == "windows-1252"
    frame = workforce.frame.sort("row")
    assert frame["job_title"][0] == "Sachbearbeiter/in „Bürgerbüro“"
    assert frame["department"].to_list()[-1] == "Amt für Straßen €199"


def test_swedish_export_with_space_thousands_and_utf8_bom(tmp_path):
    text = ("Anställningsnummer;Kön;Veckoarbetstid;Heltidsmått;Grundlön;Chefsnivå;Anställningsdatum\n"
            "1;K;40;40;456\u00a0000,00;0;2015-02-01\n2;M;30,5;40;1 234 567,50;1;2018-12-31\n"
            "3;kvinna;40;40;400 000;0;2010-01-01\n")
    w = read(write_text(tmp_path / "personec.csv", "\ufeff" + text))
    f = w.frame.sort("row")
    assert w.source.encoding == "utf-8-sig"
    assert f["base_pay"].to_list() == [456000.0, 1234567.5, 400000.0]
    assert f["gender"].to_list() == ["f", "m", "f"]
    assert f["weekly_hours"].to_list() == [40.0, 30.5, 40.0]


def test_tab_separated_utf16_unicode_text_from_excel(tmp_path):
    text = "Personalnummer\tGeschlecht\tGrundentgelt\n1\tw\t1234,5\n2\tm\t2000\n"
    w = read(write_text(tmp_path / "unicode.txt", "\ufeff" + text, "utf-16-le"))
    assert w.source.delimiter == "\t" and w.source.encoding == "utf-16"
    assert w.frame.sort("row")["base_pay"].to_list() == [1234.5, 2000.0]


def test_english_thousands_comma_and_iso_dates(tmp_path):
    text = 'employee_id,gender,base_pay,hire_date\n1,female,"45,000.50",2020-01-31\n2,male,"1,234",2021-02-01\n'
    f = read(write_text(tmp_path / "en.csv", text)).frame.sort("row")
    assert f["base_pay"].to_list() == [45000.5, 1234.0]


def test_sap_trailing_minus_is_a_negative_amount_and_therefore_an_error(tmp_path):
    text = "Personalnummer;Geschlecht;Grundentgelt\n1;w;1.234,56-\n2;m;100,00\n"
    assert errors_of(write_text(tmp_path / "minus.csv", text)) == [("negative_pay", 2, "Grundentgelt")]


@pytest.mark.parametrize(("values", "hint", "expected"), [
    (["1.234,56", "12,5"], None, ","),
    (["1,234.56", "12.5"], None, "."),
    (["39,5", "40"], None, ","),
    (["39.5", "40"], None, "."),
    (["1.234.567", "2.000"], None, ","),
    (["1,234,567"], None, "."),
    (["1.234"], ",", ","),
    (["1.234"], ".", "."),
    (["1,234"], ",", ","),
    (["100", "200"], ",", ","),
])
def test_decimal_separator_detection(values, hint, expected):
    assert hrio.detect_decimal(pl.Series(values), hint) == expected


def test_headers_are_matched_regardless_of_case_footnotes_units_and_umlaut_spelling(tmp_path):
    text = ("  PERS.-NR. ;Geschlecht*;Wochenstunden (h);Fuehrungsebene¹;Grundentgelt [EUR];Kostenstelle\n"
            "1;w;39;1;50000;4711\n2;m;20;0;30000;4712\n")
    w = read(write_text(tmp_path / "h.csv", text))
    assert w.columns == {"employee_id": "PERS.-NR.", "gender": "Geschlecht*", "weekly_hours": "Wochenstunden (h)",
                         "leadership_level": "Fuehrungsebene¹", "base_pay": "Grundentgelt [EUR]"}
    # extra columns are kept for later use (e.g. as explanatory factors in a pay-gap model)
    assert w.extra_columns == ("Kostenstelle",)
    assert w.frame.sort("row")["Kostenstelle"].to_list() == ["4711", "4712"]


def test_a_report_preamble_above_the_header_is_skipped_and_rows_keep_their_excel_numbers(tmp_path):
    text = ("Personalbestand Stadt Musterstadt;;\nStichtag 31.12.2024;;\n;;\n"
            "Personalnummer;Geschlecht;Grundentgelt\n1;w;100\n2;q;200\n")
    path = write_text(tmp_path / "pre.csv", text)
    assert errors_of(path) == [("unknown_gender", 6, "Geschlecht")]


def test_gender_codes_of_every_language(tmp_path):
    codes = ["f", "W", "weiblich", "Female", "K", "kvinna", "m", "männlich", "male", "Man", "M", "d", "divers",
             "x", "o", "annat", "", "ohne Angabe", "okänt"]
    text = "Personalnummer;Geschlecht;Grundentgelt\n" + "".join(f"{i};{c};1000\n" for i, c in enumerate(codes))
    f = read(write_text(tmp_path / "g.csv", text), ).frame.sort("row")
    assert f["gender"].to_list() == list("ffffff") + list("mmmmm") + list("ddddd") + list("uuu")


def test_yes_no_values(tmp_path):
    yes, no = ["1", "ja", "j", "yes", "true", "x", "JA"], ["0", "nein", "n", "no", "false", "", "Nein"]
    values = yes + no
    text = "Personalnummer;Geschlecht;Auszubildende(r);Grundentgelt\n" + "".join(
        f"{i};w;{v};30000\n" for i, v in enumerate(values))
    f = read(write_text(tmp_path / "yn.csv", text)).frame.sort("row")
    assert f["trainee"].to_list() == [True] * len(yes) + [False] * len(no)


def test_xlsx_with_named_sheet_typed_cells_and_header_below_a_title(tmp_path):
    path = tmp_path / "export.xlsx"
    with pd.ExcelWriter(path, engine="openpyxl") as writer:
        pd.DataFrame({"x": [1]}).to_excel(writer, sheet_name="Deckblatt", index=False)
        df = pd.DataFrame({"Personalnummer": [1, 2], "Geschlecht": ["w", "m"], "Grundentgelt": [45000.5, 52000],
                           "Eintrittsdatum": pd.to_datetime(["2019-11-05", "2001-04-01"]),
                           "Führungsebene": [1, 0]})
        df.to_excel(writer, sheet_name="Personal", index=False, startrow=2)
        writer.sheets["Personal"]["A1"] = "Personalstand zum 31.12.2024"
    w = read(path, mapping=hrio.ColumnMapping(sheet="Personal"))
    f = w.frame.sort("row")
    assert w.source.header_row == 3
    assert f["row"].to_list() == [4, 5]
    assert f["base_pay"].to_list() == [45000.5, 52000.0]
    assert f["hire_date"].to_list() == [date(2019, 11, 5), date(2001, 4, 1)]
    assert f["employee_id"].to_list() == ["1", "2"]


def test_ods_is_read(tmp_path):
    path = tmp_path / "export.ods"
    pd.DataFrame({"Personalnummer": ["a", "b", "c"], "Kön": ["K", "M", "K"], "Grundlön": [30000, 31000, 32000.5]}
                 ).to_excel(path, engine="odf", index=False)
    f = read(path).frame.sort("row")
    assert f["gender"].to_list() == ["f", "m", "f"]
    assert f["base_pay"].to_list() == [30000.0, 31000.0, 32000.5]


def test_excel_serial_date_numbers_are_dates(tmp_path):
    text = "Personalnummer;Geschlecht;Grundentgelt;Eintrittsdatum\n1;w;100;43774\n"
    assert read(write_text(tmp_path / "s.csv", text)).frame["hire_date"].to_list() == [date(2019, 11, 5)]


def test_mapping_file_maps_headers_and_values(tmp_path):
    text = "PERNR;GESCH;ANSAL;TEILZ\n1;2;45000;39\n2;1;50000;39\n3;2;20000;19,5\n"
    path = write_text(tmp_path / "sap.csv", text)
    mapping = tmp_path / "sap.toml"
    mapping.write_text('[columns]\nemployee_id = "PERNR"\ngender = "GESCH"\nbase_pay = "ANSAL"\n'
                       'weekly_hours = "TEILZ"\n\n[values.gender]\n"1" = "m"\n"2" = "f"\n', encoding="utf-8")
    f = read(path, mapping=mapping).frame.sort("row")
    assert f["gender"].to_list() == ["f", "m", "f"]
    assert f["weekly_hours"].to_list() == [39.0, 39.0, 19.5]


def test_mapping_file_with_an_unknown_canonical_name_is_refused(tmp_path):
    mapping = tmp_path / "m.json"
    mapping.write_text('{"columns": {"salary": "GEHALT"}}', encoding="utf-8")
    with pytest.raises(hrio.MappingFileError, match="salary"):
        hrio.ColumnMapping.load(mapping)


def test_employment_rate_gives_hours_and_part_time(tmp_path):
    text = "Anställningsnummer;Kön;Sysselsättningsgrad;Heltidsmått;Grundlön\n1;K;75 %;40;300000\n2;M;100;40;310000\n"
    f = read(write_text(tmp_path / "rate.csv", text)).frame.sort("row")
    assert f["weekly_hours"].to_list() == [30.0, 40.0]
    assert f["is_part_time"].to_list() == [True, False]


def test_full_time_hours_default_to_the_most_common_value_and_say_so(tmp_path):
    text = "Personalnummer;Geschlecht;Wochenstunden;Grundentgelt\n1;w;39;1\n2;m;39;1\n3;w;20;1\n"
    w = read(write_text(tmp_path / "ft.csv", text), )
    assert dict(w.assumptions)["full_time_weekly_hours"] == "39"
    assert w.frame.sort("row")["is_part_time"].to_list() == [False, False, True]


def test_empty_trailing_rows_are_ignored(tmp_path):
    text = "Personalnummer;Geschlecht;Grundentgelt\n1;w;100\n;;\n;;\n"
    assert len(read(write_text(tmp_path / "t.csv", text))) == 1


# --- errors and warnings -------------------------------------------------------------------------------


def test_every_problem_is_reported_at_once_with_excel_row_column_and_value(tmp_path):
    text = ("Personalnummer;Geschlecht;Wochenstunden;Grundentgelt;Führungsebene;Eintrittsdatum\n"
            "1;w;39;50000;0;01.01.2020\n"
            "2;q;39;50000;0;01.01.2020\n"        # row 3: unknown gender
            "3;m;95;50000;0;01.01.2020\n"        # row 4: hours > 80
            "4;m;39;-1;0;01.01.2020\n"           # row 5: negative pay
            "1;w;39;50000;0;01.01.2020\n"        # row 6: duplicate id (first in row 2)
            "6;w;39;viel;chef;32.13.2020\n")     # row 7: not a number, not a level, not a date
    with pytest.raises(HRDataError) as info:
        read(write_text(tmp_path / "bad.csv", text))
    found = {(p.code, p.row, p.column, p.value) for p in info.value.report.errors}
    assert found == {
        ("unknown_gender", 3, "Geschlecht", "q"),
        ("hours_too_high", 4, "Wochenstunden", "95"),
        ("negative_pay", 5, "Grundentgelt", "-1"),
        ("duplicate_id", 6, "Personalnummer", "1"),
        ("not_a_number", 7, "Grundentgelt", "viel"),
        ("not_a_level", 7, "Führungsebene", "chef"),
        ("not_a_date", 7, "Eintrittsdatum", "32.13.2020"),
    }
    duplicate = next(p for p in info.value.report.errors if p.code == "duplicate_id")
    assert dict(duplicate.params) == {"first_row": "2"}


def test_low_pay_is_a_warning_not_an_error_and_trainees_are_exempt(tmp_path):
    text = ("Personalnummer;Geschlecht;Wochenstunden;Grundentgelt;Auszubildende(r)\n"
            "1;w;39;3000;nein\n2;m;39;14000;ja\n3;m;39;50000;nein\n")
    w = read(write_text(tmp_path / "low.csv", text))
    assert [(p.code, p.row) for p in w.warnings] == [("pay_below_minimum", 2)]
    assert dict(w.warnings[0].params)["hourly"] == f"{3000 / (39 * 52):.2f}"


@pytest.mark.parametrize(("content", "name", "code"), [
    (b"", "empty.csv", "empty_file"),
    (b"not a zip file at all", "fake.xlsx", "not_a_spreadsheet"),
    (b"PK\x03\x04broken zip", "broken.xlsx", "not_a_spreadsheet"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "old.xls", "legacy_xls"),
    (b"Personalnummer;Geschlecht;Grundentgelt\n", "header.csv", "no_rows"),
    (b"Name;Vorname\nA;B\n", "nogender.csv", "no_gender_column"),
    (b"Geschlecht;Lieblingsfarbe\nw;blau\n", "nothing.csv", "no_usable_column"),
])
def test_unreadable_and_unusable_files(tmp_path, content, name, code):
    path = tmp_path / name
    path.write_bytes(content)
    assert code in [c for c, _row, _col in errors_of(path)]


def test_missing_file(tmp_path):
    assert errors_of(tmp_path / "nope.csv") == [("file_not_found", None, None)]


def test_a_mapped_column_that_is_not_in_the_file(tmp_path):
    path = write_text(tmp_path / "m.csv", "Geschlecht;Grundentgelt\nw;1\n")
    codes = errors_of(path, mapping=hrio.ColumnMapping(columns={"department": "Amt XY"}))
    assert codes == [("mapped_column_missing", None, "Amt XY")]


def test_nothing_is_half_imported(tmp_path):
    # 999 good rows and one bad one: the reader returns nothing, only the report.
    good = "".join(f"{i};w;1000\n" for i in range(999))
    path = write_text(tmp_path / "one-bad.csv", "Personalnummer;Geschlecht;Grundentgelt\n" + good + "x;w;-1\n")
    workforce, report = hrio.try_read(path)
    assert workforce is None
    assert [(p.code, p.row) for p in report.errors] == [("negative_pay", 1001)]


def test_a_million_bad_cells_are_counted_without_keeping_them_all(tmp_path):
    rows = "".join(f"{i};?;1\n" for i in range(30_000))
    path = write_text(tmp_path / "many.csv", "Personalnummer;Geschlecht;Grundentgelt\n" + rows)
    with pytest.raises(HRDataError) as info:
        read(path)
    assert info.value.report.count("error") == 30_000
    assert len(info.value.report.errors) <= 20_000


def test_read_is_exposed_as_the_analyst_api(herne_csv):
    import paritas

    workforce = paritas.read(herne_csv, reference_date=REFERENCE)
    result = paritas.structure(workforce)
    assert isinstance(result, paritas.Structure)
    assert "2984 employees" in repr(workforce)
    assert "<table>" in result._repr_html_()
    assert structure(workforce).to_dict() == result.to_dict()


def _low_paid_export(tmp_path, reference, style="de", every=9):
    import polars as pl

    from paritas.analytics import synthetic

    frame = synthetic.generate(400, seed=5, style=style, reference_date=reference)
    frame = frame.with_columns(pl.when((pl.int_range(pl.len()) % every == 0) & ~pl.col("trainee"))
                               .then(pl.col("base_pay") / 4).otherwise(pl.col("base_pay")).alias("base_pay"))
    return synthetic.write(frame, tmp_path / f"low-{style}.csv", "csv", style), frame


@pytest.mark.parametrize(("reference", "minimum"), [
    (date(2016, 12, 31), "8.50"), (date(2019, 12, 31), "9.19"), (date(2022, 8, 31), "10.45"),
    (date(2024, 12, 31), "12.41"), (date(2026, 12, 31), "13.90")])
def test_the_minimum_wage_check_uses_the_rate_in_force_on_the_reference_date(tmp_path, reference, minimum):
    path, _frame = _low_paid_export(tmp_path, reference)
    w = hrio.read(path, reference_date=reference)
    low = [p for p in w.warnings if p.code == "pay_below_minimum"]
    assert low and {dict(p.params)["minimum"] for p in low} == {minimum}
    assert {dict(p.params)["in_force_on"] for p in low} == {reference.isoformat()}
    # every flagged row really is below that rate, and every non-trainee below it is flagged
    hourly = w.frame.filter(~w.frame["trainee"])
    expected = set(hourly.filter(hourly["hourly_pay"] < float(minimum))["row"].to_list())
    assert {p.row for p in low} == expected


def test_swedish_exports_are_not_checked_against_a_minimum_wage_and_say_why(tmp_path):
    path, _frame = _low_paid_export(tmp_path, date(2024, 12, 31), style="sv")
    w = hrio.read(path, reference_date=date(2024, 12, 31))
    assert not [p for p in w.warnings if p.code == "pay_below_minimum"]
    assert dict(w.assumptions)["minimum_wage"] == "SE:no_statutory_minimum"


def test_the_warnings_are_grouped_with_the_rate_and_date_in_the_readers_locale(tmp_path):
    from paritas.reports import messages
    from paritas.reports.i18n import Translator

    path, _frame = _low_paid_export(tmp_path, date(2019, 12, 31))
    _w, report = hrio.try_read(path, hrio.ReadOptions(reference_date=date(2019, 12, 31)))
    n = report.count("warning")
    text = messages.render(report, Translator("de"))
    line = next(line for line in text.splitlines() if "Mindestlohn" in line)
    assert line.startswith(f"- Warnung: {n} Zeilen unter dem am 31. Dezember 2019 geltenden Mindestlohn von "
                           "9,19\u00a0€")
    rows = sorted(p.row for p in report.warnings)
    assert ", ".join(str(r) for r in rows[:20]) in line
    assert f"({n - 20} weitere nicht aufgeführt)" in line
    assert len([row for row in text.splitlines() if "Mindestlohn" in row]) == 1
    english = messages.render(report, Translator("en"))
    assert "below the minimum wage of €9.19 in force on 31 December 2019" in english


def test_a_single_low_paid_row_names_its_hourly_pay_in_the_locale(tmp_path):
    from paritas.reports import messages
    from paritas.reports.i18n import Translator

    text = ("Personalnummer;Geschlecht;Wochenstunden;Grundentgelt\n1;w;39;23850\n2;m;39;50000\n")
    w = hrio.read(write_text(tmp_path / "one.csv", text), reference_date=date(2024, 12, 31))
    (problem,) = w.warnings
    sentence = messages.describe(problem, Translator("de"))
    assert "Bruttostundenentgelt 11,76\u00a0€ liegt unter dem am 31. Dezember 2024 geltenden Mindestlohn von " \
           "12,41\u00a0€" in sentence


def test_without_a_reference_date_the_files_own_or_the_last_31_december_is_used(tmp_path):
    plain = "Personalnummer;Geschlecht;Wochenstunden;Grundentgelt\n1;w;39;50000\n2;m;39;50000\n"
    w = hrio.read(write_text(tmp_path / "plain.csv", plain))
    assert w.reference_date == hrio.last_year_end() and w.reference_date.month == 12 and w.reference_date.day == 31
    assert w.reference_date < date.today()
    assert dict(w.assumptions)["reference_date_source"] == "last_year_end"
    own = ("Personalnummer;Geschlecht;Stichtag;Grundentgelt;Wochenstunden\n"
           "1;w;30.06.2023;50000;39\n2;m;30.06.2023;50000;39\n")
    w = hrio.read(write_text(tmp_path / "own.csv", own))
    assert w.reference_date == date(2023, 6, 30)
    assert dict(w.assumptions)["reference_date_source"] == "file"
