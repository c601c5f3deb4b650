"""The jury: assignment (by hand or balanced), conflicts, blind scoring with versions, the meeting table."""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Avg, Count, F, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from paritas.web.awards.domain.applications import Conflict, clean_text
from paritas.web.awards.models import (
    Application,
    Assignment,
    Criterion,
    Programme,
    Round,
    Score,
)
from paritas.web.organisations.models import Membership


def _juror_organisations(juror: Any) -> set[int]:
    return set(Membership.objects.filter(user=juror).values_list("organisation_id", flat=True))


def assign(application: Application, juror: Any) -> Assignment:
    if application.status != Application.Status.SUBMITTED:
        raise ValidationError(_("Only submitted applications go to the jury."))
    if not application.round.jurors.filter(pk=juror.pk).exists():
        raise ValidationError(_("Only members of the round's jury can be assigned."))
    if application.organisation_id in _juror_organisations(juror):
        raise ValidationError(_("A juror cannot review their own organisation's application."))
    assignment, _created = Assignment.objects.get_or_create(round=application.round, application=application,
                                                            juror=juror)
    return assignment


@transaction.atomic
def assign_balanced(round_: Round, per_application: int = 2) -> list[Assignment]:
    """Give each submitted application ``per_application`` jurors, always the least loaded juror who is not
    in conflict (declared, or a member of the applicant)."""
    jurors = list(round_.jurors.all())
    load = {j.pk: round_.assignments.filter(juror=j, conflict_declared=False).count() for j in jurors}
    own = {j.pk: _juror_organisations(j) for j in jurors}
    made = []
    for application in round_.applications.filter(status=Application.Status.SUBMITTED).order_by("pk"):
        present = set(application.assignments.values_list("juror_id", flat=True))
        need = per_application - application.assignments.filter(conflict_declared=False).count()
        candidates = sorted((j for j in jurors if j.pk not in present and application.organisation_id not in own[j.pk]),
                            key=lambda j: (load[j.pk], j.pk))
        for juror in candidates[:max(need, 0)]:
            made.append(Assignment.objects.create(round=round_, application=application, juror=juror))
            load[juror.pk] += 1
    return made


def declare_conflict(assignment: Assignment, reason: str) -> None:
    """The juror declares a conflict of interest: the application is hidden from them from now on."""
    reason = clean_text(reason)[:300]
    assignment.conflict_declared = True
    assignment.conflict_reason = reason
    assignment.save(update_fields=["conflict_declared", "conflict_reason"])
    assignment.scores.all().delete()


def visible_applications(juror: Any, round_: Round) -> Any:
    return Application.objects.filter(assignments__juror=juror, assignments__conflict_declared=False,
                                      assignments__round=round_)


def _lock_open_review(assignment: Assignment) -> None:
    """Lock the assignment's row for this transaction; refuse once the review is submitted or the juror
    declared a conflict (read under the lock, so a score cannot slip in after the submission)."""
    state = (Assignment.objects.select_for_update().filter(pk=assignment.pk)
             .values_list("conflict_declared", "submitted_at").first())
    if state is None or state[0]:
        raise PermissionDenied
    if state[1] is not None:
        assignment.submitted_at = state[1]
        raise ValidationError(_("Your review was submitted and can no longer be changed."))


def save_score(assignment: Assignment, criterion: Criterion, score: int | None, comment: str,
               expected_version: int) -> Score:
    """Save one score if nobody saved it since ``expected_version`` (else :class:`Conflict`); refused once
    the review is submitted, decided under the assignment's row lock that submit_review() takes too."""
    if criterion.area.programme_id != assignment.round.programme_id:
        raise ValidationError(_("This criterion belongs to another programme."))
    if score is not None and not 0 <= score <= criterion.scale_max:
        raise ValidationError(_("Give a score from 0 to %(max)s.") % {"max": criterion.scale_max})
    clean_text(comment)
    with transaction.atomic():
        _lock_open_review(assignment)
        row, _created = Score.objects.get_or_create(assignment=assignment, criterion=criterion)
        updated = Score.objects.filter(pk=row.pk, version=expected_version).update(
            score=score, comment=comment, version=F("version") + 1)
        row.refresh_from_db()
        if not updated:
            raise Conflict({"score": row.score, "comment": row.comment}, row.version)
    return row


@transaction.atomic
def submit_review(assignment: Assignment, now: datetime | None = None) -> Assignment:
    """Submit the juror's review once every criterion is judged; the scores are read under the lock."""
    _lock_open_review(assignment)
    criteria = Criterion.objects.filter(area__programme=assignment.round.programme)
    scores = {s.criterion_id: s for s in assignment.scores.all()}
    holistic = assignment.round.programme.scoring == Programme.Scoring.HOLISTIC
    gaps = [c.title for c in criteria if c.pk not in scores
            or (scores[c.pk].score is None and not holistic) or (holistic and not scores[c.pk].comment.strip())]
    if gaps:
        raise ValidationError([_("Not yet judged: %(criterion)s") % {"criterion": g} for g in gaps])
    assignment.submitted_at = now or timezone.now()
    assignment.save(update_fields=["submitted_at"])
    return assignment


