"""Review stages: the stages of a round, written as data (awards.models.Stage), compiled into one state
machine per round, and the services that move applications through it.

An application's state is the stage it is in and how it stands there: ``under review``, ``moved on`` (to
the next stage, where it is under review) or ``did not move on``. A stage is *upcoming* before its review
opens, *reviewing* from then until its selection is applied, and *decided* after. The transitions:

========  ==========================  ==========================  ==================================================
event     from                        to                          guard
========  ==========================  ==========================  ==================================================
enter     (submitted)                 stage 1 · under review      the application was submitted
advance   stage k · under review      stage k · moved on,         not the last stage; the round has closed; stage k
                                      stage k+1 · under review    is reviewing
drop      stage k · under review      stage k · did not move on   the round has closed; stage k is reviewing
reopen    stage k · moved on / out    stage k · under review      stage k+1 has no submitted review of it
========  ==========================  ==========================  ==================================================

The last stage has no "advance": its outcome is the jury's decision (awards/domain/decisions.py).
Written by hand rather than with a state-machine library: the machine is a four-row table, and its
guards need the database, which such libraries leave to callbacks anyway.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext as _

from paritas.web.awards.models import Application, Assignment, Round, Stage, StageEntry

#: A round made without stages gets one: its jury reviews from the call's opening to ten weeks after the
#: close (TOTAL E-QUALITY: the round closes on 30 April, the jury decides in July).
DEFAULT_REVIEW = timedelta(weeks=10)

REVIEW, ADVANCED, OUT = StageEntry.State.REVIEW, StageEntry.State.ADVANCED, StageEntry.State.OUT
UPCOMING, REVIEWING, DECIDED = "upcoming", "reviewing", "decided"


@dataclass(frozen=True)
class StageSpec:
    """One stage as the state machine sees it."""

    pk: int
    order: int
    name: str
    opens_at: datetime
    closes_at: datetime
    sheet: str
    rule: str
    rule_value: int | None
    decided: bool

    def phase(self, now: datetime) -> str:
        """upcoming before the review opens, decided once the selection is applied, reviewing between."""
        if self.decided:
            return DECIDED
        return UPCOMING if now < self.opens_at else REVIEWING


#: (event, state the application is in) → the state it goes to, in the same stage.
TRANSITIONS: dict[tuple[str, str], str] = {
    ("advance", REVIEW): ADVANCED,
    ("drop", REVIEW): OUT,
    ("reopen", ADVANCED): REVIEW,
    ("reopen", OUT): REVIEW,
}


@dataclass(frozen=True)
class Workflow:
    """The stages of one round, in order, compiled into the machine of the module docstring."""

    round_closes_at: datetime
    stages: tuple[StageSpec, ...]

    @classmethod
    def of(cls, round_: Round) -> Workflow:
        return cls(round_.closes_at, tuple(
            StageSpec(s.pk, i, s.name, s.opens_at, s.closes_at, s.sheet, s.rule, s.rule_value, s.decided_at is not None)
            for i, s in enumerate(round_.stages.order_by("order", "pk"))))

    def index(self, stage_pk: int) -> int:
        for i, spec in enumerate(self.stages):
            if spec.pk == stage_pk:
                return i
        raise ValidationError(_("This stage belongs to another round."))

    def next(self, stage_pk: int) -> StageSpec | None:
        i = self.index(stage_pk)
        return self.stages[i + 1] if i + 1 < len(self.stages) else None

    def is_last(self, stage_pk: int) -> bool:
        return self.next(stage_pk) is None

    def check(self, event: str, stage_pk: int, state: str, now: datetime) -> str:
        """The state ``event`` leads to from ``state`` in the stage, or a ValidationError saying why not."""
        spec = self.stages[self.index(stage_pk)]
        target = TRANSITIONS.get((event, state))
        if target is None:
            raise ValidationError(_("“%(event)s” is not possible for an application that is “%(state)s”.")
                                  % {"event": event_label(event), "state": StageEntry.State(state).label})
        if event in ("advance", "drop"):
            if now < self.round_closes_at:
                raise ValidationError(_("The round is still open; who moves on is chosen once every application "
                                        "is in."))
            if spec.phase(now) == UPCOMING:
                raise ValidationError(_("The review of “%(stage)s” has not begun.") % {"stage": spec.name})
            if spec.decided:
                raise ValidationError(_("The selection of “%(stage)s” was applied; reopen the stage first.")
                                      % {"stage": spec.name})
        if event == "advance" and self.is_last(stage_pk):
            raise ValidationError(_("“%(stage)s” is the last stage: its outcome is the jury's decision.")
                                  % {"stage": spec.name})
        return target


def event_label(event: str) -> str:
    return {"advance": _("move on"), "drop": _("do not move on"), "reopen": _("reopen")}.get(event, event)


# -- Stages of a round ----------------------------------------------------------------------------------


@receiver(post_save, sender=Round, dispatch_uid="awards-default-stage")
def _default_stage(sender: type[Round], instance: Round, created: bool, raw: bool = False, **kwargs: Any) -> None:
    """A new round starts with one stage (see DEFAULT_REVIEW); administrators add and edit stages."""
    if created and not raw:
        Stage.objects.create(round=instance, order=0, name=_("Jury review"), opens_at=instance.opens_at,
                             closes_at=instance.closes_at + DEFAULT_REVIEW)


def first_stage(round_: Round) -> Stage:
    return round_.stages.order_by("order", "pk").first()  # type: ignore[return-value]


def reviewers(stage: Stage) -> Any:
    """The stage's reviewers: those named for it, or else the round's whole jury."""
    named = stage.reviewers.all()
    return named if named.exists() else stage.round.jurors.all()


def current_entry(application: Application) -> StageEntry | None:
    """The application's entry in the latest stage it reached."""
    return (application.stage_entries.select_related("stage").order_by("-stage__order", "-stage__pk").first())


