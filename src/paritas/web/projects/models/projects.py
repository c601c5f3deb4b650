"""A funded project: its funder and programme, owner and partners, period, budget by source, participating
organisations with their target groups and planned numbers, goals, and activities (docs/projects.md)."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from paritas.web.projects import indicators

MONEY = {"max_digits": 14, "decimal_places": 2, "validators": [MinValueValidator(Decimal("0"))]}


class Project(models.Model):
    class Programme(models.TextChoices):
        ESF_2014_2020 = "esf_2014_2020", _("ESF 2014–2020")
        ESF_PLUS = "esf_plus_2021_2027", _("ESF+ 2021–2027")
        NATIONAL = "national", _("national programme")
        OWN = "own", _("own funds")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(unique=True)
    number = models.CharField(_("funder's reference number"), max_length=60, blank=True)
    funder = models.CharField(_("funder"), max_length=200, blank=True,
                              help_text=_("For example: Svenska ESF-rådet."))
    programme = models.CharField(_("programme"), max_length=20, choices=Programme.choices)
    owner = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="owned_projects",
                              verbose_name=_("project owner"))
    starts_on = models.DateField(_("start"))
    ends_on = models.DateField(_("end"))
    aim = models.TextField(_("aim"), blank=True)
    currency = models.CharField(_("currency"), max_length=3, default="SEK",
                                choices=[("SEK", "SEK"), ("EUR", "EUR"), ("CHF", "CHF"), ("GBP", "GBP")])
    language = models.CharField(_("language of the funder's reports"), max_length=2, default="sv",
                                choices=[("de", "Deutsch"), ("sv", "Svenska"), ("en", "English")])
    indicator_set = models.CharField(_("indicators the funder asks for"), max_length=20,
                                     choices=indicators.CHOICES, default="minimal")
    staff = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="project_staff",
                                   verbose_name=_("project staff"))
    anonymised_on = models.DateField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-starts_on", "name"]

    def __str__(self) -> str:
        return self.name


class TargetGroup(models.Model):
    """A group the project works with (seed 004: elected officials, managers, staff)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="target_groups")
    name = models.CharField(_("target group"), max_length=120)

    class Meta:
        ordering = ["pk"]
        unique_together = [("project", "name")]

    def __str__(self) -> str:
        return self.name


class Partner(models.Model):
    """An organisation in the project: a partner of the owner in running it, or a participating
    organisation whose people take part; with the target groups, the planned number of participants and
    how an hour of its people's time is valued as co-financing."""

    class Role(models.TextChoices):
        OWNER = "owner", _("project owner")
        PARTNER = "partner", _("partner")
        PARTICIPATING = "participating", _("participating organisation")

    class CostBasis(models.TextChoices):
        ANNUAL_COST = "annual_cost", _("annual employment cost ÷ annual working hours")
        HOURLY = "hourly", _("a fixed cost per hour")
        SNAPSHOT = "snapshot", _("mean hourly pay from the organisation's HR snapshot")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="partners")
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT,
                                     related_name="project_partnerships", verbose_name=_("organisation"))
    role = models.CharField(_("role"), max_length=15, choices=Role.choices, default=Role.PARTICIPATING)
    target_groups = models.ManyToManyField(TargetGroup, blank=True, verbose_name=_("target groups"))
    planned_participants = models.PositiveIntegerField(_("planned participants"), default=0)
    cost_basis = models.CharField(_("value of an hour"), max_length=12, choices=CostBasis.choices,
                                  default=CostBasis.ANNUAL_COST)
    annual_cost = models.DecimalField(_("annual employment cost of a full-time post"), null=True, blank=True,
                                      help_text=_("Gross salary with the employer's contributions, for a year."),
                                      **MONEY)
    hourly_cost = models.DecimalField(_("cost per hour"), null=True, blank=True, **MONEY)
    on_cost_rate = models.DecimalField(
        _("employer's contributions on pay (%)"), max_digits=5, decimal_places=2, default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_("Added to the snapshot's mean hourly pay, for example 31.42 for Swedish social fees."))
    #: set by the organisation's own owner: may the project show its structure figures (full-time work)?
    shares_figures = models.BooleanField(_("shares its workforce figures with the project"), default=False)

    class Meta:
        ordering = ["role", "organisation__name"]
        unique_together = [("project", "organisation")]

    def __str__(self) -> str:
        return str(self.organisation)


