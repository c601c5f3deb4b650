"""Award programmes end to end, as services tested without HTTP: templates, eligibility, applications
with versioned answers, submission deadlines, jury assignment and blind scoring, decisions and awards.

Defaults follow shared/docs/awards.md (TOTAL E-QUALITY: valid three years; family-friendly labels:
a yes/no checklist with a threshold).
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Avg, Count, F, Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from paritas.web.awards.models import (
    Answer,
    Application,
    Area,
    Assignment,
    Attachment,
    Award,
    Criterion,
    Decision,
    Programme,
    Question,
    Round,
    Score,
)
from paritas.web.organisations.models import Membership, Organisation


class Conflict(Exception):
    """Somebody else saved this answer or score since it was loaded; nothing was overwritten."""

    def __init__(self, current: Any, version: int):
        super().__init__(_("Someone else changed this in the meantime. Their version is kept; compare and "
                           "save again."))
        self.current = current
        self.version = version


# ----------------------------------------------------------------------------------------------------
# Templates

# English message ids, translated when a programme is created in its language (de, sv or en); the
# German texts are those of the seeds (TOTAL E-QUALITY's areas, a local alliance's checklist).
N_ = gettext_noop

EQUAL_OPPORTUNITY = {
    "name": N_("Equal Opportunity Award"), "awarding_body": N_("Jury for Equal Opportunities"),
    "description": N_("An award for equal-opportunity work beyond what the law requires, valid three years (modelled "
                      "on TOTAL E-QUALITY)."),
    "areas": [
        (N_("Recruitment"), [N_("Gender-fair job advertisements and selection")],
         [(N_("How do you make sure that selection procedures are fair to all genders?"), "text")]),
        (N_("Career development"), [N_("Career support and future leaders")],
         [(N_("Which measures support women on their way into leadership positions?"), "text")]),
        (N_("Compatibility of work and family"), [N_("Working time, place of work, offers for families")],
         [(N_("Do you offer leadership positions part-time?"), "yes_no"),
          (N_("Describe what you offer to combine work and family."), "text")]),
        (N_("Partnership culture at work"), [N_("Protection against discrimination and harassment")],
         [(N_("How do you protect staff against discrimination and sexual harassment?"), "text")]),
        (N_("Institutionalised equality work"), [N_("Anchored in mission statement, goals and structures")],
         [(N_("Is there an equality officer or a unit responsible for equality?"), "yes_no"),
          (N_("Which equality goals and indicators have you agreed?"), "text")]),
        (N_("Structural data"), [N_("Workforce structure")],
         [(N_("Employees in total"), "number", "employees.total"),
          (N_("Share of women overall (%)"), "number", "women_share"),
          (N_("Share of women in leadership positions (%)"), "number", "leadership.women_share")]),
    ],
}

FAMILY_FRIENDLY = {
    "name": N_("Family-Friendly Employer"), "awarding_body": N_("Local Alliance for Families"),
    "description": N_("A local label for family-friendly employers: a checklist; employers with at least three "
                      "answers “yes” can apply."),
    "threshold": 3,
    "areas": [
        (N_("Checklist of family-friendly measures"), [N_("Family-friendly measures")], [
            (N_("Flexible working hours"), "yes_no"), (N_("Working from elsewhere"), "yes_no"),
            (N_("Part-time also in leadership"), "yes_no"), (N_("Support with childcare"), "yes_no"),
            (N_("Support for staff caring for relatives"), "yes_no"),
            (N_("Keeping in touch during parental leave"), "yes_no"), (N_("Return-to-work programme"), "yes_no"),
            (N_("Family-friendly meeting times"), "yes_no"), (N_("A contact person for family matters"), "yes_no"),
        ]),
    ],
}
TEMPLATES = {"equal_opportunity": EQUAL_OPPORTUNITY, "family_friendly": FAMILY_FRIENDLY}


@transaction.atomic
def install_template(kind: str, slug: str, language: str = "de", **overrides: Any) -> Programme:
    """A ready programme from one of the shipped templates, its texts in ``language`` (editable afterwards)."""
    from django.utils import translation

    spec = TEMPLATES[kind]
    tr = _  # the template's texts are marked with N_ above; here they are only looked up
    holistic = kind == "equal_opportunity" and overrides.get("holistic")
    with translation.override(language):
        programme = Programme.objects.create(
            slug=slug, name=overrides.get("name", tr(spec["name"])), awarding_body=tr(spec["awarding_body"]),
            description=tr(spec["description"]), validity_years=overrides.get("validity_years", 3),
            eligible_types=overrides.get("eligible_types", []), min_size=overrides.get("min_size", 15),
            languages=[language] + [code for code in ("de", "sv", "en") if code != language],
            checklist_threshold=spec.get("threshold"),
            scoring=Programme.Scoring.HOLISTIC if holistic else Programme.Scoring.WEIGHTED)
        for a, (area_title, criteria, questions) in enumerate(spec["areas"]):
            area = Area.objects.create(programme=programme, title=tr(area_title), order=a)
            for c, title in enumerate(criteria):
                criterion = Criterion.objects.create(area=area, title=tr(title), order=c, scale_max=5,
                                                     weight=Decimal(1),
                                                     minimum=2 if kind == "equal_opportunity" else None)
                for q, question in enumerate(questions):
                    text, kind_ = question[0], question[1]
                    field = question[2] if len(question) > 2 else ""
                    Question.objects.create(criterion=criterion, text=tr(text), kind=kind_, order=q,
                                            structural_field=field,
                                            required=kind_ != "yes_no" or kind == "equal_opportunity")
    return programme


# ----------------------------------------------------------------------------------------------------
# Applications


def eligibility_problems(programme: Programme, organisation: Organisation, today: date | None = None) -> list[str]:
    """Why ``organisation`` may not apply (empty: it may). An add-on award (e.g. a diversity add-on) is open
    to holders of the main award and to organisations applying for it in a round that is open now."""
    problems = []
    main = programme.add_on_to
    if main is not None:
        today = today or timezone.localdate()
        holds = Award.objects.filter(organisation=organisation, programme=main, valid_until__gte=today).exists()
        applying = Application.objects.filter(
            organisation=organisation, round__programme=main, round__closes_at__gt=timezone.now()).exclude(
            status=Application.Status.WITHDRAWN).exists()
        if not (holds or applying):
            problems.append(_("This add-on is open to holders of %(main)s and to organisations applying for "
                              "it now.") % {"main": main.name})
    if programme.eligible_types and organisation.type not in programme.eligible_types:
        problems.append(_("This programme is open to other kinds of organisation."))
    size = organisation.size
    if size is not None and programme.min_size and size < programme.min_size:
        problems.append(_("The programme asks for at least %(n)s employees.") % {"n": programme.min_size})
    if size is not None and programme.max_size and size > programme.max_size:
        problems.append(_("The programme is for organisations of up to %(n)s employees.") % {"n": programme.max_size})
    return problems


def day(value: date) -> str:
    """A date in the active language, as every report formats it (Babel)."""
    from django.utils.translation import get_language

    from paritas.reports.i18n import LANGUAGES, Translator

    lang = (get_language() or "de")[:2]
    return Translator(lang if lang in LANGUAGES else "de").date(value)


def when(moment: datetime, zone: str | None = None) -> tuple[str, str]:
    """Date and 24-hour time of a moment in ``zone`` (a round's time zone; else the platform's), in the
    active language."""
    local = timezone.localtime(moment, ZoneInfo(zone) if zone else None)
    return day(local.date()), local.strftime("%H:%M")


def when_in(moment: datetime, zone: str) -> tuple[str, str]:
    """Date and time of a call's moment, the time naming its zone: ('30.04.2026', '23:59 (Europe/Berlin)')."""
    date_, time = when(moment, zone)
    return date_, f"{time} ({zone})"


