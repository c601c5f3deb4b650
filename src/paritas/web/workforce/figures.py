"""The figures of many snapshots as one table, partitioned by organisation and year — the layout of
``paritas analyze … --format parquet`` (paritas.batch, docs/batch.md) — zipped for download: a job, so
that a round of hundreds of applicants is gathered by a worker, not in a request.

The figures were computed when each snapshot was saved (every one already suppresses small groups); this
flattens what is stored. Pay gaps are those the employer reports under art. 9(1)(a)–(f) of Directive
(EU) 2023/970 (means, medians, variable pay, quartiles); the gaps by category of workers (point (g)) and
the joint pay assessment's withheld figures (art. 10) stay with the organisation.
"""

from __future__ import annotations

import io
import tempfile
import zipfile
from pathlib import Path
from typing import Any

from paritas import batch
from paritas.web.jobs import runner
from paritas.web.jobs.models import Job
from paritas.web.workforce.models import Snapshot

#: Parts of a snapshot's EU figures that do not leave the organisation (art. 9(1)(g), art. 10).
WITHHELD_EU_FIGURES = ("categories", "flagged_categories", "withheld_categories")


def submit(user: Any, snapshots: list[tuple[int, str]], name: str, **context: Any) -> Job:
    """Gather the figures of ``snapshots`` ((snapshot id, organisation's name in the table) pairs) for
    ``user``; ``name`` is the downloaded file's name, ``context`` says for what (kept with the job's
    parameters, which the page that shows it checks)."""
    return runner.submit(Job.Kind.FIGURES, user=user,
                         params={**context, "snapshots": [list(pair) for pair in snapshots], "name": name})


def snapshot_figures(snapshot: Snapshot, organisation: str) -> batch.FileFigures:
    """One snapshot's stored figures as the batch table's rows: its structure and its reported EU gaps."""
    documents: dict[str, Any] = {"structure": snapshot.structure}
    eu = (snapshot.paygap or {}).get("eu")
    if eu:
        documents["paygap"] = {"eu": {k: v for k, v in eu.items() if k not in WITHHELD_EU_FIGURES}}
    rows = tuple(row for name, document in documents.items() for row in batch.flatten(document, name))
    return batch.FileFigures(organisation, snapshot.reference_date.year, snapshot.reference_date,
                             f"snapshot-{snapshot.pk}", rows)


def export(job: Job) -> dict[str, Any]:
    """The job's work: read the snapshots' figures, write the partitioned table, zip it into the job."""
    runner.advance(job, Job.Step.READING)
    wanted = {int(pk): organisation for pk, organisation in job.params["snapshots"]}
    found = Snapshot.objects.filter(pk__in=wanted).only("pk", "reference_date", "structure", "paygap")
    runner.advance(job, Job.Step.COMPUTING)
    results = [snapshot_figures(s, wanted[s.pk]) for s in sorted(found, key=lambda s: (wanted[s.pk], s.pk))]
    frame = batch.table(results)
    runner.advance(job, Job.Step.STORING)
    buffer = io.BytesIO()
    with tempfile.TemporaryDirectory() as tmp, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in batch.write_partitioned(frame, Path(tmp)):
            archive.write(path, path.relative_to(tmp).as_posix())
    Job.objects.filter(pk=job.pk).update(output=buffer.getvalue())
    return {"organisations": len({r.organisation for r in results}), "snapshots": len(results),
            "rows": frame.height}
