"""Django reads compiled ``.mo`` catalogues; the repository carries only the ``.po`` sources. They are
compiled with Babel into the data directory on start, and again whenever a ``.po`` file is newer."""

from __future__ import annotations

from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

SOURCE = Path(__file__).resolve().parent.parent / "locale"


def report_language(request: object) -> str:
    """The language a page or report is shown in: ``?lang=``, else the interface's, else German."""
    from django.utils.translation import get_language

    from paritas.reports.i18n import LANGUAGES

    lang = getattr(request, "GET", {}).get("lang") or get_language() or "de"
    return lang if lang in LANGUAGES else "de"


def compiled_locale_dir(data_dir: Path) -> Path:
    target = data_dir / "locale"
    for po in SOURCE.glob("*/LC_MESSAGES/django.po"):
        mo = target / po.relative_to(SOURCE).with_suffix(".mo")
        if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
            continue
        mo.parent.mkdir(parents=True, exist_ok=True)
        with po.open("rb") as fh:
            catalog = read_po(fh, locale=po.parent.parent.name)
        tmp = mo.with_suffix(".tmp")
        with tmp.open("wb") as out:
            write_mo(out, catalog)
        tmp.replace(mo)
    return target
