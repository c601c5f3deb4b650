"""Forms of the awards pages. Labels are translated; times are entered in the round's own time zone."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo, available_timezones

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from paritas.web.accounts.models import User
from paritas.web.awards.models import Area, Criterion, Decision, Programme, Question, Round, Stage
from paritas.web.organisations.models import Organisation

LANGUAGE_CHOICES = [("de", "Deutsch"), ("sv", "Svenska"), ("en", "English")]
TEMPLATE_CHOICES = [("equal_opportunity", _("Equal-opportunity award (six areas, jury statement)")),
                    ("family_friendly", _("Family-friendly employer (checklist)"))]
#: The zones award bodies in the seeds' countries use first, then every other IANA zone.
FIRST_ZONES = ["Europe/Berlin", "Europe/Stockholm", "Europe/Vienna", "Europe/Zurich", "Europe/London", "UTC"]


def _zones() -> list[tuple[str, str]]:
    rest = sorted(z for z in available_timezones() if z not in FIRST_ZONES and "/" in z)
    return [(z, z) for z in FIRST_ZONES + rest]


class NewProgrammeForm(forms.Form):
    template = forms.ChoiceField(label=_("Template"), choices=TEMPLATE_CHOICES)
    language = forms.ChoiceField(label=_("Language of the programme"), choices=LANGUAGE_CHOICES,
                                 help_text=_("The template's areas, criteria and questions are written in it; "
                                             "statements and certificates use it."))
    name = forms.CharField(label=_("Name"), max_length=200)
    slug = forms.SlugField(label=_("Short name in addresses"), max_length=50,
                           help_text=_("Lower-case letters, digits and hyphens, e.g. praedikat-2027."))

    def clean_slug(self) -> str:
        slug = self.cleaned_data["slug"]
        if Programme.objects.filter(slug=slug).exists():
            raise forms.ValidationError(_("This short name is taken."))
        return slug


class ProgrammeForm(forms.ModelForm):
    eligible_types = forms.MultipleChoiceField(
        label=_("Eligible types of organisation"), choices=Organisation.Type.choices, required=False,
        widget=forms.CheckboxSelectMultiple, help_text=_("None ticked: open to every type."))
    languages = forms.MultipleChoiceField(label=_("Languages"), choices=LANGUAGE_CHOICES,
                                          widget=forms.CheckboxSelectMultiple,
                                          help_text=_("The first is the language of statements and certificates."))
    add_on_to = forms.ModelChoiceField(label=_("Add-on award to"), queryset=Programme.objects.none(), required=False,
                                       help_text=_("For example a diversity add-on to the main award."))

    class Meta:
        model = Programme
        fields = ["name", "awarding_body", "place", "chair_title", "description", "eligible_types", "min_size",
                  "max_size", "validity_years", "languages", "scoring", "checklist_threshold", "add_on_to"]
        labels = {"scoring": _("Scoring"), "checklist_threshold": _("Checklist: “yes” answers needed to apply")}

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        administered = Programme.objects.filter(administrators=user, add_on_to__isnull=True)
        self.fields["add_on_to"].queryset = administered.exclude(pk=self.instance.pk)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        low, high = data.get("min_size"), data.get("max_size")
        if low is not None and high is not None and low > high:
            self.add_error("max_size", _("The largest size is below the smallest."))
        if data.get("validity_years") == 0:
            self.add_error("validity_years", _("An award is valid at least one year."))
        return data


class AreaForm(forms.ModelForm):
    class Meta:
        model = Area
        fields = ["title"]


class CriterionForm(forms.ModelForm):
    class Meta:
        model = Criterion
        fields = ["title", "scale_max", "weight", "minimum"]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        top, minimum, weight = data.get("scale_max"), data.get("minimum"), data.get("weight")
        if top is not None and not 1 <= top <= 100:
            self.add_error("scale_max", _("The highest score must be between 1 and 100."))
        if top is not None and minimum is not None and minimum > top:
            self.add_error("minimum", _("The minimum is above the highest score."))
        if weight is not None and weight <= 0:
            self.add_error("weight", _("The weight must be above zero."))
        return data


class QuestionForm(forms.ModelForm):
    choices_text = forms.CharField(label=_("Options, one per line"), required=False, widget=forms.Textarea(
        attrs={"rows": 3}), help_text=_("For single and multiple choice."))

    class Meta:
        model = Question
        fields = ["text", "kind", "required", "structural_field"]
        labels = {"kind": _("Kind of answer"), "required": _("Required"),
                  "structural_field": _("Filled from the workforce snapshot")}
        help_texts = {"structural_field": _("A figure of the structure report, e.g. employees.total, women_share, "
                                            "leadership.women_share.")}
        widgets = {"text": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["choices_text"].initial = "\n".join(self.instance.choices)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        options = [line.strip() for line in (data.get("choices_text") or "").splitlines() if line.strip()]
        if data.get("kind") in (Question.Kind.SINGLE, Question.Kind.MULTIPLE) and len(options) < 2:
            self.add_error("choices_text", _("Give at least two options."))
        if len(set(options)) != len(options):
            self.add_error("choices_text", _("Each option only once."))
        self.instance.choices = options
        return data


class RoundForm(forms.ModelForm):
    """Opening and closing are entered as local date and time in the chosen zone and stored in UTC."""

    time_zone = forms.ChoiceField(label=_("Time zone"), choices=_zones, initial="Europe/Berlin")
    opens_local = forms.DateTimeField(label=_("Opens (date and time)"),
                                      widget=forms.DateTimeInput(attrs={"type": "datetime-local"},
                                                                 format="%Y-%m-%dT%H:%M"))
    closes_local = forms.DateTimeField(label=_("Closes (date and time)"),
                                       widget=forms.DateTimeInput(attrs={"type": "datetime-local"},
                                                                  format="%Y-%m-%dT%H:%M"),
                                       help_text=_("The last moment a submission is accepted is the minute "
                                                   "before."))

    class Meta:
        model = Round
        fields = ["title", "time_zone", "fee_note"]
        labels = {"fee_note": _("Fee")}

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            zone = ZoneInfo(self.instance.time_zone)
            self.initial["opens_local"] = timezone.localtime(self.instance.opens_at, zone).replace(tzinfo=None)
            self.initial["closes_local"] = timezone.localtime(self.instance.closes_at, zone).replace(tzinfo=None)
        self.order_fields(["title", "time_zone", "opens_local", "closes_local", "fee_note"])

    @staticmethod
    def _aware(value: datetime, zone: ZoneInfo) -> datetime:
        return value.replace(tzinfo=None).replace(tzinfo=zone)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        zone_name, opens, closes = data.get("time_zone"), data.get("opens_local"), data.get("closes_local")
        if zone_name and opens and closes:
            zone = ZoneInfo(zone_name)
            self.instance.opens_at = self._aware(opens, zone)
            self.instance.closes_at = self._aware(closes, zone)
            if self.instance.closes_at <= self.instance.opens_at:
                self.add_error("closes_local", _("The round must close after it opens."))
        return data


class JurorForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address of the juror"))

    def clean_email(self) -> User:
        user = User.objects.filter(email__iexact=self.cleaned_data["email"], is_active=True).first()
        if user is None:
            raise forms.ValidationError(_("Nobody with this address has an account yet; invite them first."))
        return user


class AdministratorForm(JurorForm):
    email = forms.EmailField(label=_("E-mail address of the administrator"))


class DecisionForm(forms.ModelForm):
    class Meta:
        model = Decision
        fields = ["outcome", "reasons"]
        labels = {"outcome": _("Decision")}
        widgets = {"reasons": forms.Textarea(attrs={"rows": 3})}


class StatementForm(forms.Form):
    statement = forms.CharField(label=_("Jury statement"), widget=forms.Textarea(attrs={"rows": 14}))


class StageForm(forms.ModelForm):
    """A review stage; its review opens and closes in the round's time zone."""

    opens_local = forms.DateTimeField(label=_("Review opens (date and time)"),
                                      widget=forms.DateTimeInput(attrs={"type": "datetime-local"},
                                                                 format="%Y-%m-%dT%H:%M"))
    closes_local = forms.DateTimeField(label=_("Review closes (date and time)"),
                                       widget=forms.DateTimeInput(attrs={"type": "datetime-local"},
                                                                  format="%Y-%m-%dT%H:%M"))

    class Meta:
        model = Stage
        fields = ["name", "sheet", "rule", "rule_value", "anonymised", "redacted_questions", "redacted_terms",
                  "other_reviews", "outcome_to_applicants", "reminder_days"]
        widgets = {"redacted_questions": forms.CheckboxSelectMultiple,
                   "redacted_terms": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, round_: Round, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.round = round_
        if "redacted_questions" in self.fields:
            hidden = self.fields["redacted_questions"]
            hidden.queryset = Question.objects.filter(criterion__area__programme=round_.programme)
            hidden.label_from_instance = lambda q: q.text[:120]
            hidden.help_text = _("Reviewers of an anonymised stage do not see these answers.")
        zone = ZoneInfo(round_.time_zone)
        if self.instance.pk:
            self.initial["opens_local"] = timezone.localtime(self.instance.opens_at, zone).replace(tzinfo=None)
            self.initial["closes_local"] = timezone.localtime(self.instance.closes_at, zone).replace(tzinfo=None)
        self.order_fields(["name", "opens_local", "closes_local"])

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        zone = ZoneInfo(self.round.time_zone)
        opens, closes = data.get("opens_local"), data.get("closes_local")
        if opens and closes:
            self.instance.opens_at = RoundForm._aware(opens, zone)
            self.instance.closes_at = RoundForm._aware(closes, zone)
            if self.instance.closes_at <= self.instance.opens_at:
                self.add_error("closes_local", _("A stage's review closes after it opens."))
        rule, value = data.get("rule"), data.get("rule_value")
        if rule == Stage.Rule.TOP and not value:
            self.add_error("rule_value", _("Say how many applications move on."))
        if rule == Stage.Rule.MINIMUM and (value is None or value > 100):
            self.add_error("rule_value", _("Give the minimum mean score in per cent (0 to 100)."))
        if data.get("reminder_days") is not None and data["reminder_days"] > 60:
            self.add_error("reminder_days", _("At most 60 days before the close."))
        return data


class NewStageForm(StageForm):
    class Meta(StageForm.Meta):
        fields = ["name", "sheet", "rule", "rule_value", "anonymised", "other_reviews", "reminder_days"]


class MessageForm(forms.Form):
    """The chair's message to a group of a round's applicants, with placeholders."""

    audience = forms.ChoiceField(label=_("To"))
    subject = forms.CharField(label=_("Subject"), max_length=300)
    body = forms.CharField(label=_("Message"), widget=forms.Textarea(attrs={"rows": 12}), max_length=20000)

    def __init__(self, *args: Any, round_: Round, **kwargs: Any):
        from paritas.web.awards import communications

        super().__init__(*args, **kwargs)
        self.round = round_
        self.fields["audience"].choices = communications.audiences(round_)
        self.fields["body"].help_text = _("Placeholders: %(list)s") % {
            "list": ", ".join(f"{{{k}}}" for k in communications.PLACEHOLDERS)}

    def _checked(self, name: str) -> str:
        from django.core.exceptions import ValidationError

        from paritas.web.awards import communications

        try:
            return communications.check(self.cleaned_data[name])
        except ValidationError as exc:
            raise forms.ValidationError(exc.messages) from exc

    def clean_subject(self) -> str:
        return self._checked("subject")

    def clean_body(self) -> str:
        return self._checked("body")


class RedactedCopyForm(forms.Form):
    attachment = forms.IntegerField(widget=forms.HiddenInput)
    file = forms.FileField(label=_("Redacted copy"))
