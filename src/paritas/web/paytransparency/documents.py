"""The pay-transparency desk's reports as document jobs' work (paritas.web.jobs.documents): each found
within the job's organisation only."""

from __future__ import annotations

from paritas.web.jobs.models import Job
from paritas.web.paytransparency.models import JointAssessment, PayReport, PaySurvey


def art9_report(job: Job) -> tuple[bytes, str]:
    """The art. 9 report for the monitoring body."""
    from paritas.web.paytransparency.views.reports import art9_pdf

    report = PayReport.objects.select_related("snapshot", "organisation").get(pk=job.params["report"],
                                                                             organisation=job.organisation)
    return art9_pdf(report, job.params["lang"])


def joint_assessment(job: Job) -> tuple[bytes, str]:
    """The joint pay assessment (art. 10), full or the workers' version."""
    from paritas.web.paytransparency.views.reports import assessment_pdf

    assessment = JointAssessment.objects.select_related("report__snapshot", "report__organisation").get(
        report_id=job.params["report"], report__organisation=job.organisation)
    return assessment_pdf(assessment, bool(job.params["full"]), job.params["lang"])


def pay_survey(job: Job) -> tuple[bytes, str]:
    """The pay survey's report (Diskrimineringslagen 3 kap. 8–12 §§)."""
    from paritas.web.paytransparency.views.survey import survey_report_pdf

    survey = PaySurvey.objects.select_related("snapshot", "organisation").get(pk=job.params["survey"],
                                                                             organisation=job.organisation)
    return survey_report_pdf(survey, job.params["lang"])
