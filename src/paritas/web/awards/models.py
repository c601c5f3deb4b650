"""Award programmes (docs/awards.md): a programme with its criteria catalogue, rounds with a call and
review stages, applications (alone or with co-applicants) with versioned answers, jury assignments and
scores per stage, decisions and the awards they grant, and the log of every message the programme sends.

Business rules live in services.py; these are the records.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Programme(models.Model):
    class Scoring(models.TextChoices):
        WEIGHTED = "weighted", _("weighted scores")
        HOLISTIC = "holistic", _("holistic judgement (comments and a recommendation, no points)")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(unique=True)
    awarding_body = models.CharField(_("awarding body"), max_length=200)
    place = models.CharField(_("place of the awarding body"), max_length=100, blank=True,
                             help_text=_("Printed on certificates before the date, for example “Köln”."))
    chair_title = models.CharField(_("title of the signatory"), max_length=100, blank=True,
                                   help_text=_("Printed under the signature line; empty: “Chair of the jury”."))
    description = models.TextField(_("description"), blank=True)
    eligible_types = models.JSONField(_("eligible types of organisation"), default=list, blank=True)
    min_size = models.PositiveIntegerField(_("smallest eligible size"), null=True, blank=True)
    max_size = models.PositiveIntegerField(_("largest eligible size"), null=True, blank=True)
    validity_years = models.PositiveSmallIntegerField(_("validity in years"), default=3)
    languages = models.JSONField(default=list, blank=True)
    scoring = models.CharField(max_length=10, choices=Scoring.choices, default=Scoring.WEIGHTED)
    #: Checklist programmes: apply when at least this many yes/no questions are answered "yes".
    checklist_threshold = models.PositiveSmallIntegerField(null=True, blank=True)
    add_on_to = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="add_ons")
    administrators = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="administered")

    def __str__(self) -> str:
        return self.name


class Area(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="areas")
    title = models.CharField(_("title"), max_length=200)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]


class Criterion(models.Model):
    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="criteria")
    title = models.CharField(_("title"), max_length=300)
    order = models.PositiveSmallIntegerField(default=0)
    scale_max = models.PositiveSmallIntegerField(_("highest score"), default=5)
    weight = models.DecimalField(_("weight"), max_digits=5, decimal_places=2, default=1)
    minimum = models.PositiveSmallIntegerField(_("minimum to pass"), null=True, blank=True)

    class Meta:
        ordering = ["area__order", "order", "id"]


class Question(models.Model):
    class Kind(models.TextChoices):
        TEXT = "text", _("text")
        YES_NO = "yes_no", _("yes/no")
        SINGLE = "single", _("single choice")
        MULTIPLE = "multiple", _("multiple choice")
        NUMBER = "number", _("number")
        FILE = "file", _("file upload")

    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="questions")
    text = models.TextField(_("question"))
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.TEXT)
    choices = models.JSONField(default=list, blank=True)
    required = models.BooleanField(default=True)
    order = models.PositiveSmallIntegerField(default=0)
    #: Filled in from the attached workforce snapshot: a path into paritas.structure/1, e.g.
    #: "employees.total" or "leadership.women_share".
    structural_field = models.CharField(max_length=100, blank=True, default="")

    class Meta:
        ordering = ["criterion__area__order", "criterion__order", "order", "id"]


class Round(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="rounds")
    title = models.CharField(_("title"), max_length=200)
    opens_at = models.DateTimeField(_("opens"))
    closes_at = models.DateTimeField(_("closes"))
    fee_note = models.TextField(_("fee"), blank=True)
    #: Opening and closing times are shown and entered in this zone (the call names it), stored in UTC.
    time_zone = models.CharField(_("time zone"), max_length=40, default="Europe/Berlin")
    jurors = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="juries")
    opening_mail_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    closing_mail_sent_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-opens_at"]

    @property
    def award_year(self) -> int:
        """The year whose award this round gives: the year it closes, in its own time zone."""
        from zoneinfo import ZoneInfo

        return self.closes_at.astimezone(ZoneInfo(self.time_zone)).year

    def __str__(self) -> str:
        return f"{self.programme} – {self.title}"


class Application(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SUBMITTED = "submitted", _("submitted")
        WITHDRAWN = "withdrawn", _("withdrawn")

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="applications")
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE,
                                     related_name="applications")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    snapshot = models.ForeignKey("workforce.Snapshot", null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+")
    #: The equality or action plan (one version of it) the application shows the jury.
    plan_version = models.ForeignKey("plans.PlanVersion", null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="applications")
    created_at = models.DateTimeField(auto_now_add=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    #: Co-applicants (a local alliance applying as one): their editors work on it once they accepted.
    partners = models.ManyToManyField("organisations.Organisation", through="Partnership", blank=True,
                                      related_name="partner_applications")

    class Meta:
        unique_together = [("round", "organisation")]

    def organisations(self) -> list:  # type: ignore[type-arg]
        """The applicant and the co-applicants who accepted, the applicant first."""
        return [self.organisation, *self.partners.filter(partnerships__accepted_at__isnull=False,
                                                          partnerships__application=self).order_by("name")]


class Partnership(models.Model):
    """A co-applicant: invited by the applicant's owner, it works on the application once one of its
    owners accepted; the award is recorded for it too."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="partnerships")
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE,
                                     related_name="partnerships")
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    invited_at = models.DateTimeField(auto_now_add=True)
    accepted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        unique_together = [("application", "organisation")]


