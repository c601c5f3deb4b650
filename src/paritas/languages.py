"""The languages Paritas speaks and the one of the user's environment: a module of its own, without babel
or polars, so that the command line can name them before it loads anything else."""

from __future__ import annotations

import os

LANGUAGES = ("de", "sv", "en")


def default_language() -> str:
    """The language of the user's environment (PARITAS_LANG, LC_ALL, LC_MESSAGES, LANG), else German."""
    for var in ("PARITAS_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        code = value.split(".")[0].split("_")[0].lower()
        if code in LANGUAGES:
            return code
    return "de"
