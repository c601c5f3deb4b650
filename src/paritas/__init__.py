"""Paritas: equal-opportunity work for employers, from the HR export to statistics, plans and awards.

The analyst's API::

    import paritas
    workforce = paritas.read("personal.csv")
    result = paritas.structure(workforce)
    result.women_share, result.to_dict()

The names are loaded on first use (PEP 562), so that importing a part of Paritas that does not compute —
the server's master process, ``paritas --help`` — does not load polars and start its thread pool.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_EXPORTS = {
    "ColumnMapping": "paritas.analytics.io",
    "ReadOptions": "paritas.analytics.io",
    "Workforce": "paritas.analytics.io",
    "read": "paritas.analytics.io",
    "SuppressionRule": "paritas.analytics.privacy",
    "HRDataError": "paritas.analytics.problems",
    "Structure": "paritas.analytics.structure",
    "structure": "paritas.analytics.structure",
}

__all__ = ["ColumnMapping", "HRDataError", "ReadOptions", "Structure", "SuppressionRule", "Workforce", "read",
           "structure"]

if TYPE_CHECKING:
    from paritas.analytics.io import ColumnMapping, ReadOptions, Workforce, read
    from paritas.analytics.privacy import SuppressionRule
    from paritas.analytics.problems import HRDataError
    from paritas.analytics.structure import Structure, structure


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'paritas' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_EXPORTS])
