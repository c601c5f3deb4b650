"""What an HR export may be before it is parsed: the limits that keep a hostile file from taking the reader
down (docs/hr-data.md, "Limits"; docs/security.md).

* **Workbooks** (XLSX, ODS) are ZIP archives: each member is inflated here, as a stream and with a running
  count, before any parser sees it. A workbook is refused when its members inflate to more than
  :data:`MAX_INFLATED_BYTES`, or to more than :data:`MAX_INFLATION_RATIO` times the file's size once past
  :data:`RATIO_FLOOR_BYTES` (a "zip bomb": 1.9 MB that inflate to 620 MB). The inflating also checks
  every member's CRC, so a member that lies about its size is refused as damaged.
* While the worksheets stream past, **formula cells without a stored result** are found: a program that
  wrote the formulas but never calculated them leaves them empty, and they would be read as empty cells.
* A **password-protected** workbook is an encrypted OLE container (OOXML) or an ODS whose manifest names
  encryption data: it is named as such, not as "not a spreadsheet".
* **Text files** (CSV): no line longer than :data:`MAX_LINE_BYTES`; the header line has at most
  :data:`MAX_COLUMNS` fields. After parsing, no cell is longer than :data:`MAX_CELL_CHARS` (Excel's own
  limit for a cell) and no table wider than :data:`MAX_COLUMNS` (checked in :mod:`paritas.analytics.io`).

Written by hand: the standard library inflates; no library checks an upload for these before parsing.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

MAX_INFLATED_BYTES = 1024 * 1024 * 1024
MAX_INFLATION_RATIO = 100
RATIO_FLOOR_BYTES = 64 * 1024 * 1024
MAX_MEMBERS = 10_000
MAX_LINE_BYTES = 1024 * 1024
MAX_CELL_CHARS = 32_767
MAX_COLUMNS = 1_000
#: Formula cells named in the problem; the rest are counted.
FORMULA_CELLS_LISTED = 10

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTION_INFO = "EncryptionInfo".encode("utf-16-le")
_CHUNK = 1024 * 1024
_WORKSHEET = re.compile(r"^xl/worksheets/[^/]+\.xml$")
# A cell with a formula and no value: <c r="B5" ...><f>…</f></c> or <c r="B5"><f t="shared" si="0"/></c>.
_FORMULA_WITHOUT_VALUE = re.compile(rb'<c\b[^>]*?\br="([A-Z]{1,3}[0-9]{1,7})"[^>]*>\s*<f\b(?:[^>]*/>|[^>]*>[^<]*</f>)'
                                    rb"\s*(?:<v\s*/>|<v>\s*</v>)?\s*</c>")


class LimitExceeded(Exception):
    """The file breaks a limit; ``code`` and ``params`` become the reader's problem."""

    def __init__(self, code: str, **params: str):
        self.code, self.params = code, params
        super().__init__(code)


@dataclass(frozen=True)
class WorkbookScan:
    """What streaming through a workbook found: its inflated size and the formula cells without results."""

    inflated_bytes: int
    formula_cells: tuple[str, ...]
    formula_count: int


def _mb(n: int) -> str:
    return f"{n / 1024 / 1024:.0f}"


def check_ole(head: bytes, path: Path) -> None:
    """Refuse an OLE container that is an encrypted (password-protected) OOXML workbook."""
    if not head.startswith(OLE_MAGIC):
        return
    with path.open("rb") as fh:
        data = fh.read(4 * _CHUNK)  # the directory of a small encrypted package sits near its start
    if _ENCRYPTION_INFO in data:
        raise LimitExceeded("password_protected")


