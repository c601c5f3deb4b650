"""Babel extractor for Django templates, so that ``scripts/messages.py`` collects ``{% translate %}`` and
``{% blocktranslate %}`` the way ``makemessages`` does: Django's own ``templatize`` turns a template into
Python source with gettext calls, which Babel's Python extractor reads."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any


def extract_django(fileobj: Any, keywords: Any, comment_tags: Any, options: Any) -> Iterator[Any]:
    import django
    from django.conf import settings

    if not settings.configured:
        settings.configure(USE_I18N=True)
        django.setup()
    from babel.messages.extract import extract_python
    from django.utils.translation.template import templatize

    source = fileobj.read().decode("utf-8")
    # templatize keeps the template's indentation, which Python's tokenizer then rejects; the gettext
    # calls it writes are one-line reprs, so stripping each line's indentation changes no message.
    python = "\n".join(line.lstrip() for line in templatize(source).splitlines())
    yield from extract_python(io.BytesIO(python.encode("utf-8")), keywords, comment_tags, options)
