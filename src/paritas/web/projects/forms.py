"""The forms of a project's pages; every one validates on the server and names the field that is wrong."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from paritas.web.organisations.models import Organisation
from paritas.web.projects import indicators
from paritas.web.projects.models import (
    Activity,
    BudgetLine,
    Contribution,
    Goal,
    Participant,
    Partner,
    Project,
    TargetGroup,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ProjectForm(forms.ModelForm):
    class Meta:
        model = Project
        fields = ["name", "number", "funder", "programme", "starts_on", "ends_on", "aim", "currency", "language",
                  "indicator_set"]
        widgets = {"starts_on": DATE, "ends_on": DATE, "aim": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, owners: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if owners is not None:
            self.fields["owner"] = forms.ModelChoiceField(label=_("project owner"), queryset=owners,
                                                          empty_label=None)
            self.order_fields(["name", "owner"])

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", _("The end cannot be before the start."))
        if self.instance.pk and data.get("starts_on") and data.get("ends_on"):
            outside = self.instance.activities.exclude(starts_on__gte=data["starts_on"], ends_on__lte=data["ends_on"])
            if outside.exists():
                self.add_error(None, _("Some activities lie outside this period; move them first."))
        return data


class TargetGroupForm(forms.ModelForm):
    class Meta:
        model = TargetGroup
        fields = ["name"]


class PartnerForm(forms.Form):
    """An organisation in the project: one on the platform with exactly this name, or a new entry; other
    organisations' names are never offered in a list."""

    organisation_name = forms.CharField(label=_("Organisation"), max_length=200)
    type = forms.ChoiceField(label=_("type (for an organisation new to the platform)"),
                             choices=Organisation.Type.choices, initial=Organisation.Type.MUNICIPALITY)
    role = forms.ChoiceField(label=_("role"), choices=[c for c in Partner.Role.choices if c[0] != "owner"],
                             initial=Partner.Role.PARTICIPATING)


class PartnerDetailsForm(forms.ModelForm):
    class Meta:
        model = Partner
        fields = ["target_groups", "planned_participants", "cost_basis", "annual_cost", "hourly_cost", "on_cost_rate"]
        widgets = {"target_groups": forms.CheckboxSelectMultiple}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["target_groups"].queryset = self.instance.project.target_groups.all()

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        basis = data.get("cost_basis")
        if basis == Partner.CostBasis.ANNUAL_COST and data.get("annual_cost") is None:
            self.add_error("annual_cost", _("Give the annual employment cost, or choose another basis."))
        if basis == Partner.CostBasis.HOURLY and data.get("hourly_cost") is None:
            self.add_error("hourly_cost", _("Give the cost per hour, or choose another basis."))
        return data


