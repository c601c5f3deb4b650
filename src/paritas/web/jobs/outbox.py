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
whether the server took it; those a request causes (a juror's reminder by hand, an invitation to apply
together) come here too, their messages "waiting to be sent" until the job has marked them.
"""

from __future__ import annotations

import json
import logging
import smtplib
from collections.abc import Sequence
from datetime import timedelta
from typing import Any

from django.core.mail import EmailMessage
from django.db import models

from paritas.web import crypto
from paritas.web.jobs import runner
from paritas.web.jobs.models import Job

logger = logging.getLogger("paritas.mail")

#: How long to wait after a failed attempt before the next: after the first, after the second.
RETRY_AFTER = (timedelta(minutes=1), timedelta(minutes=15))


def send_mail(subject: str, message: str, from_email: str | None, recipient_list: Sequence[str],
              record: models.Model | None = None) -> Job | None:
    """Queue one e-mail (the arguments of ``django.core.mail.send_mail``); the job that sends it, or None
    where there is nobody to send it to. ``record``, a row that logs the mail (its ``status`` and ``error``:
    an award programme's message), is marked "sent", "bounced" or "failed" once that is known."""
    recipients = [address for address in recipient_list if address]
    if not recipients:
        return None
    mail = {"subject": str(subject), "body": str(message), "from": from_email, "to": recipients,
            "record": [record._meta.label, record.pk] if record is not None else None}
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
        _mark(mail.get("record"), "bounced", str(exc))
        return {"refused": len(exc.recipients)}
    except (smtplib.SMTPException, OSError) as exc:
        reason = f"{type(exc).__name__}: {exc}"[:300]
        if job.attempts >= runner.MAX_ATTEMPTS:  # the last attempt: the runner fails the job
            _mark(mail.get("record"), "failed", reason)
        delay = RETRY_AFTER[min(job.attempts, len(RETRY_AFTER)) - 1]
        raise runner.RetryLater("mail_server", reason, delay) from exc
    _mark(mail.get("record"), "sent", "")
    return {"sent": len(mail["to"])}


def _mark(record: list[Any] | None, status: str, error: str) -> None:
    """Set the status and error of the row that logs the mail, if it has one (and it still exists)."""
    if record:
        from django.apps import apps

        label, pk = record
        apps.get_model(label).objects.filter(pk=pk).update(status=status, error=error[:300])
