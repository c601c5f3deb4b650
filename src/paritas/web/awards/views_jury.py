"""The juror's pages: their assignments, the score sheet per application (autosaved, blind to the other
jurors until their own review is submitted), the conflict-of-interest declaration and submission."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from paritas.web.awards import access, editing, services
from paritas.web.awards.models import Assignment, Criterion
from paritas.web.awards.views_applicant import application_pdf_response


def _structure_sentences(application) -> list[str]:  # type: ignore[no-untyped-def]
    """The attached snapshot's figures in the sentences the jury statement uses (already suppressed)."""
    from django.utils.translation import get_language

    from paritas.reports.i18n import LANGUAGES, Translator
    from paritas.reports.structure import jury_sentences_from_dict

    if application.snapshot is None:
        return []
    lang = (get_language() or "de")[:2]
    return jury_sentences_from_dict(application.snapshot.structure, Translator(lang if lang in LANGUAGES else "de"),
                                    application.organisation.type)


def _plan(application) -> dict | None:  # type: ignore[no-untyped-def,type-arg]
    """The attached plan version as the jury reads it: its targets with their progress, its measures."""
    from django.utils.translation import get_language

    from paritas.reports.i18n import LANGUAGES, Translator
    from paritas.web.plans import presenters

    version = application.plan_version
    if version is None:
        return None
    lang = (get_language() or "de")[:2]
    t = Translator(lang if lang in LANGUAGES else "de")
    rows = presenters.target_rows(version, t)
    return {"version": version, "target_header": presenters.target_header(t),
            "targets": presenters.target_table(rows), "measure_header": presenters.measure_header(t),
            "measures": presenters.measure_table(version, t)}


@login_required
def home(request: HttpRequest) -> HttpResponse:
    assignments = (Assignment.objects.filter(juror=request.user, conflict_declared=False)
                   .select_related("round__programme", "application__organisation").order_by("-round__closes_at", "pk"))
    return render(request, "awards/jury.html", {"assignments": assignments})


def _sheet(assignment: Assignment) -> list[dict]:  # type: ignore[type-arg]
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
    return render(request, "awards/review.html", {
        "assignment": assignment, "application": application, "sections": editing.sections(application),
        "sheet": sheet, "others": others, "total": services.weighted_total(assignment),
        "holistic": assignment.round.programme.scoring == "holistic",
        "structure": _structure_sentences(application), "plan": _plan(application),
        "editable": assignment.submitted_at is None})


@require_POST
@login_required
def score(request: HttpRequest, assignment_id: int, criterion_id: int) -> HttpResponse:
    """Autosave of one criterion's score and comment."""
    assignment = access.assignment_for(request.user, assignment_id)
    criterion = get_object_or_404(Criterion, pk=criterion_id, area__programme=assignment.round.programme_id)
    return editing.autosave(lambda: services.save_score(
        assignment, criterion, editing.parse_score(request.POST, "score"), request.POST.get("comment", "").strip(),
        editing.posted_version(request.POST)))


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
    return access.attachment_of(access.assignment_for(request.user, assignment_id).application, attachment_id)




@login_required
def application_pdf(request: HttpRequest, assignment_id: int) -> HttpResponse:
    return application_pdf_response(access.assignment_for(request.user, assignment_id).application)