class Answer(models.Model):
    """One answer, versioned: a save names the version it started from, so two editors never overwrite
    each other unseen (optimistic locking)."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="+")
    value = models.JSONField(null=True)
    version = models.PositiveIntegerField(default=0)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        unique_together = [("application", "question")]


class Attachment(models.Model):
    """A file an applicant uploaded as the answer to a file question; the answer's value names it."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="attachments")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    content = models.BinaryField()
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)
    #: The copy an administrator redacted by hand for anonymised stages (reviewers there get only this one).
    redacted = models.BinaryField(null=True, blank=True)
    redacted_type = models.CharField(max_length=100, blank=True)


class Stage(models.Model):
    """One step of a round's review (screening, jury review, site visit, final decision): its dates, its
    reviewers (empty: the round's whole jury), its sheet, the rule for who moves on and what each role sees.
    The stages of a round are compiled into one state machine (awards/domain/stages.py)."""

    class Sheet(models.TextChoices):
        SCORES = "scores", _("score sheet (the programme's criteria)")
        RECOMMENDATION = "recommendation", _("recommendation and comment, no scores")
        NONE = "none", _("no review sheet")

    class Rule(models.TextChoices):
        MANUAL = "manual", _("chosen by hand")
        TOP = "top", _("the best N by mean score")
        MINIMUM = "minimum", _("a mean score of at least")

    class OtherReviews(models.TextChoices):
        AFTER_OWN = "after_own", _("after submitting their own")
        ALWAYS = "always", _("always")
        NEVER = "never", _("never")

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="stages")
    order = models.PositiveSmallIntegerField(default=0)
    name = models.CharField(_("name"), max_length=100)
    opens_at = models.DateTimeField(_("review opens"))
    closes_at = models.DateTimeField(_("review closes"))
    reviewers = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="review_stages",
                                       help_text=_("Empty: the round's whole jury."))
    sheet = models.CharField(_("review sheet"), max_length=15, choices=Sheet.choices, default=Sheet.SCORES)
    rule = models.CharField(_("who moves on"), max_length=10, choices=Rule.choices, default=Rule.MANUAL)
    #: N for the top-N rule; the minimum mean score in per cent for the minimum rule.
    rule_value = models.PositiveSmallIntegerField(_("N or minimum (%)"), null=True, blank=True)
    anonymised = models.BooleanField(_("anonymised review"), default=False)
    redacted_questions = models.ManyToManyField(Question, blank=True, related_name="+",
                                                verbose_name=_("answers hidden from reviewers"))
    redacted_terms = models.TextField(_("further words to redact"), blank=True,
                                      help_text=_("One per line, for example people's names in the answers."))
    other_reviews = models.CharField(_("other reviewers' scores shown"), max_length=10,
                                     choices=OtherReviews.choices, default=OtherReviews.AFTER_OWN)
    outcome_to_applicants = models.BooleanField(_("applicants see whether they moved on"), default=False)
    reminder_days = models.PositiveSmallIntegerField(_("reminder (days before the close)"), null=True, blank=True,
                                                     default=3)
    #: Set when the selection was applied (the stage is done); cleared when it is reopened.
    decided_at = models.DateTimeField(null=True, blank=True, editable=False)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", editable=False)

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.name


class StageEntry(models.Model):
    """An application in a stage: under review, moved on, or not moved on (with who decided and when)."""

    class State(models.TextChoices):
        REVIEW = "review", _("under review")
        ADVANCED = "advanced", _("moved on")
        OUT = "out", _("did not move on")

    stage = models.ForeignKey(Stage, on_delete=models.CASCADE, related_name="entries")
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="stage_entries")
    state = models.CharField(max_length=10, choices=State.choices, default=State.REVIEW)
    changed_at = models.DateTimeField(auto_now=True)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")

    class Meta:
        unique_together = [("stage", "application")]


