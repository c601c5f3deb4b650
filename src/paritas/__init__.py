"""Paritas: equal-opportunity work for employers, from the HR export to statistics, plans and awards.

The analyst's API::

    import paritas
    workforce = paritas.read("personal.csv")
    result = paritas.structure(workforce)
    result.women_share, result.to_dict()
"""

from __future__ import annotations

__version__ = "0.1.0"

from paritas.analytics.io import ColumnMapping, ReadOptions, Workforce, read
from paritas.analytics.privacy import SuppressionRule
from paritas.analytics.problems import HRDataError
from paritas.analytics.structure import Structure, structure

__all__ = ["ColumnMapping", "HRDataError", "ReadOptions", "Structure", "SuppressionRule", "Workforce", "read",
           "structure"]
