"""Activities with the hours of their participants, and the participants (added one by one or as a CSV
list, edited, their data exported or erased). Staff only."""

from __future__ import annotations

import json
from datetime import date
from urllib.parse import urlencode

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, Q, Sum
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from paritas.web.downloads import csv_download, download
from paritas.web.projects import indicators, permissions
from paritas.web.projects.forms import ActivityForm, AttendanceForm, ImportForm, ParticipantForm
from paritas.web.projects.models import Activity, Attendance, Participant
from paritas.web.projects.services import participants as people

PAGE = 200
HOURS_PAGE = 150


def activities(request: HttpRequest, slug: str) -> HttpResponse:
    project = permissions.staffed(request.user, slug)
    form = ActivityForm(request.POST or None, project=project, prefix="activity")
    if request.method == "POST" and form.is_valid():
        activity = form.save(commit=False)
        activity.project = project
        activity.save()
        form.save_m2m()
        messages.success(request, _("The activity was added."))
        return redirect("projects:activity", slug=slug, pk=activity.pk)
    listed = (project.activities.annotate(people=Count("attendances__participant", distinct=True),
                                          total=Sum("attendances__hours")).order_by("starts_on", "pk"))
    return render(request, "projects/activities.html", {"project": project, "activities": listed, "form": form},
                  status=400 if form.errors else 200)