class Assignment(models.Model):
    class Recommendation(models.TextChoices):
        YES = "yes", _("move on")
        NO = "no", _("do not move on")

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="assignments")
    stage = models.ForeignKey(Stage, on_delete=models.CASCADE, related_name="assignments")
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="assignments")
    juror = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="assignments")
    conflict_declared = models.BooleanField(default=False)
    conflict_reason = models.CharField(max_length=300, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    #: When the juror was told of this assignment (one e-mail per juror lists the new ones).
    notified_at = models.DateTimeField(null=True, blank=True, editable=False)
    #: When the juror was last reminded of it (automatically before the close, or by the chair).
    reminded_at = models.DateTimeField(null=True, blank=True, editable=False)
    #: Stages with a recommendation sheet: the reviewer's recommendation and note.
    recommendation = models.CharField(max_length=3, choices=Recommendation.choices, blank=True)
    note = models.TextField(blank=True)

    class Meta:
        unique_together = [("stage", "application", "juror")]


class Score(models.Model):
    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="+")
    score = models.PositiveSmallIntegerField(null=True, blank=True)
    comment = models.TextField(blank=True)
    version = models.PositiveIntegerField(default=0)

    class Meta:
        unique_together = [("assignment", "criterion")]


class Decision(models.Model):
    class Outcome(models.TextChoices):
        AWARD = "award", _("award")
        NOT_THIS_TIME = "not_this_time", _("not this time")
        DEFER = "defer", _("defer")

    application = models.OneToOneField(Application, on_delete=models.CASCADE, related_name="decision")
    outcome = models.CharField(max_length=15, choices=Outcome.choices)
    reasons = models.TextField(_("reasons"))
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField(auto_now_add=True)
    #: The jury statement (Jurybegründung): drafted from the figures, the measures and the jurors' notes,
    #: edited and approved by the chair.
    statement = models.TextField(_("jury statement"), blank=True)
    statement_approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                              on_delete=models.SET_NULL, related_name="+")
    statement_approved_at = models.DateTimeField(null=True, blank=True)


class Award(models.Model):
    """An award held: valid for the programme's validity in calendar years from the year of its round (the
    2019 round gives 2019–2021), whatever day the jury decided."""

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE, related_name="awards")
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="awards")
    #: The application it was given for; a joint application gives one award to each of its organisations.
    application = models.ForeignKey(Application, null=True, on_delete=models.SET_NULL, related_name="awards")
    awarded_on = models.DateField()
    valid_from = models.DateField()
    valid_until = models.DateField()
    number = models.PositiveSmallIntegerField(help_text="1 = the organisation's first award in this programme")
    reminder_sent_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-awarded_on"]

    @property
    def validity(self) -> str:
        """'2019–2021': the calendar years the award is valid."""
        return f"{self.valid_from.year}–{self.valid_until.year}"


class Message(models.Model):
    """Every e-mail a programme sends, one row per recipient: to whom, when, what, and whether the mail
    server took it (sent) or refused it (bounced, with the server's reason). Applicants read theirs in the
    platform; the administrators read the whole log of a round. "Bounced" is the mail server refusing the
address; "not sent" is the server not reached (the reason is kept in both cases)."""

    class Kind(models.TextChoices):
        CALL_OPEN = "call_open", _("call open")
        CLOSING = "closing", _("one week left")
        EXPIRING = "expiring", _("award expiring")
        ASSIGNED = "assigned", _("new assignments")
        REMINDER = "reminder", _("review reminder")
        ROUND = "round", _("message to applicants")
        PARTNER = "partner", _("co-applicant invitation")

    class Status(models.TextChoices):
        QUEUED = "queued", _("waiting to be sent")
        SENT = "sent", _("sent")
        BOUNCED = "bounced", _("bounced")
        FAILED = "failed", _("not sent")

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="messages")
    round = models.ForeignKey(Round, null=True, blank=True, on_delete=models.CASCADE, related_name="messages")
    application = models.ForeignKey(Application, null=True, blank=True, on_delete=models.CASCADE,
                                    related_name="messages")
    organisation = models.ForeignKey("organisations.Organisation", null=True, blank=True,
                                     on_delete=models.CASCADE, related_name="award_messages")
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="award_messages")
    address = models.EmailField()
    kind = models.CharField(max_length=10, choices=Kind.choices)
    subject = models.CharField(max_length=300)
    body = models.TextField()
    sent_at = models.DateTimeField()
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="+")
    status = models.CharField(max_length=10, choices=Status.choices)
    error = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-sent_at", "-pk"]
