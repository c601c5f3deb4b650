"""Loading raw tables: the file's format, encoding, delimiter and header line found, its cells read as text
(CSV by polars, spreadsheets by calamine via fastexcel, Parquet typed), within the limits of
:mod:`paritas.analytics.limits`."""

from __future__ import annotations

import csv
import functools
import io
import zipfile
from pathlib import Path
from typing import Any

import polars as pl

from paritas.analytics import limits, schema
from paritas.analytics.io.model import ColumnMapping, SourceInfo

HEADER_SCAN_LINES = 30


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


#: How much of a file's text the sniffing and the header's checks read (:func:`_sniff_csv`, the header's
#: width): the whole file is not decoded to text for them.
HEAD_CHARS = max(200_000, 2 * limits.MAX_LINE_BYTES)

#: From this size on a Windows-1252 file is transcoded by numpy (:func:`cp1252_as_utf8`); 10,000 rows are
#: some 1.5 MB, 1,000,000 rows 150 MB.
NUMPY_TRANSCODING_BYTES = 8 * 1024 * 1024

def _decode(data: bytes, prefix: bytes = b"") -> tuple[str, bytes, str]:
    """The file's first :data:`HEAD_CHARS` characters, ``prefix`` and its text as UTF-8 bytes, and the
    encoding's name: UTF-8 (with or without BOM; the bytes as they are), UTF-16 (Excel "Unicode text"),
    else Windows-1252, German and Swedish Excel's default for CSV."""
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            head = data[3:].decode("utf-8", errors="strict")[:HEAD_CHARS]
        except UnicodeDecodeError:  # a byte-order mark in front of another encoding: judge the rest
            return _decode(data[3:], prefix)
        return head, prefix + memoryview(data)[3:], "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            return _windows_1252(data, prefix)
        return text[:HEAD_CHARS], prefix + text.encode("utf-8"), "utf-16"
    if not _may_be_utf8(data[:65536]):  # most Windows-1252 exports show it in their header line
        return _windows_1252(data, prefix)
    try:
        head = data.decode("utf-8")[:HEAD_CHARS]
    except UnicodeDecodeError:
        return _windows_1252(data, prefix)
    return head, prefix + memoryview(data), "utf-8"


def _windows_1252(data: bytes, prefix: bytes) -> tuple[str, bytes, str]:
    """:func:`_decode` of a Windows-1252 file: the head decoded (one byte, one character), the whole
    transcoded to UTF-8 by :func:`cp1252_as_utf8`."""
    return data[:HEAD_CHARS].decode("cp1252", errors="replace"), cp1252_as_utf8(data, prefix), "windows-1252"


def cp1252_as_utf8(data: bytes, prefix: bytes = b"") -> bytes:
    """``prefix`` and ``data`` read as Windows-1252, written as UTF-8: what ``prefix +
    data.decode("cp1252", "replace").encode()`` gives, byte for byte. Written here because Python's
    codecs go through a str — two passes, and the text's memory besides both byte strings — where numpy
    finds an export's few non-ASCII bytes (umlauts in its headers and titles) in one pass, moves the
    ASCII between them as it is, and writes each of them as the one to three bytes of its UTF-8 form. A
    text of many non-ASCII bytes goes through the codecs, which are faster for it, and so does a small
    file (below :data:`NUMPY_TRANSCODING_BYTES`), for which numpy's import would take longer."""
    if len(data) < NUMPY_TRANSCODING_BYTES:
        return prefix + data.decode("cp1252", errors="replace").encode("utf-8")
    import numpy as np

    source = np.frombuffer(data, np.uint8)
    high = np.flatnonzero(source >= 0x80)
    if high.size * 16 > source.size:
        return prefix + data.decode("cp1252", errors="replace").encode("utf-8")
    lengths, last, leading = _cp1252_tables()
    values = source[high]
    extra = lengths[values] - 1  # the bytes each non-ASCII byte's UTF-8 form has before its last
    before = np.cumsum(extra) - extra  # … and the extra bytes written before it
    out = np.empty(len(prefix) + source.size + int(extra.sum()), np.uint8)
    out[:len(prefix)] = np.frombuffer(prefix, np.uint8)
    body = out[len(prefix):]
    owner = np.repeat(np.arange(high.size), extra)  # each leading byte's non-ASCII byte
    offset = np.arange(owner.size) - np.repeat(before, extra)  # its place in that byte's form
    leads = high[owner] + before[owner] + offset
    kept = np.ones(body.size, dtype=bool)
    kept[leads] = False
    body[kept] = source  # every byte of the file in order, each non-ASCII one where its form ends …
    body[high + before + extra] = last[values]  # … and replaced by its form's last byte
    body[leads] = leading[values[owner], offset]
    return out.tobytes()


