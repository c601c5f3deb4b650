from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth import forms as auth_forms
from django.utils.translation import gettext_lazy as _


class LoginForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"), widget=forms.EmailInput(attrs={"autocomplete": "email",
                                                                                      "autofocus": True}))
    password = forms.CharField(label=_("Password"),
                               widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}))


class CodeForm(forms.Form):
    code = forms.CharField(label=_("Six-digit code from your authenticator app"), max_length=10,
                           widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric",
                                                         "autofocus": True}))


class LanguageForm(forms.Form):
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)


class TokenForm(forms.Form):
    name = forms.CharField(label=_("Name of the token"), max_length=100)


class PasswordResetForm(auth_forms.PasswordResetForm):
    """Django's reset form, its mail sent through the platform's outbox (paritas.web.jobs.outbox): the page
    does not wait for the mail server, and answers as quickly for an address with an account as for one
    without (the mail is only queued). The link waits encrypted in the job until it is sent."""

    def send_mail(self, subject_template_name: str, email_template_name: str, context: dict[str, Any],
                  from_email: str | None, to_email: str, html_email_template_name: str | None = None) -> None:
        from django.template import loader

        from paritas.web.jobs.outbox import send_mail

        subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        send_mail(subject, loader.render_to_string(email_template_name, context), from_email, [to_email])
