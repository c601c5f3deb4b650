"""Many organisations in one pass: the structure and pay-gap figures of each HR export, computed in
parallel, gathered in one long table and written as Parquet partitioned by organisation and year
(``out/organisation=<id>/year=<yyyy>/part-0.parquet``, the hive layout that polars, pandas, DuckDB and
Spark read as one table). A network, an award body or a monitoring body compares hundreds of employers
this way (docs/batch.md).

Each file is read and computed by :func:`figures_of`, a pure function of the file and the options, in a
fresh interpreter: a local pool of spawned processes (never forked: polars' thread pool does not survive
a fork), or the workers of a Dask cluster (``pip install paritas[cluster]``). The figures are exactly those
of ``paritas analyze --format json`` and ``paritas paygap --format json`` on the same file: the table holds
each number of those documents under its path (``structure.employees.total``,
``paygap.eu.mean_gap`` …), so a single run and the batch agree by construction, and the tests check it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

#: The table's columns, in order (organisation and year also name the partition directories).
COLUMNS = ("organisation", "year", "reference_date", "source", "figure", "value", "text")


@dataclass(frozen=True)
class BatchOptions:
    """What every file of the batch is read and computed with (the CLI's options, picklable)."""

    min_group_size: int = 5
    reference_date: date | None = None
    country: str | None = None
    full_time_hours: float | None = None
    mapping: str | None = None
    #: The language of the problem reports of files that are refused.
    lang: str = "en"


@dataclass(frozen=True)
class FileFigures:
    """The figures of one file: ``rows`` are (figure path, number or None, text or None)."""

    organisation: str
    year: int
    reference_date: date
    source: str
    rows: tuple[tuple[str, float | None, str | None], ...]


@dataclass(frozen=True)
class FileProblem:
    """A file that could not be read or computed, and why (the problem report in the chosen language)."""

    source: str
    reason: str


def organisation_id(path: Path) -> str:
    """The organisation a file stands for: its name without extension, lower case, anything but letters,
    digits, "_" and "-" made "-" (a directory name on every system)."""
    slug = re.sub(r"[^a-z0-9_-]+", "-", path.stem.lower()).strip("-")
    return slug or "organisation"


def flatten(value: Any, prefix: str = "") -> list[tuple[str, float | None, str | None]]:
    """Each leaf of a JSON document under its path: dict keys joined by ".", list items as "[i]"; numbers
    (and booleans as 0/1) in the value, strings in the text, null as neither."""
    if isinstance(value, dict):
        return [row for key, item in value.items() for row in flatten(item, f"{prefix}.{key}" if prefix else key)]
    if isinstance(value, (list, tuple)):
        return [row for i, item in enumerate(value) for row in flatten(item, f"{prefix}[{i}]")]
    if isinstance(value, bool):
        return [(prefix, float(value), None)]
    if isinstance(value, (int, float)):
        return [(prefix, float(value), None)]
    if value is None:
        return [(prefix, None, None)]
    return [(prefix, None, str(value))]


def figures_of(path: str, options: BatchOptions) -> FileFigures | FileProblem:
    """Read one export and compute its structure and every pay-gap standard, as the single commands do."""
    from paritas.analytics import io as hrio
    from paritas.analytics.paygap import STANDARDS, paygap
    from paritas.analytics.privacy import SuppressionRule
    from paritas.analytics.problems import HRDataError, MappingFileError
    from paritas.analytics.structure import structure

    file = Path(path)
    try:
        mapping = hrio.ColumnMapping.load(Path(options.mapping)) if options.mapping else hrio.ColumnMapping()
        workforce = hrio.read(file, hrio.ReadOptions(mapping=mapping, reference_date=options.reference_date,
                                                     full_time_weekly_hours=options.full_time_hours,
                                                     country=options.country))
        rule = SuppressionRule(options.min_group_size)
        documents = {"structure": structure(workforce, rule).to_dict(),
                     "paygap": paygap(workforce, STANDARDS, None, rule).to_dict()}
    except HRDataError as exc:  # the single command's problem report: which row, which column, why
        from paritas.reports import messages
        from paritas.reports.i18n import Translator

        return FileProblem(file.name, messages.render(exc.report, Translator(options.lang)))
    except MappingFileError as exc:
        return FileProblem(file.name, f"the mapping file cannot be used: {exc.reason}")
    except OSError as exc:
        return FileProblem(file.name, f"cannot be read: {exc}")
    rows = tuple(row for name, document in documents.items() for row in flatten(document, name))
    return FileFigures(organisation_id(file), workforce.reference_date.year, workforce.reference_date, file.name, rows)


def run_local(paths: Sequence[str], options: BatchOptions, jobs: int | None = None
              ) -> list[FileFigures | FileProblem]:
    """:func:`figures_of` for every file in a pool of ``jobs`` spawned processes (default: one per CPU,
    at most one per file), in the order of ``paths``."""
    import multiprocessing
    import os
    from concurrent.futures import ProcessPoolExecutor

    jobs = max(1, min(jobs or os.cpu_count() or 1, len(paths)))
    if jobs == 1:
        return [figures_of(p, options) for p in paths]
    with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("spawn")) as pool:
        return list(pool.map(figures_of, paths, [options] * len(paths)))


