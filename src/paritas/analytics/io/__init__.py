"""Read an HR export (CSV, XLSX, ODS, Parquet) into a validated, canonical :class:`Workforce`.

Implements the contract in ``docs/hr-data.md``: every problem is collected before anything is
returned (row as Excel shows it, column, value, what was expected); errors stop the import, warnings
travel with the result for the user to accept. Parsing is done by polars (CSV) and calamine via
fastexcel (spreadsheets); this package only decides conventions and normalises values:
:mod:`.model` (options and results), :mod:`.loading` (raw tables), :mod:`.values` (value normalisation),
:mod:`.reader` (validation) and :mod:`.rules` (the rules on typed values, the derived columns).
"""

from paritas.analytics.io.model import STATUTORY, SUPPORTED_SUFFIXES, ColumnMapping, ReadOptions, SourceInfo, Workforce
from paritas.analytics.io.reader import last_year_end, read, try_read
from paritas.analytics.io.rules import MAX_PAY, MAX_WEEKLY_HOURS, WEEKS_PER_YEAR, full_time_equivalent
from paritas.analytics.io.values import DATE_FORMATS, as_numbers, detect_decimal
from paritas.analytics.problems import HRDataError, MappingFileError, Problem, ProblemReport

__all__ = [
    "DATE_FORMATS", "MAX_PAY", "MAX_WEEKLY_HOURS", "STATUTORY", "SUPPORTED_SUFFIXES", "WEEKS_PER_YEAR",
    "ColumnMapping", "HRDataError", "MappingFileError", "Problem", "ProblemReport", "ReadOptions", "SourceInfo",
    "Workforce", "as_numbers", "detect_decimal", "full_time_equivalent", "last_year_end", "read", "try_read",
]