def enter(application: Application) -> StageEntry:
    """A submitted application enters the round's first stage."""
    stage = first_stage(application.round)
    entry, _created = StageEntry.objects.get_or_create(stage=stage, application=application)
    return entry


def _check_stage_dates(stage: Stage) -> None:
    if stage.closes_at <= stage.opens_at:
        raise ValidationError(_("A stage's review closes after it opens."))


def add_stage(round_: Round, name: str, opens_at: datetime, closes_at: datetime, **settings: Any) -> Stage:
    """A further stage at the end of the round; refused once the last stage's selection was applied."""
    last = round_.stages.order_by("-order", "-pk").first()
    if last is not None and last.decided_at is not None:
        raise ValidationError(_("The round's last stage is decided; a stage cannot be added after it."))
    stage = Stage(round=round_, name=name.strip() or _("New stage"), opens_at=opens_at, closes_at=closes_at,
                  order=(last.order + 1) if last else 0, **settings)
    _check_stage_dates(stage)
    if last is not None and opens_at < last.opens_at:
        raise ValidationError(_("A stage opens no earlier than the stage before it."))
    stage.save()
    return stage


def remove_stage(stage: Stage) -> None:
    """Remove a stage nobody has reached or been assigned to; a round keeps at least one stage."""
    if stage.round.stages.count() <= 1:
        raise ValidationError(_("A round keeps at least one stage."))
    if stage.entries.exists() or stage.assignments.exists():
        raise ValidationError(_("Applications have reached this stage; it stays."))
    stage.delete()


def save_stage(stage: Stage) -> Stage:
    _check_stage_dates(stage)
    if stage.rule == Stage.Rule.TOP and not stage.rule_value:
        raise ValidationError(_("Say how many applications move on."))
    if stage.rule == Stage.Rule.MINIMUM and (stage.rule_value is None or stage.rule_value > 100):
        raise ValidationError(_("Give the minimum mean score in per cent (0 to 100)."))
    stage.save()
    return stage


# -- Moving applications through the stages -------------------------------------------------------------


@transaction.atomic
def move(entry: StageEntry, event: str, by: Any, now: datetime | None = None,
         workflow: Workflow | None = None) -> StageEntry:
    """Apply ``event`` to one application in one stage (see the module docstring), under a row lock;
    ``workflow``: the round's compiled stages, when the caller moves many entries of one round at once."""
    now = now or timezone.now()
    entry = StageEntry.objects.select_for_update().select_related("stage__round").get(pk=entry.pk)
    workflow = workflow or Workflow.of(entry.stage.round)
    target = workflow.check(event, entry.stage_id, entry.state, now)
    following = workflow.next(entry.stage_id)
    if event == "reopen" and entry.state == ADVANCED and following is not None:
        later = StageEntry.objects.filter(stage_id=following.pk, application=entry.application_id).first()
        if later is not None and later.state != REVIEW:
            raise ValidationError(_("It has moved on from the next stage too; reopen that first."))
        if Assignment.objects.filter(stage_id=following.pk, application=entry.application_id,
                                     submitted_at__isnull=False).exists():
            raise ValidationError(_("Reviews of the next stage are submitted; the decision to move it on stays."))
        Assignment.objects.filter(stage_id=following.pk, application=entry.application_id).delete()
        if later is not None:
            later.delete()
    entry.state, entry.changed_by = target, by
    entry.save(update_fields=["state", "changed_by", "changed_at"])
    if event == "advance" and following is not None:
        StageEntry.objects.get_or_create(stage_id=following.pk, application_id=entry.application_id,
                                         defaults={"changed_by": by})
    if event == "reopen":
        Stage.objects.filter(pk=entry.stage_id).update(decided_at=None, decided_by=None)
    return entry


@dataclass(frozen=True)
class Candidate:
    """An application under review in a stage, with the stage's mean score and the rule's proposal."""

    entry: StageEntry
    mean: float | None
    reviews: int
    yes: int
    proposed: bool