def scores_visible_to(assignment: Assignment) -> list[Score]:
    """The other jurors' scores on this application: hidden until this juror has submitted their own."""
    if assignment.submitted_at is None or assignment.conflict_declared:
        return []
    return list(Score.objects.filter(assignment__application=assignment.application,
                                     assignment__submitted_at__isnull=False)
                .exclude(assignment=assignment).select_related("criterion", "assignment__juror"))


def _weighted_totals(scores: Any) -> list[tuple[int, float]]:
    """(application, Σ weight × score ÷ Σ weight × highest score) per review among ``scores``, summed by the
    database; criteria left unscored count in neither sum, a review with no score has no total."""
    sums = (scores.filter(score__isnull=False).values("assignment_id", "assignment__application_id")
            .annotate(got=Sum(F("score") * F("criterion__weight")),
                      top=Sum(F("criterion__scale_max") * F("criterion__weight")))
            .values_list("assignment__application_id", "got", "top"))
    return [(application_id, float(got) / float(top)) for application_id, got, top in sums if top]


def weighted_total(assignment: Assignment) -> float | None:
    """The review's weighted total as a fraction (1 = every criterion at its highest score)."""
    totals = _weighted_totals(assignment.scores.all())
    return totals[0][1] if totals else None


@dataclass(frozen=True)
class MeetingRow:
    application: Application
    reviews: int
    mean: float | None
    spread: float | None
    below_minimum: list[str]
    rank: int | None


def meeting(round_: Round) -> list[MeetingRow]:
    """The jury meeting table: per application the mean of the submitted weighted totals (Σ weight × score ÷
    Σ weight × scale), their spread (highest − lowest), criteria whose mean score falls below the criterion's
    minimum, and the ranking by mean (1 = best, equal means share a rank; applications without a submitted
    review are not ranked).

    Five queries whatever the size of the round, the sums done by the database: the criteria, the
    applications, each submitted review's weighted total, the number of reviews, and each application's mean
    score per criterion.
    """
    criteria = {c.pk: c for c in Criterion.objects.filter(area__programme=round_.programme)}  # catalogue order
    applications = list(round_.applications.filter(status=Application.Status.SUBMITTED)
                        .select_related("organisation", "decision").order_by("pk"))
    counted = Score.objects.filter(assignment__round=round_, assignment__submitted_at__isnull=False,
                                   assignment__conflict_declared=False, score__isnull=False,
                                   criterion__area__programme=round_.programme_id)
    totals: dict[int, list[float]] = {}
    for application_id, total in _weighted_totals(counted):
        totals.setdefault(application_id, []).append(total)
    reviews = dict(Assignment.objects.filter(round=round_, submitted_at__isnull=False, conflict_declared=False)
                   .values("application_id").annotate(n=Count("pk")).values_list("application_id", "n"))
    below: dict[int, set[int]] = {}
    for application_id, criterion_id, mean in (
            counted.filter(criterion__minimum__isnull=False)
            .values("assignment__application_id", "criterion_id").annotate(mean=Avg("score"))
            .values_list("assignment__application_id", "criterion_id", "mean")):
        if mean < criteria[criterion_id].minimum:
            below.setdefault(application_id, set()).add(criterion_id)
    rows = []
    for application in applications:
        mine, low = totals.get(application.pk, []), below.get(application.pk, set())
        rows.append(MeetingRow(application, reviews.get(application.pk, 0),
                               statistics.mean(mine) if mine else None, max(mine) - min(mine) if mine else None,
                               [c.title for pk, c in criteria.items() if pk in low], None))
    ranked = sorted((r for r in rows if r.mean is not None), key=lambda r: -r.mean)  # type: ignore[operator]
    ranks: dict[int, int] = {}
    for i, r in enumerate(ranked):  # equal means share a rank (1, 2, 2, 4)
        tied = i and round(r.mean, 9) == round(ranked[i - 1].mean, 9)  # type: ignore[arg-type]
        ranks[r.application.pk] = ranks[ranked[i - 1].application.pk] if tied else i + 1
    return [MeetingRow(r.application, r.reviews, r.mean, r.spread, r.below_minimum, ranks.get(r.application.pk))
            for r in sorted(rows, key=lambda r: (ranks.get(r.application.pk, 10**6), r.application.pk))]


def unassign(assignment: Assignment) -> None:
    """Take an application back from a juror, unless the review was already submitted."""
    if assignment.submitted_at is not None:
        raise ValidationError(_("The juror has already submitted this review; it stays."))
    assignment.delete()


