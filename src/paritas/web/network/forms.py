"""The forms of networks: the public ones (registration with the organiser's questions, a slot request,
feedback) and the organisers' (an event in its own time zone, programme, questions, organisations, goals,
offers, news, invitations, files)."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo, available_timezones

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from paritas.web.network.models import (
    Event,
    Goal,
    Invitee,
    NewsItem,
    Offer,
    OfferSlot,
    Participation,
    ProgrammeItem,
    Question,
    Recognition,
)
from paritas.web.organisations.models import Organisation

GENDERS = [("", "–"), ("f", _("woman")), ("m", _("man")), ("d", _("other"))]


class RegistrationForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    email = forms.EmailField(label=_("E-mail address"))
    organisation_name = forms.CharField(label=_("Organisation"), max_length=200, required=False)
    gender = forms.ChoiceField(label=_("Gender (optional, for the attendance figures)"), required=False,
                               choices=GENDERS)

    def __init__(self, *args: Any, event: Event | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.questions = list(event.questions.all()) if event is not None else []
        for question in self.questions:
            name = f"q_{question.pk}"
            if question.kind == Question.Kind.CHOICE:
                self.fields[name] = forms.ChoiceField(label=question.label, required=question.required,
                                                      choices=[("", "–")] + [(o, o) for o in question.options()])
            elif question.kind == Question.Kind.YES_NO:
                self.fields[name] = forms.ChoiceField(label=question.label, required=question.required,
                                                      widget=forms.RadioSelect,
                                                      choices=[("yes", _("yes")), ("no", _("no"))])
            else:
                self.fields[name] = forms.CharField(label=question.label, required=question.required,
                                                    max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))

    def registration(self) -> dict[str, Any]:
        """The cleaned data as services.register takes it: the person, and the answers by question id."""
        data = self.cleaned_data
        answers: dict[str, Any] = {}
        for question in self.questions:
            value = data.get(f"q_{question.pk}")
            if question.kind == Question.Kind.YES_NO and value in ("yes", "no"):
                value = value == "yes"
            if value not in (None, ""):
                answers[str(question.pk)] = value
        return {"name": data["name"], "email": data["email"], "organisation_name": data["organisation_name"],
                "gender": data["gender"], "answers": answers}


class SlotRequestForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    email = forms.EmailField(label=_("E-mail address"))
    organisation_name = forms.CharField(label=_("Organisation"), max_length=200, required=False)
    message = forms.CharField(label=_("What you would like to talk about"), max_length=4000, required=False,
                              widget=forms.Textarea(attrs={"rows": 3}))


class FeedbackForm(forms.Form):
    rating = forms.TypedChoiceField(label=_("How useful was the event? (1 = not at all, 5 = very)"), coerce=int,
                                    choices=[(i, str(i)) for i in range(1, 6)], widget=forms.RadioSelect)
    comment = forms.CharField(label=_("What should we keep or change?"), max_length=4000, required=False,
                              widget=forms.Textarea(attrs={"rows": 3}))


def _local(value: datetime, zone: str) -> datetime:
    """A time entered in a form as the wall-clock time of ``zone`` (Django reads it in the platform's)."""
    return timezone.make_naive(value).replace(tzinfo=ZoneInfo(zone))


class ZonedTimesForm(forms.ModelForm):
    """Start and end are entered and shown as the wall-clock time of the time zone given with them."""

    zone_field = "time_zone"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        zone = self._zone()
        for name in ("starts_at", "ends_at"):
            value = getattr(self.instance, name, None)
            if value is not None and not self.is_bound:
                self.initial[name] = value.astimezone(ZoneInfo(zone)).replace(tzinfo=None)

    def _zone(self) -> str:
        return getattr(self.instance, self.zone_field, None) or "Europe/Berlin"

    def _entered_zone(self, data: dict[str, Any]) -> str:
        return self._zone()

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        zone = self._entered_zone(data)
        if zone not in available_timezones():
            return data
        for name in ("starts_at", "ends_at"):
            if data.get(name):
                data[name] = _local(data[name], zone)
        if data.get("starts_at") and data.get("ends_at") and data["ends_at"] <= data["starts_at"]:
            raise forms.ValidationError(_("The end lies before the start."))
        return data


_MOMENT = {"type": "datetime-local"}


class EventForm(ZonedTimesForm):
    online_link = forms.URLField(label=_("online link"), required=False, assume_scheme="https")

    class Meta:
        model = Event
        fields = ["title", "kind", "starts_at", "ends_at", "time_zone", "place", "host", "online_link", "audience",
                  "capacity", "description"]
        widgets = {"starts_at": forms.DateTimeInput(attrs=_MOMENT, format="%Y-%m-%dT%H:%M"),
                   "ends_at": forms.DateTimeInput(attrs=_MOMENT, format="%Y-%m-%dT%H:%M")}
        help_texts = {"starts_at": _("In the event's time zone."), "audience": _(
            "Members only: shown to people of the campaign's organisations after they sign in.")}

    def _entered_zone(self, data: dict[str, Any]) -> str:
        zone = data.get("time_zone") or ""
        if zone not in available_timezones():
            self.add_error("time_zone", _("Choose a time zone such as Europe/Berlin or Europe/Stockholm."))
        return zone


class AfterForm(forms.ModelForm):
    class Meta:
        model = Event
        fields = ["minutes", "minutes_public"]
        widgets = {"minutes": forms.Textarea(attrs={"rows": 6})}


class ProgrammeItemForm(forms.ModelForm):
    class Meta:
        model = ProgrammeItem
        fields = ["starts_at", "title", "kind", "speakers"]
        widgets = {"starts_at": forms.TimeInput(attrs={"type": "time"}), "speakers": forms.Textarea(attrs={"rows": 3})}


class QuestionForm(forms.ModelForm):
    class Meta:
        model = Question
        fields = ["label", "kind", "choices", "required"]
        widgets = {"choices": forms.Textarea(attrs={"rows": 3})}

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        options = [o for o in (data.get("choices") or "").splitlines() if o.strip()]
        if data.get("kind") == Question.Kind.CHOICE and len(options) < 2:
            self.add_error("choices", _("Give at least two options, one a line."))
        return data


class InvitationForm(forms.Form):
    audience = forms.ChoiceField(label=_("Whom to invite"), choices=Invitee.Audience.choices)
    addresses = forms.CharField(label=_("Addresses (for a list: one a line, or separated by commas)"),
                                required=False, max_length=200_000, widget=forms.Textarea(attrs={"rows": 4}))
    note = forms.CharField(label=_("A personal note (optional)"), required=False, max_length=4000,
                           widget=forms.Textarea(attrs={"rows": 3}))


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("Slides or photo (PDF, ODP, PPTX, ODT, DOCX, PNG, JPEG; at most 10 MB)"))
    public = forms.BooleanField(label=_("shown on the public page"), required=False)


