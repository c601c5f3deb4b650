"""Read an HR export (CSV, XLSX, ODS, Parquet) into a validated, canonical :class:`Workforce`.

Implements the contract in ``docs/hr-data.md``: every problem is collected before anything is
returned (row as Excel shows it, column, value, what was expected); errors stop the import, warnings
travel with the result for the user to accept. Parsing is done by polars (CSV) and calamine via
fastexcel (spreadsheets); this module only decides conventions and normalises values.
"""

from __future__ import annotations

import csv
import io
import json
import tomllib
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import polars as pl

from paritas.analytics import limits, schema
from paritas.analytics.minimum_wage import CURRENCY, MinimumWage, statutory_minimum
from paritas.analytics.problems import HRDataError, MappingFileError, Problem, ProblemCollector, ProblemReport
from paritas.analytics.schema import Kind

SUPPORTED_SUFFIXES = (".csv", ".txt", ".tsv", ".xlsx", ".xlsm", ".ods", ".parquet")
DATE_FORMATS = ("%Y-%m-%d", "%d.%m.%Y", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S", "%d.%m.%y", "%d/%m/%Y",
                "%Y-%m-%d %H:%M:%S%.f")
MAX_WEEKLY_HOURS = 80.0
#: The plausibility floor of gross hourly pay by default: the statutory minimum wage of the file's country
#: in force on its reference date (:mod:`paritas.analytics.minimum_wage`). Below it a warning, not an
#: error; trainees are exempt (MiLoG § 22(3)) and are never checked.
STATUTORY = "statutory"
HEADER_SCAN_LINES = 30
WEEKS_PER_YEAR = 52
#: No pay amount of one person reaches this, for any period in any currency of the EU, the UK, Switzerland
#: or Sweden (a year's pay of a Hungarian chief executive is some 10⁹ forints): beyond it, a value is an
#: export mistake (a personnel number in the pay column, 1e308).
MAX_PAY = 10_000_000_000


# ----------------------------------------------------------------------------------------------------
# Options and results


@dataclass(frozen=True)
class ColumnMapping:
    """An explicit mapping for headers and values the aliases do not cover.

    ``columns`` maps canonical name → header in the file; ``values`` maps canonical name → {file value →
    canonical value} (e.g. SAP's gender key ``1`` → ``m``); ``decimal`` forces "," or "."; ``sheet``
    names the spreadsheet sheet to read.
    """

    columns: Mapping[str, str] = field(default_factory=dict)
    values: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    decimal: str | None = None
    sheet: str | None = None

    @classmethod
    def load(cls, path: str | Path) -> ColumnMapping:
        """Read a mapping file (TOML or JSON) with tables ``columns``, ``values`` and ``options``."""
        path = Path(path)
        try:
            raw = path.read_bytes()
            data = json.loads(raw) if path.suffix.lower() == ".json" else tomllib.loads(raw.decode("utf-8"))
        except (OSError, ValueError, UnicodeDecodeError) as exc:
            raise MappingFileError(str(path), str(exc)) from exc
        return cls.from_dict(data, source=str(path))

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], source: str = "mapping") -> ColumnMapping:
        columns = dict(data.get("columns", {}))
        unknown = sorted(set(columns) - set(schema.COLUMNS_BY_NAME))
        if unknown:
            raise MappingFileError(source, f"unknown canonical column(s): {', '.join(unknown)}")
        values = {k: {str(a): str(b) for a, b in v.items()} for k, v in dict(data.get("values", {})).items()}
        options = dict(data.get("options", {}))
        decimal = options.get("decimal")
        if decimal not in (None, ",", "."):
            raise MappingFileError(source, 'options.decimal must be "," or "."')
        return cls(columns=columns, values=values, decimal=decimal, sheet=options.get("sheet"))

    def to_dict(self) -> dict[str, Any]:
        options = {k: v for k, v in (("decimal", self.decimal), ("sheet", self.sheet)) if v}
        return {"columns": dict(self.columns), "values": {k: dict(v) for k, v in self.values.items()},
                "options": options}


@dataclass(frozen=True)
class ReadOptions:
    mapping: ColumnMapping = field(default_factory=ColumnMapping)
    reference_date: date | None = None
    #: STATUTORY (the country's minimum wage on the reference date), a number, or None for no check.
    minimum_hourly_pay: float | str | None = STATUTORY
    full_time_weekly_hours: float | None = None
    #: ISO 3166 code of the employer's country (DE, SE); None: from the language of the file's headers.
    country: str | None = None


@dataclass(frozen=True)
class SourceInfo:
    path: str
    format: str
    encoding: str | None = None
    delimiter: str | None = None
    header_row: int = 1
    rows: int = 0
    #: The loader saw the whole file and no NUL byte in it: no cell needs the NUL check (not serialised).
    nul_free: bool = field(default=False, repr=False, compare=False)

    def to_dict(self) -> dict[str, object]:
        return {"path": self.path, "format": self.format, "encoding": self.encoding,
                "delimiter": self.delimiter, "header_row": self.header_row, "rows": self.rows}


@dataclass(frozen=True, eq=False)
class Workforce:
    """A validated HR export: canonical, typed columns plus the derived ones every statistic uses.

    Derived columns: ``row`` (Excel row), ``is_leader`` (leadership_level >= 1), ``is_part_time``
    (weekly_hours < full_time_weekly_hours, hr-data.md § Values), ``age``, ``paid_hours`` (paid hours in
    the year: annual_hours where given, else weekly_hours × 52), ``variable_pay`` (complementary or variable
    components: allowances + bonus) and ``hourly_pay`` (gross hourly pay: (base_pay + allowances + bonus) /
    paid_hours).
    """

    frame: pl.DataFrame
    source: SourceInfo
    columns: Mapping[str, str]
    extra_columns: tuple[str, ...]
    warnings: tuple[Problem, ...]
    reference_date: date
    assumptions: tuple[tuple[str, str], ...] = ()

    def __len__(self) -> int:
        return self.frame.height

    def has(self, *names: str) -> bool:
        return all(n in self.frame.columns and self.frame[n].null_count() < self.frame.height for n in names)

    def __repr__(self) -> str:
        return (f"Workforce({self.frame.height} employees from {Path(self.source.path).name!r}, "
                f"columns={sorted(self.columns)}, warnings={len(self.warnings)})")

    def _repr_html_(self) -> str:
        from html import escape

        cols = ", ".join(escape(c) for c in sorted(self.columns))
        return (f"<p><b>Workforce</b>: {self.frame.height:,} employees from <code>{escape(self.source.path)}"
                f"</code><br>columns: {cols}<br>warnings: {len(self.warnings)}</p>")


