"""XLSX reports: one sheet per table, headers in the user's language, shares as Excel percentages,
ready to paste into an equality plan. The one XLSX path: every report builds a list of :class:`Sheet`."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from paritas.reports.cells import xlsx_number

Cell = str | int | float | None


@dataclass
class Sheet:
    name: str
    header: Sequence[str]
    rows: Sequence[Sequence[Cell]]
    title: str = ""
    percent_columns: frozenset[int] = field(default_factory=frozenset)
    notes: Sequence[str] = ()
    #: label and value rows between the title and the table (a funder's form: project, number, month)
    preamble: Sequence[tuple[str, Cell]] = ()


def _sheet_name(name: str, used: set[str]) -> str:
    base = "".join(ch for ch in name if ch not in "[]:*?/\\")[:31] or "Sheet"
    candidate, i = base, 2
    while candidate.lower() in used:
        suffix = f" ({i})"
        candidate, i = base[: 31 - len(suffix)] + suffix, i + 1
    used.add(candidate.lower())
    return candidate


#: Texts are never formulas or links (see paritas.reports.cells); numbers are written as numbers only.
_OPTIONS = {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}


def _write(ws, row: int, col: int, value: Cell, cell_format=None) -> None:  # type: ignore[no-untyped-def]
    """One cell: a number as a number (empty if not finite), anything else as a text cell."""
    number = xlsx_number(value)
    if value is None or (number is None and isinstance(value, float)):
        ws.write_blank(row, col, None, cell_format)
    elif number is not None:
        ws.write_number(row, col, number, cell_format)
    else:
        ws.write_string(row, col, str(value), cell_format)


def write_workbook(path: str | Path | BinaryIO, sheets: Sequence[Sheet]) -> str | Path | BinaryIO:
    """Write the sheets to a file (or a binary stream, for the web platform)."""
    import xlsxwriter  # here: a command that writes text or JSON never loads it

    if isinstance(path, str | Path):
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        workbook = xlsxwriter.Workbook(str(path), _OPTIONS)
    else:
        workbook = xlsxwriter.Workbook(path, {**_OPTIONS, "in_memory": True})
    bold = workbook.add_format({"bold": True})
    title_format = workbook.add_format({"bold": True, "font_size": 13})
    header_format = workbook.add_format({"bold": True, "bg_color": "#1F3A5F", "font_color": "#FFFFFF",
                                         "text_wrap": True, "valign": "top"})
    percent = workbook.add_format({"num_format": "0.0%"})
    used: set[str] = set()
    for sheet in sheets:
        ws = workbook.add_worksheet(_sheet_name(sheet.name, used))
        row = 0
        if sheet.title:
            _write(ws, row, 0, sheet.title, title_format)
            row += 2
        for label, value in sheet.preamble:
            _write(ws, row, 0, label, bold)
            _write(ws, row, 1, value)
            row += 1
        if sheet.preamble:
            row += 1
        for col, header in enumerate(sheet.header):
            _write(ws, row, col, header, header_format)
            ws.set_column(col, col, max(12, min(45, len(str(header)) + 2)))
        header_row = row
        for values in sheet.rows:
            row += 1
            for col, value in enumerate(values):
                _write(ws, row, col, value, percent if col in sheet.percent_columns else None)
        if sheet.header and sheet.rows:
            ws.autofilter(header_row, 0, row, len(sheet.header) - 1)
            ws.freeze_panes(header_row + 1, 0)
        row += 2
        for note in sheet.notes:
            _write(ws, row, 0, note, bold if note is sheet.notes[0] else None)
            row += 1
    workbook.close()
    return path
