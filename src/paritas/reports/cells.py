"""The one place that decides how a value goes into a spreadsheet cell, for every XLSX and CSV the
platform or the CLI writes (docs/security.md, "Exports").

A text a spreadsheet program reads as a formula runs when the file is opened: ``=HYPERLINK(…)`` leaks
data, ``=cmd|…`` starts programs (CSV injection). The rules, as OWASP's *CSV Injection* page gives them:

* XLSX: every text is written as a text cell (never a formula or a link), whatever it begins with;
* CSV, which has no cell types: a text beginning with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
  return gets a leading apostrophe, which spreadsheet programs show as the start of a text and do not
  evaluate; the csv module quotes the cell, so separators and quotes inside it cannot end it early.

Numbers stay numbers (a negative gap is ``-0.05``, not text); a number that is not finite (NaN, ±inf)
becomes an empty cell, because neither format can hold it.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Iterable, Sequence
from typing import Any

#: First characters that make a spreadsheet program evaluate a CSV cell (OWASP, CSV Injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def is_formula_like(text: str) -> bool:
    """True if a spreadsheet program would read ``text`` in a CSV cell as a formula."""
    return text.startswith(FORMULA_STARTS)


def csv_cell(value: Any) -> Any:
    """A value as it may go into a CSV cell: formula-like texts neutralised, non-finite numbers empty."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return value if math.isfinite(value) else ""
    text = str(value)
    return "'" + text if is_formula_like(text) else text


def xlsx_number(value: Any) -> float | int | None:
    """A number for a numeric XLSX cell, or None where the cell must stay empty (NaN, ±inf)."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    return None


def csv_text(header: Sequence[Any], rows: Iterable[Sequence[Any]]) -> str:
    """A whole CSV table, every cell through :func:`csv_cell` (the csv module quotes what needs it)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([csv_cell(h) for h in header])
    for row in rows:
        writer.writerow([csv_cell(v) for v in row])
    return buffer.getvalue()