def candidates(stage: Stage) -> list[Candidate]:
    """The applications under review in the stage, best first, each proposed to move on by the stage's rule:
    the top N by mean weighted total (ties at the N-th place all move on), or a mean of at least the
    minimum; by hand, those most reviewers recommended (or none, where nobody recommended)."""
    from paritas.web.awards.domain.jury import stage_means

    entries = list(stage.entries.filter(state=REVIEW, application__status=Application.Status.SUBMITTED)
                   .select_related("application__organisation"))
    means = stage_means(stage)
    yes = dict(Assignment.objects.filter(stage=stage, submitted_at__isnull=False).values("application_id")
               .annotate(n=Count("pk", filter=Q(recommendation=Assignment.Recommendation.YES)))
               .values_list("application_id", "n"))
    reviews = dict(Assignment.objects.filter(stage=stage, submitted_at__isnull=False, conflict_declared=False)
                   .values("application_id").annotate(n=Count("pk")).values_list("application_id", "n"))
    entries.sort(key=lambda e: (-(means.get(e.application_id) if means.get(e.application_id) is not None else -1),
                                e.application.organisation.name))
    proposed: set[int] = set()
    if stage.rule == Stage.Rule.TOP and stage.rule_value:
        scored = [e for e in entries if means.get(e.application_id) is not None]
        if scored:
            cut = means[scored[min(stage.rule_value, len(scored)) - 1].application_id]
            proposed = {e.application_id for e in scored if means[e.application_id] >= cut - 1e-9}
    elif stage.rule == Stage.Rule.MINIMUM and stage.rule_value is not None:
        proposed = {e.application_id for e in entries if means.get(e.application_id) is not None
                    and means[e.application_id] * 100 >= stage.rule_value - 1e-9}
    else:  # by hand: proposed where more than half of the submitted reviews recommend it
        proposed = {e.application_id for e in entries
                    if yes.get(e.application_id, 0) * 2 > reviews.get(e.application_id, 0) > 0}
    return [Candidate(e, means.get(e.application_id), reviews.get(e.application_id, 0), yes.get(e.application_id, 0),
                      e.application_id in proposed) for e in entries]


@transaction.atomic
def apply_selection(stage: Stage, moving_on: set[int], by: Any, now: datetime | None = None) -> tuple[int, int]:
    """Move on the applications ``moving_on`` (application ids) and not the others under review in the
    stage; the stage is then decided. Returns (moved on, not moved on)."""
    now = now or timezone.now()
    stage = Stage.objects.select_for_update().get(pk=stage.pk)
    workflow = Workflow.of(stage.round)
    if workflow.is_last(stage.pk):
        raise ValidationError(_("“%(stage)s” is the last stage: its outcome is the jury's decision.")
                              % {"stage": stage.name})
    entries = list(stage.entries.filter(state=REVIEW, application__status=Application.Status.SUBMITTED))
    unknown = moving_on - {e.application_id for e in entries}
    if unknown:
        raise ValidationError(_("Only applications under review in this stage can move on."))
    if not entries:
        raise ValidationError(_("No application is under review in this stage."))
    for entry in entries:
        move(entry, "advance" if entry.application_id in moving_on else "drop", by, now, workflow)
    stage.decided_at, stage.decided_by = now, by
    stage.save(update_fields=["decided_at", "decided_by"])
    return len(moving_on), len(entries) - len(moving_on)


def reopen_stage(stage: Stage, by: Any, now: datetime | None = None) -> int:
    """Take a stage's selection back (each application as :func:`move` "reopen" allows)."""
    with transaction.atomic():
        count = 0
        workflow = Workflow.of(stage.round)
        for entry in stage.entries.exclude(state=REVIEW):
            move(entry, "reopen", by, now, workflow)
            count += 1
        Stage.objects.filter(pk=stage.pk).update(decided_at=None, decided_by=None)
    return count


def in_stage(stage: Stage, state: str | None = None) -> Any:
    """The submitted applications that reached ``stage`` (in ``state`` there, if given)."""
    entries = stage.entries.filter(application__status=Application.Status.SUBMITTED)
    if state:
        entries = entries.filter(state=state)
    return Application.objects.filter(pk__in=entries.values("application_id"))


def phase(stage: Stage, now: datetime | None = None) -> str:
    """upcoming, reviewing or decided (see :meth:`StageSpec.phase`)."""
    workflow = Workflow.of(stage.round)
    return workflow.stages[workflow.index(stage.pk)].phase(now or timezone.now())


def open_for_review(stage: Stage, now: datetime | None = None) -> bool:
    """Reviews may be saved while the stage is reviewing (after its close too, until the selection)."""
    now = now or timezone.now()
    return stage.decided_at is None and now >= stage.opens_at


def days_left(stage: Stage, today: Any) -> int:
    """Whole days from ``today`` to the stage's closing day, both in the round's time zone (0: closes
    today; negative: overdue)."""
    from zoneinfo import ZoneInfo

    return (stage.closes_at.astimezone(ZoneInfo(stage.round.time_zone)).date() - today).days
