"""Plans: the business rules, tested without HTTP (docs/plans.md).

A plan has versions, one a year. A version is edited while it is a draft (or returned), submitted by an
analyst or owner, and approved or returned by an owner who records the board's decision; an approved
version is read-only, and the next year's version starts as its copy. Every change is recorded in the
version's history; submission, approval and return also in the organisation's audit log.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from paritas.web.accounts import audit
from paritas.web.accounts.models import AuditEvent
from paritas.web.organisations.models import Membership, Organisation
from paritas.web.plans import library, progress
from paritas.web.plans.models import ChangeRecord, Measure, Plan, PlanVersion, Target
from paritas.web.text import clean_text
from paritas.web.workforce.models import Snapshot

#: A plan's structure analysis covers up to this many reference dates (the last four, as equality plans do).
MAX_SNAPSHOTS = 4
TARGET_FIELDS = ("area", "group", "basis", "target", "deadline", "interim", "note")
MEASURE_FIELDS = ("title", "description", "owner", "target_group", "quantity", "start", "end", "budget", "indicator",
                  "status", "status_reason")


def _role(organisation: Organisation, user: Any) -> Membership:
    membership = Membership.objects.filter(organisation=organisation, user=user).first()
    if membership is None:
        raise PermissionDenied
    return membership


def _require(organisation: Organisation, user: Any, role: str) -> None:
    if not _role(organisation, user).allows(role):
        raise PermissionDenied


def _require_editable(version: PlanVersion) -> None:
    version.refresh_from_db(fields=["status"])
    if not version.editable:
        raise ValidationError(_("This version is submitted or approved and can no longer be changed; start the next "
                                "version to change it."))


def record(version: PlanVersion, user: Any, what: str) -> None:
    ChangeRecord.objects.create(version=version, user=user if getattr(user, "pk", None) else None, what=what[:300])


def latest_snapshots(organisation: Organisation, count: int = MAX_SNAPSHOTS) -> list[Snapshot]:
    """The organisation's last ``count`` reference dates, oldest first."""
    newest = list(organisation.snapshots.defer("xlsx", "raw_rows", "summary").order_by("-reference_date")[:count])
    return newest[::-1]


# --- Plans and versions ------------------------------------------------------------------------------------

@transaction.atomic
def create_plan(organisation: Organisation, user: Any, *, title: str, kind: str, legal_basis: str, period_start: int,
                period_end: int, year: int | None = None, departments: list[str] | None = None,
                equality_officer: Any = None) -> PlanVersion:
    """A new plan and its first version, with the last four snapshots as its structure analysis."""
    _require(organisation, user, Membership.Role.ANALYST)
    if period_end < period_start:
        raise ValidationError(_("The last year of the period lies before its first."))
    if equality_officer is not None and not Membership.objects.filter(organisation=organisation,
                                                                     user=equality_officer).exists():
        raise ValidationError(_("The equality officer must be a member of the organisation."))
    plan = Plan.objects.create(organisation=organisation, title=title.strip(), kind=kind, legal_basis=legal_basis,
                               period_start=period_start, period_end=period_end, departments=departments or [],
                               equality_officer=equality_officer)
    version = PlanVersion.objects.create(plan=plan, number=1, year=year or period_start, created_by=user)
    version.snapshots.set(latest_snapshots(organisation))
    record(version, user, _("Plan created"))
    return version


def set_snapshots(version: PlanVersion, user: Any, snapshots: list[Snapshot]) -> None:
    organisation = version.plan.organisation
    _require(organisation, user, Membership.Role.ANALYST)
    _require_editable(version)
    if len(snapshots) > MAX_SNAPSHOTS:
        raise ValidationError(_("Choose at most four reference dates."))
    if any(s.organisation_id != organisation.pk for s in snapshots):
        raise PermissionDenied
    version.snapshots.set(snapshots)
    record(version, user, _("Reference dates: %(dates)s") % {
        "dates": ", ".join(sorted(s.reference_date.isoformat() for s in snapshots))})