@functools.cache
def _cp1252_tables() -> tuple[Any, Any, Any]:
    """Each byte's UTF-8 form as Windows-1252 reads it (its five undefined bytes as U+FFFD, as
    ``decode("cp1252", errors="replace")`` gives them; one to three bytes), as numpy tables: the form's
    length, its last byte, its leading bytes."""
    import numpy as np

    forms = [bytes([b]).decode("cp1252", errors="replace").encode("utf-8") for b in range(256)]
    return (np.array([len(f) for f in forms]), np.array([f[-1] for f in forms], dtype=np.uint8),
            np.array([[*f[:-1], 0, 0][:2] for f in forms], dtype=np.uint8))


def _may_be_utf8(head: bytes) -> bool:
    """Whether ``head``, a file's first bytes, can begin a UTF-8 text: a failed decoding of the whole file
    costs as much as a successful one (the decoder prepares its output first), so a file whose head is not
    UTF-8 is not tried whole. A failure in the last three bytes may be a character cut by the head's end:
    then the whole file is tried, and decides."""
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.start >= len(head) - 3
    return True


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
    head, body, encoding = _decode(data, prefix=b"\n")
    delimiter, header_line = _sniff_csv(head, mapping)
    header_text = next(iter(head[:limits.MAX_LINE_BYTES * 2].splitlines()[header_line:header_line + 1]), "")
    limits.check_columns(len(_split(header_text, delimiter)))
    # The body begins with a newline, skipped with the lines above the header: polars decompresses input
    # that starts with gzip, zlib or zstd magic bytes, which would bypass the size limits checked above
    # (and fail with an OSError on a text that merely starts with those bytes). A UTF-8 file's bytes are
    # joined to it from a view, a Windows-1252 file's as they are transcoded: no copy of the file first.
    nul_free = b"\x00" not in body  # one search of the bytes (milliseconds), not one of every text column
    try:
        frame = pl.read_csv(io.BytesIO(body), separator=delimiter, infer_schema=False,
                            skip_lines=header_line + 1, raise_if_empty=False)
    except pl.exceptions.PolarsError as exc:
        raise _Unreadable("csv_parse", detail=_short(exc)) from exc
    limits.check_columns(frame.width)
    frame.columns = _unique([c.strip() or f"column {i + 1}" for i, c in enumerate(frame.columns)])
    info = SourceInfo(str(path), "csv", encoding, delimiter, header_line + 1, frame.height, nul_free=nul_free)
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
    names = _unique([_literal(header[i], i + 1) for i in keep])  # the sheet's positions, not those kept
    body = raw.slice(header_index + 1).select([raw.columns[i] for i in keep])
    body.columns = names
    info = SourceInfo(str(path), fmt, None, None, header_index + 1, body.height)
    return body, info


def _literal(name: str, position: int) -> str:
    """A header polars would read as a pattern — ``*`` selects every column, ``^…$`` is a regular
    expression — with its column's position added, so that ``pl.col`` names just that column."""
    if name == "*" or (name.startswith("^") and name.endswith("$")):
        return f"{name} (column {position})"
    return name


def _unique(names: list[str]) -> list[str]:
    """The headers made distinct (a repeat gets its count) and literal (:func:`_literal`)."""
    names = [_literal(name, i + 1) for i, name in enumerate(names)]
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


def _load(path: Path, mapping: ColumnMapping, content: bytes | None = None) -> tuple[pl.DataFrame, SourceInfo]:
    """The file's raw table (every cell text, or Parquet's typed columns) and what was learnt reading it;
    ``content``, when given, are the bytes of a text or Parquet file named ``path`` (reader.read)."""
    try:
        data = path.read_bytes() if content is None else content
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
        frame.columns = _unique(frame.columns)
        return frame, SourceInfo(str(path), "parquet", None, None, 1, frame.height)
    return _read_spreadsheet(path, fmt, mapping)
