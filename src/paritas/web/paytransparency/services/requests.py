"""Requests for information (art. 7): the answer's figures from the latest snapshot with pay by job —
withheld from the worker where a group is too small, kept for representatives (art. 12(3)) — its approval
and sending; requests filed in the platform by workers and representatives."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from paritas.analytics import jobs
from paritas.web.organisations.models import Organisation
from paritas.web.paytransparency.models import Job
from paritas.web.paytransparency.services.evaluation import overview
from paritas.web.workforce.models import Snapshot


def _band_mates(organisation: Organisation, job: Job) -> list[Job] | None:
    """The jobs in the same category of equal value as ``job`` (itself included), or None when it is not
    scored."""
    view = overview(organisation)
    mine = next((r for r in view.rows if r.job.pk == job.pk), None)
    if mine is None or mine.band is None:
        return None
    return [r.job for r in view.rows if r.band is not None and r.band.index == mine.band.index]


def _group(pay: dict[str, jobs.JobPay], titles: list[str]) -> dict[str, Any]:
    from dataclasses import asdict

    return asdict(jobs.pooled([pay[t] for t in titles if t in pay]))


def compute_answer(request: Any, user: Any) -> None:
    """The figures of an art. 7 answer from the organisation's latest snapshot with pay by job; kept on the
    request with the snapshot they came from. Where a group is withheld from the worker (art. 12(3)), its
    figures are kept apart in ``restricted`` for the workers' representatives and the HR team. Raises
    ValidationError when no snapshot has pay by job."""
    from dataclasses import asdict

    from paritas.analytics.privacy import SuppressionRule
    from paritas.web.workforce.services import job_pay

    organisation = request.organisation
    snapshot = (Snapshot.objects.filter(organisation=organisation, job_pay__isnull=False)
                .order_by("-reference_date", "-pk").first())
    if snapshot is None:
        raise ValidationError(_("No snapshot has pay by job title yet: upload an export with job titles and pay."))
    pay = job_pay(snapshot, user)
    same_titles = list(request.job.titles)
    mates = _band_mates(organisation, request.job)
    equal_titles = None if mates is None else [t for j in mates for t in j.titles]
    found = jobs.answer([pay[t] for t in same_titles if t in pay],
                        None if equal_titles is None else [pay[t] for t in equal_titles if t in pay],
                        SuppressionRule(organisation.min_group_size))
    request.snapshot = snapshot
    request.figures = {"same_work": asdict(found.same_work),
                       "equal_value": None if found.equal_value is None else asdict(found.equal_value),
                       "reference_date": snapshot.reference_date.isoformat(),
                       "min_group_size": organisation.min_group_size}
    restricted = {}
    if found.same_work.withheld:
        restricted["same_work"] = _group(pay, same_titles)
    if found.equal_value is not None and found.equal_value.withheld and equal_titles is not None:
        restricted["equal_value"] = _group(pay, equal_titles)
    request.restricted = restricted
    request.save(update_fields=["snapshot", "figures", "restricted"])


def approve(request: Any, user: Any) -> None:
    if not request.figures:
        raise ValidationError(_("Compute the answer first."))
    if request.own_basic is None:
        raise ValidationError(_("Enter the worker's own pay level first."))
    request.status, request.approved_by, request.approved_at = request.Status.APPROVED, user, timezone.now()
    request.save(update_fields=["status", "approved_by", "approved_at"])


def set_own_pay(request: Any, basic: Any, variable: Any) -> None:
    """The worker's own pay level, entered by the HR team (a request filed in the platform has none)."""
    if request.status != request.Status.OPEN:
        raise ValidationError(_("An approved answer cannot be changed."))
    request.own_basic, request.own_variable = basic, variable
    request.save(update_fields=["own_basic", "own_variable"])


def mark_sent(request: Any, on: Any) -> None:
    if request.status != request.Status.APPROVED:
        raise ValidationError(_("Only an approved answer can be sent."))
    if on < request.received_on:
        raise ValidationError(_("It cannot be sent before the request was received."))
    if on > timezone.localdate():
        raise ValidationError(_("It cannot have been sent in the future."))
    request.status, request.sent_on = request.Status.SENT, on
    request.save(update_fields=["status", "sent_on"])


def file_request(organisation: Organisation, user: Any, *, via: str, requester: str, job: Job, language: str,
                 message: str = "", address: str = "") -> Any:
    """A request filed in the platform by a worker (for themself) or a representative (on a worker's behalf):
    received today; the HR team enters the worker's own pay and computes the answer. The HR team is told by
    mail."""
    from paritas.web.paytransparency.mail import request_filed
    from paritas.web.paytransparency.models import InformationRequest

    if job.organisation_id != organisation.pk:
        raise ValidationError(_("Choose one of the organisation's jobs."))
    item = InformationRequest.objects.create(
        organisation=organisation, received_on=timezone.localdate(), via=via, requester=requester[:200],
        address=address, language=language, job=job, message=message[:2000], filed_by=user,
        worker=user if via == InformationRequest.Via.WORKER else None)
    request_filed(item)
    return item


def anonymise_due(today: Any = None) -> int:
    """Anonymise every request whose retention period has run out: ``PAY_REQUEST_RETENTION_YEARS`` after the
    answer was sent, or after the request was received where it never was (docs/paytransparency.md §
    Retention). The worker's name, address, words and own pay go, and the figures withheld from them; the
    answer's published figures, the job and the dates stay, so that the desk's yearly counts still add up."""
    from django.conf import settings
    from django.db.models import Q

    from paritas.analytics.directive import months_after
    from paritas.web.paytransparency.models import InformationRequest

    cutoff = months_after(today or timezone.localdate(), -12 * settings.PAY_REQUEST_RETENTION_YEARS)
    due = InformationRequest.objects.filter(anonymised_at__isnull=True).filter(
        Q(sent_on__lt=cutoff) | Q(sent_on__isnull=True, received_on__lt=cutoff))
    return due.update(requester="", address="", message="", own_basic=None, own_variable=0, restricted={},
                      worker=None, filed_by=None, anonymised_at=timezone.now())