class BudgetLine(models.Model):
    """The planned financing of the project by source: the funder, co-financing by an organisation in cash
    or in kind (its people's working time), own funds, other public funds."""

    class Source(models.TextChoices):
        FUNDER = "funder", _("funder")
        CASH = "cash", _("co-financing in cash")
        IN_KIND = "in_kind", _("co-financing in kind (working time)")
        OTHER = "other", _("other public funds")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="budget")
    source = models.CharField(_("source"), max_length=10, choices=Source.choices)
    partner = models.ForeignKey(Partner, null=True, blank=True, on_delete=models.CASCADE, related_name="budget",
                                verbose_name=_("organisation"))
    amount = models.DecimalField(_("planned amount"), **MONEY)

    class Meta:
        ordering = ["source", "pk"]


class Contribution(models.Model):
    """Money received or paid in: the funder's payments, co-financing in cash, other funds. Co-financing in
    kind is not entered: it is valued from the participants' hours."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="contributions")
    source = models.CharField(_("source"), max_length=10,
                              choices=[c for c in BudgetLine.Source.choices if c[0] != BudgetLine.Source.IN_KIND])
    partner = models.ForeignKey(Partner, null=True, blank=True, on_delete=models.CASCADE,
                                related_name="contributions", verbose_name=_("organisation"))
    on = models.DateField(_("date"))
    amount = models.DecimalField(_("amount"), **MONEY)
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        ordering = ["on", "pk"]


class Goal(models.Model):
    """A goal with an indicator the project counts itself, for one year or the whole period."""

    class Measure(models.TextChoices):
        PARTICIPANTS = "participants", _("participants")
        WOMEN = "women", _("women among the participants")
        MEN = "men", _("men among the participants")
        TARGET_GROUP = "target_group", _("participants of a target group")
        ORGANISATIONS = "organisations", _("organisations with participants")
        HOURS = "hours", _("hours of participation")
        ACTIVITIES = "activities", _("activities held")
        MANUAL = "manual", _("entered by hand")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="goals")
    title = models.CharField(_("goal"), max_length=200)
    measure = models.CharField(_("indicator"), max_length=15, choices=Measure.choices)
    target_group = models.ForeignKey(TargetGroup, null=True, blank=True, on_delete=models.CASCADE,
                                     verbose_name=_("target group"))
    target = models.DecimalField(_("target"), max_digits=12, decimal_places=1,
                                 validators=[MinValueValidator(Decimal("0"))])
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True,
                                            help_text=_("Leave empty for the whole period."))
    manual_value = models.DecimalField(_("value reached (entered by hand)"), max_digits=12, decimal_places=1,
                                       null=True, blank=True)

    class Meta:
        ordering = ["year", "pk"]


class Activity(models.Model):
    class Kind(models.TextChoices):
        TRAINING = "training", _("training")
        WORKSHOP = "workshop", _("workshop")
        COACHING = "coaching", _("coaching")
        PROCESS_SUPPORT = "process_support", _("process support")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="activities")
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    hours = models.DecimalField(_("planned hours per participant"), max_digits=6, decimal_places=2,
                                default=Decimal("0"), validators=[MinValueValidator(Decimal("0"))])
    partners = models.ManyToManyField(Partner, blank=True, verbose_name=_("for the organisations"))
    target_groups = models.ManyToManyField(TargetGroup, blank=True, verbose_name=_("for the target groups"))

    class Meta:
        ordering = ["starts_on", "pk"]
        indexes = [models.Index(fields=["project", "starts_on"])]

    def __str__(self) -> str:
        return self.title