def activity(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    project = permissions.staffed(request.user, slug)
    item = get_object_or_404(Activity, pk=pk, project=project)
    candidates = project.participants.filter(anonymised=False).select_related("partner__organisation")
    if item.partners.exists():
        candidates = candidates.filter(partner__in=item.partners.all())
    if item.target_groups.exists():
        candidates = candidates.filter(Q(target_group__in=item.target_groups.all()) | Q(target_group__isnull=True))
    # One organisation and one page of people at a time: a form of thousands of fields would exceed what a
    # request may carry (DATA_UPLOAD_MAX_NUMBER_FIELDS) and what a person can fill in.
    scope = request.POST if request.method == "POST" else request.GET
    organisations = list(project.partners.filter(pk__in=candidates.values("partner_id"))
                         .select_related("organisation").order_by("organisation__name"))
    chosen = next((p for p in organisations if str(p.pk) == scope.get("partner")), None)
    if chosen is not None:
        candidates = candidates.filter(partner=chosen)
    page = Paginator(candidates.order_by("partner__organisation__name", "name", "pk"), HOURS_PAGE).get_page(
        scope.get("page"))
    action = request.POST.get("action") if request.method == "POST" else None
    edit_form = ActivityForm(request.POST if action == "edit" else None, instance=item, project=project, prefix="edit")
    form = AttendanceForm(request.POST if action == "hours" else None, activity=item, participants=page.object_list)
    if action == "edit" and edit_form.is_valid():
        edit_form.save()
        messages.success(request, _("Saved."))
        return redirect(request.path)
    if action == "hours" and form.is_valid():
        on = form.cleaned_data["on"]
        with transaction.atomic():
            for pid, hours in form.hours().items():
                if hours:
                    Attendance.objects.update_or_create(activity=item, participant_id=pid, on=on,
                                                        defaults={"hours": hours})
                else:
                    Attendance.objects.filter(activity=item, participant_id=pid, on=on).delete()
        messages.success(request, _("The hours of %(day)s were saved.") % {"day": on.isoformat()})
        where = {"on": on.isoformat(), "partner": chosen.pk if chosen else "", "page": page.number}
        return redirect(f"{request.path}?{urlencode(where)}")
    if action == "delete":
        item.delete()
        messages.success(request, _("The activity was removed."))
        return redirect("projects:activities", slug=slug)
    if action is not None and action not in ("edit", "hours"):
        raise Http404
    if not form.is_bound:
        day = request.GET.get("on", "")
        try:
            when = date.fromisoformat(day) if day else item.starts_on
        except ValueError:
            when = item.starts_on
        if item.starts_on <= when <= item.ends_on:
            form.initial["on"] = when
            for a in item.attendances.filter(on=when, participant__in=[p.pk for p in form.people]):
                form.initial[f"h{a.participant_id}"] = a.hours
    recorded = (item.attendances.values("on").annotate(people=Count("participant"), total=Sum("hours"))
                .order_by("on"))
    fields = [(p, form[f"h{p.pk}"]) for p in form.people]
    return render(request, "projects/activity.html", {
        "project": project, "activity": item, "form": form, "fields": fields, "edit_form": edit_form,
        "recorded": recorded, "organisations": organisations, "chosen": chosen, "page": page},
        status=400 if (form.errors or edit_form.errors) else 200)


def participants(request: HttpRequest, slug: str) -> HttpResponse:
    project = permissions.staffed(request.user, slug)
    action = request.POST.get("action") if request.method == "POST" else None
    form = ParticipantForm(request.POST if action == "add" else None, project=project, prefix="person")
    upload = ImportForm(request.POST if action == "import" else None, request.FILES if action == "import" else None)
    problems: list[people.RowProblem] = []
    if action == "add" and form.is_valid():
        person = form.save(commit=False)
        person.project = project
        if form.cleaned_data.get("personal_number"):
            people.set_personal_number(person, form.cleaned_data["personal_number"])
        people.minimise(person, project)
        person.save()
        messages.success(request, _("%(name)s was added.") % {"name": person.name})
        return redirect(request.path)
    if action == "import" and upload.is_valid():
        file = upload.cleaned_data["file"]
        if file.size > 5 * 1024 * 1024:
            problems = [people.RowProblem(0, "", _("The file is larger than 5 MB."))]
        else:
            added, problems = people.import_csv(project, file.read())
            if not problems:
                messages.success(request, _("%(n)d participants were added.") % {"n": added})
                return redirect(request.path)
    if action is not None and action not in ("add", "import"):
        raise Http404
    listed = (project.participants.select_related("partner__organisation", "target_group")
              .order_by("partner__organisation__name", "name", "pk"))
    shown = list(listed[:PAGE]) if not request.GET.get("all") else list(listed)
    totals = dict(Attendance.objects.filter(participant__in=[p.pk for p in shown]).values("participant_id")
                  .annotate(h=Sum("hours")).order_by().values_list("participant_id", "h"))
    for person in shown:
        person.total = totals.get(person.pk, 0)
    return render(request, "projects/participants.html", {
        "project": project, "participants": shown, "count": listed.count(), "page": PAGE, "form": form,
        "upload": upload, "problems": problems, "columns": _columns(project)},
        status=400 if (form.errors or upload.errors or problems) else 200)


def _columns(project: object) -> list[str]:
    fields = people.required(project)  # type: ignore[arg-type]
    return ["name", "organisation", "target_group", "gender", *[c for c in people.COLUMNS if c in fields],
            "joined_on"]


def template_csv(request: HttpRequest, slug: str) -> HttpResponse:
    project = permissions.staffed(request.user, slug)
    return csv_download(_columns(project), [], f"{project.slug}-participants.csv")


def participant(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    project = permissions.staffed(request.user, slug)
    person = get_object_or_404(Participant.objects.select_related("partner__organisation"), pk=pk, project=project)
    action = request.POST.get("action") if request.method == "POST" else None
    form = ParticipantForm(request.POST if action == "edit" else None, instance=person, project=project,
                           prefix="person")
    if person.anonymised and action == "edit":
        raise Http404
    if action == "edit" and form.is_valid():
        person = form.save(commit=False)
        if form.cleaned_data.get("personal_number"):
            people.set_personal_number(person, form.cleaned_data["personal_number"])
        people.minimise(person, project)
        person.save()
        messages.success(request, _("Saved."))
        return redirect(request.path)
    if action == "erase":
        outcome = people.erase(person)
        messages.success(request, _("The participant was deleted.") if outcome == "deleted"
                         else _("The participant's personal data were erased; the reported hours stay."))
        return redirect("projects:participants", slug=slug)
    if action == "export":
        return download(json.dumps(people.person_data(person), ensure_ascii=False, indent=2),
                        "application/json", f"participant-{person.pk}.json")
    if action is not None and action != "edit":
        raise Http404
    hours = person.attendances.select_related("activity").order_by("on")
    return render(request, "projects/participant.html", {
        "project": project, "person": person, "form": form, "hours": hours, "masked": people.masked(person),
        "keeps_number": indicators.PERSONAL_NUMBER in people.required(project)},
        status=400 if form.errors else 200)
