"""The one PDF path: a template rendered in a language and printed by WeasyPrint as tagged PDF (PDF/UA-1),
and the file names reports go out under."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.text import slugify


def render_pdf(template: str, context: dict[str, Any], lang: str) -> bytes:
    """``template`` with ``context`` in ``lang`` as a tagged PDF; images and fonts only from this machine."""
    from weasyprint import HTML

    with translation.override(lang):
        html = render_to_string(template, {**context, "lang": lang})
    return HTML(string=html, url_fetcher=_no_fetch).write_pdf(pdf_variant="pdf/ua-1")


def page_css(t: Any, footer: str) -> dict[str, str]:
    """The running footer of a report's pages as CSS strings: ``footer`` on the left, "Page n of m" in the
    reader's language on the right (quotes and backslashes cannot end the CSS string)."""
    page_text = t("Page {page} of {pages}")
    return {"page_css": '"' + page_text.replace('"', "'").replace("{page}", '" counter(page) "')
            .replace("{pages}", '" counter(pages) "') + '"',
            "footer_css": '"' + footer.replace('"', "'").replace("\\", "") + '"'}


def _no_fetch(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
    """Reports embed everything they show; a URL in one is refused rather than fetched."""
    raise ValueError(f"a report must not load {url!r}")


def filename(organisation_name: str, kind: str, on: date, lang: str, extension: str = "pdf") -> str:
    """'stadt-herne-strukturbericht-2024-12-31-de.pdf': names the organisation, the report and the date."""
    return f"{slugify(organisation_name)}-{slugify(kind)}-{on.isoformat()}-{lang}.{extension}"
