"""The rules of the job evaluation (docs/paytransparency.md): jobs from the export's job titles, merged
by hand; scoring with its history; points, bands of equal value and the weight check; and the category of
each job title that new snapshots use for the art. 9(1)(g) figures and the art. 10 check."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from paritas.analytics import jobs
from paritas.web.organisations.models import Organisation
from paritas.web.paytransparency.models import Evaluation, Job, Score
from paritas.web.workforce.models import Snapshot


def evaluation_of(organisation: Organisation) -> Evaluation:
    return Evaluation.objects.get_or_create(organisation=organisation)[0]


def latest_counts(organisation: Organisation) -> dict[str, tuple[int, int]]:
    """Women and men with pay per job title in the organisation's latest snapshot that has job titles."""
    for counts in (Snapshot.objects.filter(organisation=organisation).order_by("-reference_date", "-pk")
                   .values_list("job_counts", flat=True)):
        if counts:
            return {title: (int(w), int(m)) for title, (w, m) in counts.items()}
    return {}


@transaction.atomic
def sync_jobs(organisation: Organisation) -> int:
    """A job for every job title of the latest snapshot that no job stands for yet; the number added."""
    covered = {t for titles in Job.objects.filter(organisation=organisation).values_list("titles", flat=True)
               for t in titles}
    new = [title for title in latest_counts(organisation) if title and title not in covered]
    taken = set(Job.objects.filter(organisation=organisation).values_list("title", flat=True))
    Job.objects.bulk_create([Job(organisation=organisation, title=t, titles=[t]) for t in new if t not in taken])
    return len(new)


@transaction.atomic
def merge(organisation: Organisation, job_ids: list[int], title: str) -> Job:
    """Several jobs that are the same work under different titles become one (their scores go: the merged
    job is scored anew)."""
    found = list(Job.objects.select_for_update().filter(organisation=organisation, pk__in=job_ids))
    title = " ".join(title.split())[:200]
    if len(found) < 2:
        raise ValidationError(_("Choose at least two jobs to merge."))
    if not title:
        raise ValidationError(_("Give the merged job a name."))
    if Job.objects.filter(organisation=organisation, title=title).exclude(pk__in=job_ids).exists():
        raise ValidationError(_("Another job has this name."))
    titles = sorted({t for job in found for t in job.titles})
    keep, *rest = sorted(found, key=lambda j: j.pk)
    Job.objects.filter(pk__in=[j.pk for j in rest]).delete()
    keep.title, keep.titles, keep.levels, keep.scored_by, keep.scored_at = title, titles, {}, None, None
    keep.save()
    return keep


def score(job: Job, levels: dict[str, int], user: Any, note: str = "") -> Score:
    """Score a job: the levels are checked against the plan, kept on the job and in its history."""
    plan = evaluation_of(job.organisation).plan()
    try:
        plan.check()
        total = jobs.points(plan, levels)
    except jobs.PlanError as exc:
        raise ValidationError(str(exc)) from None
    with transaction.atomic():
        job.levels, job.scored_by, job.scored_at = dict(levels), user, timezone.now()
        job.save(update_fields=["levels", "scored_by", "scored_at"])
        return Score.objects.create(job=job, levels=dict(levels), points=total, by=user, note=note[:300])


def add_subfactor(evaluation: Evaluation, user: Any, *, factor: str, name: str, levels: int) -> None:
    """A sub-factor of the organisation's own under ``factor``: it gets an equal share of the factor's
    weight (the others keep their proportions); jobs scored before are scored on it anew."""
    from django.utils.text import slugify

    name = " ".join(name.split())[:100]
    if factor not in jobs.FACTORS or not name:
        raise ValidationError(_("Name the sub-factor and choose its factor."))
    if any(s.get("name", "").lower() == name.lower() for s in evaluation.subfactors):
        raise ValidationError(_("The plan has a sub-factor of this name."))
    taken = {s["key"] for s in evaluation.subfactors}
    key, n = f"own-{slugify(name)[:40] or 'subfactor'}", 1
    while key in taken or key in dict(jobs.DEFAULT_SUBFACTORS):
        n += 1
        key = f"own-{slugify(name)[:40] or 'subfactor'}-{n}"
    mine = [s for s in evaluation.subfactors if s["factor"] == factor]
    share = 1 / (len(mine) + 1)
    subs = [{**s, "weight": s["weight"] * (1 - share)} if s["factor"] == factor else s for s in evaluation.subfactors]
    subs.append({"key": key, "factor": factor, "weight": share, "levels": int(levels), "name": name})
    evaluation.subfactors, evaluation.updated_by = subs, user
    evaluation.save(update_fields=["subfactors", "updated_by", "updated_at"])


def remove_subfactor(evaluation: Evaluation, user: Any, key: str) -> None:
    """Remove a sub-factor; the others of its factor take its weight in their proportions. A factor keeps at
    least one sub-factor (art. 4(4) names all four)."""
    found = next((s for s in evaluation.subfactors if s["key"] == key), None)
    if found is None:
        raise ValidationError(_("The plan has no such sub-factor."))
    rest = [s for s in evaluation.subfactors if s["factor"] == found["factor"] and s["key"] != key]
    if not rest:
        raise ValidationError(_("Each of the four factors keeps at least one sub-factor."))
    total = sum(s["weight"] for s in rest)
    evaluation.subfactors = [{**s, "weight": s["weight"] / total} if s["factor"] == found["factor"] else s
                             for s in evaluation.subfactors if s["key"] != key]
    evaluation.updated_by = user
    evaluation.save(update_fields=["subfactors", "updated_by", "updated_at"])


@dataclass(frozen=True, slots=True)
class Row:
    job: Job
    women: int
    men: int
    points: float | None
    band: jobs.Band | None
    by_factor: dict[str, float] | None


@dataclass(frozen=True, slots=True)
class Overview:
    rows: tuple[Row, ...]
    checks: tuple[jobs.FactorCheck, ...]
    plan_problem: str


def overview(organisation: Organisation) -> Overview:
    """Every job with its people (latest snapshot), points, band and points by factor; the weight check."""
    evaluation = evaluation_of(organisation)
    plan = evaluation.plan()
    try:
        plan.check()
        problem = ""
    except jobs.PlanError as exc:
        problem = str(exc)
    counts = latest_counts(organisation)
    found = list(Job.objects.filter(organisation=organisation).select_related("scored_by"))
    valid: dict[str, dict[str, int]] = {}
    if not problem:
        for job in found:
            try:
                jobs.points(plan, job.levels)
            except jobs.PlanError:
                continue  # not scored yet, or scored under sub-factors the plan no longer has
            valid[job.title] = job.levels
    scores = {title: jobs.points(plan, levels) for title, levels in valid.items()}
    banded = evaluation.bands(scores) if scores else {}
    people = {job.title: (sum(counts.get(t, (0, 0))[0] for t in job.titles),
                          sum(counts.get(t, (0, 0))[1] for t in job.titles)) for job in found}
    rows = tuple(Row(job, *people[job.title], scores.get(job.title), banded.get(job.title),
                     jobs.factor_points(plan, valid[job.title]) if job.title in valid else None) for job in found)
    checks = jobs.weight_check(plan, valid, people) if valid else ()
    return Overview(rows, checks, problem)


def categories(organisation: Organisation) -> dict[str, str]:
    """The category of equal value of each export job title whose job is scored: its band of points
    ('400–500'), the same in every language."""
    if not Evaluation.objects.filter(organisation=organisation).exists():
        return {}
    view = overview(organisation)
    return {title: row.band.label for row in view.rows if row.band is not None for title in row.job.titles}
