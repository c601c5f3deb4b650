"""Everything a programme writes to applicants and jurors goes through :func:`send`: one e-mail per
recipient through the platform's outbox (Django's mail backend), each kept as a :class:`Message` with
whether the mail server took it. The chair's message to all applicants of a round (or of a stage's
outcome) is written from templates with placeholders, previewed per recipient and sent here too.

Placeholders are ``{name}`` fields (Python's str.format syntax, checked with string.Formatter before
anything is sent); only the names in :data:`PLACEHOLDERS` exist, attribute and index access is refused.
"""

from __future__ import annotations

import smtplib
import string
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop as N_

from paritas.web.awards.models import Application, Message, Programme, Round, Stage, StageEntry
from paritas.web.organisations.models import Membership, Organisation
from paritas.web.text import clean_text


@dataclass(frozen=True)
class Recipient:
    address: str
    user: Any = None
    organisation: Organisation | None = None


def send(programme: Programme, kind: str, subject: str, body: str, recipients: list[Recipient], *,
         round_: Round | None = None, application: Application | None = None, sent_by: Any = None,
         now: datetime | None = None, later: bool = False) -> list[Message]:
    """Send one e-mail to each recipient and log each; a refusal by the mail server is logged as bounced
    (the address refused) or not sent (the server not reached) with its reason, never raised. With
    ``later`` (a request's mails) each goes to the outbox as a job (paritas.web.jobs.outbox), logged as
    waiting to be sent until the job marks it."""
    now = now or timezone.now()

    def logged(recipient: Recipient, status: str, error: str = "") -> Message:
        return Message(programme=programme, round=round_, application=application,
                       organisation=recipient.organisation, recipient=recipient.user, address=recipient.address,
                       kind=kind, subject=subject[:300], body=body, sent_at=now, sent_by=sent_by, status=status,
                       error=error)

    if later:
        from paritas.web.jobs import outbox

        queued = Message.objects.bulk_create([logged(r, Message.Status.QUEUED) for r in recipients])
        for message in queued:
            outbox.send_mail(subject, body, None, [message.address], record=message)
        return queued
    log = []
    for recipient in recipients:
        status, error = Message.Status.SENT, ""
        try:
            EmailMessage(subject, body, None, [recipient.address]).send()
        except smtplib.SMTPRecipientsRefused as exc:
            status, error = Message.Status.BOUNCED, str(exc)[:300]
        except (smtplib.SMTPException, OSError) as exc:
            status, error = Message.Status.FAILED, str(exc)[:300]
        log.append(logged(recipient, status, error))
    return Message.objects.bulk_create(log)


def owners(organisation: Organisation) -> list[Recipient]:
    """The organisation's owners, who receive what a programme writes to it."""
    return [Recipient(m.user.email, m.user, organisation)
            for m in Membership.objects.filter(organisation=organisation, role=Membership.Role.OWNER)
            .select_related("user").order_by("user__email")]


def applicant_recipients(application: Application) -> list[Recipient]:
    """The owners of the applicant and of each co-applicant that accepted."""
    return [r for organisation in application.organisations() for r in owners(organisation)]


# -- The chair's message to the applicants of a round ---------------------------------------------------

PLACEHOLDERS = {
    "organisation": N_("the applicant organisation's name"),
    "programme": N_("the programme's name"),
    "round": N_("the round's title"),
    "closes": N_("when the call closed or closes"),
    "stage": N_("the stage the application is in"),
    "stage_closes": N_("when that stage's review closes"),
    "next_stage": N_("the stage after it"),
    "next_stage_closes": N_("when the next stage's review closes"),
}

