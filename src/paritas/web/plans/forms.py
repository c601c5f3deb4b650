"""Forms of the plans pages: they collect and label; the rules are in services.py."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from paritas.web.plans.models import Measure, Plan, Target


class PlanForm(forms.ModelForm):
    departments_text = forms.CharField(label=_("Departments (one a line; empty: the whole organisation)"),
                                       required=False, widget=forms.Textarea(attrs={"rows": 3}))

    class Meta:
        model = Plan
        fields = ["title", "kind", "legal_basis", "period_start", "period_end", "equality_officer"]

    def __init__(self, *args: Any, members: Any = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["equality_officer"].queryset = members
        self.fields["equality_officer"].required = False

    def departments(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data.get("departments_text", "").splitlines() if line.strip()]


class TargetForm(forms.ModelForm):
    interim_text = forms.CharField(label=_("Interim targets (year: per cent, one a line)"), required=False,
                                   widget=forms.Textarea(attrs={"rows": 3}), help_text=_("For example: 2026: 40"))

    class Meta:
        model = Target
        fields = ["area", "group", "basis", "target", "deadline", "note"]

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        if self.instance.pk and self.instance.interim:
            self.fields["interim_text"].initial = "\n".join(f"{i['year']}: {i['target']:g}"
                                                            for i in self.instance.interim)

    def clean_interim_text(self) -> list[dict[str, Any]]:
        items = []
        for line in self.cleaned_data.get("interim_text", "").splitlines():
            if not line.strip():
                continue
            year, _sep, value = line.partition(":")
            if not year.strip().isdigit() or not value.strip():
                raise forms.ValidationError(_("Write each interim target as year: per cent, e.g. 2026: 40."))
            items.append({"year": int(year.strip()), "target": value.strip()})
        return items


class MeasureForm(forms.ModelForm):
    reported_on = forms.DateField(label=_("Report the indicator: on"), required=False,
                                  widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    reported_value = forms.FloatField(label=_("Report the indicator: value"), required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if (data.get("reported_on") is None) != (data.get("reported_value") is None):
            raise forms.ValidationError(_("Give both the date and the value of the indicator, or neither."))
        value = data.get("reported_value")
        if value is not None and not -1e12 < value < 1e12:
            self.add_error("reported_value", _("Give a number."))
        return data

    class Meta:
        model = Measure
        fields = ["title", "description", "owner", "target_group", "quantity", "start", "end", "budget", "targets",
                  "indicator", "status", "status_reason"]
        widgets = {"start": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                   "end": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                   "description": forms.Textarea(attrs={"rows": 4}), "targets": forms.CheckboxSelectMultiple}

    def __init__(self, *args: Any, targets: Any = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["targets"].queryset = targets
        self.fields["targets"].required = False


class DecisionForm(forms.Form):
    board = forms.CharField(label=_("Board"), max_length=200, required=False,
                            help_text=_("For example: Haupt- und Finanzausschuss, kommunstyrelsen"))
    reference = forms.CharField(label=_("Decision reference"), max_length=100, required=False)
    note = forms.CharField(label=_("Note on the decision"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class StatementForm(forms.Form):
    statement = forms.CharField(label=_("Statement of the equality officer"), widget=forms.Textarea(attrs={"rows": 6}))


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Measures (CSV)"),
                           help_text=_("One row per measure; columns such as Maßnahme/title, Verantwortlich/owner, "
                                       "Beginn/start, Ende/end, Mittel/budget, Status."))