# ----------------------------------------------------------------------------------------------------
# Loading raw tables


class _Unreadable(Exception):
    def __init__(self, code: str, **params: str):
        self.code, self.params = code, params
        super().__init__(code)


def _detect_format(path: Path, head: bytes) -> str:
    suffix = path.suffix.lower()
    if head.startswith(b"PAR1"):
        return "parquet"
    if head.startswith(b"PK"):
        if suffix == ".ods":
            return "ods"
        try:
            with zipfile.ZipFile(path) as zf:
                names = set(zf.namelist())
                if "mimetype" in names and b"opendocument.spreadsheet" in zf.read("mimetype"):
                    return "ods"
        except zipfile.BadZipFile as exc:
            raise _Unreadable("not_a_spreadsheet", suffix=suffix or "?") from exc
        return "xlsx"
    if suffix in (".xlsx", ".xlsm", ".ods", ".parquet"):
        # The name promises a binary format the bytes do not have (an .xlsx that is not a zip, etc.).
        if head[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
            raise _Unreadable("legacy_xls", suffix=suffix)
        raise _Unreadable("not_a_spreadsheet", suffix=suffix)
    if head[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise _Unreadable("legacy_xls", suffix=suffix or "?")
    return "csv"


def _decode(data: bytes) -> tuple[str, str]:
    """Text and encoding name: UTF-8 (with or without BOM), UTF-16 (Excel "Unicode text"), else
    Windows-1252, German and Swedish Excel's default for CSV."""
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8", errors="strict"), "utf-8-sig"
        except UnicodeDecodeError:  # a byte-order mark in front of another encoding: judge the rest
            return _decode(data[3:])
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            return data.decode("cp1252", errors="replace"), "windows-1252"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), "windows-1252"


def _split(line: str, delimiter: str) -> list[str]:
    return next(csv.reader([line], delimiter=delimiter), [])


def _header_score(cells: list[str]) -> int:
    return len({schema.canonical_name(c) for c in cells if c.strip()} - {None})


def _sniff_csv(text: str, mapping: ColumnMapping) -> tuple[str, int]:
    """Delimiter and 0-based header line. The header is the first of the first lines that names the most
    known columns (exports often start with a report title and a date); the delimiter the one of
    ``;`` ``,`` tab that splits that line into the most fields and the next lines consistently."""
    lines = text[:200_000].splitlines()[:HEADER_SCAN_LINES + 20]
    if not any(line.strip() for line in lines):
        raise _Unreadable("empty_file")
    mapped_headers = set(mapping.columns.values())
    best: tuple[int, int, int, str, int] | None = None  # (score, consistency, fields, delimiter, line)
    for delimiter in (";", "\t", ","):
        for index, line in enumerate(lines[:HEADER_SCAN_LINES]):
            cells = _split(line, delimiter)
            if len(cells) < 2:
                continue
            score = _header_score(cells) + 2 * len(mapped_headers.intersection(c.strip() for c in cells))
            following = [_split(x, delimiter) for x in lines[index + 1:index + 21] if x.strip()]
            consistent = sum(len(f) == len(cells) for f in following)
            candidate = (score, consistent, len(cells), delimiter, -index)
            if best is None or candidate > best:
                best = candidate
    if best is None:
        raise _Unreadable("no_columns")
    score, _consistent, _fields, delimiter, neg_index = best
    if score == 0:
        # Nothing known: take the delimiter that splits the first line most; the mapping check reports.
        first = next(i for i, line in enumerate(lines) if line.strip())
        delimiter = max((";", "\t", ","), key=lambda d: len(_split(lines[first], d)))
        return delimiter, first
    return delimiter, -neg_index


def _read_csv(path: Path, data: bytes, mapping: ColumnMapping) -> tuple[pl.DataFrame, SourceInfo]:
    limits.check_text(data)
    text, encoding = _decode(data)
    delimiter, header_line = _sniff_csv(text, mapping)
    header_text = next(iter(text[:limits.MAX_LINE_BYTES * 2].splitlines()[header_line:header_line + 1]), "")
    limits.check_columns(len(_split(header_text, delimiter)))
    payload = data[3:] if encoding == "utf-8-sig" else data if encoding == "utf-8" else text.encode("utf-8")
    try:
        # A leading newline, skipped with the lines above the header: polars decompresses input that starts
        # with gzip, zlib or zstd magic bytes, which would bypass the size limits checked above (and fail
        # with an OSError on a text that merely starts with those bytes).
        frame = pl.read_csv(io.BytesIO(b"\n" + payload), separator=delimiter, infer_schema=False,
                            skip_lines=header_line + 1, raise_if_empty=False)
    except pl.exceptions.PolarsError as exc:
        raise _Unreadable("csv_parse", detail=_short(exc)) from exc
    limits.check_columns(frame.width)
    frame.columns = _unique([c.strip() or f"column {i + 1}" for i, c in enumerate(frame.columns)])
    # One search of the file's bytes (a few milliseconds) instead of one of every text column.
    info = SourceInfo(str(path), "csv", encoding, delimiter, header_line + 1, frame.height,
                      nul_free=b"\x00" not in payload)
    return frame, info


def _short(exc: Exception) -> str:
    return str(exc).strip().splitlines()[0][:200] if str(exc).strip() else type(exc).__name__


def _read_spreadsheet(path: Path, fmt: str, mapping: ColumnMapping) -> tuple[pl.DataFrame, SourceInfo]:
    reader = pl.read_ods if fmt == "ods" else pl.read_excel
    kwargs: dict[str, Any] = {"has_header": False, "infer_schema_length": 0, "drop_empty_rows": False}
    if mapping.sheet:
        kwargs["sheet_name"] = mapping.sheet
    try:
        raw = reader(path, **kwargs)
    except Exception as exc:  # calamine raises its own types; anything here means "cannot read"
        message = _short(exc)
        if mapping.sheet and "sheet" in message.lower():
            raise _Unreadable("no_such_sheet", sheet=mapping.sheet) from exc
        raise _Unreadable("not_a_spreadsheet", suffix=path.suffix.lower(), detail=message) from exc
    if raw.height == 0:
        raise _Unreadable("empty_file")
    limits.check_columns(raw.width)
    mapped_headers = set(mapping.columns.values())
    scores = []
    for index, row in enumerate(raw.head(HEADER_SCAN_LINES).iter_rows()):
        cells = [str(c) for c in row if c is not None]
        scores.append((_header_score(cells) + 2 * len(mapped_headers.intersection(cells)), -index))
    best_score, neg_index = max(scores)
    header_index = -neg_index if best_score else next(
        i for i, row in enumerate(raw.iter_rows()) if any(c is not None for c in row))
    header = [str(c).strip() if c is not None else "" for c in raw.row(header_index)]
    keep = [i for i, h in enumerate(header) if h]
    names = _unique([header[i] for i in keep])
    body = raw.slice(header_index + 1).select([raw.columns[i] for i in keep])
    body.columns = names
    info = SourceInfo(str(path), fmt, None, None, header_index + 1, body.height)
    return body, info


def _unique(names: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    result = []
    for name in names:
        if name in seen:
            seen[name] += 1
            result.append(f"{name} ({seen[name]})")
        else:
            seen[name] = 1
            result.append(name)
    return result


def _load(path: Path, mapping: ColumnMapping) -> tuple[pl.DataFrame, SourceInfo]:
    try:
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise _Unreadable("file_not_found", path=str(path)) from exc
    except OSError as exc:
        raise _Unreadable("cannot_open", path=str(path), detail=_short(exc)) from exc
    if not data[:65536].strip() and not data.strip():  # look at the head first: no copy of a big file
        raise _Unreadable("empty_file")
    fmt = _detect_format(path, data[:8])
    if fmt == "csv":
        return _read_csv(path, data, mapping)
    if fmt == "parquet":
        try:
            frame = pl.read_parquet(io.BytesIO(data))
        except Exception as exc:
            raise _Unreadable("not_a_spreadsheet", suffix=".parquet", detail=_short(exc)) from exc
        return frame, SourceInfo(str(path), "parquet", None, None, 1, frame.height)
    return _read_spreadsheet(path, fmt, mapping)


# ----------------------------------------------------------------------------------------------------
# Value normalisation. Each parser returns an expression over the raw column; problems are found by
# comparing the parsed column with the raw one afterwards, so every cell is parsed once.

_SPACES = r"[\s\u00a0\u202f'’]"
_CURRENCY = r"(?i)(€|eur|sek|kr\.?|chf|gbp|£|\$|%)"
_PLAIN_NUMBER = r"^-?[0-9.,]*$"


def _number_text(col: str, plain: bool = False) -> pl.Expr:
    if plain:  # only digits, marks and a leading minus (so no spaces either): nothing to clean
        return pl.col(col).cast(pl.String)
    text = pl.col(col).cast(pl.String).str.strip_chars()
    text = text.str.replace_all(_CURRENCY, "").str.replace_all(_SPACES, "")
    # SAP prints negative amounts with a trailing minus: "1.234,56-".
    return text.str.replace(r"^(.+)-$", "-$1")


def detect_decimal(values: pl.Series, hint: str | None) -> str:
    """The decimal separator of a column of number texts: "," or ".".

    A value with both marks decides by the last one; one mark followed by other than exactly three digits
    is a decimal mark; several of the same mark are thousands separators; otherwise ``hint`` decides (the
    file's convention: "," for ``;``-separated CSV), defaulting to ".".
    """
    frame = values.to_frame("v")
    return _decimal_convention(frame, pl.col("v"), hint, _marks(frame, ["v"])["v"])[0]


@dataclass(frozen=True)
class _Marks:
    """What one search of a text column of numbers found: whether every value is plain (only digits, marks
    and a leading minus), whether any has a comma, whether any has a point."""

    plain: bool
    comma: bool
    point: bool


def _marks(frame: pl.DataFrame, headers: list[str]) -> dict[str, _Marks]:
    """The :class:`_Marks` of text columns, all found in one pass over the frame."""
    if not headers:
        return {}
    exprs = []
    for i, header in enumerate(headers):
        text = pl.col(header)
        exprs += [text.str.contains(_PLAIN_NUMBER).not_().any().alias(f"d{i}"),
                  text.str.contains(",", literal=True).any().alias(f"c{i}"),
                  text.str.contains(".", literal=True).any().alias(f"p{i}")]
    found = [bool(v) for v in frame.select(exprs).row(0)]
    return {header: _Marks(not found[3 * i], found[3 * i + 1], found[3 * i + 2]) for i, header in enumerate(headers)}


def _decimal_convention(frame: pl.DataFrame, text: pl.Expr, hint: str | None, marks: _Marks) -> tuple[str, bool]:
    """The decimal separator of the number texts ``text`` over ``frame`` (:func:`detect_decimal`'s rules),
    and whether the column mixes the conventions: values written "1.234,56" and values written "1,234.56".

    Each rule is one search of the whole column, asked only when the earlier ones did not decide and the
    marks it needs occur at all (``marks``): a column of one convention costs one or two searches, a column
    of whole numbers none.
    """
    def found(pattern: str) -> bool:
        return bool(frame.select(text.str.contains(pattern).any()).item())

    comma, point = marks.comma, marks.point
    rules = ((comma and point, r"\.\d*,\d*$", ","), (comma and point, r",\d*\.\d*$", "."),
             (comma, r",(\d{1,2}|\d{4,})$|^-?,\d", ","), (point, r"\.(\d{1,2}|\d{4,})$|^-?\.\d", "."),
             (comma and not point, r",\d{3},", "."), (point and not comma, r"\.\d{3}\.", ","))
    decimal = next((mark for possible, pattern, mark in rules if possible and found(pattern)), hint or ".")
    # Both conventions in one column need both marks; the one against the column's decimal mark is rarer.
    rarer, usual = (_POINT_DECIMAL, _COMMA_DECIMAL) if decimal == "," else (_COMMA_DECIMAL, _POINT_DECIMAL)
    mixed = comma and point and found(rarer) and found(usual)
    return decimal, mixed


#: Numbers written with both marks show their convention: the last mark is the decimal one.
_COMMA_DECIMAL = r"^-?\d{1,3}(\.\d{3})+,\d*$"   # 1.234,56
_POINT_DECIMAL = r"^-?\d{1,3}(,\d{3})+\.\d*$"   # 1,234.56


def _mixed_marks(col: str, plain: bool) -> list[tuple[str, pl.Expr]]:
    """Masks of the rows written "1.234,56" and of those written "1,234.56", for a column that has both
    (:func:`_decimal_convention` tells): one of the two is read a thousand times wrong, and which is meant
    only the person who exported knows."""
    text = _number_text(col, plain)
    return [("1.234,56", text.str.contains(_COMMA_DECIMAL)), ("1,234.56", text.str.contains(_POINT_DECIMAL))]


def _numbers(col: str, decimal: str, plain: bool, comma: bool = True, point: bool = True) -> pl.Expr:
    """The numbers of a text column: thousands separators dropped, the decimal mark made a point; an empty
    text is no number (the cast makes it null). ``comma`` and ``point`` False: the column has none of that
    mark, and the replacement that would look for it is left out."""
    text = _number_text(col, plain)
    if decimal == ",":
        text = text.str.replace_all(".", "", literal=True) if point else text
        text = text.str.replace(",", ".", literal=True) if comma else text
    elif comma:
        text = text.str.replace_all(",", "", literal=True)
    return text.cast(pl.Float64, strict=False)


def _date_formats(values: pl.Series) -> list[str]:
    """The formats (of DATE_FORMATS) a column uses, judged on its distinct values: usually one."""
    sample = values.drop_nulls().cast(pl.String).str.strip_chars().unique()
    frame = sample.to_frame("v")
    used = []
    remaining = frame
    for fmt in DATE_FORMATS:
        if remaining.height == 0:
            break
        parsed = pl.col("v").str.strptime(pl.Date, fmt, strict=False, exact=True)
        ok = remaining.select(parsed.is_not_null()).to_series()
        if ok.any():
            used.append(fmt)
            remaining = remaining.filter(~ok)
    return used


def _dates(col: str, dtype: pl.DataType, formats: list[str]) -> pl.Expr:
    if dtype == pl.Date:
        return pl.col(col)
    if isinstance(dtype, pl.Datetime):
        return pl.col(col).dt.date()
    if dtype.is_numeric():
        return _excel_serial(pl.col(col).cast(pl.Float64))
    text = pl.col(col).cast(pl.String).str.strip_chars()
    parsed = [text.str.strptime(pl.Date, f, strict=False, exact=True) for f in formats]
    # A date column whose cells Excel did not format as dates arrives as serial day numbers.
    serial = _excel_serial(text.cast(pl.Float64, strict=False))
    return pl.coalesce([*parsed, serial])


def _excel_serial(days: pl.Expr) -> pl.Expr:
    valid = (days >= 1) & (days < 110_000) & (days == days.floor())
    offset = pl.duration(days=days.cast(pl.Int64, strict=False))
    return pl.when(valid).then(pl.lit(date(1899, 12, 30)) + offset).otherwise(None)


def _lookup(frame: pl.DataFrame, col: str, table: Mapping[str, str]) -> pl.Expr:
    """Map a column's values through ``table`` (keys lower-case, trimmed). Normalised on the distinct values
    only: an HR column of codes has a handful of them, however many rows."""
    distinct = frame.get_column(col).cast(pl.String).unique().to_list()
    mapping = {v: table.get("" if v is None else v.strip().lower()) for v in distinct if v is not None}
    empty = table.get("")
    return pl.col(col).cast(pl.String).replace_strict(mapping, default=None, return_dtype=pl.String).fill_null(
        pl.when(pl.col(col).is_null()).then(pl.lit(empty, pl.String)).otherwise(None))


# ----------------------------------------------------------------------------------------------------
# The reader


def read(path: str | Path, options: ReadOptions | None = None, *, mapping: ColumnMapping | str | Path | None = None,
         reference_date: date | None = None) -> Workforce:
    """Read and validate an HR export. Raises :class:`HRDataError` with every problem when it has errors;
    warnings are returned on the workforce for the caller to show and the user to accept."""
    options = options or ReadOptions()
    if mapping is not None:
        options = ReadOptions(**{**options.__dict__, "mapping": mapping if isinstance(mapping, ColumnMapping)
                                 else ColumnMapping.load(mapping)})
    if reference_date is not None:
        options = ReadOptions(**{**options.__dict__, "reference_date": reference_date})
    path = Path(path)
    collector = ProblemCollector()
    try:
        _precheck(path)
        if not options.mapping.columns and not options.mapping.sheet and path.suffix.lower() in (".xlsx", ".xlsm"):
            from paritas.analytics import datasheet

            sheet = datasheet.find(path)
            if sheet is not None:
                return _read_datasheet(path, sheet, options, collector)
        raw, info = _load(path, options.mapping)
    except (_Unreadable, limits.LimitExceeded) as exc:
        collector.add(Problem("error", exc.code, params=tuple(sorted(exc.params.items()))))
        raise HRDataError(collector.report()) from None
    return _validate(raw, info, options, collector)


def _precheck(path: Path) -> None:
    """The limits a file must keep before any parser reads it (:mod:`paritas.analytics.limits`)."""
    try:
        with path.open("rb") as fh:
            head = fh.read(8)
    except FileNotFoundError as exc:
        raise _Unreadable("file_not_found", path=str(path)) from exc
    except OSError as exc:
        raise _Unreadable("cannot_open", path=str(path), detail=_short(exc)) from exc
    limits.check_ole(head, path)
    if head.startswith(b"PK"):
        scan = limits.scan_workbook(path)
        if scan.formula_count:
            more = scan.formula_count - len(scan.formula_cells)
            raise _Unreadable("formula_without_value", cells=", ".join(scan.formula_cells) + (" …" if more else ""),
                              count=str(scan.formula_count))


def _read_datasheet(path: Path, sheet: Any, options: ReadOptions, collector: ProblemCollector) -> Workforce:
    """The official Logib data sheet (:mod:`paritas.analytics.datasheet`): its columns as the contract's,
    Logib's checks as row-level problems, then the reader's own validation."""
    from dataclasses import replace

    from paritas.analytics import datasheet

    reference = options.reference_date or last_year_end()
    frame, columns, full_time = datasheet.to_contract(sheet, reference, collector, first_row=sheet.header_index + 2)
    info = SourceInfo(str(path), "xlsx", None, None, sheet.header_index + 1, frame.height)
    chosen = ReadOptions(**{**options.__dict__, "mapping": ColumnMapping(columns=columns),
                            "full_time_weekly_hours": options.full_time_weekly_hours or full_time,
                            "country": options.country or "CH"})
    logib_checks = collector.report()
    try:  # the reader's own checks too, so that the user sees every problem of the sheet at once
        workforce = _validate(frame, info, chosen, ProblemCollector())
    except HRDataError as exc:
        collector.merge(exc.report)
        raise HRDataError(collector.report()) from None
    if logib_checks.errors:
        raise HRDataError(logib_checks)
    notes = (("logib_datasheet", sheet.sheet), ("education_coding", "logib"))
    return replace(workforce, assumptions=(*workforce.assumptions, *notes),
                   warnings=(*logib_checks.warnings, *workforce.warnings))


def last_year_end(today: date | None = None) -> date:
    """The last 31 December before ``today``: the default reference date of an export without one."""
    today = today or date.today()
    return date(today.year - 1, 12, 31)


def _reference_date(typed: pl.DataFrame, options: ReadOptions, columns: Mapping[str, str],
                    collector: ProblemCollector) -> tuple[date, list[tuple[str, str]]]:
    """The reference date: the one given, else the file's own (its reference-date column), else the last
    31 December, never silently today. The notes say which and why."""
    if options.reference_date is not None:
        return options.reference_date, []
    if "reference_date" in typed.columns:
        dates = typed["reference_date"].drop_nulls().unique().sort()
        if dates.len():
            if dates.len() > 1:
                collector.add(Problem("warning", "several_reference_dates", column=columns["reference_date"],
                                      params=(("dates", ", ".join(d.isoformat() for d in dates.head(5))),
                                              ("used", dates[-1].isoformat()))))
            chosen = dates[-1]
            return chosen, [("reference_date", chosen.isoformat()), ("reference_date_source", "file")]
    chosen = last_year_end()
    return chosen, [("reference_date", chosen.isoformat()), ("reference_date_source", "last_year_end")]


def _minimum_wage(options: ReadOptions, reference: date, columns: Mapping[str, str]) -> MinimumWage | None:
    """The floor the pay check uses, or None when the check is off."""
    if options.minimum_hourly_pay is None:
        return None
    country = options.country or schema.country_of_headers(columns)
    if options.minimum_hourly_pay == STATUTORY:
        return statutory_minimum(country, reference)
    return MinimumWage(country, reference, float(options.minimum_hourly_pay), CURRENCY.get(country or ""),
                       source="option")


def _validate(raw: pl.DataFrame, info: SourceInfo, options: ReadOptions, collector: ProblemCollector) -> Workforce:
    mapping = options.mapping
    is_text_source = info.format != "parquet"

    # 1. Headers → canonical names.
    columns: dict[str, str] = {}
    for canonical, header in mapping.columns.items():
        if header not in raw.columns:
            collector.add(Problem("error", "mapped_column_missing", column=header,
                                  params=(("canonical", canonical),)))
        else:
            columns[canonical] = header
    taken = set(columns.values())
    for header in raw.columns:
        if header in taken:
            continue
        canonical = schema.canonical_name(header)
        if canonical is None:
            continue
        if canonical in columns:
            collector.add(Problem("warning", "duplicate_column", column=header,
                                  params=(("canonical", canonical), ("used", columns[canonical]))))
            continue
        columns[canonical] = header
    extra = tuple(h for h in raw.columns if h not in columns.values())

    if "gender" not in columns:
        collector.add(Problem("error", "no_gender_column",
                              params=(("expected", ", ".join(schema.COLUMNS_BY_NAME["gender"].aliases)),)))
    if not any(c in columns for c in (*schema.PAY_COLUMNS, *schema.STRUCTURE_COLUMNS)):
        collector.add(Problem("error", "no_usable_column", params=(("found", ", ".join(raw.columns[:12])),)))
    if collector.has_errors:
        raise HRDataError(collector.report())

    # 2. Row numbers as Excel shows them, then drop rows that are entirely empty (trailing export rows).
    offset = info.header_row + 1
    frame = raw.with_row_index("row", offset=offset).with_columns(pl.col("row").cast(pl.Int64))
    data_cols = [c for c in raw.columns]
    if is_text_source and data_cols:
        empty = pl.all_horizontal([pl.col(c).is_null() | (pl.col(c).cast(pl.String).str.len_bytes() == 0)
                                   for c in data_cols])
        frame = frame.filter(~empty)
    if frame.height == 0:
        collector.add(Problem("error", "no_rows"))
        raise HRDataError(collector.report())
    _text_cells(frame, raw.columns, collector, nul_free=info.nul_free)

    # 3. Parse every canonical column once; a cell that does not parse is one problem.
    decimal_hint = mapping.decimal or (("," if info.delimiter == ";" or (info.delimiter == "\t" and
                                        info.encoding == "windows-1252") else ".") if info.format == "csv" else ".")
    parsed: dict[str, pl.Expr] = {}
    # (canonical, mask over the parsed column "__p:<canonical>" and the raw one, code, params)
    checks: list[tuple[str, pl.Expr, str, tuple[tuple[str, str], ...]]] = []
    marks = _marks(frame, [h for c, h in columns.items() if frame.schema[h] == pl.String and
                           schema.COLUMNS_BY_NAME[c].kind in (Kind.NUMBER, Kind.INTEGER)])
    for canonical, header in columns.items():
        column = schema.COLUMNS_BY_NAME[canonical]
        dtype = frame.schema[header]
        source = pl.col(header)
        p = pl.col(f"__p:{canonical}")
        present = (source.is_not_null() & (source.str.strip_chars() != "")) if dtype == pl.String else \
            source.is_not_null()
        user_values = {k.strip().lower(): v for k, v in mapping.values.get(canonical, {}).items()}
        expr: pl.Expr
        if column.kind is Kind.TEXT:
            expr = source.cast(pl.String).str.strip_chars()
            expr = pl.when(expr == "").then(None).otherwise(expr)
        elif column.kind is Kind.GENDER:
            table = {**schema.GENDER_VALUES, **{k: schema.GENDER_VALUES.get(v.lower(), v) for k, v in
                                                 user_values.items()}}
            expr = _lookup(frame, header, table)
            checks.append((canonical, p.is_null(), "unknown_gender", ()))
        elif column.kind is Kind.YES_NO:
            table = {**dict.fromkeys(schema.YES_VALUES, "1"), **dict.fromkeys(schema.NO_VALUES, "0"), **user_values}
            expr = _lookup(frame, header, table)
            checks.append((canonical, p.is_null(), "not_yes_no", ()))
        elif column.kind is Kind.CONTRACT:
            expr = _lookup(frame, header, {**schema.CONTRACT_VALUES, **user_values, "": "-"})
            checks.append((canonical, p.is_null(), "unknown_contract", ()))
        elif column.kind is Kind.LEVEL:
            if dtype.is_numeric():
                whole = source.cast(pl.Float64).round(0).cast(pl.Int64, strict=False)  # 1e19: null, not_a_level
                expr = pl.when(source.is_null()).then(0).otherwise(whole)
            else:
                text = source.cast(pl.String).str.strip_chars().str.to_lowercase()
                none = text.is_null() | text.is_in(list(schema.LEADERSHIP_NONE))
                expr = pl.when(none).then(0).otherwise(text.str.extract(r"(\d+)", 1).cast(pl.Int64, strict=False))
            checks.append((canonical, p.is_null(), "not_a_level", ()))
        elif column.kind is Kind.DATE:
            formats = list(DATE_FORMATS) if dtype.is_numeric() or dtype.is_temporal() else _date_formats(
                frame.get_column(header))
            expr = _dates(header, dtype, formats)
            checks.append((canonical, present & p.is_null(), "not_a_date",
                           (("formats", "2019-11-05, 05.11.2019, 2019-11-05 00:00:00"),)))
        else:  # NUMBER, INTEGER
            if dtype.is_numeric():
                expr = source.cast(pl.Float64)
            else:
                plain = marks[header].plain
                if plain:  # searched as it is
                    found = marks[header]
                    decimal, mixed = _decimal_convention(frame, source, decimal_hint, found)
                else:  # searched once cleaned (a currency "kr." takes a point with it)
                    cleaned = frame.select(_number_text(header).alias("v"))
                    found = _marks(cleaned, ["v"])["v"]
                    decimal, mixed = _decimal_convention(cleaned, pl.col("v"), decimal_hint, found)
                decimal = mapping.decimal or decimal
                expr = _numbers(header, decimal, plain, found.comma, found.point)
                if mixed:
                    checks.extend((canonical, mask, "mixed_decimal_marks", (("kind", kind),))
                                  for kind, mask in _mixed_marks(header, plain))
            checks.append((canonical, present & p.is_null(), "not_a_number", ()))
            checks.append((canonical, p.is_not_null() & (p.is_nan() | p.is_infinite()), "not_finite", ()))
            if column.kind is Kind.INTEGER:
                checks.append((canonical, p.is_not_null() & (p != p.round(0)), "not_a_whole_number", ()))
        parsed[canonical] = expr.alias(f"__p:{canonical}")

    staged = frame.with_columns(parsed.values())
    _collect(staged, columns, checks, collector)
    finals = []
    for canonical in parsed:
        kind = schema.COLUMNS_BY_NAME[canonical].kind
        value = pl.col(f"__p:{canonical}")
        if kind is Kind.GENDER:
            value = value.fill_null(schema.NOT_STATED)
        elif kind is Kind.YES_NO:
            value = value == "1"
        elif kind is Kind.CONTRACT:
            value = pl.when(value == "-").then(None).otherwise(value)
        elif kind is Kind.LEVEL:
            value = value.fill_null(0)
        elif kind in (Kind.NUMBER, Kind.INTEGER):  # NaN and ±inf were reported (not_finite); no rule sees them
            value = pl.when(value.is_finite()).then(value).otherwise(None)
        finals.append(value.alias(canonical))
    typed = staged.select(["row", *finals])

    # 4. Rules on typed values, at the reference date.
    reference, reference_notes = _reference_date(typed, options, columns, collector)
    minimum = _minimum_wage(options, reference, columns) if "base_pay" in columns else None
    typed = _derive(typed, options, reference, collector, columns)
    _rules(typed, frame, columns, options, reference, collector, minimum)

    report = collector.report()
    if report.errors:
        raise HRDataError(report)
    full = typed.with_columns(frame.select(extra)) if extra else typed
    notes = [*reference_notes, *_assumptions(typed, columns, options)]
    if minimum is not None and minimum.hourly is None:
        notes.append(("minimum_wage", f"{minimum.country or '-'}:{minimum.reason}"))
    return Workforce(full, SourceInfo(**{**info.__dict__, "rows": typed.height}), columns, extra,
                     report.warnings, reference, tuple(notes))


def _text_cells(frame: pl.DataFrame, headers: list[str], collector: ProblemCollector, nul_free: bool = False) -> None:
    """Every text cell, whatever its column: no NUL character (neither database can store one in text, and
    it hides the rest of a value in most programs; not searched again where the loader found none in the
    file, ``nul_free``), none longer than Excel's limit for a cell."""
    for header in headers:
        if "\x00" in header:
            collector.add(Problem("error", "nul_character", column=_visible(header)))
    text = [h for h in headers if frame.schema[h] == pl.String]
    if not text:
        return
    codes = ("cell_too_long",) if nul_free else ("nul_character", "cell_too_long")
    masks = {"nul_character": lambda h: pl.col(h).str.contains("\x00", literal=True),
             "cell_too_long": lambda h: pl.col(h).str.len_chars() > limits.MAX_CELL_CHARS}
    checks = [(h, code, masks[code](h)) for h in text for code in codes]
    found = frame.select([mask.fill_null(False).any().alias(f"{i}") for i, (_h, _c, mask) in enumerate(checks)]).row(0)
    for (header, code, mask), hit in zip(checks, found, strict=True):
        if not hit:
            continue
        bad = frame.select(mask.fill_null(False)).to_series()
        rows = frame.filter(bad).head(2_000).select("row", pl.col(header).str.slice(0, 80).alias("value"))
        params = (("limit", f"{limits.MAX_CELL_CHARS}"),) if code == "cell_too_long" else ()
        collector.extend((Problem("error", code, r, _visible(header), _visible(v or ""), params)
                          for r, v in rows.iter_rows()), total=int(bad.sum()))


def _visible(text: str) -> str:
    """A text with its NUL characters shown as ␀ (so a message can quote it and a database store it)."""
    return text.replace("\x00", "\u2400")


def as_numbers(column: pl.Series, decimal_hint: str | None = None) -> pl.Series | None:
    """A text column as numbers when every value is one ("1.234,5", "12.5", "-3"), else None.

    Extra columns are kept as text (a cost centre "4711" is a code); a pay-gap model that uses one as a
    number asks for it here. "0815" has a leading zero and stays a code.
    """
    if column.dtype != pl.String:
        return column if column.dtype.is_numeric() else None
    values = column.str.strip_chars()
    shown = values.filter(values.is_not_null() & (values != ""))
    if not shown.len() or not bool(shown.str.contains(r"^-?[0-9][0-9.,\s']*$").all()):
        return None
    if bool(shown.str.contains(r"^-?0[0-9]").any()):
        return None
    decimal = detect_decimal(shown, decimal_hint)
    numbers = pl.DataFrame({"v": values}).select(_numbers("v", decimal, False)).to_series().alias(column.name)
    return numbers if numbers.is_not_null().sum() == shown.len() else None


def _problem_rows(frame: pl.DataFrame, bad: pl.Series, header: str, limit: int = 2_000) -> pl.DataFrame:
    """Row numbers and raw cell text of the first ``limit`` rows a mask marks: text only where needed."""
    return frame.filter(bad).head(limit).select("row", pl.col(header).cast(pl.String).alias("value"))


def _collect(staged: pl.DataFrame, columns: Mapping[str, str],
             checks: list[tuple[str, pl.Expr, str, tuple[tuple[str, str], ...]]],
             collector: ProblemCollector) -> None:
    if not checks:
        return
    masks = staged.select([mask.fill_null(False).alias(f"__bad{i}") for i, (_c, mask, _code, _p) in enumerate(checks)])
    for i, (canonical, _mask, code, params) in enumerate(checks):
        bad = masks[f"__bad{i}"]
        n = int(bad.sum() or 0)
        if not n:
            continue
        header = columns[canonical]
        rows = _problem_rows(staged, bad, header)
        collector.extend((Problem("error", code, r, header, v, params) for r, v in rows.iter_rows()), total=n)


def _derive(typed: pl.DataFrame, options: ReadOptions, reference: date, collector: ProblemCollector,
            columns: Mapping[str, str]) -> pl.DataFrame:
    exprs: list[pl.Expr] = []
    names = set(typed.columns)
    # age: from birth_date, birth_year or age itself (reference year − birth year).
    if "age" not in names:
        if "birth_date" in names:
            exprs.append((pl.lit(reference.year) - pl.col("birth_date").dt.year()
                          - ((pl.col("birth_date").dt.month() * 100 + pl.col("birth_date").dt.day())
                             > reference.month * 100 + reference.day).cast(pl.Int32))
                         .cast(pl.Int64, strict=False).alias("age"))
        elif "birth_year" in names:
            exprs.append((pl.lit(reference.year) - pl.col("birth_year")).cast(pl.Int64, strict=False).alias("age"))
    else:
        exprs.append(pl.col("age").cast(pl.Int64, strict=False))
    if "birth_year" not in names and "birth_date" in names:
        exprs.append(pl.col("birth_date").dt.year().cast(pl.Float64).alias("birth_year"))
    if "years_of_service" not in names and "hire_date" in names:
        exprs.append(((pl.lit(reference) - pl.col("hire_date")).dt.total_days() / 365.25).alias("years_of_service"))
    typed = typed.with_columns(exprs) if exprs else typed
    names = set(typed.columns)

    # Employment rate → weekly hours where only the rate is given; rate as % or as fraction.
    if "employment_rate" in names:
        max_rate = typed["employment_rate"].max()
        scale = 1.0 if (max_rate is not None and max_rate <= 1.5) else 100.0  # type: ignore[operator]
        typed = typed.with_columns((pl.col("employment_rate") / scale).alias("employment_rate"))
    full_time = _full_time_hours(typed, options)
    if "weekly_hours" not in names and "employment_rate" in names and full_time is not None:
        ft = pl.col("full_time_weekly_hours") if "full_time_weekly_hours" in names else pl.lit(full_time)
        typed = typed.with_columns((pl.col("employment_rate") * ft).alias("weekly_hours"))
        names.add("weekly_hours")

    derived: list[pl.Expr] = []
    if "leadership_level" in names:
        derived.append((pl.col("leadership_level") >= 1).alias("is_leader"))
    if "employment_rate" in names and "weekly_hours" not in columns:
        derived.append((pl.col("employment_rate") < 1.0).alias("is_part_time"))
        derived.append(pl.col("employment_rate").clip(0.0, 1.0).alias("fte"))
    elif "weekly_hours" in names and full_time is not None:
        ft = pl.col("full_time_weekly_hours") if "full_time_weekly_hours" in names else pl.lit(full_time)
        derived.append((pl.col("weekly_hours") < ft).alias("is_part_time"))
        derived.append(full_time_equivalent(pl.col("weekly_hours"), ft).alias("fte"))
    components = [c for c in schema.VARIABLE_COMPONENTS if c in names]
    if components:  # EU 2023/970 art. 9(1)(b): complementary or variable components = allowances + bonus
        derived.append(pl.sum_horizontal(pl.col(c).fill_null(0.0) for c in components).alias("variable_pay"))
    if "base_pay" in names:
        pay = pl.col("base_pay") + (pl.sum_horizontal(pl.col(c).fill_null(0.0) for c in components)
                                    if components else 0.0)
        if "annual_hours" in names:
            hours = pl.col("annual_hours")
        elif "weekly_hours" in names:
            hours = pl.col("weekly_hours") * WEEKS_PER_YEAR
        else:
            hours = None
        if hours is not None:
            derived.append(pl.when(hours > 0).then(hours).otherwise(None).alias("paid_hours"))
            derived.append(pl.when(hours > 0).then(pay / hours).otherwise(None).alias("hourly_pay"))
    return typed.with_columns(derived) if derived else typed


def full_time_equivalent(weekly_hours: pl.Expr, full_time_hours: pl.Expr) -> pl.Expr:
    """A person's full-time equivalent (Vollzeitäquivalent, heltidsekvivalent): contractual weekly hours over
    full-time weekly hours, at most 1 (a contract above full time is one full-time post), empty where the
    full-time hours are 0 or unknown. With only an employment rate, the FTE is that rate (at most 1)."""
    return pl.when(full_time_hours > 0).then((weekly_hours / full_time_hours).clip(0.0, 1.0)).otherwise(None)


def _full_time_hours(typed: pl.DataFrame, options: ReadOptions) -> float | None:
    """Full-time weekly hours where no column gives them: the option, else the most common weekly hours."""
    if options.full_time_weekly_hours is not None:
        return options.full_time_weekly_hours
    if "full_time_weekly_hours" in typed.columns:
        return float(typed["full_time_weekly_hours"].median() or 0) or None
    if "weekly_hours" in typed.columns and typed["weekly_hours"].drop_nulls().len():
        mode = typed["weekly_hours"].drop_nulls().mode().sort()
        return float(mode[-1])
    return None


def _assumptions(typed: pl.DataFrame, columns: Mapping[str, str], options: ReadOptions) -> list[tuple[str, str]]:
    notes: list[tuple[str, str]] = []
    if "full_time_weekly_hours" not in columns and "is_part_time" in typed.columns and "weekly_hours" in columns:
        hours = _full_time_hours(typed, options)
        notes.append(("full_time_weekly_hours", f"{hours:g}"))
    if "base_pay" in columns and not any(c in columns for c in schema.VARIABLE_COMPONENTS):
        notes.append(("variable_pay", "0"))
    return notes


def _rules(typed: pl.DataFrame, frame: pl.DataFrame, columns: Mapping[str, str], options: ReadOptions,
           reference: date, collector: ProblemCollector, minimum: MinimumWage | None = None) -> None:
    names = set(typed.columns)
    rules: list[tuple[str, pl.Expr, str, tuple[tuple[str, str], ...]]] = []
    errors: list[tuple[str, pl.Expr, str, tuple[tuple[str, str], ...]]] = []
    for pay in (*schema.PAY_COLUMNS, "period_ordinary_pay", "period_bonus_pay"):
        if pay in columns:
            errors.append((pay, pl.col(pay) < 0, "negative_pay", ()))
            errors.append((pay, pl.col(pay) >= MAX_PAY, "implausible_pay", ()))
    for hours in ("weekly_hours", "full_time_weekly_hours"):
        if hours in columns:
            errors.append((hours, pl.col(hours) > MAX_WEEKLY_HOURS, "hours_too_high",
                           (("max", f"{MAX_WEEKLY_HOURS:g}"),)))
            errors.append((hours, pl.col(hours) < 0, "negative_hours", ()))
    if "full_time_weekly_hours" in columns:
        errors.append(("full_time_weekly_hours", pl.col("full_time_weekly_hours") == 0, "zero_full_time", ()))
    if "employment_rate" in columns:
        errors.append(("employment_rate", (pl.col("employment_rate") > 1.0) | (pl.col("employment_rate") < 0),
                       "rate_out_of_range", ()))
    if "annual_hours" in columns:
        errors.append(("annual_hours", (pl.col("annual_hours") < 0) | (pl.col("annual_hours") > 80 * 53),
                       "annual_hours_out_of_range", ()))
    if "skill_level" in columns:
        valid_skill = pl.col("skill_level").is_in([float(level) for level in range(1, 9)])
        errors.append(("skill_level", pl.col("skill_level").is_not_null() & ~valid_skill,
                       "skill_level_out_of_range", ()))
    if "leadership_level" in columns:
        errors.append(("leadership_level", pl.col("leadership_level") < 0, "not_a_level", ()))
    if "birth_year" in columns:
        errors.append(("birth_year", pl.col("birth_year").is_not_null() & (
            (pl.col("birth_year") < 1900) | (pl.col("birth_year") > reference.year)), "birth_year_out_of_range",
            (("max", str(reference.year)),)))
    if "age" in names:
        age_col = "age" if "age" in columns else ("birth_year" if "birth_year" in columns else "birth_date")
        if age_col in columns:
            rules.append((age_col, pl.col("age").is_not_null() & ((pl.col("age") < 14) | (pl.col("age") > 75)),
                          "implausible_age", ()))
    if "employee_id" in columns:
        errors.append(("employee_id", pl.col("employee_id").is_null(), "missing_id", ()))
        errors.append(("employee_id", pl.col("employee_id").is_not_null() & ~pl.col("employee_id").is_first_distinct(),
                       "duplicate_id", ()))
    if "hire_date" in columns:
        rules.append(("hire_date", pl.col("hire_date") > pl.lit(reference), "hire_after_reference",
                      (("reference", reference.isoformat()),)))
    if "weekly_hours" in columns:
        rules.append(("weekly_hours", pl.col("weekly_hours") == 0, "zero_hours", ()))
    for days in ("pay_period_days", "bonus_period_days"):
        if days in columns:
            errors.append((days, (pl.col(days) <= 0) | (pl.col(days) > 366), "period_days_out_of_range", ()))
    if "hourly_pay" in names and minimum is not None and minimum.hourly:
        not_trainee = ~pl.col("trainee").fill_null(False) if "trainee" in names else pl.lit(True)
        rules.append(("base_pay", (pl.col("hourly_pay") < minimum.hourly) & not_trainee, "pay_below_minimum",
                      (("minimum", f"{minimum.hourly:.2f}"), ("currency", minimum.currency or ""),
                       ("in_force_on", reference.isoformat()))))

    for severity, items in (("error", errors), ("warning", rules)):
        if not items:
            continue
        masks = typed.select([m.fill_null(False).alias(f"__m{i}") for i, (_c, m, _code, _p) in enumerate(items)])
        for i, (canonical, _m, code, params) in enumerate(items):
            bad = masks[f"__m{i}"]
            n = int(bad.sum() or 0)
            if not n:
                continue
            header = columns.get(canonical, canonical)
            rows = _problem_rows(frame, bad, header)
            detail = typed.filter(bad).head(2_000)
            first_rows: dict[object, int] = {}
            if code == "duplicate_id":  # name the row of the first occurrence
                ids = detail["employee_id"].unique()
                firsts = typed.filter(pl.col("employee_id").is_in(ids.implode()) & pl.col("employee_id")
                                      .is_first_distinct()).select("employee_id", "row")
                first_rows = dict(firsts.iter_rows())
            problems = []
            for (row, value), record in zip(rows.iter_rows(), detail.iter_rows(named=True), strict=True):
                p = params
                if code == "duplicate_id":
                    p = (("first_row", str(first_rows[record["employee_id"]])),)
                elif code == "pay_below_minimum":
                    p = (*params, ("hourly", f"{record['hourly_pay']:.2f}"))
                problems.append(Problem(severity, code, row, header, value, p))  # type: ignore[arg-type]
            collector.extend(problems, total=n)


def try_read(path: str | Path, options: ReadOptions | None = None) -> tuple[Workforce | None, ProblemReport]:
    """Like :func:`read`, but returns the report instead of raising (for previews in the web upload)."""
    try:
        workforce = read(path, options)
    except HRDataError as exc:
        return None, exc.report
    return workforce, ProblemReport(workforce.warnings, tuple(
        (((p.severity, p.code, p.column)), 1) for p in workforce.warnings))

