"""The reader's options and what it returns: the column mapping, the options, the source's description and
the validated :class:`Workforce` (docs/hr-data.md)."""

from __future__ import annotations

import json
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import polars as pl

from paritas.analytics import schema
from paritas.analytics.problems import MappingFileError, Problem

SUPPORTED_SUFFIXES = (".csv", ".txt", ".tsv", ".xlsx", ".xlsm", ".ods", ".parquet")
#: The plausibility floor of gross hourly pay by default: the statutory minimum wage of the file's country
#: in force on its reference date (:mod:`paritas.analytics.minimum_wage`). Below it a warning, not an
#: error; trainees are exempt (MiLoG § 22(3)) and are never checked.
STATUTORY = "statutory"


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
