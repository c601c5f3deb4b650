"""The snapshot's report as a document job's work (paritas.web.jobs.documents)."""

from __future__ import annotations

from django.utils import translation

from paritas.web import pdf
from paritas.web.jobs.models import Job
from paritas.web.workforce import presenters
from paritas.web.workforce.models import Snapshot


def snapshot_report(job: Job) -> tuple[bytes, str]:
    """The structure and pay report of the job's snapshot, in the job's language, as a tagged PDF."""
    from paritas.web.workforce.views import report_filename

    snapshot = Snapshot.objects.get(pk=job.params["snapshot"], organisation=job.organisation)
    lang = job.params["lang"]
    with translation.override(lang):
        context = presenters.report_context(snapshot, job.organisation, job.user, lang)
    return (pdf.render_pdf("workforce/report_pdf.html", context, lang),
            report_filename(job.organisation, snapshot, lang, "pdf"))
