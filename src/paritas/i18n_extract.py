"""Message extraction for ``scripts/messages.py``: which texts the catalogues must translate.

Python sources are read with :mod:`ast`, so only real calls count: ``_("…")``, ``t("…")``, ``t.n("…", "…", n)``,
``gettext_lazy("…")``, ``pgettext("context", "…")`` … with literal strings. A tokenizer-based extractor
guesses what a call looks like, and its guesses change between releases (Babel 2.19 read the subscript
``p["date"], "series"`` as a call of ``p``); the syntax tree does not guess. Django templates are turned into
gettext calls by Django's own ``templatize`` (as ``makemessages`` does) and those calls parsed the same way.

Each extractor has Babel's extraction-method signature and yields (line, function, messages, comments),
with the function normalised to one of :data:`BABEL_KEYWORDS`.
"""

from __future__ import annotations

import ast
import io
import tokenize
from collections.abc import Iterator
from typing import Any

#: gettext-like function names → the kind of call.
FUNCTIONS = {"_": "gettext", "t": "gettext", "gettext": "gettext", "gettext_lazy": "gettext",
             "gettext_noop": "gettext", "N_": "gettext", "ngettext": "ngettext", "ngettext_lazy": "ngettext",
             "pgettext": "pgettext", "pgettext_lazy": "pgettext", "npgettext": "npgettext",
             "npgettext_lazy": "npgettext",
             "_n": "ngettext"}  # the reports' marker of a plural pair in a table, translated where it is used
#: Methods of the reports' Translator, called on an object named ``t``: ``t.n`` (plural), ``t.p`` (context).
TRANSLATOR_METHODS = {"n": "ngettext", "p": "pgettext"}
#: How many leading string arguments each kind takes.
ARITY = {"gettext": 1, "ngettext": 2, "pgettext": 2, "npgettext": 3}
#: The keyword specification Babel applies to what these extractors yield.
BABEL_KEYWORDS = {"gettext": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2), "npgettext": ((1, "c"), 2, 3)}

Message = tuple[int, str, tuple[str, ...], list[str]]


def _kind(func: ast.expr) -> str | None:
    if isinstance(func, ast.Name):
        return FUNCTIONS.get(func.id)
    if isinstance(func, ast.Attribute):
        if isinstance(func.value, ast.Name) and func.value.id == "t" and func.attr in TRANSLATOR_METHODS:
            return TRANSLATOR_METHODS[func.attr]
        if func.attr not in ("_", "t"):
            return FUNCTIONS.get(func.attr)  # translation.gettext(…), django.utils.translation.pgettext(…)
    return None


def calls(tree: ast.AST, line_offset: int = 0) -> Iterator[Message]:
    """Every gettext-like call in ``tree`` whose message arguments are literal strings."""
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        kind = _kind(node.func)
        if kind is None:
            continue
        args = node.args[:ARITY[kind]]
        if len(args) == ARITY[kind] and all(isinstance(a, ast.Constant) and isinstance(a.value, str) for a in args):
            yield node.lineno + line_offset, kind, tuple(a.value for a in args), []  # type: ignore[attr-defined]


def extract_python(fileobj: Any, keywords: Any, comment_tags: Any, options: Any) -> Iterator[Message]:
    """Babel extraction method for Python source files."""
    source = fileobj.read().decode(options.get("encoding", "utf-8") if options else "utf-8")
    yield from sorted(calls(ast.parse(source)))


def extract_django(fileobj: Any, keywords: Any, comment_tags: Any, options: Any) -> Iterator[Message]:
    """Babel extraction method for Django templates (``{% translate %}``, ``{% blocktranslate %}``)."""
    import django
    from django.conf import settings

    if not settings.configured:
        settings.configure(USE_I18N=True)
        django.setup()
    from django.utils.translation.template import templatize

    source = fileobj.read().decode("utf-8")
    # templatize writes every message as one call on one line among filler words; its lines keep the
    # template's indentation, which Python's tokenizer would reject, so each line is stripped.
    lines = [line.lstrip() for line in templatize(source).splitlines()]
    tokens = list(tokenize.generate_tokens(io.StringIO("\n".join(lines) + "\n").readline))
    for i, token in enumerate(tokens[:-1]):
        if token.type == tokenize.NAME and token.string in FUNCTIONS and tokens[i + 1].string == "(":
            end = next(t for t in tokens[i + 1:] if t.type == tokenize.OP and t.string == ")"
                       and t.start[0] == token.start[0] and _balanced(tokens, i + 1, t))
            expression = lines[token.start[0] - 1][token.start[1]:end.end[1]]
            yield from calls(ast.parse(expression, mode="eval"), line_offset=token.start[0] - 1)


def _balanced(tokens: list[tokenize.TokenInfo], opening: int, closing: tokenize.TokenInfo) -> bool:
    depth = 0
    for t in tokens[opening:]:
        if t.type == tokenize.OP and t.string in "([{":
            depth += 1
        elif t.type == tokenize.OP and t.string in ")]}":
            depth -= 1
        if t is closing:
            return depth == 0
    return False
