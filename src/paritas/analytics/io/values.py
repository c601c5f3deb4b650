"""Value normalisation: numbers with either decimal mark, dates in the formats HR systems write, codes
through tables. Each parser returns a polars expression over the raw column; problems are found by
comparing the parsed column with the raw one afterwards, so every cell is parsed once."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

import polars as pl

DATE_FORMATS = ("%Y-%m-%d", "%d.%m.%Y", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S", "%d.%m.%y", "%d/%m/%Y",
                "%Y-%m-%d %H:%M:%S%.f")


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
    return _decimal_conventions(frame, {"v": (pl.col("v"), _marks(frame, ["v"])["v"])}, hint)["v"][0]


@dataclass(frozen=True)
class _Marks:
    """What one search of a text column of numbers found: whether every value is plain (only digits, marks
    and a leading minus), whether any has a comma, whether any has a point."""

    plain: bool
    comma: bool
    point: bool


#: The rows a search looks at first: what a column's head already shows needs no pass over the whole.
_HEAD_ROWS = 10_000


def _marks(frame: pl.DataFrame, headers: list[str]) -> dict[str, _Marks]:
    """The :class:`_Marks` of text columns, all found in one pass over the frame. A comma or a point is
    looked for in the first :data:`_HEAD_ROWS` first; only a mark the head does not show is looked for in
    the whole column (the same answer: a mark in the head is a mark in the column)."""
    if not headers:
        return {}
    head = frame.head(_HEAD_ROWS).select(
        [pl.col(h).str.contains(mark, literal=True).any().alias(f"{mark}{i}")
         for i, h in enumerate(headers) for mark in ",."]).row(0, named=True)
    exprs = []
    for i, header in enumerate(headers):
        text = pl.col(header)
        exprs.append(text.str.contains(_PLAIN_NUMBER).not_().any().alias(f"d{i}"))
        exprs += [text.str.contains(mark, literal=True).any().alias(f"{mark}{i}")
                  for mark in ",." if not head[f"{mark}{i}"]]
    found = {**{k: bool(v) for k, v in head.items()}, **frame.select(exprs).row(0, named=True)}
    return {header: _Marks(not found[f"d{i}"], bool(found[f",{i}"]), bool(found[f".{i}"]))
            for i, header in enumerate(headers)}


def _rules(marks: _Marks) -> list[tuple[str, str]]:
    """:func:`detect_decimal`'s rules, as (pattern, decimal mark) in the order they are asked, each only
    where the marks it needs occur in the column (``marks``): a column of whole numbers has none."""
    comma, point = marks.comma, marks.point
    rules = ((comma and point, r"\.\d*,\d*$", ","), (comma and point, r",\d*\.\d*$", "."),
             (comma, r",(\d{1,2}|\d{4,})$|^-?,\d", ","), (point, r"\.(\d{1,2}|\d{4,})$|^-?\.\d", "."),
             (comma and not point, r",\d{3},", "."), (point and not comma, r"\.\d{3}\.", ","))
    return [(pattern, mark) for possible, pattern, mark in rules if possible]


def _decimal_conventions(frame: pl.DataFrame, columns: Mapping[str, tuple[pl.Expr, _Marks]], hint: str | None
                         ) -> dict[str, tuple[str, bool]]:
    """For each column (name → its number texts over ``frame`` and their :class:`_Marks`): the decimal
    separator by :func:`detect_decimal`'s rules, and whether the column mixes the conventions — values
    written "1.234,56" and values written "1,234.56".

    The first rule that finds a value decides. The rules are asked in rounds, one select per round holding
    the next rule of every column not yet decided (each a search of the whole column): a file's number
    columns are decided in one or two passes, side by side, not in a pass per rule and column."""
    pending = {name: iter(_rules(marks)) for name, (_text, marks) in columns.items()}
    decided: dict[str, str] = {}
    # The first rule of a column decides wherever it finds a value, so where it finds one in the head the
    # whole column need not be searched for it (later rules cannot be asked this way: an earlier rule may
    # find a value further down).
    first = {name: rules[0] for name, (_text, marks) in columns.items() if (rules := _rules(marks))}
    if first:
        head = frame.head(_HEAD_ROWS).select([columns[name][0].str.contains(pattern).any().alias(name)
                                              for name, (pattern, _mark) in first.items()]).row(0, named=True)
        for name, (_pattern, mark) in first.items():
            if head[name]:
                decided[name] = mark
                del pending[name]
    while pending:
        asked = {}
        for name, rules in list(pending.items()):
            rule = next(rules, None)
            if rule is None:
                decided[name] = hint or "."
                del pending[name]
            else:
                asked[name] = rule
        if not asked:
            break
        found = frame.select([columns[name][0].str.contains(pattern).any().alias(name)
                              for name, (pattern, _mark) in asked.items()]).row(0, named=True)
        for name, (_pattern, mark) in asked.items():
            if found[name]:
                decided[name] = mark
                del pending[name]
    # Both conventions in one column need both marks: the two searches of every such column in one select.
    both = [name for name, (_text, marks) in columns.items() if marks.comma and marks.point]
    searches = [columns[name][0].str.contains(pattern).any().alias(f"{i}:{name}")
                for name in both for i, pattern in enumerate((_COMMA_DECIMAL, _POINT_DECIMAL))]
    found = frame.select(searches).row(0, named=True) if searches else {}
    return {name: (decided[name], name in both and bool(found[f"0:{name}"]) and bool(found[f"1:{name}"]))
            for name in columns}


#: Numbers written with both marks show their convention: the last mark is the decimal one.
_COMMA_DECIMAL = r"^-?\d{1,3}(\.\d{3})+,\d*$"   # 1.234,56
_POINT_DECIMAL = r"^-?\d{1,3}(,\d{3})+\.\d*$"   # 1,234.56


def _mixed_marks(col: str, plain: bool) -> list[tuple[str, pl.Expr]]:
    """Masks of the rows written "1.234,56" and of those written "1,234.56", for a column that has both
    (:func:`_decimal_conventions` tells): one of the two is read a thousand times wrong, and which is meant
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
