"""The juror's pages: their workload per stage, the review per application — the score sheet (autosaved,
with the running total) or the recommendation, what the stage shows of the other reviews, the redacted
copy in anonymised stages —, the conflict-of-interest declaration and submission."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from paritas.web.awards import access, editing, redaction, services
from paritas.web.awards.domain import stages
from paritas.web.awards.models import Assignment, Criterion, Stage


def _structure_sentences(application, redactor=redaction.NONE) -> list[str]:  # type: ignore[no-untyped-def]
    """The attached snapshot's figures in the sentences the jury statement uses (already suppressed)."""
    from paritas.reports.i18n import LANGUAGES, Translator
    from paritas.reports.structure import jury_sentences_from_dict

    if application.snapshot is None:
        return []
    lang = (get_language() or "de")[:2]
    return [redactor.text(sentence) for sentence in jury_sentences_from_dict(
        application.snapshot.structure, Translator(lang if lang in LANGUAGES else "de"), application.organisation.type)]


def _plan(application, redactor=redaction.NONE) -> dict | None:  # type: ignore[no-untyped-def,type-arg]
    """The attached plan version as the jury reads it: its targets with their progress, its measures."""
    from paritas.reports.i18n import LANGUAGES, Translator
    from paritas.web.plans import presenters

    version = application.plan_version
    if version is None:
        return None
    lang = (get_language() or "de")[:2]
    t = Translator(lang if lang in LANGUAGES else "de")
    rows = presenters.target_rows(version, t)

    def cells(table: list[list[str]]) -> list[list[str]]:
        return [[redactor.text(cell) for cell in row] for row in table]

    return {"version": version, "title": redactor.text(f"{version.plan.title} {version.plan.period}"),
            "target_header": presenters.target_header(t), "targets": cells(presenters.target_table(rows)),
            "measure_header": presenters.measure_header(t), "measures": cells(presenters.measure_table(version, t))}


def _redactor(assignment: Assignment) -> redaction.Redactor:
    return redaction.for_stage(assignment.application, assignment.stage)


def _started(assignment: Assignment) -> bool:
    return bool(assignment.recommendation or assignment.note.strip()) or any(
        s.score is not None or s.comment.strip() for s in assignment.scores.all())


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """The juror's dashboard: per stage their progress (assigned, started, submitted, days left in the
    round's time zone) and each application, by its code in anonymised stages."""
    from zoneinfo import ZoneInfo

    from django.utils import timezone

    assignments = (Assignment.objects.filter(juror=request.user, conflict_declared=False,
                                             application__status="submitted")
                   .select_related("round__programme", "stage", "application__organisation")
                   .prefetch_related("scores").order_by("-round__closes_at", "stage__order", "pk"))
    groups: dict[int, dict] = {}  # type: ignore[type-arg]
    for a in assignments:
        stage = a.stage
        group = groups.setdefault(stage.pk, {
            "stage": stage, "round": a.round, "rows": [], "assigned": 0, "started": 0, "submitted": 0,
            "closes": services.moment_label(stage.closes_at, a.round.time_zone),
            "days_left": stages.days_left(stage, timezone.now().astimezone(ZoneInfo(a.round.time_zone)).date()),
            "open": stages.open_for_review(stage)})
        group["overdue"] = max(0, -group["days_left"])
        group["outstanding"] = group.get("outstanding", 0) + (a.submitted_at is None)
        started = _started(a)
        group["assigned"] += 1
        group["started"] += started and a.submitted_at is None
        group["submitted"] += a.submitted_at is not None
        group["rows"].append({"assignment": a, "name": _redactor(a).name(a.application), "started": started,
                              "total": editing.percent_label(services.weighted_total(a))
                              if stage.sheet == Stage.Sheet.SCORES else a.get_recommendation_display() or "–"})
    return render(request, "awards/jury.html", {"groups": list(groups.values())})


def _sheet(assignment: Assignment) -> list[dict]:  # type: ignore[type-arg]
    if assignment.stage.sheet != Stage.Sheet.SCORES:
        return []
    scores = {s.criterion_id: s for s in assignment.scores.all()}
    return [{"criterion": c, "score": scores.get(c.pk), "range": range(0, c.scale_max + 1)}
            for c in Criterion.objects.filter(area__programme=assignment.round.programme).select_related("area")]


