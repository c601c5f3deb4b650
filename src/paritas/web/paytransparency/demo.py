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


def desk(organisation: Organisation, owner: Any, analyst: Any, password_hash: str) -> None:
    """Herne's desk: Petra Schulz, whose answered request is hers in the platform, and the staff council;
    a pay report of the latest snapshot submitted at the end of May 2025, so that the six months are over
    and the joint pay assessment runs (reasons drafted, one measure, the council's statement); the criteria
    for pay and three published ranges."""
    from datetime import date
    from decimal import Decimal

    from paritas.web.accounts.models import User
    from paritas.web.paytransparency.models import Comment, DeskRole, InformationRequest
    from paritas.web.paytransparency.services import ranges, reports
    from paritas.web.workforce.models import Snapshot

    worker = User.objects.filter(email="worker@herne.example").first() or User.objects.create_user(
        "worker@herne.example", password_hash=password_hash, first_name="Petra", last_name="Schulz")
    council = User.objects.filter(email="personalrat@herne.example").first() or User.objects.create_user(
        "personalrat@herne.example", password_hash=password_hash, first_name="Peter", last_name="Rat")
    DeskRole.objects.create(organisation=organisation, user=worker, role=DeskRole.Role.WORKER, added_by=owner)
    DeskRole.objects.create(organisation=organisation, user=council, role=DeskRole.Role.REPRESENTATIVE,
                            body="Personalrat der Stadt Herne", added_by=owner)
    InformationRequest.objects.filter(organisation=organisation, requester="Petra Schulz").update(
        worker=worker, filed_by=worker)
    snapshot = Snapshot.objects.filter(organisation=organisation).order_by("-reference_date").first()
    report = reports.create_report(organisation, snapshot, analyst)
    report.explanation = ("Die Lücke geht vor allem auf den höheren Männeranteil in den oberen "
                          "Entgeltgruppen zurück; Teilzeit und Zulagen für Schichtdienst erklären den Rest.")
    report.submitted_on = date(2025, 5, 30)
    report.save()
    if report.flagged.exists():
        assessment = reports.start_assessment(report, date(2025, 12, 5))
        assessment.representatives = "Personalrat der Stadt Herne"
        assessment.reasons = ("Erste Sitzung am 5.12.2025: Die Lücke in den markierten Entgeltgruppen folgt aus den "
                              "Stufenlaufzeiten nach Elternzeit; der Personalrat prüft die Stufenzuordnung.")
        assessment.leave_women, assessment.leave_women_improved = 41, 12
        assessment.leave_men, assessment.leave_men_improved = 9, 6
        assessment.save()
        reports.add_remedy(assessment, {"category": report.flagged.first().category,
                                        "description": "Stufenlaufzeit: Elternzeit bis 12 Monate anrechnen",
                                        "cost": Decimal("48000"), "deadline": date(2026, 12, 31)})
        Comment.objects.create(assessment=assessment, by=council,
                               text="Der Personalrat trägt die Maßnahme mit und bittet um Auswertung 2026.")
    criteria = ranges.criteria_of(organisation)
    criteria.setting = ("Die Eingruppierung folgt den Tätigkeitsmerkmalen der Entgeltordnung zum TVöD (§ 12 TVöD): "
                        "maßgeblich sind die auszuübenden Tätigkeiten, nicht die Person.")
    criteria.progression = ("Stufenaufstieg nach Erfahrungszeiten (§ 16 TVöD); Elternzeit bis zu zwölf Monaten "
                            "hemmt den Aufstieg nicht (Dienstvereinbarung 2026).")
    criteria.published, criteria.updated_by = True, owner
    criteria.save()
    for s in [s for s in ranges.suggestions(organisation, analyst, "month") if s.low is not None][:3]:
        ranges.set_range(s.job, owner, low=s.low, high=s.high, period="month", basis="TVöD", published=True)


SURVEY_ANALYSES = {  # the demo's analyses, written for Paritas as examples
    "women_dominated": ("Kvinnodominerat yrke med lägre ingångslöner; marknadsargumentet håller inte för "
                        "hela skillnaden.", "not_justified", "", "Höj ingångslönen och gör en särskild satsning "
                        "i löneöversynen 2026", "185000"),
    "equal_work": ("Skillnaden förklaras av erfarenhet och ansvar enligt lönekriterierna.", "justified",
                   "Erfarenhet (antal år i yrket) och särskilt ansvar", "", ""),
}


def pay_survey(organisation: Organisation, owner: Any, analyst: Any) -> None:
    """Falu kommun's pay survey of its latest snapshot with the job evaluation: rules and cooperation
    written, the women-dominated comparisons and a few equal-work groups analysed, one action carried
    into the action plan for equal pay; the rest waits for analysis."""
    from datetime import date
    from decimal import Decimal

    from paritas.web.paytransparency.services import survey as surveys
    from paritas.web.plans import services as plans
    from paritas.web.workforce.models import Snapshot

    snapshot = Snapshot.objects.filter(organisation=organisation, job_pay__isnull=False).order_by(
        "-reference_date").first()
    if snapshot is None:
        return
    found = surveys.create_survey(organisation, snapshot.reference_date.year + 1, snapshot, analyst)
    found.rules = ("Lönepolicy för Falu kommun (2023); HÖK med Kommunal, Vision och Vårdförbundet. Lön sätts "
                   "individuellt efter lönekriterierna resultat, ansvar, samarbete och kompetens.")
    found.cooperation = "Samverkan med Kommunal, Vision, Vårdförbundet och Sveriges Ingenjörer den 12 mars."
    found.save()
    version = plans.create_plan(organisation, analyst, title="Handlingsplan för jämställda löner",
                                kind="pay_survey_action_plan", legal_basis="diskrimineringslagen_3",
                                period_start=found.year, period_end=found.year)
    for kind in ("women_dominated", "equal_work"):
        analysis, verdict, by, action, cost = SURVEY_ANALYSES[kind]
        for n, finding in enumerate(found.findings.filter(kind=kind).order_by("-pk")[:3]):
            surveys.analyse(finding, analyst, analysis=analysis, verdict=verdict, justified_by=by, action=action,
                            cost=Decimal(cost) if cost else None,
                            deadline=date(found.year, 10, 1) if action else None)
            if action and n == 0:
                surveys.carry_into_plan(finding, version, analyst)
