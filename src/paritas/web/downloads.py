"""How the awards pages hand out files: attachments, PDFs and CSV tables, each as a download with an RFC 6266
file name (quotes and umlauts are safe)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.http import HttpResponse
from django.utils.http import content_disposition_header

from paritas.reports.cells import csv_text


def download(content: bytes | str, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response["X-Content-Type-Options"] = "nosniff"
    return response


def csv_download(header: Sequence[Any], rows: Iterable[Sequence[Any]], filename: str) -> HttpResponse:
    """UTF-8 with a byte-order mark, so that spreadsheet programs read the umlauts; every cell through
    paritas.reports.cells (no text a spreadsheet would run as a formula)."""
    return download("\ufeff" + csv_text(header, rows), "text/csv; charset=utf-8", filename)
