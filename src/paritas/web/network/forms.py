from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class RegistrationForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    email = forms.EmailField(label=_("E-mail address"))
    organisation_name = forms.CharField(label=_("Organisation"), max_length=200, required=False)
    gender = forms.ChoiceField(label=_("Gender (optional, for the attendance figures)"), required=False,
                               choices=[("", "–"), ("f", _("woman")), ("m", _("man")), ("d", _("other"))])
