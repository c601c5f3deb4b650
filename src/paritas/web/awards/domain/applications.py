"""Applications: eligibility, deadlines in the round's time zone, versioned answers and files, structural data
from a snapshot, submission and withdrawal."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from paritas.web import files
from paritas.web.awards.models import (
    Answer,
    Application,
    Attachment,
    Award,
    Decision,
    Programme,
    Question,
    Round,
)
from paritas.web.organisations.models import Organisation
from paritas.web.text import clean_text


class Conflict(Exception):
    """Somebody else saved this answer or score since it was loaded; nothing was overwritten."""

    def __init__(self, current: Any, version: int):
        super().__init__(_("Someone else changed this in the meantime. Their version is kept; compare and "
                           "save again."))
        self.current = current
        self.version = version


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
    if round_.applications.filter(partnerships__organisation=organisation).exists():
        raise ValidationError(_("Your organisation is a co-applicant of an application in this round; it applies "
                                "there, not twice."))
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
    if created:
        _prefill_from_self_assessment(application)
    return application


def _prefill_from_self_assessment(application: Application) -> None:
    """The organisation's self-assessment of the programme's checklist (plans app) answers the yes/no
    questions the application has no answer to yet."""
    from paritas.web.plans.services import self_assessed

    answers = self_assessed(application.organisation, application.round.programme)
    if not answers:
        return
    present = set(application.answers.values_list("question_id", flat=True))
    Answer.objects.bulk_create([Answer(application=application, question_id=pk, value=value)
                                for pk, value in answers.items() if pk not in present])


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


def _lock_draft(application: Application) -> None:
    """Lock the application's row for this transaction; refuse unless it is still a draft."""
    status = Application.objects.select_for_update().filter(pk=application.pk).values_list("status", flat=True).first()
    if status != Application.Status.DRAFT:
        application.status = status or application.status
        raise ValidationError(_("A submitted application can no longer be changed."))


def save_answer(application: Application, question: Question, value: Any, user: Any, expected_version: int,
                now: datetime | None = None) -> Answer:
    """Save one answer if nobody saved it since ``expected_version``; else raise :class:`Conflict` and keep
    the other version. Autosave calls this for every changed field.

    The application's row is locked and its status read inside the transaction: an answer is saved
    before a submission or refused after it, never written into a submitted application (submit() takes
    the same lock)."""
    if question.criterion.area.programme_id != application.round.programme_id:
        raise ValidationError(_("This question belongs to another programme."))
    value = _check_value(question, value)
    with transaction.atomic():
        _lock_draft(application)
        _require_open(application.round, now)
        answer, _created = Answer.objects.get_or_create(application=application, question=question)
        updated = Answer.objects.filter(pk=answer.pk, version=expected_version).update(
            value=value, version=F("version") + 1, updated_by=user, updated_at=timezone.now())
        answer.refresh_from_db()
        if not updated:
            raise Conflict(answer.value, answer.version)
    return answer


#: Files an applicant may attach: documents and images, as award bodies ask for them (plans, brochures);
#: checked by paritas.web.files.
ATTACHMENT_TYPES = {suffix: files.KINDS[suffix][0] for suffix in files.DOCUMENTS}
ATTACHMENT_LIMIT = files.LIMIT


def save_file(application: Application, question: Question, name: str, content: bytes, user: Any,
              expected_version: int, now: datetime | None = None) -> Answer:
    """Keep an uploaded file and make it the answer to a file question (versioned like every answer)."""
    if question.kind != Question.Kind.FILE:
        raise ValidationError(_("This question does not take a file."))
    checked = files.check(name, content, files.DOCUMENTS)
    with transaction.atomic():
        _lock_draft(application)
        _require_open(application.round, now)
        attachment = Attachment.objects.create(application=application, question=question, name=checked.name,
                                               content_type=checked.content_type, content=content,
                                               size=checked.size, uploaded_by=user)
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


def attach_plan(application: Application, version: Any, user: Any) -> None:
    """Show the jury a version of one of the organisation's plans: its targets with their progress and its
    measures (docs/plans.md). Only while the application is a draft."""
    if version.plan.organisation_id != application.organisation_id:
        raise PermissionDenied
    with transaction.atomic():
        _lock_draft(application)
        Application.objects.filter(pk=application.pk).update(plan_version=version)
    application.plan_version = version


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
    from paritas.web.awards.domain.stages import enter

    enter(application)
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




def save_redacted_copy(application: Application, attachment_id: int, upload: Any) -> Attachment:
    """An administrator's redacted copy of an attachment, for reviewers of anonymised stages; checked as
    every attachment is (type by content, size)."""
    attachment = Attachment.objects.filter(application=application, pk=attachment_id).first()
    if attachment is None:
        raise ValidationError(_("This attachment belongs to another application."))
    content = upload.read()
    checked = files.check(upload.name, content, files.DOCUMENTS)
    attachment.redacted, attachment.redacted_type = content, checked.content_type
    attachment.save(update_fields=["redacted", "redacted_type"])
    return attachment
