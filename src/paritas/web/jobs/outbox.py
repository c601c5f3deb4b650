"""The platform's outbox: the e-mails sent because someone did something — a registration's confirmation,
a place that became free, an invitation, the answer to a slot request, a request for information on pay
and its answer, the reminder before an event — go out as jobs (docs/jobs.md, "E-mails").

The request that causes a mail only queues it, in the request's own transaction: a mail server that is
slow or away never holds up the page or breaks it, and a mail is sent only if what it tells of was
saved. A worker sends it. A server that cannot be reached, or that answers with an error, is tried again
later (:data:`RETRY_AFTER`), at most ``runner.MAX_ATTEMPTS`` times, then the job fails ("mail_server")
and the failure is logged; an address the server refuses is not tried again. The text and the addresses
wait encrypted (they name people) until the mail is sent.

Mails of award programmes go through ``awards.communications.send``, which keeps each as a message with
whether the server took it; a round's message to its applicants is a job of its own.
"""

from __future__ import annotations

import json
import logging
import smtplib
from collections.abc import Sequence
from datetime import timedelta
from typing import Any

from django.core.mail import EmailMessage

from paritas.web import crypto
from paritas.web.jobs import runner
from paritas.web.jobs.models import Job

logger = logging.getLogger("paritas.mail")

#: How long to wait after a failed attempt before the next: after the first, after the second.
RETRY_AFTER = (timedelta(minutes=1), timedelta(minutes=15))


def send_mail(subject: str, message: str, from_email: str | None, recipient_list: Sequence[str]) -> Job | None:
    """Queue one e-mail (the arguments of ``django.core.mail.send_mail``); the job that sends it, or None
    where there is nobody to send it to."""
    recipients = [address for address in recipient_list if address]
    if not recipients:
        return None
    mail = {"subject": str(subject), "body": str(message), "from": from_email, "to": recipients}
    return runner.submit(Job.Kind.MAIL, sealed_input=Job.seal(mail))


def deliver(job: Job) -> dict[str, Any]:
    """Send a queued e-mail: ``{"sent": n}``, or ``{"refused": n}`` where the server refused every address;
    a server away or failing raises :class:`runner.RetryLater`."""
    runner.advance(job, Job.Step.SENDING)
    mail = json.loads(crypto.decrypt(job.sealed_input))
    try:
        EmailMessage(mail["subject"], mail["body"], mail["from"], mail["to"]).send()
    except smtplib.SMTPRecipientsRefused as exc:
        logger.warning("mail job %s: the server refused %d address(es)", job.pk, len(exc.recipients))
        return {"refused": len(exc.recipients)}
    except (smtplib.SMTPException, OSError) as exc:
        delay = RETRY_AFTER[min(job.attempts, len(RETRY_AFTER)) - 1]
        raise runner.RetryLater("mail_server", f"{type(exc).__name__}: {exc}"[:300], delay) from exc
    return {"sent": len(mail["to"])}