def moment_label(moment: datetime, zone: str) -> str:
    """'30.04.2026, 23:59 (Europe/Berlin)': how a call states its dates."""
    return ", ".join(when_in(moment, zone))


def _closed_message(round_: Round) -> str:
    date_, time = when_in(round_.closes_at, round_.time_zone)
    return _("The round closed on %(date)s at %(time)s; applications can no longer be submitted or changed.") % {
        "date": date_, "time": time}


def round_state(round_: Round, now: datetime | None = None) -> str:
    """'upcoming', 'open' or 'closed': the call is open from ``opens_at`` (inclusive) to ``closes_at``
    (exclusive), so a submission at the closing second is already late."""
    now = now or timezone.now()
    return "upcoming" if now < round_.opens_at else "open" if now < round_.closes_at else "closed"


def _require_open(round_: Round, now: datetime | None = None) -> None:
    state = round_state(round_, now)
    if state == "upcoming":
        raise ValidationError(_("The round opens on %(date)s.") % {
            "date": moment_label(round_.opens_at, round_.time_zone)})
    if state == "closed":
        raise ValidationError(_closed_message(round_))


@transaction.atomic
def start_application(round_: Round, organisation: Organisation, copy_previous: bool = True,
                      now: datetime | None = None) -> Application:
    """A draft for ``organisation``; with ``copy_previous``, the answers of its last application in this
    programme are carried over (applicants' biggest wish: not to type everything again)."""
    _require_open(round_, now)
    problems = eligibility_problems(round_.programme, organisation)
    if problems:
        raise ValidationError(problems)
    application, created = Application.objects.get_or_create(round=round_, organisation=organisation)
    if application.status == Application.Status.WITHDRAWN:  # withdrawn before the deadline: resume it
        application.status = Application.Status.DRAFT
        application.submitted_at = None
        application.save(update_fields=["status", "submitted_at"])
    if created and copy_previous:
        previous = (Application.objects.filter(organisation=organisation, round__programme=round_.programme)
                    .exclude(pk=application.pk).order_by("-round__closes_at").first())
        if previous is not None:
            copies = {}
            for old in previous.attachments.all():
                copies[old.pk] = Attachment.objects.create(
                    application=application, question_id=old.question_id, name=old.name,
                    content_type=old.content_type, content=old.content, size=old.size, uploaded_by=old.uploaded_by)
            answers = []
            for a in previous.answers.all():
                value = a.value
                if isinstance(value, dict) and value.get("attachment") in copies:
                    value = {**value, "attachment": copies[value["attachment"]].pk}
                answers.append(Answer(application=application, question_id=a.question_id, value=value))
            Answer.objects.bulk_create(answers)
    return application


