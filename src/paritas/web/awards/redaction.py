"""Anonymised review: what reviewers of an anonymised stage read instead of the application.

The redacted copy replaces, in every text the reviewer's pages, PDF and e-mails show, the names of the
applicant and its co-applicants (name and platform address), the names and e-mail addresses of their
members and the further words the stage lists, by a code (``A-17``) or "[…]"; answers to the questions
the stage hides are replaced whole. Attachments are not read: they are flagged for manual redaction, and
reviewers get only the copy an administrator redacted and uploaded. The administrators see both; the
jury statement and the decision use the real identity.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from paritas.web.awards.models import Application, Stage
from paritas.web.organisations.models import Membership

#: Shorter words than this are not redacted on their own (a first name "Li" would blank every "li").
MIN_TERM = 3


def pseudonym(application: Application) -> str:
    """The code reviewers of an anonymised stage know the application by."""
    return f"A-{application.pk}"


def terms(application: Application, stage: Stage) -> list[str]:
    """Every word to redact for ``application`` in ``stage``, longest first (so "Stadt Herne" goes before
    "Herne"): the organisations' names and addresses, each word of them that is a proper name, their
    members' full, first and last names and e-mail addresses, and the stage's own list."""
    organisations = [application.organisation,
                     *[p.organisation for p in application.partnerships.select_related("organisation")]]
    found: set[str] = set()
    for organisation in organisations:
        found.update({organisation.name, organisation.slug})
        # "Stadt Herne" → also "Herne": capitalised words beyond the generic first word of a name.
        found.update(w for w in re.findall(r"[\w-]+", organisation.name)[1:] if w[:1].isupper())
        members = Membership.objects.filter(organisation=organisation).select_related("user")
        for membership in members:
            user = membership.user
            found.update({user.email, user.email.split("@")[0], user.get_full_name(), user.first_name,
                          user.last_name})
    found.update(line.strip() for line in stage.redacted_terms.splitlines())
    return sorted((t for t in found if len(t) >= MIN_TERM), key=lambda t: (-len(t), t))


@dataclass
class Redactor:
    """Applies one stage's redaction to text; ``active`` False leaves text as it is (stages that are not
    anonymised, and the administrators)."""

    code: str = ""
    words: list[str] = field(default_factory=list)
    hidden_questions: set[int] = field(default_factory=set)
    active: bool = False

    def __post_init__(self) -> None:
        self._pattern = (re.compile("|".join(rf"(?<!\w){re.escape(w)}(?!\w)" for w in self.words), re.IGNORECASE)
                         if self.active and self.words else None)

    def text(self, value: Any) -> Any:
        """The value with every redacted word replaced by "[…]" (strings only; others pass unchanged)."""
        if not isinstance(value, str) or self._pattern is None:
            return value
        return self._pattern.sub("[…]", value)

    def name(self, application: Application) -> str:
        """How the application is named: its code when redacting, else its organisations."""
        if self.active:
            return self.code
        return " / ".join(o.name for o in application.organisations())

    def hides(self, question_id: int) -> bool:
        return self.active and question_id in self.hidden_questions


NONE = Redactor()


def for_stage(application: Application, stage: Stage | None) -> Redactor:
    """The redaction a reviewer of ``stage`` gets for ``application`` (none where it is not anonymised)."""
    if stage is None or not stage.anonymised:
        return NONE
    return Redactor(pseudonym(application), terms(application, stage),
                    set(stage.redacted_questions.values_list("pk", flat=True)), True)


def hidden_answer() -> str:
    return _("[hidden in this stage]")
