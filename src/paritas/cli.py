"""The ``paritas`` command: a thin layer over the analytics core and the reports.

Exit codes: 0 success; 2 bad input (the problem report goes to stderr); 1 an internal error (one
paragraph, no traceback; set PARITAS_DEBUG=1 for the traceback).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import traceback
from collections.abc import Callable, Sequence
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from paritas import __version__
from paritas.analytics.privacy import DEFAULT_MIN_GROUP_SIZE, SuppressionRule
from paritas.analytics.problems import HRDataError, MappingFileError
from paritas.languages import LANGUAGES, default_language

# Only what parsing the command line needs is imported above (``paritas --help`` in a tenth of a second);
# polars, babel and the reports load when a command runs, and only those it needs (benchmarks/start_bench.py).
if TYPE_CHECKING:
    from paritas.analytics import io as hrio

#: Above this file size a read probably has more than ~100,000 rows: show progress.
PROGRESS_BYTES = 8_000_000


class UsageError(Exception):
    """Bad input that is not an HR data problem (a missing option value, an unwritable path)."""


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from exc


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from exc
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1: {text!r}")
    return value


def _add_read_options(p: argparse.ArgumentParser, many: bool = False) -> None:
    if many:
        p.add_argument("file", type=Path, nargs="+",
                       help="HR export: .csv, .xlsx, .ods or .parquet; several with --format parquet")
    else:
        p.add_argument("file", type=Path, help="HR export: .csv, .xlsx, .ods or .parquet")
    p.add_argument("--map", dest="mapping", type=Path, metavar="MAPPING",
                   help="column mapping file (TOML or JSON) for headers and values the aliases do not cover")
    p.add_argument("--lang", choices=LANGUAGES, help="language of the output (default: the file's language)")
    p.add_argument("--out", type=Path, metavar="PATH", help="write the result here instead of to standard output")
    p.add_argument("--reference-date", type=_date, metavar="YYYY-MM-DD",
                   help="the export's reference date (default: the file's reference-date column, else the last "
                        "31 December); ages and the minimum wage in force are taken at it")
    p.add_argument("--country", choices=("DE", "SE", "CH"), type=str.upper,
                   help="the employer's country, for the minimum-wage check (default: by the headers' language)")
    p.add_argument("--min-group-size", type=_positive_int, default=DEFAULT_MIN_GROUP_SIZE, metavar="K",
                   help=f"hide groups smaller than K people (default {DEFAULT_MIN_GROUP_SIZE})")
    p.add_argument("--full-time-hours", type=float, metavar="H",
                   help="full-time weekly hours when the file has no full-time column")
    p.add_argument("--strict", action="store_true", help="refuse the file when it has warnings, not only errors")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="paritas", description="Equal-opportunity statistics from HR exports.")
    parser.add_argument("--version", action="version", version=f"paritas {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    analyze = sub.add_parser("analyze", help="workforce structure of an HR export",
                             description="Workforce structure: headcount and women's share overall, by pay "
                                         "grade, leadership level, department, age band and contract; part-time.")
    _add_read_options(analyze, many=True)
    analyze.add_argument("--format", choices=("text", "json", "xlsx", "parquet"), default="text",
                         help="parquet: the structure and pay-gap figures of every file given, as one table "
                              "partitioned by organisation and year in the directory --out")
    analyze.add_argument("--jobs", type=_positive_int, metavar="N",
                         help="with --format parquet: files computed at once (default: one per CPU)")
    analyze.add_argument("--cluster", metavar="ADDRESS",
                         help="with --format parquet: compute on this Dask scheduler (tcp://host:8786; "
                              "pip install paritas[cluster])")
    analyze.add_argument("--org-type", choices=("municipality", "company", "university", "association",
                                                "organisation"), default="municipality",
                         help="wording of the summary sentences (default: municipality)")
    analyze.set_defaults(handler=cmd_analyze)

    demo = sub.add_parser("demo-data", help="write a seeded synthetic workforce",
                          description="A realistic synthetic municipal workforce for demos, tests and benchmarks.")
    demo.add_argument("--employees", type=_positive_int, default=2984)
    demo.add_argument("--seed", type=int, default=1)
    demo.add_argument("--out", type=Path, required=True, metavar="FILE")
    demo.add_argument("--format", choices=("csv", "xlsx", "parquet"))
    demo.add_argument("--style", choices=("de", "sv", "en"), default="de")
    demo.add_argument("--reference-date", type=_date, metavar="YYYY-MM-DD")
    demo.set_defaults(handler=cmd_demo_data)

    gap = sub.add_parser("paygap", help="pay-gap figures: EU directive, UK, EntgTranspG, Logib, your own model",
                         description="Pay-gap figures of an HR export as EU 2023/970 art. 9, the UK 2017 "
                                     "regulations, EntgTranspG § 11 and Logib define them; with --model, your own "
                                     "wage regression and its Oaxaca-Blinder decomposition.")
    _add_read_options(gap)
    gap.add_argument("--standard", choices=("eu", "uk", "entgtranspg", "logib", "all"), default="all",
                     help="which standard's figures (default: all)")
    gap.add_argument("--model", metavar="FORMULA",
                     help='your wage model, e.g. "log(hourly_pay) ~ education + age + I(age**2) + years_of_service"; '
                          "Paritas adds gender itself (men are the reference)")
    gap.add_argument("--format", choices=("text", "json", "xlsx"), default="text")
    gap.add_argument("--category", choices=("category", "pay_grade"),
                     help="column that defines categories of workers for EU art. 9(1)(g) (default: category, "
                          "else pay_grade)")
    gap.add_argument("--comparison-group", choices=("pay_grade", "category"),
                     help="EntgTranspG comparison groups (default: pay_grade, § 11(4) for collective agreements)")
    gap.add_argument("--education-coding", choices=("isced", "logib"), default=None,
                     help="how the education column is coded: ISCED 2011 levels (default; Logib's categories 1-8 "
                          "for the official Logib data sheet) or Logib's categories 1-8")
    gap.add_argument("--logib-method", choices=("2024", "2021"), default="2024",
                     help="Logib's rating: the federal method since 2024 (target value 2.5 %%, limit value 5 %%; "
                          "default), or the earlier one-sided tolerance-threshold test (2021)")
    gap.set_defaults(handler=cmd_paygap)

    from paritas import cli_extensions  # commands of later layers (web) register themselves

    cli_extensions.register(sub)
    return parser


def _language(args: argparse.Namespace, workforce: hrio.Workforce | None = None) -> str:
    if args.lang:
        return args.lang
    if workforce is not None:
        from paritas.analytics import schema

        return schema.header_language(workforce.columns) or default_language()
    return default_language()


@contextmanager
def _progress(path: Path, steps: int) -> Any:
    """A staged progress bar on stderr for big files (about 100,000 rows and more)."""
    try:
        big = path.stat().st_size > PROGRESS_BYTES
    except OSError:
        big = False
    if not big:
        yield lambda _description: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(TextColumn("{task.description}"), BarColumn(), TimeElapsedColumn(),
                  console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task("paritas", total=steps)

        def advance(description: str) -> None:
            progress.update(task, advance=1, description=description)

        yield advance


def read_workforce(args: argparse.Namespace, advance: Callable[[str], None]) -> hrio.Workforce:
    from paritas.analytics import io as hrio

    mapping = hrio.ColumnMapping.load(args.mapping) if args.mapping else hrio.ColumnMapping()
    options = hrio.ReadOptions(mapping=mapping, reference_date=args.reference_date,
                               full_time_weekly_hours=args.full_time_hours, country=args.country)
    advance("reading")
    workforce = hrio.read(args.file, options)
    assumed = dict(workforce.assumptions)
    if "reference_date_source" not in assumed and not workforce.warnings:
        return workforce  # nothing to say: the catalogues stay unloaded
    from paritas.reports import messages
    from paritas.reports.i18n import Translator

    t = Translator(_language(args, workforce))
    if "reference_date_source" in assumed:
        from paritas.reports.structure import reference_date_line

        print(f"paritas: {reference_date_line(assumed, t)}", file=sys.stderr)
    if workforce.warnings:
        report = hrio.ProblemReport(workforce.warnings, tuple(((w.severity, w.code, w.column), 1)
                                                               for w in workforce.warnings))
        print(messages.render(report, t), file=sys.stderr)
        if args.strict:
            raise HRDataError(report)
    return workforce


def emit(args: argparse.Namespace, text: str | None = None, payload: Any = None,
         write_xlsx: Callable[[Path], Path] | None = None) -> None:
    if args.format == "xlsx":
        if args.out is None:
            raise UsageError("--format xlsx needs --out PATH (a workbook cannot be written to the terminal).")
        assert write_xlsx is not None
        write_xlsx(args.out)
        print(args.out, file=sys.stderr)
        return
    output = json.dumps(payload, ensure_ascii=False, indent=2) + "\n" if args.format == "json" else text or ""
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(output, encoding="utf-8")
    else:
        sys.stdout.write(output)


def cmd_analyze_many(args: argparse.Namespace) -> int:
    """Several organisations at once: one Parquet table partitioned by organisation and year
    (paritas.batch, docs/batch.md)."""
    from paritas import batch

    if args.out is None:
        raise UsageError("--format parquet needs --out DIRECTORY (the table is written there, one folder per "
                         "organisation and year).")
    if args.out.exists() and any(args.out.iterdir()):
        raise UsageError(f"{args.out} is not empty; give a new or empty directory (nothing is overwritten).")
    paths = [str(p) for p in args.file]
    clashes = batch.duplicate_organisations(paths)
    if clashes:
        raise UsageError("two files would be one organisation: " + "; ".join(clashes) + ". Rename one.")
    options = batch.BatchOptions(min_group_size=args.min_group_size, reference_date=args.reference_date,
                                 country=args.country, full_time_hours=args.full_time_hours,
                                 mapping=str(args.mapping) if args.mapping else None,
                                 lang=args.lang or default_language())
    if args.cluster:
        try:
            from distributed import Client
        except ImportError:
            raise UsageError("--cluster needs the cluster extra: pip install 'paritas[cluster]'") from None
        with Client(args.cluster) as client:
            results = batch.run_dask(paths, options, client)
    else:
        results = batch.run_local(paths, options, args.jobs)
    frame = batch.table(results)
    args.out.mkdir(parents=True, exist_ok=True)
    written = batch.write_partitioned(frame, args.out)
    failed = batch.problems(results)
    for problem in failed:
        print(f"paritas: {problem.source}: {problem.reason}", file=sys.stderr)
    print(f"{args.out}: {len(results) - len(failed)} of {len(results)} files, {frame.height} figures in "
          f"{len(written)} partitions", file=sys.stderr)
    return 2 if failed else 0


def cmd_analyze(args: argparse.Namespace) -> int:
    from paritas.analytics.structure import structure

    if args.format == "parquet":
        return cmd_analyze_many(args)
    if len(args.file) > 1:
        raise UsageError("several files need --format parquet --out DIRECTORY (one table for all of them).")
    args.file = args.file[0]
    with _progress(args.file, 3) as advance:
        workforce = read_workforce(args, advance)
        advance("computing")
        result = structure(workforce, SuppressionRule(args.min_group_size))
        advance("writing")
        if args.format == "json":
            emit(args, payload=result.to_dict())
            return 0
        from paritas.reports import structure as report
        from paritas.reports.i18n import Translator
        from paritas.reports.xlsx import write_workbook

        t = Translator(_language(args, workforce))
        emit(args, text=report.render(result, t, args.org_type) if args.format == "text" else None,
             write_xlsx=lambda path: write_workbook(path, report.sheets(result, t)))
    return 0


def cmd_paygap(args: argparse.Namespace) -> int:
    from paritas.analytics.paygap import STANDARDS, paygap

    standards = STANDARDS if args.standard == "all" else (args.standard,)
    with _progress(args.file, 3) as advance:
        workforce = read_workforce(args, advance)
        advance("computing")
        result = paygap(workforce, standards, args.model, SuppressionRule(args.min_group_size),
                        category=args.category, comparison_grouping=args.comparison_group,
                        education_coding=args.education_coding, logib_method=args.logib_method)
        advance("writing")
        if args.format == "json":  # the figures only: no report, no catalogue to load
            emit(args, payload=result.to_dict())
            return 0
        from paritas.reports import paygap as report
        from paritas.reports.i18n import Translator
        from paritas.reports.xlsx import write_workbook

        t = Translator(_language(args, workforce))
        emit(args, text=report.render(result, t) if args.format == "text" else None,
             write_xlsx=lambda path: write_workbook(path, report.sheets(result, t)))
    return 0


def cmd_demo_data(args: argparse.Namespace) -> int:
    from paritas.analytics import synthetic

    file_format = args.format or {".xlsx": "xlsx", ".parquet": "parquet"}.get(args.out.suffix.lower(), "csv")
    frame = synthetic.generate(args.employees, seed=args.seed, style=args.style,
                               reference_date=args.reference_date or synthetic.DEFAULT_REFERENCE_DATE)
    synthetic.write(frame, args.out, file_format, args.style)
    print(f"{args.out} ({args.employees} employees, seed {args.seed}, {args.style}, {file_format})", file=sys.stderr)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    lang = getattr(args, "lang", None) or default_language()
    try:
        return int(args.handler(args) or 0)
    except HRDataError as exc:
        from paritas.reports import messages
        from paritas.reports.i18n import Translator

        t = Translator(lang if getattr(args, "lang", None) else _language(args))
        print(messages.render(exc.report, t), file=sys.stderr)
        return 2
    except MappingFileError as exc:
        print(f"paritas: the mapping file {exc.source} cannot be used: {exc.reason}", file=sys.stderr)
        return 2
    except UsageError as exc:
        print(f"paritas: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # the promise: one paragraph, never a traceback
        if os.environ.get("PARITAS_DEBUG"):
            traceback.print_exc()
        print(f"paritas: internal error ({type(exc).__name__}: {exc}). This is a bug in Paritas, not in your "
              "file; please report it with the command you ran. Set PARITAS_DEBUG=1 to see the details.",
              file=sys.stderr)
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
