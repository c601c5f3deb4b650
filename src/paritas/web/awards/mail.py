"""E-mails of award programmes, each through communications.send (so each is in the message log): a round
opens, a round closes in a week, an award expires soon (with the invitation to re-apply) — to the
organisation's owners in its language —, an invitation to be a co-applicant, and for jurors their new
assignments and reminders of outstanding reviews, one e-mail per juror in their language. Each goes once
(the sending is recorded). ``send_due(now)`` runs them all; the management command ``awards_mail`` calls it
(hourly in ``paritas serve``)."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop as N_

from paritas.web.awards import services
from paritas.web.awards.communications import Recipient, owners, send
from paritas.web.awards.models import Application, Assignment, Award, Message, Partnership, Round, Stage
from paritas.web.organisations.models import Organisation

CLOSING_NOTICE = timedelta(days=7)
EXPIRY_NOTICE_DAYS = 180


def _send(organisation: Organisation, programme: object, kind: str, subject: str, body: str, *,
          round_: Round | None = None, application: Application | None = None, now: datetime | None = None,
          later: bool = False) -> int:
    recipients = owners(organisation)
    send(programme, kind, subject, body, recipients, round_=round_, application=application,  # type: ignore[arg-type]
         now=now, later=later)
    return len(recipients)


def _eligible(round_: Round) -> list[Organisation]:
    return [o for o in Organisation.objects.all() if not services.eligibility_problems(round_.programme, o)]


def round_opened(now: datetime) -> int:
    sent = 0
    for round_ in Round.objects.filter(opens_at__lte=now, closes_at__gt=now, opening_mail_sent_at__isnull=True):
        for organisation in _eligible(round_):
            with translation.override(organisation.language):
                day, time = services.when_in(round_.closes_at, round_.time_zone)
                sent += _send(organisation, round_.programme, Message.Kind.CALL_OPEN,
                              _("%(programme)s: the call is open") % {"programme": round_.programme.name},
                              _("The call %(round)s of %(programme)s is open until %(date)s, %(time)s. Your answers "
                                "from last time and your workforce figures are filled in for you.") % {
                                  "round": round_.title, "programme": round_.programme.name, "date": day,
                                  "time": time}, round_=round_, now=now)
        round_.opening_mail_sent_at = now
        round_.save(update_fields=["opening_mail_sent_at"])
    return sent


def round_closing(now: datetime) -> int:
    sent = 0
    for round_ in Round.objects.filter(closes_at__gt=now, closes_at__lte=now + CLOSING_NOTICE,
                                       closing_mail_sent_at__isnull=True):
        for application in round_.applications.filter(status=Application.Status.DRAFT).select_related("organisation"):
            organisation = application.organisation
            with translation.override(organisation.language):
                day, time = services.when_in(round_.closes_at, round_.time_zone)
                sent += _send(organisation, round_.programme, Message.Kind.CLOSING,
                              _("%(programme)s: one week left") % {"programme": round_.programme.name},
                              _("Your application to %(programme)s is still a draft. The call closes on %(date)s, "
                                "%(time)s; %(n)s required answers are missing.") % {
                                  "programme": round_.programme.name, "date": day, "time": time,
                                  "n": len(services.missing(application))},
                              round_=round_, application=application, now=now)
        round_.closing_mail_sent_at = now
        round_.save(update_fields=["closing_mail_sent_at"])
    return sent


def awards_expiring(now: datetime) -> int:
    sent = 0
    for award in services.expiring(timezone.localdate(now), EXPIRY_NOTICE_DAYS):
        organisation = award.organisation
        with translation.override(organisation.language):
            sent += _send(organisation, award.programme, Message.Kind.EXPIRING,
                          _("%(programme)s: your award expires") % {"programme": award.programme.name},
                          _("Your award %(programme)s %(validity)s is valid until %(date)s. To keep it, apply "
                            "again: your previous answers are carried over.") % {
                              "programme": award.programme.name, "validity": services.validity_label(award),
                              "date": services.day(award.valid_until)}, application=award.application, now=now)
        Award.objects.filter(pk=award.pk).update(reminder_sent_on=timezone.localdate(now))
    return sent


def partner_invited(partnership: Partnership) -> int:
    """The invited organisation's owners learn who asks them to apply together, and where to accept."""
    application = partnership.application
    organisation = partnership.organisation
    with translation.override(organisation.language):
        return _send(organisation, application.round.programme, Message.Kind.PARTNER,
                     _("%(programme)s: an invitation to apply together") % {
                         "programme": application.round.programme.name},
                     _("%(applicant)s invites %(organisation)s to apply together for %(programme)s (%(round)s). "
                       "Accept or decline under “Awards” in your organisation after signing in.") % {
                         "applicant": application.organisation.name, "organisation": organisation.name,
                         "programme": application.round.programme.name, "round": application.round.title},
                     round_=application.round, application=application, later=True)  # from a request