def clean_text(text: str) -> str:
    """Text as it can be stored: a NUL character (pasted from some PDFs) is refused with a message, as
    Django's form fields do, instead of failing in the database."""
    if "\x00" in text:
        raise ValidationError(_("The text contains a character that cannot be stored (NUL); remove it."))
    return text


def _check_value(question: Question, value: Any) -> Any:
    kind = question.kind
    if value in (None, "", []):
        return None
    if kind == Question.Kind.YES_NO and not isinstance(value, bool):
        raise ValidationError(_("Answer yes or no."))
    if kind == Question.Kind.NUMBER:
        try:
            return float(value)
        except (TypeError, ValueError):
            raise ValidationError(_("Enter a number.")) from None
    if kind == Question.Kind.SINGLE and value not in question.choices:
        raise ValidationError(_("Choose one of the options."))
    if kind == Question.Kind.MULTIPLE and (not isinstance(value, list) or any(v not in question.choices
                                                                              for v in value)):
        raise ValidationError(_("Choose from the options."))
    if kind == Question.Kind.FILE and not (isinstance(value, dict) and isinstance(value.get("attachment"), int)):
        raise ValidationError(_("Upload a file."))
    if kind == Question.Kind.TEXT and not isinstance(value, str):
        raise ValidationError(_("Enter a text."))
    if isinstance(value, str):
        clean_text(value)
    return value


