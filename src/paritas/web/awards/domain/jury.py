"""The jury: assignment per stage (by hand or balanced), conflicts, blind scoring with versions or a
recommendation, what reviewers see of each other, the meeting table of a stage."""

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

from paritas.web.awards.domain import stages as staging
from paritas.web.awards.domain.applications import Conflict, clean_text
from paritas.web.awards.models import (
    Application,
    Assignment,
    Criterion,
    Programme,
    Round,
    Score,
    Stage,
    StageEntry,
)
from paritas.web.organisations.models import Membership


def _juror_organisations(juror: Any) -> set[int]:
    return set(Membership.objects.filter(user=juror).values_list("organisation_id", flat=True))


def applicant_organisations(application: Application) -> set[int]:
    """The applicant and every co-applicant (invited or accepted): a juror belonging to any is in conflict."""
    return {application.organisation_id, *application.partnerships.values_list("organisation_id", flat=True)}


def _reviewing_stage(application: Application, stage: Stage | None) -> Stage:
    """The stage to assign in: the one given, or the one the application is under review in."""
    if stage is None:
        entry = staging.current_entry(application)
        if entry is None:
            raise ValidationError(_("Only submitted applications go to the jury."))
        stage = entry.stage
    if stage.round_id != application.round_id:
        raise ValidationError(_("This stage belongs to another round."))
    if stage.sheet == Stage.Sheet.NONE:
        raise ValidationError(_("“%(stage)s” has no review sheet; nobody is assigned in it.") % {"stage": stage.name})
    if not stage.entries.filter(application=application, state=StageEntry.State.REVIEW).exists():
        raise ValidationError(_("This application is not under review in “%(stage)s”.") % {"stage": stage.name})
    if stage.decided_at is not None:
        raise ValidationError(_("The selection of “%(stage)s” was applied; reopen the stage first.")
                              % {"stage": stage.name})
    return stage


def assign(application: Application, juror: Any, stage: Stage | None = None) -> Assignment:
    """Give ``juror`` the application to review in ``stage`` (default: the stage it is under review in)."""
    if application.status != Application.Status.SUBMITTED:
        raise ValidationError(_("Only submitted applications go to the jury."))
    stage = _reviewing_stage(application, stage)
    if not staging.reviewers(stage).filter(pk=juror.pk).exists():
        raise ValidationError(_("Only reviewers of this stage can be assigned."))
    if applicant_organisations(application) & _juror_organisations(juror):
        raise ValidationError(_("A juror cannot review their own organisation's application."))
    assignment, _created = Assignment.objects.get_or_create(stage=stage, application=application, juror=juror,
                                                            defaults={"round": application.round})
    return assignment


@transaction.atomic
def assign_balanced(round_: Round, per_application: int = 2, stage: Stage | None = None) -> list[Assignment]:
    """Give each application under review in ``stage`` (default: the round's first stage that is not
    decided) ``per_application`` of its reviewers, always the least loaded one who is not in conflict
    (declared, or a member of the applicant or a co-applicant)."""
    if stage is None:
        stage = round_.stages.filter(decided_at__isnull=True).order_by("order", "pk").first()
        if stage is None:
            raise ValidationError(_("Every stage of the round is decided."))
    if stage.sheet == Stage.Sheet.NONE:
        raise ValidationError(_("“%(stage)s” has no review sheet; nobody is assigned in it.") % {"stage": stage.name})
    jurors = list(staging.reviewers(stage))
    load = {j.pk: stage.assignments.filter(juror=j, conflict_declared=False).count() for j in jurors}
    own = {j.pk: _juror_organisations(j) for j in jurors}
    made = []
    for application in staging.in_stage(stage, StageEntry.State.REVIEW).order_by("pk"):
        mine = application.assignments.filter(stage=stage)
        present = set(mine.values_list("juror_id", flat=True))
        need = per_application - mine.filter(conflict_declared=False).count()
        applicants = applicant_organisations(application)
        candidates = sorted((j for j in jurors if j.pk not in present and not applicants & own[j.pk]),
                            key=lambda j: (load[j.pk], j.pk))
        for juror in candidates[:max(need, 0)]:
            made.append(Assignment.objects.create(round=round_, stage=stage, application=application, juror=juror))
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
    stage = Stage.objects.get(pk=assignment.stage_id)
    if not staging.open_for_review(stage):
        raise ValidationError(_("The review of “%(stage)s” is not open.") % {"stage": stage.name})


