"""The organisers' pages of networks: a coordinator's campaigns, a campaign's events, an event's programme
and participants (check-in at the door, the list as CSV). Thin: rules in services.py, who may do what in
permissions.py."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from paritas.web.downloads import csv_download
from paritas.web.ids import parse_id
from paritas.web.network import mail, permissions, services
from paritas.web.network.models import Campaign, Event, ProgrammeItem, Registration


class EventForm(forms.ModelForm):
    online_link = forms.URLField(label=gettext_lazy("online link"), required=False, assume_scheme="https")

    class Meta:
        model = Event
        fields = ["title", "kind", "starts_at", "ends_at", "time_zone", "place", "host", "online_link", "audience",
                  "capacity", "description"]
        widgets = {"starts_at": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
                   "ends_at": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")}

    def clean(self):  # type: ignore[no-untyped-def]
        data = super().clean()
        if data.get("starts_at") and data.get("ends_at") and data["ends_at"] <= data["starts_at"]:
            raise forms.ValidationError(gettext_lazy("The end lies before the start."))
        from zoneinfo import available_timezones

        if data.get("time_zone") not in available_timezones():
            self.add_error("time_zone", gettext_lazy("Choose a time zone such as Europe/Berlin or Europe/Stockholm."))
        return data


class ProgrammeItemForm(forms.ModelForm):
    class Meta:
        model = ProgrammeItem
        fields = ["starts_at", "title", "kind", "speakers"]
        widgets = {"starts_at": forms.TimeInput(attrs={"type": "time"}), "speakers": forms.Textarea(attrs={"rows": 3})}


@login_required
def campaigns(request: HttpRequest) -> HttpResponse:
    return render(request, "network/organiser_campaigns.html",
                  {"campaigns": Campaign.objects.filter(coordinators=request.user)})


@login_required
def campaign(request: HttpRequest, slug: str) -> HttpResponse:
    item = permissions.coordinated(request.user, slug)
    form = EventForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        event = form.save(commit=False)
        event.campaign = item
        event.save()
        messages.success(request, _("The event was created."))
        return redirect("network:organise_event", pk=event.pk)
    return render(request, "network/organiser_campaign.html", {"campaign": item, "form": form,
                                                                "events": item.events.all()})


@login_required
def event(request: HttpRequest, pk: int) -> HttpResponse:
    """An event for its organisers: its details, programme and participants with check-in."""
    item = permissions.organised_event(request.user, pk)
    form = EventForm(instance=item)
    item_form = ProgrammeItemForm()
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "edit":
            form = EventForm(request.POST, instance=item)
            if form.is_valid():
                form.save()
                messages.success(request, _("The event was saved."))
                return redirect("network:organise_event", pk=item.pk)
        elif action == "programme":
            item_form = ProgrammeItemForm(request.POST)
            if item_form.is_valid():
                entry = item_form.save(commit=False)
                entry.event = item
                entry.save()
                return redirect("network:organise_event", pk=item.pk)
        elif action in ("check_in", "cancel"):
            registration = get_object_or_404(Registration, pk=parse_id(request.POST.get("registration")) or 0,
                                             event=item)
            try:
                if action == "check_in":
                    services.check_in(registration)
                else:
                    moved = services.cancel(registration)
                    if moved is not None:
                        mail.moved_up(moved, mail.link(request, moved))
                        messages.info(request, _("%(name)s moved up from the waiting list.") % {"name": moved.name})
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
            return redirect("network:organise_event", pk=item.pk)
        elif action == "delete_item":
            get_object_or_404(ProgrammeItem, pk=parse_id(request.POST.get("item")) or 0, event=item).delete()
            return redirect("network:organise_event", pk=item.pk)
        else:
            raise Http404
    return render(request, "network/organiser_event.html", {
        "event": item, "form": form, "item_form": item_form, "programme": item.programme.all(),
        "registrations": item.registrations.exclude(status=Registration.Status.CANCELLED),
        "counts": services.counts(item)})


@login_required
def participants_csv(request: HttpRequest, pk: int) -> HttpResponse:
    """The participant list for the organisers (personal data: only they reach it)."""
    item = permissions.organised_event(request.user, pk)
    header = [_("Name"), _("E-mail address"), _("Organisation"), _("Status"), _("Checked in")]
    rows = [[r.name, r.email, r.organisation_name, r.get_status_display(),
             r.checked_in_at.isoformat(timespec="minutes") if r.checked_in_at else ""]
            for r in item.registrations.exclude(status=Registration.Status.CANCELLED)]
    return csv_download(header, rows, f"participants-{item.pk}.csv")
