"""The printed plan as a document job's work (paritas.web.jobs.documents)."""

from __future__ import annotations

from paritas.web import pdf
from paritas.web.jobs.models import Job
from paritas.web.organisations.models import Membership
from paritas.web.plans.models import PlanVersion


def plan_version(job: Job) -> tuple[bytes, str]:
    """One version of an equality plan, printed, in the job's language."""
    from paritas.web.plans.views import filename, print_context

    version = PlanVersion.objects.select_related("plan").get(pk=job.params["version"],
                                                             plan__organisation=job.organisation)
    membership = Membership.objects.get(organisation=job.organisation, user=job.user)
    lang = job.params["lang"]
    return (pdf.render_pdf("plans/plan_pdf.html", print_context(job.organisation, membership, version, lang), lang),
            filename(version, lang, "pdf"))
