"""Sub-commands of the layers above the analytics core and reports (the web platform), kept out of cli.py's
imports so that ``paritas analyze`` never loads Django."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the commands that exist in this installation."""
    from paritas.web.serve import register as register_serve

    register_serve(sub)
