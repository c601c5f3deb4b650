"""Uploads and snapshots: the business rules, tested without HTTP.

An upload is checked by the analytics reader (every problem, in the user's language); a clean file, or
one whose warnings the user accepts, becomes a snapshot holding only its statistics.
"""

from __future__ import annotations

import base64
import dataclasses
import io
import json
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path
from typing import Any

import polars as pl
from django.conf import settings
from django.db import transaction

from paritas.analytics import io as hrio
from paritas.analytics.paygap import paygap
from paritas.analytics.privacy import SuppressionRule
from paritas.analytics.problems import HRDataError, Problem, ProblemReport
from paritas.analytics.structure import structure
from paritas.reports import messages as problem_messages
from paritas.reports import paygap as paygap_report
from paritas.reports import structure as structure_report
from paritas.reports.i18n import LANGUAGES, Translator
from paritas.reports.xlsx import write_workbook
from paritas.web import crypto
from paritas.web.accounts import audit
from paritas.web.accounts.models import AuditEvent
from paritas.web.organisations.models import Organisation
from paritas.web.workforce.models import PendingUpload, Snapshot

SUFFIXES = (".csv", ".txt", ".xlsx", ".xlsm", ".ods", ".parquet", ".xls")


@dataclass(frozen=True)
class Check:
    """The outcome of checking an upload: problems (nothing kept) or a pending upload to accept."""

    report: ProblemReport
    pending: PendingUpload | None
    #: the checked workforce the pending upload keeps (in memory, for the figures to be prepared from)
    workforce: hrio.Workforce | None = None


def _single(code: str, **params: str) -> ProblemReport:
    problem = Problem("error", code, params=tuple(params.items()))
    return ProblemReport((problem,), ((("error", code, None), 1),))


def size_problem(size: int) -> ProblemReport | None:
    limit = settings.MAX_UPLOAD_MB
    if size > limit * 1024 * 1024:
        return _single("file_too_large", size=f"{size / 1024 / 1024:.0f}", limit=str(limit))
    return None


def _read(file_name: str, content: bytes, reference_date: date, organisation: Organisation
          ) -> tuple[hrio.Workforce | None, ProblemReport]:
    suffix = Path(file_name).suffix.lower()
    name = Path("upload" + (suffix if suffix in SUFFIXES else ".csv"))
    workforce, report = hrio.try_read(name, hrio.ReadOptions(reference_date=reference_date,
                                                             country=organisation.country), content=content)
    if workforce is not None:
        workforce = _named(workforce, file_name)
    return workforce, report


def _named(workforce: hrio.Workforce, file_name: str) -> hrio.Workforce:
    source = hrio.SourceInfo(**{**workforce.source.__dict__, "path": file_name})
    return hrio.Workforce(workforce.frame, source, workforce.columns, workforce.extra_columns, workforce.warnings,
                          workforce.reference_date, workforce.assumptions)


def check_upload(organisation: Organisation, user: Any, file_name: str, content: bytes,
                 reference_date: date, progress: Callable[[str], None] | None = None) -> Check:
    """Read an upload, once. With errors nothing is kept; otherwise the checked rows wait, as encrypted
    Parquet (not the file), for the user's decision. ``progress`` hears the step reached."""
    too_big = size_problem(len(content))
    if too_big is not None:
        return Check(too_big, None)
    if progress:
        progress("checking")
    workforce, report = _read(file_name, content, reference_date, organisation)
    if workforce is None:
        return Check(report, None)
    if progress:
        progress("storing")
    preview = {"rows": len(workforce), "columns": dict(workforce.columns),
               "extra_columns": list(workforce.extra_columns),
               "warnings": [p.to_dict() for p in report.warnings[:200]], "warning_count": report.count("warning"),
               "warning_groups": [g.to_dict() for g in problem_messages.groups(report)],
               "assumptions": dict(workforce.assumptions), "workforce": _workforce_meta(workforce)}
    buffer = io.BytesIO()
    # kept a day at most, read back whole: speed before size, and no column statistics (nothing filters it)
    workforce.frame.write_parquet(buffer, compression="lz4", statistics=False)
    pending = PendingUpload.objects.create(organisation=organisation, user=user, file_name=file_name[:255],
                                           reference_date=reference_date,
                                           **PendingUpload.keep_content(crypto.encrypt(buffer.getvalue())),
                                           sealed_preview=PendingUpload.seal(preview))
    return Check(report, pending, workforce)