def run_dask(paths: Sequence[str], options: BatchOptions, client: Any) -> list[FileFigures | FileProblem]:
    """The same on a Dask cluster (``client``: a ``distributed.Client``); the files must be readable at
    the same paths on the workers (a shared file system or object store mounted alike)."""
    futures = client.map(figures_of, list(paths), options=options, pure=False)
    return list(client.gather(futures))


def table(results: Iterable[FileFigures | FileProblem]) -> Any:
    """One long polars DataFrame of every file's figures (problems are left out: see :func:`problems`)."""
    import polars as pl

    frames = [pl.DataFrame({"figure": [r[0] for r in f.rows], "value": [r[1] for r in f.rows],
                            "text": [r[2] for r in f.rows]},
                           schema={"figure": pl.String, "value": pl.Float64, "text": pl.String})
              .with_columns(organisation=pl.lit(f.organisation), year=pl.lit(f.year, pl.Int32),
                            reference_date=pl.lit(f.reference_date, pl.Date), source=pl.lit(f.source))
              for f in results if isinstance(f, FileFigures)]
    if not frames:
        return pl.DataFrame(schema={"organisation": pl.String, "year": pl.Int32, "reference_date": pl.Date,
                                    "source": pl.String, "figure": pl.String, "value": pl.Float64,
                                    "text": pl.String})
    return pl.concat(frames).select(COLUMNS)


def problems(results: Iterable[FileFigures | FileProblem]) -> list[FileProblem]:
    return [r for r in results if isinstance(r, FileProblem)]


def write_partitioned(frame: Any, out: Path) -> list[Path]:
    """Write the table as ``out/organisation=<id>/year=<yyyy>/part-0.parquet`` (written by hand: one
    directory per group is six lines, and polars' own partitioned writer is newer than the polars we
    support). Two files of one organisation and year (two snapshots of a year) share one partition."""
    written = []
    for (organisation, year), part in frame.partition_by(["organisation", "year"], as_dict=True,
                                                         maintain_order=True).items():
        folder = out / f"organisation={organisation}" / f"year={year}"
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / "part-0.parquet"
        part.drop("organisation", "year").write_parquet(target)
        written.append(target)
    return written


def read_partitioned(out: Path) -> Any:
    """The table back from :func:`write_partitioned`'s directory, organisation and year from the paths."""
    import polars as pl

    return pl.read_parquet(str(out / "**" / "*.parquet"), hive_partitioning=True).select(COLUMNS)


def duplicate_organisations(paths: Sequence[str]) -> list[str]:
    """File names that would stand for the same organisation (say so before computing anything)."""
    seen: dict[str, str] = {}
    clashes = []
    for p in paths:
        key = organisation_id(Path(p))
        if key in seen and Path(seen[key]).name != Path(p).name:
            clashes.append(f"{seen[key]} and {p} both stand for “{key}”")
        seen.setdefault(key, p)
    return clashes