def save_score(assignment: Assignment, criterion: Criterion, score: int | None, comment: str,
               expected_version: int) -> Score:
    """Save one score if nobody saved it since ``expected_version`` (else :class:`Conflict`); refused once
    the review is submitted, decided under the assignment's row lock that submit_review() takes too."""
    if criterion.area.programme_id != assignment.round.programme_id:
        raise ValidationError(_("This criterion belongs to another programme."))
    if assignment.stage.sheet != Stage.Sheet.SCORES:
        raise ValidationError(_("This stage takes a recommendation, not scores."))
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
    if assignment.stage.sheet == Stage.Sheet.RECOMMENDATION:
        assignment.refresh_from_db(fields=["recommendation", "note"])
        if not assignment.recommendation:
            raise ValidationError(_("Say whether the application should move on."))
    else:
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


def save_recommendation(assignment: Assignment, recommendation: str, note: str) -> Assignment:
    """A reviewer's recommendation (move on or not) and note, in a stage with a recommendation sheet."""
    if assignment.stage.sheet != Stage.Sheet.RECOMMENDATION:
        raise ValidationError(_("This stage takes scores, not a recommendation."))
    if recommendation not in ("", *Assignment.Recommendation.values):
        raise ValidationError(_("Choose “move on” or “do not move on”."))
    note = clean_text(note)
    with transaction.atomic():
        _lock_open_review(assignment)
        assignment.recommendation, assignment.note = recommendation, note
        assignment.save(update_fields=["recommendation", "note"])
    return assignment


def _others(assignment: Assignment) -> Any:
    """The other submitted reviews of this application in the same stage, if the stage shows them now:
    never, always, or once this reviewer has submitted their own (the default)."""
    rule = assignment.stage.other_reviews
    if assignment.conflict_declared or rule == Stage.OtherReviews.NEVER or (
            rule == Stage.OtherReviews.AFTER_OWN and assignment.submitted_at is None):
        return None
    return Assignment.objects.filter(application=assignment.application, stage=assignment.stage,
                                     submitted_at__isnull=False, conflict_declared=False).exclude(pk=assignment.pk)


def scores_visible_to(assignment: Assignment) -> list[Score]:
    """The other jurors' scores on this application in this stage, as the stage's rule shows them."""
    others = _others(assignment)
    if others is None:
        return []
    return list(Score.objects.filter(assignment__in=others).select_related("criterion", "assignment__juror"))


def recommendations_visible_to(assignment: Assignment) -> list[Assignment]:
    """The other reviewers' recommendations on this application in this stage, as the stage shows them."""
    others = _others(assignment)
    return [] if others is None else list(others.select_related("juror"))


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


def stage_means(stage: Stage) -> dict[int, float]:
    """Per application, the mean of the weighted totals of the stage's submitted reviews."""
    counted = Score.objects.filter(assignment__stage=stage, assignment__submitted_at__isnull=False,
                                   assignment__conflict_declared=False, score__isnull=False,
                                   criterion__area__programme=stage.round.programme_id)
    totals: dict[int, list[float]] = {}
    for application_id, total in _weighted_totals(counted):
        totals.setdefault(application_id, []).append(total)
    return {k: statistics.mean(v) for k, v in totals.items()}


def meeting_stage(round_: Round) -> Stage:
    """The stage the meeting table shows unless another is asked for: the latest with submitted reviews,
    else the first."""
    latest = (round_.stages.filter(assignments__submitted_at__isnull=False).order_by("-order", "-pk").first())
    return latest or staging.first_stage(round_)


def meeting(round_: Round, stage: Stage | None = None) -> list[MeetingRow]:
    """The jury meeting table of one stage (default :func:`meeting_stage`): per application that reached
    the stage the mean of the submitted weighted totals (Σ weight × score ÷
    Σ weight × scale), their spread (highest − lowest), criteria whose mean score falls below the criterion's
    minimum, and the ranking by mean (1 = best, equal means share a rank; applications without a submitted
    review are not ranked).

    Six queries whatever the size of the round, the sums done by the database: the stage, the criteria,
    the applications, each submitted review's weighted total, the number of reviews, and each application's
    mean score per criterion.
    """
    stage = stage or meeting_stage(round_)
    criteria = {c.pk: c for c in Criterion.objects.filter(area__programme=round_.programme)}  # catalogue order
    applications = list(staging.in_stage(stage).select_related("organisation", "decision").order_by("pk"))
    counted = Score.objects.filter(assignment__stage=stage, assignment__submitted_at__isnull=False,
                                   assignment__conflict_declared=False, score__isnull=False,
                                   criterion__area__programme=round_.programme_id)
    totals: dict[int, list[float]] = {}
    for application_id, total in _weighted_totals(counted):
        totals.setdefault(application_id, []).append(total)
    reviews = dict(Assignment.objects.filter(stage=stage, submitted_at__isnull=False, conflict_declared=False)
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


