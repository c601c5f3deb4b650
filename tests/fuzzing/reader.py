"""Coverage-guided fuzzing of the HR-export reader with atheris (libFuzzer): run by
tests/analytics/test_fuzz.py for a bounded time, or by hand for longer:

    python tests/fuzzing/reader.py -max_total_time=600 -rss_limit_mb=2048

The first byte picks the kind of file (CSV, XLSX built from the rest, or the raw bytes as a workbook);
the reader must return a workforce or its problems, and never raise anything else.
"""

from __future__ import annotations

import io
import sys
import tempfile
import zipfile
from datetime import date
from pathlib import Path

import atheris

with atheris.instrument_imports(include=["paritas"]):
    from paritas.analytics import io as hrio

WORK = Path(tempfile.mkdtemp(prefix="paritas-fuzz-"))
OPTIONS = hrio.ReadOptions(reference_date=date(2024, 12, 31))
SHEET = ('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
         'spreadsheetml/2006/main"><sheetData>{rows}</sheetData></worksheet>')


def _xlsx(payload: bytes) -> bytes:
    """A minimal workbook whose one sheet holds the payload's lines as inline-string cells."""
    from xml.sax.saxutils import escape

    lines = payload.decode("utf-8", errors="replace").splitlines()[:50]
    rows = "".join(
        f'<row r="{r}">' + "".join(f'<c r="{chr(65 + c)}{r}" t="inlineStr"><is><t>{escape(v)}</t></is></c>'
                                   for c, v in enumerate(line.split(";")[:20])) + "</row>"
        for r, line in enumerate(lines, start=1))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
                   'package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/>'
                   '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
                   'officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" '
                   'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
                   '</Types>')
        z.writestr("_rels/.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/'
                   'package/2006/relationships"><Relationship Id="r1" Type="http://schemas.openxmlformats.org/'
                   'officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
        z.writestr("xl/workbook.xml", '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/'
                   'spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
                   'relationships"><sheets><sheet name="Daten" sheetId="1" r:id="r1"/></sheets></workbook>')
        z.writestr("xl/_rels/workbook.xml.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.'
                   'openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="http://schemas.'
                   'openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
                   '</Relationships>')
        z.writestr("xl/worksheets/sheet1.xml", SHEET.format(rows=rows))
    return buffer.getvalue()


def one_input(data: bytes) -> None:
    if not data:
        return
    kind, payload = data[0] % 3, data[1:]
    if kind == 0:
        path, content = WORK / "export.csv", payload
    elif kind == 1:
        path, content = WORK / "export.xlsx", _xlsx(payload)
    else:
        path, content = WORK / "raw.xlsx", payload
    path.write_bytes(content)
    workforce, report = hrio.try_read(path, OPTIONS)
    assert workforce is not None or report.errors


def main() -> None:
    seeds = WORK / "seeds"
    seeds.mkdir(exist_ok=True)
    (seeds / "csv").write_bytes(b"\x00Personalnummer;Geschlecht;Grundentgelt;Wochenstunden\n"
                                b"1;w;40000;39\n2;m;41000;40\n")
    (seeds / "xlsx").write_bytes(b"\x01Personalnummer;Geschlecht;Grundentgelt\n1;w;40.000,50\n2;m;inf\n")
    argv = [*sys.argv, str(seeds)] if not any(not a.startswith("-") for a in sys.argv[1:]) else sys.argv
    atheris.Setup(argv, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
