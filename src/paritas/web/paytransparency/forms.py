"""Forms of the pay-transparency desk: the job evaluation (factor plan, levels, merge), requests, desk roles,
pay reports and the joint assessment, the pay survey, pay ranges and criteria."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from paritas.analytics import jobs
from paritas.web.paytransparency.models import Evaluation, Job
from paritas.web.paytransparency.names import FACTOR_NAMES, subfactor_name

PERCENT = {"min_value": Decimal("0.1"), "max_value": Decimal("100"), "decimal_places": 1}


class PlanForm(forms.Form):
    """The weights of the four factors and of each sub-factor within its factor (in %), the levels of each
    sub-factor, and the bands: a width in points or boundaries."""

    band_width = forms.IntegerField(label=_("band width (points)"), min_value=1, max_value=1000, required=False)
    boundaries = forms.CharField(label=_("or band boundaries (points, separated by commas)"), required=False,
                                 max_length=400, help_text=_("For example 300, 450, 600. Boundaries take precedence."))

    def __init__(self, *args: Any, evaluation: Evaluation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.evaluation = evaluation
        names = evaluation.names()
        for factor in jobs.FACTORS:
            self.fields[f"w_{factor}"] = forms.DecimalField(
                label=_("weight of %(f)s (%%)") % {"f": FACTOR_NAMES[factor]}, **PERCENT,
                initial=round(Decimal(str(evaluation.factor_weights.get(factor, 0))) * 100, 1))
        for sub in evaluation.subfactors:
            self.fields[f"s_{sub['key']}"] = forms.DecimalField(
                label=_("%(s)s: weight within %(f)s (%%)") % {"s": subfactor_name(sub["key"], names),
                                                               "f": FACTOR_NAMES.get(sub["factor"], sub["factor"])},
                **PERCENT, initial=round(Decimal(str(sub["weight"])) * 100, 1))
            self.fields[f"l_{sub['key']}"] = forms.IntegerField(
                label=_("%(s)s: levels") % {"s": subfactor_name(sub["key"], names)}, min_value=2, max_value=10,
                initial=sub["levels"])
        self.initial.setdefault("band_width", evaluation.band_width)
        self.initial.setdefault("boundaries", ", ".join(f"{b:g}" for b in evaluation.boundaries))
        self.order_fields([*[f"w_{f}" for f in jobs.FACTORS], *[n for s in evaluation.subfactors
                                                                 for n in (f"s_{s['key']}", f"l_{s['key']}")]])

    def clean_boundaries(self) -> list[float]:
        text = self.cleaned_data.get("boundaries", "")
        try:
            values = [float(p.replace(",", ".")) for p in text.replace(";", " ").replace(", ", " ").split() if p]
        except ValueError:
            raise ValidationError(_("Write the boundaries as numbers, for example 300, 450, 600.")) from None
        if any(not (0 < v < 100000) for v in values) or len(set(values)) != len(values):
            raise ValidationError(_("Boundaries must be different numbers above 0."))
        return sorted(values)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if self.errors:
            return data
        if not data.get("boundaries") and not data.get("band_width"):
            self.add_error("band_width", _("Give a band width or boundaries."))
        # Weights entered with one decimal (three thirds are 33.3 % each) are scaled to add up to exactly
        # 100 % when they come within half a percentage point of it; further off is an error.
        weights = {f: float(data[f"w_{f}"]) for f in jobs.FACTORS}
        if abs(sum(weights.values()) - 100) > 0.5:
            self.add_error(None, _("The factor weights must add up to 100 %."))
            return data
        weights = {f: w / sum(weights.values()) for f, w in weights.items()}
        subs = []
        for factor in jobs.FACTORS:
            mine = [s for s in self.evaluation.subfactors if s["factor"] == factor]
            total = sum(float(data[f"s_{s['key']}"]) for s in mine)
            if abs(total - 100) > 0.5:
                self.add_error(None, _("The sub-factor weights of %(f)s must add up to 100 %%.")
                               % {"f": FACTOR_NAMES[factor]})
                return data
            subs += [{**s, "factor": factor, "weight": float(data[f"s_{s['key']}"]) / total,
                      "levels": int(data[f"l_{s['key']}"])} for s in mine]
        plan = jobs.FactorPlan(weights, tuple(jobs.SubFactor(s["key"], s["factor"], s["weight"], s["levels"])
                                              for s in subs))
        try:
            plan.check()
        except jobs.PlanError as exc:
            self.add_error(None, str(exc))
        self.plan_data = (weights, subs)
        return data


class ScoreForm(forms.Form):
    """A job's level on each sub-factor of the plan."""

    note = forms.CharField(label=_("reason (for the history)"), max_length=300, required=False)

    def __init__(self, *args: Any, evaluation: Evaluation, job: Job, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        names = evaluation.names()
        for sub in evaluation.subfactors:
            self.fields[sub["key"]] = forms.TypedChoiceField(
                label=subfactor_name(sub["key"], names), coerce=int,
                choices=[(i, str(i)) for i in range(1, int(sub["levels"]) + 1)],
                initial=job.levels.get(sub["key"]))
        self.order_fields([s["key"] for s in evaluation.subfactors] + ["note"])
        self.keys = [s["key"] for s in evaluation.subfactors]

    def levels(self) -> dict[str, int]:
        return {k: self.cleaned_data[k] for k in self.keys}


class SubFactorForm(forms.Form):
    """A sub-factor of the organisation's own, under one of the four factors."""

    factor = forms.ChoiceField(label=_("factor"), choices=[(f, FACTOR_NAMES[f]) for f in jobs.FACTORS])
    name = forms.CharField(label=_("name of the sub-factor"), max_length=100)
    levels = forms.IntegerField(label=_("levels"), min_value=2, max_value=10, initial=5)


class MergeForm(forms.Form):
    title = forms.CharField(label=_("name of the merged job"), max_length=200)


class RequestForm(forms.ModelForm):
    class Meta:
        from paritas.web.paytransparency.models import InformationRequest

        model = InformationRequest
        fields = ["received_on", "via", "requester", "address", "language", "job", "own_basic", "own_variable"]
        widgets = {"received_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                   "address": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, organisation: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["job"].queryset = Job.objects.filter(organisation=organisation)
        for name in ("own_basic", "own_variable"):
            self.fields[name].min_value = Decimal("0")
            self.fields[name].validators.append(_not_negative)
        self.initial.setdefault("language", getattr(organisation, "language", "de"))

    def clean_received_on(self) -> Any:
        from django.utils import timezone

        day = self.cleaned_data["received_on"]
        if day > timezone.localdate():
            raise ValidationError(_("The request cannot have been received in the future."))
        return day


def _not_negative(value: Decimal) -> None:
    if value < 0:
        raise ValidationError(_("Pay cannot be negative."))


class NoticeForm(forms.Form):
    given_on = forms.DateField(label=_("given on"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    how = forms.CharField(label=_("how"), max_length=200, help_text=_("For example: intranet and notice board."))


# -- desk roles and requests filed in the platform --------------------------------------------------------

class DeskRoleForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"))
    role = forms.ChoiceField(label=_("role"), choices=[("worker", _("worker")),
                                                        ("representative", _("workers' representative"))])
    body = forms.CharField(label=_("representing body"), max_length=200, required=False,
                           help_text=_("For representatives: for example the staff council."))


LANGUAGES = [("de", "Deutsch"), ("sv", "Svenska"), ("en", "English")]


class FileRequestForm(forms.Form):
    """A request filed in the platform: by a worker for themself, or by a representative for a worker."""

    requester = forms.CharField(label=_("name of the worker"), max_length=200)
    job = forms.ModelChoiceField(label=_("the worker's job"), queryset=Job.objects.none())
    language = forms.ChoiceField(label=_("language of the answer"), choices=LANGUAGES)
    message = forms.CharField(label=_("your request (optional)"), max_length=2000, required=False,
                              widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, organisation: Any, for_self: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["job"].queryset = Job.objects.filter(organisation=organisation)
        if for_self:
            self.fields["requester"].label = _("your name")
            self.fields["job"].label = _("your job")

    def clean_requester(self) -> str:
        from paritas.web.text import clean_text

        return clean_text(self.cleaned_data["requester"])

    def clean_message(self) -> str:
        from paritas.web.text import clean_text

        return clean_text(self.cleaned_data["message"])


class OwnPayForm(forms.Form):
    own_basic = forms.DecimalField(label=_("the worker's basic hourly pay"), min_value=Decimal(0), max_digits=10,
                                   decimal_places=2)
    own_variable = forms.DecimalField(label=_("the worker's complementary or variable pay per hour"),
                                      min_value=Decimal(0), max_digits=10, decimal_places=2, initial=0)


# -- pay reports and the joint pay assessment -----------------------------------------------------------

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ReportForm(forms.Form):
    snapshot = forms.ModelChoiceField(label=_("snapshot"), queryset=None)

    def __init__(self, *args: Any, organisation: Any, **kwargs: Any) -> None:
        from paritas.web.workforce.models import Snapshot

        super().__init__(*args, **kwargs)
        self.fields["snapshot"].queryset = Snapshot.objects.filter(
            organisation=organisation, paygap__isnull=False, pay_reports__isnull=True).order_by("-reference_date")


class ExplanationForm(forms.Form):
    explanation = forms.CharField(label=_("the employer's explanation"), max_length=10000, required=False,
                                  widget=forms.Textarea(attrs={"rows": 5}))
    submitted_on = forms.DateField(label=_("submitted to the monitoring body on"), required=False, widget=DATE)


class DecisionForm(forms.Form):
    outcome = forms.ChoiceField(label=_("outcome"), choices=())
    justification = forms.CharField(label=_("justification or remedy"), max_length=5000, required=False,
                                    widget=forms.Textarea(attrs={"rows": 3}))
    decided_on = forms.DateField(label=_("decided on"), widget=DATE)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from paritas.web.paytransparency.models import FlaggedCategory

        super().__init__(*args, **kwargs)
        self.fields["outcome"].choices = FlaggedCategory.Outcome.choices


class AssessmentForm(forms.ModelForm):
    class Meta:
        from paritas.web.paytransparency.models import JointAssessment

        model = JointAssessment
        fields = ["representatives", "reasons", "leave_women", "leave_women_improved", "leave_men",
                  "leave_men_improved", "evaluation"]
        widgets = {"reasons": forms.Textarea(attrs={"rows": 5}), "evaluation": forms.Textarea(attrs={"rows": 4})}

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        for back, improved in (("leave_women", "leave_women_improved"), ("leave_men", "leave_men_improved")):
            if data.get(improved) is not None and (data.get(back) is None or data[improved] > data[back]):
                self.add_error(improved, _("At most as many as came back from leave."))
        return data


class RemedyForm(forms.Form):
    category = forms.CharField(label=_("category of workers"), max_length=200, required=False)
    description = forms.CharField(label=_("measure"), max_length=400)
    cost = forms.DecimalField(label=_("cost"), min_value=Decimal(0), max_digits=12, decimal_places=2, required=False)
    deadline = forms.DateField(label=_("deadline"), required=False, widget=DATE)


class CommentForm(forms.Form):
    text = forms.CharField(label=_("statement"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4}))

    def clean_text(self) -> str:
        from paritas.web.text import clean_text

        return clean_text(self.cleaned_data["text"])


class PlanVersionForm(forms.Form):
    """Which editable equality-plan version an action goes into."""

    version = forms.ModelChoiceField(label=_("equality plan"), queryset=None)

    def __init__(self, *args: Any, organisation: Any, **kwargs: Any) -> None:
        from paritas.web.plans.models import PlanVersion

        super().__init__(*args, **kwargs)
        self.fields["version"].queryset = PlanVersion.objects.filter(
            plan__organisation=organisation, status__in=[PlanVersion.Status.DRAFT, PlanVersion.Status.RETURNED]
        ).select_related("plan")


# -- the pay survey ---------------------------------------------------------------------------------------

class SurveyForm(forms.Form):
    year = forms.IntegerField(label=_("year"), min_value=2000, max_value=2100)
    snapshot = forms.ModelChoiceField(label=_("snapshot"), queryset=None)

    def __init__(self, *args: Any, organisation: Any, **kwargs: Any) -> None:
        from paritas.web.workforce.models import Snapshot

        super().__init__(*args, **kwargs)
        self.fields["snapshot"].queryset = Snapshot.objects.filter(
            organisation=organisation, job_pay__isnull=False).order_by("-reference_date")


class SurveyTextsForm(forms.ModelForm):
    class Meta:
        from paritas.web.paytransparency.models import PaySurvey

        model = PaySurvey
        fields = ["rules", "cooperation", "previous"]
        widgets = {n: forms.Textarea(attrs={"rows": 4}) for n in fields}


class FindingForm(forms.ModelForm):
    class Meta:
        from paritas.web.paytransparency.models import Finding

        model = Finding
        fields = ["analysis", "verdict", "justified_by", "action", "cost", "deadline"]
        widgets = {"analysis": forms.Textarea(attrs={"rows": 4}), "deadline": DATE}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["cost"].min_value = Decimal(0)
        self.fields["cost"].validators.append(_not_negative)


# -- pay ranges and criteria --------------------------------------------------------------------------

class RangeForm(forms.Form):
    low = forms.DecimalField(label=_("from"), min_value=Decimal("0.01"), max_digits=12, decimal_places=2)
    high = forms.DecimalField(label=_("to"), min_value=Decimal("0.01"), max_digits=12, decimal_places=2)
    basis = forms.CharField(label=_("basis"), max_length=300, required=False)
    published = forms.BooleanField(label=_("published"), required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("low") is not None and data.get("high") is not None and data["high"] < data["low"]:
            self.add_error("high", _("The range runs from an amount above 0 to one at least as high."))
        return data


class CriteriaForm(forms.ModelForm):
    class Meta:
        from paritas.web.paytransparency.models import PayCriteria

        model = PayCriteria
        fields = ["setting", "progression", "full_time_hours", "published"]
        widgets = {"setting": forms.Textarea(attrs={"rows": 5}), "progression": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["full_time_hours"].validators += [MinValueValidator(Decimal(1)), MaxValueValidator(Decimal(60))]
