"""The forms of the library: an entry's facts, its text in one language, a review, and the search."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from paritas.web.awards.models import Criterion
from paritas.web.library.models import Entry, EntryText, Theme
from paritas.web.plans import library as measure_library


class EntryForm(forms.ModelForm):
    themes = forms.ModelMultipleChoiceField(label=_("themes"), queryset=Theme.objects.all(),
                                            widget=forms.CheckboxSelectMultiple)
    measure_keys = forms.MultipleChoiceField(label=_("related plan measures"), required=False,
                                             widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = Entry
        fields = ["form", "themes", "audience", "group_min", "group_max", "duration_minutes", "sources", "licence",
                  "campaign", "project", "measure_keys", "criteria"]
        widgets = {"sources": forms.Textarea(attrs={"rows": 3}), "criteria": forms.CheckboxSelectMultiple}

    def __init__(self, *args: Any, campaigns: Any = None, projects: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["measure_keys"].choices = [(m.key, m.title) for m in measure_library.MEASURES]
        criteria = self.fields["criteria"]
        criteria.queryset = Criterion.objects.select_related("area__programme").order_by(
            "area__programme__name", "area__order", "order")
        criteria.label_from_instance = lambda c: f"{c.area.programme.name}: {c.title}"
        criteria.required = False
        #: an author publishes for a campaign they coordinate or a project on whose staff they are
        self.restricted = campaigns is not None
        if campaigns is not None:
            self.fields["campaign"].queryset = campaigns
            self.fields["project"].queryset = projects

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if self.restricted and bool(data.get("campaign")) == bool(data.get("project")):
            self.add_error("campaign", _("Choose the campaign or the project that publishes the entry."))
        low, high = data.get("group_min"), data.get("group_max")
        if low and high and high < low:
            self.add_error("group_max", _("The largest group is smaller than the smallest."))
        if data.get("duration_minutes") is not None and not 1 <= data["duration_minutes"] <= 60 * 24:
            self.add_error("duration_minutes", _("Give the duration in minutes, at most a day."))
        return data


class TextForm(forms.ModelForm):
    class Meta:
        model = EntryText
        fields = ["language", "title", "summary", "aim", "materials", "steps"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 3}), "aim": forms.Textarea(attrs={"rows": 2}),
                   "materials": forms.Textarea(attrs={"rows": 2}), "steps": forms.Textarea(attrs={"rows": 8})}


class ReviewForm(forms.Form):
    note = forms.CharField(label=_("Note to the author (required to return the entry)"), required=False,
                           max_length=4000, widget=forms.Textarea(attrs={"rows": 3}))


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    theme = forms.ChoiceField(label=_("Theme"), required=False, choices=[("", _("all")), *list(Theme.Code.choices)])
    form = forms.ChoiceField(label=_("Form"), required=False, choices=[("", _("all")), *list(Entry.Form.choices)])
    audience = forms.ChoiceField(label=_("Target group"), required=False,
                                 choices=[("", _("all")), *list(Entry.Audience.choices)])
    max_minutes = forms.TypedChoiceField(label=_("Duration at most"), required=False, coerce=int, empty_value=None,
                                         choices=[("", _("any")), ("30", _("30 minutes")), ("60", _("1 hour")),
                                                  ("120", _("2 hours")), ("240", _("half a day"))])



