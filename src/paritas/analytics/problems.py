"""Problems found in an HR export: pure data, rendered into sentences by :mod:`paritas.reports.messages`."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

Severity = Literal["error", "warning"]

#: How many problems are kept in detail; beyond this only the counts per code and column are kept,
#: so a 1,000,000-row file with a wrong column still yields a report that fits in memory.
MAX_DETAILED = 20_000


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a file.

    ``row`` is the row number as Excel shows it (the header row is 1), ``column`` the header as it
    stands in the file, ``value`` the cell text. ``code`` selects the message; ``params`` fill it.
    """

    severity: Severity
    code: str
    row: int | None = None
    column: str | None = None
    value: str | None = None
    params: tuple[tuple[str, str], ...] = ()

    def to_dict(self) -> dict[str, object]:
        return {
            "severity": self.severity,
            "code": self.code,
            "row": self.row,
            "column": self.column,
            "value": self.value,
            "params": dict(self.params),
        }


@dataclass(frozen=True)
class ProblemReport:
    """Every problem of a file, errors before warnings, in file order."""

    problems: tuple[Problem, ...]
    counts: tuple[tuple[tuple[str, str, str | None], int], ...] = field(default=())

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity == "error")

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity == "warning")

    def count(self, severity: Severity | None = None) -> int:
        return sum(n for (sev, _code, _col), n in self.counts if severity is None or sev == severity)

    def to_dict(self) -> dict[str, object]:
        return {
            "errors": self.count("error"),
            "warnings": self.count("warning"),
            "problems": [p.to_dict() for p in self.problems],
        }


class ProblemCollector:
    """Gathers problems while a file is read; keeps every count, details up to MAX_DETAILED."""

    def __init__(self) -> None:
        self._problems: list[Problem] = []
        self._counts: Counter[tuple[str, str, str | None]] = Counter()

    def add(self, problem: Problem) -> None:
        self._counts[(problem.severity, problem.code, problem.column)] += 1
        if len(self._problems) < MAX_DETAILED:
            self._problems.append(problem)

    def extend(self, problems: Iterable[Problem], total: int | None = None) -> None:
        """Add problems; ``total`` is their real number when only the first ones were materialised."""
        materialised = 0
        for problem in problems:
            materialised += 1
            self.add(problem)
            key = (problem.severity, problem.code, problem.column)
        if total is not None and total > materialised and materialised:
            self._counts[key] += total - materialised

    def merge(self, report: ProblemReport) -> None:
        """Add another reading's problems and counts (the Logib data sheet's checks and the reader's)."""
        for problem in report.problems:
            if len(self._problems) < MAX_DETAILED:
                self._problems.append(problem)
        for key, n in report.counts:
            self._counts[key] += n

    @property
    def has_errors(self) -> bool:
        return any(sev == "error" for (sev, _c, _col) in self._counts)

    def report(self) -> ProblemReport:
        ordered = sorted(self._problems, key=lambda p: (p.severity != "error", p.row or 0, p.column or ""))
        return ProblemReport(tuple(ordered), tuple(sorted(self._counts.items(), key=lambda kv: kv[0][:2])))


class HRDataError(Exception):
    """The file cannot be used: ``report`` says every reason, row by row."""

    def __init__(self, report: ProblemReport):
        self.report = report
        first = report.errors[0] if report.errors else None
        summary = f"{report.count('error')} error(s) in the HR file"
        if first is not None:
            summary += f"; first: {first.code} at row {first.row}, column {first.column!r}"
        super().__init__(summary)


class MappingFileError(ValueError):
    """A column mapping file (TOML or JSON) that cannot be used, and why."""

    def __init__(self, source: str, reason: str):
        self.source, self.reason = source, reason
        super().__init__(f"{source}: {reason}")
