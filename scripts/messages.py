"""Maintainer tool: extract translatable messages and merge them into the de/sv/en catalogues.

    python scripts/messages.py            # update src/paritas/locale/*/LC_MESSAGES/django.po
    python scripts/messages.py --check    # exit 1 if a message is missing or untranslated (used by tests)

Messages are marked with ``_()`` (module-level tables), ``t()``, ``t.n()`` (plural) and ``t.p()`` (context)
in the reports and the CLI, and with Django's gettext in the web templates and apps; paritas/i18n_extract.py
reads them from the syntax tree (not a tokenizer's guess), so a new Babel release cannot change the set.
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

from paritas.i18n_extract import BABEL_KEYWORDS

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "src" / "paritas"
LOCALE = SOURCE / "locale"
LANGUAGES = ("de", "sv", "en")
METHODS = [("**.py", "paritas.i18n_extract:extract_python"),
           ("**/templates/**.html", "paritas.i18n_extract:extract_django"),
           ("**/templates/**.txt", "paritas.i18n_extract:extract_django")]


def extract() -> Catalog:
    template = Catalog(project="paritas")
    for _filename, _lineno, message, _comments, context in extract_from_dir(
            str(SOURCE), method_map=METHODS, keywords=BABEL_KEYWORDS, strip_comment_tags=True):
        template.add(message, context=context)
    return template


def load(lang: str) -> Catalog:
    path = LOCALE / lang / "LC_MESSAGES" / "django.po"
    if path.exists():
        with path.open("rb") as fh:
            return read_po(fh, locale=lang)
    return Catalog(locale=lang, project="paritas")


def save(lang: str, catalog: Catalog) -> None:
    path = LOCALE / lang / "LC_MESSAGES" / "django.po"
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as fh:
        write_po(fh, catalog, width=120, omit_header=False, no_location=True, sort_output=True,
                 ignore_obsolete=True)


def missing(lang: str, template: Catalog) -> list[str]:
    catalog = load(lang)
    problems = []
    for message in template:
        if not message.id:
            continue
        found = catalog.get(message.id, context=message.context)
        if found is None:
            problems.append(f"{lang}: not in catalogue: {message.id!r}")
        elif lang != "en" and (not found.string or (isinstance(found.string, tuple) and not all(found.string))):
            problems.append(f"{lang}: untranslated: {message.id!r}")
        elif found.fuzzy and lang != "en":
            problems.append(f"{lang}: fuzzy: {message.id!r}")
    return problems


def main(argv: list[str]) -> int:
    template = extract()
    if "--check" in argv:
        problems = [p for lang in LANGUAGES for p in missing(lang, template)]
        print("\n".join(problems) or "catalogues complete")
        return 1 if problems else 0
    for lang in LANGUAGES:
        catalog = load(lang)
        catalog.update(template, no_fuzzy_matching=True)
        save(lang, catalog)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
