from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from paritas.web.organisations.models import Membership, Organisation


class MemberForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"))
    role = forms.ChoiceField(label=_("Role"), choices=Membership.Role.choices)


class SettingsForm(forms.ModelForm):
    class Meta:
        model = Organisation
        fields = ["name", "type", "sector", "region", "size", "language", "keep_raw_rows", "min_group_size"]

    def clean_min_group_size(self) -> int:
        value = self.cleaned_data["min_group_size"]
        if value < 3:
            raise forms.ValidationError(_("Groups smaller than 3 people cannot be shown anonymously."))
        return value
