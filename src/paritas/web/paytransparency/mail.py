"""E-mails of the pay-transparency desk: the HR team (analysts and owners) is told of a request filed in
the platform, with its deadline; the worker or the representative who filed it is told when the answer
is there. In the organisation's language for the HR team, in the request's language for the person."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import formats, translation
from django.utils.translation import gettext as _

from paritas.web.jobs.outbox import send_mail


def request_filed(item: Any) -> None:
    from paritas.web.organisations.models import Membership

    organisation = item.organisation
    team = list(Membership.objects.filter(organisation=organisation, role__in=[
        Membership.Role.ANALYST, Membership.Role.OWNER]).values_list("user__email", flat=True))
    if not team:
        return
    with translation.override(organisation.language):
        send_mail(_("Request for information on pay: due %(d)s") % {
                      "d": formats.date_format(item.deadline, "SHORT_DATE_FORMAT")},
                  _("A request for information on pay was filed in Paritas for %(org)s. The answer is due by "
                    "%(d)s (art. 7(4) of the Pay Transparency Directive): %(link)s") % {
                      "org": organisation.name, "d": formats.date_format(item.deadline, "DATE_FORMAT"),
                      "link": settings.PUBLIC_URL + reverse("paytransparency:request",
                                                            args=[organisation.slug, item.pk])},
                  None, team)


def answer_sent(item: Any) -> None:
    person = item.filed_by
    if person is None or not person.email:
        return
    with translation.override(item.language):
        send_mail(_("The answer to your request for information on pay"),
                  _("The answer of %(org)s to the request for information on pay of %(d)s is in Paritas: %(link)s") % {
                      "org": item.organisation.name, "d": formats.date_format(item.received_on, "DATE_FORMAT"),
                      "link": settings.PUBLIC_URL + reverse("paytransparency:desk", args=[item.organisation.slug])},
                  None, [person.email])