#: (key, name, subject, body); translated into the programme's language when offered.
TEMPLATES = (
    ("closed", N_("The call has closed: what happens next"), N_("{programme}: your application is in"),
     N_("Dear colleagues,\n\nthank you for applying to {programme} ({round}). The call closed on {closes}. Your "
        "application is now in “{stage}”, whose review closes on {stage_closes}; then comes “{next_stage}” "
        "(until {next_stage_closes}). We will write to you after each step.\n\nKind regards")),
    ("advanced", N_("Moved on to the next stage"), N_("{programme}: {organisation} moves on"),
     N_("Dear colleagues,\n\nwe are pleased to tell you that the application of {organisation} moves on from "
        "“{stage}” to “{next_stage}”, which closes on {next_stage_closes}.\n\nKind regards")),
    ("not_advanced", N_("Not moved on"), N_("{programme}: the outcome of “{stage}”"),
     N_("Dear colleagues,\n\nthank you for applying to {programme}. After “{stage}” the application of "
        "{organisation} does not move on this time. We would be glad to receive your application again.\n\nKind "
        "regards")),
    ("free", N_("Free text"), N_("{programme}: {round}"), N_("Dear colleagues,\n\n\n\nKind regards")),
)

AUDIENCES = ("submitted", "drafts")  # further: "advanced:<stage id>", "out:<stage id>"


def audiences(round_: Round) -> list[tuple[str, str]]:
    """Who a message can go to: all submitted applications, the drafts, or a decided stage's outcome."""
    choices = [("submitted", _("all submitted applications")), ("drafts", _("applications still in draft"))]
    for stage in round_.stages.filter(decided_at__isnull=False).order_by("order", "pk"):
        choices.append((f"advanced:{stage.pk}", _("moved on from “%(stage)s”") % {"stage": stage.name}))
        choices.append((f"out:{stage.pk}", _("did not move on from “%(stage)s”") % {"stage": stage.name}))
    return choices


def audience(round_: Round, key: str) -> list[Application]:
    """The applications of the audience ``key`` (see :func:`audiences`); an unknown key is refused."""
    base = round_.applications.select_related("organisation", "round__programme").order_by("organisation__name")
    if key == "submitted":
        return list(base.filter(status=Application.Status.SUBMITTED))
    if key == "drafts":
        return list(base.filter(status=Application.Status.DRAFT))
    state, _sep, pk = key.partition(":")
    stage = round_.stages.filter(pk=int(pk) if pk.isdigit() else 0, decided_at__isnull=False).first()
    if state in ("advanced", "out") and stage is not None:
        wanted = StageEntry.State.ADVANCED if state == "advanced" else StageEntry.State.OUT
        return list(base.filter(status=Application.Status.SUBMITTED, stage_entries__stage=stage,
                                stage_entries__state=wanted))
    raise ValidationError(_("Choose who receives the message."))


def template(key: str) -> tuple[str, str]:
    """The subject and body of a template, in the active language."""
    for k, _name, subject, body in TEMPLATES:
        if k == key:
            return _(subject), _(body)
    raise ValidationError(_("Choose a template."))


def check(text: str) -> str:
    """Refuse text with an unknown or malformed placeholder, naming it."""
    text = clean_text(text)
    try:
        fields = [f for _lit, f, _spec, _conv in string.Formatter().parse(text) if f is not None]
    except ValueError as exc:
        raise ValidationError(_("A brace is not closed: write {{ and }} for a brace itself (%(reason)s).")
                              % {"reason": exc}) from exc
    unknown = [f for f in fields if f not in PLACEHOLDERS]
    if unknown:
        raise ValidationError(_("Unknown placeholder {%(name)s}; these exist: %(known)s.")
                              % {"name": unknown[0], "known": ", ".join(f"{{{k}}}" for k in PLACEHOLDERS)})
    return text


