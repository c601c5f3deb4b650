"""The demo's job evaluation: Falu kommun's job titles scored with the default plan, levels 1–5 in the
order of its sub-factors (knowledge, problem solving, communication, physical, mental, emotional effort,
responsibility for people, for money and material, for information, physical and psychosocial
environment). Written for Paritas as an example, not an official evaluation of these jobs."""

from __future__ import annotations

from typing import Any

from paritas.analytics import jobs
from paritas.web.organisations.models import Organisation
from paritas.web.paytransparency import services
from paritas.web.paytransparency.models import Job

LEVELS = {
    "Vaktmästare": (2, 2, 2, 4, 2, 1, 1, 2, 1, 4, 2),
    "Lokalvårdare": (1, 1, 2, 5, 2, 1, 1, 1, 1, 4, 2),
    "Undersköterska": (3, 3, 4, 4, 3, 5, 5, 1, 2, 3, 4),
    "Barnskötare": (3, 3, 4, 3, 3, 4, 5, 1, 2, 3, 4),
    "Brandman": (3, 3, 3, 5, 4, 4, 5, 2, 2, 5, 4),
    "Socialsekreterare": (4, 4, 4, 1, 4, 5, 4, 2, 4, 2, 5),
    "Förskollärare": (4, 4, 4, 3, 4, 4, 5, 1, 3, 3, 4),
    "Handläggare": (4, 3, 3, 1, 3, 2, 1, 2, 4, 1, 2),
    "Utredare": (5, 4, 3, 1, 4, 2, 1, 2, 4, 1, 2),
    "Jurist": (5, 5, 4, 1, 4, 2, 1, 3, 5, 1, 2),
    "Läkare": (5, 5, 5, 2, 5, 5, 5, 3, 5, 3, 5),
    "Förvaltningschef": (5, 5, 5, 1, 5, 4, 5, 5, 5, 1, 4),
    "Enhetschef": (4, 4, 5, 1, 4, 4, 4, 4, 4, 1, 4),
    "Lärling": (1, 1, 2, 3, 2, 1, 1, 1, 1, 3, 2),
}


def install(organisation: Organisation, user: Any) -> int:
    """Take the job titles of the organisation's latest snapshot and score those in LEVELS; the number
    scored."""
    services.evaluation_of(organisation)
    services.sync_jobs(organisation)
    keys = [k for k, _f in jobs.DEFAULT_SUBFACTORS]
    scored = 0
    for job in Job.objects.filter(organisation=organisation, title__in=LEVELS):
        services.score(job, dict(zip(keys, LEVELS[job.title], strict=True)), user, "Demo")
        scored += 1
    return scored


def requests(organisation: Organisation, owner: Any, analyst: Any, today: Any = None) -> int:
    """A German city's art. 7 requests: one answered and sent, one approved, one just received."""
    from datetime import timedelta
    from decimal import Decimal

    from django.utils import timezone

    from paritas.web.paytransparency.models import InformationRequest

    today = today or timezone.localdate()
    services.sync_jobs(organisation)
    counts = services.latest_counts(organisation)
    wanted = [t for t in ("Erzieher*in", "Sachbearbeiter*in", "Reinigungskraft") if t in counts]
    made = 0
    for n, (title, name, days_ago, basic) in enumerate(zip(wanted, ("Petra Schulz", "Aylin Demir", "Jana Wolf"),
                                                          (50, 20, 3), ("21.40", "24.10", "15.90"), strict=False)):
        job = next(j for j in Job.objects.filter(organisation=organisation) if title in j.titles)
        item = InformationRequest.objects.create(
            organisation=organisation, received_on=today - timedelta(days=days_ago), requester=name,
            address="Rathaus, Herne", language="de", job=job, own_basic=Decimal(basic), own_variable=Decimal("0.35"))
        services.compute_answer(item, analyst)
        if n < 2:
            services.approve(item, owner)
        if n == 0:
            services.mark_sent(item, today - timedelta(days=days_ago - 12))
        made += 1
    return made
