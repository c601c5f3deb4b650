"""The pay-transparency desk's reports as document jobs' work (paritas.web.jobs.documents): each found
within the job's organisation only; the joint assessment as the desk's workers and representatives read it
is a personal document (they hold a desk role, not a membership)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied

from paritas.web.jobs.models import Job
from paritas.web.paytransparency.models import DeskRole, InformationRequest, JointAssessment, PayReport, PaySurvey


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


def desk_assessment_for(job: Job, user: Any) -> tuple[DeskRole, JointAssessment] | None:
    """The user's desk role in the job's organisation and the assessment it lets them read (a worker: once
    it was made available), or None."""
    role = DeskRole.objects.filter(user=user, organisation=job.organisation_id,
                                   role__in=(DeskRole.Role.WORKER, DeskRole.Role.REPRESENTATIVE)).first()
    if role is None:
        return None
    found = JointAssessment.objects.select_related("report__snapshot", "report__organisation").filter(
        pk=job.params.get("assessment"), report__organisation=job.organisation_id)
    if role.role != DeskRole.Role.REPRESENTATIVE:
        found = found.filter(made_available_on__isnull=False)
    assessment = found.first()
    return (role, assessment) if assessment is not None else None


def desk_assessment(job: Job, found: tuple[DeskRole, JointAssessment]) -> tuple[bytes, str]:
    """The joint assessment for the desk: full for a representative, the workers' version for a worker —
    by the role the user holds when it is rendered."""
    from paritas.web.paytransparency.views.reports import assessment_language, assessment_pdf

    role, assessment = found
    return assessment_pdf(assessment, role.role == DeskRole.Role.REPRESENTATIVE,
                          assessment_language(assessment, job.params["lang"]))


def letter_pdf(item: InformationRequest) -> tuple[bytes, str]:
    """The art. 7 answer as the letter the worker receives, in the request's language."""
    from django.utils import translation
    from django.utils.translation import gettext as _

    from paritas.web import pdf
    from paritas.web.paytransparency.views.requests import letter_context

    with translation.override(item.language):
        context = {**letter_context(item), **pdf.page_css(_, item.organisation.name)}
    return (pdf.render_pdf("paytransparency/letter_pdf.html", context, item.language),
            f"pay-information-{item.pk}-{item.language}.pdf")


def answer_letter(job: Job) -> tuple[bytes, str]:
    """The HR team's copy of an answer (an organisation's document): once its figures are set."""
    item = InformationRequest.objects.select_related("organisation", "job").get(
        pk=job.params["answer"], organisation=job.organisation)
    if not item.figures:
        raise PermissionDenied("the answer has no figures yet")
    return letter_pdf(item)


def desk_answer_for(job: Job, user: Any) -> InformationRequest | None:
    """The sent answer the user's desk role lets them read (paytransparency.views.desk), or None."""
    from django.http import Http404

    from paritas.web.paytransparency.views.desk import _sent_request

    role = DeskRole.objects.filter(user=user, organisation=job.organisation_id,
                                   role__in=(DeskRole.Role.WORKER, DeskRole.Role.REPRESENTATIVE)).first()
    if role is None:
        return None
    try:
        return _sent_request(job.organisation, role, job.params.get("answer"))
    except Http404:
        return None


def desk_answer(job: Job, item: InformationRequest) -> tuple[bytes, str]:
    """The answer a worker (or their representatives) received, as its letter."""
    return letter_pdf(item)