class ParticipationForm(forms.Form):
    """An organisation joins the campaign: one on the platform with exactly this name, or else a new entry
    (an alliance's members need not use Paritas). Other organisations' names are never offered in a list."""

    organisation_name = forms.CharField(label=_("Organisation"), max_length=200)
    type = forms.ChoiceField(label=_("type (for an organisation new to the platform)"),
                             choices=Organisation.Type.choices, initial=Organisation.Type.COMPANY)
    role = forms.ChoiceField(label=_("role"), choices=Participation.Role.choices, initial=Participation.Role.MEMBER)
    joined_on = forms.DateField(label=_("joined on"), required=False,
                                widget=forms.DateInput(attrs={"type": "date"}))
    shown_publicly = forms.BooleanField(label=_("agrees to be shown on the public page"), required=False)


class GoalForm(forms.ModelForm):
    class Meta:
        model = Goal
        fields = ["title", "measure", "target", "year", "manual_value"]

    def clean_year(self) -> int:
        year = self.cleaned_data["year"]
        if not 1990 <= year <= 2100:
            raise forms.ValidationError(_("Give a year between 1990 and 2100."))
        return year


class OfferForm(forms.ModelForm):
    class Meta:
        model = Offer
        fields = ["title", "audience", "description", "contact"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class SlotForm(ZonedTimesForm):
    """A slot of an offer, in the campaign's time zone (Europe/Berlin unless its events say otherwise)."""

    class Meta:
        model = OfferSlot
        fields = ["starts_at", "ends_at", "place"]
        widgets = {"starts_at": forms.DateTimeInput(attrs=_MOMENT, format="%Y-%m-%dT%H:%M"),
                   "ends_at": forms.DateTimeInput(attrs=_MOMENT, format="%Y-%m-%dT%H:%M")}

    def __init__(self, *args: Any, zone: str = "Europe/Berlin", **kwargs: Any) -> None:
        self.zone = zone
        super().__init__(*args, **kwargs)

    def _zone(self) -> str:
        return self.zone


class NewsForm(forms.ModelForm):
    class Meta:
        model = NewsItem
        fields = ["title", "body", "published_on"]
        widgets = {"published_on": forms.DateInput(attrs={"type": "date"}), "body": forms.Textarea(attrs={"rows": 4})}


class RecognitionForm(forms.ModelForm):
    class Meta:
        model = Recognition
        fields = ["title", "awarded_by", "on"]
        widgets = {"on": forms.DateInput(attrs={"type": "date"})}


class PersonForm(forms.Form):
    email = forms.EmailField(label=_("The person's e-mail address"))