def _workforce_meta(workforce: hrio.Workforce) -> dict[str, Any]:
    """What a checked workforce is besides its rows (kept with them until the user decides)."""
    return {"source": workforce.source.to_dict(), "columns": dict(workforce.columns),
            "extra_columns": list(workforce.extra_columns), "warnings": [w.to_dict() for w in workforce.warnings],
            "reference_date": workforce.reference_date.isoformat(), "assumptions": list(workforce.assumptions)}


def checked_workforce(pending: PendingUpload) -> hrio.Workforce:
    """The workforce that was checked when the upload came in: its rows from the encrypted Parquet,
    the rest from the sealed preview; the file is not read again."""
    meta = pending.preview["workforce"]
    frame = pl.read_parquet(io.BytesIO(crypto.decrypt(pending.sealed_content)))
    warnings = tuple(Problem(**{**w, "params": tuple(w["params"].items())}) for w in meta["warnings"])
    return hrio.Workforce(frame, hrio.SourceInfo(**meta["source"]), dict(meta["columns"]),
                          tuple(meta["extra_columns"]), warnings, date.fromisoformat(meta["reference_date"]),
                          tuple((k, v) for k, v in meta["assumptions"]))


class SnapshotExists(ValueError):
    """The organisation has a snapshot for this reference date already; accepting must say to replace it."""

    def __init__(self, existing: Snapshot):
        self.existing = existing
        super().__init__(f"a snapshot for {existing.reference_date} exists")


class AlreadyDecided(ValueError):
    """The pending upload was accepted or cancelled meanwhile (another tab, a double click)."""


def same_date(pending: PendingUpload) -> Snapshot | None:
    """The organisation's snapshot for the pending upload's reference date, if it has one."""
    return (Snapshot.objects.defer("xlsx", "raw_rows", "structure", "paygap", "summary")
            .filter(organisation=pending.organisation, reference_date=pending.reference_date).first())


def accept(pending: PendingUpload, user: Any, replace: bool = False,
           progress: Callable[[str], None] | None = None) -> Snapshot:
    """Turn a checked upload into a snapshot (its warnings accepted by ``user``). One snapshot per reference
    date: where one exists, it is replaced (deleted and audited in the same transaction) only with
    ``replace``; otherwise :class:`SnapshotExists` is raised and nothing changes.

    Two accepts at once (a double click, two tabs) give one snapshot: the organisation's row and the
    pending upload's are locked, and the second finds the upload gone (:class:`AlreadyDecided`). The
    figures are computed before that transaction, so that no lock is held while they are."""
    existing = same_date(pending)
    if existing is not None and not replace:
        raise SnapshotExists(existing)
    fields = prepared_fields(pending, user)
    if fields is None:
        if progress:
            progress("computing")
        fields = snapshot_fields(pending.organisation, checked_workforce(pending), user, pending.file_name)
    if progress:
        progress("storing")
    with transaction.atomic():
        Organisation.objects.select_for_update().filter(pk=pending.organisation_id).first()
        if not PendingUpload.objects.select_for_update().filter(pk=pending.pk).exists():
            raise AlreadyDecided(pending.pk)
        existing = same_date(pending)
        if existing is not None:
            if not replace:
                raise SnapshotExists(existing)
            delete_snapshot(existing, user)
        snapshot = _store_snapshot(fields, user)
        pending.delete()
    return snapshot


