"""An event's organiser page (coordinators of its campaign, or its host): details, programme, registration
questions, invitations, participants with check-in and cancellation, the participant and check-in lists as
PDF and CSV, and after the event minutes, files, attendance and feedback; each form posts an ``action``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from paritas.web import files, pdf
from paritas.web.downloads import csv_download, download
from paritas.web.i18n import report_language
from paritas.web.ids import parse_id
from paritas.web.network import mail, permissions, presenters, services
from paritas.web.network.forms import (
    AfterForm,
    AttachmentForm,
    EventForm,
    InvitationForm,
    ProgrammeItemForm,
    QuestionForm,
)
from paritas.web.network.models import Event, EventAttachment, ProgrammeItem, Question, Registration

Forms = dict[str, Any]
#: Each form of the page has its own prefix, so that no two fields share an id.
PREFIXES = {"item_form": "item", "question": "question"}
Handler = Callable[[HttpRequest, Event, Forms], "HttpResponse | None"]


def _edit(request: HttpRequest, event: Event, forms: Forms) -> None:
    form = forms["form"] = EventForm(request.POST, instance=event)
    if form.is_valid():
        form.save()
        messages.success(request, _("The event was saved."))


def _child(key: str, form_class: Any) -> Handler:
    def handle(request: HttpRequest, event: Event, forms: Forms) -> None:
        form = forms[key] = form_class(request.POST, prefix=PREFIXES[key])
        if form.is_valid():
            entry = form.save(commit=False)
            entry.event = event
            entry.save()
    return handle


def _delete(model: Any, field: str) -> Handler:
    def handle(request: HttpRequest, event: Event, forms: Forms) -> None:
        get_object_or_404(model, pk=parse_id(request.POST.get(field)) or 0, event=event).delete()
    return handle


def _door(request: HttpRequest, event: Event, forms: Forms) -> None:
    """Check-in or cancellation at the door; a place that becomes free goes to the first waiting."""
    registration = get_object_or_404(Registration, pk=parse_id(request.POST.get("registration")) or 0, event=event)
    try:
        if request.POST.get("action") == "check_in":
            services.check_in(registration)
        else:
            moved = services.cancel(registration)
            if moved is not None:
                mail.moved_up(moved, mail.link(request, moved))
                messages.info(request, _("%(name)s moved up from the waiting list.") % {"name": moved.name})
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))


def _invite(request: HttpRequest, event: Event, forms: Forms) -> None:
    form = forms["invitation"] = InvitationForm(request.POST, prefix="invite")
    if not form.is_valid():
        return
    data = form.cleaned_data
    try:
        done = services.invite(event, data["audience"], data["addresses"], request.user,
                               lambda address: mail.invitation(request, event, address, data["note"]))
    except ValidationError as exc:
        form.add_error(None, exc)
        return
    if done.invalid:
        form.add_error("addresses", _("Not an e-mail address: %(lines)s. Nobody was invited; correct the list and "
                                      "send again.") % {"lines": "; ".join(f"{_('line')} {n}: {text}"
                                                                          for n, text in done.invalid)})
        return
    messages.success(request, ngettext("%(n)s invitation was sent.", "%(n)s invitations were sent.", len(done.sent))
                     % {"n": len(done.sent)} + (" " + _("%(n)s had been invited before.") % {"n": len(done.already)}
                                                if done.already else ""))


def _after(request: HttpRequest, event: Event, forms: Forms) -> None:
    form = forms["after"] = AfterForm(request.POST, instance=event, prefix="after")
    if form.is_valid():
        form.save()
        messages.success(request, _("The summary was saved."))


def _attach(request: HttpRequest, event: Event, forms: Forms) -> None:
    form = forms["attachment"] = AttachmentForm(request.POST, request.FILES, prefix="file")
    if not form.is_valid():
        return
    upload = form.cleaned_data["file"]
    try:
        services.add_attachment(event, upload.name, upload.read(files.LIMIT + 1), request.user,
                                form.cleaned_data["public"])
    except ValidationError as exc:
        form.add_error("file", exc)
        return
    messages.success(request, _("The file was added."))


HANDLERS: dict[str, Handler] = {
    "edit": _edit, "programme": _child("item_form", ProgrammeItemForm), "question": _child("question", QuestionForm),
    "check_in": _door, "cancel": _door, "invite": _invite, "after": _after, "attach": _attach,
    "delete_item": _delete(ProgrammeItem, "item"), "delete_question": _delete(Question, "question"),
    "delete_file": _delete(EventAttachment, "file"),
}


@login_required
def event(request: HttpRequest, pk: int) -> HttpResponse:
    item = permissions.organised_event(request.user, pk)
    forms: Forms = {}
    status = 200
    if request.method == "POST":
        handler = HANDLERS.get(request.POST.get("action", ""))
        if handler is None:
            raise Http404
        handler(request, item, forms)
        if not any(f.errors for f in forms.values()):
            return redirect("network:organise_event", pk=item.pk)
        status = 422
        item.refresh_from_db()
    return render(request, "network/organiser_event.html", {
        "event": item, "form": forms.get("form") or EventForm(instance=item),
        "item_form": forms.get("item_form") or ProgrammeItemForm(prefix="item"),
        "question_form": forms.get("question") or QuestionForm(prefix="question"),
        "invitation_form": forms.get("invitation") or InvitationForm(prefix="invite"),
        "after_form": forms.get("after") or AfterForm(instance=item, prefix="after"),
        "attachment_form": forms.get("attachment") or AttachmentForm(prefix="file"),
        "programme": presenters.programme(item), "questions": item.questions.all(),
        "registrations": item.registrations.exclude(status=Registration.Status.CANCELLED),
        "invited": item.invitees.count(), "files": item.attachments.defer("content"),
        "counts": services.counts(item), "attendance": services.attendance(item),
        "feedback": services.feedback_summary(item), "over": item.ends_at <= timezone.now()}, status=status)


def _people(event: Event) -> list[Registration]:
    return list(event.registrations.exclude(status=Registration.Status.CANCELLED).order_by("status", "name"))


def _answers(event: Event, registration: Registration, questions: list[Question]) -> list[str]:
    out = []
    for question in questions:
        value = registration.answers.get(str(question.pk), "")
        out.append(_("yes") if value is True else _("no") if value is False else str(value))
    return out


@login_required
def participants_csv(request: HttpRequest, pk: int) -> HttpResponse:
    """The participant list for the organisers (personal data: only they reach it), with the answers to
    the event's questions."""
    item = permissions.organised_event(request.user, pk)
    questions = list(item.questions.all())
    header = [_("Name"), _("E-mail address"), _("Organisation"), _("Status"), _("Checked in"),
              *[q.label for q in questions]]
    rows = [[r.name, r.email, r.organisation_name, r.get_status_display(),
             r.checked_in_at.isoformat(timespec="minutes") if r.checked_in_at else "", *_answers(item, r, questions)]
            for r in _people(item)]
    return csv_download(header, rows, f"participants-{item.pk}.csv")


@login_required
def participants_pdf(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    """The participant list (with addresses) or the check-in list for the door (names, organisation, a box
    to tick), as a PDF."""
    item = permissions.organised_event(request.user, pk)
    if kind not in ("participants", "check-in"):
        raise Http404
    lang = report_language(request)
    with translation.override(lang):
        title = _("Check-in list") if kind == "check-in" else _("Participant list")
        context = {"event": item, "people": _people(item), "title": title, "check_in": kind == "check-in",
                   "counts": services.counts(item), **pdf.page_css(_, f"{item.title} · {title}")}
    document = pdf.render_pdf("network/participants_pdf.html", context, lang)
    return download(document, "application/pdf", f"{kind}-{item.pk}-{lang}.pdf")


@login_required
def organiser_file(request: HttpRequest, pk: int, file_pk: int) -> HttpResponse:
    item = permissions.organised_event(request.user, pk)
    attachment = get_object_or_404(item.attachments, pk=file_pk)
    return download(bytes(attachment.content), attachment.content_type, attachment.name)
