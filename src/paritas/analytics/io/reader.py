"""The reader: headers to canonical names, every cell parsed once, every problem collected (row as Excel
shows it, column, value, what was expected), the rules on typed values, the derived columns."""

from __future__ import annotations

import dataclasses
import tempfile
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

import polars as pl

from paritas.analytics import limits, schema
from paritas.analytics.io.loading import _load, _short, _Unreadable
from paritas.analytics.io.model import STATUTORY, ColumnMapping, ReadOptions, SourceInfo, Workforce
from paritas.analytics.io.rules import Check, _assumptions, _derive, _flagged, _problem_rows, _rules
from paritas.analytics.io.values import (
    DATE_FORMATS,
    _date_formats,
    _dates,
    _decimal_conventions,
    _lookup,
    _Marks,
    _marks,
    _mixed_marks,
    _number_text,
    _numbers,
)
from paritas.analytics.minimum_wage import CURRENCY, MinimumWage, statutory_minimum
from paritas.analytics.problems import HRDataError, Problem, ProblemCollector, ProblemReport
from paritas.analytics.schema import Kind


def read(path: str | Path, options: ReadOptions | None = None, *, mapping: ColumnMapping | str | Path | None = None,
         reference_date: date | None = None, content: bytes | None = None) -> Workforce:
    """Read and validate an HR export. Raises :class:`HRDataError` with every problem when it has errors;
    warnings are returned on the workforce for the caller to show and the user to accept.

    ``content``, the file's bytes when they are in memory already (an upload), is read as they are; ``path``
    then only names the file (its suffix says the format, as for a file on disk). A workbook or another
    container (zip, OLE) goes through a temporary copy, since its parsers and limits read a file; a CSV or
    Parquet export is not written out and read back."""
    if content is not None and (content.startswith(b"PK") or content.startswith(limits.OLE_MAGIC)):
        with tempfile.TemporaryDirectory() as tmp:
            copy = Path(tmp) / (Path(path).name or "upload")
            copy.write_bytes(content)
            workforce = read(copy, options, mapping=mapping, reference_date=reference_date)
        return dataclasses.replace(workforce, source=dataclasses.replace(workforce.source, path=str(path)))
    options = options or ReadOptions()
    if mapping is not None:
        options = ReadOptions(**{**options.__dict__, "mapping": mapping if isinstance(mapping, ColumnMapping)
                                 else ColumnMapping.load(mapping)})
    if reference_date is not None:
        options = ReadOptions(**{**options.__dict__, "reference_date": reference_date})
    path = Path(path)
    collector = ProblemCollector()
    try:
        if content is None:  # text or Parquet in memory: no container to check (read's docstring)
            _precheck(path)
        workbook = path.suffix.lower() in (".xlsx", ".xlsm") and content is None
        if workbook and not options.mapping.columns and not options.mapping.sheet:
            from paritas.analytics import datasheet

            sheet = datasheet.find(path)
            if sheet is not None:
                return _read_datasheet(path, sheet, options, collector)
        raw, info = _load(path, options.mapping, content)
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
    checks: list[Check] = []
    number_texts = [h for c, h in columns.items() if frame.schema[h] == pl.String and
                    schema.COLUMNS_BY_NAME[c].kind in (Kind.NUMBER, Kind.INTEGER)]
    marks, found_marks, conventions = _number_conventions(frame, number_texts, decimal_hint)
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
                plain, found = marks[header].plain, found_marks[header]
                decimal, mixed = conventions[header]
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


def _number_conventions(frame: pl.DataFrame, headers: list[str], hint: str | None
                        ) -> tuple[dict[str, _Marks], dict[str, _Marks], dict[str, tuple[str, bool]]]:
    """For the text columns of numbers: their marks as they are; the marks that decide their convention
    (a column of plain numbers as it is, any other once cleaned — a currency "kr." takes a point with it);
    and their decimal mark and whether they mix conventions (values._decimal_conventions). All columns
    side by side: one pass for the marks, one for the cleaned marks, a round or two for the conventions."""
    marks = _marks(frame, headers)
    plain = [h for h in headers if marks[h].plain]
    unclean = [h for h in headers if not marks[h].plain]
    conventions = _decimal_conventions(frame, {h: (pl.col(h), marks[h]) for h in plain}, hint)
    found = {h: marks[h] for h in plain}
    if unclean:
        cleaned = frame.select([_number_text(h).alias(h) for h in unclean])
        found.update(_marks(cleaned, unclean))
        conventions.update(_decimal_conventions(cleaned, {h: (pl.col(h), found[h]) for h in unclean}, hint))
    return marks, found, conventions


def _collect(staged: pl.DataFrame, columns: Mapping[str, str], checks: list[Check],
             collector: ProblemCollector) -> None:
    for canonical, code, params, bad, n in _flagged(staged, checks):
        header = columns[canonical]
        rows = _problem_rows(staged, bad, header)
        collector.extend((Problem("error", code, r, header, v, params) for r, v in rows.iter_rows()), total=n)


def try_read(path: str | Path, options: ReadOptions | None = None, *, content: bytes | None = None
             ) -> tuple[Workforce | None, ProblemReport]:
    """Like :func:`read`, but returns the report instead of raising (for previews in the web upload)."""
    try:
        workforce = read(path, options, content=content)
    except HRDataError as exc:
        return None, exc.report
    return workforce, ProblemReport(workforce.warnings, tuple(
        (((p.severity, p.code, p.column)), 1) for p in workforce.warnings))