def scan_workbook(path: Path) -> WorkbookScan:
    """Inflate every member of a workbook as a stream, within the limits; find formula cells without a
    stored result. Raises :class:`LimitExceeded`."""
    size = max(path.stat().st_size, 1)
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise LimitExceeded("not_a_spreadsheet", suffix=path.suffix.lower() or "?", detail=str(exc)[:200]) from exc
    with archive:
        members = archive.infolist()
        if len(members) > MAX_MEMBERS:
            raise LimitExceeded("workbook_too_many_parts", limit=str(MAX_MEMBERS))
        names = {m.filename for m in members}
        if "META-INF/manifest.xml" in names:
            with archive.open("META-INF/manifest.xml") as fh:
                if b"encryption-data" in fh.read(_CHUNK):
                    raise LimitExceeded("password_protected")
        if any(m.flag_bits & 0x1 for m in members):
            raise LimitExceeded("password_protected")
        total, cells, count = 0, [], 0
        for member in members:
            scan = bool(_WORKSHEET.match(member.filename))
            carry = b""
            try:
                with archive.open(member) as fh:
                    while chunk := fh.read(_CHUNK):
                        total += len(chunk)
                        _check_inflated(total, size)
                        if scan:
                            carry, found = _formula_cells(carry + chunk)
                            count += len(found)
                            cells.extend(found[: FORMULA_CELLS_LISTED - len(cells)])
            except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError) as exc:
                # RuntimeError: zipfile's "encrypted, password required" for a member
                if "encrypted" in str(exc) or "password" in str(exc):
                    raise LimitExceeded("password_protected") from exc
                raise LimitExceeded("not_a_spreadsheet", suffix=path.suffix.lower() or "?",
                                    detail=str(exc)[:200]) from exc
            if scan and carry:
                _, found = _formula_cells(carry, final=True)
                count += len(found)
                cells.extend(found[: FORMULA_CELLS_LISTED - len(cells)])
    return WorkbookScan(total, tuple(cells), count)


def _check_inflated(total: int, size: int) -> None:
    if total > MAX_INFLATED_BYTES:
        raise LimitExceeded("workbook_inflates", inflated=_mb(total), limit=_mb(MAX_INFLATED_BYTES))
    if total > RATIO_FLOOR_BYTES and total > MAX_INFLATION_RATIO * size:
        raise LimitExceeded("workbook_ratio", size=f"{size / 1024 / 1024:.1f}", inflated=_mb(total),
                            ratio=str(MAX_INFLATION_RATIO))


def _formula_cells(data: bytes, final: bool = False) -> tuple[bytes, list[str]]:
    """Formula cells without a value in ``data``; returns what is left after the last complete cell (to be
    joined with the next chunk) and the cells' references."""
    if final:
        cut = len(data)
    else:
        cut = data.rfind(b"</c>")
        cut = 0 if cut < 0 else cut + 4
        if cut == 0:  # no complete cell in this chunk: keep it, but never more than a line's worth
            return data[-MAX_LINE_BYTES:], []
    found = [m.group(1).decode("ascii") for m in _FORMULA_WITHOUT_VALUE.finditer(data, 0, cut)]
    return data[cut:], found


def check_text(data: bytes) -> None:
    """Refuse a text file with a line longer than :data:`MAX_LINE_BYTES`.

    A line longer than that covers at least one whole block of half that size (blocks aligned from the
    file's start), so only files with a block holding no line break are measured exactly; the others pass
    after one ``bytes.find`` per block (C speed, no copy, and no numpy for the common case)."""
    if len(data) <= MAX_LINE_BYTES:
        return  # no line can be longer than the file
    block = MAX_LINE_BYTES // 2
    if all(data.find(b"\n", start, start + block) >= 0 for start in range(0, len(data) - block + 1, block)):
        return
    longest = _longest_line(data)
    if longest > MAX_LINE_BYTES:
        raise LimitExceeded("line_too_long", length=str(longest), limit=str(MAX_LINE_BYTES))


def _longest_line(data: bytes) -> int:
    """The length of the longest line, from the positions of the line breaks (numpy: one pass in C, no
    copy of the lines)."""
    import numpy as np

    breaks = np.flatnonzero(np.frombuffer(data, dtype=np.uint8) == 10)
    edges = np.concatenate(([-1], breaks, [len(data)]))
    return int(np.max(np.diff(edges)) - 1)


def check_columns(count: int) -> None:
    if count > MAX_COLUMNS:
        raise LimitExceeded("too_many_columns", width=str(count), limit=str(MAX_COLUMNS))