def values(application: Application, stage: Stage | None = None) -> dict[str, str]:
    """The placeholders' values for one application, in the active language and the round's time zone:
    ``stage`` is the one the application is in (or the decided stage a message about its outcome names)."""
    from paritas.web.awards.domain.applications import moment_label
    from paritas.web.awards.domain.stages import Workflow, current_entry

    round_ = application.round
    if stage is None:
        entry = current_entry(application)
        stage = entry.stage if entry else None
    following = Workflow.of(round_).next(stage.pk) if stage is not None else None
    zone = round_.time_zone
    return {"organisation": " / ".join(o.name for o in application.organisations()),
            "programme": round_.programme.name, "round": round_.title, "closes": moment_label(round_.closes_at, zone),
            "stage": stage.name if stage else "–",
            "stage_closes": moment_label(stage.closes_at, zone) if stage else "–",
            "next_stage": following.name if following else _("the jury's decision"),
            "next_stage_closes": moment_label(following.closes_at, zone) if following else "–"}


def values_for(application: Application, key: str) -> dict[str, str]:
    """As :func:`values`; for an audience by a stage's outcome, the stage is the decided one."""
    state, _sep, pk = key.partition(":")
    stage = (Stage.objects.filter(pk=int(pk), round=application.round_id).first()
             if state in ("advanced", "out") and pk.isdigit() else None)
    return values(application, stage)


def render(text: str, application: Application, key: str = "submitted") -> str:
    return check(text).format_map(values_for(application, key))


def preview(round_: Round, key: str, subject: str, body: str, application: Application | None = None,
            ) -> tuple[list[Application], Application | None, str, str]:
    """The audience, the application previewed (the first unless one of the audience is named) and the
    subject and body as its recipients read them."""
    check(subject)
    check(body)
    recipients = audience(round_, key)
    shown = application if application is not None and application in recipients else (
        recipients[0] if recipients else None)
    if shown is None:
        return recipients, None, subject, body
    return recipients, shown, render(subject, shown, key), render(body, shown, key)


def message_round(round_: Round, key: str, subject: str, body: str, by: Any,
                  now: datetime | None = None) -> list[Message]:
    """Send the message to every application of the audience, each with its own values filled in, to the
    owners of the applicant and its co-applicants; logged per application and recipient."""
    check(subject)
    check(body)
    applications = audience(round_, key)
    if not applications:
        raise ValidationError(_("Nobody is in this group yet."))
    sent: list[Message] = []
    for application in applications:
        sent += send(round_.programme, Message.Kind.ROUND, render(subject, application, key),
                     render(body, application, key), applicant_recipients(application), round_=round_,
                     application=application, sent_by=by, now=now)
    return sent


def submit_round_message(round_: Round, key: str, subject: str, body: str, by: Any) -> Any:
    """Send :func:`message_round` as a background job (docs/jobs.md): checked here, so that a template
    with an unknown placeholder or an empty audience is refused at once, sent by a worker."""
    from paritas.web.jobs import runner
    from paritas.web.jobs.models import Job

    check(subject)
    check(body)
    if not audience(round_, key):
        raise ValidationError(_("Nobody is in this group yet."))
    return runner.submit(Job.Kind.MESSAGES, user=by, params={"round": round_.pk, "audience": key,
                                                             "subject": subject, "body": body})


def send_job(job: Any) -> dict[str, int]:
    """The work of a message job: send, then count what went and what did not."""
    from paritas.web.awards.outcome import programme_language
    from paritas.web.jobs import runner
    from paritas.web.jobs.models import Job

    runner.advance(job, Job.Step.SENDING)
    round_ = Round.objects.select_related("programme").get(pk=job.params["round"])
    with translation.override(programme_language(round_.programme)):
        sent = message_round(round_, job.params["audience"], job.params["subject"], job.params["body"], job.user)
    return {"sent": len(sent), "bounced": sum(m.status != Message.Status.SENT for m in sent)}


def messages_for(application: Application, organisation: Organisation) -> list[Message]:
    """What the programme wrote to ``organisation`` about this application, for its members to read: each
    message once, however many of its owners received it."""
    seen: set[tuple[Any, str, str]] = set()
    found = []
    for message in Message.objects.filter(application=application, organisation=organisation).order_by(
            "-sent_at", "-pk"):
        key = (message.sent_at, message.subject, message.body)
        if key not in seen:
            seen.add(key)
            found.append(message)
    return found