def figures_basis(organisation: Organisation) -> str:
    """What a snapshot's figures depend on besides its rows, as a digest: the organisation's smallest group
    shown, its type (the jury statement), its country (retirement ages), whether it keeps the rows, the
    job evaluation's categories of equal value, and the version of Paritas (its statistics and texts).
    Figures computed on one basis are used only while the organisation's basis is the same."""
    import hashlib

    from paritas import __version__
    from paritas.web.paytransparency.services import categories

    basis = {"min_group_size": organisation.min_group_size, "type": organisation.type,
             "country": organisation.country, "keep_raw_rows": organisation.keep_raw_rows,
             "categories": categories(organisation), "version": __version__}
    return hashlib.sha256(json.dumps(basis, sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()


#: The fields of a snapshot that are bytes; kept as base64 in the prepared figures' JSON.
_BINARY_FIELDS = ("raw_rows", "job_pay")


def prepare(pending: PendingUpload, workforce: hrio.Workforce | None = None) -> bool:
    """Compute the snapshot's figures of a checked upload while its user reads the preview, and keep them
    with it, encrypted, on the organisation's current :func:`figures_basis`: accepting then only stores
    them. ``workforce`` is the checked workforce where the caller still holds it (else read back from the
    pending upload). False where the upload was decided meanwhile (nothing kept)."""
    basis = figures_basis(pending.organisation)
    workforce = workforce if workforce is not None else checked_workforce(pending)
    fields = snapshot_fields(pending.organisation, workforce, pending.user, pending.file_name)
    portable = {name: value for name, value in fields.items() if name not in ("organisation", "created_by")}
    portable["reference_date"] = fields["reference_date"].isoformat()
    for name in _BINARY_FIELDS:
        portable[name] = base64.b64encode(fields[name]).decode("ascii") if fields[name] is not None else None
    sealed = crypto.encrypt(json.dumps(portable, ensure_ascii=False).encode("utf-8"))
    return PendingUpload.objects.filter(pk=pending.pk).update(sealed_figures=sealed, figures_basis=basis) == 1


def prepared_fields(pending: PendingUpload, user: Any) -> dict[str, Any] | None:
    """The snapshot's fields from the figures :func:`prepare` kept, saved by ``user``; None where none
    were kept or the organisation's :func:`figures_basis` has changed since (then they are computed anew)."""
    if not pending.sealed_figures or pending.figures_basis != figures_basis(pending.organisation):
        return None
    fields = json.loads(crypto.decrypt(bytes(pending.sealed_figures)))
    fields["reference_date"] = date.fromisoformat(fields["reference_date"])
    for name in _BINARY_FIELDS:
        fields[name] = base64.b64decode(fields[name]) if fields[name] is not None else None
    return {**fields, "organisation": pending.organisation, "created_by": user if getattr(user, "pk", None) else None}


def create_snapshot(organisation: Organisation, workforce: hrio.Workforce, user: Any, source_name: str,
                    via: str = "web") -> Snapshot:
    """Compute and store the statistics of a validated workforce; the rows go unless the organisation keeps
    them (encrypted)."""
    return _store_snapshot(snapshot_fields(organisation, workforce, user, source_name), user, via)


def _store_snapshot(fields: dict[str, Any], user: Any, via: str = "web") -> Snapshot:
    snapshot = Snapshot.objects.create(**fields)
    audit.record(snapshot.organisation, user, AuditEvent.Action.UPLOADED, snapshot.pk, snapshot.source_name, via=via)
    return snapshot


def snapshot_fields(organisation: Organisation, workforce: hrio.Workforce, user: Any, source_name: str
                    ) -> dict[str, Any]:
    """The statistics of a validated workforce as a snapshot's fields (nothing stored yet)."""
    rule = SuppressionRule(organisation.min_group_size)
    workforce = _with_evaluated_categories(organisation, workforce)
    result = structure(workforce, rule)
    gaps = None
    if workforce.has("hourly_pay"):
        try:
            gaps = paygap(workforce, rule=rule)
        except HRDataError:
            gaps = None
    summary, xlsx = {}, {}
    for lang in LANGUAGES:
        t = Translator(lang)
        summary[lang] = structure_report.jury_sentences(result, t, organisation.type)
        sheets = structure_report.sheets(result, t) + (paygap_report.sheets(gaps, t) if gaps else [])
        buffer = io.BytesIO()
        write_workbook(buffer, sheets)
        xlsx[lang] = base64.b64encode(buffer.getvalue()).decode("ascii")
    raw = None
    if organisation.keep_raw_rows:
        buffer = io.BytesIO()
        workforce.frame.write_parquet(buffer)
        raw = crypto.encrypt(buffer.getvalue())
    from paritas.analytics.vacancies import retirements

    figures = result.to_dict()
    expected = retirements(workforce, organisation.country, rule)
    if expected is not None:  # equality plans count the posts that will become vacant (docs/plans.md)
        figures["expected_retirements"] = expected.to_dict()
    by_job = job_pay_of(workforce)
    return dict(
        organisation=organisation, reference_date=workforce.reference_date, source_name=source_name[:255],
        rows=len(workforce), created_by=user if getattr(user, "pk", None) else None,
        min_group_size=rule.min_group_size, warnings_accepted=len(workforce.warnings),
        columns=dict(workforce.columns), structure=figures, paygap=gaps.to_dict() if gaps else None,
        assessment=gaps.eu.restricted_dict() if gaps and gaps.eu else {},
        summary=summary, xlsx=xlsx, raw_rows=raw, job_counts={j: [p.women, p.men] for j, p in by_job.items()},
        job_pay=crypto.encrypt(json.dumps({j: asdict(p) for j, p in by_job.items()}).encode()) if by_job else None)


def _with_evaluated_categories(organisation: Organisation, workforce: hrio.Workforce) -> hrio.Workforce:
    """The workforce with the job evaluation's band as its category of workers where its job title is
    scored (docs/paytransparency.md); other rows keep the export's category, if it has one."""
    from paritas.web.paytransparency.services import categories

    mapping = categories(organisation)
    frame = workforce.frame
    if not mapping or "job_title" not in frame.columns:
        return workforce
    band = pl.col("job_title").cast(pl.String).replace_strict(mapping, default=None, return_dtype=pl.String)
    fallback = pl.col("category").cast(pl.String) if "category" in frame.columns else pl.lit(None, pl.String)
    return dataclasses.replace(workforce, frame=frame.with_columns(pl.coalesce(band, fallback).alias("category")))


def job_pay_of(workforce: hrio.Workforce) -> dict[str, Any]:
    from paritas.analytics.jobs import job_pay

    try:
        return job_pay(workforce)
    except HRDataError:  # no pay in the export
        return {}


def job_pay(snapshot: Snapshot, user: Any) -> dict[str, Any]:
    """The snapshot's pay by job title (paritas.analytics.jobs.JobPay), decrypted; the access is logged."""
    from paritas.analytics.jobs import JobPay

    if not snapshot.job_pay:
        return {}
    audit.record(snapshot.organisation, user, AuditEvent.Action.RAW_ACCESSED, snapshot.pk, "pay by job")
    found = json.loads(crypto.decrypt(snapshot.job_pay))
    return {j: JobPay(v["job"], v["women"], v["men"], tuple(v["basic"]), tuple(v["variable"]), tuple(v["total"]),
                     tuple(v.get("basic_range", (None, None))))
            for j, v in found.items()}


def delete_snapshot(snapshot: Snapshot, user: Any, via: str = "web") -> None:
    """Delete a snapshot and everything derived from it (statistics, reports, encrypted rows)."""
    audit.record(snapshot.organisation, user, AuditEvent.Action.DELETED, snapshot.pk,
                 f"{snapshot.source_name} ({snapshot.reference_date})", via=via)
    snapshot.delete()


def raw_rows(snapshot: Snapshot, user: Any) -> pl.DataFrame | None:
    """The kept rows of a snapshot (None when they were discarded). Every access is logged."""
    if not snapshot.raw_rows:
        return None
    audit.record(snapshot.organisation, user, AuditEvent.Action.RAW_ACCESSED, snapshot.pk)
    return pl.read_parquet(io.BytesIO(crypto.decrypt(snapshot.raw_rows)))


def xlsx_report(snapshot: Snapshot, lang: str, user: Any, via: str = "web") -> bytes:
    audit.record(snapshot.organisation, user, AuditEvent.Action.EXPORTED, snapshot.pk, f"xlsx {lang}", via=via)
    return base64.b64decode(snapshot.xlsx.get(lang) or snapshot.xlsx["en"])


def trend(organisation: Organisation) -> list[dict[str, Any]]:
    """Women's share overall and in leadership per snapshot, oldest first (for the trend chart)."""
    points = []
    for s in organisation.snapshots.defer("xlsx", "raw_rows", "summary").order_by("reference_date", "id"):
        leadership = s.structure.get("leadership") or {}
        points.append({"date": s.reference_date.isoformat(), "snapshot": s.pk,
                       "women_share": s.structure.get("women_share"),
                       "leadership_women_share": leadership.get("women_share"),
                       "mean_gap": (s.paygap or {}).get("eu", {}).get("mean_gap")})
    return points