def save_answer(application: Application, question: Question, value: Any, user: Any, expected_version: int,
                now: datetime | None = None) -> Answer:
    """Save one answer if nobody saved it since ``expected_version``; else raise :class:`Conflict` and keep
    the other version. Autosave calls this for every changed field."""
    if application.status != Application.Status.DRAFT:
        raise ValidationError(_("A submitted application can no longer be changed."))
    _require_open(application.round, now)
    if question.criterion.area.programme_id != application.round.programme_id:
        raise ValidationError(_("This question belongs to another programme."))
    value = _check_value(question, value)
    with transaction.atomic():
        answer, _created = Answer.objects.get_or_create(application=application, question=question)
        updated = Answer.objects.filter(pk=answer.pk, version=expected_version).update(
            value=value, version=F("version") + 1, updated_by=user, updated_at=timezone.now())
        answer.refresh_from_db()
        if not updated:
            raise Conflict(answer.value, answer.version)
    return answer


#: Files an applicant may attach: documents and images, as award bodies ask for them (plans, brochures).
ATTACHMENT_TYPES = {".pdf": "application/pdf", ".odt": "application/vnd.oasis.opendocument.text",
                    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    ".ods": "application/vnd.oasis.opendocument.spreadsheet",
                    ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg"}
ATTACHMENT_LIMIT = 10 * 1024 * 1024


def save_file(application: Application, question: Question, name: str, content: bytes, user: Any,
              expected_version: int, now: datetime | None = None) -> Answer:
    """Keep an uploaded file and make it the answer to a file question (versioned like every answer)."""
    from pathlib import PurePath

    if question.kind != Question.Kind.FILE:
        raise ValidationError(_("This question does not take a file."))
    name = clean_text(name).replace("/", "_").replace("\\", "_")[-200:]
    suffix = PurePath(name).suffix.lower()
    if suffix not in ATTACHMENT_TYPES:
        raise ValidationError(_("%(name)s: this kind of file is not accepted; use PDF, ODT, DOCX, XLSX, ODS, PNG or "
                                "JPEG.") % {"name": name})
    if len(content) > ATTACHMENT_LIMIT:
        raise ValidationError(_("%(name)s is larger than 10 MB.") % {"name": name})
    if application.status != Application.Status.DRAFT:
        raise ValidationError(_("A submitted application can no longer be changed."))
    _require_open(application.round, now)
    with transaction.atomic():
        attachment = Attachment.objects.create(application=application, question=question, name=name,
                                               content_type=ATTACHMENT_TYPES[suffix], content=content,
                                               size=len(content), uploaded_by=user)
        answer = save_answer(application, question, {"attachment": attachment.pk, "name": attachment.name,
                                                     "size": attachment.size}, user, expected_version, now=now)
        Attachment.objects.filter(application=application, question=question).exclude(pk=attachment.pk).delete()
    return answer


def _structural(structure: dict[str, Any], path: str) -> Any:
    value: Any = structure
    for key in path.split("."):
        value = value.get(key) if isinstance(value, dict) else None
    return value


def attach_snapshot(application: Application, snapshot: Any, user: Any, now: datetime | None = None) -> int:
    """Attach a workforce snapshot of the same organisation and fill the structural-data questions."""
    if snapshot.organisation_id != application.organisation_id:
        raise PermissionDenied
    application.snapshot = snapshot
    application.save(update_fields=["snapshot"])
    filled = 0
    for question in Question.objects.filter(criterion__area__programme=application.round.programme
                                            ).exclude(structural_field=""):
        value = _structural(snapshot.structure, question.structural_field)
        if value is None:
            continue
        if question.structural_field.endswith("share") and isinstance(value, (int, float)):
            value = round(100 * value, 1)  # shares are asked for in per cent, as award forms print them
        answer, _created = Answer.objects.get_or_create(application=application, question=question)
        save_answer(application, question, value, user, answer.version, now=now)
        filled += 1
    return filled


def missing(application: Application) -> list[Question]:
    """Required questions without an answer, in catalogue order."""
    answered = {a.question_id for a in application.answers.all() if a.value not in (None, "", [])}
    return [q for q in Question.objects.filter(criterion__area__programme=application.round.programme, required=True)
            if q.pk not in answered]


def checklist_yes(application: Application) -> int:
    return sum(1 for a in application.answers.select_related("question")
               if a.question.kind == Question.Kind.YES_NO and a.value is True)


@transaction.atomic
def submit(given: Application, now: datetime | None = None) -> Application:
    """Submit (read-only afterwards). Refused after the close, with the missing answers named, or below the
    checklist threshold."""
    application = Application.objects.select_for_update().get(pk=given.pk)
    if application.status != Application.Status.DRAFT:
        raise ValidationError(_("This application was already submitted or withdrawn."))
    _require_open(application.round, now)
    gaps = missing(application)
    if gaps:
        raise ValidationError([_("Still missing: %(question)s") % {"question": q.text} for q in gaps])
    threshold = application.round.programme.checklist_threshold
    if threshold and checklist_yes(application) < threshold:
        raise ValidationError(_("The checklist needs at least %(n)s answers “yes” to apply.") % {"n": threshold})
    application.status = Application.Status.SUBMITTED
    application.submitted_at = now or timezone.now()
    application.save(update_fields=["status", "submitted_at"])
    given.status, given.submitted_at = application.status, application.submitted_at
    return application


def withdraw(application: Application, now: datetime | None = None) -> Application:
    """Withdraw a draft or a submitted application while the round is open (it can be resumed until then)."""
    _require_open(application.round, now)
    if application.status == Application.Status.WITHDRAWN:
        return application
    if Decision.objects.filter(application=application).exists():
        raise ValidationError(_("The jury has decided on this application; it can no longer be withdrawn."))
    application.status = Application.Status.WITHDRAWN
    application.save(update_fields=["status"])
    return application


# ----------------------------------------------------------------------------------------------------
# Jury


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


def save_score(assignment: Assignment, criterion: Criterion, score: int | None, comment: str,
               expected_version: int) -> Score:
    if assignment.conflict_declared:
        raise PermissionDenied
    if assignment.submitted_at is not None:
        raise ValidationError(_("Your review was submitted and can no longer be changed."))
    if criterion.area.programme_id != assignment.round.programme_id:
        raise ValidationError(_("This criterion belongs to another programme."))
    if score is not None and not 0 <= score <= criterion.scale_max:
        raise ValidationError(_("Give a score from 0 to %(max)s.") % {"max": criterion.scale_max})
    clean_text(comment)
    with transaction.atomic():
        row, _created = Score.objects.get_or_create(assignment=assignment, criterion=criterion)
        updated = Score.objects.filter(pk=row.pk, version=expected_version).update(
            score=score, comment=comment, version=F("version") + 1)
        row.refresh_from_db()
        if not updated:
            raise Conflict({"score": row.score, "comment": row.comment}, row.version)
    return row


def submit_review(assignment: Assignment, now: datetime | None = None) -> Assignment:
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


# ----------------------------------------------------------------------------------------------------
# The criteria catalogue, edited in the browser


def catalogue_in_use(obj: Area | Criterion | Question) -> int:
    """How many answers or scores hang on this part of the catalogue: it can then be reworded, not removed."""
    if isinstance(obj, Question):
        return Answer.objects.filter(question=obj).exclude(value=None).count()
    if isinstance(obj, Criterion):
        return (Score.objects.filter(criterion=obj).count()
                + Answer.objects.filter(question__criterion=obj).exclude(value=None).count())
    return (Score.objects.filter(criterion__area=obj).count()
            + Answer.objects.filter(question__criterion__area=obj).exclude(value=None).count())


def remove_from_catalogue(obj: Area | Criterion | Question) -> None:
    used = catalogue_in_use(obj)
    if used:
        raise ValidationError(_("This is answered or scored %(n)s times in applications and cannot be removed; "
                                "change its wording instead.") % {"n": used})
    obj.delete()


def move_in_catalogue(obj: Area | Criterion | Question, step: int) -> None:
    """Move one place up (step −1) or down (+1) among its siblings; the order is renumbered 0, 1, 2 …"""
    if isinstance(obj, Area):
        siblings = list(Area.objects.filter(programme_id=obj.programme_id))
    elif isinstance(obj, Criterion):
        siblings = list(Criterion.objects.filter(area_id=obj.area_id))
    else:
        siblings = list(Question.objects.filter(criterion_id=obj.criterion_id))
    index = next(i for i, s in enumerate(siblings) if s.pk == obj.pk)
    target = index + step
    if 0 <= target < len(siblings):
        siblings[index], siblings[target] = siblings[target], siblings[index]
    with transaction.atomic():
        for order, sibling in enumerate(siblings):
            if sibling.order != order:
                type(sibling).objects.filter(pk=sibling.pk).update(order=order)


# ----------------------------------------------------------------------------------------------------
# Decisions and awards


def validity(year: int, years: int) -> tuple[date, date]:
    """First and last day of an award of ``year`` valid ``years`` calendar years: the award of the 2019
    round valid three years is "2019–2021" (seed 001), 1 January 2019 to 31 December 2021, with
    re-application in 2022 — whatever day of 2019 the jury decided."""
    return date(year, 1, 1), date(year + years - 1, 12, 31)


def valid_until(awarded_on: date, years: int) -> date:
    """The last day of validity of an award given in the year of ``awarded_on`` (see :func:`validity`)."""
    return validity(awarded_on.year, years)[1]


@transaction.atomic
def decide(application: Application, outcome: str, reasons: str, by: Any, on: date | None = None,
           now: datetime | None = None) -> Decision:
    """Record the jury's decision; an award gets its validity (the calendar years from its round's year)
    and its number for the organisation.

    A decision is recorded only once the round has closed (every application is in); an award that would
    overlap one the organisation still holds in the programme is refused. The decision can be changed until
    the chair approves the statement (then it has been communicated); changing it away from "award" takes
    the award back."""
    application.refresh_from_db(fields=["status"])
    if application.status != Application.Status.SUBMITTED:
        raise ValidationError(_("Only submitted applications can be decided."))
    round_ = application.round
    if (now or timezone.now()) < round_.closes_at:
        raise ValidationError(_("The round closes on %(date)s; decisions can be recorded after the close.")
                              % {"date": " ".join(when(round_.closes_at, round_.time_zone))})
    if outcome not in Decision.Outcome.values:
        raise ValidationError(_("Choose award, not this time or defer."))
    if not clean_text(reasons).strip():
        raise ValidationError(_("Give the reasons for the decision."))
    existing = Decision.objects.select_for_update().filter(application=application).first()
    if existing is not None and existing.statement_approved_at is not None and existing.outcome != outcome:
        raise ValidationError(_("The statement on this decision is approved and has been communicated; the decision "
                                "can no longer be changed."))
    decision, _created = Decision.objects.update_or_create(
        application=application, defaults={"outcome": outcome, "reasons": reasons, "decided_by": by})
    award = Award.objects.filter(application=application).first()
    if outcome == Decision.Outcome.AWARD and award is None:
        on = on or timezone.localdate()
        programme = round_.programme
        start, end = validity(round_.award_year, programme.validity_years)
        held = Award.objects.filter(organisation=application.organisation, programme=programme,
                                    valid_from__lte=end, valid_until__gte=start).order_by("valid_from").first()
        if held is not None:
            raise ValidationError(_("%(organisation)s holds this award for %(held)s; an award for %(new)s would "
                                    "overlap it. Decide “not this time” or “defer”, or apply again when it ends.")
                                  % {"organisation": application.organisation.name, "held": held.validity,
                                     "new": f"{start.year}–{end.year}"})
        number = Award.objects.filter(organisation=application.organisation, programme=programme).count() + 1
        Award.objects.create(organisation=application.organisation, programme=programme, application=application,
                             awarded_on=on, valid_from=start, valid_until=end, number=number)
    elif outcome != Decision.Outcome.AWARD and award is not None:
        award.delete()
    return decision


def validity_label(award: Award) -> str:
    """'2019–2021' for an award of 2019 valid three years."""
    return award.validity


def expiring(today: date, within_days: int = 180) -> Any:
    """Awards that expire within ``within_days`` and have had no reminder yet (invite to re-apply)."""
    return Award.objects.filter(valid_until__gte=today, valid_until__lte=today + timedelta(days=within_days),
                                reminder_sent_on__isnull=True).select_related("organisation", "programme")
