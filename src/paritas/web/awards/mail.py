"""E-mails of award programmes: a round opens, a round closes in a week, an award expires soon (with the
invitation to re-apply) — to the organisation's owners in its language —, and new jury assignments, one
e-mail per juror in their language. Each goes once (the sending is recorded). ``send_due(now)`` runs them
all; the management command ``awards_mail`` calls it (hourly cron)."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.core.mail import send_mail
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from paritas.web.awards import services
from paritas.web.awards.models import Application, Assignment, Award, Round
from paritas.web.organisations.models import Membership, Organisation

CLOSING_NOTICE = timedelta(days=7)
EXPIRY_NOTICE_DAYS = 180


def _owners(organisation: Organisation) -> list[str]:
    return list(Membership.objects.filter(organisation=organisation, role=Membership.Role.OWNER)
                .values_list("user__email", flat=True))


def _send(organisation: Organisation, subject: str, body: str) -> int:
    recipients = _owners(organisation)
    if recipients:
        send_mail(subject, body, None, recipients)
    return len(recipients)


def _eligible(round_: Round) -> list[Organisation]:
    return [o for o in Organisation.objects.all() if not services.eligibility_problems(round_.programme, o)]


def round_opened(now: datetime) -> int:
    sent = 0
    for round_ in Round.objects.filter(opens_at__lte=now, closes_at__gt=now, opening_mail_sent_at__isnull=True):
        for organisation in _eligible(round_):
            with translation.override(organisation.language):
                day, time = services.when_in(round_.closes_at, round_.time_zone)
                sent += _send(organisation, _("%(programme)s: the call is open") % {
                    "programme": round_.programme.name},
                    _("The call %(round)s of %(programme)s is open until %(date)s, %(time)s. Your answers from "
                      "last time and your workforce figures are filled in for you.") % {
                        "round": round_.title, "programme": round_.programme.name, "date": day, "time": time})
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
                sent += _send(organisation, _("%(programme)s: one week left") % {"programme": round_.programme.name},
                              _("Your application to %(programme)s is still a draft. The call closes on %(date)s, "
                                "%(time)s; %(n)s required answers are missing.") % {
                                  "programme": round_.programme.name, "date": day, "time": time,
                                  "n": len(services.missing(application))})
        round_.closing_mail_sent_at = now
        round_.save(update_fields=["closing_mail_sent_at"])
    return sent


def awards_expiring(now: datetime) -> int:
    sent = 0
    for award in services.expiring(timezone.localdate(now), EXPIRY_NOTICE_DAYS):
        organisation = award.organisation
        with translation.override(organisation.language):
            sent += _send(organisation, _("%(programme)s: your award expires") % {"programme": award.programme.name},
                          _("Your award %(programme)s %(validity)s is valid until %(date)s. To keep it, apply "
                            "again: your previous answers are carried over.") % {
                              "programme": award.programme.name, "validity": services.validity_label(award),
                              "date": services.day(award.valid_until)})
        Award.objects.filter(pk=award.pk).update(reminder_sent_on=timezone.localdate(now))
    return sent


def jurors_assigned(now: datetime) -> int:
    """One e-mail per juror naming the applications newly assigned to them (not those in conflict)."""
    new = (Assignment.objects.filter(notified_at__isnull=True, conflict_declared=False,
                                     application__status=Application.Status.SUBMITTED)
           .select_related("juror", "round__programme", "application__organisation").order_by("juror_id", "pk"))
    by_juror: dict[int, list[Assignment]] = {}
    for assignment in new:
        by_juror.setdefault(assignment.juror_id, []).append(assignment)
    for assignments in by_juror.values():
        juror = assignments[0].juror
        with translation.override(juror.language or "de"):
            lines = "\n".join(f"- {a.application.organisation.name} ({a.round.programme.name} {a.round.title})"
                               for a in assignments)
            send_mail(_("Paritas: applications for your review"),
                      _("These applications were assigned to you:\n%(list)s\n\nYou find them under “Jury” after "
                        "signing in. Your scores stay hidden from the other jurors until you submit yours; if you "
                        "have a conflict of interest, declare it there.") % {"list": lines}, None, [juror.email])
    Assignment.objects.filter(pk__in=[a.pk for a in new]).update(notified_at=now)
    return len(by_juror)


def send_due(now: datetime | None = None) -> dict[str, int]:
    now = now or timezone.now()
    return {"opened": round_opened(now), "closing": round_closing(now), "expiring": awards_expiring(now),
            "jurors": jurors_assigned(now)}