def _shown_name(assignment: Assignment) -> str:
    """The application as the juror's mails name it: the code in anonymised stages, else the organisation."""
    from paritas.web.awards.redaction import pseudonym

    if assignment.stage.anonymised:
        return pseudonym(assignment.application)
    return assignment.application.organisation.name


def _to_jurors(assignments: list[Assignment], kind: str, subject: str, intro: str, now: datetime,
               sent_by: object = None, later: bool = False) -> int:
    """One e-mail per juror listing their ``assignments`` (grouped by juror), in the juror's language."""
    by_juror: dict[int, list[Assignment]] = {}
    for assignment in assignments:
        by_juror.setdefault(assignment.juror_id, []).append(assignment)
    for mine in by_juror.values():
        juror = mine[0].juror
        with translation.override(juror.language or "de"):
            lines = []
            for a in mine:
                closes = services.moment_label(a.stage.closes_at, a.round.time_zone)
                lines.append(f"- {_shown_name(a)} ({a.round.programme.name} {a.round.title}, {a.stage.name}: "
                             + _("review closes %(date)s") % {"date": closes} + ")")
            send(mine[0].round.programme, kind, _(subject), _(intro) % {"list": "\n".join(lines)},
                 [Recipient(juror.email, juror)], round_=mine[0].round,
                 application=mine[0].application if len(mine) == 1 else None, sent_by=sent_by, now=now,
                 later=later)
    return len(by_juror)


ASSIGNED_SUBJECT = N_("Paritas: applications for your review")
ASSIGNED_BODY = N_("These applications were assigned to you:\n%(list)s\n\nYou find them under “Jury” after signing in. "
                 "Your scores stay hidden from the other jurors until you submit yours; if you have a conflict of "
                 "interest, declare it there.")
REMINDER_SUBJECT = N_("Paritas: reviews outstanding")
REMINDER_BODY = N_("These reviews are not yet submitted:\n%(list)s\n\nYou find them under “Jury” after signing in.")


def jurors_assigned(now: datetime) -> int:
    """One e-mail per juror naming the applications newly assigned to them (not those in conflict)."""
    new = list(Assignment.objects.filter(notified_at__isnull=True, conflict_declared=False,
                                         application__status=Application.Status.SUBMITTED)
               .select_related("juror", "round__programme", "stage", "application__organisation")
               .order_by("juror_id", "pk"))
    count = _to_jurors(new, Message.Kind.ASSIGNED, ASSIGNED_SUBJECT, ASSIGNED_BODY, now)
    Assignment.objects.filter(pk__in=[a.pk for a in new]).update(notified_at=now)
    return count


def outstanding(stage: Stage) -> list[Assignment]:
    return list(stage.assignments.filter(submitted_at__isnull=True, conflict_declared=False,
                                         application__status=Application.Status.SUBMITTED)
                .select_related("juror", "round__programme", "stage", "application__organisation")
                .order_by("juror_id", "pk"))


def reminder_due(stage: Stage, now: datetime) -> bool:
    """Whether the automatic reminder is due: from the start of the day ``reminder_days`` before the
    stage's closing day, both days in the round's time zone, until the close, while the review is open."""
    if stage.reminder_days is None or stage.decided_at is not None:
        return False
    zone = ZoneInfo(stage.round.time_zone)
    closing_day = stage.closes_at.astimezone(zone).date()
    today = now.astimezone(zone).date()
    return closing_day - timedelta(days=stage.reminder_days) <= today and now < stage.closes_at \
        and now >= stage.opens_at


def reviews_reminded(now: datetime) -> int:
    """The automatic reminder, once per assignment and stage: one e-mail per juror with what is outstanding."""
    due: list[Assignment] = []
    for stage in Stage.objects.filter(decided_at__isnull=True, closes_at__gt=now).select_related("round"):
        if reminder_due(stage, now):
            due += [a for a in outstanding(stage) if a.reminded_at is None]
    count = _to_jurors(due, Message.Kind.REMINDER, REMINDER_SUBJECT, REMINDER_BODY, now)
    Assignment.objects.filter(pk__in=[a.pk for a in due]).update(reminded_at=now)
    return count


def remind(stage: Stage, by: object, juror: object | None = None, now: datetime | None = None) -> int:
    """The chair's reminder button: every juror of the stage with outstanding reviews (or the one named)."""
    now = now or timezone.now()
    due = [a for a in outstanding(stage) if juror is None or a.juror_id == getattr(juror, "pk", None)]
    count = _to_jurors(due, Message.Kind.REMINDER, REMINDER_SUBJECT, REMINDER_BODY, now, sent_by=by,
                       later=True)  # from a request: through the outbox
    Assignment.objects.filter(pk__in=[a.pk for a in due]).update(reminded_at=now)
    return count


def send_due(now: datetime | None = None) -> dict[str, int]:
    now = now or timezone.now()
    return {"opened": round_opened(now), "closing": round_closing(now), "expiring": awards_expiring(now),
            "jurors": jurors_assigned(now), "reminders": reviews_reminded(now)}