class BudgetLineForm(forms.ModelForm):
    class Meta:
        model = BudgetLine
        fields = ["source", "partner", "amount"]

    def __init__(self, *args: Any, project: Project, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = project.partners.select_related("organisation")

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("source") in (BudgetLine.Source.CASH, BudgetLine.Source.IN_KIND) and not data.get("partner"):
            self.add_error("partner", _("Co-financing comes from an organisation: choose it."))
        return data


class ContributionForm(forms.ModelForm):
    class Meta:
        model = Contribution
        fields = ["source", "partner", "on", "amount", "note"]
        widgets = {"on": DATE}

    def __init__(self, *args: Any, project: Project, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.project = project
        self.fields["partner"].queryset = project.partners.select_related("organisation")

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("source") == BudgetLine.Source.CASH and not data.get("partner"):
            self.add_error("partner", _("Co-financing comes from an organisation: choose it."))
        return data


class GoalForm(forms.ModelForm):
    class Meta:
        model = Goal
        fields = ["title", "measure", "target_group", "target", "year", "manual_value"]

    def __init__(self, *args: Any, project: Project, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.project = project
        self.fields["target_group"].queryset = project.target_groups.all()

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("measure") == Goal.Measure.TARGET_GROUP and not data.get("target_group"):
            self.add_error("target_group", _("Choose the target group."))
        year = data.get("year")
        if year and not (self.project.starts_on.year <= year <= self.project.ends_on.year):
            self.add_error("year", _("The year must be within the project's period."))
        return data


class ActivityForm(forms.ModelForm):
    class Meta:
        model = Activity
        fields = ["title", "kind", "starts_on", "ends_on", "hours", "partners", "target_groups"]
        widgets = {"starts_on": DATE, "ends_on": DATE, "partners": forms.CheckboxSelectMultiple,
                   "target_groups": forms.CheckboxSelectMultiple}

    def __init__(self, *args: Any, project: Project, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.project = project
        self.fields["partners"].queryset = project.partners.select_related("organisation")
        self.fields["target_groups"].queryset = project.target_groups.all()

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end = data.get("starts_on"), data.get("ends_on")
        if start and end:
            if end < start:
                self.add_error("ends_on", _("The last day cannot be before the first."))
            elif start < self.project.starts_on or end > self.project.ends_on:
                self.add_error("starts_on", _("The activity must lie within the project's period."))
            elif self.instance.pk and self.instance.attendances.exclude(on__gte=start, on__lte=end).exists():
                self.add_error("ends_on", _("Some hours were recorded outside these days; change them first."))
        return data


class ParticipantForm(forms.ModelForm):
    """A participant with the facts of the project's indicator set only (other fields are not shown)."""

    personal_number = forms.CharField(label=_("personal identity number"), max_length=13, required=False,
                                      help_text=_("YYYYMMDD-NNNN. Stored encrypted; never shown again."))

    class Meta:
        model = Participant
        fields = ["name", "partner", "target_group", "gender", "birth_year", "employment_status", "education",
                  "joined_on"]
        widgets = {"joined_on": DATE}

    def __init__(self, *args: Any, project: Project, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.project = project
        self.fields["partner"].queryset = project.partners.select_related("organisation")
        self.fields["target_group"].queryset = project.target_groups.all()
        needed = indicators.SETS[project.indicator_set].fields
        for name in (indicators.BIRTH_YEAR, indicators.EMPLOYMENT, indicators.EDUCATION, indicators.PERSONAL_NUMBER):
            if name not in needed:
                del self.fields[name]
            else:
                self.fields[name].required = not (name == indicators.PERSONAL_NUMBER and self.instance.pk
                                                  and self.instance.personal_number_hash)
        if not self.instance.pk:
            self.initial.setdefault("joined_on", project.starts_on)

    def clean_birth_year(self) -> int | None:
        year = self.cleaned_data.get("birth_year")
        if year is not None and not (1900 <= year <= self.project.ends_on.year - 14):
            raise ValidationError(_("Write a year of birth such as 1975."))
        return year

    def clean_personal_number(self) -> str:
        text = self.cleaned_data.get("personal_number", "")
        if not text:
            return ""
        try:
            number = indicators.personal_number(text)
        except indicators.InvalidPersonalNumber as exc:
            raise ValidationError(str(exc)) from None
        from paritas.web.projects.services.participants import pin_hash

        clash = self.project.participants.filter(personal_number_hash=pin_hash(number))
        if self.instance.pk:
            clash = clash.exclude(pk=self.instance.pk)
        if clash.exists():
            raise ValidationError(_("This person is already a participant."))
        return number


class ImportForm(forms.Form):
    file = forms.FileField(label=_("List of participants (CSV, UTF-8)"))


class AttendanceForm(forms.Form):
    """Hours of the chosen participants on one day of the activity."""

    on = forms.DateField(label=_("day"), widget=DATE)

    def __init__(self, *args: Any, activity: Activity, participants: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.activity = activity
        self.people = list(participants)
        self.initial.setdefault("on", activity.starts_on)
        for person in self.people:
            self.fields[f"h{person.pk}"] = forms.DecimalField(
                label=person.name, required=False, min_value=Decimal("0"), max_value=Decimal("24"), decimal_places=2,
                widget=forms.NumberInput(attrs={"step": "0.25", "inputmode": "decimal"}))

    def clean_on(self) -> Any:
        on = self.cleaned_data["on"]
        if not (self.activity.starts_on <= on <= self.activity.ends_on):
            raise ValidationError(_("The day must be one of the activity's days."))
        return on

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        for person in self.people:
            value = data.get(f"h{person.pk}")
            if value is not None and Decimal(0) < value < Decimal("0.25"):
                self.add_error(f"h{person.pk}", _("Record at least a quarter of an hour, or leave it empty."))
        return data

    def hours(self) -> dict[int, Decimal | None]:
        return {p.pk: self.cleaned_data.get(f"h{p.pk}") for p in self.people}

