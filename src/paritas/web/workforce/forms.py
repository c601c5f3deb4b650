from __future__ import annotations

from datetime import date

from django import forms
from django.utils.translation import gettext_lazy as _


def _last_year_end() -> date:
    return date(date.today().year - 1, 12, 31)


class UploadForm(forms.Form):
    file = forms.FileField(label=_("HR export"),
                           help_text=_("CSV, Excel (.xlsx), OpenDocument (.ods) or Parquet; one row per person."))
    reference_date = forms.DateField(label=_("Reference date"), initial=_last_year_end,
                                     widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                                     help_text=_("The day the export describes; ages and years of service count "
                                                 "to it."))