@login_required
def review(request: HttpRequest, assignment_id: int) -> HttpResponse:
    """The application read-only beside the score sheet; POST saves the whole sheet (without script)."""
    assignment = access.assignment_for(request.user, assignment_id)
    problems: dict[int, str] = {}
    if request.method == "POST":
        for row in _sheet(assignment):
            criterion, current = row["criterion"], row["score"]
            key = criterion.pk
            if f"s{key}" not in request.POST and f"c{key}" not in request.POST:
                continue
            try:
                score = editing.parse_score(request.POST, f"s{key}")
                comment = request.POST.get(f"c{key}", "").strip()
                if current is not None and current.score == score and current.comment == comment:
                    continue
                if current is None and score is None and not comment:
                    continue
                services.save_score(assignment, criterion, score, comment,
                                    editing.posted_version(request.POST, f"v{key}"))
            except services.Conflict as exc:
                problems[key] = f"{exc} {editing.theirs(exc)}"
            except ValidationError as exc:
                problems[key] = " ".join(exc.messages)
        if not problems:
            messages.success(request, _("Your scores were saved."))
            return redirect("awards:review", assignment_id=assignment.pk)
        messages.error(request, _("Some scores could not be saved; see the marked criteria."))
    sheet = _sheet(assignment)
    for row in sheet:
        row["error"] = problems.get(row["criterion"].pk, "")
    others = services.scores_visible_to(assignment)
    application = assignment.application
    redactor = _redactor(assignment)
    stage = assignment.stage
    return render(request, "awards/review.html", {
        "assignment": assignment, "application": application, "name": redactor.name(application),
        "sections": editing.sections(application, redactor), "stage": stage,
        "sheet": sheet, "others": others, "total": editing.percent_label(services.weighted_total(assignment)),
        "recommendations": services.recommendations_visible_to(assignment),
        "holistic": assignment.round.programme.scoring == "holistic",
        "structure": _structure_sentences(application, redactor), "plan": _plan(application, redactor),
        "open": stages.open_for_review(stage), "recommendation_choices": Assignment.Recommendation.choices,
        "editable": assignment.submitted_at is None and stages.open_for_review(stage)})


@require_POST
@login_required
def score(request: HttpRequest, assignment_id: int, criterion_id: int) -> HttpResponse:
    """Autosave of one criterion's score and comment."""
    assignment = access.assignment_for(request.user, assignment_id)
    criterion = get_object_or_404(Criterion, pk=criterion_id, area__programme=assignment.round.programme_id)
    return editing.autosave(lambda: services.save_score(
        assignment, criterion, editing.parse_score(request.POST, "score"), request.POST.get("comment", "").strip(),
        editing.posted_version(request.POST)),
        lambda: {"total": editing.percent_label(services.weighted_total(assignment))})


@require_POST
@login_required
def recommend(request: HttpRequest, assignment_id: int) -> HttpResponse:
    """A stage with a recommendation sheet: move on or not, and a note."""
    assignment = access.assignment_for(request.user, assignment_id)
    try:
        services.save_recommendation(assignment, request.POST.get("recommendation", ""),
                                     request.POST.get("note", "").strip())
        messages.success(request, _("Your recommendation was saved."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("awards:review", assignment_id=assignment.pk)


@require_POST
@login_required
def conflict(request: HttpRequest, assignment_id: int) -> HttpResponse:
    assignment = access.assignment_for(request.user, assignment_id)
    reason = request.POST.get("reason", "").strip()
    if not reason:
        messages.error(request, _("Say briefly why (it is seen only by the programme's administrators)."))
        return redirect("awards:review", assignment_id=assignment.pk)
    try:
        services.declare_conflict(assignment, reason)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("awards:review", assignment_id=assignment.pk)
    messages.success(request, _("Your conflict of interest is recorded; the application is no longer shown to you."))
    return redirect("awards:jury")


@require_POST
@login_required
def submit_review(request: HttpRequest, assignment_id: int) -> HttpResponse:
    assignment = access.assignment_for(request.user, assignment_id)
    try:
        services.submit_review(assignment)
        messages.success(request, _("Your review was submitted; the other jurors' scores are now shown."))
    except ValidationError as exc:
        for problem in exc.messages:
            messages.error(request, problem)
    return redirect("awards:review", assignment_id=assignment.pk)


@login_required
def attachment(request: HttpRequest, assignment_id: int, attachment_id: int) -> HttpResponse:
    """An attachment; in an anonymised stage only its redacted copy (404 until an administrator made it)."""
    assignment = access.assignment_for(request.user, assignment_id)
    if assignment.stage.anonymised:
        return access.redacted_attachment_of(assignment.application, attachment_id,
                                             redaction.pseudonym(assignment.application))
    return access.attachment_of(assignment.application, attachment_id)


@login_required
def application_pdf(request: HttpRequest, assignment_id: int) -> HttpResponse:
    """The assigned application as PDF (redacted in an anonymised stage), rendered by a job (a personal
    document of the juror)."""
    from paritas.web.jobs import documents

    assignment = access.assignment_for(request.user, assignment_id)
    return documents.submit_personal(request, "jury_application", organisation=assignment.application.organisation,
                                     assignment=assignment.pk, lang=(get_language() or "de")[:2])