@transaction.atomic
def new_version(previous: PlanVersion, user: Any, year: int | None = None) -> PlanVersion:
    """The next year's version (Fortschreibung): a copy of ``previous`` — targets and measures keep their
    keys, so the new version can show what changed — with the organisation's latest snapshots."""
    plan = Plan.objects.select_for_update().get(pk=previous.plan_id)
    _require(plan.organisation, user, Membership.Role.ANALYST)
    if plan.versions.exclude(status=PlanVersion.Status.APPROVED).exists():
        raise ValidationError(_("A version of this plan is still open; approve it before starting the next."))
    number = (plan.versions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    version = PlanVersion.objects.create(plan=plan, number=number, year=year or previous.year + 1,
                                         summary=previous.summary, created_by=user)
    version.snapshots.set(latest_snapshots(plan.organisation))
    targets = {}
    for old in previous.targets.all():
        targets[old.pk] = Target.objects.create(version=version, key=old.key,
                                                **{f: getattr(old, f) for f in TARGET_FIELDS})
    for old in previous.measures.prefetch_related("targets"):
        copy = Measure.objects.create(version=version, key=old.key, library_key=old.library_key, reported=old.reported,
                                      **{f: getattr(old, f) for f in MEASURE_FIELDS})
        copy.targets.set([targets[t.pk] for t in old.targets.all() if t.pk in targets])
    record(version, user, _("Version %(number)s started from version %(previous)s") % {
        "number": number, "previous": previous.number})
    return version


# --- Targets and measures -------------------------------------------------------------------------------------

def _percent(value: Any, name: str) -> Decimal:
    try:
        number = Decimal(str(value).replace(",", ".").replace("%", "").strip())
    except (InvalidOperation, ValueError):
        raise ValidationError(_("%(name)s: give a percentage, e.g. 45 or 45.5.") % {"name": name}) from None
    if not number.is_finite() or not Decimal(0) <= number <= Decimal(100):
        raise ValidationError(_("%(name)s: a percentage lies between 0 and 100.") % {"name": name})
    return number.quantize(Decimal("0.1"))


def _interim(items: Any, plan: Plan, deadline: int) -> list[dict[str, Any]]:
    out = []
    for item in items or []:
        try:
            year = int(item["year"])
            value = item["target"]
        except (KeyError, TypeError, ValueError):
            raise ValidationError(_("Write each interim target as year: per cent, e.g. 2026: 40.")) from None
        if not plan.period_start <= year < deadline:
            raise ValidationError(_("An interim target lies between the plan's first year and the deadline."))
        out.append({"year": year, "target": float(_percent(value, _("interim target")))})
    return sorted(out, key=lambda i: i["year"])


def save_target(version: PlanVersion, user: Any, data: dict[str, Any], target: Target | None = None) -> Target:
    """Create or change a target of an editable version."""
    _require(version.plan.organisation, user, Membership.Role.ANALYST)
    _require_editable(version)
    if target is not None and target.version_id != version.pk:
        raise PermissionDenied
    plan = version.plan
    try:
        deadline = int(data["deadline"])
    except (KeyError, TypeError, ValueError):
        raise ValidationError(_("The deadline lies within the plan's period (or up to ten years after it).")) from None
    if not plan.period_start <= deadline <= plan.period_end + 10:
        raise ValidationError(_("The deadline lies within the plan's period (or up to ten years after it)."))
    area = data["area"]
    if area not in Target.Area.values:
        raise ValidationError(_("Choose an area."))
    group = clean_text(str(data.get("group") or "").strip())[:100]
    clean_text(str(data.get("note") or ""))
    if area in progress.BREAKDOWN_AREAS and not group:
        raise ValidationError(_("Name the group (level, pay grade, career group or department)."))
    if area == "pay_gap" and group not in ("mean", "median"):
        group = "mean"
    values = {"area": area, "group": group, "basis": data.get("basis") or Target.Basis.HEADS,
              "target": _percent(data["target"], _("target")), "deadline": deadline,
              "interim": _interim(data.get("interim"), plan, deadline), "note": str(data.get("note") or "")[:300]}
    created = target is None
    target = target or Target(version=version)
    for name, value in values.items():
        setattr(target, name, value)
    target.save()
    record(version, user, (_("Target added: %(target)s") if created else _("Target changed: %(target)s"))
           % {"target": describe_target(target)})
    return target


def delete_target(target: Target, user: Any) -> None:
    _require(target.version.plan.organisation, user, Membership.Role.ANALYST)
    _require_editable(target.version)
    record(target.version, user, _("Target removed: %(target)s") % {"target": describe_target(target)})
    target.delete()


def _date(value: Any, name: str) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    text = str(value).strip()
    for fmt in ("%Y-%m-%d", "%d.%m.%Y"):
        try:
            from datetime import datetime

            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValidationError(_("%(name)s: give a date such as 2025-03-01 or 01.03.2025.") % {"name": name})


def _budget(value: Any) -> Decimal | None:
    if value in (None, ""):
        return None
    text = str(value).replace("€", "").replace("kr", "").replace(" ", "").strip()
    if "," in text and "." in text:
        text = text.replace(".", "").replace(",", ".") if text.rfind(",") > text.rfind(".") else text.replace(",", "")
    else:
        text = text.replace(",", ".")
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise ValidationError(_("Budget: give an amount, e.g. 25000 or 25.000,00.")) from None
    if not number.is_finite() or number < 0 or number >= Decimal("1e10"):
        raise ValidationError(_("Budget: give an amount, e.g. 25000 or 25.000,00."))
    return number.quantize(Decimal("0.01"))


def clean_measure(data: dict[str, Any]) -> dict[str, Any]:
    """A measure's fields, checked (title required, dates, budget, status with a reason when dropped).
    Raises a ValidationError whose ``message_dict`` names the field of each problem."""
    errors: dict[str, list[str]] = {}
    title = str(data.get("title") or "").strip()
    if not title:
        errors["title"] = [_("A measure needs a title.")]
    texts = {name: str(data.get(name) or "").strip() for name in ("title", "description", "owner", "target_group",
                                                                   "quantity", "indicator", "status_reason")}
    for name, value in texts.items():
        try:
            clean_text(value)
        except ValidationError as exc:
            errors.setdefault(name, []).extend(exc.messages)
    status = data.get("status") or Measure.Status.PLANNED
    if status not in Measure.Status.values:
        errors["status"] = [_("Choose a status: planned, in progress, embedded, completed or dropped.")]
    elif status == Measure.Status.DROPPED and not texts["status_reason"]:
        errors["status_reason"] = [_("Say why the measure was dropped.")]
    parsed: dict[str, Any] = {}
    for name, parse in (("start", lambda v: _date(v, _("start"))), ("end", lambda v: _date(v, _("end"))),
                        ("budget", _budget)):
        try:
            parsed[name] = parse(data.get(name))
        except ValidationError as exc:
            errors[name] = exc.messages
    if parsed.get("start") and parsed.get("end") and parsed["end"] < parsed["start"]:
        errors["end"] = [_("The end lies before the start.")]
    if errors:
        raise ValidationError(errors)
    del texts["title"]
    return {"title": title[:200], **{k: v[:300] if k != "description" else v for k, v in texts.items()},
            "status": status, **parsed}


def save_measure(version: PlanVersion, user: Any, data: dict[str, Any], measure: Measure | None = None,
                 targets: list[Target] | None = None) -> Measure:
    _require(version.plan.organisation, user, Membership.Role.ANALYST)
    _require_editable(version)
    if measure is not None and measure.version_id != version.pk:
        raise PermissionDenied
    values = clean_measure(data)
    created = measure is None
    measure = measure or Measure(version=version, library_key=str(data.get("library_key") or "")[:50])
    for name, value in values.items():
        setattr(measure, name, value)
    measure.save()
    if targets is not None:
        if any(t.version_id != version.pk for t in targets):
            raise PermissionDenied
        measure.targets.set(targets)
    record(version, user, (_("Measure added: %(title)s") if created else _("Measure changed: %(title)s"))
           % {"title": measure.title})
    return measure


def measure_from(version: PlanVersion, user: Any, organisation: Organisation, *, title: str, description: str,
                 target_group: str = "", end: date | None = None, budget: Decimal | None = None) -> Measure:
    """A planned measure that another part of the platform proposes (a pay survey's action, a joint pay
    assessment's remedy), into an editable version of one of ``organisation``'s plans."""
    if version.plan.organisation_id != organisation.pk:
        raise ValidationError(_("Choose one of the organisation's plans."))
    return save_measure(version, user, {"title": title, "description": description,
                                        "target_group": target_group[:200], "end": end, "budget": budget})


def delete_measure(measure: Measure, user: Any) -> None:
    _require(measure.version.plan.organisation, user, Membership.Role.ANALYST)
    _require_editable(measure.version)
    record(measure.version, user, _("Measure removed: %(title)s") % {"title": measure.title})
    measure.delete()


def add_from_library(version: PlanVersion, user: Any, key: str) -> Measure:
    """Copy a library measure into the plan, in the organisation's language (the plan is written in it)."""
    from django.utils import translation

    template = library.BY_KEY.get(key)
    if template is None:
        raise ValidationError(_("There is no such measure in the library."))
    with translation.override(version.plan.organisation.language or "de"):
        data = {"title": str(template.title), "description": str(template.description),
                "target_group": str(template.target_group), "indicator": str(template.indicator)}
    return save_measure(version, user, {**data, "library_key": key})


def report_value(measure: Measure, user: Any, on: date, value: float) -> None:
    """The owner of a measure reports its indicator's value on a date (kept with the measure)."""
    _require(measure.version.plan.organisation, user, Membership.Role.ANALYST)
    _require_editable(measure.version)
    entries = [e for e in measure.reported if e.get("date") != on.isoformat()]
    entries.append({"date": on.isoformat(), "value": value})
    measure.reported = sorted(entries, key=lambda e: e["date"])
    measure.save(update_fields=["reported"])
    record(measure.version, user, _("Reported for %(title)s: %(value)s on %(date)s") % {
        "title": measure.title, "value": value, "date": on.isoformat()})


# --- Submission, statement, approval ---------------------------------------------------------------------------

def _audit(version: PlanVersion, user: Any, what: str) -> None:
    audit.record(version.plan.organisation, user, AuditEvent.Action.PLAN,
                 detail=f"{version.plan.title} v{version.number} ({version.year}): {what}")


@transaction.atomic
def submit(version: PlanVersion, user: Any) -> PlanVersion:
    _require(version.plan.organisation, user, Membership.Role.ANALYST)
    locked = PlanVersion.objects.select_for_update().get(pk=version.pk)
    if not locked.editable:
        raise ValidationError(_("Only a draft or a returned version can be submitted."))
    if not locked.targets.exists() and not locked.measures.exists():
        raise ValidationError(_("A plan without targets or measures cannot be submitted."))
    locked.status, locked.submitted_by, locked.submitted_at = PlanVersion.Status.SUBMITTED, user, timezone.now()
    locked.save(update_fields=["status", "submitted_by", "submitted_at"])
    record(locked, user, _("Submitted"))
    _audit(locked, user, "submitted")
    return locked


@transaction.atomic
def decide(version: PlanVersion, user: Any, approve: bool, board: str = "", reference: str = "",
           note: str = "") -> PlanVersion:
    """An owner records the board's decision on a submitted version: approved (read-only from now on) or
    returned for changes (with a note)."""
    _require(version.plan.organisation, user, Membership.Role.OWNER)
    locked = PlanVersion.objects.select_for_update().get(pk=version.pk)
    if locked.status != PlanVersion.Status.SUBMITTED:
        raise ValidationError(_("Only a submitted version can be approved or returned."))
    if approve and not board.strip():
        raise ValidationError(_("Name the board that approved the plan."))
    if not approve and not note.strip():
        raise ValidationError(_("Say why the plan is returned."))
    locked.status = PlanVersion.Status.APPROVED if approve else PlanVersion.Status.RETURNED
    locked.decided_by, locked.decided_at = user, timezone.now()
    locked.board, locked.decision_reference, locked.decision_note = board.strip()[:200], reference.strip()[:100], note
    locked.save(update_fields=["status", "decided_by", "decided_at", "board", "decision_reference", "decision_note"])
    record(locked, user, _("Approved by %(board)s (%(reference)s)") % {"board": locked.board,
                                                                      "reference": locked.decision_reference or "–"}
           if approve else _("Returned: %(note)s") % {"note": note[:200]})
    _audit(locked, user, f"approved by {locked.board} ({locked.decision_reference})" if approve else "returned")
    return locked


def may_write_statement(version: PlanVersion, user: Any) -> bool:
    """The plan's equality officer writes the statement; without one named, an owner."""
    officer = version.plan.equality_officer_id
    if officer is not None:
        return officer == getattr(user, "pk", None)
    membership = Membership.objects.filter(organisation=version.plan.organisation, user=user).first()
    return membership is not None and membership.allows(Membership.Role.OWNER)


def set_statement(version: PlanVersion, user: Any, text: str) -> PlanVersion:
    if not may_write_statement(version, user):
        raise PermissionDenied
    version.refresh_from_db(fields=["status"])
    if version.status == PlanVersion.Status.APPROVED:
        raise ValidationError(_("The version is approved; its statement can no longer be changed."))
    clean_text(text)
    version.statement, version.statement_by, version.statement_at = text.strip(), user, timezone.now()
    version.save(update_fields=["statement", "statement_by", "statement_at"])
    record(version, user, _("Statement of the equality officer saved"))
    return version


# --- Progress and differences ------------------------------------------------------------------------------------

def points(version: PlanVersion) -> list[progress.Point]:
    snapshots = version.snapshots.defer("xlsx", "raw_rows", "summary").order_by("reference_date")
    return [progress.Point(s.reference_date, s.structure, s.paygap) for s in snapshots]


def target_progress(target: Target, at: list[progress.Point]) -> progress.Progress:
    interim = [(int(i["year"]), float(i["target"]) / 100) for i in target.interim]
    return progress.progress(at, target.area, target.group, target.basis, float(target.target) / 100,
                             target.deadline, interim)


def describe_target(target: Target) -> str:
    area = Target.Area(target.area).label
    group = f" {target.group}" if target.group else ""
    return f"{area}{group}: {target.target} % ({Target.Basis(target.basis).label}) {target.deadline}"


@dataclass
class Change:
    kind: str  # added, dropped, changed
    title: str
    fields: list[tuple[str, str, str]] = field(default_factory=list)  # (field label, before, after)


@dataclass
class Diff:
    previous: PlanVersion | None
    measures: list[Change]
    targets: list[Change]

    @property
    def empty(self) -> bool:
        return not self.measures and not self.targets


def _field_changes(old: Any, new: Any, names: tuple[str, ...]) -> list[tuple[str, str, str]]:
    out = []
    for name in names:
        before, after = getattr(old, name), getattr(new, name)
        if before != after:  # labels stay lazy: they are shown in the reader's language, not the writer's
            label = type(new)._meta.get_field(name).verbose_name
            out.append((label, _display(old, name), _display(new, name)))
    return out


def _display(obj: Any, name: str) -> Any:
    value = getattr(obj, name)
    if value in (None, "", []):
        return "–"
    choices = type(obj)._meta.get_field(name).flatchoices
    if choices:
        return dict(choices).get(value, value)
    if name == "interim":
        return ", ".join(f"{i['year']}: {i['target']} %" for i in value)
    return str(value)


def diff(version: PlanVersion) -> Diff:
    """What changed in ``version`` since the version before it: measures and targets added, dropped or
    changed (field by field), matched by their keys."""
    previous = (PlanVersion.objects.filter(plan=version.plan, number__lt=version.number).order_by("-number").first())
    if previous is None:
        return Diff(None, [], [])
    measures: list[Change] = []
    old = {m.key: m for m in previous.measures.all()}
    new = {m.key: m for m in version.measures.all()}
    for key, m in new.items():
        if key not in old:
            measures.append(Change("added", m.title))
        else:
            changes = _field_changes(old[key], m, MEASURE_FIELDS)
            if changes:
                measures.append(Change("changed", m.title, changes))
    measures += [Change("dropped", m.title) for key, m in old.items() if key not in new]
    targets: list[Change] = []
    old_t = {t.key: t for t in previous.targets.all()}
    new_t = {t.key: t for t in version.targets.all()}
    for key, t in new_t.items():
        if key not in old_t:
            targets.append(Change("added", describe_target(t)))
        else:
            changes = _field_changes(old_t[key], t, TARGET_FIELDS)
            if changes:
                targets.append(Change("changed", describe_target(t), changes))
    targets += [Change("dropped", describe_target(t)) for key, t in old_t.items() if key not in new_t]
    return Diff(previous, measures, targets)


# --- CSV import of measures ---------------------------------------------------------------------------------------

#: Headers of a measures CSV, in English, German and Swedish (case and spaces do not matter).
IMPORT_HEADERS = {
    "title": ("title", "titel", "maßnahme", "massnahme", "åtgärd"),
    "description": ("description", "beschreibung", "beskrivning"),
    "owner": ("owner", "responsible", "verantwortlich", "zuständig", "ansvarig"),
    "target_group": ("target group", "zielgruppe", "målgrupp"),
    "quantity": ("quantity", "umfang", "menge", "omfattning"),
    "start": ("start", "beginn", "från"),
    "end": ("end", "ende", "till"),
    "budget": ("budget", "mittel", "kosten", "kostnad"),
    "indicator": ("indicator", "indikator", "kennzahl"),
    "status": ("status", "stand"),
    "status_reason": ("reason", "begründung", "grund", "motivering"),
}
STATUS_WORDS = {
    "planned": ("planned", "geplant", "planerad"), "in_progress": ("in progress", "in umsetzung", "läuft", "pågår"),
    "embedded": ("embedded", "verstetigt", "förankrad"), "completed": ("completed", "abgeschlossen", "avslutad"),
    "dropped": ("dropped", "aufgegeben", "eingestellt", "avbruten"),
}


@dataclass(frozen=True)
class ImportProblem:
    row: int | None
    column: str | None
    message: str


def import_measures(version: PlanVersion, user: Any, content: bytes) -> tuple[list[Measure], list[ImportProblem]]:
    """Measures from a CSV (``;`` or ``,``, UTF-8 or Windows-1252): every row is checked first; with any
    problem nothing is imported, and each problem names its row and column."""
    _require(version.plan.organisation, user, Membership.Role.ANALYST)
    _require_editable(version)
    if len(content) > 2 * 1024 * 1024:
        return [], [ImportProblem(None, None, _("The file is larger than 2 MB."))]
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = content.decode("cp1252", errors="replace")
    try:
        clean_text(text)
    except ValidationError as exc:
        return [], [ImportProblem(None, None, message) for message in exc.messages]
    lines = text.splitlines()
    if not lines or not lines[0].strip():
        return [], [ImportProblem(None, None, _("The file is empty."))]
    delimiter = ";" if lines[0].count(";") >= lines[0].count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    header = next(reader)
    columns: dict[int, str] = {}
    for index, name in enumerate(header):
        canonical = next((k for k, aliases in IMPORT_HEADERS.items() if name.strip().lower() in aliases), None)
        if canonical is not None:
            columns[index] = canonical
    if "title" not in columns.values():
        return [], [ImportProblem(1, None, _("No column for the title was found; name it title, Titel or Maßnahme."))]
    cleaned: list[dict[str, Any]] = []
    problems: list[ImportProblem] = []
    for row_number, row in enumerate(reader, start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(cleaned) + len(problems) >= 500:
            problems.append(ImportProblem(row_number, None, _("At most 500 measures can be imported at once.")))
            break
        data = {columns[i]: cell for i, cell in enumerate(row) if i in columns}
        status = str(data.get("status") or "").strip().lower()
        if status:
            data["status"] = next((k for k, words in STATUS_WORDS.items() if status in words), status)
        try:
            cleaned.append(clean_measure(data))
        except ValidationError as exc:
            headers = {canonical: header[i] for i, canonical in columns.items()}
            problems.extend(ImportProblem(row_number, headers.get(name, name), message)
                            for name, messages in exc.message_dict.items() for message in messages)
    if problems:
        return [], problems
    with transaction.atomic():
        made = []
        for values in cleaned:
            made.append(Measure.objects.create(version=version, **values))
        record(version, user, _("%(n)s measures imported") % {"n": len(made)})
    return made, []


# --- Checklists as self-assessment --------------------------------------------------------------------------------

def checklist(programme: Any) -> list[Any]:
    """The yes/no questions of a programme, in catalogue order: its checklist."""
    from paritas.web.awards.models import Question

    return list(Question.objects.filter(criterion__area__programme=programme, kind=Question.Kind.YES_NO)
                .order_by("criterion__area__order", "criterion__order", "order", "pk"))


def checklist_programmes() -> Any:
    from paritas.web.awards.models import Programme, Question

    return Programme.objects.filter(areas__criteria__questions__kind=Question.Kind.YES_NO).distinct().order_by("name")


def save_self_assessment(organisation: Organisation, user: Any, programme: Any, ticked: set[int]) -> Any:
    """Keep which items of the programme's checklist the organisation fulfils (an analyst or owner)."""
    from paritas.web.plans.models import SelfAssessment

    _require(organisation, user, Membership.Role.ANALYST)
    items = checklist(programme)
    if not items:
        raise ValidationError(_("This programme has no checklist."))
    answers = {str(q.pk): q.pk in ticked for q in items}
    assessment, _created = SelfAssessment.objects.update_or_create(
        organisation=organisation, programme=programme, defaults={"answers": answers, "updated_by": user})
    return assessment


def measure_from_checklist(version: PlanVersion, user: Any, question: Any) -> Measure:
    """An unticked checklist item as a measure of an editable plan version, in one click."""
    programme = question.criterion.area.programme
    if question not in checklist(programme):
        raise ValidationError(_("This is not an item of the checklist."))
    return save_measure(version, user, {"title": question.text[:200],
                                        "description": _("From the checklist of %(programme)s.") % {
                                            "programme": programme.name},
                                        "library_key": f"checklist:{question.pk}"})


def self_assessed(organisation: Organisation, programme: Any) -> dict[int, bool]:
    """The organisation's self-assessment of a programme's checklist (question id → yes/no), if any."""
    from paritas.web.plans.models import SelfAssessment

    found = SelfAssessment.objects.filter(organisation=organisation, programme=programme).first()
    return {int(k): bool(v) for k, v in (found.answers if found else {}).items()}
